"""Load the catalogue into the database — idempotent, never touching imported data.

A second run changes nothing. Catalogue rows are matched by natural keys; rows created by
imports (``origin = 'import'``) and link decisions taken by a person are never modified.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from sqlalchemy import Engine, delete, select

from plans import access, audit
from plans import schema as s
from plans.access import Actor
from plans.catalogue import Catalogue, PlanDef, load_catalogue
from plans.dates import parse_iso_day, parse_vague
from plans.history import refresh_chain_dates
from plans.i18n import text
from plans.upsert import Upserter, seed_links
from plans.upsert import none as _none


def _date(v):
    if not v:
        return None
    if isinstance(v, dt.date):
        return v
    return parse_iso_day(v)


def _jsonable(d):
    if isinstance(d, dict):
        return {k: _jsonable(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_jsonable(v) for v in d]
    if isinstance(d, dt.date):
        return d.isoformat()
    return d


def _first_int(text: str) -> int | None:
    m = re.match(r"^\s*(\d+)", text or "")
    return int(m.group(1)) if m else None


DERIVED = {"deadline_text": ("deadline_start", "deadline_end")}


def _edited_by_import(conn, plan_id: str) -> dict[str, set[str]]:
    """{ref: columns} a spreadsheet import changed on catalogue measures (``measure_revisions``
    written by an import run): re-seeding keeps the coordinators' value, not the catalogue's."""
    r, m = s.measure_revisions, s.measures
    rows = conn.execute(select(m.c.ref, r.c.field).join(r, r.c.measure_id == m.c.id)
                        .where(m.c.plan_id == plan_id, r.c.import_run_id.is_not(None))).all()
    out: dict[str, set[str]] = {}
    for ref, field in rows:
        out.setdefault(ref, set()).update((field, *DERIVED.get(field, ())))
    return out


def _seed_plan(up: Upserter, plan: PlanDef, related_rows: dict) -> None:
    m = plan.meta
    extra = {}
    for alias in m.get("aliases", []):
        extra = related_rows.get(alias, {})
    settings = {k: _jsonable(v) for k, v in m.items() if isinstance(v, dict)}
    up.upsert(s.plans, {"id": plan.id}, {
        "kind": m.get("kind", "plan"), "title_fr": m["title_fr"], "title_en": m.get("title_en"),
        "short_title": m.get("short_title"), "period_text": m.get("period_text"),
        "period_start": m.get("period_start"), "period_end": m.get("period_end"),
        "steering_body": m.get("steering_body"), "measures_declared": m.get("measures_declared"),
        "measures_declared_text": m.get("measures_declared_text"), "axes_declared": m.get("axes_declared"),
        "themes": m.get("themes"), "known_shared_actions": _none(extra.get("known_shared_actions", "")),
        "tracked": bool(m.get("tracked")), "settings": settings, "notes": m.get("notes"),
        "source_url": m["source_url"], "confidence": m["confidence"],
    })
    axis_ids = {}
    for a in plan.axes:
        axis_ids[a["ref"]] = up.upsert(s.axes, {"plan_id": plan.id, "ref": a["ref"]}, {
            "number": _none(a.get("number", "")), "label_fr": a["label_fr"], "label_en": _none(a.get("label_en", "")),
            "description": _none(a.get("description", "")), "source_url": a["source_url"], "confidence": a["confidence"],
        })
    measure_ids = {}
    edited = _edited_by_import(up.conn, plan.id)
    for r in plan.measures:
        rng = parse_vague(r.get("deadline_text"), plan_start=plan.period_start, plan_end=plan.period_end)
        values = {
            "official_number": _none(r.get("official_number", "")), "kind": r.get("kind") or "measure",
            "title_fr": _none(r.get("title_fr", "")), "title_en": _none(r.get("title_en", "")),
            "axis_id": axis_ids.get(r.get("axis_ref", "")), "axis_text": _none(r.get("axis_text", "")),
            "lead_body": _none(r.get("lead_body", "")), "partner_bodies": _none(r.get("actors_reported", "")),
            "deadline_text": _none(r.get("deadline_text", "")),
            "deadline_start": rng.start if rng else None, "deadline_end": rng.end if rng else None,
            "carried_over_from": _none(r.get("carried_over_from", "")), "carried_over_to": _none(r.get("carried_over_to", "")),
            "evidence_summary": _none(r.get("evidence_summary", "")), "origin": "catalogue",
            "source_url": r.get("source_url", ""), "confidence": r.get("confidence", ""),
        }
        measure_ids[r["ref"]] = up.upsert(s.measures, {"plan_id": plan.id, "ref": r["ref"]}, values,
                                          protect=lambda row: row["origin"] != "catalogue",
                                          keep=edited.get(r["ref"], ()))
    for a in plan.assessments:
        up.upsert(s.assessments, {"measure_id": measure_ids[a["ref"]], "as_of": _date(a["as_of"]),
                                  "voice": a["voice"], "origin": "catalogue"}, {
            "status": a["status"], "status_as_reported": _none(a.get("status_as_reported", "")),
            "as_of_precision": _none(a.get("as_of_precision", "")),
            "summary": _none(a.get("summary", "")), "source_url": a["source_url"], "confidence": a["confidence"],
        })
    if plan.assessments:  # the change dates of the chains these rows joined (or changed)
        refresh_chain_dates(up.conn, {measure_ids[a["ref"]] for a in plan.assessments})
    for a in plan.announcements:
        text = a.get("expected_text", "")
        rng = parse_vague(text) or parse_vague(a.get("expected_iso")) if (text or a.get("expected_iso")) else None
        up.upsert(s.announcements, {"plan_id": plan.id, "event_key": a["event_key"], "seq": int(a["seq"]),
                                    "origin": "catalogue"}, {
            "subject": a["subject"], "measure_id": measure_ids.get(a.get("measure_ref", "")),
            "kind": a["kind"], "announced_on": _date(a.get("announced_on")),
            "announced_on_text": _none(a.get("announced_on_text", "")), "expected_text": _none(text),
            "expected_start": rng.start if rng else None, "expected_end": rng.end if rng else None,
            "held_on": _date(a.get("held_on")),
            "outcome": {"held": "held", "not_held": "not_held"}.get(a["kind"]),
            "summary": _none(a.get("summary", "")), "source_url": a["source_url"], "confidence": a["confidence"],
        })


def _seed_related(up: Upserter, cat: Catalogue, aliases: set[str]) -> None:
    for r in cat.related:
        if r["id"] in aliases:
            continue
        up.upsert(s.plans, {"id": r["id"]}, {
            "kind": r["id"].split("-", 1)[0], "title_fr": r["name_fr"], "period_text": _none(r["years"]),
            "steering_body": _none(r["steering_body"]), "measures_declared": _first_int(r["measures_count"]) if not r["id"].startswith("rec-") else None,
            "measures_declared_text": _none(r["measures_count"]), "themes": _none(r["themes_overlapping"]),
            "known_shared_actions": _none(r["known_shared_actions"]), "tracked": False,
            "source_url": r["source_url"], "confidence": r["confidence"],
        })


def _seed_events(up: Upserter, cat: Catalogue) -> None:
    """Timeline events come from the catalogue only (no import writes them). Their natural key
    includes the wording, so a re-worded event (e.g. rendered in French) is a new row: the rows
    the catalogue no longer lists are removed, never left beside their new wording."""
    keep = set()
    for e in cat.events:
        rng = parse_vague(e["date"]) if e["date"] else None
        keep.add(up.upsert(s.events, {"date_iso": _none(e["date"]), "kind": e["kind"], "subject": e["subject"],
                                      "summary": e["summary"]}, {
            "date_text": _none(e["date_text"]), "date_start": rng.start if rng else None,
            "date_end": rng.end if rng else None, "date_precision": _none(e["date_precision"]),
            "measure_refs": _none(e["measure_ref"]), "plan_id": None,
            "source_url": e["source_url"], "confidence": e["confidence"],
        }))
    stale = [i for i in up.conn.execute(select(s.events.c.id)).scalars() if i not in keep]
    for chunk in range(0, len(stale), 500):
        up.conn.execute(delete(s.events).where(s.events.c.id.in_(stale[chunk:chunk + 500])))
    if stale:
        up.counts["events.deleted"] += len(stale)


def seed(engine: Engine, cat: Catalogue | None = None, *, actor: Actor = access.CLI) -> Counter:
    """Load (or refresh) the catalogue; returns counts of inserted/updated/unchanged rows. ``actor`` (by default
    the command line that runs ``python -m plans seed`` or ``make run``) must be allowed to write the collective's
    sourced rows (``collective_voice``); a load that changes something is recorded in the audit trail."""
    access.require(engine, actor, "collective_voice")
    cat = cat or load_catalogue()
    alias_map = {a: pid for pid, p in cat.plans.items() for a in p.meta.get("aliases", [])}
    related_rows = {r["id"]: r for r in cat.related}
    with engine.begin() as conn:
        up = Upserter(conn)
        for plan in cat.plans.values():
            _seed_plan(up, plan, related_rows)
        _seed_related(up, cat, set(alias_map))
        _seed_events(up, cat)
        seed_links(up, cat.links, alias_map)
        from plans.overlaps.catalogue import seed_overlaps  # themes, related items, extra links

        seed_overlaps(up, alias_map=alias_map)
        n = changed(up.counts)
        if n:
            audit.record(conn, actor, "catalogue_loaded", summary=text("audit.summary.catalogue_loaded", n=n))
    return up.counts


def changed(counts: Counter) -> int:
    return sum(v for k, v in counts.items() if k.endswith((".inserted", ".updated", ".deleted")))
