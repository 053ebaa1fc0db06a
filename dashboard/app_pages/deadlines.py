"""Échéances et blocages: overdue, stalled, slippage ledger, announced-but-not-held, governance rule."""

import pandas as pd
import streamlit as st

from dashboard import charts, components, data
from dashboard.i18n import colon, fmt_date, t

plan_id, as_of, lang = components.context()
fr = lang == "fr"
summary = data.summary(plan_id, as_of)
st.title(t("nav.deadlines", lang))
components.as_of_caption(summary, lang)
MAX_CHART = 12
measure_link = st.column_config.LinkColumn(t("ref", lang), display_text=r".*ref=(.*)$")


def with_link(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(ref=f"measure?plan={plan_id}&ref=" + df["ref"].astype(str)) if "ref" in df else df


def dates_fr(df: pd.DataFrame, cols) -> pd.DataFrame:
    return df.assign(**{c: df[c].map(lambda v: fmt_date(v, lang)) for c in cols if c in df})


st.subheader("Mesures en retard" if fr else "Overdue measures")
overdue = pd.DataFrame(summary.get("overdue") or [])
if not summary.get("measures_documented"):  # « nothing overdue » would be a claim we cannot make
    components.empty_state()
elif overdue.empty:
    st.success("Aucune mesure documentée n'a dépassé son échéance." if fr else "No documented measure is overdue.")
else:
    overdue = overdue[[c for c in ("ref", "title", "deadline", "deadline_end", "days_overdue") if c in overdue]]
    st.dataframe(with_link(dates_fr(overdue, ["deadline_end"])), hide_index=True, column_config={
        "ref": measure_link, "title": t("title", lang), "deadline": "Échéance annoncée" if fr else "Deadline",
        "deadline_end": "Échéance lue (fin)" if fr else "Deadline read (end)",
        "days_overdue": st.column_config.NumberColumn(t("days_overdue", lang), format="%d")})
    components.downloads(overdue, "mesures-en-retard", "dl_overdue")
note = components.completeness_note(summary, lang)
st.caption(("Calculé sur " if fr else "Computed on ") + note + (
    "\u00a0: une mesure non documentée ne peut pas apparaître ici." if fr else
    ": a measure that is not documented cannot appear here."))
if summary.get("no_deadline"):
    st.caption(("Sans échéance connue" if fr else "No known deadline") + colon(lang) + ", ".join(summary["no_deadline"]))

th = summary.get("thresholds") or {}
st.subheader(t("stalled.title", lang), help=t("help.stalled", lang, days=th.get("stalled_days", 180),
                                               postponements=th.get("stalled_postponements", 2)))
st.caption(t("help.stalled", lang, days=th.get("stalled_days", 180), postponements=th.get("stalled_postponements", 2)))
stalled = pd.DataFrame(summary.get("stalled") or [])
if not summary.get("measures_documented"):
    st.info(t("no_data", lang))
elif stalled.empty:
    st.success(t("stalled.none", lang))
else:
    stalled = stalled[[c for c in ("ref", "title", "reason" if fr else "reason_en", "since") if c in stalled]]
    st.dataframe(with_link(dates_fr(stalled, ["since"])), hide_index=True, column_config={
        "ref": measure_link, "title": t("title", lang), "reason": t("reason", lang), "reason_en": t("reason", lang),
        "since": t("since", lang)})
    components.downloads(stalled, "mesures-au-point-mort", "dl_stalled")

st.subheader("Dates annoncées puis reportées" if fr else "Announced dates that slipped")
slipped = [e for e in summary.get("slipped") or [] if e.get("postponements") or (e.get("days_slipped") or 0) > 0]
states = {"held": "● tenue" if fr else "● held",
          "not_held": "✕ aucune tenue connue" if fr else "✕ no meeting known",
          "pending": "… en attente" if fr else "… pending"}
ledger = pd.DataFrame([{"sujet": e.get("subject"), "dates annoncées": " → ".join(e.get("announced") or []),
                        "tenue le": fmt_date(e.get("held_on"), lang), "reports": e.get("postponements"),
                        "jours de glissement": e.get("days_slipped"), "état": states.get(e.get("state"), "")}
                       for e in slipped])
if ledger.empty:
    st.success("Aucune date annoncée n'a glissé." if fr else "No announced date slipped.")
else:
    st.dataframe(ledger, hide_index=True, column_config={
        "sujet": st.column_config.TextColumn("Événement" if fr else "Event", width="medium"),
        "dates annoncées": st.column_config.TextColumn("Dates annoncées successives" if fr else "Announced dates",
                                                       width="large"),
        "tenue le": "Tenue le" if fr else "Held on", "reports": "Reports" if fr else "Postponements",
        "jours de glissement": st.column_config.NumberColumn("Jours de glissement" if fr else "Days slipped"),
        "état": "État" if fr else "State"})
    components.downloads(ledger, "registre-des-reports", "dl_ledger")
    top = sorted(range(len(slipped)), key=lambda i: (-(slipped[i].get("postponements") or 0),
                                                      -(slipped[i].get("days_slipped") or 0)))[:MAX_CHART]
    st.caption(("○ date annoncée (telle qu'écrite) → ● date de tenue\u00a0; ✕ aucune tenue connue. Chaque ligne a sa propre "
                "échelle de temps." if fr else "○ announced date (as written) → ● date held; ✕ not held. "
                "Each row has its own time scale.")
               + (f" Graphique\u00a0: les {MAX_CHART} plus reportés sur {len(slipped)} (tous sont dans le tableau)."
                  if fr and len(slipped) > MAX_CHART else
                  f" Chart: the {MAX_CHART} most postponed of {len(slipped)} (all are in the table)."
                  if len(slipped) > MAX_CHART else ""))
    components.chart(charts.slippage_timeline([slipped[i] for i in top], lang), ledger.iloc[top],
                     "dates-annoncees-et-reports", "chart_slip")

st.subheader(t("not_held.title", lang), help=t("help.not_held", lang))
st.caption(t("not_held.caption", lang))
nh = pd.DataFrame(summary.get("not_held") or [])
if nh.empty:
    st.success(t("not_held.none", lang))
else:
    cols = [c for c in ("subject", "expected", "expected_end", "days_late", "ref") if c in nh]
    st.dataframe(dates_fr(nh[cols], ["expected_end"]).fillna(""), hide_index=True, column_config={
        "subject": "Événement" if fr else "Event", "expected": "Date annoncée" if fr else "Announced date",
        "expected_end": "Au plus tard" if fr else "At the latest",
        "days_late": st.column_config.NumberColumn("Jours depuis la date" if fr else "Days since the date", format="%d"),
        "ref": t("ref", lang)})
    components.downloads(nh[cols], "annonces-sans-tenue-connue", "dl_nh")

st.subheader("Comité de coordination\u00a0: au moins 2 réunions par an" if fr else
             "Coordination committee: at least 2 meetings a year")
start_year = int(str(summary.get("period_start") or "0")[:4] or 0)
gov = {y: v for y, v in (summary.get("governance") or {}).items() if int(y) >= start_year}  # years of this plan
gov_df = pd.DataFrame([{"année": y, **v} for y, v in gov.items()])
components.chart(charts.governance_bars(gov, lang), gov_df, "reunions-du-comite", "chart_gov")
st.caption(("Règle\u00a0: décret de 2016 (au moins deux réunions par an). Dernière réunion tenue connue\u00a0: "
            if fr else "Rule: 2016 decree (at least two meetings a year). Last known meeting held: ")
           + (fmt_date(summary.get("last_meeting_held"), lang) or "—") + ". "
           + ("L'année en cours n'est pas terminée. Seules les réunions connues dans les données sont comptées."
              if fr else "The current year is not over. Only meetings known in the data are counted."))
