"""Carried-over measures in the rules (``generations``, ``measure_detail``) through plans.lineage, and the
roll-ups as the dashboard shows them (dashboard.rollups)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import rollups
from plans import rules
from plans.db import make_engine, upgrade
from tests import factories as f

D = dt.date


@pytest.fixture
def db(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'gen.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


def test_earlier_promises_follow_lineage(db):
    f.make_plan(db, "old", period_start="2014-01-01", period_end="2016-12-31")
    f.make_plan(db, "mid", period_start="2019-01-01", period_end="2021-12-31")
    f.make_plan(db, "new")
    f.make_plan(db, "other", period_start=None, period_end=None, tracked=False)
    for plan in ("old", "mid", "other"):
        f.add_measure(db, plan, "X1", title_fr=f"X1 de {plan}")
    f.add_measure(db, "old", "Y1", title_fr="Y1 ancien")
    f.add_measure(db, "old", "Z1", title_fr="Z1 ancien")
    f.add_measure(db, "new", "A", title_fr="A", carried_over_from="X1")  # the most recent tracked plan holding X1
    f.add_measure(db, "new", "B", title_fr="B")
    f.add_link(db, "new", "B", "old", "Y1", state="suggested")  # every link not rejected counts
    f.add_link(db, "new", "B", "old", "Z1", state="rejected")
    f.add_assessment(db, "mid", "X1", "2022-06-01", "not_started")
    g = rules.generations(db, "new", D(2025, 1, 1))
    assert [(x["ref"], x["from_plan"], x["from_ref"], x["from_rating"]) for x in g["carried_over"]] == [
        ("A", "mid", "X1", "not_started"), ("B", "old", "Y1", None)]
    assert g["carried_over"][0]["age_years"] == 6.0 and g["carried_over"][0]["title"] == "A"
    det = rules.measure_detail(db, "new", "A", D(2025, 1, 1))
    assert [(o["plan"], o["ref"], o["rating"]["status"]) for o in det["carried_over"]] == [("mid", "X1", "not_started")]
    assert rules.measure_detail(db, "new", "B", D(2025, 1, 1))["carried_over"][0]["title"] == "Y1 ancien"


def test_rollup_names_the_unnamed_group_last():
    rollup = pd.DataFrame([{"group": "Axe 1", "unknown": 0, "documented": 2, "progress": 0.5},
                           {"group": "Zèbre", "unknown": 0, "documented": 1, "progress": 1.0},
                           {"group": None, "unknown": 1, "documented": 3, "progress": 0.0}])
    fr = rollups.shown(rollup, "axis")
    assert fr["group"].tolist() == ["Axe 1", "Zèbre", "Axe non renseigné"]  # the unnamed group last, as everywhere
    assert fr["coverage_note"].tolist() == ["2 documentées", "1 documentée", "3 documentées, dont 1 sans évaluation"]
    en = rollups.shown(rollup, "lead_body", "en")
    assert en["group"].tolist() == ["Axe 1", "Zèbre", "No lead body"]
    assert rollups.shown(rollup.iloc[:0], "axis").columns[-1] == "coverage_note"
