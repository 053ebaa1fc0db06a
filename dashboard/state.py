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
