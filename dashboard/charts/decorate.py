"""A chart dressed for print: title, plan name, « données au <date> », coverage and the source drawn into the figure.

The title and subtitle (plan name, date and coverage « 12 mesures documentées sur 60 ») sit at the top, a
horizontal legend on its own row under them, and the provenance line (plan, date, coverage, source, wrapped to
the image's width) at the bottom.
Colours stay in the Okabe-Ito colour-blind-safe palette. The figures themselves come from the
dashboard's pure builders (``dashboard.charts``); this module only decorates them.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from dashboard.charts.browser import EXPORT_WIDTH
from dashboard.i18n import t
from plans.formatting import fmt_date
from plans.i18n import LANGS

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
DEFAULT_SOURCE = {lang: t("chart.default_source", lang) for lang in LANGS}
TITLE_BLOCK = 78   # px taken by the title and subtitle
LEGEND_ROW = 34    # px for a horizontal legend under the subtitle


def decorate(fig: go.Figure, *, title: str, plan_name: str, as_of, lang: str = "fr",
             source: str | None = None, height: int | None = None, width: int = EXPORT_WIDTH,
             coverage: str | None = None) -> go.Figure:
    """A copy of ``fig`` with title, plan name, « données au … », the coverage (how many measures the figures
    rest on: « 12 mesures documentées sur 60 ») and the source drawn into it.

    ``height`` is the height of the exported image (default: the figure's height plus room for the
    title block and the provenance line, at least 420 px).
    """
    as_of_word = t("chart.data_as_of", lang)
    out = go.Figure(fig)  # an independent copy (a deepcopy first cost ~0.15 s a chart)
    date_txt = fmt_date(as_of, lang) if as_of else ""
    subtitle = " — ".join(x for x in (plan_name, f"{as_of_word} {date_txt}".strip() if date_txt else "", coverage)
                          if x)
    src = source or DEFAULT_SOURCE.get(lang, DEFAULT_SOURCE["fr"])
    margin = out.layout.margin
    h_legend = bool(out.layout.showlegend is not False and out.layout.legend
                    and out.layout.legend.orientation == "h" and len(out.data) > 1)
    top = TITLE_BLOCK + (LEGEND_ROW if h_legend else 0) + max(margin.t or 0, 30)
    n_lines = len(_wrap_words(src, max(40, int(width / 7.2))))
    bottom = max(90, (margin.b or 0) + 75) + 14 * (n_lines - 1) + _slanted_ticks(out)
    if height is None:
        height = max(int(out.layout.height or 360), 300) + top + bottom - (margin.t or 0) - (margin.b or 0)
    height = max(int(height), 420)
    out.update_layout(height=height)
    out.update_layout(
        title={"text": f"<b>{title}</b>", "subtitle": {"text": subtitle, "font": {"size": 14, "color": "#444444"}},
               "x": 0.01, "xanchor": "left", "y": 0.985, "yanchor": "top", "yref": "container",
               "font": {"size": 20, "color": "#111111"}},
        colorway=OKABE_ITO, paper_bgcolor="white", plot_bgcolor="white",
        margin={"l": max(margin.l or 0, 20), "r": max(margin.r or 0, 30), "t": top, "b": bottom},
    )
    # a horizontal legend goes on its own row under the subtitle, clear of the plot's own labels
    if h_legend:
        out.update_layout(legend={"yref": "container", "y": 1 - (TITLE_BLOCK - 4) / height, "yanchor": "top",
                                  "x": 0, "xanchor": "left", "xref": "container"})
    out.add_annotation(
        text=" · ".join(x for x in (plan_name, f"{as_of_word} {date_txt}", coverage) if x) + "<br>" + "<br>".join(
            _wrap_words(t("chart.source_line", lang, source=src), max(40, int(width / 7.2)))),
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-(bottom - 40),
        showarrow=False, align="left", font={"size": 11, "color": "#555555"}, name="vigie-provenance")
    return out


def _slanted_ticks(fig: go.Figure) -> int:
    """Extra room under the plot for slanted category labels on the x axis (the overlaps' matrix): without it the
    provenance line is drawn over them."""
    axis = fig.layout.xaxis
    angle = axis.tickangle if isinstance(axis.tickangle, int | float) else 0
    if not angle or axis.visible is False:
        return 0
    labels = list(axis.ticktext or axis.categoryarray or ()) or [
        x for trace in fig.data for x in (getattr(trace, "x", None) or ())]
    longest = max((len(str(x)) for x in labels), default=0)
    size = (axis.tickfont.size if axis.tickfont and axis.tickfont.size else 12) * 0.55  # px per character
    return int(longest * size * abs(math.sin(math.radians(angle))))


def _wrap_words(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def figure_texts(fig: go.Figure) -> str:
    """All the text drawn by a figure's title, subtitle and annotations (for checks and tests)."""
    parts = [str(fig.layout.title.text or ""), str(fig.layout.title.subtitle.text or "")]
    parts += [str(a.text or "") for a in fig.layout.annotations or ()]
    return "\n".join(parts)


__all__ = ["DEFAULT_SOURCE", "OKABE_ITO", "decorate", "figure_texts"]
