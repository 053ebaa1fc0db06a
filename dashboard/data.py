"""The only data entry point for pages: a cached engine and cached queries over plans/.

Pages never run SQL nor business rules: they call these functions, which wrap
``plans.store`` and ``plans.rules`` with ``st.cache_data``. Every cached read is keyed by the **data version**
(``plans.audit.data_version``: the last row of the audit trail, which every write adds to), read once per rerun by
``read_version()`` (``dashboard/app.py`` calls it first): several servers on one PostgreSQL each see another's
import at their next rerun, not after the TTL, which only frees memory. ``clear_all()`` still runs after an import
made here (it frees the entries of older versions at once).
"""

from __future__ import annotations

import datetime as dt
import logging
import time

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from dashboard import state
from dashboard.i18n import t
from plans import audit, config, store
from plans.access import Actor
from plans.db import make_engine
from plans.normalize import fold, fold_series

TTL = int(config.get("cache_ttl_seconds"))  # seconds (setting cache_ttl_seconds)
log = logging.getLogger(__name__)


def _computing(cached):
    """``cached`` run under « Calcul en cours… » in the sidebar language. Streamlit shows a spinner only after
    half a second, so answers from the cache show none; ``clear`` is the cache's."""
    def run(*args, **kwargs):
        with st.spinner(t("computing", state.lang())):
            return cached(*args, **kwargs)

    run.__name__, run.__doc__, run.clear = cached.__name__.lstrip("_"), cached.__doc__, cached.clear
    return run


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    return make_engine()


VERSION = "_data_version"  # session key: the data version this rerun reads


_newest = [0]  # the newest data version this process has read


def read_version() -> int:
    """Read the data version for this rerun (one query: ``max(audit_log.id)``) and keep it in the session;
    ``dashboard/app.py`` calls it first on every rerun. The first session to see a newer version frees the large
    shared tables of the older ones (the others age out with the TTL). A version that cannot be read (a database
    older than the code, unreachable) is one no rerun used before: nothing cached is served, and the page's own
    reads say what is wrong (``components.run_safely``)."""
    try:
        version = audit.data_version(engine())
    except DBAPIError:
        log.warning("data version unreadable", exc_info=True)
        st.session_state[VERSION] = -time.monotonic_ns()
        return st.session_state[VERSION]
    st.session_state[VERSION] = version
    if version > _newest[0]:
        if _newest[0]:
            _measures_table.clear()
            search_index.clear()
        _newest[0] = version
    return version


def version() -> int:
    """The data version this rerun reads (read now if this session has none yet, e.g. a page run alone)."""
    version = st.session_state.get(VERSION)
    return read_version() if version is None else version


def versioned(cached):
    """``cached(version, *args)`` called with this rerun's data version first: its entries are keyed by what the
    database held when the rerun began; ``clear`` is the cache's. Every cached read of the pages goes through it
    (here and in ``dashboard/overlaps_data.py``)."""
    def call(*args, **kwargs):
        return cached(version(), *args, **kwargs)

    call.__name__, call.__doc__, call.clear = cached.__name__.lstrip("_"), cached.__doc__, cached.clear
    return call


def _rules():
    from plans import rules  # imported lazily: the rules package is developed in parallel

    return rules


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def plans_list(version: int, tracked_only: bool = True) -> list[dict]:
    return store.list_plans(engine(), tracked_only=tracked_only)


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def plan(version: int, plan_id: str) -> dict | None:
    return store.get_plan(engine(), plan_id)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def _summary(version: int, plan_id: str, as_of: dt.date | None = None) -> dict:
    return _rules().summary(engine(), plan_id, as_of=as_of)


summary = _computing(versioned(_summary))


HEADLINE_KEYS = ("plan", "plan_title", "plan_title_en", "as_of", "period_start", "period_end", "measures_declared",
                 "measures_documented", "progress", "coverage", "freshness", "time_elapsed", "projection",
                 "last_meeting_held", "thresholds")


@versioned
@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def headline(version: int, plan_id: str, as_of: dt.date | None = None) -> dict:
    """The scalar part of ``summary`` (completeness, freshness…): cheap to copy on every rerun."""
    full = _summary(version, plan_id, as_of)
    return {k: full.get(k) for k in HEADLINE_KEYS}


# The measures table and its search index are large (20,000 rows in the benchmark): they are shared
# read-only (st.cache_resource) instead of copied on every rerun. Pages never mutate them.
@st.cache_resource(ttl=TTL, max_entries=16, show_spinner=False)
def _measures_table(version: int, plan_id: str, as_of: dt.date | None = None) -> pd.DataFrame:
    return _rules().measures_table(engine(), plan_id, as_of=as_of)


measures_table = _computing(versioned(_measures_table))


def titles(plan_id: str, as_of: dt.date | None = None, lang: str = "fr") -> dict[str, str]:
    """{ref: title} in ``lang``: the English title when the catalogue has one, else the French one."""
    df = _measures_table(version(), plan_id, as_of)
    if df.empty:
        return {}
    french = df["title_fr"].astype(object).where(df["title_fr"].notna(), "")
    shown = french
    if lang == "en" and "title_en" in df:
        english = df["title_en"].astype(object)
        shown = english.where(english.notna() & (english.astype(str).str.len() > 0), french)
    return dict(zip(df["ref"].astype(str), shown.astype(str), strict=True))


@versioned
@st.cache_resource(ttl=TTL, max_entries=16, show_spinner=False)
def search_index(version: int, plan_id: str, as_of: dt.date | None = None) -> pd.Series:
    """Folded text of each row of ``measures_table`` (same index), for accent-insensitive search."""
    df = _measures_table(version, plan_id, as_of)
    cols = [c for c in SEARCH_COLUMNS if c in df]
    if df.empty or not cols:
        return pd.Series("", index=df.index, dtype=object)
    text = df[cols[0]].astype(object).where(df[cols[0]].notna(), "").astype(str)
    for c in cols[1:]:
        text = text + " " + df[c].astype(object).where(df[c].notna(), "").astype(str)
    return fold_series(text)


@_computing
@versioned
@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def measure_detail(version: int, plan_id: str, ref: str, as_of: dt.date | None = None) -> dict:
    return _rules().measure_detail(engine(), plan_id, ref, as_of=as_of)


@versioned
@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def divergences(version: int, plan_id: str, as_of: dt.date | None = None) -> dict[str, dict]:
    """{ref: divergence record} for the measures whose voices disagree at D (small; from ``summary``)."""
    return {row["ref"]: row for row in _summary(version, plan_id, as_of).get("divergences") or [] if row.get("ref")}


def divergence(plan_id: str, ref: str, as_of: dt.date | None = None) -> dict | None:
    """The divergence record of one measure at D ({government, civil_society, independent, dates}), or None
    when its voices agree."""
    return divergences(plan_id, as_of).get(ref)


@_computing
@versioned
@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def progress_by(version: int, plan_id: str, as_of: dt.date | None = None, by: str = "axis") -> pd.DataFrame:
    return _rules().progress_by(engine(), plan_id, as_of=as_of, by=by)


@_computing
@versioned
@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def progress_history(version: int, plan_id: str, until: dt.date | None = None) -> pd.DataFrame:
    return _rules().progress_history(engine(), plan_id, until=until)


@_computing
@versioned
@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def changes(version: int, plan_id: str, since: dt.date, until: dt.date | None = None) -> list[dict]:
    return _rules().changes(engine(), plan_id, since, until=until)


@_computing
@versioned
@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def explain(version: int, plan_id: str, what: str, as_of: dt.date | None = None) -> list[dict]:
    """The rows behind a figure (plans.rules.explain)."""
    return _rules().explain(engine(), plan_id, what, as_of=as_of)


@versioned
@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def overlap_links(version: int, plan_id: str, ref: str) -> list[dict]:
    from plans.overlaps import links_for_measure

    return list(links_for_measure(engine(), plan_id, ref) or [])


def import_upload(content: bytes, name: str, plan_id: str, when: dt.date | None, *, dry_run: bool, actor: Actor,
                  lang: str = "fr", profile: dict | None = None):
    """An uploaded file (its bytes and original name) imported into ``plan_id`` by ``actor`` through
    ``loaders.import_file`` (a dry run checks only), read with the plan's import profile updated by ``profile``
    (``loaders.profile``); its ``loaders.report`` result. Clears no cache."""
    import tempfile
    from pathlib import Path

    from loaders import import_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(content)
        return import_file(path, plan_id, engine(), actor=actor, as_of=when, dry_run=dry_run, lang=lang,
                           original_name=name, profile=profile)


@versioned
@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def import_profile_history(version: int, plan_id: str) -> list[dict]:
    """The saved versions of the plan's import profile, latest (the one in force) first (``plans.profiles``)."""
    from plans import profiles

    return profiles.history(engine(), plan_id)


def save_import_profile(plan_id: str, profile: dict, *, actor: Actor, origin: str) -> bool:
    """Save ``profile`` as the plan's import profile, by ``actor``; whether a new version was written."""
    from plans import profiles

    changed = profiles.save(engine(), plan_id, profile, actor=actor, origin=origin)
    import_profile_history.clear()
    return changed


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def import_runs(version: int, plan_id: str, limit: int = 200) -> pd.DataFrame:
    return pd.DataFrame(store.import_runs(engine(), plan_id, limit), columns=list(store.IMPORT_RUN_COLUMNS))


@versioned
@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def import_issues(version: int, run_id: int) -> pd.DataFrame:
    return pd.DataFrame(store.import_issues(engine(), run_id), columns=list(store.IMPORT_ISSUE_COLUMNS))


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def sources(version: int, plan_id: str) -> pd.DataFrame:
    """Catalogue sources cited by the plan's measures and assessments (URL, how many facts cite it)."""
    return pd.DataFrame(store.cited_sources(engine(), plan_id), columns=["source_url", "facts"])


def started(by_status: dict) -> dict[str, int]:
    """{status: count} of the « engagées » measures (``plans.vocab.STARTED_STATUSES``, in that order, zeros
    kept) from ``summary()["by_status"]``; their sum is the overview's « Engagées » figure."""
    from plans.vocab import STARTED_STATUSES

    return {code: int(by_status.get(code) or 0) for code in STARTED_STATUSES}


def moved_dates(slipped: list[dict]) -> list[dict]:
    """The entries of ``summary()["slipped"]`` whose date actually moved: postponed at least once, or held /
    expected later than first announced."""
    return [e for e in slipped if e.get("postponements") or (e.get("days_slipped") or 0) > 0]


SEARCH_COLUMNS = ("ref", "title_fr", "title_en", "lead_body", "summary", "axis_label", "deadline_text")


def filter_measures(df: pd.DataFrame, f: dict, index: pd.Series | None = None) -> pd.DataFrame:
    """Apply the measures-table filters (UI selection, not a business rule) to ``measures_table`` output;
    ``index`` is the row-aligned ``search_index`` (built here when not given)."""
    mask = pd.Series(True, index=df.index)
    for key, col in (("f_axis", "axis_label"), ("f_lead", "lead_body"), ("f_status", "status")):
        if f.get(key) and col in df:
            mask &= df[col].isin(f[key])
    for key, col in (("f_overdue", "overdue"), ("f_stalled", "stalled"), ("f_overlaps", "has_overlaps")):
        if f.get(key) and col in df:
            mask &= df[col].fillna(False).astype(bool)
    if f.get("f_carried") and "carried_over_from" in df:
        mask &= df["carried_over_from"].fillna("").astype(str).str.len() > 0
    query = fold(f.get("f_q") or "").strip()
    if query:
        haystack = index if index is not None else _haystack(df)
        for word in query.split():
            mask &= haystack.str.contains(word, regex=False)
    return df[mask]


def _haystack(df: pd.DataFrame) -> pd.Series:
    cols = [c for c in SEARCH_COLUMNS if c in df]
    text = df[cols].astype(object).where(df[cols].notna(), "").astype(str).agg(" ".join, axis=1)
    return fold_series(text)


def clear_all() -> None:
    """Forget every cached query (after an import). The engine is kept."""
    st.cache_data.clear()
    measures_table.clear()
    search_index.clear()
