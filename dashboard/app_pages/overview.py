"""Vue d'ensemble: KPIs, progress by axis, progress over time, time elapsed against progress."""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, rollups
from dashboard.i18n import colon, status_text, t
from plans import config
from plans.formatting import fmt_date, fmt_num, fmt_pct

plan_id, as_of, lang = components.context()
summary = data.summary(plan_id, as_of)
st.title(t("nav.overview", lang))
components.as_of_caption(summary, lang)

by = summary.get("by_status") or {}
documented, declared = summary.get("measures_documented") or 0, summary.get("measures_declared")
started = data.started(by)  # « Engagées »: the grouping is defined in plans, each status counted as in the donut
started_help = t("help.started", lang, breakdown=", ".join(f"{status_text(c, lang)} ({n})" for c, n in started.items()))
th = config.with_defaults("thresholds", summary.get("thresholds"))
stalled_help = t("help.stalled", lang, days=th["stalled_days"], postponements=th["stalled_postponements"])
components.kpi_row([  # where the measures stand (their statuses)…
    (t("kpi.documented", lang), f"{documented} / {declared}" if declared else str(documented),
     t("help.documented", lang)),
    (t("kpi.done", lang), str(by.get("done", 0)), None),
    (t("kpi.started", lang), str(sum(started.values())), started_help),
])
components.kpi_row([  # …and what the monitoring rules compute from the dates
    (t("kpi.overdue", lang), str(len(summary.get("overdue") or [])), t("help.overdue", lang)),
    (t("kpi.stalled", lang), str(len(summary.get("stalled") or [])), stalled_help),
    (t("kpi.not_held", lang), str(len(summary.get("not_held") or [])), t("help.not_held", lang)),
])
if not documented:
    components.empty_state()
    st.stop()

progress = summary.get("progress")
note = components.completeness_note(summary, lang)
st.markdown(f"**{t('progress', lang)}{colon(lang)}{fmt_pct(progress, lang)}** — {t('computed_on', lang)} {note}")
if st.toggle(t("ov.why", lang), key="why_progress"):  # computed on demand: the rows behind the figure
    weight = th["partial_weight"]
    st.caption(t("ov.why_note", lang, w=fmt_num(weight, lang, 2)))
    why = pd.DataFrame(data.explain(plan_id, "progress", as_of))
    if not why.empty:
        titles = data.titles(plan_id, as_of, lang)
        why = why.assign(title=[titles.get(r, tt) for r, tt in zip(why["ref"], why["title"], strict=True)],
                         status=why["status"].map(lambda c: status_text(c, lang)),
                         status_date=[fmt_date(d, lang, precision=p) if isinstance(d, str) else ""
                                      for d, p in zip(why["status_date"], why["status_date_precision"], strict=True)],
                         weight=why["weight"].map(lambda w: fmt_num(w, lang, 2)),
                         ref=f"measure?plan={plan_id}&ref=" + why["ref"].astype(str))
        if "source_url" in why:  # a link only to an http(s) source
            why = why.assign(source_url=components.web_urls(why["source_url"]))
        cols = [c for c in ("ref", "title", "status", "weight", "status_date", "source_url") if c in why]
        st.dataframe(why[cols], hide_index=True, column_config={
            "ref": st.column_config.LinkColumn(t("ref", lang), display_text=r".*ref=(.*)$"),
            "title": st.column_config.TextColumn(t("title", lang), width="large"),
            "status": st.column_config.TextColumn(t("status", lang), width="medium"), "weight": t("col.weight", lang),
            "status_date": t("col.status_date", lang),
            "source_url": st.column_config.LinkColumn(t("col.source", lang))})

diverging = [d.get("ref") for d in summary.get("divergences") or [] if d.get("ref")]
if diverging:
    st.markdown(":orange[:material/call_split:] " + t("div.overview", lang, n=len(diverging), refs=", ".join(
        f"[{components.plain(r)}](<measure?{urlencode({'plan': plan_id, 'ref': r})}>)" for r in diverging)))

st.header(t("ov.by_axis", lang))
shown = rollups.shown(data.progress_by(plan_id, as_of, "axis"), "axis", lang)
components.chart(charts.status_by_axis(shown, lang), shown, t("ov.by_axis", lang), "chart_axis")
st.caption(note)

st.header(t("ov.by_lead", lang))
by_lead = rollups.shown(data.progress_by(plan_id, as_of, "lead_body"), "lead_body", lang)
components.chart(charts.status_by_axis(by_lead, lang), by_lead, t("ov.by_lead", lang), "chart_lead")
st.caption(note)

left, right = st.columns(2, gap="large")
with left:
    st.header(t("ov.breakdown", lang))
    donut = pd.DataFrame([{t("status", lang): status_text(c, lang), t("ov.measures", lang): n}
                          for c, n in by.items() if n])
    components.chart(charts.status_donut(by, lang), donut, t("ov.breakdown", lang), "chart_donut")
    st.caption(note)
with right:
    st.header(t("ov.time", lang))
    indicator, value = t("ov.indicator", lang), t("ov.value", lang)
    tvp = pd.DataFrame([{indicator: t("ov.elapsed", lang), value: summary.get("time_elapsed")},
                        {indicator: t("ov.progress", lang), value: progress},
                        {indicator: t("ov.projection", lang), value: charts.projection_date(summary.get("projection"))}])
    components.chart(charts.time_vs_progress(summary, lang), tvp.dropna(), t("ov.time", lang), "chart_tvp")
    st.caption(t("ov.projection_note", lang) + note)

st.header(t("ov.history", lang))
hist = data.progress_history(plan_id, as_of)
plan = data.plan(plan_id) or {}
components.chart(charts.progress_over_time(hist, plan, as_of, lang), hist, t("ov.history", lang), "chart_hist")
st.caption(t("ov.history_note", lang) + note)

