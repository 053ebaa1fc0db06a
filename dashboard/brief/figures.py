"""The brief's four charts (status, time vs progress, slipped dates, governance) as PNG bytes, with every label
large enough once printed: each chart is drawn at a width in pixels chosen for the room the DOCX gives it, and
every font below :func:`min_font_px` is raised to it (:data:`MIN_PRINT_PT` on paper in the compact layout, the
smallest the brief uses)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from dashboard.brief.collect import BriefData
from dashboard.brief.common import _s
from dashboard.brief.docx import PRINT_CM
from dashboard.brief.texts import _t

MIN_PRINT_PT = 7.5  # the smallest text of a brief chart on paper, in points
PAIR_PX, SINGLE_PX = 460, 760  # CSS px of a chart drawn side by side with another / across the page
DEFAULT_FONT_PX = 12  # Plotly's font size when a figure sets none
_INLINE_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


@dataclass
class ChartSpec:
    """One brief chart ready to render: the decorated figure, its size in CSS px and the width it is printed at
    (cm, the compact layout's: the smallest)."""

    fig: Any
    width: int
    height: int
    print_cm: float


def _pt_per_px(spec: ChartSpec) -> float:
    return spec.print_cm / 2.54 * 72 / spec.width


def min_font_px(width: int, print_cm: float) -> int:
    """The smallest font (CSS px) printed at least :data:`MIN_PRINT_PT` when ``width`` px are printed ``print_cm``."""
    return math.ceil(MIN_PRINT_PT / (print_cm / 2.54 * 72 / width))


def _fonts(obj: Any, path: str = ""):
    """(path, font dict) of every font with a numeric size in a figure's JSON."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            here = f"{path}.{key}" if path else key
            if key.endswith("font") and isinstance(value, dict) and isinstance(value.get("size"), int | float):
                yield here, value
            yield from _fonts(value, here)
    elif isinstance(obj, list | tuple):
        for i, value in enumerate(obj):
            yield from _fonts(value, f"{path}[{i}]")


def _strings(obj: Any, path: str = ""):
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _strings(value, f"{path}.{key}" if path else key)
    elif isinstance(obj, list | tuple):
        for i, value in enumerate(obj):
            yield from _strings(value, f"{path}[{i}]")


def printed_sizes(spec: ChartSpec) -> dict[str, float]:
    """Every font size of the chart on paper (pt), by where it is set: the figure's default font, each explicit
    font (title, subtitle, legend, axes, annotations, trace texts) and every inline ``font-size`` of a label."""
    js = spec.fig.to_plotly_json()
    ratio = _pt_per_px(spec)
    default = ((js.get("layout") or {}).get("font") or {}).get("size") or DEFAULT_FONT_PX
    sizes = {"layout.font (default)": default * ratio}
    sizes |= {path: font["size"] * ratio for path, font in _fonts(js)}
    for path, words in _strings(js):
        for i, m in enumerate(_INLINE_SIZE.finditer(words)):
            sizes[f"{path} (inline {i})"] = float(m[1]) * ratio
    return sizes


def _raise_fonts(fig, least: int) -> Any:
    """``fig`` with every font smaller than ``least`` px raised to it (the default one included)."""
    import plotly.graph_objects as go

    js = fig.to_plotly_json()
    layout = js.setdefault("layout", {})
    font = layout.setdefault("font", {})
    font["size"] = max(font.get("size") or DEFAULT_FONT_PX, least)
    for _path, f in _fonts(js):
        f["size"] = max(f["size"], least)

    def inline(obj):
        if isinstance(obj, str):
            return _INLINE_SIZE.sub(lambda m: f"font-size:{max(float(m[1]), least):g}px", obj)
        if isinstance(obj, dict):
            return {k: inline(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [inline(v) for v in obj]
        return obj

    return go.Figure(inline(js))


def _rewrap_provenance(fig, width: int) -> None:
    """The provenance note (plan, date, source) wrapped again for its larger font, and room made for it."""
    from dashboard.charts.decorate import _wrap_words

    for ann in fig.layout.annotations or ():
        if ann.name != "vigie-provenance":
            continue
        size = ann.font.size or DEFAULT_FONT_PX
        # the note starts at the plot's left edge, which Plotly may move right for long axis labels
        room = min(width - (fig.layout.margin.l or 0), width * 0.68) - 8
        chars = max(16, int(room / (0.56 * size)))
        first, _br, rest = str(ann.text or "").partition("<br>")
        lines = [*_wrap_words(first, chars), *_wrap_words(rest.replace("<br>", " "), chars)]
        ann.text = "<br>".join(lines)
        line_px = math.ceil(size * 1.3)
        needed = -(ann.yshift or 0) + len(lines) * line_px + 8
        if needed > (fig.layout.margin.b or 0):
            fig.update_layout(margin_b=needed)


def _room_at_top(fig, least: int) -> int:
    """More room above the plot for a title, subtitle and legend drawn larger than :mod:`decorate` planned; the
    px added."""
    from dashboard.charts.decorate import TITLE_BLOCK

    title = fig.layout.title.font.size or 20
    subtitle = fig.layout.title.subtitle.font.size or 14
    extra = max(title - 20, 0) + max(subtitle - 14, 0) + max(least - DEFAULT_FONT_PX, 0)
    if extra:
        fig.update_layout(margin_t=(fig.layout.margin.t or TITLE_BLOCK) + extra)
    return extra


def _legend_under_title(fig, extra: int) -> None:
    """The horizontal legend :mod:`decorate` puts under the subtitle, moved down by ``extra`` px (at the final
    height)."""
    from dashboard.charts.decorate import TITLE_BLOCK

    if extra and fig.layout.legend and fig.layout.legend.yref == "container":
        fig.update_layout(legend_y=1 - (TITLE_BLOCK + extra - 4) / fig.layout.height)


def brief_figures(data: BriefData) -> dict[str, ChartSpec]:
    """The brief's charts, decorated (title, plan, date, source) and readable once printed, not yet drawn."""
    from dashboard import charts as c
    from dashboard.charts.decorate import decorate

    lang, t = data.lang, _t(data.lang)
    plan_name = _s(data.plan.get("short_title")) or _s(data.plan.get("title_fr"))
    summary_scoped = dict(data.summary, progress=data.scope_progress)
    # (figure, title, width px, height px or None = automatic, printed width cm); status and time side by side
    pair_cm, single_cm = PRINT_CM["pair"][1], PRINT_CM["single"][1]
    donut = c.status_donut(data.by_status, lang)
    donut.update_traces(textposition="outside", selector={"type": "pie"})  # large labels, never turned sideways
    figs = {"status": (donut, t["chart_status"], PAIR_PX, 400, pair_cm),
            "time": (c.time_vs_progress(summary_scoped, lang), t["chart_time"], PAIR_PX, 400, pair_cm)}
    if data.slipped:
        figs["slippage"] = (c.slippage_timeline(data.slipped, lang), t["chart_slip"], SINGLE_PX, None, single_cm)
    if data.governance:
        figs["governance"] = (c.governance_bars(data.governance, lang), t["chart_gov"], SINGLE_PX, 360, single_cm)
    out = {}
    for key, (fig, title, width, height, cm) in figs.items():
        least = min_font_px(width, cm)
        fig = decorate(fig, title=title, plan_name=plan_name, as_of=data.as_of, lang=lang, height=height,
                       width=width)
        plot = int(fig.layout.height) - (fig.layout.margin.t or 0) - (fig.layout.margin.b or 0)
        fig = _raise_fonts(fig, least)
        extra = _room_at_top(fig, least)
        _rewrap_provenance(fig, width)
        # the plot keeps its own height: the image grows by the room the larger labels took
        fig.update_layout(height=plot + (fig.layout.margin.t or 0) + (fig.layout.margin.b or 0))
        _legend_under_title(fig, extra)
        out[key] = ChartSpec(fig, width, int(fig.layout.height), cm)
    return out


def brief_charts(data: BriefData, renderer=None) -> dict[str, bytes]:
    """PNG bytes of the brief's charts (status, time vs progress, slippage, governance), one warm browser."""
    from dashboard.charts.browser import ChartRenderer

    out = {}
    specs = brief_figures(data)
    with ChartRenderer() as own:
        r = renderer or own
        for key, spec in specs.items():
            out[key] = r.render(spec.fig, "png", width=spec.width, height=spec.height, scale=2.8)
    return out
