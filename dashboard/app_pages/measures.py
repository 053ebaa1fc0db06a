"""Mesures: filterable, sortable table; filters kept in the URL; a row opens its measure page."""

import streamlit as st

from dashboard import components, data, state
from dashboard.i18n import status_text, t
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
    th = summary.get("thresholds") or {}
    c5.checkbox(t("stalled.filter", lang), key="f_stalled",
                help=t("help.stalled", lang, days=th.get("stalled_days", 180),
                       postponements=th.get("stalled_postponements", 2)))
    c6.checkbox("Reconduites" if fr else "Carried over", key="f_carried",
                help="Mesures reprises d'un plan précédent." if fr else "Measures carried over from an earlier plan.")
    c7.checkbox("Avec recoupements" if fr else "With overlaps", key="f_overlaps")
    c8.text_input("Rechercher" if fr else "Search", key="f_q", placeholder="ex. formation, MIPROF, F07…",
                  help="Sans tenir compte des accents ni des majuscules." if fr else "Ignores accents and case.")
state.filters_to_url()

shown = data.filter_measures(table, state.current_filters(), data.search_index(plan_id, as_of))
st.markdown(f"**{len(shown)}** {'mesure(s) affichée(s) sur' if fr else 'measure(s) shown of'} {len(table)} · "
            + components.completeness_note(summary, lang))
if shown.empty:
    st.info("Aucune mesure ne correspond à ces filtres. Retirez un filtre ou videz la recherche pour élargir la liste."
            if fr else "No measure matches these filters. Remove a filter or clear the search to widen the list.")
    st.stop()

view = shown.assign(
    statut=shown["status"].map({c: status_text(c, lang) for c in STATUS_CODES}).fillna(""),
    intitule=shown["title_fr" if fr or "title_en" not in shown else "title_en"].fillna(shown["title_fr"]),
    fiche="measure?ref=" + shown["ref"].astype(str) + "&plan=" + plan_id,
    divergent=shown["ref"].isin(list(data.divergences(plan_id, as_of))),
)
cols = ["fiche", "ref", "intitule", "axis_label", "lead_body", "statut", "status_date", "deadline_text",
        "days_overdue", "stalled", "divergent", "carried_over_from", "has_overlaps"]
yes = "Oui" if fr else "Yes"
text_cols = ["intitule", "axis_label", "lead_body", "deadline_text", "carried_over_from"]
view[text_cols] = view[text_cols].fillna("")
event = st.dataframe(
    view[cols], key="measures_table", hide_index=True, on_select="rerun", selection_mode="single-row",
    column_config={
        "fiche": st.column_config.LinkColumn(t("open", lang), display_text="↗", width="small"),
        "ref": st.column_config.TextColumn(t("ref", lang), width="small", pinned=True),
        "intitule": st.column_config.TextColumn(t("title", lang), width="large"),
        "axis_label": t("axis", lang), "lead_body": t("lead", lang), "statut": t("status", lang),
        "status_date": st.column_config.DateColumn("Date du statut" if fr else "Status date", format="DD/MM/YYYY"),
        "deadline_text": "Échéance (telle qu'écrite)" if fr else "Deadline (as written)",
        "days_overdue": st.column_config.NumberColumn(t("days_overdue", lang), format="%d"),
        "stalled": st.column_config.CheckboxColumn(t("stalled.filter", lang), help=t("stalled.flag", lang)),
        "divergent": st.column_config.CheckboxColumn(t("div.column", lang), help=t("div.intro", lang)),
        "carried_over_from": "Reprise de" if fr else "Carried over from",
        "has_overlaps": st.column_config.CheckboxColumn("Recoupements" if fr else "Overlaps", help=yes),
    })
st.caption("Cliquez sur une ligne (case à gauche) ou sur ↗ pour ouvrir la fiche de la mesure." if fr else
           "Select a row or click ↗ to open the measure page.")
components.downloads(view[cols[1:]].rename(columns={"intitule": "title", "statut": "status_label"}),
                     "mesures-filtrees", "dl_measures")

rows = event.selection.rows if event else []
if rows:
    st.switch_page("app_pages/measure.py", query_params={"ref": str(view.iloc[rows[0]]["ref"]), "plan": plan_id})
