"""Deadlines, overdue and stalled measures, slipped dates, events not held, committee meetings.

The ``*_at(ctx)`` functions compute from a loaded ``Context`` (the plan at D); the public ones load
it first. Rules: ``plans.rules.compute`` (deadline at D, overdue, stalled) and ``plans.rules.compute_events``
(slippage of events, governance).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from plans.rules import compute as c
from plans.rules import compute_events as ev
from plans.rules.context import COLUMN_INDEX, NO_STATE, Context, load
from plans.runtime import without_gc

_OVERDUE, _DAYS, _REF = COLUMN_INDEX["overdue"], COLUMN_INDEX["days_overdue"], COLUMN_INDEX["ref"]
_SINCE, _STALLED = COLUMN_INDEX["stalled_since"], COLUMN_INDEX["stalled"]
_DEADLINE_END = COLUMN_INDEX["deadline_end"]


def overdue_at(ctx: Context) -> list[dict]:
    rows = sorted((r for r in ctx.documented_rows if r[_OVERDUE]), key=lambda r: (-r[_DAYS], r[_REF]))
    cols = ["days_overdue", "ref", "title_fr", "deadline_text", "deadline_start", "deadline_end", "status"]
    return [{"ref": ref, "title": title, "deadline": text, "deadline_start": c.iso(start),
             "deadline_end": c.iso(end), "days_overdue": int(days), "status": status}
            for days, ref, title, text, start, end, status in ctx.picked(rows, cols)]


def no_deadline_at(ctx: Context) -> list[str]:
    return sorted(r[_REF] for r in ctx.documented_rows if r[_DEADLINE_END] is None)


def stalled_at(ctx: Context) -> list[dict]:
    # a stalled row always has its « since » (stalled_reason); refs are distinct within a plan
    rows = sorted((r for r in ctx.documented_rows if r[_STALLED]), key=lambda r: (r[_SINCE], r[_REF]))
    cols = ["stalled_since", "ref", "title_fr", "stalled_unchanged_days", "stalled_times_postponed", "status",
            "measure_id"]
    return [{"ref": ref, "title": title, "unchanged_days": days, "times_postponed": times, "since": c.iso(since),
             "status": status,
             # the « since » of a source dated to the month is that month, not its last day
             "since_precision": ctx.precision.get((mid, since))}
            for since, ref, title, days, times, status, mid in ctx.picked(rows, cols)]


def slipped_at(ctx: Context) -> list[dict]:
    refs = ctx.ref_of()
    out = []
    for e in ctx.events:
        out.append({"event_key": e["event_key"], "subject": e["subject"], "ref": refs.get(e["measure_id"]),
                    "announced": e["announced"],
                    "announced_ranges": [[c.iso(a), c.iso(b)] for a, b in e["announced_ranges"]],
                    "held_on": c.iso(e["held_on"]), "postponements": e["postponements"],
                    "days_slipped": e["days_slipped"], "state": e["state"], "source_url": e["source_url"]})
    for mid, chain in ctx.chains.items():
        if len(chain) < 2:
            continue
        dated = [e for e in chain if e["end"] is not None]
        if not dated:
            continue
        last = dated[-1]
        # the table's status: the pooled one (a measure without assessment is « unknown », not done)
        done = ctx.pooled.get(mid, NO_STATE)[0] == "done"
        state = "held" if done else ("pending" if last["end"] >= ctx.as_of else "not_held")
        # a deadline has no subject of its own: plans.wording.event_subject names it
        out.append({"event_key": f"deadline:{refs[mid]}", "subject": None,
                    "ref": refs[mid], "announced": [e["text"] for e in chain],
                    "announced_ranges": [[c.iso(e["start"]), c.iso(e["end"])] for e in chain],
                    "held_on": None, "postponements": len(c.count_postponements(chain)),
                    "days_slipped": (last["end"] - dated[0]["end"]).days, "state": state, "source_url": None})
    return out


def not_held_at(ctx: Context) -> list[dict]:
    refs = ctx.ref_of()
    return [{"event_key": e["event_key"], "subject": e["subject"], "ref": refs.get(e["measure_id"]),
             "expected": e["expected"], "expected_end": c.iso(e["expected_end"]), "days_late": e["days_late"],
             "postponements": e["postponements"], "source_url": e["source_url"]}
            for e in ctx.events if e["state"] == "not_held"]


def governance_at(ctx: Context) -> dict:
    years = ev.governance_by_year(ctx.announcements, ctx.gov, ctx.plan.get("period_start"), ctx.as_of,
                                  ctx.plan.get("period_end"))
    return {str(y): v for y, v in years.items()}


@without_gc
def slippage(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Slippage ledger: announced events and measure deadlines (chains, postponements, days slipped, state)."""
    return slipped_at(load(engine, plan_id, as_of))


@without_gc
def not_held(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Events whose latest announced date has passed at D without being held (with days late)."""
    return not_held_at(load(engine, plan_id, as_of))


@without_gc
def governance(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Committee meetings held per calendar year of the plan vs required: {"2024": {held, required, met,
    complete_year, needed, until, possible}} (see ``compute_events.governance_by_year``)."""
    return governance_at(load(engine, plan_id, as_of))


@without_gc
def overdue(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Documented measures past the latest date of their deadline, neither done nor abandoned."""
    return overdue_at(load(engine, plan_id, as_of))


@without_gc
def stalled(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Stalled documented measures (computed): [{ref, title, unchanged_days, times_postponed, since, status,
    since_precision}] (``plans.wording.stalled_reason`` words the reason)."""
    return stalled_at(load(engine, plan_id, as_of))
