"""The plan's figures at D (``summary``) and the rows behind each of them (``explain``).

One ``Context`` per call; every figure comes from the ``progress`` and ``deadlines`` rules.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from plans.i18n import text
from plans.rules import compute as c
from plans.rules import compute_events as ev
from plans.rules import queries as q
from plans.rules.context import Context, load
from plans.rules.deadlines import governance_at, no_deadline_at, not_held_at, overdue_at, slipped_at, stalled_at
from plans.rules.progress import divergences_at, freshness_at, progress_at
from plans.runtime import without_gc


@without_gc
def summary(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Everything the dashboard front page shows, JSON-able (dates as ISO strings).

    Keys: plan, plan_title, as_of, period_start, period_end, measures_declared,
    measures_documented, by_status {code: count} (8 codes), progress, coverage, freshness,
    time_elapsed, projection, overdue, no_deadline, stalled, slipped, not_held, governance
    ({"2024": {held, required, met, complete_year}} — year keys are strings), divergences,
    last_meeting_held, thresholds, governance_rule.
    """
    return summary_at(load(engine, plan_id, as_of))


def summary_at(ctx: Context) -> dict:
    p = progress_at(ctx)
    plan = ctx.plan
    declared = plan.get("measures_declared")
    start, end = plan.get("period_start"), plan.get("period_end")
    return {
        "plan": plan["id"], "plan_title": plan["title_fr"], "plan_title_en": plan.get("title_en"),
        "plan_short_title": plan.get("short_title"), "as_of": ctx.as_of.isoformat(),
        "period_start": c.iso(start), "period_end": c.iso(end),
        "measures_declared": declared, "measures_documented": p.documented,
        "by_status": p.by_status, "progress": p.progress,
        "coverage": (p.documented / declared) if declared else None,
        "freshness": freshness_at(ctx),
        "time_elapsed": c.time_elapsed(start, end, ctx.as_of),
        "projection": c.iso(c.projection(start, ctx.as_of, p.progress)),
        "overdue": overdue_at(ctx),
        "no_deadline": no_deadline_at(ctx),
        "stalled": stalled_at(ctx),
        "slipped": slipped_at(ctx),
        "not_held": not_held_at(ctx),
        "governance": governance_at(ctx),
        "governance_rule": (plan.get("settings") or {}).get("governance", {}).get("rule_text"),
        "divergences": divergences_at(ctx),
        "last_meeting_held": c.iso(ev.last_meeting(ctx.announcements, ctx.gov, ctx.as_of)),
        "thresholds": {"stalled_days": ctx.th.stalled_days, "stalled_postponements": ctx.th.stalled_postponements,
                       "freshness_days": ctx.th.freshness_days, "partial_weight": ctx.th.partial_weight},
    }


EXPLAIN_WHATS = ("progress", "by_status", "coverage", "freshness", "overdue", "no_deadline", "stalled", "slipped",
                 "not_held", "governance", "divergences", "time_elapsed", "projection", "status")


@without_gc
def explain(engine: Engine, plan_id: str, what: str, as_of: dt.date | None = None,
            ref: str | None = None) -> list[dict]:
    """The rows behind a figure. ``what`` ∈ progress, by_status, coverage, freshness, overdue,
    no_deadline, stalled, slipped, not_held, governance, divergences, time_elapsed, projection,
    status. With ``ref`` the rows are limited to that measure (for stalled/status: also its
    assessment history, rows with ``row="assessment"``)."""
    if what not in EXPLAIN_WHATS:
        raise ValueError(text("rule.error.unknown_indicator", what=what, choices=", ".join(EXPLAIN_WHATS)))
    ctx = load(engine, plan_id, as_of)
    rows = explain_at(ctx, what)
    if ref is not None:
        rows = [r for r in rows if r.get("ref") == ref]
        if what in ("stalled", "status", "progress", "freshness"):
            t = ctx.table[ctx.table["ref"] == ref]
            if not t.empty:
                with engine.connect() as conn:
                    hist = q.load_history(conn, plan_id, ctx.as_of, measure_ids=[int(t["measure_id"].iloc[0])])
                rows += [{"row": "assessment", "ref": ref, **{k: c.iso(v) if isinstance(v, dt.date) else c.clean(v)
                                                             for k, v in r.items() if k != "measure_id"}}
                         for r in hist.to_dict("records")]
    return rows


def explain_at(ctx: Context, what: str) -> list[dict]:
    d = ctx.documented
    w = ctx.th.partial_weight
    if what in ("progress", "by_status", "coverage", "status"):
        weight = {"done": 1.0, "partial": w}
        return [{"row": "measure", "ref": r.ref, "title": r.title_fr, "status": r.status,
                 "status_date": c.iso(r.status_date), "status_date_precision": c.clean(r.status_date_precision),
                 "voice": r.voice, "weight": weight.get(r.status, 0.0),
                 "source_url": r.source_url, "confidence": r.confidence} for r in d.itertuples(index=False)]
    if what == "freshness":
        limit = ctx.as_of - dt.timedelta(days=ctx.th.freshness_days)
        return [{"row": "measure", "ref": r.ref, "status_date": c.iso(r.status_date),
                 "age_days": (ctx.as_of - r.status_date).days if c.clean(r.status_date) else None,
                 "fresh": c.clean(r.status_date) is not None and r.status_date >= limit}
                for r in d.itertuples(index=False)]
    if what == "overdue":
        return [{"row": "measure", **r} for r in overdue_at(ctx)]
    if what == "no_deadline":
        return [{"row": "measure", "ref": r.ref, "title": r.title_fr, "deadline_text": r.deadline_text}
                for r in d[d["deadline_end"].isna()].itertuples(index=False)]
    if what == "stalled":
        return [{"row": "stalled", **r} for r in stalled_at(ctx)]
    if what == "slipped":
        return [{"row": "event", **r} for r in slipped_at(ctx)]
    if what == "not_held":
        return [{"row": "event", **r} for r in not_held_at(ctx)]
    if what == "divergences":
        return [{"row": "measure", **r} for r in divergences_at(ctx)]
    if what == "governance":
        a = ctx.announcements
        if a.empty:
            return []
        mask = (a["kind"] == "held") & a["event_key"].str.startswith(ctx.gov.prefix)
        return [{"row": "meeting", "event_key": r.event_key, "subject": r.subject, "held_on": c.iso(r.held_on),
                 "year": r.held_on.year, "source_url": r.source_url}
                for r in a[mask].itertuples(index=False) if c.clean(r.held_on) is not None and r.held_on <= ctx.as_of]
    # time_elapsed / projection
    p = progress_at(ctx)
    start, end = ctx.plan.get("period_start"), ctx.plan.get("period_end")
    return [{"row": "computation", "period_start": c.iso(start), "period_end": c.iso(end),
             "as_of": ctx.as_of.isoformat(), "days_elapsed": (ctx.as_of - start).days if start else None,
             "days_total": (end - start).days if start and end else None,
             "time_elapsed": c.time_elapsed(start, end, ctx.as_of), "progress": p.progress,
             "projection": c.iso(c.projection(start, ctx.as_of, p.progress)),
             "rule": "projection"}]  # start + days elapsed / progress (plans.wording.explain_rule words it)
