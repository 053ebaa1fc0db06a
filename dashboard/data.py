"""The only data entry point for pages: cached engine + cached queries over plans/.

Caches are cleared after an import (``clear_all``).
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from plans import store
from plans.db import make_engine


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    return make_engine()


@st.cache_data(ttl="10m", show_spinner=False)
def plans_list(tracked_only: bool = True) -> list[dict]:
    return store.list_plans(engine(), tracked_only=tracked_only)


def clear_all() -> None:
    st.cache_data.clear()
