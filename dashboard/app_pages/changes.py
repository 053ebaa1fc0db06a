"""Changements: what changed between two dates (default: since the last committee meeting held)."""

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import components, data
from dashboard.i18n import CHANGE_KINDS, fmt_date, status_text, t, voice_text

plan_id, as_of, lang = components.context()
fr = lang == "fr"
summary = data.headline(plan_id, as_of)
st.title(t("nav.changes", lang))
components.as_of_caption(summary, lang)

last_meeting = summary.get("last_meeting_held")
default_since = dt.date.fromisoformat(str(last_meeting)[:10]) if last_meeting else as_of - dt.timedelta(days=180)
c1, c2 = st.columns(2)
since = c1.date_input("Depuis le" if fr else "Since", value=default_since, format="DD/MM/YYYY", key="changes_since")
until = c2.date_input("Jusqu'au" if fr else "Until", value=as_of, format="DD/MM/YYYY", key="changes_until")
if last_meeting:
    st.caption(("Par défaut\u00a0: depuis la dernière réunion du comité tenue, le " if fr else
                "Default: since the last committee meeting held, on ") + fmt_date(last_meeting, lang) + ".")
if since >= until:
    st.warning("La date « Depuis le » doit précéder la date « Jusqu'au ». Corrigez l'une des deux dates." if fr else
               "The « Since » date must come before the « Until » date. Change one of the two dates.")
    st.stop()

rows = data.changes(plan_id, since, until)
st.markdown(f"**{len(rows)}** {'changement(s) entre le' if fr else 'change(s) between'} {fmt_date(since, lang)} "
            f"{'et le' if fr else 'and'} {fmt_date(until, lang)} · {components.completeness_note(summary, lang)}")
if not rows:
    st.info("Aucun changement enregistré sur cette période. Les changements proviennent des tableaux de suivi "
            "importés à des dates différentes (page Données)." if fr else
            "No change recorded in this period. Changes come from spreadsheets imported at different dates.")
    st.page_link(components.DATA_PAGE, label=t("go_data", lang), icon=":material/database:")
    st.stop()


STATES = {"fr": {"held": "tenu", "pending": "en attente", "not_held": "aucune tenue connue"},
          "en": {"held": "held", "pending": "pending", "not_held": "no meeting known"}}


def show(value, what):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if what == "status":
        return status_text(value, lang) or value
    if what in ("held", "not_held"):
        return STATES[lang].get(value, value)
    return str(value)


df = pd.DataFrame(rows).astype(object)
df = df.assign(before=[show(b, w) for b, w in zip(df.get("before"), df.get("what"), strict=False)],
               after=[show(a, w) for a, w in zip(df.get("after"), df.get("what"), strict=False)])
df = df.assign(what=df["what"].map(lambda w: CHANGE_KINDS.get(lang, {}).get(w, w)))
if "voice" in df:
    df = df.assign(voice=df["voice"].map(lambda v: voice_text(v, lang) if isinstance(v, str) else ""))
if "date" in df:
    df = df.sort_values("date", ascending=False)
cols = [c for c in ("date", "ref", "subject", "what", "voice", "before", "after") if c in df]
st.dataframe(df[cols].fillna(""), hide_index=True, width="stretch", column_config={
    "date": st.column_config.DateColumn(t("date", lang), format="DD/MM/YYYY"), "ref": t("ref", lang),
    "subject": st.column_config.TextColumn("Sujet" if fr else "Subject", width="medium"), "what": "Changement" if fr else "Change",
    "voice": "Source de l'information" if fr else "Voice",
    "before": st.column_config.TextColumn("Avant" if fr else "Before", width="medium"),
    "after": st.column_config.TextColumn("Après" if fr else "After", width="medium")})
st.caption("« Avant » vide\u00a0: aucune information antérieure de cette source. Un changement est calculé en "
           "comparant les tableaux importés à des dates différentes." if fr else
           "Empty « Before »: no earlier information from that source. A change is computed by comparing "
           "spreadsheets imported at different dates.")
components.downloads(df[cols], f"changements-{since}-{until}", "dl_changes")
