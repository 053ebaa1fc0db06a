"""Several servers on one database: the app's caches are keyed by the data version (``plans.audit.data_version``,
read once per rerun by ``dashboard.data.read_version``), so a write made through another engine or another process
is on screen at the next rerun, without clearing any cache and without waiting for the TTL."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event
from streamlit.testing.v1 import AppTest

from plans import audit
from plans.access import CLI
from plans.db import make_engine, upgrade
from tests.conftest import app_on
from tests.test_app import GOOD_CSV, PLAN, seeded_db

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
WHEN = dt.date(2026, 1, 15)  # the import's « données au », before the sidebar's date (today)


def _realised(at: AppTest) -> str:
    return {m.label: m.value for m in at.metric}["Réalisées"]


def _overview() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def _app_reads(url: str, monkeypatch):
    """The app (AppTest) reads ``url``, caches empty before and after."""
    env = app_on(url, monkeypatch)
    next(env)
    yield url
    next(env, None)


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch):
    yield from _app_reads(seeded_db(tmp_path / "vigie.db"), monkeypatch)  # G02 done: one « Réalisées »


def _import_elsewhere(url: str, path: Path) -> None:
    """GOOD_CSV (F01 « Réalisée ») imported through an engine of its own, as another server would."""
    from loaders import import_file

    other = make_engine(url)
    try:
        report = import_file(path, PLAN, other, actor=CLI, as_of=WHEN)
        assert report.outcome == "imported", report.summary()
    finally:
        other.dispose()


def test_another_engines_import_is_seen_at_the_next_rerun(sqlite_url, tmp_path, monkeypatch):
    csv = tmp_path / "suivi.csv"
    csv.write_bytes(GOOD_CSV)
    at = _overview()
    assert _realised(at) == "1"
    # the control: with the version held still, the page keeps showing its cached figures after the write
    before = at.session_state["_data_version"]
    with monkeypatch.context() as m:
        m.setattr(audit, "data_version", lambda _engine: before)
        _import_elsewhere(sqlite_url, csv)
        assert _realised(_rerun(at)) == "1"  # served from the cache: the write alone does not reach the page
    assert _realised(_rerun(at)) == "2"  # the next rerun reads a newer version: G02 and F01, no cache cleared
    assert at.session_state["_data_version"] > before


def test_the_version_is_one_query_per_rerun(sqlite_url):
    at = _overview()
    from dashboard import data

    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        if "audit_log" in statement:
            seen.append(statement)

    engine = data.engine()
    event.listen(engine, "before_cursor_execute", count)
    try:
        _rerun(at)
        assert len(seen) == 1, seen
        at.switch_page("app_pages/measures.py").run()
        assert not at.exception, at.exception
        assert len(seen) == 2, seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.mark.postgres
@pytest.mark.slow
def test_another_process_import_on_postgresql_is_seen_at_the_next_rerun(pg_server, tmp_path, monkeypatch):
    from plans.seed import seed

    url = pg_server.create_database("vigie_data_version")
    eng = make_engine(url)
    upgrade(eng)
    seed(eng)
    eng.dispose()
    env = _app_reads(url, monkeypatch)
    next(env)
    csv = tmp_path / "suivi.csv"
    csv.write_bytes(GOOD_CSV)
    at = _overview()
    assert _realised(at) == "0"
    assert _realised(_rerun(at)) == "0"
    done = subprocess.run([sys.executable, "-m", "loaders", "import", str(csv), "--plan", PLAN,
                           "--as-of", WHEN.isoformat()], cwd=ROOT, env={**os.environ, "DATABASE_URL": url},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _realised(_rerun(at)) == "1"
    next(env, None)
