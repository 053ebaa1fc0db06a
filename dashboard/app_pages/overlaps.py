"""Recoupements : ce plan face aux stratégies nationales liées, aux plans précédents et aux
recommandations internationales (issue 6)."""

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard import overlaps_data as od
from dashboard.i18n import fmt_num
from plans.overlaps import labels as L

lang = st.session_state.get("lang", "fr")


def tr(fr_text: str, en_text: str) -> str:
    """The French or English text of a label, following the sidebar language."""
    return fr_text if lang == "fr" else en_text


engine = data.engine()
tracked = [p for p in data.plans_list() if p.get("tracked", True)]
ids = [p["id"] for p in tracked]
st.title(tr("Recoupements avec les autres plans", "Overlaps with other plans"))
if not ids:
    st.info(tr("Aucun plan en base. Lancez `python -m plans seed` pour charger le catalogue, puis rechargez la page.",
               "No plan in the database. Run `python -m plans seed` to load the catalogue, then reload the page."))
    st.stop()
plan_id = st.session_state.get("plan")
if plan_id not in ids:
    plan_id = "pna-2024-2027" if "pna-2024-2027" in ids else ids[0]
plan_row = next(p for p in tracked if p["id"] == plan_id)

ov = od.overview(engine, plan_id, lang)
links = pd.DataFrame(ov["links"])
active = links[links["state"] != "rejected"] if not links.empty else links
titles = {r["id"]: r["title_fr"] for r in ov["related_plans"]}
declared = plan_row.get("measures_declared")
documented = plan_row.get("measures_documented")
st.caption(tr(
    f"{ov['plan']['title_fr']} · calculé sur les {documented} mesures documentées"
    + (f" (sur {declared} déclarées)" if declared else "")
    + "\u00a0: un recoupement absent peut concerner une mesure dont l'intitulé n'est pas connu. "
    "Liens du catalogue sourcés\u00a0; suggestions automatiques à confirmer par une personne.",
    f"{ov['plan']['title_fr']} · computed on the {documented} documented measures"
    + (f" (of {declared} declared)" if declared else "")
    + ": a missing overlap may concern a measure whose title is unknown. "
    "Catalogue links are sourced; automatic suggestions must be confirmed by a person."))


def csv_button(df: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(tr("Télécharger (CSV)", "Download (CSV)"), data=df.to_csv(index=False, sep=";").encode("utf-8-sig"),
                       file_name=f"recoupements-{plan_id}-{name}.csv", mime="text/csv", key=key,
                       on_click="ignore", icon=":material/download:")


LINK_COLUMNS = ({"ref": "Réf.", "title_fr": "Mesure", "axis": "Axe", "other_plan_id": "Plan lié",
                 "other_ref": "Élément lié", "other_title_fr": "Intitulé lié", "kind_label": "Type de lien",
                 "state_label": "État", "score": "Score", "origin": "Origine", "note": "Note",
                 "decided_by": "Décidé par", "source_url": "Source", "confidence": "Fiabilité"} if lang == "fr" else
                {"ref": "Ref.", "title_fr": "Measure", "axis": "Axis", "other_plan_id": "Linked plan",
                 "other_ref": "Linked item", "other_title_fr": "Linked title", "kind_label": "Link type",
                 "state_label": "State", "score": "Score", "origin": "Origin", "note": "Note",
                 "decided_by": "Decided by", "source_url": "Source", "confidence": "Confidence"})


def links_table(df: pd.DataFrame, key: str) -> None:
    if df.empty:
        st.info(tr("Aucun lien.", "No link."))
        return
    view = df[[c for c in LINK_COLUMNS if c in df]]
    if "score" in view:  # « 0,53 » in French
        view = view.assign(score=view["score"].map(lambda v: fmt_num(v, lang, 2) if pd.notna(v) else ""))
    view = view.rename(columns=LINK_COLUMNS)
    st.dataframe(view, hide_index=True, width="stretch")
    csv_button(view, key, f"dl_{key}")


n_state = active["state"].value_counts().to_dict() if not active.empty else {}
with st.container(horizontal=True):
    st.metric(tr("Plans liés", "Linked plans"), int(active["other_plan_id"].nunique()) if not active.empty else 0,
              help=tr(f"sur {len(ov['related_plans'])} plans, stratégies et séries de recommandations connus",
                      f"of {len(ov['related_plans'])} known plans, strategies and sets of recommendations"),
              border=True)
    st.metric(tr("Liens confirmés", "Confirmed links"), n_state.get("confirmed", 0), border=True)
    st.metric(tr("Suggestions à valider", "Suggestions to review"), n_state.get("suggested", 0), border=True)
    st.metric(tr("Même action dans plusieurs plans", "Same action in several plans"), len(ov["shared_actions"]),
              border=True)
    st.metric(tr("Mesures recyclées", "Recycled measures"), len(ov["recycled"]), border=True)

tabs = st.tabs([tr("Matrice", "Matrix"), tr("Réseau des liens", "Link network"), tr("Même action", "Same action"),
                tr("Mesures recyclées", "Recycled measures"), tr("Thèmes sans mesure", "Themes without a measure"),
                tr("À valider", "To review"), tr("Plans liés", "Linked plans")])
ALL = tr("Tous", "All")

with tabs[0]:
    confirmed_only = st.toggle(tr("Liens confirmés seulement", "Confirmed links only"), key="ov_confirmed_only")
    m = od.matrix(engine, plan_id, confirmed_only)
    if int(m.to_numpy().sum()) == 0:
        st.info(tr("Aucun lien pour ce plan.", "No link for this plan."))
    else:
        st.caption(tr("Nombre de liens par axe de ce plan et par plan lié (liens rejetés exclus). "
                      "Cliquez une bulle, ou choisissez ci-dessous, pour voir la liste.",
                      "Number of links per axis of this plan and per linked plan (rejected links excluded). "
                      "Click a bubble, or choose below, to see the list."))
        event = st.plotly_chart(od.matrix_figure(m, titles, lang), key="ov_matrix", on_select="rerun",
                                selection_mode="points", theme=None, width="stretch")
        picked = None
        points = getattr(getattr(event, "selection", None), "points", None) or []
        if points and points[0].get("customdata"):
            picked = tuple(points[0]["customdata"][:2])
        used = m.loc[:, m.sum() > 0]
        c1, c2 = st.columns(2)
        axis_choice = c1.selectbox(tr("Axe", "Axis"), [ALL, *used.index], key="ov_axis")
        plan_choice = c2.selectbox(tr("Plan lié", "Linked plan"), [ALL, *used.columns], key="ov_plan",
                                   format_func=lambda x: x if x == ALL else f"{x} — {titles.get(x, '')}")
        sel = active if not confirmed_only else active[active["state"] == "confirmed"]
        if picked:
            sel = sel[(sel["axis"] == picked[0]) & (sel["other_plan_id"] == picked[1])]
            st.caption(tr("Sélection\u00a0: ", "Selection: ") + f"{picked[0]} × {picked[1]}")
        else:
            if axis_choice != ALL:
                sel = sel[sel["axis"] == axis_choice]
            if plan_choice != ALL:
                sel = sel[sel["other_plan_id"] == plan_choice]
        links_table(sel, "liens-selection")
        with st.expander(tr("Matrice en tableau", "Matrix as a table")):
            table = used.reset_index().rename(columns={"axe": "Axe"})
            st.dataframe(table, hide_index=True, width="stretch")
            csv_button(table, "matrice", "dl_matrix")

with tabs[1]:
    if active.empty:
        st.info(tr("Aucun lien à représenter.", "No link to show."))
    else:
        st.plotly_chart(od.sankey_figure(ov["links"]), key="ov_sankey", theme=None, width="stretch")
        legend = " · ".join(f":material/square: {L.label(L.LINK_KIND_LABELS, k, lang)} ({c})"
                            for k, c in L.LINK_KIND_COLOURS.items())
        st.caption(tr("Couleur = type de lien (palette Okabe-Ito)\u00a0; trait pâle = suggestion non confirmée. ",
                      "Colour = link type (Okabe-Ito palette); pale line = unconfirmed suggestion. ") + legend)
        links_table(active, "tous-les-liens")

with tabs[2]:
    st.caption(tr("La même action comptée dans plusieurs plans ou stratégies (double attribution).",
                  "The same action counted in several plans or strategies (double counting)."))
    shared = pd.DataFrame(ov["shared_actions"])
    if shared.empty:
        st.info(tr("Aucune action commune connue.", "No shared action known."))
    else:
        view = shared[["ref", "title_fr", "other_plan_title", "other_ref", "other_title_fr", "state_label", "note",
                       "source_url", "confidence"]].rename(columns={
            "ref": "Réf.", "title_fr": "Mesure de ce plan", "other_plan_title": "Aussi dans",
            "other_ref": "Élément", "other_title_fr": "Intitulé dans l'autre plan", "state_label": "État",
            "note": "Note", "source_url": "Source", "confidence": "Fiabilité"})
        st.dataframe(view, hide_index=True, width="stretch")
        csv_button(view, "meme-action", "dl_shared")

with tabs[3]:
    st.caption(tr("Mesures déjà promises par un plan précédent (2014-2016 ou 2019-2021), avec l'âge cumulé "
                  "de la promesse et l'évaluation de la version précédente (CNCDH).",
                  "Measures already promised by an earlier plan (2014-2016 or 2019-2021), with the cumulative age "
                  "of the promise and the rating of the earlier version (CNCDH)."))
    rec = ov["recycled"]
    if not rec:
        st.info(tr("Aucune mesure reprise d'un plan précédent n'est connue.",
                   "No measure carried over from an earlier plan is known."))
    else:
        flat = pd.DataFrame([{
            "Réf.": r["ref"], "Mesure": r["title_fr"],
            "Promise depuis": r["first_promised"], "Âge cumulé (ans)": fmt_num(r["age_years"], lang, 1) if r["age_years"] is not None else "",
            "Plans successifs": r["generations"],
            "Version précédente": "\u00a0; ".join(f"{e['ref']} ({e['plan_title']})" for e in r["earlier"]),
            "Évaluation précédente": "\u00a0; ".join(
                f"« {e['rating']} » ({e['rating_date']})" if e["rating"] else "inconnue" for e in r["earlier"]),
            "Source": r["source_url"], "Fiabilité": r["confidence"]} for r in rec])
        st.dataframe(flat, hide_index=True, width="stretch")
        csv_button(flat, "mesures-recyclees", "dl_recycled")

with tabs[4]:
    st.caption(tr("Thèmes couverts par d'autres plans ou recommandations pour lesquels aucune mesure documentée "
                  "de ce plan n'existe. Seules les mesures documentées comptent.",
                  "Themes covered by other plans or recommendations with no documented measure in this plan. "
                  "Only documented measures count."))
    gaps = pd.DataFrame(ov["theme_gaps"])
    if gaps.empty:
        st.success(tr("Aucun thème couvert ailleurs sans mesure documentée ici.",
                      "No theme covered elsewhere lacks a documented measure here."))
    else:
        view = gaps.assign(covered_by=gaps["covered_by"].map(", ".join))[
            ["theme_label", "explanation", "plans_count", "covered_by"]].rename(columns={
                "theme_label": "Thème", "explanation": "Situation", "plans_count": "Nombre de plans",
                "covered_by": "Couvert par"})
        st.dataframe(view, hide_index=True, width="stretch")
        csv_button(view, "themes-sans-mesure", "dl_gaps")

with tabs[5]:
    queue = od.review_queue(engine, plan_id)
    st.caption(tr("Suggestions calculées par similarité de texte (TF-IDF français) et thèmes communs. "
                  "Une décision est conservée lors des recalculs, rechargements du catalogue et imports.",
                  "Suggestions computed from text similarity (French TF-IDF) and shared themes. A decision is kept "
                  "across recomputations, catalogue reloads and imports."))
    who = st.text_input(tr("Votre nom (enregistré avec la décision)", "Your name (saved with the decision)"),
                        key="ov_who")
    c1, c2 = st.columns([1, 3])
    if c1.button(tr("Recalculer les suggestions", "Recompute suggestions"), key="ov_refresh",
                 icon=":material/refresh:"):
        n = od.refresh(engine, plan_id)
        st.toast(tr(f"{n} suggestion(s) ajoutée(s), mise(s) à jour ou retirée(s).",
                    f"{n} suggestion(s) added, updated or removed."))
        st.rerun()
    if not queue:
        st.info(tr("Aucune suggestion en attente. Cliquez « Recalculer les suggestions ».",
                   "No pending suggestion. Click « Recompute suggestions »."))
    for r in queue[:10]:
        with st.container(border=True):
            other = f"{r['other_plan_id']}" + (f" · {r['other_ref']}" if r["other_ref"] else " (plan entier)")
            st.markdown(f"**{r['ref'] or 'Plan'}** — {r['title_fr'] or 'intitulé inconnu'}  \n"
                        f"↔ **{other}** — {r['other_title_fr'] or titles.get(r['other_plan_id'], '')}  \n"
                        f"{r['kind_label']}" + tr("\u00a0?", "?") + f" · score {fmt_num(r['score'] or 0, lang, 2)}")
            b1, b2, _ = st.columns([1, 1, 4])
            if b1.button(tr("Confirmer", "Confirm"), key=f"ov_ok_{r['id']}", disabled=not who.strip(), icon=":material/check:"):
                od.decide(engine, r["id"], "confirmed", who)
                st.rerun()
            if b2.button(tr("Rejeter", "Reject"), key=f"ov_no_{r['id']}", disabled=not who.strip(), icon=":material/close:"):
                od.decide(engine, r["id"], "rejected", who)
                st.rerun()
    if queue:
        if not who.strip():
            st.caption(tr("Indiquez votre nom pour confirmer ou rejeter.", "Enter your name to confirm or reject."))
        qdf = pd.DataFrame(queue)
        links_table(qdf, "suggestions")

with tabs[6]:
    rp = pd.DataFrame(ov["related_plans"])
    view = rp.assign(themes=rp["themes"].map(lambda ts: ", ".join(L.theme_label(t, lang) for t in ts)))[
        ["id", "kind_label", "title_fr", "period_text", "steering_body", "measures_declared_text", "items_known",
         "links", "themes", "known_shared_actions", "source_url", "confidence"]].rename(columns={
            "id": "Identifiant", "kind_label": "Type", "title_fr": "Intitulé", "period_text": "Période",
            "steering_body": "Pilotage", "measures_declared_text": "Mesures annoncées",
            "items_known": "Éléments connus", "links": "Liens", "themes": "Thèmes",
            "known_shared_actions": "Recoupements connus", "source_url": "Source", "confidence": "Fiabilité"})
    st.caption(tr("Cellule vide = inconnu (non trouvé dans les sources publiques consultées).",
                  "Empty cell = unknown (not found in the public sources consulted)."))
    st.dataframe(view, hide_index=True, width="stretch")
    csv_button(view, "plans-lies", "dl_related")
    query = st.text_input(tr("Chercher un sujet dans les autres plans et recommandations",
                             "Search a topic in the other plans and recommendations"),
                          placeholder="ex.\u00a0: mécanisme national d'orientation", key="ov_search")
    if query.strip():
        found = pd.DataFrame(od.search(engine, query.strip(), plan_id))
        if found.empty:
            st.info(tr("Aucun élément proche. Essayez d'autres mots (sans accents, c'est pareil).",
                       "No close item. Try other words."))
        else:
            found = found.assign(plan_title=found["plan_id"].map(titles))[
                ["plan_id", "plan_title", "ref", "text", "score"]].rename(columns={
                    "plan_id": "Plan", "plan_title": "Intitulé du plan", "ref": "Élément", "text": "Intitulé",
                    "score": "Score"})
            found["Score"] = found["Score"].map(lambda v: fmt_num(v, lang, 2) if pd.notna(v) else "")
            st.dataframe(found, hide_index=True, width="stretch")
            csv_button(found, "recherche", "dl_search")
