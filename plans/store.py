"""Read access to the store shared by the CLI, the loaders and the dashboard."""

from __future__ import annotations

from sqlalchemy import Engine, and_, case, func, select

from plans import schema as s

# A measure counts as documented when it counts toward the declared total (not a related
# action) and its title is known.
COUNTED_KINDS = ("measure", "commitment")


def documented_clause():
    return and_(s.measures.c.kind.in_(COUNTED_KINDS), s.measures.c.title_fr.is_not(None))


def list_plans(engine: Engine, *, tracked_only: bool = False) -> list[dict]:
    """One dict per plan: id, title_fr, kind, tracked, measures_declared, measures_documented, measures_known."""
    documented = func.sum(case((documented_clause(), 1), else_=0))
    known = func.count(s.measures.c.id)
    q = (
        select(s.plans.c.id, s.plans.c.title_fr, s.plans.c.short_title, s.plans.c.kind, s.plans.c.tracked,
               s.plans.c.measures_declared, s.plans.c.period_start, s.plans.c.period_end,
               func.coalesce(documented, 0).label("measures_documented"), known.label("measures_known"))
        .select_from(s.plans.outerjoin(s.measures, s.measures.c.plan_id == s.plans.c.id))
        .group_by(s.plans.c.id)
        .order_by(s.plans.c.tracked.desc(), s.plans.c.id.desc())
    )
    if tracked_only:
        q = q.where(s.plans.c.tracked.is_(True))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def get_plan(engine: Engine, plan_id: str) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(s.plans).where(s.plans.c.id == plan_id)).mappings().first()
        return dict(row) if row else None
