"""Each association's voice is its own chain (measure × civil society × association; no association = the
collective's): one association's update never hides another's from the « nothing new » check, and each chain
carries its own change dates (``plans.history``), in SQL as in the rules' pandas twin."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select

from plans import access, edits
from plans import schema as s
from plans.history import chain_heads, refresh_chain_dates
from plans.rules import compute as c
from plans.rules.queries import HISTORY_COLUMNS

PLAN = "pna-2024-2027"
MARIE = access.person("marie@asso-a.fr", "contributor", association="Asso A", name="Marie")
PAUL = access.person("paul@asso-b.fr", "contributor", association="Asso B", name="Paul")
CLAIRE = access.person("claire@collectif.fr", "coordinator", name="Claire")
D1, D2, D3 = dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 4, 1)


def _ref(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(select(s.measures.c.ref).where(s.measures.c.plan_id == PLAN)
                            .order_by(s.measures.c.id)).scalars().first()


def _rows(engine, ref):
    a, m = s.assessments, s.measures
    with engine.connect() as conn:
        return conn.execute(select(a.c.association, a.c.as_of, a.c.status, a.c.last_change, a.c.first_as_of)
                            .join(m, m.c.id == a.c.measure_id)
                            .where(m.c.plan_id == PLAN, m.c.ref == ref, a.c.origin == "import")
                            .order_by(a.c.as_of, a.c.id)).all()


def test_one_associations_view_never_hides_anothers(sqlite_seeded):
    ref = _ref(sqlite_seeded)
    said = {"status": "in_progress", "text": "Appel à projets lancé"}
    assert edits.add_assessment(sqlite_seeded, MARIE, PLAN, ref, as_of=D1, **said).counts["assessments"] == 1
    # the same words from another association are that association's first view: recorded
    assert edits.add_assessment(sqlite_seeded, PAUL, PLAN, ref, as_of=D2, **said).counts["assessments"] == 1
    # and from the collective (a coordinator, no association): its own chain too
    assert edits.add_assessment(sqlite_seeded, CLAIRE, PLAN, ref, as_of=D2, **said).counts["assessments"] == 1
    # the same words again from Asso A: nothing new in its own chain
    assert edits.add_assessment(sqlite_seeded, MARIE, PLAN, ref, as_of=D3, **said).counts["assessments"] == 0
    rows = _rows(sqlite_seeded, ref)
    assert [(r.association, r.as_of, r.last_change) for r in rows] == [
        ("Asso A", D1, D1), ("Asso B", D2, D2), (None, D2, D2)]  # the collective's chain began with the catalogue
    assert [r.first_as_of for r in rows[:2]] == [D1, D2]


def test_each_chain_has_its_own_change_dates_and_heads(sqlite_seeded):
    ref = _ref(sqlite_seeded)
    edits.add_assessment(sqlite_seeded, MARIE, PLAN, ref, status="in_progress", as_of=D1, text="Lancé")
    edits.add_assessment(sqlite_seeded, PAUL, PLAN, ref, status="not_started", as_of=D2, text="Rien vu")
    # Asso A again, same status and words, a new source: recorded, but no change in its chain (B's different view
    # in between is another chain, not a change of A's)
    edits.add_assessment(sqlite_seeded, MARIE, PLAN, ref, status="in_progress", as_of=D3, text="Lancé",
                         source_url="https://example.org/suite")
    with sqlite_seeded.begin() as conn:
        mid = conn.execute(select(s.measures.c.id).where(s.measures.c.plan_id == PLAN,
                                                         s.measures.c.ref == ref)).scalar()
        assert refresh_chain_dates(conn, [mid]) == 0  # the dates written on insert are those of the rule
        heads_a, _ = chain_heads(conn, PLAN, D3, ["civil_society"], association="Asso A")
        heads_b, _ = chain_heads(conn, PLAN, D3, ["civil_society"], association="Asso B")
        heads_c, _ = chain_heads(conn, PLAN, D3, ["civil_society"], association=None)
    assert heads_a[(mid, "civil_society")].status == "in_progress"
    assert heads_a[(mid, "civil_society")].first_as_of == D1
    assert heads_b[(mid, "civil_society")].status == "not_started"
    assert heads_c[(mid, "civil_society")].as_of < D1  # the collective's: the catalogue's row, before them
    rows = _rows(sqlite_seeded, ref)
    assert [(r.association, r.last_change, r.first_as_of) for r in rows] == [
        ("Asso A", D1, D1), ("Asso B", D2, D2), ("Asso A", D1, D1)]


def test_the_rules_twin_keeps_one_chain_per_association():
    """``compute.state_from_history``: the change dates of each association's chain, the latest row per voice."""
    rows = [  # id, as_of, status, association, comment
        (1, D1, "in_progress", "Asso A", "Lancé"),
        (2, D2, "not_started", "Asso B", "Rien vu"),
        (3, D3, "in_progress", "Asso A", None)]
    h = pd.DataFrame([{"id": i, "measure_id": 1, "as_of": d, "status": st, "status_as_reported": None,
                       "voice": "civil_society", "summary": None, "comment": com, "source_url": "", "confidence": "",
                       "as_of_precision": None, "association": assoc} for i, d, st, assoc, com in rows],
                     columns=HISTORY_COLUMNS)
    state = c.state_from_history(h, D3).set_index(["measure_id", "voice"])
    row = state.loc[(1, "civil_society")]
    assert (row["id"], row["last_change"], row["first_as_of"]) == (3, D1, D1)  # A's chain: unchanged since D1
