"""Recoupements : ce plan face aux stratégies nationales liées, aux plans précédents et aux
recommandations internationales."""

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, state
from dashboard import overlaps_data as od
from dashboard.components import plain
from dashboard.i18n import t
from plans.formatting import fmt_date, fmt_num
from plans.overlaps import labels as L

lang = state.lang()


def headers(**keys: str) -> dict[str, str]:
    """{column: header in the sidebar language} from {column: i18n key}."""
    return {col: t(key, lang) for col, key in keys.items()}


engine = data.engine()
tracked = [p for p in data.plans_list() if p.get("tracked", True)]
ids = [p["id"] for p in tracked]
st.title(t("ol.title", lang))
if not ids:
    st.info(t("ol.no_plan", lang))
    st.stop()
plan_id = state.plan_id()
if plan_id not in ids:
    plan_id = "pna-2024-2027" if "pna-2024-2027" in ids else ids[0]
plan_row = next(p for p in tracked if p["id"] == plan_id)

ov = od.overview(engine, plan_id, lang)
links = pd.DataFrame(ov["links"])
active = links[links["state"] != "rejected"] if not links.empty else links
titles = {r["id"]: r["title_fr"] for r in ov["related_plans"]}
names_of = od.plan_names(ov, lang)  # related plan id → the short name people know it by (never the id)
own_titles = data.titles(plan_id, state.as_of(), lang)  # this plan's measures, English titles in English


def own_title(ref, title):
    return own_titles.get(str(ref)) or title if ref else title
declared = plan_row.get("measures_declared")
plan_title = ((data.plan(plan_id) or {}).get("title_en") if lang == "en" else None) or ov["plan"]["title_fr"]
st.caption(t("ol.caption", lang, plan=plain(plan_title), documented=plan_row.get("measures_documented"),
             declared=t("ol.of_declared", lang, n=declared) if declared else ""))


def csv_button(df: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(t("ol.csv", lang), data=lambda: od.csv_bytes(df, lang),
                       file_name=components.download_name(f"recoupements {name}") + ".csv", mime="text/csv", key=key,
                       on_click="ignore", icon=":material/download:")


LINK_COLUMNS = headers(ref="ref", title_fr="col.measure", axis="axis", other_plan_id="col.linked_plan",
                       other_title_fr="col.linked_title", kind_label="col.link_kind",
                       state_label="col.state", score="col.score", origin="col.origin", note="col.note",
                       decided_by="col.decided_by", source_url="col.source", confidence="col.confidence")


def links_table(df: pd.DataFrame, key: str) -> None:
    if df.empty:
        st.info(t("ol.no_link", lang))
        return
    view = df[[c for c in LINK_COLUMNS if c in df]]
    if "other_plan_id" in view:
        view = view.assign(other_plan_id=view["other_plan_id"].map(lambda x: names_of.get(x, x)))
    if "title_fr" in view and "ref" in view:
        view = view.assign(title_fr=[own_title(r, x) for r, x in zip(view["ref"], view["title_fr"], strict=True)])
    if "score" in view:  # « 0,53 » in French
        view = view.assign(score=view["score"].map(lambda v: fmt_num(v, lang, 2) if pd.notna(v) else ""))
    view = view.rename(columns=LINK_COLUMNS)
    wide = {LINK_COLUMNS[c]: st.column_config.TextColumn(width=w)  # titles wrap nowhere: keep room for the rest
            for c, w in (("title_fr", 300), ("axis", 220), ("other_title_fr", 300)) if LINK_COLUMNS[c] in view}
    st.dataframe(view, hide_index=True, width="stretch", placeholder="", column_config=wide)
    csv_button(view, key, f"dl_{key}")


n_state = active["state"].value_counts().to_dict() if not active.empty else {}
with st.container(horizontal=True):
    st.metric(t("ol.linked_plans", lang), int(active["other_plan_id"].nunique()) if not active.empty else 0,
              help=t("ol.linked_plans_help", lang, n=len(ov["related_plans"])), border=True)
    st.metric(t("ol.confirmed", lang), n_state.get("confirmed", 0), border=True)
    st.metric(t("ol.to_review", lang), n_state.get("suggested", 0), border=True)
    st.metric(t("ol.same_action", lang), len(ov["shared_actions"]), border=True)
    st.metric(t("ol.recycled", lang), len(ov["recycled"]), border=True)

tabs = st.tabs([t(k, lang) for k in ("ol.tab.matrix", "ol.tab.network", "ol.tab.same", "ol.recycled", "ol.tab.gaps",
                                     "ol.tab.review", "ol.linked_plans")])
ALL = t("all", lang)

with tabs[0]:
    confirmed_only = st.toggle(t("ol.confirmed_only", lang), key="ov_confirmed_only")
    m = od.matrix(engine, plan_id, confirmed_only, lang)
    if int(m.to_numpy().sum()) == 0:
        st.info(t("ol.no_link_plan", lang))
    else:
        st.caption(t("ol.matrix_caption", lang))
        matrix_fig = od.matrix_figure(m, titles, lang, names_of)
        event = st.plotly_chart(matrix_fig, key="ov_matrix", on_select="rerun",
                                selection_mode="points", theme=None, width="stretch",
                                config=components.plotly_config(t("ol.tab.matrix", lang)))
        components.chart_export(matrix_fig, t("ol.export.matrix", lang), "ov_matrix", plan_id=plan_id)
        picked = None
        points = getattr(getattr(event, "selection", None), "points", None) or []
        if points and points[0].get("customdata"):
            picked = tuple(points[0]["customdata"][:2])
        used = m.loc[:, m.sum() > 0]
        c1, c2 = st.columns(2)
        axis_choice = c1.selectbox(t("axis", lang), [ALL, *used.index], key="ov_axis")
        plan_choice = c2.selectbox(t("col.linked_plan", lang), [ALL, *used.columns], key="ov_plan",
                                   format_func=lambda x: x if x == ALL else names_of.get(x, x))
        sel = active if not confirmed_only else active[active["state"] == "confirmed"]
        if picked:
            sel = sel[(sel["axis"] == picked[0]) & (sel["other_plan_id"] == picked[1])]
            st.caption(t("ol.selection", lang) + f"{plain(picked[0])} × {plain(names_of.get(picked[1], picked[1]))}")
        else:
            if axis_choice != ALL:
                sel = sel[sel["axis"] == axis_choice]
            if plan_choice != ALL:
                sel = sel[sel["other_plan_id"] == plan_choice]
        links_table(sel, "liens-selection")
        with st.expander(t("ol.matrix_table", lang)):
            long = used.stack()  # one row per axis × related plan with links: the headers are ours, the names data
            long = long[long > 0]
            table = pd.DataFrame({t("axis", lang): long.index.get_level_values(0),
                                  t("col.linked_plan", lang): [names_of.get(p, p) for p in long.index.get_level_values(1)],
                                  t("col.links", lang): long.to_numpy()})
            st.dataframe(table, hide_index=True, width="stretch")
            csv_button(table, "matrice", "dl_matrix")

with tabs[1]:
    if active.empty:
        st.info(t("ol.no_link_to_show", lang))
    else:
        sankey_fig = od.sankey_figure(ov["links"], names_of)
        st.plotly_chart(sankey_fig, key="ov_sankey", theme=None, width="stretch",
                        config=components.plotly_config(t("ol.tab.network", lang)))
        components.chart_export(sankey_fig, t("ol.export.network", lang), "ov_sankey", plan_id=plan_id)
        legend = " · ".join(f":material/square: {L.label(L.LINK_KIND_LABELS, k, lang)} ({c})"
                            for k, c in L.LINK_KIND_COLOURS.items())
        st.caption(t("ol.network_caption", lang) + legend)
        links_table(active, "tous-les-liens")

with tabs[2]:
    st.caption(t("ol.same_caption", lang))
    shared = pd.DataFrame(ov["shared_actions"])
    if shared.empty:
        st.info(t("ol.no_shared", lang))
    else:
        names = headers(ref="ref", title_fr="col.this_measure", other_plan_title="col.also_in",
                        other_title_fr="col.other_title", state_label="col.state", note="col.note",
                        source_url="col.source", confidence="col.confidence")
        shared = shared.assign(title_fr=[own_title(r, x) for r, x in zip(shared["ref"], shared["title_fr"], strict=True)])
        view = shared[list(names)].rename(columns=names)
        st.dataframe(view, hide_index=True, width="stretch", placeholder="")
        csv_button(view, "meme-action", "dl_shared")

with tabs[3]:
    st.caption(t("ol.recycled_caption", lang))
    rec = ov["recycled"]
    if not rec:
        st.info(t("ol.no_recycled", lang))
    else:
        names = headers(ref="ref", title="col.measure", since="col.promised_since", age="col.age",
                        generations="col.generations", earlier="col.earlier", rating="col.earlier_rating",
                        source="col.source", confidence="col.confidence")
        flat = pd.DataFrame([{
            "ref": r["ref"], "title": own_title(r["ref"], r["title_fr"]), "since": fmt_date(r["first_promised"], lang),
            "age": fmt_num(r["age_years"], lang, 1) if r["age_years"] is not None else "",
            "generations": r["generations"],
            "earlier": "\u00a0; ".join(f"« {e['title_fr'] or e['ref']} » ({e['plan_title']})" for e in r["earlier"]),
            "rating": "\u00a0; ".join(f"« {e['rating']} » ({fmt_date(e['rating_date'], lang)})" if e["rating"]
                                      else t("ol.rating_unknown", lang) for e in r["earlier"]),
            "source": r["source_url"], "confidence": r["confidence"]} for r in rec]).rename(columns=names)
        st.dataframe(flat, hide_index=True, width="stretch", placeholder="")
        csv_button(flat, "mesures-recyclees", "dl_recycled")

with tabs[4]:
    st.caption(t("ol.gaps_caption", lang))
    gaps = pd.DataFrame(ov["theme_gaps"])
    if gaps.empty:
        st.success(t("ol.no_gap", lang))
    else:
        names = headers(theme_label="col.theme", explanation="col.situation", plans_count="col.plans_count",
                        covered_by="col.covered_by")
        situation = {True: t("ol.gap_declared", lang), False: t("ol.gap_absent", lang)}
        view = gaps.assign(covered_by=gaps["covered_by"].map(lambda ids: ", ".join(names_of.get(x, x) for x in ids)),
                           explanation=gaps["declared_in_plan"].map(lambda d: situation[bool(d)]))
        view = view[list(names)].rename(columns=names)
        st.dataframe(view, hide_index=True, width="stretch", placeholder="")
        csv_button(view, "themes-sans-mesure", "dl_gaps")

with tabs[5]:
    queue = od.review_queue(engine, plan_id)
    st.caption(t("ol.review_caption", lang))
    writer = auth.gate(lang, "ov_login", t("auth.unlock_edit", lang), action="decide_overlap")  # None: read only
    c1, c2 = st.columns([1, 3])
    if c1.button(t("ol.refresh", lang), key="ov_refresh", icon=":material/refresh:", disabled=writer is None) \
            and writer is not None:
        n = od.refresh(engine, plan_id, writer)
        st.toast(t("ol.refreshed", lang, n=n))
        st.rerun()
    if not queue:
        st.info(t("ol.no_queue", lang))
    for r in queue[:10]:
        with st.container(border=True):
            other = plain(names_of.get(r["other_plan_id"], r["other_plan_id"])) + \
                ("" if r["other_ref"] else t("ol.whole_plan", lang))  # the item by its title, never its code
            st.markdown(f"**{plain(r['ref']) or t('ol.plan', lang)}** — "
                        f"{plain(own_title(r['ref'], r['title_fr'])) or t('ol.unknown_title', lang)}  \n"
                        f"↔ **{other}** — {plain(r['other_title_fr'] or titles.get(r['other_plan_id'], ''))}  \n"
                        f"{r['kind_label']}{t('ol.question', lang)} · {t('col.score', lang).lower()} "
                        f"{fmt_num(r['score'] or 0, lang, 2)}")
            b1, b2, _ = st.columns([1, 1, 4])
            if b1.button(t("ol.confirm", lang), key=f"ov_ok_{r['id']}", disabled=writer is None,
                         icon=":material/check:") and writer is not None:
                od.decide(engine, r["id"], "confirmed", writer)
                st.rerun()
            if b2.button(t("ol.reject", lang), key=f"ov_no_{r['id']}", disabled=writer is None,
                         icon=":material/close:") and writer is not None:
                od.decide(engine, r["id"], "rejected", writer)
                st.rerun()
    if queue:
        links_table(pd.DataFrame(queue), "suggestions")

with tabs[6]:
    rp = pd.DataFrame(ov["related_plans"])
    if rp.empty:  # the last tab: stopping here leaves the other tabs drawn
        st.info(t("ol.no_related", lang))
        st.stop()
    names = headers(kind_label="col.kind", title_fr="title", period_text="col.period",
                    steering_body="col.steering", measures_declared_text="col.declared", items_known="col.items_known",
                    links="col.links", themes="col.themes", known_shared_actions="col.shared_known",
                    source_url="col.source", confidence="col.confidence")
    view = rp.assign(themes=rp["themes"].map(lambda ts: ", ".join(L.theme_label(x, lang) for x in ts)))[
        list(names)].rename(columns=names)
    st.caption(t("ol.empty_cell", lang))
    st.dataframe(view, hide_index=True, width="stretch", placeholder="")
    csv_button(view, "plans-lies", "dl_related")
    query = st.text_input(t("ol.search", lang), placeholder=t("ol.search_placeholder", lang), key="ov_search")
    if query.strip():
        found = pd.DataFrame(od.search(engine, query.strip(), plan_id))
        if found.empty:
            st.info(t("ol.no_found", lang))
        else:
            names = headers(plan_title="col.plan_title", text="title", score="col.score")
            found = found.assign(plan_title=found["plan_id"].map(titles),
                                 score=found["score"].map(lambda v: fmt_num(v, lang, 2) if pd.notna(v) else ""))
            found = found[list(names)].rename(columns=names)
            st.dataframe(found, hide_index=True, width="stretch")
            csv_button(found, "recherche", "dl_search")
