"""An import is one transaction: the snapshot, its run record and every issue (including the ones known
only while writing: vanished refs, a created plan) are committed together or not at all."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from loaders import import_file
from loaders.issues import Collector
from plans import schema as s
from plans.access import CLI
from tests.factories import table_counts
from tests.test_loaders_import import PLAN, ROWS, build_openpyxl


def _commits(engine) -> list[int]:
    """A list that grows by one at each COMMIT on ``engine``."""
    seen: list[int] = []
    event.listen(engine, "commit", lambda conn: seen.append(1))
    return seen


def test_import_with_late_issues_commits_once(migrated, tmp_path):
    first = import_file(build_openpyxl(tmp_path / "v1.xlsx", as_of="31/12/2024"), PLAN, migrated, actor=CLI)
    assert first.outcome == "imported" and any(i.code == "plan-created" for i in first.warnings)
    commits = _commits(migrated)
    second = import_file(build_openpyxl(tmp_path / "v2.xlsx", rows=ROWS[:3], as_of="30/06/2025"), PLAN, migrated, actor=CLI)
    assert second.outcome == "imported"
    assert [i.value for i in second.warnings if i.code == "measure-vanished"] == ["F04", "F05"]
    assert len(commits) == 1
    with migrated.connect() as conn:
        run = conn.execute(select(s.import_runs).where(s.import_runs.c.id == second.run_id)).mappings().one()
        codes = conn.execute(select(s.import_issues.c.code).where(s.import_issues.c.import_run_id == second.run_id)
                             .order_by(s.import_issues.c.id)).scalars().all()
    assert codes == [i.code for i in second.warnings]
    assert run["issues_count"] == len(codes) and codes[-2:] == ["measure-vanished", "measure-vanished"]


def test_failure_while_recording_late_issues_stores_nothing(migrated, tmp_path, monkeypatch):
    import_file(build_openpyxl(tmp_path / "v1.xlsx", as_of="31/12/2024"), PLAN, migrated, actor=CLI)
    before = table_counts(migrated)
    warn = Collector.warn

    def failing(self, code, **params):
        if code == "measure-vanished":
            raise RuntimeError("crash between the snapshot and its issues")
        return warn(self, code, **params)

    monkeypatch.setattr(Collector, "warn", failing)
    with pytest.raises(RuntimeError):
        import_file(build_openpyxl(tmp_path / "v2.xlsx", rows=ROWS[:3], as_of="30/06/2025"), PLAN, migrated, actor=CLI)
    assert table_counts(migrated) == before
