"""A coordinator re-importing the same statuses without comments brings no « change »."""

from __future__ import annotations

import datetime as dt

import pytest

from plans import rules
from plans.access import CLI
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


def test_confirmation_without_text_keeps_a_stalled_measure_stalled(db):
    """Stalled = neither status nor information changed for 180 days: a later row repeating the
    status with a blank comment (or the same text) is no news and must not reset the clock."""
    f.make_plan(db, "p")
    f.add_measure(db, "p", "A")
    f.add_assessment(db, "p", "A", "2024-06-11", "in_progress", summary="Formation à Paris")
    f.add_assessment(db, "p", "A", "2025-03-01", "in_progress", origin="import")
    f.add_assessment(db, "p", "A", "2025-04-01", "in_progress", comment="Formation à Paris", origin="import")
    got = rules.stalled(db, "p", dt.date(2025, 5, 1))
    assert [x["ref"] for x in got] == ["A"]
    # new information does reset the clock
    f.add_assessment(db, "p", "A", "2025-04-15", "in_progress", comment="Marseille reportée", origin="import")
    assert rules.stalled(db, "p", dt.date(2025, 5, 1)) == []


def test_reimporting_the_unchanged_template_keeps_every_figure(tmp_path):
    """End to end on the real catalogue: write the follow-up template, import it untouched a
    year later; stalled, overdue and status counts are those of the day before."""
    from loaders import import_file
    from loaders.template import write_template
    from plans.seed import seed

    eng = make_engine(f"sqlite:///{tmp_path / 'tpl.db'}")
    upgrade(eng)
    seed(eng)
    plan = "pna-2024-2027"
    day = dt.date(2026, 11, 30)
    before = rules.summary(eng, plan, day)
    assert before["stalled"]  # the catalogue has measures without news for months
    path = write_template(eng, plan, tmp_path / "suivi.xlsx", today=day)
    report = import_file(path, plan, eng, as_of=day, actor=CLI)
    assert report.ok, report
    after = rules.summary(eng, plan, day)
    for key in ("stalled", "overdue"):
        assert [x["ref"] for x in after[key]] == [x["ref"] for x in before[key]], key
    assert after["by_status"] == before["by_status"]
    eng.dispose()


def test_reimporting_the_unchanged_template_adds_nothing_and_freshness_stays(tmp_path):
    """The prefilled template imported back untouched records no assessment (the run is kept, its counts say
    how many rows were unchanged): freshness and coverage are those of the day before, and each measure keeps
    its catalogue source and confidence."""
    from sqlalchemy import func, select

    from loaders import import_file
    from loaders.template import write_template
    from plans import schema as s
    from plans.seed import seed

    eng = make_engine(f"sqlite:///{tmp_path / 'tpl.db'}")
    upgrade(eng)
    seed(eng)
    plan = "pna-2024-2027"
    day = dt.date(2026, 11, 30)
    m = s.measures.c

    def state():
        with eng.connect() as conn:
            n = conn.execute(select(func.count()).select_from(s.assessments)).scalar()
            sources = conn.execute(select(m.ref, m.source_url, m.confidence).where(m.plan_id == plan)
                                   .order_by(m.ref)).all()
        return n, [tuple(r) for r in sources]

    before, stored = rules.summary(eng, plan, day), state()
    assert before["freshness"] is not None and before["freshness"] < 1
    path = write_template(eng, plan, tmp_path / "suivi.xlsx", today=day)
    report = import_file(path, plan, eng, as_of=day, actor=CLI)
    assert report.outcome == "imported", report.summary()
    assert report.counts["assessments"] == 0 and report.counts["unchanged"] == len(stored[1]) > 0
    assert report.preview["status_changes"] == [] and report.preview["new"] == []
    after = rules.summary(eng, plan, day)
    assert (after["freshness"], after["coverage"]) == (before["freshness"], before["coverage"])
    assert state() == stored
    eng.dispose()
