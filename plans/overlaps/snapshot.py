"""The store as the overlap views read it: plans, measures, axes and links, loaded once per call.

:func:`load` runs one query per table on a connection; every view and the suggestion engine work
on the :class:`Snapshot` it returns, so a page that shows several views loads the store once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, select

from plans import schema as s
from plans.i18n import text

Row = dict[str, Any]

MEASURE_COLUMNS = ("id", "plan_id", "ref", "official_number", "kind", "title_fr", "title_en", "axis_id",
                   "axis_text", "themes", "carried_over_from", "carried_over_to", "source_url", "confidence",
                   "origin")


class OverlapError(ValueError):
    """A user-facing error (French message)."""


@dataclass
class Snapshot:
    plans: dict[str, Row]
    measures: dict[tuple[str, str], Row]
    axes: dict[int, Row]
    links: list[Row]
    axes_by_plan: dict[str, list[Row]] = field(default_factory=dict)


def load(conn: Connection) -> Snapshot:
    """Plans, measures (``MEASURE_COLUMNS``), axes and links, as dicts keyed for the views."""
    plans = {r["id"]: dict(r) for r in conn.execute(select(s.plans)).mappings()}
    mcols = [s.measures.c[c] for c in MEASURE_COLUMNS]
    measures = {(r["plan_id"], r["ref"]): dict(r) for r in conn.execute(select(*mcols)).mappings()}
    axes = {r["id"]: dict(r) for r in conn.execute(select(s.axes).order_by(s.axes.c.id)).mappings()}
    links = [dict(r) for r in conn.execute(select(s.links).order_by(s.links.c.id)).mappings()]
    by_plan: dict[str, list[Row]] = {}
    for a in axes.values():
        by_plan.setdefault(a["plan_id"], []).append(a)
    return Snapshot(plans, measures, axes, links, by_plan)


def snapshot(engine: Engine) -> Snapshot:
    with engine.connect() as conn:
        return load(conn)


def require_plan(snap: Snapshot, plan_id: str) -> Row:
    plan = snap.plans.get(plan_id)
    if plan is None:
        known = ", ".join(sorted(p for p, r in snap.plans.items() if r["tracked"])) or "aucun"
        raise OverlapError(f"{text('plan.unknown', plan=plan_id)} {text('plan.tracked', plans=known)}")
    return plan


def iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date | dt.datetime) else v


def theme_codes(value: str | None) -> list[str]:
    """The theme codes of a stored ``themes`` field (``;``-separated, as written by the seed)."""
    return [t for t in (value or "").split(";") if t]


def plan_short(p: Row | None) -> str:
    if not p:
        return ""
    return p.get("short_title") or p["title_fr"]


def other_plans_order(snap: Snapshot, plan_id: str) -> list[str]:
    """The other plans: tracked first, then by kind (plan, strategy, law, eu, bill, rec), then id."""
    order = {"plan": 0, "strategy": 1, "law": 2, "eu": 3, "bill": 4, "rec": 5}
    others = [p for p in snap.plans.values() if p["id"] != plan_id]
    others.sort(key=lambda p: (not p["tracked"], order.get(p["kind"], 9), p["id"]))
    return [p["id"] for p in others]
