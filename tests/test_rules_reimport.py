"""A coordinator re-importing the same statuses without comments brings no « change »."""

from __future__ import annotations

import datetime as dt

import pytest

from plans import rules
from plans.db import make_engine, upgrade
from tests import factories as f


@pytest.fixture
def db(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'reimport.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


def test_confirmation_without_text_is_not_a_change(db):
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A")
    f.add_measure(db, "p", "B")  # catalogue measure, never assessed
    f.add_assessment(db, "p", "A", "2024-06-11", "in_progress", summary="Formation à Paris le 11 juin 2024")
    # the same statuses confirmed by a later file, comment cells left blank
    f.add_assessment(db, "p", "A", "2025-03-01", "in_progress", origin="import")
    f.add_assessment(db, "p", "B", "2025-03-01", "unknown", origin="import")
    assert rules.changes(db, "p", dt.date(2025, 1, 1), dt.date(2025, 3, 31)) == []


def test_new_text_or_new_status_is_a_change(db):
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A")
    f.add_measure(db, "p", "B")
    f.add_assessment(db, "p", "A", "2024-06-11", "in_progress", summary="Formation à Paris")
    f.add_assessment(db, "p", "A", "2025-03-01", "in_progress", comment="Marseille reportée", origin="import")
    f.add_assessment(db, "p", "B", "2025-03-02", "initiated", origin="import")
    got = [(x["ref"], x["what"], x["before"], x["after"])
           for x in rules.changes(db, "p", dt.date(2025, 1, 1), dt.date(2025, 3, 31))]
    assert got == [("A", "information", "Formation à Paris", "Marseille reportée"),
                   ("B", "status", None, "initiated")]
