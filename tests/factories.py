"""Small builders for test fixtures (shared by the rules, dashboard and brief tests).

Stable API — other test files import these. Every function takes an engine on which the
schema exists (``migrated`` fixture) and writes through SQLAlchemy Core; dates may be
``datetime.date`` or ISO strings. Measures are addressed by ``(plan_id, ref)``.

    make_plan(engine, "p", measures_declared=10)
    add_measure(engine, "p", "M1", deadline_text="fin 2024")
    add_assessment(engine, "p", "M1", "2024-06-01", "in_progress")
    add_announcement(engine, "p", "comite-1", 1, "announced", expected_text="fin janvier 2024")
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, func, select

from plans import config
from plans import schema as s
from plans.dates import parse_vague
from plans.history import refresh_chain_dates

DEFAULT_THRESHOLDS = config.plan_defaults("thresholds")  # the declared defaults (plans/config.py)
DEFAULT_GOVERNANCE = config.plan_defaults("governance")


def d(value) -> dt.date | None:
    """ISO string / date / None → date."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def make_plan(engine: Engine, plan_id: str = "test-plan", *, title_fr: str | None = None,
              period_start="2024-01-01", period_end="2027-12-31", measures_declared: int | None = 10,
              thresholds: dict | None = None, governance: dict | None = None,
              settings: dict | None = None, kind: str = "plan", tracked: bool = True) -> str:
    """Insert a plan with the default thresholds and governance rule; returns its id."""
    st = {"thresholds": {**DEFAULT_THRESHOLDS, **(thresholds or {})},
          "governance": {**DEFAULT_GOVERNANCE, **(governance or {})}}
    st.update(settings or {})
    with engine.begin() as c:
        c.execute(s.plans.insert().values(
            id=plan_id, kind=kind, title_fr=title_fr or f"Plan de test {plan_id}",
            period_start=d(period_start), period_end=d(period_end), measures_declared=measures_declared,
            tracked=tracked, settings=st, source_url="https://example.org/plan", confidence="confirmed"))
    return plan_id


def add_axis(engine: Engine, plan_id: str, ref: str, label_fr: str | None = None) -> int:
    with engine.begin() as c:
        res = c.execute(s.axes.insert().values(plan_id=plan_id, ref=ref, label_fr=label_fr or f"Axe {ref}",
                                               source_url="", confidence="confirmed"))
        return res.inserted_primary_key[0]


def _plan_period(c, plan_id):
    row = c.execute(select(s.plans.c.period_start, s.plans.c.period_end).where(s.plans.c.id == plan_id)).first()
    return (row[0], row[1]) if row else (None, None)


def add_measure(engine: Engine, plan_id: str, ref: str, *, title_fr: str | None = "", kind: str = "measure",
                deadline_text: str | None = None, deadline_start=None, deadline_end=None,
                lead_body: str | None = None, axis_ref: str | None = None,
                carried_over_from: str | None = None, first_seen=None, title_en: str | None = None,
                origin: str = "catalogue") -> int:
    """Insert a measure; ``title_fr=""`` gives « Mesure <ref> », ``None`` an unknown title.

    Without explicit ``deadline_start``/``deadline_end`` the range is parsed from ``deadline_text``.
    """
    with engine.begin() as c:
        if deadline_text and deadline_start is None and deadline_end is None:
            start, end = _plan_period(c, plan_id)
            rng = parse_vague(deadline_text, plan_start=start, plan_end=end)
            if rng:
                deadline_start, deadline_end = rng.start, rng.end
        axis_id = None
        if axis_ref:
            axis_id = c.execute(select(s.axes.c.id).where(s.axes.c.plan_id == plan_id,
                                                         s.axes.c.ref == axis_ref)).scalar()
            if axis_id is None:
                axis_id = c.execute(s.axes.insert().values(plan_id=plan_id, ref=axis_ref, label_fr=f"Axe {axis_ref}",
                                                           source_url="", confidence="")).inserted_primary_key[0]
        res = c.execute(s.measures.insert().values(
            plan_id=plan_id, ref=ref, kind=kind, title_fr=(f"Mesure {ref}" if title_fr == "" else title_fr),
            title_en=title_en, axis_id=axis_id, lead_body=lead_body, deadline_text=deadline_text,
            deadline_start=d(deadline_start), deadline_end=d(deadline_end), carried_over_from=carried_over_from,
            first_seen=d(first_seen), origin=origin, source_url="https://example.org/m", confidence="confirmed"))
        return res.inserted_primary_key[0]


def measure_id(engine: Engine, plan_id: str, ref: str) -> int:
    with engine.connect() as c:
        mid = c.execute(select(s.measures.c.id).where(s.measures.c.plan_id == plan_id,
                                                      s.measures.c.ref == ref)).scalar()
    if mid is None:
        raise LookupError(f"no measure {plan_id}/{ref}")
    return mid


def add_assessment(engine: Engine, plan_id: str, ref: str, as_of, status: str, *, voice: str = "civil_society",
                   summary: str | None = None, comment: str | None = None, source_url: str = "https://example.org/a",
                   confidence: str = "confirmed", origin: str = "manual") -> int:
    mid = measure_id(engine, plan_id, ref)
    with engine.begin() as c:
        res = c.execute(s.assessments.insert().values(
            measure_id=mid, as_of=d(as_of), status=status, voice=voice, summary=summary, comment=comment,
            origin=origin, source_url=source_url, confidence=confidence))
        refresh_chain_dates(c, [mid])  # as every writer does (plans.history)
        return res.inserted_primary_key[0]


def add_assessments(engine: Engine, plan_id: str, rows: list[tuple]) -> None:
    """Many at once: rows of (ref, as_of, status[, voice[, summary]])."""
    for row in rows:
        ref, as_of, status, *rest = row
        kw = {}
        if rest:
            kw["voice"] = rest[0]
        if len(rest) > 1:
            kw["summary"] = rest[1]
        add_assessment(engine, plan_id, ref, as_of, status, **kw)


def add_announcement(engine: Engine, plan_id: str, event_key: str, seq: int, kind: str, *,
                     subject: str | None = None, expected_text: str | None = None, held_on=None,
                     announced_on=None, measure_ref: str | None = None, expected_start=None,
                     expected_end=None) -> int:
    """One step of an announced event (kind announced|postponed|held|not_held)."""
    if expected_text and expected_start is None and expected_end is None:
        rng = parse_vague(expected_text)
        if rng:
            expected_start, expected_end = rng.start, rng.end
    mid = measure_id(engine, plan_id, measure_ref) if measure_ref else None
    with engine.begin() as c:
        res = c.execute(s.announcements.insert().values(
            plan_id=plan_id, event_key=event_key, seq=seq, kind=kind, subject=subject or event_key,
            measure_id=mid, expected_text=expected_text, expected_start=d(expected_start),
            expected_end=d(expected_end), held_on=d(held_on), announced_on=d(announced_on),
            outcome={"held": "held", "not_held": "not_held"}.get(kind), origin="manual",
            source_url="https://example.org/ann", confidence="confirmed"))
        return res.inserted_primary_key[0]


def add_revision(engine: Engine, plan_id: str, ref: str, as_of, field: str, old_value: str | None = None,
                 new_value: str | None = None) -> int:
    """A measure_revisions row (field: deadline_text, title_fr, vanished, added...)."""
    mid = measure_id(engine, plan_id, ref)
    with engine.begin() as c:
        res = c.execute(s.measure_revisions.insert().values(
            measure_id=mid, as_of=d(as_of), field=field, old_value=old_value, new_value=new_value,
            source_url="https://example.org/r", confidence="confirmed"))
        return res.inserted_primary_key[0]


def add_link(engine: Engine, from_plan_id: str, from_ref: str | None, to_plan_id: str, to_ref: str | None,
             kind: str = "carried_over", state: str = "confirmed") -> int:
    with engine.begin() as c:
        res = c.execute(s.links.insert().values(
            from_plan_id=from_plan_id, from_ref=from_ref, to_plan_id=to_plan_id, to_ref=to_ref, kind=kind,
            state=state, origin="user", source_url="", confidence="confirmed"))
        return res.inserted_primary_key[0]


def table_counts(engine: Engine) -> dict[str, int]:
    """Row count of every table (tests compare them before and after an import that must write nothing)."""
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in s.metadata.sorted_tables}
