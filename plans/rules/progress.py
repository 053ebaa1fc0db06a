"""Progress, freshness and divergent voices at D, and the roll-ups per axis or lead body.

The ``*_at(ctx)`` functions compute from a loaded ``Context`` (the plan at D); the public ones load
it first. Rules: ``plans.rules.compute`` (progress, freshness, divergence).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine

from plans.i18n import text
from plans.rules import compute as c
from plans.rules.context import COLUMN_INDEX, Context, load
from plans.runtime import without_gc
from plans.vocab import STATUS_CODES, VOICES

_STATUS, _STATUS_DATE = COLUMN_INDEX["status"], COLUMN_INDEX["status_date"]

ROLLUP_COLUMNS = ["group", *STATUS_CODES, "documented", "progress"]
ROLLUP_KEYS = {"axis": "axis_label", "lead_body": "lead_body"}


def progress_at(ctx: Context) -> c.Progress:
    return c.progress_of([r[_STATUS] for r in ctx.documented_rows], ctx.th.partial_weight)  # never missing


def freshness_at(ctx: Context) -> float | None:
    d = ctx.documented_rows
    if not d:
        return None
    limit = ctx.as_of - dt.timedelta(days=ctx.th.freshness_days)
    fresh = sum(1 for r in d if (x := r[_STATUS_DATE]) is not None and x >= limit)
    return fresh / len(d)


def divergences_at(ctx: Context) -> list[dict]:
    """The measures whose voices disagree at D, or whose associations do (two associations' latest views with
    different statuses: flagged alike, the record then names each association's status and date)."""
    out = []
    refs = ctx.ref_of()
    views = ctx.association_views
    for mid, st in ctx.pooled.items():
        voices = st[11]
        div = c.divergence(voices) if len(voices) >= 2 else None  # a single voice never diverges
        mine = views.get(mid)
        split = mine is not None and c.association_divergence({a: v[0] for a, v in mine.items()})
        if div is None and not split:
            continue
        row = {"ref": refs.get(mid), **(div or {v: voices.get(v) for v in VOICES}),
               "dates": {v: c.iso(d) for v, d in st[12].items()}}
        if mine:  # each association's latest view, named (only where associations wrote)
            row["associations"] = {a: mine[a][0] for a in sorted(mine)}
            row["association_dates"] = {a: c.iso(mine[a][1]) for a in sorted(mine)}
        out.append(row)
    return sorted(out, key=lambda r: r["ref"] or "")


def progress_by_at(ctx: Context, by: str) -> pd.DataFrame:
    """The roll-up (``ROLLUP_COLUMNS``): one row per axis label or lead body, by name — by axis, every axis
    of the plan, those with no documented measure included (0 documented, progress None); the measures
    with none form one last group whose ``group`` is missing (None)."""
    d = ctx.documented
    rows, unnamed = {}, None
    for group, grp in d.groupby(d[ROLLUP_KEYS[by]], sort=True, dropna=False):
        p = c.progress_of(list(grp["status"]), ctx.th.partial_weight)
        row = {"group": None if pd.isna(group) else group, **p.by_status, "documented": p.documented,
               "progress": p.progress}
        if row["group"] is None:
            unnamed = row
        else:
            rows[row["group"]] = row
    if by == "axis":
        empty = c.progress_of([], ctx.th.partial_weight)
        for label in ctx.axes:
            rows.setdefault(label, {"group": label, **empty.by_status, "documented": 0, "progress": None})
    out = [rows[k] for k in sorted(rows)] + ([unnamed] if unnamed is not None else [])
    return pd.DataFrame(out, columns=ROLLUP_COLUMNS)


@without_gc
def divergences(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Measures whose voices disagree at D, or whose associations do: [{ref, government, civil_society,
    independent, dates}] (values are status codes, None when the voice has no assessment), with ``associations``
    ({name: status}) and ``association_dates`` where associations wrote."""
    return divergences_at(load(engine, plan_id, as_of))


@without_gc
def progress_by(engine: Engine, plan_id: str, as_of: dt.date | None = None, by: str = "axis") -> pd.DataFrame:
    """Roll-up of documented measures per axis (``by="axis"``) or lead body (``"lead_body"``):
    columns group (None for the measures with no axis / lead body), one per status code,
    documented, progress."""
    if by not in ROLLUP_KEYS:
        raise ValueError(text("rule.error.bad_rollup"))
    return progress_by_at(load(engine, plan_id, as_of), by)
