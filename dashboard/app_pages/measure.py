"""Fiche mesure: one measure with its deadline, status timeline (both voices), slippage, evidence, links."""

import pandas as pd
import streamlit as st

from dashboard import charts, components, data, edit_forms, state
from dashboard.i18n import EVENT_STATES, colon, status_text, t, voice_text
from plans import config
from plans.formatting import fmt_date
from plans.overlaps.labels import LINK_KIND_LABELS, LINK_STATE_LABELS, label
from plans.wording import stalled_reason

plan_id, as_of, lang = components.context()
fr = lang == "fr"
table = data.measures_table(plan_id, as_of)
if table.empty:
    st.title(t("nav.measure", lang))
    components.empty_state()
    st.stop()

refs = table["ref"].astype(str).tolist()
titles = data.titles(plan_id, as_of, lang)
linked = st.query_params.get("ref")
wanted = linked or st.session_state.get(state.REF)
if wanted in refs and st.session_state.get("measure_pick") != wanted:
    st.session_state["measure_pick"] = wanted
elif linked and linked not in refs:  # a link to a measure the plan does not have: say so, never open another one
    st.warning(t("m.no_such_ref", lang, ref=linked), icon=":material/link_off:")
ref = st.selectbox(t("m.pick", lang), refs, key="measure_pick",
                   format_func=lambda r: f"{r} — {titles[r][:90]}" if titles.get(r) else r,
                   on_change=lambda: st.query_params.update(ref=st.session_state["measure_pick"]))
st.session_state[state.REF] = ref
m = data.measure_detail(plan_id, ref, as_of)

st.title(f"{components.plain(ref)} — {components.plain(m.get('title_fr')) or t('m.unknown_title', lang)}")
if not fr and m.get("title_en"):
    st.caption(components.plain(m["title_en"]))
status_line = [components.status_badge(m.get("status"), lang)]
if m.get("status_date"):
    precision = m.get("status_date_precision")  # « au 11 juin 2024 », « en décembre 2025 » (month only)
    word = t("m.status_in" if precision in ("month", "year") else "m.status_as_of", lang)
    status_line.append(f"{word} {fmt_date(m.get('status_date'), lang, precision=precision)}")
if m.get("voice"):
    status_line.append(f"({voice_text(m.get('voice'), lang)})")
st.markdown(" ".join(status_line) if len(status_line) > 1 else f"{status_line[0]} {t('m.no_status', lang)}")

c1, c2, c3 = st.columns(3)
c1.markdown(f"**{t('axis', lang)}**  \n{components.plain(m.get('axis_label')) or '—'}")
c2.markdown(f"**{t('lead', lang)}**  \n{components.plain(m.get('lead_body')) or '—'}")
read = " → ".join(fmt_date(m.get(k), lang) for k in ("deadline_start", "deadline_end") if m.get(k))
written = f"« {components.plain(m['deadline_text'])} »" if m.get("deadline_text") else t("m.not_given", lang)
c3.markdown(f"**{t('deadline', lang)}**  \n{t('m.written', lang)}{colon(lang)}{written}"
            f"  \n{t('m.read', lang)}{colon(lang)}{read or t('m.no_deadline', lang)}")
if m.get("overdue"):
    st.warning(t("overdue.flag", lang, days=m.get("days_overdue")), icon=":material/warning:")
if m.get("stalled"):
    th = config.with_defaults("thresholds", data.headline(plan_id, as_of).get("thresholds"))
    why = stalled_reason(m.get("stalled_unchanged_days"), m.get("stalled_times_postponed"), lang)
    st.warning(t("stalled.flag", lang) + colon(lang) + (why or ""),
               icon=":material/hourglass_empty:")
    st.caption(t("help.stalled", lang, days=th["stalled_days"], postponements=th["stalled_postponements"]))

edit_forms.assessment_form(plan_id, ref, lang)  # contributors and coordinators only

# Government and civil society may give different statuses: show both, never pick one silently.
div = data.divergence(plan_id, ref, as_of)
if div:
    hist_rows = list(m.get("history") or [])

    def source_of(voice: str, when) -> str:
        rows = [h for h in hist_rows if h.get("voice") == voice and (not when or str(h.get("as_of"))[:10] <= when)]
        rows.sort(key=lambda h: str(h.get("as_of")))
        url = (rows[-1].get("source_url") if rows else None) or ""
        return t("div.source", lang, url=f"<{url.strip()}>") if components.is_web_url(url) else ""

    dates = div.get("dates") or {}
    lines = [t("div.row", lang, voice=voice_text(v, lang),
               status=status_text(div.get(v), lang) or t("div.unknown", lang),
               date=fmt_date(dates.get(v), lang) or "—", source=source_of(v, dates.get(v)))
             for v in ("government", "civil_society", "independent") if div.get(v)]
    voices_differ = len({div.get(v) for v in ("government", "civil_society", "independent") if div.get(v)}) > 1
    named = div.get("associations") or {}  # each association's latest view (two that disagree are flagged alike)
    adates = div.get("association_dates") or {}
    lines += [t("div.row", lang, voice=components.plain(a), status=status_text(code, lang) or t("div.unknown", lang),
                date=fmt_date(adates.get(a), lang) or "—", source="") for a, code in named.items()]
    intro = t("div.intro" if voices_differ else "div.intro_associations", lang)
    with st.container(border=True, key="divergence"):
        st.markdown(f":orange[:material/call_split:] **{t('div.title', lang)}**")
        st.markdown(intro + "\n\n" + "\n".join(f"- {line}" for line in lines))
        st.caption(t("div.help", lang))

def latest_views(history: list[dict]) -> list[dict]:
    """A measure's history rows (dicts with ``voice``, ``association``, ``as_of``, ``id``…) → the latest row of each
    chain (measure × voice × association; ``association`` None: the collective's), the government first, then the
    collective, the associations by name, the independent bodies."""
    latest: dict[tuple, dict] = {}
    for r in sorted(history, key=lambda r: (str(r.get("as_of") or ""), r.get("id") or 0)):
        latest[(r.get("voice"), r.get("association") or None)] = r
    order = {v: i for i, v in enumerate(("government", "civil_society", "independent"))}
    return [latest[k] for k in sorted(latest, key=lambda k: (order.get(k[0], 3), k[1] is not None, k[1] or ""))]


# Each association's latest view beside the government's and the collective's (rows of no association): shown
# once an association wrote about the measure; their texts as text, never Markdown.
views = latest_views(m.get("history") or [])
if any(v.get("association") for v in views):
    st.subheader(t("views.title", lang))
    for v in views:
        who = components.plain(v["association"]) if v.get("association") else (
            t("views.collective", lang) if v.get("voice") == "civil_society" else voice_text(v.get("voice"), lang))
        when = fmt_date(v.get("as_of"), lang, precision=v.get("as_of_precision")) or "—"
        said = " — ".join(str(x).strip() for x in (v.get("summary"), v.get("comment"))
                          if isinstance(x, str) and x.strip())
        url = v.get("source_url")
        with st.container(border=True, key=f"view_{v.get('id')}"):
            st.markdown(t("views.row", lang, who=who, status=status_text(v.get("status"), lang) or "—", date=when))
            if said:
                st.markdown(components.plain(said))
            if components.is_web_url(url):
                st.markdown(components.source_link(url, t("views.source", lang)))

st.header(t("m.history", lang))
hist = pd.DataFrame(m.get("history") or [])
if hist.empty:
    st.info(t("m.no_history", lang))
    st.page_link(components.DATA_PAGE, label=t("go_data", lang), icon=":material/database:")
else:
    if "comment" in hist:  # an imported row carries its evidence in « Commentaire »
        base = hist["summary"] if "summary" in hist else pd.Series([None] * len(hist), index=hist.index)
        both = [" — ".join(str(x) for x in (a, b) if isinstance(x, str) and x.strip())
                for a, b in zip(base, hist["comment"], strict=False)]
        hist = hist.assign(summary=both)
    hist = hist.assign(statut=hist["status"].map(lambda c: status_text(c, lang)),
                       voix=hist["voice"].map(lambda v: voice_text(v, lang)) if "voice" in hist else "")
    components.chart(charts.status_timeline(hist, lang), None, f"{t('m.history', lang)} {ref}", "chart_status_m")
    if "source_url" in hist:  # an imported spreadsheet is cited by its file name: text, not a broken link
        src = hist["source_url"].astype(object).where(hist["source_url"].notna(), "").astype(str)
        is_url = src.map(components.is_web_url).astype(bool)
        hist = hist.assign(source_url=src.where(is_url, ""), fichier=src.where(~is_url, ""))
    cols = [c for c in ("as_of", "voix", "statut", "summary", "source_url", "fichier", "confidence") if c in hist]
    headers = {"as_of": t("date", lang), "voix": t("col.voice", lang), "statut": t("status", lang),
               "summary": t("col.evidence", lang), "source_url": t("col.source", lang),
               "fichier": t("col.imported", lang), "confidence": t("col.confidence", lang)}
    shown = hist[cols].astype(object).where(hist[cols].notna(), "")
    if "as_of" in shown:  # « 11 juin 2024 », or « décembre 2025 » for a source dated to the month
        prec = hist["as_of_precision"] if "as_of_precision" in hist else pd.Series([None] * len(hist), index=hist.index)
        shown = shown.assign(as_of=[fmt_date(d, lang, precision=p)
                                    for d, p in zip(hist["as_of"], prec, strict=True)])
    st.dataframe(shown, hide_index=True, column_config={
        **headers, "as_of": st.column_config.TextColumn(headers["as_of"]),
        "summary": st.column_config.TextColumn(headers["summary"], width="large"),
        "source_url": st.column_config.LinkColumn(headers["source_url"])})
    components.downloads(hist[cols].rename(columns=headers), f"{t('m.history', lang)} {ref}", "dl_hist")

events = list((m.get("slippage") or {}).get("events") or [])
own = next((e for e in data.summary(plan_id, as_of).get("slipped") or []  # the measure's own deadline, when it
            if e.get("event_key") == f"deadline:{ref}"), None)               # moved: postponements and state by rules
if own:
    events.insert(0, {**own, "subject": t("m.deadline_subject", lang)})
if events:
    st.header(t("m.successive", lang))
    ledger = pd.DataFrame([{t("col.event", lang): e.get("subject"),
                            t("col.announced", lang): " → ".join(e.get("announced") or []),
                            t("col.held_on", lang): fmt_date(e.get("held_on"), lang),
                            t("col.state", lang): EVENT_STATES[lang].get(e.get("state"), e.get("state"))}
                           for e in events])
    components.chart(charts.slippage_timeline(events, lang), ledger, f"{t('m.successive', lang)} {ref}", "chart_slip_m")

st.header(t("m.overlaps", lang))
links = pd.DataFrame(m.get("links") or data.overlap_links(plan_id, ref))
if links.empty:
    st.caption(t("m.no_overlap", lang))
else:
    links = links.assign(kind=links["kind"].map(lambda k: label(LINK_KIND_LABELS, k, lang)))
    if "state" in links:
        links = links.assign(state=links["state"].map(lambda v: label(LINK_STATE_LABELS, v, lang)))
    if "to_plan_id" in links:  # the other plan by its name, not its identifier
        names = {p["id"]: p.get("short_title") or p["title_fr"] for p in data.plans_list(tracked_only=False)}
        links = links.assign(to_plan_id=links["to_plan_id"].map(lambda v: names.get(v, v)))
    if "source_url" in links:  # a link only to an http(s) source
        links = links.assign(source_url=components.web_urls(links["source_url"]))
    cols = [c for c in ("to_plan_id", "to_ref", "kind", "state", "note", "source_url") if c in links]
    st.dataframe(links[cols].fillna(""), hide_index=True, column_config={
        "to_plan_id": t("col.other_plan", lang), "to_ref": t("ref", lang), "kind": t("col.link", lang),
        "state": t("col.state", lang), "note": st.column_config.TextColumn(t("col.note", lang), width="large"),
        "source_url": st.column_config.LinkColumn(t("col.source", lang))})

carried = m.get("carried_over") or []
if carried:
    st.header(t("m.origin", lang))
    for c in carried if isinstance(carried, list) else [carried]:
        st.markdown(f"- **{components.plain(c.get('ref', ''))}** — {components.plain(c.get('title'))} "
                    f"*({components.plain(c.get('plan_title') or c.get('plan'))})*"
                    if isinstance(c, dict) else f"- {components.plain(c)}")

revisions = pd.DataFrame(m.get("revisions") or [])
if not revisions.empty:
    st.header(t("m.revisions", lang))
    if "source_url" in revisions:
        revisions = revisions.assign(source_url=components.web_urls(revisions["source_url"]))
    shown = [c for c in ("as_of", "field", "old_value", "new_value", "source_url", "confidence") if c in revisions]
    st.dataframe(revisions[shown], hide_index=True, placeholder="", column_config={
        "as_of": t("date", lang), "field": t("col.field", lang), "old_value": t("col.old", lang),
        "new_value": t("col.new", lang), "source_url": st.column_config.LinkColumn(t("col.source", lang)),
        "confidence": t("col.confidence", lang)})
# The measure's own source and confidence (an import never replaces them), and beside them the import that last
# recorded the measure: its file is the import's source, not the catalogue's.
own, imported = m.get("catalogue_source_url") or "", m.get("last_import")
sources = []
if own and not (imported and own == imported.get("file_name")):
    sources.append(f"{t('col.source', lang)}{colon(lang)}{components.source_link(own)} · {t('col.confidence', lang)}"
                   f"{colon(lang)}{components.plain(m.get('catalogue_confidence')) or t('m.not_given', lang)}")
if imported:
    sources.append(t("m.imported_from", lang, file=components.plain(imported.get("file_name")),
                     date=fmt_date(imported.get("imported_on"), lang)))
if sources:
    st.caption(" · ".join(sources))
