"""Changements: what changed between two dates (default: since the last committee meeting held)."""

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import components, data
from dashboard.i18n import CHANGE_KINDS, EVENT_STATES, status_text, t, voice_text
from plans.dates import parse_iso_day
from plans.formatting import fmt_date

plan_id, as_of, lang = components.context()
summary = data.headline(plan_id, as_of)
st.title(t("nav.changes", lang))
components.as_of_caption(summary, lang)

last_meeting = summary.get("last_meeting_held")
default_since = parse_iso_day(str(last_meeting)[:10]) if last_meeting else as_of - dt.timedelta(days=180)
c1, c2 = st.columns(2)
since = c1.date_input(t("ch.since", lang), value=default_since, format="DD/MM/YYYY", key="changes_since")
until = c2.date_input(t("ch.until", lang), value=as_of, format="DD/MM/YYYY", key="changes_until")
if last_meeting:
    st.caption(t("ch.default", lang, date=fmt_date(last_meeting, lang)))
if since >= until:
    st.warning(t("ch.bad_range", lang))
    st.stop()

rows = data.changes(plan_id, since, until)
st.markdown(t("ch.count", lang, n=len(rows), since=fmt_date(since, lang), until=fmt_date(until, lang))
            + " · " + components.completeness_note(summary, lang))
if not rows:
    st.info(t("ch.none", lang))
    st.page_link(components.DATA_PAGE, label=t("go_data", lang), icon=":material/database:")
    st.stop()


def show(value, what):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if what == "status":
        return status_text(value, lang) or value
    if what in ("held", "not_held"):
        return EVENT_STATES[lang].get(value, value)
    if what == "overdue":  # the rules give the days overdue
        return t("ch.days_overdue", lang, n=value)
    return str(value)


df = pd.DataFrame(rows).astype(object)
df = df.assign(before=[show(b, w) for b, w in zip(df.get("before"), df.get("what"), strict=False)],
               after=[show(a, w) for a, w in zip(df.get("after"), df.get("what"), strict=False)])
df = df.assign(what=df["what"].map(lambda w: CHANGE_KINDS.get(lang, {}).get(w, w)))
if "date_precision" in df:  # the date column stays a sortable date; a month-precise source says so beside it
    df = df.assign(what=[f"{w} ({t('ch.to_the_month', lang, month=fmt_date(d, lang, precision=p))})"
                         if isinstance(p, str) else w
                         for w, d, p in zip(df["what"], df["date"], df["date_precision"], strict=True)])
if lang == "en" and "ref" in df:  # a measure's French title → its English title when the catalogue has one
    french, english = data.titles(plan_id, as_of, "fr"), data.titles(plan_id, as_of, "en")
    df = df.assign(subject=[english.get(str(r), subj) if subj == french.get(str(r)) else subj
                            for r, subj in zip(df["ref"], df["subject"], strict=False)])
if "voice" in df:
    df = df.assign(voice=df["voice"].map(lambda v: voice_text(v, lang) if isinstance(v, str) else ""))
    if "association" in df:  # an association's view: named (the voice alone would be every association's)
        df = df.assign(voice=[a if isinstance(a, str) and a else v for v, a in zip(df["voice"], df["association"],
                                                                                strict=True)])
if "date" in df:
    df = df.sort_values("date", ascending=False)
cols = [c for c in ("date", "ref", "subject", "what", "before", "after", "voice") if c in df]  # before → after side by side
headers = {"date": t("date", lang), "ref": t("ref", lang), "subject": t("col.subject", lang),
           "what": t("col.change", lang), "voice": t("col.voice", lang), "before": t("col.old", lang),
           "after": t("col.new", lang)}
# every column inside 1280 px (« Après » included): texts wrap on three lines (rows over 4rem) rather than being cut
st.dataframe(df[cols].fillna(""), hide_index=True, width="stretch", row_height=66, column_config={
    **headers, "date": st.column_config.DateColumn(headers["date"], format="DD/MM/YYYY", width=82),
    "ref": st.column_config.TextColumn(headers["ref"], width=50),
    "subject": st.column_config.TextColumn(headers["subject"], width=190),
    "what": st.column_config.TextColumn(headers["what"], width=140),
    "voice": st.column_config.TextColumn(headers["voice"], width=100),
    "before": st.column_config.TextColumn(headers["before"], width=120),  # equal widths: the longest status,
    "after": st.column_config.TextColumn(headers["after"], width=120)})   # « ◔ Engagée / en construction », on two lines
st.caption(t("ch.empty_before", lang))
components.downloads(df[cols].rename(columns=headers), f"{t('nav.changes', lang)} {since} {until}", "dl_changes")
