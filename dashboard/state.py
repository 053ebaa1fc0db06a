"""Session-state key names, initialisation, and the sync of filters with ``st.query_params``."""

from __future__ import annotations

import datetime as dt

import streamlit as st

PLAN = "plan"
AS_OF = "as_of"
LANG = "lang"
REF = "ref"  # measure shown on the measure page (also a query parameter)
UPLOAD_OK = "upload_unlocked"

# Measures-table filters: session key -> (query-param name, is_list)
FILTERS: dict[str, tuple[str, bool]] = {
    "f_axis": ("axe", True),
    "f_lead": ("pilote", True),
    "f_status": ("statut", True),
    "f_overdue": ("retard", False),
    "f_stalled": ("bloquee", False),
    "f_carried": ("reconduite", False),
    "f_overlaps": ("recoupement", False),
    "f_q": ("q", False),
}
BOOL_FILTERS = ("f_overdue", "f_stalled", "f_carried", "f_overlaps")


LINK_READ = "_link_read"
MIN_DAY, MAX_DAY = dt.date(2010, 1, 1), dt.date(2040, 12, 31)  # the « données au » picker's bounds


def from_link() -> None:
    """On a session's first run, take the language (``lang``) and the « données au » date (``au``, ISO) a shared
    link carries; the plan (``plan``) is taken by the sidebar, which knows the plans there are."""
    if st.session_state.get(LINK_READ):
        return
    st.session_state[LINK_READ] = True
    qp = st.query_params
    if qp.get("lang") in ("fr", "en"):
        st.session_state[LANG] = qp.get("lang")
    try:
        day = dt.date.fromisoformat(str(qp.get("au") or ""))
    except ValueError:
        day = None
    if day is not None and MIN_DAY <= day <= MAX_DAY:
        st.session_state[AS_OF] = day


def to_link() -> None:
    """Write the plan, the « données au » date and the language into the address, every run (a page change
    clears it): copying the address shares the page as it is shown, and a reload keeps it."""
    wanted = {"plan": st.session_state.get(PLAN), "au": as_of().isoformat(), "lang": lang()}
    for key, value in wanted.items():
        if value and st.query_params.get(key) != value:
            st.query_params[key] = value


def lang() -> str:
    return st.session_state.get(LANG, "fr")


def plan_id() -> str | None:
    return st.session_state.get(PLAN)


def as_of() -> dt.date:
    return st.session_state.get(AS_OF) or dt.date.today()


SAVED = "_filters_saved"


def filters_from_url(allowed: dict[str, list[str]]) -> None:
    """Initialise the filter widgets' state: from the URL when it carries filters (shared link), else from
    the values saved when the user last left the page."""
    qp = st.query_params
    from_url = any(param in qp for param, _ in FILTERS.values())
    saved = st.session_state.get(SAVED, {})
    for key, (param, is_list) in FILTERS.items():
        if key in st.session_state:
            continue
        if not from_url and key in saved:
            value = saved[key]
            st.session_state[key] = [v for v in value if v in allowed.get(key, [])] if is_list else value
        elif is_list:
            values = [v for v in qp.get_all(param) if v in allowed.get(key, [])]
            st.session_state[key] = values
        elif key in BOOL_FILTERS:
            st.session_state[key] = qp.get(param) == "1"
        else:
            st.session_state[key] = qp.get(param, "")


def filters_to_url() -> None:
    """Write the current filter values into the URL, so the page can be shared as a link."""
    st.session_state[SAVED] = current_filters()
    for key, (param, is_list) in FILTERS.items():
        value = st.session_state.get(key)
        if is_list:
            if value:
                st.query_params[param] = list(value)
            elif param in st.query_params:
                del st.query_params[param]
        elif key in BOOL_FILTERS:
            if value:
                st.query_params[param] = "1"
            elif param in st.query_params:
                del st.query_params[param]
        elif value:
            st.query_params[param] = str(value)
        elif param in st.query_params:
            del st.query_params[param]


def current_filters() -> dict:
    return {key: st.session_state.get(key) for key in FILTERS}
