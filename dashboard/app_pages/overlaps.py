"""Recoupements : ce plan face aux stratégies nationales liées, aux plans précédents et aux
recommandations internationales (issue 6)."""

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard import overlaps_data as od
from plans.overlaps import labels as L

lang = st.session_state.get("lang", "fr")
engine = data.engine()
tracked = [p for p in data.plans_list() if p.get("tracked", True)]
ids = [p["id"] for p in tracked]
st.title("Recoupements avec les autres plans")
if not ids:
    st.info("Aucun plan en base. Lancez `python -m plans seed` pour charger le catalogue.")
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
st.caption(
    f"{ov['plan']['title_fr']} · calculé sur les {documented} mesures documentées"
    + (f" (sur {declared} déclarées)" if declared else "")
    + "\u00a0: un recoupement absent peut concerner une mesure dont l'intitulé n'est pas connu. "
    "Liens du catalogue sourcés\u00a0; suggestions automatiques à confirmer par une personne."
)


def csv_button(df: pd.DataFrame, name: str, key: str) -> None:
    st.download_button("Télécharger (CSV)", data=df.to_csv(index=False, sep=";").encode("utf-8-sig"),
                       file_name=f"recoupements-{plan_id}-{name}.csv", mime="text/csv", key=key,
                       on_click="ignore", icon=":material/download:")


LINK_COLUMNS = {"ref": "Réf.", "title_fr": "Mesure", "axis": "Axe", "other_plan_id": "Plan lié",
                "other_ref": "Élément lié", "other_title_fr": "Intitulé lié", "kind_label": "Type de lien",
                "state_label": "État", "score": "Score", "origin": "Origine", "note": "Note",
                "decided_by": "Décidé par", "source_url": "Source", "confidence": "Fiabilité"}


def links_table(df: pd.DataFrame, key: str) -> None:
    if df.empty:
        st.info("Aucun lien.")
        return
    view = df[[c for c in LINK_COLUMNS if c in df]].rename(columns=LINK_COLUMNS)
    st.dataframe(view, hide_index=True, width="stretch",
                 column_config={"Score": st.column_config.NumberColumn(format="%.2f")})
    csv_button(view, key, f"dl_{key}")


n_state = active["state"].value_counts().to_dict() if not active.empty else {}
with st.container(horizontal=True):
    st.metric("Plans liés", int(active["other_plan_id"].nunique()) if not active.empty else 0,
              help=f"sur {len(ov['related_plans'])} plans, stratégies et séries de recommandations connus", border=True)
    st.metric("Liens confirmés", n_state.get("confirmed", 0), border=True)
    st.metric("Suggestions à valider", n_state.get("suggested", 0), border=True)
    st.metric("Même action dans plusieurs plans", len(ov["shared_actions"]), border=True)
    st.metric("Mesures recyclées", len(ov["recycled"]), border=True)

tabs = st.tabs(["Matrice", "Réseau des liens", "Même action", "Mesures recyclées", "Thèmes sans mesure",
                "À valider", "Plans liés"])

with tabs[0]:
    confirmed_only = st.toggle("Liens confirmés seulement", key="ov_confirmed_only")
    m = od.matrix(engine, plan_id, confirmed_only)
    if int(m.to_numpy().sum()) == 0:
        st.info("Aucun lien pour ce plan.")
    else:
        st.caption("Nombre de liens par axe de ce plan et par plan lié (liens rejetés exclus). "
                   "Cliquez une bulle, ou choisissez ci-dessous, pour voir la liste.")
        event = st.plotly_chart(od.matrix_figure(m, titles), key="ov_matrix", on_select="rerun",
                                selection_mode="points", theme=None, width="stretch")
        picked = None
        points = getattr(getattr(event, "selection", None), "points", None) or []
        if points and points[0].get("customdata"):
            picked = tuple(points[0]["customdata"][:2])
        used = m.loc[:, m.sum() > 0]
        c1, c2 = st.columns(2)
        axis_choice = c1.selectbox("Axe", ["Tous", *used.index], key="ov_axis")
        plan_choice = c2.selectbox("Plan lié", ["Tous", *used.columns], key="ov_plan",
                                   format_func=lambda x: x if x == "Tous" else f"{x} — {titles.get(x, '')}")
        sel = active if not confirmed_only else active[active["state"] == "confirmed"]
        if picked:
            sel = sel[(sel["axis"] == picked[0]) & (sel["other_plan_id"] == picked[1])]
            st.caption(f"Sélection\u00a0: {picked[0]} × {picked[1]}")
        else:
            if axis_choice != "Tous":
                sel = sel[sel["axis"] == axis_choice]
            if plan_choice != "Tous":
                sel = sel[sel["other_plan_id"] == plan_choice]
        links_table(sel, "liens-selection")
        with st.expander("Matrice en tableau"):
            table = used.reset_index().rename(columns={"axe": "Axe"})
            st.dataframe(table, hide_index=True, width="stretch")
            csv_button(table, "matrice", "dl_matrix")

with tabs[1]:
    if active.empty:
        st.info("Aucun lien à représenter.")
    else:
        st.plotly_chart(od.sankey_figure(ov["links"]), key="ov_sankey", theme=None, width="stretch")
        legend = " · ".join(f":material/square: {L.label(L.LINK_KIND_LABELS, k, lang)} ({c})"
                            for k, c in L.LINK_KIND_COLOURS.items())
        st.caption("Couleur = type de lien (palette Okabe-Ito)\u00a0; trait pâle = suggestion non confirmée. " + legend)
        links_table(active, "tous-les-liens")

with tabs[2]:
    st.caption("La même action comptée dans plusieurs plans ou stratégies (double attribution).")
    shared = pd.DataFrame(ov["shared_actions"])
    if shared.empty:
        st.info("Aucune action commune connue.")
    else:
        view = shared[["ref", "title_fr", "other_plan_title", "other_ref", "other_title_fr", "state_label", "note",
                       "source_url", "confidence"]].rename(columns={
            "ref": "Réf.", "title_fr": "Mesure de ce plan", "other_plan_title": "Aussi dans",
            "other_ref": "Élément", "other_title_fr": "Intitulé dans l'autre plan", "state_label": "État",
            "note": "Note", "source_url": "Source", "confidence": "Fiabilité"})
        st.dataframe(view, hide_index=True, width="stretch")
        csv_button(view, "meme-action", "dl_shared")

with tabs[3]:
    st.caption("Mesures déjà promises par un plan précédent (2014-2016 ou 2019-2021), avec l'âge cumulé "
               "de la promesse et l'évaluation de la version précédente (CNCDH).")
    rec = ov["recycled"]
    if not rec:
        st.info("Aucune mesure reprise d'un plan précédent n'est connue.")
    else:
        flat = pd.DataFrame([{
            "Réf.": r["ref"], "Mesure": r["title_fr"],
            "Promise depuis": r["first_promised"], "Âge cumulé (ans)": r["age_years"],
            "Plans successifs": r["generations"],
            "Version précédente": "\u00a0; ".join(f"{e['ref']} ({e['plan_title']})" for e in r["earlier"]),
            "Évaluation précédente": "\u00a0; ".join(
                f"« {e['rating']} » ({e['rating_date']})" if e["rating"] else "inconnue" for e in r["earlier"]),
            "Source": r["source_url"], "Fiabilité": r["confidence"]} for r in rec])
        st.dataframe(flat, hide_index=True, width="stretch",
                     column_config={"Âge cumulé (ans)": st.column_config.NumberColumn(format="%.1f")})
        csv_button(flat, "mesures-recyclees", "dl_recycled")

with tabs[4]:
    st.caption("Thèmes couverts par d'autres plans ou recommandations pour lesquels aucune mesure documentée "
               "de ce plan n'existe. Seules les mesures documentées comptent.")
    gaps = pd.DataFrame(ov["theme_gaps"])
    if gaps.empty:
        st.success("Aucun thème couvert ailleurs sans mesure documentée ici.")
    else:
        view = gaps.assign(covered_by=gaps["covered_by"].map(", ".join))[
            ["theme_label", "explanation", "plans_count", "covered_by"]].rename(columns={
                "theme_label": "Thème", "explanation": "Situation", "plans_count": "Nombre de plans",
                "covered_by": "Couvert par"})
        st.dataframe(view, hide_index=True, width="stretch")
        csv_button(view, "themes-sans-mesure", "dl_gaps")

with tabs[5]:
    queue = od.review_queue(engine, plan_id)
    st.caption("Suggestions calculées par similarité de texte (TF-IDF français) et thèmes communs. "
               "Une décision est conservée lors des recalculs, rechargements du catalogue et imports.")
    who = st.text_input("Votre nom (enregistré avec la décision)", key="ov_who")
    c1, c2 = st.columns([1, 3])
    if c1.button("Recalculer les suggestions", key="ov_refresh", icon=":material/refresh:"):
        n = od.refresh(engine, plan_id)
        st.toast(f"{n} suggestion(s) ajoutée(s), mise(s) à jour ou retirée(s).")
        st.rerun()
    if not queue:
        st.info("Aucune suggestion en attente. Cliquez « Recalculer les suggestions ».")
    for r in queue[:10]:
        with st.container(border=True):
            other = f"{r['other_plan_id']}" + (f" · {r['other_ref']}" if r["other_ref"] else " (plan entier)")
            st.markdown(f"**{r['ref'] or 'Plan'}** — {r['title_fr'] or 'intitulé inconnu'}  \n"
                        f"↔ **{other}** — {r['other_title_fr'] or titles.get(r['other_plan_id'], '')}  \n"
                        f"{r['kind_label']}\u00a0? · score {r['score'] or 0:.2f}")
            b1, b2, _ = st.columns([1, 1, 4])
            if b1.button("Confirmer", key=f"ov_ok_{r['id']}", disabled=not who.strip(), icon=":material/check:"):
                od.decide(engine, r["id"], "confirmed", who)
                st.rerun()
            if b2.button("Rejeter", key=f"ov_no_{r['id']}", disabled=not who.strip(), icon=":material/close:"):
                od.decide(engine, r["id"], "rejected", who)
                st.rerun()
    if queue:
        if not who.strip():
            st.caption("Indiquez votre nom pour confirmer ou rejeter.")
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
    st.caption("Cellule vide = inconnu (non trouvé dans les sources publiques consultées).")
    st.dataframe(view, hide_index=True, width="stretch")
    csv_button(view, "plans-lies", "dl_related")
    query = st.text_input("Chercher un sujet dans les autres plans et recommandations",
                          placeholder="ex.\u00a0: mécanisme national d'orientation", key="ov_search")
    if query.strip():
        found = pd.DataFrame(od.search(engine, query.strip(), plan_id))
        if found.empty:
            st.info("Aucun élément proche.")
        else:
            found = found.assign(plan_title=found["plan_id"].map(titles))[
                ["plan_id", "plan_title", "ref", "text", "score"]].rename(columns={
                    "plan_id": "Plan", "plan_title": "Intitulé du plan", "ref": "Élément", "text": "Intitulé",
                    "score": "Score"})
            st.dataframe(found, hide_index=True, width="stretch",
                         column_config={"Score": st.column_config.NumberColumn(format="%.2f")})
            csv_button(found, "recherche", "dl_search")
