"""Vigie — Streamlit entrypoint (router + persistent sidebar). Run: python -m streamlit run dashboard/app.py"""

import datetime as dt
import logging
from pathlib import Path

import streamlit as st

from dashboard import auth, components, data, state
from dashboard.i18n import t

state.from_link()  # a shared link's plan-independent settings (language, « données au »), on the first run
lang = st.session_state.get(state.LANG, "fr")
st.set_page_config(page_title=t("app.title", lang), page_icon=":material/visibility:", layout="wide")
logging.basicConfig(level=logging.INFO)
data.read_version()  # once per rerun, one query: every cached read below is keyed by what the database holds now
HERE = Path(__file__).resolve().parent
try:  # who is here: a logged-in person, the editor, the single local user, a visitor (dashboard/auth.py)
    actor = auth.current_actor()
except auth.LoginMisconfigured as e:  # a half-filled [auth]: said at once, naming the missing keys, no traceback
    logging.getLogger("vigie").error("%s", e)
    st.error(str(e), icon=":material/settings:")
    st.stop()


def page(file: str, key: str, icon: str, path: str | None = None, **kw) -> st.Page:
    return st.Page(f"app_pages/{file}", title=t(key, lang), icon=icon, url_path=path or file.removesuffix(".py"), **kw)


# the default page is served at the root but reserves its path, which would answer « Page not found »: a path
# nobody types, and « /overview » is an alias (below) like the other addresses people type
suivi = [page("overview.py", "nav.overview", ":material/dashboard:", path="vigie", default=True),
         page("measures.py", "nav.measures", ":material/table_rows:"),
         page("measure.py", "nav.measure", ":material/description:"),
         page("deadlines.py", "nav.deadlines", ":material/event_busy:"),
         page("changes.py", "nav.changes", ":material/difference:")]
extra = [("overlaps.py", "nav.overlaps", ":material/join_inner:"), ("brief.py", "nav.brief", ":material/summarize:")]
suivi += [page(f, k, i) for f, k, i in extra if (HERE / "app_pages" / f).exists()]
admin = [page("data_page.py", "nav.data", ":material/database:")]
if auth.may_read_journal(actor):  # coordinators and admins (the page checks again)
    admin.append(page("journal.py", "nav.journal", ":material/history:"))
if auth.may_manage_people(actor):  # admins
    admin.append(page("people.py", "nav.people", ":material/group:"))
by_path = {p.url_path or "vigie": p for p in [*suivi, *admin]}  # the default page's url_path reads ""


def alias(path: str, target: st.Page) -> st.Page:
    """A hidden page at ``path`` that opens ``target``: the addresses people type (« /overview », « /donnees »)."""
    return st.Page(lambda: st.switch_page(target), title=target.title, url_path=path, visibility="hidden")


ALIASES = {"overview": "vigie", "accueil": "vigie", "vue-d-ensemble": "vigie", "mesures": "measures",
           "mesure": "measure", "echeances": "deadlines", "changements": "changes", "recoupements": "overlaps",
           "note": "brief", "donnees": "data_page", "data": "data_page", "personnes": "people"}
hidden = [alias(path, by_path[target]) for path, target in ALIASES.items() if target in by_path]
# one flat list, « Données » last: Streamlit 1.67 draws sections as a list holding other elements than its items,
# which screen readers announce wrongly (axe « list » / « listitem », serious); a flat menu is a valid list
reading = auth.may_read(actor)  # false only with a login, anonymous_reading off, and nobody known logged in
pg = st.navigation([*suivi, *admin, *hidden], position="sidebar" if reading else "hidden")

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
                  min_value=state.MIN_DAY, max_value=state.MAX_DAY)
    st.session_state.setdefault(state.LANG, "fr")
    st.radio(t("side.lang", lang), ["fr", "en"], key=state.LANG, horizontal=True,
             format_func={"fr": "Français", "en": "English"}.get)
    auth.sidebar(lang, actor)
state.to_link()  # plan, « données au » and language in the address: the page can be shared or reloaded as it is

if not reading:  # the login button is in the sidebar
    st.title(t("app.title", lang))
    st.info(t("login.unknown" if auth.unknown_email() is not None else "login.read_closed", lang),
            icon=":material/lock:")
    st.stop()
components.run_safely(pg.run)
