"""The change dates each assessment carries (plans.history): kept right by every writer — the
snapshot writer (imports in any order of dates, re-imports, several rows of one measure), the
catalogue seed, the migration that added them — and equal to the pure-Python state."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from plans import schema as s
from plans.access import CLI
from plans.db import downgrade, make_engine, upgrade
from plans.history import chain_dates, refresh_chain_dates
from plans.records import Measures, Snapshot
from plans.rules import compute as c
from plans.rules import queries as q
from plans.snapshots import write_snapshot
from plans.vocab import VOICES
from tests import factories as f

D = dt.date
START = D(2024, 1, 1)


def _d(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


# ----------------------------------------------------------------------------- chain_dates

@pytest.mark.parametrize("rows, expected", [
    # one chain: the first row is a change; same status, no text: no news
    ([("a", 0, "in_progress", None), ("a", 5, "in_progress", None)], [(0, 0), (0, 0)]),
    # a status change moves last_change, going back too
    ([("a", 0, "in_progress", None), ("a", 5, "done", None), ("a", 9, "in_progress", None)],
     [(0, 0), (5, 0), (9, 0)]),
    # new text is news; the same text again (after a blank row) is not
    ([("a", 0, "initiated", "x"), ("a", 3, "initiated", None), ("a", 6, "initiated", "x"),
      ("a", 8, "initiated", "y")], [(0, 0), (0, 0), (0, 0), (8, 0)]),
    # a second chain starts afresh
    ([("a", 0, "done", "x"), ("b", 4, "done", "x"), ("b", 7, "done", "x")], [(0, 0), (4, 4), (4, 4)]),
    # two rows the same day: the later one (by id) changes the status on that day
    ([("a", 2, "initiated", None), ("a", 2, "done", None)], [(2, 2), (2, 2)]),
])
def test_chain_dates_table(rows, expected):
    assert list(chain_dates(rows)) == expected


# ----------------------------------------------------------------------------- snapshot writer

REFS = ["A", "B", "C", "D"]
snap_row = st.tuples(st.sampled_from(REFS), st.sampled_from(["not_started", "in_progress", "done"]),
                     st.sampled_from((*VOICES, None)), st.sampled_from([None, "", "x", "y"]))
snapshots = st.lists(st.tuples(st.integers(0, 60), st.lists(snap_row, min_size=1, max_size=4, unique_by=lambda r: r[0])),
                     min_size=1, max_size=5)


def _snapshot(k: int, day: int, rows) -> Snapshot:
    recs = [{"ref": ref, "key": ref, "row": i + 2, "title_fr": f"Mesure {ref}", "status": st_,
             "status_as_reported": st_, "voice": voice, "comment": comment} for i, (ref, st_, voice, comment) in
            enumerate(rows)]
    return Snapshot(plan_id="p", as_of=_d(day), as_of_origin="option", file_name=f"suivi-{k}.csv",
                    file_hash=hashlib.sha256(f"{k}".encode()).hexdigest(), has_measures=False,
                    measures=Measures.from_records(recs))


def _assert_state_is_history(eng, days):
    key = ["measure_id", "voice"]
    cols = [*key, "id", "status", "last_change", "first_as_of"]
    with eng.connect() as conn:
        hist = q.load_history(conn, "p")
        for as_of in days:
            sql = q.load_state(conn, "p", as_of)[cols].sort_values(key).reset_index(drop=True)
            py = c.state_from_history(hist, as_of)[cols].sort_values(key).reset_index(drop=True)
            pd.testing.assert_frame_equal(sql, py, check_dtype=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots, st.booleans())
def test_imports_in_any_date_order_keep_the_stored_dates_right(snaps, catalogue_first):
    """Snapshots imported out of date order (two the same day too), measures that existed before
    (catalogue) or not, several voices: the stored dates give the pure-Python state at every D, and
    recomputing them from the history changes nothing."""
    eng = make_engine("sqlite://")
    s.metadata.create_all(eng)
    f.make_plan(eng, "p")
    if catalogue_first:
        f.add_measure(eng, "p", "A")
        f.add_assessment(eng, "p", "A", _d(30), "in_progress", summary="x")
    for k, (day, rows) in enumerate(snaps):
        write_snapshot(eng, _snapshot(k, day, rows), actor=CLI)
    _assert_state_is_history(eng, [_d(n) for n in (-1, 0, 15, 30, 45, 61)])
    with eng.begin() as conn:
        assert refresh_chain_dates(conn) == 0
    eng.dispose()


def test_an_earlier_snapshot_imported_later_moves_the_dates_of_later_rows(migrated):
    eng = migrated
    f.make_plan(eng, "p")
    write_snapshot(eng, _snapshot(1, 40, [("A", "done", None, "fini")]), actor=CLI)
    write_snapshot(eng, _snapshot(2, 10, [("A", "in_progress", None, "fini")]), actor=CLI)  # typed later, dated earlier
    with eng.connect() as conn:
        rows = conn.execute(select(s.assessments.c.as_of, s.assessments.c.last_change, s.assessments.c.first_as_of)
                            .order_by(s.assessments.c.as_of)).all()
    # the 10th-day row starts the chain; the 40th-day row changed the status, same text
    assert [tuple(r) for r in rows] == [(_d(10), _d(10), _d(10)), (_d(40), _d(40), _d(10))]


def test_later_snapshots_follow_from_the_latest_row_even_a_blank_one(migrated):
    """Appended rows take their dates from the latest row of their chain; when that row is blank, the
    text before it decides whether a new comment is news (SQLite and PostgreSQL)."""
    eng = migrated
    f.make_plan(eng, "p")
    f.add_measure(eng, "p", "A")
    f.add_assessment(eng, "p", "A", _d(0), "in_progress", summary="x")  # the catalogue's row
    steps = [(10, "in_progress", None), (20, "in_progress", "x"), (30, "in_progress", "y"), (40, "done", "y"),
             (50, "done", None), (60, "done", "y")]
    for k, (day, status, comment) in enumerate(steps):
        snap = _snapshot(k, day, [("A", status, None, comment)])
        snap.measures.columns["source_url"] = [f"https://example.org/{k}"]  # a new source: every row is recorded
        write_snapshot(eng, snap, actor=CLI)
    with eng.connect() as conn:
        rows = conn.execute(select(s.assessments.c.as_of, s.assessments.c.last_change, s.assessments.c.first_as_of)
                            .order_by(s.assessments.c.as_of)).all()
    assert [(r[0], r[1]) for r in rows] == [(_d(0), _d(0)), (_d(10), _d(0)), (_d(20), _d(0)), (_d(30), _d(30)),
                                            (_d(40), _d(40)), (_d(50), _d(40)), (_d(60), _d(40))]
    assert {r[2] for r in rows} == {_d(0)}
    _assert_state_is_history(eng, [_d(n) for n in (5, 25, 45, 65)])


# ----------------------------------------------------------------------------- seed and migration

def test_seeded_catalogue_has_its_dates_right(seeded):
    """The real catalogue (several plans, assessments at several dates) is seeded with dates equal
    to those recomputed from its history."""
    with seeded.begin() as conn:
        assert conn.execute(select(s.assessments.c.id).where(s.assessments.c.last_change.is_(None))).first() is None
        assert refresh_chain_dates(conn) == 0


def test_migration_0004_computes_the_dates_of_rows_already_there(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(eng, "0003")
    f.make_plan(eng, "p")
    f.add_measure(eng, "p", "A")
    with eng.begin() as conn:
        mid = conn.execute(select(s.measures.c.id)).scalar_one()
        for day, status, comment in [(20, "initiated", "y"), (0, "initiated", None), (35, "initiated", "y"),
                                     (50, "done", "y")]:
            conn.execute(text("INSERT INTO assessments (measure_id, as_of, status, voice, comment, origin, source_url, "
                              "confidence) VALUES (:m, :d, :s, 'civil_society', :c, 'import', 'x', '')"),
                         {"m": mid, "d": _d(day).isoformat(), "s": status, "c": comment})
    upgrade(eng)
    with eng.connect() as conn:
        rows = conn.execute(select(s.assessments.c.as_of, s.assessments.c.last_change, s.assessments.c.first_as_of)
                            .order_by(s.assessments.c.as_of)).all()
    assert [tuple(r) for r in rows] == [(_d(0), _d(0), _d(0)), (_d(20), _d(20), _d(0)), (_d(35), _d(20), _d(0)),
                                        (_d(50), _d(50), _d(0))]
    downgrade(eng, "0003")  # and back: the columns go
    with eng.connect() as conn:
        assert "last_change" not in {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(assessments)")}
    eng.dispose()
