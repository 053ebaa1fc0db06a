"""The per-measure table at D (``measures_table``) and one measure's file (``measure_detail``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine

from plans.i18n import text
from plans.rules import compute as c
from plans.rules import queries as q
from plans.rules.context import load
from plans.rules.deadlines import slipped_at
from plans.rules.plan_generations import origins_at
from plans.runtime import without_gc


@without_gc
def measures_table(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per measure of the plan (documented ones and related actions, ``counted``).

    Columns: ref, title_fr, title_en, kind, counted, axis_ref, axis_label, lead_body, status,
    status_date, voice, summary, source_url, confidence, deadline_text, deadline_start,
    deadline_end (the deadline known at D), overdue, days_overdue, stalled, stalled_reason
    (+ _en, stalled_since), postponements, last_change, carried_over_from, has_overlaps,
    measure_id. Dates are ``datetime.date`` (or None).
    """
    return load(engine, plan_id, as_of).table.copy()


@without_gc
def measure_detail(engine: Engine, plan_id: str, ref: str, as_of: dt.date | None = None) -> dict:
    """The measures_table row plus ``history`` (every assessment ≤ D, all voices), ``revisions``,
    ``slippage`` (deadline chain and linked events), ``links``, ``carried_over`` (origin
    measure with its latest rating, e.g. the CNCDH one), ``catalogue_source_url`` / ``catalogue_confidence``
    (the measure's own, which no import replaces: the row's ``source_url`` is its latest assessment's) and
    ``last_import`` (``file_name``, ``as_of``, ``imported_on`` of the import that last recorded it by D, or
    None). Raises KeyError for an unknown ref."""
    ctx = load(engine, plan_id, as_of)
    t = ctx.table[ctx.table["ref"] == ref]
    if t.empty:
        raise KeyError(text("rule.error.unknown_measure", ref=ref, plan=plan_id))
    row = {k: c.clean(v) for k, v in t.iloc[0].to_dict().items()}
    mid = row["measure_id"]
    with engine.connect() as conn:
        hist = q.load_history(conn, plan_id, ctx.as_of, measure_ids=[mid])
        revs = q.load_revisions(conn, plan_id)
        origins = origins_at(conn, ctx, {p["id"]: p for p in q.load_plans(conn)}, refs=[ref])
        last_import = q.load_last_import(conn, mid, ctx.as_of)
    own = next(r for r in ctx.measure_rows if r[0] == mid)
    own = dict(zip(q.MEASURE_COLUMNS, own, strict=True))
    revs = revs[(revs["measure_id"] == mid) & (revs["as_of"] <= ctx.as_of)]
    chain = ctx.chains.get(mid, [])
    row.update({
        "history": [{k: c.iso(v) if isinstance(v, dt.date) else c.clean(v) for k, v in r.items()}
                    for r in hist.drop(columns=["measure_id"]).to_dict("records")],
        "revisions": [{k: c.iso(v) if isinstance(v, dt.date) else c.clean(v) for k, v in r.items()}
                      for r in revs.drop(columns=["measure_id"]).to_dict("records")],
        "slippage": {
            "deadline": [{"text": e["text"], "start": c.iso(e["start"]), "end": c.iso(e["end"]),
                          "known_on": c.iso(e["known_on"])} for e in chain],
            "events": [e for e in slipped_at(ctx) if e["ref"] == ref and not e["event_key"].startswith("deadline:")],
        },
        "links": [{k: c.clean(v) for k, v in r.items()} for r in ctx.links.to_dict("records")
                  if (r["from_plan_id"] == plan_id and r["from_ref"] == ref)
                  or (r["to_plan_id"] == plan_id and r["to_ref"] == ref)],
        "catalogue_source_url": own["source_url"], "catalogue_confidence": own["confidence"],
        "last_import": {"file_name": last_import["file_name"], "as_of": c.iso(last_import["as_of"]),
                        "imported_on": c.iso(last_import["started_at"].date())} if last_import else None,
        "carried_over": [{"plan": o.plan["id"], "plan_title": o.plan["title_fr"], "ref": o.measure["ref"],
                          "title": o.measure["title_fr"], "period_start": c.iso(o.plan.get("period_start")),
                          "rating": {k: c.iso(v) if isinstance(v, dt.date) else v for k, v in o.rating.items()
                                     if k != "measure_id"} if o.rating else None} for o in origins],
    })
    for k in ("status_date", "deadline_start", "deadline_end", "stalled_since", "last_change"):
        row[k] = c.iso(row[k])
    return row
