"""Vigie — Streamlit entrypoint (router + persistent sidebar). Run: python -m streamlit run dashboard/app.py"""

import datetime as dt
import logging
from pathlib import Path

import streamlit as st

from dashboard import components, data, state
from dashboard.i18n import t

lang = st.session_state.get(state.LANG, "fr")
st.set_page_config(page_title=t("app.title", lang), page_icon=":material/visibility:", layout="wide")
logging.basicConfig(level=logging.INFO)
HERE = Path(__file__).resolve().parent


def page(file: str, key: str, icon: str, **kw) -> st.Page:
    return st.Page(f"app_pages/{file}", title=t(key, lang), icon=icon, url_path=file.removesuffix(".py"), **kw)


suivi = [page("overview.py", "nav.overview", ":material/dashboard:", default=True),
         page("measures.py", "nav.measures", ":material/table_rows:"),
         page("measure.py", "nav.measure", ":material/description:"),
         page("deadlines.py", "nav.deadlines", ":material/event_busy:"),
         page("changes.py", "nav.changes", ":material/difference:")]
extra = [("overlaps.py", "nav.overlaps", ":material/join_inner:"), ("brief.py", "nav.brief", ":material/summarize:")]
suivi += [page(f, k, i) for f, k, i in extra if (HERE / "app_pages" / f).exists()]
pg = st.navigation({t("nav.section.follow", lang): suivi,
                    t("nav.section.admin", lang): [page("data_page.py", "nav.data", ":material/database:")]})

with st.sidebar:
    plans = data.plans_list()
    ids = [p["id"] for p in plans]
    titles = {p["id"]: p.get("short_title") or p["title_fr"] for p in plans}
    if ids:
        if st.session_state.get(state.PLAN) not in ids:  # first run: a shared link may name the plan
            st.session_state[state.PLAN] = st.query_params.get("plan") if st.query_params.get("plan") in ids else ids[0]
        st.selectbox(t("side.plan", lang), ids, key=state.PLAN, format_func=titles.get)
    st.session_state.setdefault(state.AS_OF, dt.date.today())
    st.date_input(t("side.as_of", lang), key=state.AS_OF, format="DD/MM/YYYY", help=t("side.as_of_help", lang),
                  min_value=dt.date(2010, 1, 1), max_value=dt.date(2040, 12, 31))
    st.session_state.setdefault(state.LANG, "fr")
    st.radio(t("side.lang", lang), ["fr", "en"], key=state.LANG, horizontal=True,
             format_func={"fr": "Français", "en": "English"}.get)

components.run_safely(pg.run)
