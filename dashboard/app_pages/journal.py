"""Journal: every write recorded in the audit trail — who, when, from which role and association, what — for
coordinators and admins. Filters: person, kind, dates; CSV download (plans/outputs.py through dashboard/exports.py).
Nothing here edits or deletes the trail."""

import datetime as dt

import streamlit as st

from dashboard import auth, components, journal_data
from dashboard.exports import to_csv_bytes
from dashboard.i18n import t
from plans import audit
from plans.formatting import fmt_date

plan_id, as_of, lang = components.context()
st.title(t("nav.journal", lang))
actor = auth.current_actor()
if not auth.may_read_journal(actor):  # the menu shows this page to coordinators and admins only; checked again
    st.warning(t("jr.not_allowed", lang), icon=":material/lock:")
    st.stop()
st.caption(t("jr.intro", lang))

today = dt.date.today()
c1, c2, c3 = st.columns([2, 2, 2])
kinds = [None, *audit.KINDS]
kind = c2.selectbox(t("jr.kind", lang), kinds, key=f"jr_kind_{lang}",
                    format_func=lambda k: t("jr.all_kinds", lang) if k is None else audit.kind_label(k, lang))
span = c3.date_input(t("jr.dates", lang), value=(today - dt.timedelta(days=30), today), format="DD/MM/YYYY",
                     key="jr_dates", max_value=today)
start, end = (*tuple(span), None, None)[:2] if isinstance(span, tuple | list) else (span, span)
end = end or start  # one day picked so far: that day

rows = journal_data.journal(plan_id, kind=kind, start=start, end=end)
who = {journal_data.person_key(r): journal_data.actor_words(r.get("actor"), lang) for r in rows}
people_keys = [None, *sorted(who, key=lambda k: who[k].lower())]
person = c1.selectbox(t("jr.person", lang), people_keys, key=f"jr_person_{lang}",
                      format_func=lambda k: t("jr.all_people", lang) if k is None else who.get(k, k))
if person is not None:
    rows = [r for r in rows if journal_data.person_key(r) == person]

period = t("jr.period", lang, start=fmt_date(start, lang), end=fmt_date(end, lang)) if start else ""
st.markdown(t("jr.count.one" if len(rows) == 1 else "jr.count", lang, n=len(rows)) + (f" · {period}" if period else ""))
if len(rows) >= journal_data.LIMIT:
    st.caption(t("jr.limit", lang, n=journal_data.LIMIT))
if not rows:
    st.info(t("jr.none", lang), icon=":material/history:")
    st.stop()

table = journal_data.journal_table(rows, lang)
at = t("jr.col.at", lang)
shown = table.assign(**{at: [f"{fmt_date(d.date(), lang)}, {d:%H:%M}" for d in table[at]]})
widths = {"jr.col.at": 160, "jr.col.kind": 140, "jr.col.summary": 400, "jr.col.who": 200}
st.dataframe(shown, hide_index=True, width="stretch",
             column_config={t(k, lang): st.column_config.TextColumn(width=w) for k, w in widths.items()})
st.download_button(t("jr.download", lang), data=lambda: to_csv_bytes(table), icon=":material/download:",
                   file_name=f"{components.download_name(t('jr.file', lang))}.csv", mime="text/csv",
                   key="jr_csv", on_click="ignore", help=t("jr.csv_help", lang))
