"""Mesures: filterable, sortable table; filters kept in the URL; a row opens its measure page."""

from urllib.parse import urlencode

import streamlit as st

from dashboard import components, data, state
from dashboard.i18n import status_text, t
from plans import config
from plans.vocab import STATUS_CODES

plan_id, as_of, lang = components.context()
fr = lang == "fr"
st.title(t("nav.measures", lang))
summary = data.headline(plan_id, as_of)
components.as_of_caption(summary, lang)
table = data.measures_table(plan_id, as_of)
if table.empty:
    components.empty_state()
    st.stop()

axes = sorted(table["axis_label"].dropna().unique().tolist(), key=data.fold)
leads = sorted(table["lead_body"].dropna().unique().tolist(), key=data.fold)
present = set(table["status"].dropna().unique())
statuses = [c for c in STATUS_CODES if c in present]
state.filters_from_url({"f_axis": axes, "f_lead": leads, "f_status": statuses})

with st.container(border=True):
    c1, c2, c3 = st.columns(3)
    c1.multiselect(t("axis", lang), axes, key="f_axis", placeholder=t("all", lang))
    c2.multiselect(t("lead", lang), leads, key="f_lead", placeholder=t("all", lang))
    c3.multiselect(t("status", lang), statuses, key="f_status", format_func=lambda c: status_text(c, lang),
                   placeholder=t("all", lang))
    c4, c5, c6, c7, c8 = st.columns([1, 1.4, 1.3, 1.5, 2.6], vertical_alignment="bottom")
    c4.checkbox(t("kpi.overdue", lang), key="f_overdue", help=t("help.overdue", lang))
    th = config.with_defaults("thresholds", summary.get("thresholds"))
    c5.checkbox(t("stalled.filter", lang), key="f_stalled",
                help=t("help.stalled", lang, days=th["stalled_days"], postponements=th["stalled_postponements"]))
    c6.checkbox(t("ms.carried", lang), key="f_carried", help=t("ms.carried_help", lang))
    c7.checkbox(t("ms.overlaps", lang), key="f_overlaps", help=t("ms.overlaps_help", lang))
    c8.text_input(t("ms.search", lang), key="f_q", placeholder=t("ms.search_placeholder", lang),
                  help=t("ms.search_help", lang))
state.filters_to_url()

shown = data.filter_measures(table, state.current_filters(), data.search_index(plan_id, as_of))
st.markdown(t("ms.shown", lang, n=len(shown), total=len(table)) + " · " + components.completeness_note(summary, lang))
if shown.empty:
    st.info(t("ms.no_match", lang))
    st.stop()

view = shown.assign(
    statut=shown["status"].map({c: status_text(c, lang) for c in STATUS_CODES}).fillna(""),
    intitule=shown["title_fr" if fr or "title_en" not in shown else "title_en"].fillna(shown["title_fr"]),
    fiche=[f"measure?{urlencode({'ref': r, 'plan': plan_id})}" for r in shown["ref"].astype(str)],
    divergent=shown["ref"].isin(list(data.divergences(plan_id, as_of))),
)
cols = ["fiche", "ref", "intitule", "statut", "status_date", "lead_body", "axis_label", "deadline_text",
        "days_overdue", "stalled", "divergent", "carried_over_from", "has_overlaps"]  # status visible without scrolling
headers = {"fiche": t("open", lang), "ref": t("ref", lang), "intitule": t("title", lang), "axis_label": t("axis", lang),
           "lead_body": t("lead", lang), "statut": t("status", lang), "status_date": t("col.status_date", lang),
           "deadline_text": t("col.deadline_written", lang), "days_overdue": t("days_overdue", lang),
           "stalled": t("stalled.filter", lang), "divergent": t("div.column", lang),
           "carried_over_from": t("col.carried_from", lang), "has_overlaps": t("col.overlaps", lang)}
text_cols = ["intitule", "axis_label", "lead_body", "deadline_text", "carried_over_from"]
view[text_cols] = view[text_cols].fillna("")
event = st.dataframe(
    view[cols], key="measures_table", hide_index=True, on_select="rerun", selection_mode="single-row",
    placeholder="", column_config={
        "fiche": st.column_config.LinkColumn(headers["fiche"], display_text="↗", width="small"),
        "ref": st.column_config.TextColumn(headers["ref"], width="small", pinned=True),
        "intitule": st.column_config.TextColumn(headers["intitule"], width="large"),
        "axis_label": st.column_config.TextColumn(headers["axis_label"], width="medium"),
        "lead_body": headers["lead_body"],
        "statut": st.column_config.TextColumn(headers["statut"], width="medium"),
        "status_date": st.column_config.DateColumn(headers["status_date"], format="DD/MM/YYYY",
                                                   help=t("col.status_date_help", lang)),
        "deadline_text": st.column_config.TextColumn(headers["deadline_text"], width="medium"),
        "days_overdue": st.column_config.NumberColumn(headers["days_overdue"], format="%d"),
        "stalled": st.column_config.CheckboxColumn(headers["stalled"], help=t("stalled.flag", lang)),
        "divergent": st.column_config.CheckboxColumn(headers["divergent"], help=t("div.intro", lang)),
        "carried_over_from": headers["carried_over_from"],
        "has_overlaps": st.column_config.CheckboxColumn(headers["has_overlaps"], help=t("ms.overlaps_help", lang)),
    })
st.caption(t("ms.open_hint", lang))
components.downloads(view[cols[1:]].rename(columns=headers), t("nav.measures", lang), "dl_measures")

rows = event.selection.rows if event else []
if rows:
    st.switch_page("app_pages/measure.py", query_params={"ref": str(view.iloc[rows[0]]["ref"]), "plan": plan_id})
