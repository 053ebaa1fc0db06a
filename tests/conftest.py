"""Shared fixtures: databases (SQLite file, real PostgreSQL 15), seeded stores."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from plans.db import make_engine, upgrade
from tests import pgtemp

ROOT = Path(__file__).resolve().parents[1]


def _shared_dir() -> Path:
    """../shared beside the checkout, else $VIGIE_SHARED, else /work/shared (CI clones elsewhere)."""
    for candidate in (ROOT.parent / "shared", Path(os.environ.get("VIGIE_SHARED", "/nonexistent")),
                      Path("/work/shared")):
        if (candidate / "corpus").is_dir():
            return candidate
    return ROOT.parent / "shared"


SHARED = _shared_dir()
CORPUS = SHARED / "corpus"


def shared_missing(what: str, env: dict | None = None) -> None:
    """A test needing ../shared (the corpus) that is absent: skipped locally, failed in CI (``CI`` set)."""
    env = os.environ if env is None else env
    message = f"{what} is missing: {CORPUS} (clone ../shared or set VIGIE_SHARED)"
    if env.get("CI", "").strip():
        pytest.fail(f"{message} — CI must have it", pytrace=False)
    pytest.skip(message)
_counter = itertools.count()

# Tests marked ``slow`` here rather than at their definition: the measured cost of each (pytest --durations on the
# 2-core machine) is over about 2 s, or the test starts the CLI in subprocesses, LibreOffice, or runs many Hypothesis
# examples. `make test-fast` leaves them out; `make test` (CI) runs them. A node id prefix: a file ends with "::".
SLOW = (
    "tests/test_rules_cli.py::",  # the rules CLI in subprocesses
    "tests/test_rules_properties.py::",  # Hypothesis, each example a database
    "tests/test_brief_page.py::",  # whole briefs (DOCX, charts) generated through the page
    "tests/test_overlaps_page.py::",
    "tests/test_browser_import.py::",  # the guided import in chromium, two files imported
    "tests/test_import_matrix.py::",  # every layout × format through the CLI and the page; LibreOffice for the .ods
    "tests/test_app_import_flow.py::test_an_unknown_file_is_mapped_checked_previewed_then_imported",
    "tests/test_app_import_flow.py::test_a_file_already_imported_is_said_once_with_nothing_to_confirm",
    "tests/test_app_import_flow.py::test_the_mapping_step_speaks_english",
    "tests/test_loaders_template.py::",  # templates written, filled and imported back
    "tests/test_loaders_cli.py::test_cli_import_noop_rejected_usage",
    "tests/test_foundation.py::test_cli_seed_then_list",
    "tests/test_foundation.py::test_cli_error_is_friendly",
    "tests/test_brief.py::test_cli_writes_markdown_and_fails_cleanly",
    "tests/test_brief.py::test_a_status_dated_to_the_month_is_not_given_a_day",
    "tests/test_history.py::test_imports_in_any_date_order_keep_the_stored_dates_right",
    "tests/test_loaders_import.py::test_all_variants_import_to_identical_rows",
    "tests/test_loaders_hostile.py::test_child_memory_limit_kills_child_not_us",
    "tests/test_rules_fast.py::test_changes_window_equals_full_history",
    "tests/test_rules_fast.py::test_progress_history_vectorised_equals_row_loop",
    "tests/test_overlaps.py::test_true_pairs_hit_rate",
    "tests/test_foundation.py::test_reseed_replaces_a_reworded_timeline_event",
    "tests/test_foundation.py::test_seed_never_overwrites_imported_assessments",
    "tests/test_brief.py::test_markdown_zip_in_english_and_without_charts",
    "tests/test_app.py::test_overview_kpis_and_charts",
    "tests/test_app.py::test_upload_imports_a_good_file_and_clears_caches",
    "tests/test_app.py::test_measure_page_shows_diverging_voices",
    "tests/test_app.py::test_pages_of_other_issues_are_registered_and_run",
    "tests/test_app.py::test_empty_plan_tells_the_user_to_import",
    "tests/test_app.py::test_english_switch_reaches_navigation_filters_and_overlaps",
    "tests/test_app_i18n.py::test_pages_speak_one_language",  # every page in both languages (test_app runs each once)
    "tests/test_app_i18n.py::test_started_kpi_counts_what_its_label_says",
    "tests/test_app_i18n.py::test_overlaps_name_this_plans_measures_in_english",
    "tests/test_app_i18n.py::test_upload_report_and_import_history_speak_english",
    "tests/test_plain_text.py::test_pages_show_imported_text_as_text",  # every page on a hostile store
    "tests/test_plain_text.py::test_measure_page_shows_imported_text_as_text",
    "tests/test_plain_text.py::test_import_summary_names_the_file_as_text",
    "tests/test_plain_text.py::test_english_ui_does_not_show_the_catalogue_english_title_of_a_title_an_import_changed",
)


def _listed_slow(nodeid: str) -> bool:
    path, _, name = nodeid.partition("::")
    function = name.split("[")[0]  # every parameter of a listed test
    return any(nodeid.startswith(entry) if entry.endswith("::") else entry == f"{path}::{function}" for entry in SLOW)


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    """Mark SLOW tests ``slow``; a listed test missing from its (collected) file is an error."""
    modules = {}
    for item in items:
        modules.setdefault(item.nodeid.partition("::")[0], getattr(item, "module", None))
        if _listed_slow(item.nodeid):
            item.add_marker(pytest.mark.slow)
    stale = [entry for entry in SLOW if not entry.endswith("::") and (path := entry.partition("::")[0]) in modules
             and not hasattr(modules[path], entry.partition("::")[2])]
    if stale:
        raise pytest.UsageError(f"tests/conftest.py SLOW names tests that do not exist: {stale}")


@pytest.fixture(scope="session")
def pg_server():
    if not pgtemp.available():
        pytest.skip("PostgreSQL 15 binaries not found")
    with pgtemp.TempPostgres() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty database URL on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'vigie.db'}"
    server = request.getfixturevalue("pg_server")
    return server.create_database(f"vigie_{next(_counter)}")


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def migrated(engine):
    upgrade(engine)
    return engine


@pytest.fixture
def seeded(migrated):
    from plans.seed import seed

    seed(migrated)
    return migrated


def seeded_sqlite(path: Path):
    """A SQLite file at ``path`` with the schema (migrations) and the shipped catalogue; its engine."""
    from plans.seed import seed

    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
    seed(eng)
    return eng


@pytest.fixture
def sqlite_seeded(tmp_path):
    """A seeded SQLite store only (for tests that do not need both databases)."""
    eng = seeded_sqlite(tmp_path / "vigie.db")
    yield eng
    eng.dispose()


def app_on(database_url: str, monkeypatch):
    """For a fixture to ``yield from``: the app (AppTest) reads ``database_url``, with no editor password
    configured, and Streamlit's caches empty before and after the test."""
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("VIGIE_EDITOR_PASSWORD_HASH", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
