"""The rules against a real database: the seeded catalogue (SQLite and PostgreSQL) and small
plans built with tests/factories.py."""

from __future__ import annotations

import datetime as dt

import pytest

from plans import rules
from plans.db import make_engine, upgrade
from plans.rules import compute as c
from plans.rules import queries as q
from plans.wording import days_overdue, stalled_reason
from tests import factories as f

D = dt.date
PNA = "pna-2024-2027"


@pytest.fixture
def db(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'rules.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


# ------------------------------------------------------------------ seeded catalogue, both DBs

def test_seeded_model_cases(seeded):
    s = rules.summary(seeded, PNA, D(2026, 12, 1))
    slipped = {e["event_key"]: e for e in s["slipped"]}
    com = slipped["comite-2024-1"]
    assert (com["postponements"], com["days_slipped"], com["state"], com["held_on"]) == (2, 50, "held", "2024-03-21")
    assert com["announced"][:2] == ["fin janvier 2024", "fin février 2024"]
    assert com["announced_ranges"][0] == ["2024-01-21", "2024-01-31"]
    nh = {e["event_key"]: e for e in s["not_held"]}
    assert set(nh) >= {"mniop-2024-11", "comite-2024-07", "comite-2026-02"}
    assert nh["mniop-2024-11"]["ref"] == "F06"
    assert nh["mniop-2024-11"]["days_late"] == (D(2026, 12, 1) - D(2024, 11, 20)).days
    assert nh["comite-2026-02"]["days_late"] == 294
    assert {y: g["held"] for y, g in s["governance"].items() if y >= "2024"} == {"2024": 2, "2025": 1, "2026": 0}
    assert s["governance"]["2024"]["met"] and not s["governance"]["2025"]["met"]
    assert s["last_meeting_held"] == "2025-06-27"
    assert s["measures_declared"] == 60 and s["measures_documented"] == 12
    assert s["coverage"] == pytest.approx(12 / 60)
    assert sum(s["by_status"].values()) == 12 and set(s["by_status"]) == set(c.STATUS_CODES)


def test_seeded_state_sql_matches_python(seeded):
    with seeded.connect() as conn:
        hist = q.load_history(conn, PNA)
        for as_of in (D(2024, 6, 11), D(2024, 12, 31), D(2026, 12, 1)):
            sql = q.load_state(conn, PNA, as_of).sort_values(["measure_id", "voice"]).reset_index(drop=True)
            py = c.state_from_history(hist, as_of).sort_values(["measure_id", "voice"]).reset_index(drop=True)
            assert list(sql["id"]) == list(py["id"])
            assert list(sql["last_change"]) == list(py["last_change"])


def test_seeded_mniop_before_and_after(sqlite_seeded):
    before = {e["event_key"]: e for e in rules.slippage(sqlite_seeded, PNA, D(2024, 11, 20))}
    assert before["mniop-2024-11"]["state"] == "pending"
    nh = {e["event_key"]: e for e in rules.not_held(sqlite_seeded, PNA, D(2024, 12, 1))}
    assert nh["mniop-2024-11"]["days_late"] == 11
    # comite-2026-02 is pending until its announced date (early February → 10 Feb) has passed
    nh = {e["event_key"] for e in rules.not_held(sqlite_seeded, PNA, D(2026, 2, 10))}
    assert "comite-2026-02" not in nh
    assert "comite-2026-02" in {e["event_key"] for e in rules.not_held(sqlite_seeded, PNA, D(2026, 2, 11))}


def test_seeded_overdue_and_stalled(sqlite_seeded):
    assert rules.overdue(sqlite_seeded, PNA, D(2025, 12, 31)) == []  # « d'ici 2025 »: equal to D is not late
    late = rules.overdue(sqlite_seeded, PNA, D(2026, 1, 1))
    assert [(o["ref"], o["days_overdue"]) for o in late] == [("F01", 1)]
    refs = lambda as_of: {x["ref"]: x for x in rules.stalled(sqlite_seeded, PNA, as_of)}  # noqa: E731
    assert "F06" not in refs(D(2026, 6, 28))      # 179 days after its single assessment
    f06 = refs(D(2026, 6, 29))["F06"]             # 180 days
    assert f06["since"] == "2025-12-31" and (f06["unchanged_days"], f06["times_postponed"]) == (180, None)
    assert stalled_reason(f06["unchanged_days"], f06["times_postponed"]) == \
        "Ni le statut ni l'information n'ont changé depuis 180 jours"
    assert "180 days" in stalled_reason(f06["unchanged_days"], f06["times_postponed"], "en")
    why = rules.explain(sqlite_seeded, PNA, "stalled", D(2026, 12, 1), ref="F06")
    assert why[0]["row"] == "stalled" and [r["as_of"] for r in why if r["row"] == "assessment"] == ["2025-12-31"]


def test_seeded_generations(sqlite_seeded):
    g = rules.generations(sqlite_seeded, PNA, D(2026, 12, 1))
    carried = {x["ref"]: x for x in g["carried_over"]}
    assert carried["F03"]["from_ref"] == "PNA2-M02" and carried["F03"]["from_rating"] == "not_started"
    assert carried["F03"]["age_years"] == pytest.approx((D(2026, 12, 1) - D(2019, 10, 18)).days / 365.25, abs=0.05)
    gens = {x["plan"]: x for x in g["generations"]}
    ev = gens["pna-2019-2021"]["evaluation"]
    assert (ev["done"], ev["partial"], ev["not_done"], ev["total"]) == (3, 28, 14, 45)
    assert gens["pna-2019-2021"]["progress"] == pytest.approx((3 + 0.5 * 28) / 45)
    assert [x["plan"] for x in g["generations"]] == ["pna-2014-2016", "pna-2019-2021", PNA]


def test_seeded_explain_progress_adds_up(sqlite_seeded):
    s = rules.summary(sqlite_seeded, PNA, D(2026, 12, 1))
    rows = rules.explain(sqlite_seeded, PNA, "progress", D(2026, 12, 1))
    assert len(rows) == s["measures_documented"]
    assert sum(r["weight"] for r in rows) / len(rows) == pytest.approx(s["progress"])
    with pytest.raises(ValueError, match="Indicateur inconnu"):
        rules.explain(sqlite_seeded, PNA, "nope")
    with pytest.raises(rules.PlanNotFound, match="Plan inconnu"):
        rules.summary(sqlite_seeded, "nope")


def test_seeded_table_and_detail(sqlite_seeded):
    t = rules.measures_table(sqlite_seeded, PNA, D(2026, 12, 1)).set_index("ref")
    assert not t.loc["F03a", "counted"] and t.loc["F01", "counted"]
    assert t.loc["F06", "has_overlaps"] and not t.loc["G01", "has_overlaps"]
    assert t.loc["G01", "status"] == "unknown" and bool(t.loc["F01", "overdue"])
    det = rules.measure_detail(sqlite_seeded, PNA, "F03", D(2026, 12, 1))
    assert det["carried_over"][0]["ref"] == "PNA2-M02"
    assert det["carried_over"][0]["rating"]["status_as_reported"] == "Non réalisée"
    assert len(det["history"]) == 1 and det["history"][0]["source_url"]
    det6 = rules.measure_detail(sqlite_seeded, PNA, "F06", D(2026, 12, 1))
    assert [e["event_key"] for e in det6["slippage"]["events"]] == ["mniop-2024-11"]
    with pytest.raises(KeyError):
        rules.measure_detail(sqlite_seeded, PNA, "ZZZ")


# ------------------------------------------------------------------ factory-built plans

def test_sql_state_matches_python_both_dbs(migrated):
    f.make_plan(migrated, "p")
    for ref in ("A", "B", "C"):
        f.add_measure(migrated, "p", ref)
    f.add_assessments(migrated, "p", [
        ("A", "2024-01-01", "not_started"), ("A", "2024-02-01", "in_progress"),
        ("A", "2024-02-01", "partial"),                      # two snapshots the same day
        ("A", "2024-05-01", "initiated"),                    # status going backwards
        ("B", "2024-03-01", "done", "government"), ("B", "2024-03-01", "partial", "civil_society"),
        ("C", "2024-01-01", "in_progress", "civil_society", "x"), ("C", "2024-09-01", "in_progress",
                                                                   "civil_society", "y"),
    ])
    with migrated.connect() as conn:
        hist = q.load_history(conn, "p")
        for as_of in (D(2023, 12, 31), D(2024, 2, 1), D(2024, 6, 1), D(2025, 1, 1)):
            sql = q.load_state(conn, "p", as_of).sort_values(["measure_id", "voice"]).reset_index(drop=True)
            py = c.state_from_history(hist, as_of).sort_values(["measure_id", "voice"]).reset_index(drop=True)
            assert list(sql["id"]) == list(py["id"]) and list(sql["last_change"]) == list(py["last_change"])
    s = rules.summary(migrated, "p", D(2024, 2, 1))
    assert s["by_status"]["partial"] == 1  # same day: recorded last wins
    s = rules.summary(migrated, "p", D(2025, 1, 1))
    assert s["by_status"]["initiated"] == 1 and [d["ref"] for d in s["divergences"]] == ["B"]
    assert s["divergences"][0]["government"] == "done" and s["divergences"][0]["independent"] is None


def test_before_first_snapshot_and_no_snapshot(db):
    f.make_plan(db, "p", measures_declared=4)
    f.add_measure(db, "p", "A")
    f.add_measure(db, "p", "B")
    f.add_measure(db, "p", "R", kind="related_action")
    f.add_measure(db, "p", "T", title_fr=None)   # known by number only: not documented
    s = rules.summary(db, "p", D(2024, 6, 1))   # no assessment at all
    assert s["measures_documented"] == 2 and s["by_status"]["unknown"] == 2
    assert (s["progress"], s["freshness"], s["projection"]) == (0.0, 0.0, None)
    assert s["coverage"] == 0.5 and rules.progress_history(db, "p").empty
    f.add_assessment(db, "p", "A", "2024-07-01", "done")
    assert rules.summary(db, "p", D(2024, 6, 30))["by_status"]["unknown"] == 2
    s = rules.summary(db, "p", D(2024, 7, 1))
    assert s["progress"] == 0.5 and s["freshness"] == 0.5
    assert s["projection"] == (D(2024, 1, 1) + dt.timedelta(days=round(182 / 0.5))).isoformat()


def test_freshness_window_and_thresholds(db):
    f.make_plan(db, "p", thresholds={"freshness_days": 30, "stalled_days": 60, "partial_weight": 0.25})
    f.add_measure(db, "p", "A")
    f.add_measure(db, "p", "B")
    f.add_assessment(db, "p", "A", "2024-03-01", "partial")
    f.add_assessment(db, "p", "B", "2024-03-31", "partial")
    s = rules.summary(db, "p", D(2024, 4, 30))
    assert s["freshness"] == 0.5            # B is exactly 30 days old: fresh; A (60 days) is not
    assert s["progress"] == 0.25
    assert [x["ref"] for x in s["stalled"]] == ["A"]   # 60 days ≥ stalled_days=60
    assert s["thresholds"]["stalled_days"] == 60


def test_deadline_revisions_slippage_and_stalled(db):
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A", deadline_text="2026")          # current text in the measures table
    f.add_assessment(db, "p", "A", "2024-01-10", "in_progress", summary="v1")
    f.add_assessment(db, "p", "A", "2025-05-01", "in_progress", summary="v2")
    f.add_revision(db, "p", "A", "2024-06-01", "deadline_text", "fin 2024", "juin 2025")
    f.add_revision(db, "p", "A", "2025-03-01", "deadline_text", "juin 2025", "2026")
    # before the first revision the measure's deadline was « fin 2024 »
    t = rules.measures_table(db, "p", D(2024, 5, 1)).set_index("ref")
    assert t.loc["A", "deadline_text"] == "fin 2024" and not t.loc["A", "overdue"]
    led = {e["event_key"]: e for e in rules.slippage(db, "p", D(2025, 6, 1))}
    a = led["deadline:A"]
    assert a["announced"] == ["fin 2024", "juin 2025", "2026"]
    assert (a["postponements"], a["days_slipped"], a["state"]) == (2, (D(2026, 12, 31) - D(2024, 12, 31)).days,
                                                                    "pending")
    st = {x["ref"]: x for x in rules.stalled(db, "p", D(2025, 6, 1))}
    assert st["A"]["since"] == "2025-03-01" and st["A"]["times_postponed"] == 2
    assert "reportée 2 fois" in stalled_reason(st["A"]["unchanged_days"], st["A"]["times_postponed"]).lower()
    assert rules.overdue(db, "p", D(2025, 6, 1)) == []
    ch = rules.changes(db, "p", D(2025, 1, 1), D(2025, 6, 1))
    assert [(x["what"], x["before"], x["after"]) for x in ch] == [
        ("postponement", "juin 2025", "2026"), ("information", "v1", "v2")]


def test_announcement_linked_to_measure_counts_for_stalled(db):
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A")
    f.add_assessment(db, "p", "A", "2024-05-01", "initiated")
    f.add_announcement(db, "p", "reunion-a", 1, "announced", expected_text="mars 2024", measure_ref="A")
    f.add_announcement(db, "p", "reunion-a", 2, "postponed", expected_text="avril 2024", measure_ref="A")
    f.add_announcement(db, "p", "reunion-a", 3, "postponed", expected_text="juin 2024", measure_ref="A",
                       announced_on="2024-05-15")
    assert rules.stalled(db, "p", D(2024, 5, 14)) == []
    st = rules.stalled(db, "p", D(2024, 5, 15))
    assert st[0]["ref"] == "A" and st[0]["since"] == "2024-05-15"
    f.add_assessment(db, "p", "A", "2024-06-01", "done")
    assert rules.stalled(db, "p", D(2024, 6, 1)) == []
    assert rules.stalled(db, "p", D(2024, 5, 31))[0]["ref"] == "A"   # the later snapshot changes nothing before


def test_changes_status_overdue_added_vanished(db):
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A", deadline_text="mars 2025")
    f.add_measure(db, "p", "B", first_seen="2025-02-01")
    f.add_assessment(db, "p", "A", "2024-12-01", "in_progress")
    f.add_assessment(db, "p", "A", "2025-02-10", "not_started")
    f.add_revision(db, "p", "B", "2025-04-02", "vanished", "B", None)
    ch = rules.changes(db, "p", D(2025, 1, 1), D(2025, 4, 30))
    got = [(x["ref"], x["what"], x["before"], x["after"], x["date"]) for x in ch]
    assert got == [
        ("B", "added", None, "Mesure B", "2025-02-01"),
        ("A", "status", "in_progress", "not_started", "2025-02-10"),
        ("A", "overdue", "mars 2025", 30, "2025-04-01"),
        ("B", "vanished", "B", None, "2025-04-02"),
    ]
    assert days_overdue(got[2][3]) == "30 jour(s) de retard" and days_overdue(got[2][3], "en") == "30 day(s) overdue"
    assert rules.changes(db, "p", D(2025, 4, 30), D(2025, 4, 30)) == []
    with pytest.raises(ValueError):
        rules.changes(db, "p", D(2025, 5, 1), D(2025, 4, 1))


def test_progress_by_and_history(db):
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A", axis_ref="AX1", lead_body="MIPROF")
    f.add_measure(db, "p", "B", axis_ref="AX1")
    f.add_measure(db, "p", "C")
    f.add_assessments(db, "p", [("A", "2024-01-01", "done"), ("B", "2024-01-01", "partial"),
                                ("B", "2024-06-01", "done"), ("C", "2024-06-01", "not_started")])
    by = rules.progress_by(db, "p", D(2024, 12, 1)).set_index("group")
    assert by.loc["Axe AX1", "done"] == 2 and by.loc["Axe AX1", "progress"] == 1.0
    assert by.loc[by.index.isna(), "documented"].tolist() == [1]  # no axis: the unnamed group
    lb = rules.progress_by(db, "p", D(2024, 12, 1), by="lead_body").set_index("group")
    assert set(lb.index.dropna()) == {"MIPROF"} and lb.index.isna().sum() == 1
    h = rules.progress_history(db, "p")
    assert [d.isoformat() for d in h["date"]] == ["2024-01-01", "2024-06-01"]
    assert list(h["progress"]) == [pytest.approx(1.5 / 3), pytest.approx(2 / 3)]
    assert list(h["unknown"]) == [1, 0]


def test_plan_without_any_measure(db):
    """Regression (xfail in tests/test_app.py): a plan with no measure at all must not crash."""
    f.make_plan(db, "vide", measures_declared=None)
    s = rules.summary(db, "vide", D(2025, 1, 1))
    assert s["measures_documented"] == 0 and s["progress"] is None and s["coverage"] is None
    assert sum(s["by_status"].values()) == 0 and s["stalled"] == [] and s["overdue"] == []
    assert rules.measures_table(db, "vide").empty and rules.progress_by(db, "vide").empty
    assert rules.progress_history(db, "vide").empty and rules.changes(db, "vide", D(2024, 1, 1)) == []
    assert rules.explain(db, "vide", "progress") == [] and rules.generations(db, "vide")["carried_over"] == []
