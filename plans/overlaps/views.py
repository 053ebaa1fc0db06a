"""Read views of the overlaps of a plan: its links, the overlap matrix, shared actions, recycled
measures, theme gaps, related plans, the review queue, and :func:`overview` (all of them at once).

Each public view takes an engine and loads the store once (:func:`plans.overlaps.snapshot.load`);
:func:`overview` loads it once and gives the same snapshot to every view.

Plan-level links (``to_ref`` empty) that are refined by an item-level link with the same source
item, target plan and kind are counted once (the item-level link).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine

from plans.i18n import text
from plans.lineage import age_years, promise_chain
from plans.overlaps import labels as L
from plans.overlaps.snapshot import (
    Row,
    Snapshot,
    iso,
    load,
    other_plans_order,
    plan_short,
    require_plan,
    snapshot,
    theme_codes,
)
from plans.store import latest_assessments
from plans.vocab import LINK_STATES, THEMES

if TYPE_CHECKING:
    import pandas as pd

ACTIVE = ("suggested", "confirmed")

# --------------------------------------------------------------------------- links, normalised


def _axis_label(snap: Snapshot, m: Row | None, lang: str = "fr") -> str:
    if m and m.get("axis_id") and m["axis_id"] in snap.axes:
        return snap.axes[m["axis_id"]]["label_fr"]
    return L.UNKNOWN_AXIS.get(lang, L.UNKNOWN_AXIS["fr"])


def normalised_links(snap: Snapshot, plan_id: str, *, lang: str = "fr",
                     states: Collection[str] = LINK_STATES) -> list[Row]:
    """Links touching ``plan_id`` seen from that plan: this side / other side."""
    out = []
    for ln in snap.links:
        if ln["state"] not in states:
            continue
        if ln["from_plan_id"] == plan_id and ln["to_plan_id"] != plan_id:
            this_ref, other_plan, other_ref, direction = ln["from_ref"], ln["to_plan_id"], ln["to_ref"], "out"
        elif ln["to_plan_id"] == plan_id and ln["from_plan_id"] != plan_id:
            this_ref, other_plan, other_ref, direction = ln["to_ref"], ln["from_plan_id"], ln["from_ref"], "in"
        else:
            continue
        out.append({**ln, "this_ref": this_ref, "other_plan_id": other_plan, "other_ref": other_ref,
                    "direction": direction})
    # a plan-level link refined by an item-level one (same this item, other plan, kind) counts once
    # (only by a confirmed item-level link, or one in the same state: a mere suggestion never
    # hides a confirmed plan-level link)
    refined = {(x["this_ref"], x["other_plan_id"], x["kind"], x["state"]) for x in out if x["other_ref"] is not None}

    def _is_refined(x: Row) -> bool:
        key = (x["this_ref"], x["other_plan_id"], x["kind"])
        return (*key, "confirmed") in refined or (*key, x["state"]) in refined

    out = [x for x in out if x["other_ref"] is not None or not _is_refined(x)]
    rows = []
    for x in out:
        m = snap.measures.get((plan_id, x["this_ref"])) if x["this_ref"] else None
        o = snap.measures.get((x["other_plan_id"], x["other_ref"])) if x["other_ref"] else None
        op = snap.plans.get(x["other_plan_id"])
        rows.append({
            "id": x["id"], "plan_id": plan_id, "ref": x["this_ref"], "title_fr": m["title_fr"] if m else None,
            "axis": _axis_label(snap, m, lang) if x["this_ref"] else L.WHOLE_PLAN.get(lang, L.WHOLE_PLAN["fr"]),
            "other_plan_id": x["other_plan_id"], "other_plan_title": plan_short(op),
            "other_plan_kind": op["kind"] if op else None,
            "other_ref": x["other_ref"], "other_title_fr": (o["title_fr"] if o else None),
            "kind": x["kind"], "kind_label": L.label(L.LINK_KIND_LABELS, x["kind"], lang),
            "state": x["state"], "state_label": L.label(L.LINK_STATE_LABELS, x["state"], lang),
            "score": x["score"], "note": x["note"], "origin": x["origin"],
            "decided_by": x["decided_by"], "decided_at": iso(x["decided_at"]), "direction": x["direction"],
            "source_url": x["source_url"], "confidence": x["confidence"],
        })
    return rows


def links(engine: Engine, plan_id: str, *, lang: str = "fr", states: Collection[str] = LINK_STATES) -> list[Row]:
    """Every link touching ``plan_id`` (all states by default), seen from that plan."""
    snap = snapshot(engine)
    require_plan(snap, plan_id)
    return normalised_links(snap, plan_id, lang=lang, states=states)


def links_for_measure(engine: Engine, plan_id: str, ref: str, *, lang: str = "fr",
                      include_rejected: bool = False) -> list[Row]:
    """Links of one measure (for the measure page): the other side's plan, item, kind and state."""
    states = LINK_STATES if include_rejected else ACTIVE
    snap = snapshot(engine)
    return [r for r in normalised_links(snap, plan_id, lang=lang, states=states) if r["ref"] == ref]


def review_queue(engine: Engine, plan_id: str, *, limit: int | None = None, lang: str = "fr") -> list[Row]:
    """Links touching ``plan_id`` still waiting for a decision, best score first."""
    rows = [r for r in links(engine, plan_id, lang=lang, states=("suggested",)) if r["decided_by"] is None]
    rows.sort(key=lambda r: (-(r["score"] or 0), r["ref"] or "", r["other_plan_id"]))
    return rows[:limit] if limit else rows


# --------------------------------------------------------------------------- matrix


def matrix(engine: Engine, plan_id: str, *, states: Collection[str] = ACTIVE, lang: str = "fr") -> pd.DataFrame:
    """Overlap matrix: index = this plan's axis labels (plus « Axe non identifié »), columns = the
    other plans' ids, values = number of links (rejected links excluded by default)."""
    import pandas as pd

    snap = snapshot(engine)
    require_plan(snap, plan_id)
    rows = normalised_links(snap, plan_id, lang=lang, states=states)
    index = [a["label_fr"] for a in snap.axes_by_plan.get(plan_id, [])]
    index.append(L.UNKNOWN_AXIS.get(lang, L.UNKNOWN_AXIS["fr"]))
    if any(r["ref"] is None for r in rows):
        index.append(L.WHOLE_PLAN.get(lang, L.WHOLE_PLAN["fr"]))
    others = other_plans_order(snap, plan_id)
    df = pd.DataFrame(0, index=pd.Index(index, name="axe"), columns=pd.Index(others, name="plan"), dtype="int64")
    for r in rows:
        df.loc[r["axis"], r["other_plan_id"]] += 1
    return df


# --------------------------------------------------------------------------- views over one snapshot


def _shared_actions(snap: Snapshot, plan_id: str, lang: str) -> list[Row]:
    rows = [r for r in normalised_links(snap, plan_id, lang=lang, states=ACTIVE) if r["kind"] == "same_action"]
    for r in rows:
        r["other_plan_known_shared_actions"] = (snap.plans.get(r["other_plan_id"]) or {}).get("known_shared_actions")
    return rows


def _recycled(conn: Connection, snap: Snapshot, plan_id: str, as_of: dt.date) -> list[Row]:
    out = []
    for (pid, _ref), m in sorted(snap.measures.items(), key=lambda kv: kv[0][1]):
        if pid != plan_id:
            continue
        chain = promise_chain(m, plans=snap.plans, measures=snap.measures, links=snap.links)
        if chain:
            out.append((m, chain))
    latest = latest_assessments(conn, [x["id"] for m, chain in out for x in [m, *chain]])
    rows = []
    for m, chain in out:
        first_plan = snap.plans[chain[0]["plan_id"]]
        first = first_plan["period_start"]
        cur = latest.get(m["id"])
        rows.append({
            "plan_id": plan_id, "ref": m["ref"], "title_fr": m["title_fr"],
            "current_status": cur["status"] if cur else None,
            "current_status_as_of": iso(cur["as_of"]) if cur else None,
            "first_plan_id": first_plan["id"], "first_promised": iso(first),
            "generations": len(chain) + 1, "age_years": age_years(first, as_of), "as_of": as_of.isoformat(),
            "earlier": [_earlier_row(snap, e, latest.get(e["id"]) or {}) for e in chain],
            "source_url": m["source_url"], "confidence": m["confidence"],
        })
    return rows


def _earlier_row(snap: Snapshot, e: Row, rating: Row) -> Row:
    return {
        "plan_id": e["plan_id"], "plan_title": plan_short(snap.plans[e["plan_id"]]), "ref": e["ref"],
        "title_fr": e["title_fr"], "rating": rating.get("status_as_reported"), "rating_status": rating.get("status"),
        "rating_date": iso(rating.get("as_of")), "rating_source_url": rating.get("source_url"),
    }


def _theme_gaps(snap: Snapshot, plan: Row, lang: str) -> list[Row]:
    plan_id = plan["id"]
    covered = {t for (pid, _), m in snap.measures.items() if pid == plan_id for t in theme_codes(m["themes"])}
    declared = set(theme_codes(plan["themes"]))
    elsewhere: dict[str, set[str]] = {}
    items: dict[str, int] = {}
    for p in snap.plans.values():
        if p["id"] == plan_id:
            continue
        for t in theme_codes(p["themes"]):
            elsewhere.setdefault(t, set()).add(p["id"])
    for (pid, _), m in snap.measures.items():
        if pid == plan_id:
            continue
        for t in theme_codes(m["themes"]):
            elsewhere.setdefault(t, set()).add(pid)
            items[t] = items.get(t, 0) + 1
    rows: list[Row] = []
    for t in THEMES:
        if t in covered or t not in elsewhere:
            continue
        rows.append({
            "theme": t, "theme_label": L.theme_label(t, lang), "declared_in_plan": t in declared,
            "covered_by": sorted(elsewhere[t]), "plans_count": len(elsewhere[t]), "items_elsewhere": items.get(t, 0),
            "explanation": (text("overlaps.gap.declared") if t in declared else text("overlaps.gap.absent")),
        })
    rows.sort(key=lambda r: (r["declared_in_plan"], -r["plans_count"], r["theme"]))
    return rows


def _related_plans(snap: Snapshot, plan_id: str, lang: str) -> list[Row]:
    nlinks: dict[str, int] = {}
    for r in normalised_links(snap, plan_id, states=ACTIVE):
        nlinks[r["other_plan_id"]] = nlinks.get(r["other_plan_id"], 0) + 1
    items: dict[str, int] = {}
    for (pid, _), m in snap.measures.items():
        if m["title_fr"]:
            items[pid] = items.get(pid, 0) + 1
    out = []
    for pid in other_plans_order(snap, plan_id):
        p = snap.plans[pid]
        out.append({
            "id": pid, "kind": p["kind"], "kind_label": L.label(L.PLAN_KIND_LABELS, p["kind"], lang),
            "title_fr": p["title_fr"], "title_en": p.get("title_en"), "short_title": p.get("short_title"),
            "period_text": p["period_text"], "steering_body": p["steering_body"],
            "themes": theme_codes(p["themes"]), "measures_declared_text": p["measures_declared_text"],
            "items_known": items.get(pid, 0), "links": nlinks.get(pid, 0), "tracked": bool(p["tracked"]),
            "known_shared_actions": p["known_shared_actions"], "source_url": p["source_url"],
            "confidence": p["confidence"],
        })
    return out


# --------------------------------------------------------------------------- public views


def shared_actions(engine: Engine, plan_id: str, *, lang: str = "fr") -> list[Row]:
    """« Same action promised in several plans »: non-rejected ``same_action`` links."""
    snap = snapshot(engine)
    require_plan(snap, plan_id)
    return _shared_actions(snap, plan_id, lang)


def recycled(engine: Engine, plan_id: str, *, as_of: dt.date | None = None, lang: str = "fr") -> list[Row]:
    """Measures of ``plan_id`` carried over from earlier plan generations (:mod:`plans.lineage`,
    confirmed links), with the chain of earlier promises, their last rating (e.g. CNCDH « Non
    réalisée ») and the cumulative age of the promise."""
    with engine.connect() as conn:
        snap = load(conn)
        require_plan(snap, plan_id)
        return _recycled(conn, snap, plan_id, as_of or dt.date.today())


def theme_gaps(engine: Engine, plan_id: str, *, lang: str = "fr") -> list[Row]:
    """Themes covered by other plans (their declared themes or their known items) for which this
    plan has no documented measure. ``declared_in_plan`` tells whether the plan itself announces
    the theme (then the gap may only be a gap in what is documented)."""
    snap = snapshot(engine)
    return _theme_gaps(snap, require_plan(snap, plan_id), lang)


def related_plans(engine: Engine, plan_id: str, *, lang: str = "fr") -> list[Row]:
    """The other plans (tracked first), with their number of active links to ``plan_id``."""
    snap = snapshot(engine)
    require_plan(snap, plan_id)
    return _related_plans(snap, plan_id, lang)


def overview(engine: Engine, plan_id: str, *, lang: str = "fr", as_of: dt.date | None = None) -> dict[str, Any]:
    """Everything the CLI prints: related plans, links (all states), shared actions, recycled
    measures and theme gaps, from one load of the store."""
    with engine.connect() as conn:
        snap = load(conn)
        plan = require_plan(snap, plan_id)
        return {
            "plan": {"id": plan_id, "title_fr": plan["title_fr"], "short_title": plan["short_title"]},
            "related_plans": _related_plans(snap, plan_id, lang),
            "links": normalised_links(snap, plan_id, lang=lang),
            "shared_actions": _shared_actions(snap, plan_id, lang),
            "recycled": _recycled(conn, snap, plan_id, as_of or dt.date.today()),
            "theme_gaps": _theme_gaps(snap, plan, lang),
        }
