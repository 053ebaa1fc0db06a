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
from plans.vocab import STATUS_CODES

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
    out = []
    refs = ctx.ref_of()
    for mid, st in ctx.pooled.items():
        voices = st[11]
        if len(voices) < 2:  # a single voice never diverges
            continue
        div = c.divergence(voices)
        if div is not None:
            out.append({"ref": refs.get(mid), **div, "dates": {v: c.iso(d) for v, d in st[12].items()}})
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
    """Measures whose voices disagree at D: [{ref, government, civil_society, independent, dates}]
    (values are status codes, None when the voice has no assessment)."""
    return divergences_at(load(engine, plan_id, as_of))


@without_gc
def progress_by(engine: Engine, plan_id: str, as_of: dt.date | None = None, by: str = "axis") -> pd.DataFrame:
    """Roll-up of documented measures per axis (``by="axis"``) or lead body (``"lead_body"``):
    columns group (None for the measures with no axis / lead body), one per status code,
    documented, progress."""
    if by not in ROLLUP_KEYS:
        raise ValueError(text("rule.error.bad_rollup"))
    return progress_by_at(load(engine, plan_id, as_of), by)
