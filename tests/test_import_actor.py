"""Who imports: every import write takes a plans.access.Actor, refuses one who may not write (nothing stored,
nothing read), and records who made each run — in the functions that write, not only in the page."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from loaders import import_file
from loaders.pipeline import run_import
from plans import schema as s
from plans import snapshots, store
from plans.access import CLI, EDITOR, LOCAL, VISITOR, AccessDenied
from plans.records import Snapshot
from tests.test_loaders_import import PLAN, build_openpyxl


def _count(engine, table) -> int:
    with engine.connect() as c:
        return c.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.mark.parametrize("who", [VISITOR, "Marie (nom saisi)", None])
def test_an_import_by_someone_who_may_not_write_is_refused_before_reading(migrated, tmp_path, who, monkeypatch):
    path = build_openpyxl(tmp_path / "suivi.xlsx")
    monkeypatch.setattr("loaders.pipeline.file_hash", lambda *_: pytest.fail("the file was read"))
    with pytest.raises(AccessDenied):
        run_import(path, PLAN, migrated, actor=who)
    with pytest.raises(AccessDenied):
        import_file(path, PLAN, migrated, actor=who)
    assert _count(migrated, s.import_runs) == 0 and _count(migrated, s.assessments) == 0


def test_the_writing_functions_check_the_actor_themselves(migrated, tmp_path):
    """write_snapshot and record_run refuse a visitor even when called directly (not through the loaders)."""
    report = run_import(build_openpyxl(tmp_path / "suivi.xlsx"), PLAN, migrated, actor=CLI, dry_run=True)
    assert report.outcome == "dry_run"
    before = {t.name: _count(migrated, t) for t in (s.import_runs, s.assessments, s.measures)}
    snap = Snapshot(plan_id="autre", as_of=report_time().date(), as_of_origin="option", file_name="x.csv",
                              file_hash="0" * 64)
    with pytest.raises(AccessDenied):
        snapshots.write_snapshot(migrated, snap, actor=VISITOR)
    with pytest.raises(AccessDenied):
        snapshots.record_run(migrated, plan_id=PLAN, file_name="x.csv", file_hash=None, outcome="rejected",
                             started_at=report_time(), actor=VISITOR)
    assert before == {t.name: _count(migrated, t) for t in (s.import_runs, s.assessments, s.measures)}


def report_time() -> dt.datetime:
    return dt.datetime(2026, 1, 1, 12, 0)


@pytest.mark.parametrize("who", [CLI, EDITOR, LOCAL])
def test_each_run_records_who_made_it(migrated, tmp_path, who):
    path = build_openpyxl(tmp_path / "suivi.xlsx")
    assert run_import(path, PLAN, migrated, actor=who).outcome == "imported"
    assert run_import(path, PLAN, migrated, actor=who).outcome == "noop"
    runs = store.import_runs(migrated, PLAN)
    assert [r["outcome"] for r in runs] == ["noop", "imported"]
    assert {r["imported_by"] for r in runs} == {who.recorded}

