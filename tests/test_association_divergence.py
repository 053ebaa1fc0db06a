"""Divergences between associations are flagged like those between government and civil society: two
associations' latest views of a measure at D with different statuses put the measure among the plan's
divergences (``plans.rules.divergences``, the summary's ``divergences`` the Mesures « À surveiller » column, the
overview and the brief read), each association named with its status and date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from plans import access, edits, rules
from plans import schema as s
from plans.rules import compute as c

PLAN = "pna-2024-2027"
MARIE = access.person("marie@asso-a.fr", "contributor", association="Asso A", name="Marie")
PAUL = access.person("paul@asso-b.fr", "contributor", association="Asso B", name="Paul")
D1, D2, D3 = dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 4, 1)


def _ref(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(select(s.measures.c.ref).where(s.measures.c.plan_id == PLAN)
                            .order_by(s.measures.c.id)).scalars().first()


def test_the_pure_rule():
    assert c.association_divergence({"Asso A": "in_progress", "Asso B": "not_started"})
    assert not c.association_divergence({"Asso A": "in_progress", "Asso B": "in_progress"})
    assert not c.association_divergence({"Asso A": "in_progress"})
    assert not c.association_divergence({})


def test_two_associations_disagreeing_are_a_divergence(sqlite_seeded):
    ref = _ref(sqlite_seeded)
    before = {d["ref"] for d in rules.divergences(sqlite_seeded, PLAN, D3)}
    assert ref not in before
    edits.add_assessment(sqlite_seeded, MARIE, PLAN, ref, status="in_progress", as_of=D1, text="Lancé")
    edits.add_assessment(sqlite_seeded, PAUL, PLAN, ref, status="not_started", as_of=D2, text="Rien vu")
    assert ref not in {d["ref"] for d in rules.divergences(sqlite_seeded, PLAN, D1)}  # one view only at D1
    div = {d["ref"]: d for d in rules.divergences(sqlite_seeded, PLAN, D2)}[ref]
    assert div["associations"] == {"Asso A": "in_progress", "Asso B": "not_started"}
    assert div["association_dates"] == {"Asso A": D1.isoformat(), "Asso B": D2.isoformat()}
    # the same flag the Mesures page, the overview and the brief read
    assert ref in {d["ref"] for d in rules.summary(sqlite_seeded, PLAN, D2)["divergences"]}
    assert ref in {r["ref"] for r in rules.explain(sqlite_seeded, PLAN, "divergences", D2)}
    # Asso B comes round to Asso A's view: no divergence any more at D3, still one at D2
    edits.add_assessment(sqlite_seeded, PAUL, PLAN, ref, status="in_progress", as_of=D3, text="Lancé, enfin")
    assert ref not in {d["ref"] for d in rules.divergences(sqlite_seeded, PLAN, D3)}
    assert ref in {d["ref"] for d in rules.divergences(sqlite_seeded, PLAN, D2)}


def test_agreeing_associations_are_no_divergence(sqlite_seeded):
    ref = _ref(sqlite_seeded)
    edits.add_assessment(sqlite_seeded, MARIE, PLAN, ref, status="in_progress", as_of=D1, text="Lancé")
    edits.add_assessment(sqlite_seeded, PAUL, PLAN, ref, status="in_progress", as_of=D2, text="Confirmé")
    assert ref not in {d["ref"] for d in rules.divergences(sqlite_seeded, PLAN, D3)}
