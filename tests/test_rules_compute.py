"""Table-driven tests of the pure rule functions (no database): hand-computed expectations."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from plans.rules import compute as c
from plans.rules import compute_events as ev
from plans.rules.queries import HISTORY_COLUMNS
from plans.wording import stalled_reason

D = dt.date


def hist(rows):
    """rows: (id, measure_id, as_of, status, voice, summary)."""
    out = []
    for i, mid, as_of, status, voice, summ in rows:
        out.append({"id": i, "measure_id": mid, "as_of": D.fromisoformat(as_of), "status": status,
                    "status_as_reported": None, "voice": voice, "summary": summ, "comment": None,
                    "source_url": "u", "confidence": "c"})
    return pd.DataFrame(out, columns=HISTORY_COLUMNS)


H = hist([
    (1, 1, "2024-01-10", "not_started", "civil_society", "a"),
    (2, 1, "2024-03-01", "in_progress", "civil_society", "b"),
    (3, 1, "2024-06-01", "in_progress", "civil_society", "b"),      # no change
    (4, 1, "2024-09-01", "initiated", "civil_society", "c"),        # status goes backwards
    (5, 2, "2024-05-01", "done", "government", None),
    (6, 2, "2024-05-01", "partial", "government", None),            # same day: recorded last wins
    (7, 2, "2024-05-01", "in_progress", "civil_society", None),
    (8, 3, "2025-01-01", "partial", "civil_society", "x"),
])


@pytest.mark.parametrize("as_of, expected", [
    ("2024-01-09", {}),                                            # before the first snapshot: nothing
    ("2024-01-10", {(1, "civil_society"): ("not_started", "2024-01-10")}),
    ("2024-06-01", {(1, "civil_society"): ("in_progress", "2024-03-01"),
                    (2, "government"): ("partial", "2024-05-01"),
                    (2, "civil_society"): ("in_progress", "2024-05-01")}),
    ("2024-12-31", {(1, "civil_society"): ("initiated", "2024-09-01"),
                    (2, "government"): ("partial", "2024-05-01"),
                    (2, "civil_society"): ("in_progress", "2024-05-01")}),
])
def test_state_from_history(as_of, expected):
    st = c.state_from_history(H, D.fromisoformat(as_of))
    got = {(r.measure_id, r.voice): (r.status, r.last_change.isoformat()) for r in st.itertuples()}
    assert got == expected


def test_same_day_rows_change_detection():
    # id 5 → id 6 on the same day is a status change; the last change is that day
    st = c.state_from_history(H, D(2024, 5, 2)).set_index(["measure_id", "voice"])
    assert st.loc[(2, "government"), "id"] == 6
    assert st.loc[(2, "government"), "first_as_of"] == D(2024, 5, 1)


def test_measure_states_pool_voices():
    ms = c.measure_states(c.state_from_history(H, D(2024, 6, 1)))
    assert ms.loc[2, "voices"] == {"government": "partial", "civil_society": "in_progress"}
    assert ms.loc[2, "status"] == "in_progress"  # same date: the row recorded last (id 7)
    assert c.divergence(ms.loc[2, "voices"]) == {"government": "partial", "civil_society": "in_progress",
                                                 "independent": None}
    assert c.divergence(ms.loc[1, "voices"]) is None


@pytest.mark.parametrize("statuses, weight, documented, progress", [
    ([], 0.5, 0, None),
    (["done", "partial", "unknown", "in_progress"], 0.5, 4, 1.5 / 4),
    (["partial", "partial"], 0.25, 2, 0.25),
    (["done"] * 3 + ["abandoned"], 0.5, 4, 0.75),
])
def test_progress_of(statuses, weight, documented, progress):
    p = c.progress_of(statuses, weight)
    assert p.documented == documented
    assert sum(p.by_status.values()) == documented
    assert p.progress == (pytest.approx(progress) if progress is not None else None)


@pytest.mark.parametrize("status, end, as_of, expected", [
    ("in_progress", "2025-12-31", "2025-12-31", False),   # deadline equal to D is not overdue
    ("in_progress", "2025-12-31", "2026-01-01", True),
    ("done", "2025-12-31", "2026-06-01", False),
    ("abandoned", "2025-12-31", "2026-06-01", False),
    ("unknown", "2025-12-31", "2026-06-01", True),
    ("in_progress", None, "2030-01-01", False),
    ("partial", "2024-02-29", "2024-03-01", True),        # leap day
    ("partial", "2024-02-29", "2024-02-29", False),
])
def test_is_overdue(status, end, as_of, expected):
    assert c.is_overdue(status, D.fromisoformat(end) if end else None, D.fromisoformat(as_of)) is expected


@pytest.mark.parametrize("start, end, as_of, expected", [
    ("2024-01-01", "2027-12-31", "2023-06-01", 0.0),
    ("2024-01-01", "2027-12-31", "2029-01-01", 1.0),
    ("2024-01-01", "2024-12-31", "2024-07-02", 183 / 365),  # leap year: 183 days elapsed of 365
    (None, "2024-12-31", "2024-07-02", None),
])
def test_time_elapsed(start, end, as_of, expected):
    got = c.time_elapsed(D.fromisoformat(start) if start else None, D.fromisoformat(end), D.fromisoformat(as_of))
    assert got == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize("progress, expected", [
    (None, None), (0.0, None), (0.5, "2026-01-02"), (1.0, "2025-01-01"), (0.25, "2028-01-04"),
])
def test_projection(progress, expected):
    # 366 days elapsed (2024 is a leap year); at half the work done the plan needs 732 days,
    # i.e. 2024-01-01 + 732 days = 2026-01-02 (2025 has 365 days)
    got = c.projection(D(2024, 1, 1), D(2025, 1, 1), progress)
    assert (got.isoformat() if got else None) == expected


def test_projection_before_start_is_none():
    assert c.projection(D(2024, 1, 1), D(2023, 1, 1), 0.5) is None


def ann(seq, kind, text=None, start=None, end=None, held=None, announced_on=None, key="ev"):
    return {"event_key": key, "seq": seq, "subject": "Sujet", "measure_id": None, "kind": kind,
            "announced_on": D.fromisoformat(announced_on) if announced_on else None,
            "expected_text": text, "expected_start": D.fromisoformat(start) if start else None,
            "expected_end": D.fromisoformat(end) if end else None,
            "held_on": D.fromisoformat(held) if held else None, "source_url": "u"}


COMMITTEE = [ann(1, "announced", "fin janvier 2024", "2024-01-21", "2024-01-31"),
             ann(2, "postponed", "fin février 2024", "2024-02-21", "2024-02-29"),
             ann(3, "postponed", "21 Mar 2024", "2024-03-21", "2024-03-21"),
             ann(4, "held", held="2024-03-21")]


@pytest.mark.parametrize("as_of, state, ups, slipped, late", [
    ("2024-01-15", "pending", 0, 0, None),
    ("2024-01-31", "pending", 0, 0, None),        # announced date equal to D: not passed
    ("2024-02-01", "pending", 1, 29, None),       # seq 2 known the day after the 1st date
    ("2024-03-05", "pending", 2, 50, None),
    ("2024-03-21", "held", 2, 50, None),          # the model case: 2 postponements, 50 days
    ("2026-12-01", "held", 2, 50, None),
])
def test_committee_chain(as_of, state, ups, slipped, late):
    e = ev.event_chain(COMMITTEE, D.fromisoformat(as_of))
    assert (e["state"], e["postponements"], e["days_slipped"], e["days_late"]) == (state, ups, slipped, late)


# the same story, « fin janvier 2024 » then « fin février 2024 », held on 21/03/2024, kept in the layouts people use
LAYOUTS = {
    "held on the row that announced it": [
        ann(1, "announced", "fin janvier 2024", "2024-01-21", "2024-01-31"),
        ann(2, "postponed", "fin février 2024", "2024-02-21", "2024-02-29"),
        ann(3, "held", "21/03/2024", "2024-03-21", "2024-03-21", held="2024-03-21")],
    "held on its own row": [
        ann(1, "announced", "fin janvier 2024", "2024-01-21", "2024-01-31"),
        ann(2, "postponed", "fin février 2024", "2024-02-21", "2024-02-29"),
        ann(3, "held", held="2024-03-21")],
    "held on the last announcement's row": [
        ann(1, "announced", "fin janvier 2024", "2024-01-21", "2024-01-31"),
        ann(2, "held", "fin février 2024", "2024-02-21", "2024-02-29", held="2024-03-21")],
    "announced, then postponed row, then its own held row": COMMITTEE,
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_postponements_are_counted_from_the_dates_whatever_the_layout(layout):
    e = ev.event_chain(LAYOUTS[layout], D(2024, 6, 1))
    assert (e["state"], e["postponements"], e["days_slipped"], e["held_on"]) == ("held", 2, 50, D(2024, 3, 21))
    # before the meeting, the announced dates are known as they were announced
    before = ev.event_chain(LAYOUTS[layout], D(2024, 2, 10))
    assert (before["state"], before["postponements"], before["expected"]) == ("pending", 1, "fin février 2024")


def test_chain_not_held_and_earlier_date():
    rows = [ann(1, "announced", "mid-Nov 2024", "2024-11-11", "2024-11-20"),
            ann(2, "not_held", announced_on="2024-12-31")]
    assert ev.event_chain(rows, D(2024, 11, 20))["state"] == "pending"
    e = ev.event_chain(rows, D(2024, 12, 1))     # passed, no row saying so yet: not held
    assert (e["state"], e["days_late"]) == ("not_held", 11)
    e = ev.event_chain(rows, D(2025, 1, 10))
    assert (e["state"], e["days_late"], e["not_held_on"]) == ("not_held", 51, D(2024, 12, 31))
    # a date moved earlier is not a postponement; slip is negative
    rows = [ann(1, "announced", "fin 2024", "2024-10-01", "2024-12-31"),
            ann(2, "postponed", "juin 2024", "2024-06-01", "2024-06-30", announced_on="2024-03-01")]
    e = ev.event_chain(rows, D(2024, 4, 1))
    assert (e["postponements"], e["days_slipped"]) == (0, -184)
    assert ev.event_chain([ann(1, "held", held="2024-01-01")], D(2025, 1, 1)) is None


def test_chain_rows_unknown_before_announcement():
    rows = [ann(1, "announced", "mars 2025", "2025-03-01", "2025-03-31", announced_on="2025-01-15")]
    assert ev.event_chain(rows, D(2025, 1, 14)) is None
    assert ev.event_chain(rows, D(2025, 1, 15))["state"] == "pending"


def test_deadline_chains_known_at_d():
    measures = pd.DataFrame([{"id": 1, "deadline_text": "fin 2026", "deadline_start": D(2026, 10, 1),
                              "deadline_end": D(2026, 12, 31)},
                             {"id": 2, "deadline_text": "2025", "deadline_start": D(2025, 1, 1),
                              "deadline_end": D(2025, 12, 31)}])
    revs = pd.DataFrame([
        {"id": 1, "measure_id": 1, "as_of": D(2024, 6, 1), "field": "deadline_text", "old_value": "fin 2024",
         "new_value": "juin 2025"},
        {"id": 2, "measure_id": 1, "as_of": D(2025, 3, 1), "field": "deadline_text", "old_value": "juin 2025",
         "new_value": "fin 2026"},
    ])
    ch = c.deadline_chains(measures, revs, D(2024, 1, 1))
    assert [e["text"] for e in ch[1]] == ["fin 2024"]          # before any revision: the old text
    ch = c.deadline_chains(measures, revs, D(2024, 12, 1))
    assert [e["text"] for e in ch[1]] == ["fin 2024", "juin 2025"]
    ch = c.deadline_chains(measures, revs, D(2025, 6, 1))
    assert len(c.count_postponements(ch[1])) == 2
    assert c.current_deadline(ch[1])["end"] == D(2026, 12, 31)
    assert ch[2] == [{"text": "2025", "start": D(2025, 1, 1), "end": D(2025, 12, 31), "known_on": None}]


TH = c.Thresholds()


@pytest.mark.parametrize("status, last_change, ups, as_of, since", [
    ("in_progress", "2024-01-01", [], "2024-06-29", "2024-01-01"),  # exactly 180 days (leap Feb): stalled
    ("in_progress", "2024-01-01", [], "2024-06-28", None),          # 179 days
    ("in_progress", "2024-01-01", [], "2024-06-30", "2024-01-01"),
    ("done", "2020-01-01", ["2021-01-01", "2022-01-01"], "2024-06-30", None),
    ("abandoned", "2020-01-01", [], "2024-06-30", None),
    ("in_progress", "2024-06-01", ["2024-02-01", "2024-05-01"], "2024-06-30", "2024-05-01"),
    ("unknown", None, ["2024-02-01"], "2024-06-30", None),
    ("unknown", None, [], "2030-01-01", None),                      # never assessed: not stalled by age
])
def test_stalled_reason(status, last_change, ups, as_of, since):
    lc = D.fromisoformat(last_change) if last_change else None
    why = c.stalled_reason(status, lc, [D.fromisoformat(u) for u in ups], D.fromisoformat(as_of), TH)
    assert (why["since"].isoformat() if why else None) == since


def test_stalled_exact_threshold_and_reasons():
    # exactly 180 days → stalled (≥ 180); 179 → not
    assert c.stalled_reason("in_progress", D(2024, 1, 1), [], D(2024, 6, 29), TH)["since"] == D(2024, 1, 1)
    assert c.stalled_reason("in_progress", D(2024, 1, 1), [], D(2024, 6, 28), TH) is None
    why = c.stalled_reason("initiated", D(2023, 1, 1), [D(2023, 5, 1), D(2023, 6, 1)], D(2024, 1, 1), TH)
    assert (why["unchanged_days"], why["times_postponed"], why["since"]) == (365, 2, D(2023, 1, 1))
    assert stalled_reason(why["unchanged_days"], why["times_postponed"]) == \
        "Ni le statut ni l'information n'ont changé depuis 365 jours; reportée 2 fois"
    assert stalled_reason(None, why["times_postponed"], "en") == "Postponed 2 times"
    assert why["since"] == D(2023, 1, 1)
    strict = c.Thresholds(stalled_days=30, stalled_postponements=3)
    assert c.stalled_reason("initiated", D(2024, 1, 1), [], D(2024, 1, 31), strict) is not None


def test_thresholds_from_settings():
    th = c.Thresholds.from_settings({"thresholds": {"stalled_days": 90, "partial_weight": 0.25}})
    assert (th.stalled_days, th.stalled_postponements, th.freshness_days, th.partial_weight) == (90, 2, 90, 0.25)
    assert c.Thresholds.from_settings(None) == c.Thresholds()


def test_governance_by_year():
    a = pd.DataFrame([
        {"event_key": "comite-a", "kind": "held", "held_on": D(2015, 5, 1)},
        {"event_key": "comite-b", "kind": "held", "held_on": D(2024, 3, 1)},
        {"event_key": "comite-c", "kind": "held", "held_on": D(2024, 12, 1)},
        {"event_key": "comite-d", "kind": "announced", "held_on": None},
        {"event_key": "autre-e", "kind": "held", "held_on": D(2025, 1, 1)},
        {"event_key": "comite-f", "kind": "held", "held_on": D(2026, 1, 5)},
    ])
    g = ev.governance_by_year(a, ev.GovernanceRule("comite-", 2), D(2024, 1, 1), D(2026, 1, 4))
    assert {y: v["held"] for y, v in g.items()} == {2024: 2, 2025: 0, 2026: 0}  # the plan's years only
    assert g[2024]["met"] and not g[2025]["met"] and not g[2026]["complete_year"]
    assert (g[2025]["needed"], g[2025]["possible"]) == (0, False)  # over, not met
    assert (g[2026]["needed"], g[2026]["until"], g[2026]["possible"]) == (2, "2026-12-31", True)
    # a plan that ends on 31 March 2027: on 30 March, two meetings can still be held (30 and 31 March), not three
    end = D(2027, 3, 31)
    g = ev.governance_by_year(a, ev.GovernanceRule("comite-", 2), D(2024, 1, 1), D(2027, 3, 30), end)
    assert list(g) == [2024, 2025, 2026, 2027]
    assert (g[2027]["needed"], g[2027]["until"], g[2027]["possible"]) == (2, "2027-03-31", True)
    g = ev.governance_by_year(a, ev.GovernanceRule("comite-", 3), D(2024, 1, 1), D(2027, 3, 30), end)
    assert (g[2027]["needed"], g[2027]["possible"]) == (3, False)  # three meetings in two days: no longer possible
    g = ev.governance_by_year(a, ev.GovernanceRule("comite-", 2), D(2024, 1, 1), D(2028, 6, 1), end)
    assert list(g) == [2024, 2025, 2026, 2027] and g[2027]["complete_year"]  # not the years after the plan
    # a held date recorded on the announcement's own row counts
    b = pd.DataFrame([{"event_key": "comite-x", "kind": "postponed", "held_on": D(2024, 3, 21)}])
    assert ev.governance_by_year(b, ev.GovernanceRule("comite-", 2), D(2024, 1, 1), D(2024, 6, 1))[2024]["held"] == 1
    assert ev.last_meeting(a, ev.GovernanceRule(), D(2026, 1, 4)) == D(2024, 12, 1)
