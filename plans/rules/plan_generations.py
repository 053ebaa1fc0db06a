"""Plan generations: the measures carried over from an earlier plan, and the progress of each tracked plan."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from plans.rules import compute as c
from plans.rules import queries as q
from plans.rules.context import load
from plans.rules.progress import progress_at
from plans.runtime import without_gc


@without_gc
def generations(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Carried-over measures (with cumulative age in years since the earlier plan's start) and a
    comparison of plan generations (evaluation from settings, else progress computed at D)."""
    ctx = load(engine, plan_id, as_of)
    with engine.connect() as conn:
        plans = {p["id"]: p for p in q.load_plans(conn)}
        carried = []
        lk = ctx.links
        pairs = []
        if not lk.empty:
            for r in lk[(lk["from_plan_id"] == plan_id) & (lk["kind"] == "carried_over")
                        & (lk["state"] != "rejected")].itertuples(index=False):
                pairs.append((r.from_ref, r.to_plan_id, r.to_ref))
        seen = {(a, b) for a, _, b in pairs}
        for m in ctx.measures.itertuples(index=False):
            if c.clean(m.carried_over_from) and (m.ref, m.carried_over_from) not in seen:
                pairs.append((m.ref, None, m.carried_over_from))
        for ref, oplan, oref in pairs:
            cands = [oplan] if oplan else [p for p in plans if p != plan_id]
            for pid in cands:
                found = q.load_measures_by_ref(conn, pid, [oref]) if oref else []
                if not found:
                    continue
                om = found[0]
                op = plans[pid]
                rating = q.load_origin_ratings(conn, [om["id"]]).get(om["id"])
                start = op.get("period_start")
                row = ctx.table[ctx.table["ref"] == ref]
                carried.append({
                    "ref": ref, "title": row["title_fr"].iloc[0] if len(row) else None,
                    "status": row["status"].iloc[0] if len(row) else None,
                    "from_plan": pid, "from_ref": oref, "from_title": om["title_fr"],
                    "from_period_start": c.iso(start),
                    "age_years": round((ctx.as_of - start).days / 365.25, 1) if start else None,
                    "from_rating": rating["status"] if rating else None,
                    "from_rating_as_reported": rating["status_as_reported"] if rating else None,
                })
                break
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
                    entry["progress_source"] = f"évaluation {ev.get('by', '')} {ev.get('date', '')}".strip()
            elif pid == plan_id:
                entry["progress"] = me_progress.progress
                entry["progress_source"] = f"Vigie au {ctx.as_of.isoformat()} ({me_progress.documented} mesures documentées)"
            gens.append(entry)
    gens.sort(key=lambda g: g["period_start"] or "")
    return {"plan": plan_id, "as_of": ctx.as_of.isoformat(), "carried_over": carried, "generations": gens}
