"""Pure Plotly figure builders: DataFrame/dict in, ``go.Figure`` out (no Streamlit).

Colours come from the colour-blind-safe Okabe-Ito palette in ``plans.vocab``; every status is also
named (symbol + label) in legends and hovers, never shown by colour alone. Date axes carry French
month names built here (Plotly's own locale files are not loaded by Streamlit).
"""

from __future__ import annotations

import datetime as dt
import html
import itertools

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import colon, status_text, t
from plans.formatting import fmt_date, fmt_pct
from plans.vocab import STATUS_CODES, STATUS_COLOURS
from plans.wording import event_subject

FONT = {"family": "Liberation Sans, Arial, sans-serif", "size": 13, "color": "#222222"}
MONTHS = {
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
def _layout(fig: go.Figure, lang: str, **kwargs) -> go.Figure:
    base = {"font": FONT, "separators": ", " if lang == "fr" else ".,", "template": "plotly_white",
            "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "hoverlabel": {"font_size": 13},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}}
    fig.update_layout(**{**base, **kwargs})
    return fig


def empty_figure(lang: str = "fr", message: str | None = None) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message or t("chart.empty", lang), showarrow=False, font={"size": 15, "color": "#555555"},
                       xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, lang, height=220)


def _to_date(value) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    ts = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(ts) else ts.date()


def date_ticks(start: dt.date, end: dt.date, lang: str = "fr", max_ticks: int = 10) -> tuple[list, list]:
    """Tick positions and French/English labels (« janv. 2024 ») between two dates."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= max_ticks)
    vals, text = [], []
    y, m = start.year, start.month
    m = ((m - 1) // step) * step + 1 if step <= 12 else 1
    while dt.date(y, m, 1) <= end:
        if dt.date(y, m, 1) >= start.replace(day=1):
            vals.append(dt.date(y, m, 1))
            text.append(f"{MONTHS.get(lang, MONTHS['fr'])[m - 1]} {y}" if step < 12 else str(y))
        m += step
        while m > 12:
            m, y = m - 12, y + 1
    return vals, text


def _status_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in STATUS_CODES if c in df.columns]


def status_by_axis(df: pd.DataFrame, lang: str = "fr") -> go.Figure:
    """Horizontal stacked bars: one bar per group (axis or lead body), one segment per status."""
    if df is None or df.empty or not _status_columns(df) or df[_status_columns(df)].to_numpy().sum() == 0:
        return empty_figure(lang)
    df = df.iloc[::-1]  # first group on top
    fig = go.Figure()
    names = [_wrap(esc(g), 34) for g in df["group"].astype(str)]
    if "coverage_note" in df.columns:  # « 0 documentée » under each group's name: every axis of the plan is shown
        names = [f"{n}<br><span style='font-size:11px'>{esc(str(note))}</span>"
                 for n, note in zip(names, df["coverage_note"], strict=True)]
    for code in _status_columns(df):
        counts = df[code].fillna(0).astype(int)
        if counts.sum() == 0:
            continue
        label = status_text(code, lang)
        fig.add_bar(y=names, x=counts, name=label, orientation="h",
                    marker_color=STATUS_COLOURS[code], text=[str(v) if v else "" for v in counts],
                    textposition="inside", insidetextanchor="middle",
                    hovertemplate=f"%{{y}}<br>{label}{colon(lang)}%{{x}}<extra></extra>")
    fig.update_layout(barmode="stack", height=max(260, 120 + 62 * len(df)), xaxis_title=t("chart.measures", lang),
                      bargap=0.35)
    fig.update_yaxes(automargin=True, ticksuffix="  ")
    fig.update_xaxes(dtick=1 if df[_status_columns(df)].sum(axis=1).max() <= 12 else None)
    return _layout(fig, lang)


def status_donut(by_status: dict, lang: str = "fr") -> go.Figure:
    items = [(c, int(by_status.get(c) or 0)) for c in STATUS_CODES if by_status and by_status.get(c)]
    if not items:
        return empty_figure(lang)
    fig = go.Figure(go.Pie(labels=[status_text(c, lang) for c, _ in items], values=[n for _, n in items],
                           hole=0.55, sort=False, direction="clockwise", textinfo="value+label",
                           marker={"colors": [STATUS_COLOURS[c] for c, _ in items],
                                       "line": {"color": "white", "width": 2}},
                           hovertemplate="%{label}" + colon(lang) + "%{value} (%{percent})<extra></extra>"))
    return _layout(fig, lang, height=320, showlegend=False)


def _period_shapes(fig: go.Figure, start, end, as_of, lang: str) -> None:
    if start and end:
        fig.add_vrect(x0=start, x1=end, fillcolor="#0072B2", opacity=0.06, line_width=0,
                      annotation_text=t("chart.period", lang), annotation_position="top left")
    if as_of:
        fig.add_vline(x=as_of, line_dash="dash", line_color="#444444")
        fig.add_annotation(x=as_of, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"{t('chart.as_of', lang)} {fmt_date(as_of, lang)}", font={"size": 12})


def progress_over_time(hist: pd.DataFrame, plan: dict, as_of, lang: str = "fr") -> go.Figure:
    """Progress (share of documented measures done) at each snapshot, inside the plan period."""
    if hist is None or hist.empty or "progress" not in hist:
        return empty_figure(lang)
    hist = hist.assign(date=pd.to_datetime(hist["date"])).sort_values("date")
    start, end = _to_date((plan or {}).get("period_start")), _to_date((plan or {}).get("period_end"))
    as_of = _to_date(as_of)
    documented = hist["documented"] if "documented" in hist else pd.Series([None] * len(hist))
    progress_label, documented_label = t("chart.progress", lang), t("chart.documented", lang)
    hover = [f"{fmt_date(d, lang)}<br>{progress_label}{colon(lang)}{fmt_pct(p, lang)}<br>{n} {documented_label}"
             for d, p, n in zip(hist["date"], hist["progress"], documented, strict=False)]
    fig = go.Figure(go.Scatter(x=hist["date"].dt.date, y=hist["progress"], mode="lines+markers",
                               name=t("chart.progress", lang), line={"color": "#009E73", "width": 3, "shape": "hv"},
                               marker={"size": 8, "symbol": "circle"}, hovertext=hover, hoverinfo="text"))
    _period_shapes(fig, start, end, as_of, lang)
    lo = min(d for d in [start, hist["date"].min().date(), as_of] if d)
    hi = max(d for d in [end, hist["date"].max().date(), as_of] if d)
    vals, text = date_ticks(lo, hi, lang)
    fig.update_xaxes(tickvals=vals, ticktext=text, range=[lo - dt.timedelta(days=20), hi + dt.timedelta(days=20)])
    ticks = [0, 0.2, 0.4, 0.6, 0.8, 1]  # « 40 % » with its space in French, as everywhere else
    fig.update_yaxes(range=[-0.04, 1.05], tickvals=ticks, ticktext=[fmt_pct(v, lang) for v in ticks],
                     title=t("chart.progress", lang))
    return _layout(fig, lang, height=340, showlegend=False)


def projection_date(projection) -> dt.date | None:
    """The projected completion date (``summary['projection']``: ISO date, or a dict carrying one)."""
    if isinstance(projection, dict):
        projection = projection.get("date") or projection.get("completion") or projection.get("value")
    return _to_date(projection) if isinstance(projection, str | dt.date) else None


def time_vs_progress(summary: dict, lang: str = "fr") -> go.Figure:
    """Time elapsed in the plan period against progress; the projected completion date at the current
    pace is written under the bars (and flagged when it falls after the plan's end)."""
    summary = summary or {}
    rows = [(t("chart.elapsed", lang), summary.get("time_elapsed"), "#999999", ""),
            (t("chart.progress", lang), summary.get("progress"), "#009E73", "/")]
    rows = [r for r in rows if isinstance(r[1], int | float)]
    if not rows:
        return empty_figure(lang)
    rows = rows[::-1]
    fig = go.Figure(go.Bar(y=[r[0] for r in rows], x=[r[1] for r in rows], orientation="h",
                           marker={"color": [r[2] for r in rows], "pattern_shape": [r[3] for r in rows]},
                           text=[fmt_pct(r[1], lang) for r in rows], textposition="outside",
                           hovertemplate="%{y}" + colon(lang) + "%{text}<extra></extra>", showlegend=False))
    proj, end = projection_date(summary.get("projection")), _to_date(summary.get("period_end"))
    if proj is not None:
        late = end is not None and proj > end
        text = t("chart.projection_note", lang, date=fmt_date(proj, lang))
        if late:
            text += t("chart.after_end", lang, date=fmt_date(end, lang))
        fig.add_annotation(x=0, y=-0.25, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                           text=_wrap(text, 48), align="left",
                           font={"color": "#D55E00" if late else "#0072B2", "size": 13})
    ticks = [0, 0.25, 0.5, 0.75, 1]
    fig.update_xaxes(range=[0, 1.12], tickvals=ticks, ticktext=[fmt_pct(v, lang) for v in ticks])
    fig.update_yaxes(automargin=True, ticksuffix="  ")
    return _layout(fig, lang, height=300, margin={"l": 10, "r": 10, "t": 20, "b": 110})


def _range_point(rng) -> dt.date | None:
    """A point for an announced range: its end (« fin janvier » = 31 January), else its start."""
    if rng is None:
        return None
    if isinstance(rng, dict):
        return _to_date(rng.get("end") or rng.get("expected_end")) or _to_date(rng.get("start")
                                                                             or rng.get("expected_start"))
    if isinstance(rng, list | tuple):
        return _to_date(rng[-1]) if len(rng) > 1 and rng[-1] else (_to_date(rng[0]) if rng else None)
    return _to_date(rng)


def esc(text: object) -> str:
    """Text from a file or the database in a Plotly label, title or hover: Plotly reads tags there (``<b>``,
    ``<a href>``, ``<br>``), so ``<``, ``>`` and ``&`` are written as entities (shown as typed)."""
    return html.escape(str(text), quote=False)


def _wrap(text: str, width: int = 28) -> str:
    words, lines, line = str(text).split(), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    if len(lines) > 4:  # at most four lines, the last one saying that the text goes on (never cut inside a word)
        lines = [*lines[:3], f"{lines[3]} …"]
    return "<br>".join(lines)


def _short(text) -> str:
    """An announced date as written, without the trailing explanation in brackets."""
    text = str(text or "").strip()
    return text.split(" (")[0] if " (" in text else text


def _event_points(ev: dict, lang: str) -> list[tuple[dt.date, str, str, str]]:
    """(date, label, marker symbol, colour) for each step of one event's chain."""
    texts = list(ev.get("announced") or [])
    ranges = list(ev.get("announced_ranges") or [None] * len(texts))
    pts = [(_range_point(r), esc(_short(txt)), "circle-open", "#E69F00")
           for r, txt in zip(ranges, texts, strict=False)]
    pts = [p for p in pts if p[0]]
    held, state = _to_date(ev.get("held_on")), ev.get("state")
    if held:
        label = f"{t('chart.held', lang)} {fmt_date(held, lang)}"
        last = ranges[len(pts) - 1] if pts and len(ranges) >= len(pts) else None
        start = _to_date(last[0]) if isinstance(last, list | tuple) and last else None
        if pts and (abs((pts[-1][0] - held).days) <= 1 or (start and start <= held <= pts[-1][0])):
            # held on (or inside) the last date announced: one point, both texts
            if abs((pts[-1][0] - held).days) > 1:
                label += f" ({t('chart.announced_short', lang)}{colon(lang)}{pts[-1][1]})"
            pts.pop()
        pts.append((held, label, "circle", "#009E73"))
    elif state == "not_held" and pts:
        d, label, _, _ = pts[-1]
        pts[-1] = (d, f"{label} — {t('chart.not_held', lang)}", "x", "#D55E00")
    return pts


def slippage_timeline(slipped: list[dict], lang: str = "fr") -> go.Figure:
    """Small multiples, one row per event on its own time scale: every announced date (○, as written) joined by
    arrows to the date held (●) or « non tenue » (✕). So the committee « fin janvier 2024 » → « fin février
    2024 » → held 21 mars 2024 reads at a glance."""
    from plotly.subplots import make_subplots

    rows = [(ev, _event_points(ev, lang)) for ev in (slipped or [])]
    rows = [(ev, pts) for ev, pts in rows if pts]
    if not rows:
        return empty_figure(lang)
    titles = []
    for ev, _ in rows:
        n, days = ev.get("postponements") or 0, ev.get("days_slipped")
        extra = ""
        if n:
            extra = t("chart.postponed_times", lang, n=n)
        if days:
            extra += f", +{days} {t('chart.days', lang)}"
        titles.append(f"<b>{_wrap(esc(event_subject(ev, lang) or ev.get('event_key')), 90)}</b>{extra}")
    fig = make_subplots(rows=len(rows), cols=1, subplot_titles=titles, vertical_spacing=0.5 / len(rows))
    for i, (_ev, pts) in enumerate(rows, start=1):
        xs = [p[0] for p in pts]
        fig.add_trace(go.Scatter(
            x=xs, y=[0] * len(xs), mode="lines+markers+text", showlegend=False,
            text=[_wrap(p[1], 26) for p in pts],
            textposition=["top center" if k % 2 == 0 else "bottom center" for k in range(len(pts))],
            textfont={"size": 12}, line={"color": "#888888", "width": 2, "dash": "dot"},
            marker={"size": 14, "symbol": [p[2] for p in pts], "color": [p[3] for p in pts],
                    "line": {"width": 2.5, "color": [p[3] for p in pts]}},
            hovertext=[f"{p[1]}<br>{fmt_date(p[0], lang)}" for p in pts], hoverinfo="text"), row=i, col=1)
        for a, b in itertools.pairwise(xs):
            fig.add_annotation(x=b, y=0, ax=a, ay=0, xref=f"x{i}", yref=f"y{i}", axref=f"x{i}", ayref=f"y{i}",
                               text="", showarrow=True, arrowhead=2, arrowsize=1.3, arrowcolor="#666666",
                               standoff=9)
        lo, hi = min(xs), max(xs)
        pad = dt.timedelta(days=max(20, (hi - lo).days // 5))
        vals, text = date_ticks(lo - pad, hi + pad, lang, max_ticks=6)
        fig.update_xaxes(tickvals=vals, ticktext=text, range=[lo - pad, hi + pad], showgrid=True, row=i, col=1)
        fig.update_yaxes(visible=False, range=[-1.6, 1.6], row=i, col=1)
    for name, sym, col in ((t("chart.announced", lang), "circle-open", "#E69F00"), (t("chart.held", lang), "circle", "#009E73"),
                           (t("chart.not_held", lang), "x", "#D55E00")):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name,
                                 marker={"size": 12, "symbol": sym, "color": col, "line": {"width": 2, "color": col}}))
    for ann in fig.layout.annotations:
        if ann.text in titles:
            ann.update(x=0, xanchor="left", font={"size": 13})
    _layout(fig, lang, height=150 * len(rows) + 60, margin={"l": 10, "r": 10, "t": 60, "b": 10})
    fig.update_layout(legend={"y": 1 + 50 / (150 * len(rows) + 60)})
    return fig


def governance_bars(governance: dict, lang: str = "fr") -> go.Figure:
    """Committee meetings held per year against the minimum required (≥ 2 per year, 2016 decree)."""
    if not governance:
        return empty_figure(lang)
    years = sorted(governance, key=lambda y: str(y))
    held = [int(governance[y].get("held") or 0) for y in years]
    req = [governance[y].get("required") for y in years]
    met = [None if (not governance[y].get("met") and governance[y].get("complete_year") is False)
           else governance[y].get("met") for y in years]  # year not over yet: not failed
    marks = ["✓" if m else ("✗" if m is False else "…") for m in met]
    fig = go.Figure(go.Bar(x=[str(y) for y in years], y=held, name=t("chart.meetings", lang),
                           marker_color=["#009E73" if m else "#D55E00" if m is False else "#999999" for m in met],
                           marker_pattern_shape=["" if m else "/" for m in met],
                           text=[f"{h} / {r if r is not None else '?'} {mk}" for h, r, mk in zip(held, req, marks,
                                                                                              strict=False)],
                           textposition="outside",
                           hovertemplate=f"%{{x}}<br>{t('chart.meetings', lang)}{colon(lang)}%{{y}}<extra></extra>"))
    if any(r is not None for r in req):
        fig.add_trace(go.Scatter(x=[str(y) for y in years], y=req, mode="markers", name=t("chart.required", lang),
                                 marker={"symbol": "line-ew-open", "size": 40, "line": {"width": 3, "color": "#000000"}}))
    top = max([*held, *[r or 0 for r in req]]) + 1
    fig.update_yaxes(range=[0, top + 0.5], dtick=1, title=t("chart.meetings", lang))
    fig.update_xaxes(type="category", title=t("chart.year", lang))
    return _layout(fig, lang, height=300)


def status_timeline(history: pd.DataFrame, lang: str = "fr") -> go.Figure:
    """One measure's statuses over time, one row per voice (government, civil society, independent):
    a marker per assessment, coloured and labelled with the status (symbol + text)."""
    from dashboard.i18n import voice_text

    if history is None or history.empty or "as_of" not in history or "status" not in history:
        return empty_figure(lang)
    h = history.assign(as_of=pd.to_datetime(history["as_of"]).dt.date).sort_values("as_of")
    voices = h["voice"].fillna("civil_society") if "voice" in h else pd.Series("civil_society", index=h.index)
    fig = go.Figure()
    for voice in dict.fromkeys(voices):
        rows = h[voices == voice]
        name = voice_text(voice, lang)
        fig.add_trace(go.Scatter(
            x=rows["as_of"], y=[name] * len(rows), mode="lines+markers+text", showlegend=False,
            text=[status_text(c, lang) for c in rows["status"]], textposition="top center", textfont={"size": 11},
            line={"color": "#BBBBBB", "width": 2, "shape": "hv"},
            marker={"size": 14, "color": [STATUS_COLOURS.get(c, "#999999") for c in rows["status"]],
                    "line": {"width": 1, "color": "#333333"}},
            hovertext=[f"{name}<br>{fmt_date(d, lang)}<br>{status_text(c, lang)}"
                       for d, c in zip(rows["as_of"], rows["status"], strict=False)], hoverinfo="text"))
    lo, hi = h["as_of"].min(), h["as_of"].max()
    pad = dt.timedelta(days=max(30, (hi - lo).days // 8))
    vals, text = date_ticks(lo - pad, hi + pad, lang, max_ticks=8)
    fig.update_xaxes(tickvals=vals, ticktext=text, range=[lo - pad, hi + pad])
    n = voices.nunique()  # room above the top row so its status label is not cut off
    fig.update_yaxes(automargin=True, ticksuffix="  ", range=[-0.5, n - 0.5 + 0.35])
    return _layout(fig, lang, height=120 + 70 * n)
