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
    c1, c2, c3, c4 = st.columns(4)
    c1.multiselect(t("axis", lang), axes, key="f_axis", placeholder=t("all", lang))
    c2.multiselect(t("lead", lang), leads, key="f_lead", placeholder=t("all", lang))
    c3.multiselect(t("status", lang), statuses, key="f_status", format_func=lambda c: status_text(c, lang),
                   placeholder=t("all", lang))
    c4.text_input(t("ms.search", lang), key="f_q", placeholder=t("ms.search_placeholder", lang),
                  help=t("ms.search_help", lang))
    th = config.with_defaults("thresholds", summary.get("thresholds"))
    with st.container(horizontal=True, gap="large"):  # each checkbox as wide as its label: none cut at 1280 px
        st.checkbox(t("kpi.overdue", lang), key="f_overdue", help=t("help.overdue", lang))
        st.checkbox(t("stalled.filter", lang), key="f_stalled",
                    help=t("help.stalled", lang, days=th["stalled_days"], postponements=th["stalled_postponements"]))
        st.checkbox(t("ms.carried", lang), key="f_carried", help=t("ms.carried_help", lang))
        st.checkbox(t("ms.overlaps", lang), key="f_overlaps", help=t("ms.overlaps_help", lang))
state.filters_to_url()

shown = data.filter_measures(table, state.current_filters(), data.search_index(plan_id, as_of))
st.markdown(t("ms.shown_one" if len(shown) <= 1 else "ms.shown", lang, n=len(shown), total=len(table)) + " · " + components.completeness_note(summary, lang))
if shown.empty:
    st.info(t("ms.no_match", lang))
    st.stop()

flags = {"stalled": t("stalled.filter", lang), "divergent": t("div.column", lang), "has_overlaps": t("col.overlaps", lang)}
divergent = shown["ref"].isin(list(data.divergences(plan_id, as_of)))
view = shown.assign(
    statut=shown["status"].map({c: status_text(c, lang) for c in STATUS_CODES}).fillna(""),
    intitule=shown["title_fr" if fr or "title_en" not in shown else "title_en"].fillna(shown["title_fr"]),
    fiche=[f"measure?{urlencode({'plan': plan_id, 'ref': r})}" for r in shown["ref"].astype(str)],
    divergent=divergent,
    signals=[" · ".join(label for key, label in flags.items() if bool(row[key]))  # the three flags in one column
             for row in shown.assign(divergent=divergent)[list(flags)].fillna(False).to_dict("records")],
)
# What a coordinator follows fits 1280 px (ref, title, status, deadline, days overdue, the flags); the rest is added
# on demand (the table then scrolls sideways). Texts wrap on three lines rather than being cut.
extra = {"lead_body": t("lead", lang), "axis_label": t("axis", lang), "status_date": t("col.status_date", lang),
         "carried_over_from": t("col.carried_from", lang)}
more = st.pills(t("ms.more_columns", lang), list(extra), selection_mode="multi", format_func=extra.get,
                key="ms_more_columns")
cols = ["fiche", "intitule", "statut", "deadline_text", "days_overdue", "signals", *[c for c in extra if c in more]]
headers = {"fiche": t("ref", lang), "ref": t("ref", lang), "intitule": t("title", lang),
           "axis_label": t("axis", lang), "lead_body": t("lead", lang), "statut": t("status", lang),
           "status_date": t("col.status_date", lang), "deadline_text": t("col.deadline_written", lang),
           "days_overdue": t("days_overdue", lang), "signals": t("ms.signals", lang), **flags,
           "carried_over_from": t("col.carried_from", lang)}
text_cols = ["intitule", "axis_label", "lead_body", "deadline_text", "carried_over_from"]
view[text_cols] = view[text_cols].fillna("")
event = st.dataframe(
    view, key="measures_table", hide_index=True, on_select="rerun", selection_mode="single-row", column_order=cols,
    placeholder="", row_height=66, height=min(len(view), 8) * 66 + 38, column_config={
        "fiche": st.column_config.LinkColumn(headers["fiche"], display_text=r".*ref=(.*)$", width=60, pinned=True,
                                             help=t("ms.open_help", lang)),
        "intitule": st.column_config.TextColumn(headers["intitule"], width=180),
        "statut": st.column_config.TextColumn(headers["statut"], width=115),
        "deadline_text": st.column_config.TextColumn(t("deadline", lang), width=197,
                                                     help=t("col.deadline_written_help", lang)),
        "days_overdue": st.column_config.NumberColumn(headers["days_overdue"], format="%d", width=110),
        "signals": st.column_config.TextColumn(headers["signals"], width=118, help=t("ms.signals_help", lang)),
        "axis_label": st.column_config.TextColumn(headers["axis_label"], width="medium"),
        "lead_body": st.column_config.TextColumn(headers["lead_body"], width="medium"),
        "status_date": st.column_config.DateColumn(headers["status_date"], format="DD/MM/YYYY",
                                                   help=t("col.status_date_help", lang)),
        "carried_over_from": headers["carried_over_from"],
    })
st.caption(t("ms.open_hint", lang))
table_cols = ["ref", "intitule", "statut", "status_date", "lead_body", "axis_label", "deadline_text", "days_overdue",
              "stalled", "divergent", "carried_over_from", "has_overlaps"]  # the download keeps every column
components.downloads(view[table_cols].rename(columns=headers), t("nav.measures", lang), "dl_measures")

rows = event.selection.rows if event else []
if rows:
    st.switch_page("app_pages/measure.py", query_params={"ref": str(view.iloc[rows[0]]["ref"]), "plan": plan_id})
