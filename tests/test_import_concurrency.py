"""Imports at the same time on one database: one at a time per plan, the « already
imported » check inside the write's transaction, a unique (plan, file hash) for imported runs; a database error
while writing is a recorded refusal in the user's words, never driver text. SQLite file and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import func, insert, select

from loaders.pipeline import run_import
from plans import schema as s
from plans import snapshots
from plans.access import CLI
from tests.test_loaders_import import PLAN, ROWS, build_openpyxl

DRIVER_WORDS = ("db.internal.example", "5433", "vigie_admin", "secretdb", "OperationalError", "psycopg", "sqlite3",
                "database is locked", "Traceback")


def _at_once(engine, paths) -> list:
    """run_import of each path in its own thread, all released together; the reports (or exceptions)."""
    barrier = threading.Barrier(len(paths))
    out: list = [None] * len(paths)

    def one(k, path):
        barrier.wait()
        try:
            out[k] = run_import(path, PLAN, engine, actor=CLI)
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            out[k] = exc

    threads = [threading.Thread(target=one, args=(k, p)) for k, p in enumerate(paths)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return out


def _texts(report) -> str:
    return " ".join(f"{i.message} {i.hint} {i.value or ''}" for i in report.issues) + " " + report.summary()


def _imported_runs(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(select(s.import_runs.c.file_hash, s.import_runs.c.as_of)
                            .where(s.import_runs.c.outcome == "imported")).all()


def test_the_same_file_three_times_at_once_is_stored_once(migrated, tmp_path):
    path = build_openpyxl(tmp_path / "suivi.xlsx", as_of="27/06/2025")
    reports = _at_once(migrated, [path, path, path])
    assert not [r for r in reports if isinstance(r, BaseException)], reports
    assert sorted(r.outcome for r in reports) == ["imported", "noop", "noop"], [_texts(r) for r in reports]
    assert len(_imported_runs(migrated)) == 1
    with migrated.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.assessments)).scalar() == len(ROWS)
        outcomes = sorted(conn.execute(select(s.import_runs.c.outcome)).scalars())
    assert outcomes == ["imported", "noop", "noop"]
    for r in reports:
        assert not any(w in _texts(r) for w in DRIVER_WORDS), _texts(r)
        if r.outcome == "noop":
            assert "déjà été importé" in r.summary()


def test_three_different_files_at_once_are_all_stored(migrated, tmp_path):
    # each file says something new of every measure (its own comments): every row of the three is recorded
    paths = [build_openpyxl(tmp_path / f"suivi-{k}.xlsx", rows=[(*r[:5], f"{r[5]} ({k})") for r in ROWS],
                            as_of=f"2{k}/06/2025") for k in range(3)]
    reports = _at_once(migrated, paths)
    assert not [r for r in reports if isinstance(r, BaseException)], reports
    assert [r.outcome for r in reports] == ["imported"] * 3, [_texts(r) for r in reports]
    assert len(_imported_runs(migrated)) == 3
    with migrated.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.assessments)).scalar() == 3 * len(ROWS)
        assert conn.execute(select(func.count()).select_from(s.measures)
                            .where(s.measures.c.plan_id == PLAN)).scalar() == len(ROWS)


def test_the_database_refuses_a_second_imported_run_of_one_file(migrated, tmp_path):
    """The unique constraint itself: two « imported » runs of one (plan, hash) cannot both be stored."""
    run_import(build_openpyxl(tmp_path / "suivi.xlsx"), PLAN, migrated, actor=CLI)
    (digest, _), = _imported_runs(migrated)
    row = {"plan_id": PLAN, "file_name": "x.xlsx", "file_hash": digest, "started_at": func.now(),
           "outcome": "imported", "issues_count": 0, "errors_count": 0}
    with pytest.raises(sa_exc.IntegrityError), migrated.begin() as conn:
        conn.execute(insert(s.import_runs).values(**row))
    with migrated.begin() as conn:  # other outcomes of the same file are history, not a conflict
        conn.execute(insert(s.import_runs).values(**{**row, "outcome": "noop"}))
        conn.execute(insert(s.import_runs).values(**{**row, "outcome": "noop"}))


def test_a_check_that_missed_the_other_import_still_stores_the_file_once(migrated, tmp_path, monkeypatch):
    """Even when the early check (before reading) says « not yet », the write's own check says noop."""
    path = build_openpyxl(tmp_path / "suivi.xlsx")
    assert run_import(path, PLAN, migrated, actor=CLI).outcome == "imported"
    monkeypatch.setattr("plans.store.already_imported", lambda *a, **k: False)
    again = run_import(path, PLAN, migrated, actor=CLI)
    assert again.outcome == "noop" and "déjà été importé" in again.summary()
    assert len(_imported_runs(migrated)) == 1


def test_a_database_error_while_writing_is_a_recorded_refusal_in_plain_words(migrated, tmp_path, monkeypatch):
    path = build_openpyxl(tmp_path / "suivi.xlsx")

    def broken(*_a, **_k):
        raise sa_exc.OperationalError(
            "INSERT INTO assessments ...", {}, Exception(
                'connection to server at "db.internal.example" (10.0.0.7), port 5433 failed: FATAL: password '
                'authentication failed for user "vigie_admin" database "secretdb"'))

    monkeypatch.setattr(snapshots, "_append_assessments", broken)
    report = run_import(path, PLAN, migrated, actor=CLI)
    assert report.outcome == "rejected" and report.run_id is not None
    shown = _texts(report)
    assert not any(w in shown for w in DRIVER_WORDS), shown
    assert [i.code for i in report.errors] == ["database-error"]
    assert "rien n'a été enregistré" in report.errors[0].message
    with migrated.connect() as conn:
        run = conn.execute(select(s.import_runs).where(s.import_runs.c.id == report.run_id)).mappings().one()
        stored = conn.execute(select(s.import_issues.c.message, s.import_issues.c.hint, s.import_issues.c.value)
                              .where(s.import_issues.c.import_run_id == report.run_id)).all()
        assert conn.execute(select(func.count()).select_from(s.assessments)).scalar() == 0
    assert run["outcome"] == "rejected" and run["errors_count"] == 1
    assert not any(w in " ".join(map(str, row)) for row in stored for w in DRIVER_WORDS)


def test_a_locked_database_says_an_import_is_under_way(migrated, tmp_path, monkeypatch):
    path = build_openpyxl(tmp_path / "suivi.xlsx")

    def locked(*_a, **_k):
        raise sa_exc.OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))

    monkeypatch.setattr(snapshots, "_apply", locked)
    report = run_import(path, PLAN, migrated, actor=CLI)
    assert report.outcome == "rejected"
    assert [i.code for i in report.errors] == ["import-busy"]
    assert "un import est en cours" in report.errors[0].message.lower()
    assert "database is locked" not in _texts(report)


def test_an_over_long_reference_is_refused_in_validation_with_its_row_and_column(migrated, tmp_path):
    """A 10,000-character ref (VARCHAR(80) on PostgreSQL): refused before writing, with its row and column, on
    both databases alike — never a database error."""
    from plans.limits import FIELD_LIMITS

    rows = [ROWS[0], ("F" * 10_000, *ROWS[1][1:]), *ROWS[2:]]
    report = run_import(build_openpyxl(tmp_path / "long.xlsx", rows=rows), PLAN, migrated, actor=CLI)
    assert report.outcome == "rejected"
    assert [(i.code, i.row, i.column) for i in report.errors] == [("too-long", 6, "N° (A)")]
    err = report.errors[0]
    assert str(FIELD_LIMITS["ref"]) in err.message and "10000" in err.message.replace("\u202f", "").replace(" ", "")
    assert not any(w in _texts(report) for w in DRIVER_WORDS)
    with migrated.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.measures)).scalar() == 0
        assert conn.execute(select(s.import_runs.c.outcome)).scalars().all() == ["rejected"]


def test_an_over_long_plan_id_is_refused(migrated, tmp_path):
    report = run_import(build_openpyxl(tmp_path / "suivi.xlsx"), "p" * 500, migrated, actor=CLI)
    assert report.outcome == "rejected" and [i.code for i in report.errors] == ["too-long-plan"]
    assert not any(w in _texts(report) for w in DRIVER_WORDS)


def test_a_database_failure_is_told_without_the_drivers_text():
    """What the CLIs print for a database failure (plans.db.friendly_error): no host, port, user or database name."""
    from plans.db import friendly_error, make_engine

    eng = make_engine("postgresql+psycopg://vigie_admin@127.0.0.1:1/secretdb", connect_args={"connect_timeout": 2})
    try:
        with eng.connect():
            pass
    except sa_exc.OperationalError as exc:
        unreachable = friendly_error(exc)
    finally:
        eng.dispose()
    assert "joindre la base de données" in unreachable
    assert not any(w in unreachable for w in ("127.0.0.1", "vigie_admin", "secretdb", "port 1", "psycopg")), unreachable
    failed = friendly_error(sa_exc.OperationalError("INSERT INTO x", {}, Exception(
        'server "db.internal.example", port 5433, user "vigie_admin", database "secretdb": disk full')))
    assert not any(w in failed for w in DRIVER_WORDS), failed
    assert "base de données" in failed


def test_an_import_that_waited_too_long_says_an_import_is_under_way(migrated, tmp_path, monkeypatch):
    """Another import holds the plan (the real lock: SQLite's write lock, PostgreSQL's advisory lock) longer than
    the wait: « un import est en cours, réessayez », nothing stored, never « database is locked »."""
    import plans.db

    monkeypatch.setattr(plans.db, "SQLITE_BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(snapshots, "IMPORT_LOCK_WAIT_S", 1)
    migrated.dispose()  # new connections: the short busy timeout
    path = build_openpyxl(tmp_path / "suivi.xlsx")
    with migrated.begin() as holder:
        snapshots._one_at_a_time(holder, PLAN)
        report = run_import(path, PLAN, migrated, actor=CLI)
    assert report.outcome == "rejected", _texts(report)
    assert [i.code for i in report.errors] == ["import-busy"]
    assert not any(w in _texts(report) for w in DRIVER_WORDS)
    assert _imported_runs(migrated) == []
    assert run_import(path, PLAN, migrated, actor=CLI).outcome == "imported"  # once the other is done


def test_revision_0005_keeps_a_file_stored_twice_before_it(engine):
    """A database where a race already stored one file twice: the migration keeps both runs (the later one
    without its hash) instead of failing on the new unique index."""
    from plans.db import upgrade

    upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.execute(insert(s.plans).values(id=PLAN, kind="plan", title_fr="p", tracked=True, source_url="",
                                            confidence=""))
        for outcome in ("imported", "imported", "noop"):
            conn.execute(insert(s.import_runs).values(plan_id=PLAN, file_name="x.xlsx", file_hash="h" * 64,
                                                      started_at=func.now(), outcome=outcome, issues_count=0,
                                                      errors_count=0))
    upgrade(engine)
    with engine.connect() as conn:
        runs = conn.execute(select(s.import_runs.c.outcome, s.import_runs.c.file_hash)
                            .order_by(s.import_runs.c.id)).all()
    assert [tuple(r) for r in runs] == [("imported", "h" * 64), ("imported", None), ("noop", "h" * 64)]
