"""The overlap views load the store once per call."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event

from plans import overlaps as ov
from plans.overlaps import views

PLAN = "pna-2024-2027"


def test_overview_loads_the_store_once(sqlite_seeded, monkeypatch):
    loads = []
    real = views.load
    monkeypatch.setattr(views, "load", lambda conn: loads.append(1) or real(conn))
    selects = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(sqlite_seeded, "before_cursor_execute", count)
    try:
        out = ov.overview(sqlite_seeded, PLAN, as_of=dt.date(2026, 12, 1))
    finally:
        event.remove(sqlite_seeded, "before_cursor_execute", count)
    assert out["recycled"] and out["related_plans"] and out["links"]
    assert len(loads) == 1
    assert len(selects) == 5  # plans, measures, axes, links, then the ratings of the recycled measures
