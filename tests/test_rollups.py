"""« Avancement par axe » shows every axis of the plan (« 0 documentée » ones included), its coverage beside
it and « Axe non renseigné » last; « Avancement par pilote » is in the app too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, rollups
from plans import rules
from tests import factories as fx
from tests.conftest import app_on

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


@pytest.fixture
def plan(migrated):
    fx.make_plan(migrated, "p", title_fr="Plan de test")
    for ref, label in (("A1", "Axe 1 : prévention"), ("A2", "Axe 2 : protection"), ("A3", "Axe 3 : poursuites")):
        fx.add_axis(migrated, "p", ref, label)
    fx.add_measure(migrated, "p", "M1", title_fr="Former", axis_ref="A2", lead_body="MIPROF")
    fx.add_measure(migrated, "p", "M2", title_fr="Protéger", axis_ref="A2", lead_body="DGCS")
    fx.add_measure(migrated, "p", "M3", title_fr="Sans axe", lead_body=None)
    fx.add_assessments(migrated, "p", [("M1", "2025-01-01", "done"), ("M2", "2025-01-01", "in_progress"),
                                       ("M3", "2025-01-01", "initiated")])
    return migrated


def test_every_axis_of_the_plan_and_the_unnamed_one_last(plan):
    df = rules.progress_by(plan, "p", dt.date(2025, 6, 1), by="axis")
    assert list(df["group"].fillna("∅")) == ["Axe 1 : prévention", "Axe 2 : protection", "Axe 3 : poursuites", "∅"]
    assert list(df["documented"]) == [0, 2, 0, 1]
    shown = rollups.shown(df, "axis", "fr")
    assert list(shown["group"])[-1] == "Axe non renseigné"
    assert list(shown["coverage_note"]) == ["0 documentée", "2 documentées", "0 documentée", "1 documentée"]
    assert rollups.shown(df, "axis", "en")["group"].iloc[-1] == "No axis"
    fig = charts.status_by_axis(shown, "fr")
    labels = " ".join(map(str, fig.data[0].y))
    assert "Axe 3 : poursuites" in labels and "0 documentée" in labels


def test_by_lead_body_has_no_empty_group_added(plan):
    df = rules.progress_by(plan, "p", dt.date(2025, 6, 1), by="lead_body")
    assert list(df["group"].fillna("∅")) == ["DGCS", "MIPROF", "∅"]


@pytest.fixture
def app_db(sqlite_seeded, tmp_path, monkeypatch):
    yield from app_on(str(sqlite_seeded.url), monkeypatch)


def test_overview_shows_progress_by_lead_body(app_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["as_of"] = dt.date(2026, 11, 30)
    at.run()
    assert not at.exception
    heads = [h.value for h in at.header]
    assert "Avancement par axe" in heads and "Avancement par pilote" in heads
