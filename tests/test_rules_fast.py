"""The fast paths of ``changes`` and ``progress_history`` give the same answer as the plain
computations over the full history (property tests), plus their edge cases."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import rules
from plans import schema as s
from plans.db import make_engine, upgrade
from plans.rules import compute as c
from plans.rules import compute_history as ch
from plans.rules import queries as q
from plans.rules.context import load
from plans.vocab import STATUS_CODES, VOICES
from tests import factories as f

START = dt.date(2024, 1, 1)
D = dt.date
days = st.integers(min_value=0, max_value=400)
row = st.tuples(st.integers(1, 5), days, st.sampled_from(STATUS_CODES), st.sampled_from(VOICES),
                st.sampled_from([None, "a", "b"]), st.sampled_from([None, None, "c"]))
histories = st.lists(row, min_size=0, max_size=40)


def _build(rows) -> object:
    eng = make_engine("sqlite://")
    s.metadata.create_all(eng)
    f.make_plan(eng, "p")
    for m in range(1, 6):
        kwargs = {"deadline_text": "mars 2024"} if m % 2 else {}
        if m == 5:
            kwargs["kind"] = "related_action"  # not counted
        f.add_measure(eng, "p", f"M{m}", **kwargs)
    for m, dd, stt, v, summ, comment in rows:
        f.add_assessment(eng, "p", f"M{m}", START + dt.timedelta(days=dd), stt, voice=v, summary=summ,
                         comment=comment)
    return eng


def _changes_full_history(eng, since, until):
    """The reference: every assessment ≤ until through the same rules."""
    with eng.connect() as conn:
        hist = q.load_history(conn, "p", until)
        revs = q.load_revisions(conn, "p")
    before, after = load(eng, "p", since), load(eng, "p", until)
    return ch.changes(before, after, hist, revs, since, until)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories, days, st.integers(0, 200))
def test_changes_window_equals_full_history(rows, a, span):
    eng = _build(rows)
    since = START + dt.timedelta(days=a)
    until = since + dt.timedelta(days=span)
    assert rules.changes(eng, "p", since, until) == _changes_full_history(eng, since, until)
    eng.dispose()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories, days)
def test_progress_history_vectorised_equals_row_loop(rows, d):
    eng = _build(rows)
    until = START + dt.timedelta(days=d)
    with eng.connect() as conn:
        measures = q.load_measures(conn, "p")
        hist = q.load_history(conn, "p", until)
    expected = ch.progress_history(measures, hist, 0.5)
    pd.testing.assert_frame_equal(rules.progress_history(eng, "p", until), expected)
    eng.dispose()


@pytest.fixture
def db(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'fast.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


def test_changes_two_rows_without_comment_are_not_an_information_change(db):
    """Regression: with pandas' str columns a missing comment was NaN, and NaN != NaN made two
    identical rows an « information » change as soon as any other row had a comment."""
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A")
    f.add_measure(db, "p", "B")
    f.add_assessment(db, "p", "A", "2024-01-01", "in_progress", summary="x")
    f.add_assessment(db, "p", "A", "2024-02-01", "in_progress", summary="x")
    f.add_assessment(db, "p", "B", "2023-01-01", "in_progress", summary="y", comment="c")
    f.add_assessment(db, "p", "B", "2024-02-01", "in_progress", summary="y", comment="d")
    got = rules.changes(db, "p", D(2024, 1, 15), D(2024, 3, 1))
    # the information shown is the one that changed (the comment), not the unchanged summary
    assert [(x["ref"], x["what"], x["before"], x["after"]) for x in got] == [("B", "information", "c", "d")]


def test_changes_read_information_like_the_stalled_rule(db):
    """Changes and « stalled » share one reading of a row's information: the same text typed again
    after a blank confirmation, or a comment repeating the catalogue's summary, is no news."""
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A")
    f.add_assessment(db, "p", "A", "2024-01-01", "in_progress", summary="Formation à Paris")
    f.add_assessment(db, "p", "A", "2024-02-01", "in_progress")
    f.add_assessment(db, "p", "A", "2024-03-01", "in_progress", comment="Formation à Paris")
    f.add_assessment(db, "p", "A", "2024-04-01", "in_progress", comment="Marseille reportée")
    got = rules.changes(db, "p", D(2024, 1, 15), D(2024, 5, 1))
    assert [(x["what"], x["before"], x["after"], x["date"]) for x in got] == [
        ("information", "Formation à Paris", "Marseille reportée", "2024-04-01")]


def test_changes_first_row_of_a_voice_in_the_window_and_state_at_since(db):
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A")
    f.add_assessment(db, "p", "A", "2024-01-01", "in_progress")
    f.add_assessment(db, "p", "A", "2024-03-01", "in_progress", voice="government")
    f.add_assessment(db, "p", "A", "2024-03-02", "done")
    got = rules.changes(db, "p", D(2024, 2, 1), D(2024, 4, 1))
    assert [(x["what"], x["before"], x["after"], x["voice"]) for x in got] == [
        ("status", None, "in_progress", "government"), ("status", "in_progress", "done", "civil_society")]


def test_progress_history_same_day_rows_and_until(db):
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A")
    f.add_measure(db, "p", "B")
    f.add_assessments(db, "p", [("A", "2024-01-01", "partial"), ("A", "2024-01-01", "done"),
                                ("B", "2024-02-01", "partial"), ("B", "2024-03-01", "done")])
    h = rules.progress_history(db, "p", D(2024, 2, 15))
    assert [d.isoformat() for d in h["date"]] == ["2024-01-01", "2024-02-01"]
    assert list(h["done"]) == [1, 1] and list(h["partial"]) == [0, 1] and list(h["unknown"]) == [1, 0]
    assert list(h["progress"]) == [0.5, 0.75] and list(h["documented"]) == [2, 2]


def test_state_queries_by_dialect_match_python_both_dbs(migrated):
    """The query chosen per database (LATERAL joins on PostgreSQL) = the pure-Python state, on a
    random history with same-day rows, several voices, missing and repeated texts."""
    import random

    rnd = random.Random(7)
    f.make_plan(migrated, "p")
    for m in range(1, 9):
        f.add_measure(migrated, "p", f"M{m}")
    rows = [(f"M{rnd.randint(1, 8)}", START + dt.timedelta(days=rnd.randint(0, 60)), rnd.choice(STATUS_CODES[:3]),
             rnd.choice(VOICES), rnd.choice([None, "", "a", "b"]), rnd.choice([None, None, "", "a", "c"])) for _ in range(150)]
    for ref, day, stt, voice, summ, comment in rows:
        f.add_assessment(migrated, "p", ref, day, stt, voice=voice, summary=summ, comment=comment)
    key = ["measure_id", "voice"]
    cols = [*key, "id", "status", "last_change", "first_as_of"]
    with migrated.connect() as conn:
        hist = q.load_history(conn, "p")
        for as_of in (START - dt.timedelta(days=1), START + dt.timedelta(days=20), START + dt.timedelta(days=61)):
            sql = q.load_state(conn, "p", as_of)
            py = c.state_from_history(hist, as_of)
            pd.testing.assert_frame_equal(sql[cols].sort_values(key).reset_index(drop=True),
                                          py[cols].sort_values(key).reset_index(drop=True), check_dtype=False)
            latest = q._frame(conn.execute(q.latest_state_query_for(conn, "p", as_of)), q.HISTORY_COLUMNS)
            assert sorted(latest["id"]) == sorted(py["id"])
    since, until = START + dt.timedelta(days=20), START + dt.timedelta(days=45)
    with migrated.connect() as conn:
        revs = q.load_revisions(conn, "p")
        measures = q.load_measures(conn, "p")
        full = q.load_history(conn, "p", until)
    assert rules.changes(migrated, "p", since, until) == ch.changes(
        load(migrated, "p", since), load(migrated, "p", until), full, revs, since, until)
    pd.testing.assert_frame_equal(rules.progress_history(migrated, "p", until),
                                  ch.progress_history(measures, full, 0.5))
