"""« Carried over from an earlier plan »: the one lookup of a measure's earlier promises.

A measure of a plan is carried over from a measure of an earlier plan when

- a ``carried_over`` link goes from this measure (``from_plan_id``/``from_ref``) to an item of
  another plan (``to_ref`` set; plan-level links are not origins), in one of the accepted link
  states, and that item is a known measure; or
- its catalogue field ``carried_over_from`` names a ref (several may be separated by ``;`` or
  ``,``) held by another *tracked* plan; when several earlier tracked plans hold that ref, the
  most recent one is taken;

and the origin's plan did not start after this measure's plan (a plan with no known start is
never excluded). Link origins come first, in link order, then catalogue ones; each earlier
measure is listed once.

The lookup is pure: it reads rows already loaded by the caller and runs no query.

- ``plans``: ``{plan_id: row}``; a row needs ``tracked`` and ``period_start``.
- ``measures``: ``{(plan_id, ref): row}`` for every measure that may be an origin (all plans,
  or at least the tracked ones); a row needs ``plan_id`` and ``ref`` (and ``carried_over_from``
  to follow a chain with :func:`promise_chain`). The rows returned are these very objects.
- ``links``: link rows (``from_plan_id``, ``from_ref``, ``to_plan_id``, ``to_ref``, ``kind``,
  ``state``), e.g. ``frame.to_dict("records")``.
- ``link_states``: which link states count. Confirmed links only by default; pass
  ``("suggested", "confirmed")`` to count every link not rejected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

Row = Mapping[str, Any]
M = TypeVar("M", bound=Mapping[str, Any])


def catalogue_refs(value: str | None) -> list[str]:
    """The refs named by a ``carried_over_from`` field (``;`` or ``,`` separated)."""
    return [x.strip() for x in (value or "").replace(",", ";").split(";") if x.strip()]


def age_years(start: dt.date | None, as_of: dt.date) -> float | None:
    """How long a promise has been made at ``as_of``: years since ``start`` (the earliest plan's), one decimal."""
    return round((as_of - start).days / 365.25, 1) if start else None


def _started_before(origin_plan: Row, plan: Row) -> bool:
    start, earlier = plan["period_start"], origin_plan["period_start"]
    return start is None or earlier is None or earlier < start


def _catalogue_origin(ref: str, plan_id: str, plans: Mapping[str, Row],
                      measures: Mapping[tuple[str, str], M]) -> M | None:
    """The measure holding ``ref`` in the most recent other tracked plan that started before
    ``plan_id``, or None."""
    plan = plans[plan_id]
    found = [m for pid, p in plans.items()
             if pid != plan_id and p["tracked"] and _started_before(p, plan)
             and (m := measures.get((pid, ref))) is not None]
    if not found:
        return None
    return max(found, key=lambda m: (plans[m["plan_id"]]["period_start"] or dt.date.min, m["plan_id"]))


def earlier_measures(measure: Row, *, plans: Mapping[str, Row], measures: Mapping[tuple[str, str], M],
                     links: Iterable[Row], link_states: Collection[str] = ("confirmed",)) -> list[M]:
    """The measures of earlier plans ``measure`` is carried over from (see the module docstring).

    ``measure`` needs ``plan_id``, ``ref`` and ``carried_over_from``. Returns rows of ``measures``.
    """
    plan_id, ref = measure["plan_id"], measure["ref"]
    found: dict[tuple[str, str], M] = {}
    for ln in links:
        if (ln["kind"] != "carried_over" or ln["state"] not in link_states or not ln["to_ref"]
                or (ln["from_plan_id"], ln["from_ref"]) != (plan_id, ref)):
            continue
        e = measures.get((ln["to_plan_id"], ln["to_ref"]))
        if e is not None:
            found.setdefault((e["plan_id"], e["ref"]), e)
    for oref in catalogue_refs(measure.get("carried_over_from")):
        e = _catalogue_origin(oref, plan_id, plans, measures)
        if e is not None:
            found.setdefault((e["plan_id"], e["ref"]), e)
    plan = plans[plan_id]
    return [e for e in found.values() if _started_before(plans[e["plan_id"]], plan)]


def promise_chain(measure: Row, *, plans: Mapping[str, Row], measures: Mapping[tuple[str, str], M],
                  links: Iterable[Row], link_states: Collection[str] = ("confirmed",)) -> list[M]:
    """Every earlier generation of ``measure`` (origins of origins, each once), oldest plan first.

    Same arguments as :func:`earlier_measures`; the origins' rows need ``carried_over_from``.
    """
    links = list(links)

    def origins(m: Row) -> list[M]:
        return earlier_measures(m, plans=plans, measures=measures, links=links, link_states=link_states)

    chain: list[M] = []
    todo, seen = origins(measure), set()
    while todo:
        e = todo.pop()
        key = (e["plan_id"], e["ref"])
        if key in seen:
            continue
        seen.add(key)
        chain.append(e)
        todo.extend(origins(e))
    chain.sort(key=lambda e: plans[e["plan_id"]]["period_start"] or dt.date.min)
    return chain
