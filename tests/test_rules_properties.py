"""Property tests (hypothesis) of the rules' invariants."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import rules
from plans import schema as s
from plans.db import make_engine
from plans.rules import compute as c
from plans.rules import queries as q
from plans.rules.queries import HISTORY_COLUMNS
from plans.vocab import STATUS_CODES, VOICES
from tests import factories as f

START = dt.date(2024, 1, 1)
days = st.integers(min_value=0, max_value=800)
row = st.tuples(st.integers(1, 6), days, st.sampled_from(STATUS_CODES), st.sampled_from(VOICES),
                st.sampled_from([None, "", "a", "b"]), st.sampled_from([None, "", "a", "c"]))
histories = st.lists(row, min_size=0, max_size=40)


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame([{"id": i + 1, "measure_id": m, "as_of": START + dt.timedelta(days=d), "status": stt,
                          "status_as_reported": None, "voice": v, "summary": summ, "comment": com,
                          "source_url": "", "confidence": ""} for i, (m, d, stt, v, summ, com) in enumerate(rows)],
                        columns=HISTORY_COLUMNS)


def counts_at(h: pd.DataFrame, as_of: dt.date, documented=range(1, 7)):
    states = c.measure_states(c.state_from_history(h, as_of))
    statuses = [states.loc[m, "status"] if m in states.index else "unknown" for m in documented]
    return c.progress_of(statuses, 0.5), states


@settings(deadline=None)
@given(histories, days)
def test_counts_sum_to_documented(rows, d):
    p, _ = counts_at(frame(rows), START + dt.timedelta(days=d))
    assert sum(p.by_status.values()) == p.documented == 6
    assert p.progress is None or 0.0 <= p.progress <= 1.0


@settings(deadline=None)
@given(histories)
def test_before_first_snapshot_all_unknown(rows):
    h = frame(rows)
    first = min(h["as_of"], default=START + dt.timedelta(days=900))
    p, states = counts_at(h, first - dt.timedelta(days=1))
    assert states.empty and p.by_status["unknown"] == 6 and p.progress == 0.0


@settings(deadline=None)  # timing is not the property under test (the machine may be busy)
@given(histories, days, st.lists(row, min_size=1, max_size=10))
def test_later_snapshot_never_changes_earlier_state(rows, d, later):
    as_of = START + dt.timedelta(days=d)
    h = frame(rows)
    before = c.state_from_history(h, as_of)
    # the same rows plus snapshots dated strictly after D (recorded later: higher ids)
    extra = [(m, max(dd, d + 1), stt, v, summ, com) for m, dd, stt, v, summ, com in later]
    after = c.state_from_history(frame(rows + extra), as_of)
    cols = ["measure_id", "voice", "id", "status", "last_change", "first_as_of"]
    key = ["measure_id", "voice"]
    pd.testing.assert_frame_equal(before[cols].sort_values(key).reset_index(drop=True),
                                  after[cols].sort_values(key).reset_index(drop=True), check_dtype=False)


def _memory_engine():
    eng = make_engine("sqlite://")
    s.metadata.create_all(eng)
    return eng


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories, days)
def test_sql_state_equals_python_state(rows, d):
    eng = _memory_engine()
    f.make_plan(eng, "p")
    for m in range(1, 7):
        f.add_measure(eng, "p", f"M{m}")
    ids = {f"M{m}": f.measure_id(eng, "p", f"M{m}") for m in range(1, 7)}
    for m, dd, stt, v, summ, com in rows:
        f.add_assessment(eng, "p", f"M{m}", START + dt.timedelta(days=dd), stt, voice=v, summary=summ, comment=com)
    as_of = START + dt.timedelta(days=d)
    with eng.connect() as conn:
        hist = q.load_history(conn, "p")
        sql = q.load_state(conn, "p", as_of)
    py = c.state_from_history(hist, as_of)
    key = ["measure_id", "voice"]
    cols = [*key, "id", "last_change", "first_as_of"]
    pd.testing.assert_frame_equal(sql[cols].sort_values(key).reset_index(drop=True),
                                  py[cols].sort_values(key).reset_index(drop=True), check_dtype=False)
    assert set(ids.values()) >= set(sql["measure_id"])
    eng.dispose()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories, days, st.lists(row, min_size=1, max_size=5), st.integers(1, 400))
def test_summary_at_d_unchanged_by_later_facts(rows, d, later, shift):
    """Adding later assessments, a later deadline revision and a later announcement step never
    changes the summary at an earlier date."""
    eng = _memory_engine()
    f.make_plan(eng, "p")
    for m in range(1, 7):
        f.add_measure(eng, "p", f"M{m}", deadline_text="juin 2025" if m % 2 else None)
    for m, dd, stt, v, summ, com in rows:
        f.add_assessment(eng, "p", f"M{m}", START + dt.timedelta(days=dd), stt, voice=v, summary=summ, comment=com)
    f.add_announcement(eng, "p", "comite-x", 1, "announced", expected_text="mars 2025", measure_ref="M1")
    as_of = START + dt.timedelta(days=d)
    before = rules.summary(eng, "p", as_of)
    table_before = rules.measures_table(eng, "p", as_of)
    later_day = as_of + dt.timedelta(days=shift)
    for m, _dd, stt, v, summ, com in later:
        f.add_assessment(eng, "p", f"M{m}", later_day, stt, voice=v, summary=summ, comment=com)
    f.add_revision(eng, "p", "M1", later_day, "deadline_text", "juin 2025", "2027")
    f.add_announcement(eng, "p", "comite-x", 2, "postponed", expected_text="2026", measure_ref="M1",
                       announced_on=later_day)
    f.add_announcement(eng, "p", "comite-y", 1, "held", held_on=later_day)
    assert rules.summary(eng, "p", as_of) == before
    pd.testing.assert_frame_equal(rules.measures_table(eng, "p", as_of), table_before)
    eng.dispose()
