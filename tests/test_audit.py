"""The audit trail (plans.audit, revision 0007): rows appended in the writer's transaction, read back newest first,
the data version, and the database's own refusal to update or delete a row, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError

from plans import access, audit
from plans.db import current_revision, downgrade, head_revision, upgrade


def test_record_entries_and_data_version(migrated):
    assert audit.data_version(migrated) == 0
    marie = access.person("  Marie@Asso.FR ", "contributor", association="Asso A", name="Marie Dupont")
    with migrated.begin() as conn:
        first = audit.record(conn, access.CLI, "catalogue_loaded", summary="catalogue")
        second = audit.record(conn, marie, "assessment_added", plan_id="p1", summary="en cours → réalisée", run_id=7)
    assert second > first and audit.data_version(migrated) == second
    rows = audit.entries(migrated)
    assert [r["kind"] for r in rows] == ["assessment_added", "catalogue_loaded"]  # newest first
    assert rows[0] | {"at": None, "id": None} == {
        "id": None, "at": None, "kind": "assessment_added", "plan_id": "p1", "actor": "Marie Dupont <marie@asso.fr>",
        "email": "marie@asso.fr", "role": "contributor", "association": "Asso A", "summary": "en cours → réalisée",
        "run_id": 7}
    assert rows[1]["actor"] == "ligne de commande" and rows[1]["email"] is None
    assert abs(rows[0]["at"] - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=1)  # UTC
    assert [r["kind"] for r in audit.entries(migrated, email="MARIE@asso.fr")] == ["assessment_added"]
    assert [r["kind"] for r in audit.entries(migrated, kind="catalogue_loaded")] == ["catalogue_loaded"]
    assert len(audit.entries(migrated, plan_id="other")) == 1  # rows of no plan are every plan's
    assert audit.entries(migrated, since=dt.date.today() + dt.timedelta(days=1)) == []
    assert len(audit.entries(migrated, limit=1)) == 1
    with pytest.raises(ValueError), migrated.begin() as conn:
        audit.record(conn, access.CLI, "no_such_kind")


def test_a_rolled_back_write_leaves_no_row(migrated):
    with pytest.raises(RuntimeError), migrated.begin() as conn:
        audit.record(conn, access.CLI, "backup")
        raise RuntimeError("the write failed")
    assert audit.entries(migrated) == []


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET summary = 'effacé'", "DELETE FROM audit_log"])
def test_the_database_refuses_to_change_the_trail(migrated, statement):
    with migrated.begin() as conn:
        audit.record(conn, access.CLI, "backup", summary="avant")
    with pytest.raises(DBAPIError, match="append-only"), migrated.begin() as conn:
        conn.execute(sql(statement))
    assert [r["summary"] for r in audit.entries(migrated)] == ["avant"]
    if migrated.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"), migrated.begin() as conn:
            conn.execute(sql("TRUNCATE audit_log"))
        assert len(audit.entries(migrated)) == 1


def test_revision_0007_goes_down_and_up(migrated):
    assert current_revision(migrated) == head_revision()
    downgrade(migrated, "0006")
    assert current_revision(migrated) == "0006"
    upgrade(migrated)
    with migrated.begin() as conn:  # the triggers are back
        audit.record(conn, access.CLI, "backup")
    with pytest.raises(DBAPIError, match="append-only"), migrated.begin() as conn:
        conn.execute(sql("DELETE FROM audit_log"))


def test_a_write_committed_after_a_later_one_still_changes_the_version(migrated):
    """Servers key their caches by the largest id of the trail. On PostgreSQL ids are given at INSERT and seen at
    COMMIT: a slow write A (id 10) committed after a quick one B (id 11) would leave the version at 11 and A
    hidden until the TTL. The trail hands ids out in commit order, so a version seen while A was open moves when
    A commits."""
    import threading

    a = migrated.connect()
    ta = a.begin()
    a_id = audit.record(a, access.CLI, "backup", summary="A, une longue écriture")
    b_ids: list[int] = []

    def quick_write() -> None:
        with migrated.begin() as b:
            b_ids.append(audit.record(b, access.CLI, "backup", summary="B, une écriture rapide"))

    other = threading.Thread(target=quick_write)
    other.start()
    other.join(timeout=1.0)  # B waits for A (PostgreSQL: the trail's lock; SQLite: the write lock)
    seen_while_a_open = audit.data_version(migrated)
    ta.commit()
    a.close()
    assert audit.data_version(migrated) != seen_while_a_open  # A's write is seen at once
    other.join(timeout=30)
    assert b_ids and b_ids[0] > a_id and audit.data_version(migrated) == b_ids[0]
