"""Progress over time: the counts per status and the progress at each assessment date.

The SQL returns the status steps as arrays (``queries.load_status_steps``); the computation is
``compute_history.progress_history_steps`` (the row loop ``progress_history`` when a status is
outside the vocabulary).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine

from plans.i18n import text
from plans.rules import compute as c
from plans.rules import compute_history as ch
from plans.rules import queries as q
from plans.rules.context import PlanNotFound, as_date
from plans.runtime import without_gc


@without_gc
def progress_history(engine: Engine, plan_id: str, until: dt.date | None = None) -> pd.DataFrame:
    """One row per distinct assessment date (≤ until): date, counts per status, progress, documented."""
    until = as_date(until, "until")
    with engine.connect() as conn:
        plan = q.load_plan(conn, plan_id)
        if plan is None:
            raise PlanNotFound(text("plan.unknown", plan=plan_id))
        measures = q.load_measures(conn, plan_id)
        steps = q.load_status_steps(conn, plan_id, until)
        weight = c.Thresholds.from_settings(plan.get("settings")).partial_weight
        if len(steps["code"]) and steps["code"].min() < 0:  # a status outside the vocabulary: the row loop
            return ch.progress_history(measures, q.load_history(conn, plan_id, until), weight)
    return ch.progress_history_steps(int(measures["counted"].sum()), steps, weight)
