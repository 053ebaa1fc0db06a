"""Vue d'ensemble: KPIs, progress by axis, progress over time, time elapsed against progress."""

import pandas as pd
import streamlit as st

from dashboard import charts, components, data
from dashboard.i18n import fmt_pct, status_text, t

plan_id, as_of, lang = components.context()
fr = lang == "fr"
summary = data.summary(plan_id, as_of)
st.title(t("nav.overview", lang))
components.as_of_caption(summary, lang)

by = summary.get("by_status") or {}
documented, declared = summary.get("measures_documented") or 0, summary.get("measures_declared")
ongoing = sum(by.get(c, 0) for c in ("initiated", "in_progress", "partial"))
components.kpi_row([
    (t("kpi.documented", lang), f"{documented} / {declared}" if declared else str(documented),
     "Mesures dont l'intitulé et le statut sont connus, sur le total annoncé par le plan." if fr else
     "Measures whose title and status are known, out of the total announced by the plan."),
    (t("kpi.done", lang), str(by.get("done", 0)), None),
    (t("kpi.in_progress", lang), str(ongoing),
     "Engagées, en cours ou partiellement réalisées." if fr else "Initiated, in progress or partly done."),
    (t("kpi.overdue", lang), str(len(summary.get("overdue") or [])),
     "Échéance dépassée (fin de la période annoncée), mesure non réalisée." if fr else
     "Deadline passed (end of the announced range), measure not done."),
    (t("kpi.stalled", lang), str(len(summary.get("stalled") or [])),
     "Calculé : pas d'élément nouveau depuis longtemps, ou reports répétés." if fr else
     "Computed: no new evidence for a long time, or repeated postponements."),
    (t("kpi.not_held", lang), str(len(summary.get("not_held") or [])),
     "Réunions ou échéances annoncées dont la date est passée sans qu'elles aient eu lieu." if fr else
     "Announced meetings or events whose date passed without them taking place."),
])
if not documented:
    components.empty_state()
    st.stop()

progress = summary.get("progress")
note = components.completeness_note(summary, lang)
st.markdown(f"**{'Avancement' if fr else 'Progress'} : {fmt_pct(progress, lang)}** — "
            f"{'calculé sur' if fr else 'computed on'} {note}")

st.subheader("Avancement par axe" if fr else "Progress by axis")
by_axis = data.progress_by(plan_id, as_of, "axis")
shown = by_axis.assign(group=by_axis["group"].fillna("Axe non renseigné" if fr else "No axis"))
components.chart(charts.status_by_axis(shown, lang), shown, "avancement-par-axe", "chart_axis")
st.caption(note)

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Répartition des statuts" if fr else "Status breakdown")
    donut = pd.DataFrame([{"statut": status_text(c, lang), "mesures": n} for c, n in by.items() if n])
    components.chart(charts.status_donut(by, lang), donut, "repartition-des-statuts", "chart_donut")
    st.caption(note)
with right:
    st.subheader("Temps écoulé et avancement" if fr else "Time elapsed and progress")
    tvp = pd.DataFrame([{"indicateur": "temps écoulé" if fr else "time elapsed", "valeur": summary.get("time_elapsed")},
                        {"indicateur": "avancement" if fr else "progress", "valeur": progress},
                        {"indicateur": "projection (date)",
                         "valeur": charts.projection_date(summary.get("projection"))}])
    components.chart(charts.time_vs_progress(summary, lang), tvp.dropna(), "temps-ecoule-et-avancement", "chart_tvp")
    st.caption(("La projection prolonge le rythme observé ; " if fr else "The projection extends the observed pace; ")
               + note)

st.subheader("Avancement dans le temps" if fr else "Progress over time")
hist = data.progress_history(plan_id, as_of)
plan = data.plan(plan_id) or {}
components.chart(charts.progress_over_time(hist, plan, as_of, lang), hist, "avancement-dans-le-temps", "chart_hist")
st.caption(("Chaque point est un état des données importé (instantané). " if fr else
            "Each point is an imported snapshot. ") + note)

