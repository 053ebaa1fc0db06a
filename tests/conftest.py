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
