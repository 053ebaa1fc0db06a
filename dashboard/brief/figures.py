"""The brief's four charts (status, time vs progress, slipped dates, governance) as PNG bytes."""

from __future__ import annotations

from dashboard.brief.collect import BriefData
from dashboard.brief.common import _s
from dashboard.brief.texts import _t


def brief_charts(data: BriefData, renderer=None) -> dict[str, bytes]:
    """PNG bytes of the brief's charts (status, time vs progress, slippage, governance), one warm browser."""
    from dashboard import charts as c
    from dashboard.charts.browser import ChartRenderer
    from dashboard.charts.decorate import decorate

    lang, t = data.lang, _t(data.lang)
    plan_name = _s(data.plan.get("short_title")) or _s(data.plan.get("title_fr"))
    figs = {}
    summary_scoped = dict(data.summary, progress=data.scope_progress)
    # (figure, title, width px, height px or None = automatic); status and time sit side by side
    figs["status"] = (c.status_donut(data.by_status, lang), t["chart_status"], 560, 430)
    figs["time"] = (c.time_vs_progress(summary_scoped, lang), t["chart_time"], 560, 430)
    if data.slipped:
        figs["slippage"] = (c.slippage_timeline(data.slipped, lang), t["chart_slip"], 900, None)
    if data.governance:
        figs["governance"] = (c.governance_bars(data.governance, lang), t["chart_gov"], 900, 400)
    out = {}
    with ChartRenderer() as own:
        r = renderer or own
        for key, (fig, title, width, height) in figs.items():
            fig = decorate(fig, title=title, plan_name=plan_name, as_of=data.as_of, lang=lang, height=height,
                           width=width)
            _room_for_provenance(fig)
            out[key] = r.render(fig, "png", width=width, height=fig.layout.height, scale=2.2)
    return out


LINE_PX = 14  # height of one line of the 11 px provenance text


def _room_for_provenance(fig) -> None:
    """Grow the bottom margin so that every line of the provenance note (plan, date, source) is inside the image.

    At the brief's narrow widths the source wraps to two lines and the last one fell below the image's edge."""
    for ann in fig.layout.annotations or ():
        if ann.name == "vigie-provenance":
            lines = str(ann.text or "").count("<br>") + 1
            needed = -(ann.yshift or 0) + lines * LINE_PX + 8
            if needed > (fig.layout.margin.b or 0):
                fig.update_layout(margin_b=needed)
