"""Snapshot date order, not import order: importing an older snapshot after a newer one keeps
the newer title, deadline, lead, axis and « disparue »/« réapparue » state; the older snapshot's statuses are still
added to the history. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select

from loaders.pipeline import run_import
from plans import schema as s
from plans.access import CLI
from tests.test_loaders_import import ROWS, build_openpyxl

OLD, NEW = "31/12/2024", "30/06/2025"
# the newer snapshot: F01 renamed, given another deadline and lead; F04 gone
NEW_ROWS = [("F01", "Plan national de formation des professionnels (version 2)", "MIPROF ; DGCS", "fin 2026",
             "En cours", "Deuxième vague"), *(r for r in ROWS[1:] if r[0] != "F04")]


def _state(engine, plan_id: str) -> tuple[dict, Counter]:
    """Each measure's current fields and « disparue » state, and the (ref, date, status) of its assessments."""
    m, r, a = s.measures, s.measure_revisions, s.assessments
    with engine.connect() as conn:
        rows = conn.execute(select(m.c.id, m.c.ref, m.c.title_fr, m.c.deadline_text, m.c.deadline_start,
                                   m.c.deadline_end, m.c.lead_body, m.c.axis_text, m.c.first_seen)
                            .where(m.c.plan_id == plan_id)).all()
        last = dict(conn.execute(select(r.c.measure_id, r.c.field).join(m, m.c.id == r.c.measure_id)
                                 .where(m.c.plan_id == plan_id, r.c.field.in_(("vanished", "reappeared")))
                                 .order_by(r.c.id)).all())
        vanished_on = dict(conn.execute(select(r.c.measure_id, r.c.as_of).join(m, m.c.id == r.c.measure_id)
                                        .where(m.c.plan_id == plan_id, r.c.field == "vanished")).all())
        history = Counter(conn.execute(select(m.c.ref, a.c.as_of, a.c.status).join(m, m.c.id == a.c.measure_id)
                                       .where(m.c.plan_id == plan_id)).all())
    current = {row.ref: (row.title_fr, row.deadline_text, row.deadline_start, row.deadline_end, row.lead_body,
                         row.axis_text, row.first_seen, last.get(row.id), vanished_on.get(row.id)) for row in rows}
    return current, history


def test_an_older_snapshot_imported_last_gives_the_same_store_as_date_order(migrated, tmp_path):
    old = build_openpyxl(tmp_path / "ancien.xlsx", as_of=OLD)
    new = build_openpyxl(tmp_path / "nouveau.xlsx", rows=NEW_ROWS, as_of=NEW)
    for plan, files in (("dans-l-ordre", (old, new)), ("a-rebours", (new, old))):
        for path in files:
            assert run_import(path, plan, migrated, actor=CLI).outcome == "imported"
    in_order, reverse = _state(migrated, "dans-l-ordre"), _state(migrated, "a-rebours")
    assert reverse[0]["F01"][0] == NEW_ROWS[0][1] and reverse[0]["F01"][1] == "fin 2026"
    assert reverse[0]["F01"][4] == "MIPROF ; DGCS"
    assert reverse[0]["F01"][6] == dt.date(2024, 12, 31)  # first seen in the older file
    assert reverse[0]["F04"][7:] == ("vanished", dt.date(2025, 6, 30))  # listed by the older file only
    assert reverse[0] == in_order[0]
    # a re-import records only what changed: in date order the newer file's unchanged rows are not recorded; in
    # reverse they were, before the older file came (append-only: kept). Every row of the date order is there.
    assert not in_order[1] - reverse[1]
    assert reverse[1] - in_order[1] == Counter((r[0], dt.date(2025, 6, 30), s_) for r, s_ in zip(
        NEW_ROWS[1:], ["done", "done", "initiated"], strict=True))


def test_an_older_snapshot_between_two_others_changes_no_current_value(migrated, tmp_path):
    first = build_openpyxl(tmp_path / "juin-2024.xlsx", as_of="30/06/2024")
    newest = build_openpyxl(tmp_path / "juin-2025.xlsx", rows=NEW_ROWS, as_of=NEW)
    between = build_openpyxl(tmp_path / "dec-2024.xlsx", as_of=OLD)
    for path in (first, newest):
        assert run_import(path, "p", migrated, actor=CLI).outcome == "imported"
    before, history_before = _state(migrated, "p")
    with migrated.connect() as conn:
        revisions_before = conn.execute(select(s.measure_revisions.c.id)).scalars().all()
    report = run_import(between, "p", migrated, actor=CLI)
    assert report.outcome == "imported"
    assert report.counts["measures_changed"] == 0 and report.counts["measures_vanished"] == 0
    assert not [i for i in report.warnings if i.code == "measure-vanished"]
    told, = [i for i in report.warnings if i.code == "older-snapshot"]  # the user is told why nothing changed
    assert "31/12/2024" in told.message and "30/06/2025" in told.message
    after, history_after = _state(migrated, "p")
    assert after == before  # F01 keeps the newest title, F04 stays « disparue » (not « réapparue »)
    assert before["F04"][7] == "vanished"
    # the file between repeats the first one's statuses and comments: nothing new to record
    assert history_after == history_before and report.counts["unchanged"] == len(ROWS)
    with migrated.connect() as conn:
        assert conn.execute(select(s.measure_revisions.c.id)).scalars().all() == revisions_before
