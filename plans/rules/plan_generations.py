"""Plan generations: the measures carried over from an earlier plan, and the progress of each tracked plan.

Which earlier measure a measure is carried over from is ``plans.lineage`` (the one lookup); here
every link not rejected counts (suggested or confirmed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine

from plans.lineage import age_years, catalogue_refs, earlier_measures
from plans.rules import compute as c
from plans.rules import queries as q
from plans.rules.context import Context, load
from plans.rules.progress import progress_at
from plans.runtime import without_gc
from plans.store import latest_assessments
from plans.vocab import LINK_STATES

LINK_STATES_COUNTED = tuple(s for s in LINK_STATES if s != "rejected")
_REF, _CARRIED = q.MEASURE_COLUMNS.index("ref"), q.MEASURE_COLUMNS.index("carried_over_from")


@dataclass(frozen=True)
class Origin:
    """A measure of the plan (``ref``) carried over from ``measure`` of the earlier plan ``plan``."""

    ref: str
    measure: dict[str, Any]  # id, plan_id, ref, title_fr, title_en, carried_over_from
    plan: dict[str, Any]  # the earlier plan's row
    rating: dict[str, Any] | None  # its latest assessment (any voice, all dates), e.g. the CNCDH one


def origins_at(conn: Connection, ctx: Context, plans: dict[str, dict[str, Any]],
               refs: Collection[str] | None = None) -> list[Origin]:
    """The earlier measures of the plan's measures (``refs`` only when given), by ref; ``plans``: every
    plan's row by id (``queries.load_plans``)."""
    plan_id = ctx.plan["id"]
    mine = [{"plan_id": plan_id, "ref": r[_REF], "carried_over_from": r[_CARRIED]} for r in ctx.measure_rows
            if refs is None or r[_REF] in refs]
    links = [{k: c.clean(v) for k, v in r.items()} for r in ctx.links.to_dict("records")]
    wanted = {ln["to_ref"] for ln in links if ln["to_ref"]} | {
        ref for m in mine for ref in catalogue_refs(m["carried_over_from"])}
    if not mine or not wanted:
        return []
    candidates = {(m["plan_id"], m["ref"]): m for m in q.load_measures_by_refs(conn, sorted(wanted))}
    found = [(m["ref"], e) for m in mine for e in earlier_measures(m, plans=plans, measures=candidates, links=links,
                                                                   link_states=LINK_STATES_COUNTED)]
    ratings = latest_assessments(conn, [e["id"] for _, e in found])
    return [Origin(ref, e, plans[e["plan_id"]], ratings.get(e["id"])) for ref, e in found]


@without_gc
def generations(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Carried-over measures (with cumulative age in years since the earlier plan's start) and a
    comparison of plan generations (evaluation from settings, else progress computed at D); a generation's
    ``progress_source`` is {kind: "evaluation", by, date} or {kind: "computed", as_of, documented}
    (``plans.wording.progress_source`` words it)."""
    ctx = load(engine, plan_id, as_of)
    with engine.connect() as conn:
        plans = {p["id"]: p for p in q.load_plans(conn)}
        origins = origins_at(conn, ctx, plans)
    carried = []
    shown = {ref: (title, status) for ref, title, status in ctx.picked(ctx.rows, ["ref", "title_fr", "status"])}
    for o in origins:
        start = o.plan.get("period_start")
        carried.append({
            "ref": o.ref, "title": shown[o.ref][0], "status": shown[o.ref][1],
            "from_plan": o.plan["id"], "from_ref": o.measure["ref"], "from_title": o.measure["title_fr"],
            "from_period_start": c.iso(start),
            "age_years": age_years(start, ctx.as_of),
            "from_rating": o.rating["status"] if o.rating else None,
            "from_rating_as_reported": o.rating["status_as_reported"] if o.rating else None,
        })
    gens = []
    me_progress = progress_at(ctx)
    for pid, p in plans.items():
        if p["kind"] != "plan" or not p.get("tracked"):
            continue
        ev = (p.get("settings") or {}).get("evaluation")
        entry = {"plan": pid, "title": p["title_fr"], "short_title": p.get("short_title"),
                 "period_start": c.iso(p.get("period_start")), "period_end": c.iso(p.get("period_end")),
                 "measures_declared": p.get("measures_declared"), "evaluation": None, "progress": None,
                 "progress_source": None}
        if ev:
            total = ev.get("total") or p.get("measures_declared")
            w = c.Thresholds.from_settings(p.get("settings")).partial_weight
            entry["evaluation"] = {k: c.iso(v) if isinstance(v, dt.date) else v for k, v in ev.items()}
            if total:
                entry["progress"] = (ev.get("done", 0) + w * ev.get("partial", 0)) / total
                entry["progress_source"] = {"kind": "evaluation", "by": ev.get("by"),
                                            "date": c.iso(ev.get("date"))}
        elif pid == plan_id:
            entry["progress"] = me_progress.progress
            entry["progress_source"] = {"kind": "computed", "as_of": ctx.as_of.isoformat(),
                                        "documented": me_progress.documented}
        gens.append(entry)
    gens.sort(key=lambda g: g["period_start"] or "")
    return {"plan": plan_id, "as_of": ctx.as_of.isoformat(), "carried_over": carried, "generations": gens}
