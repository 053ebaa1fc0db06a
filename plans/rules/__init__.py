"""Monitoring rules of Vigie: what a plan looks like at any date D.

Every function takes an SQLAlchemy engine and a plan id and is read-only. ``as_of``
defaults to today. Rules (documented in detail in ``plans/rules/compute.py`` and ``compute_events.py``):

* State at D = the latest assessment on or before D (ties on the same day: the row
  recorded last, i.e. highest id). Per measure the state is the latest row of any voice;
  per voice too. Rows dated after D are never read, so a later snapshot never changes an
  earlier result.
* Thresholds come from ``plans.settings['thresholds']`` (stalled_days, stalled_postponements,
  freshness_days, partial_weight), else the defaults of ``compute.Thresholds``.

The computations are pure functions (``plans.rules.compute``, the announced events ``compute_events``,
over time ``compute_history``); the SQL lives in ``plans.rules.queries``; ``context`` loads a plan at D
once per call; one module
per group of indicators: ``progress`` (progress, roll-ups, divergent voices), ``deadlines``
(overdue, stalled, slipped dates, events not held, committee meetings), ``figures`` (``summary``,
the front page's figures, and ``explain``, the rows behind each), ``measures`` (the table, one
measure's file), ``plan_changes``, ``timeline`` (progress over time) and ``plan_generations``.
Modules are not named after the functions this package exports (``plans.rules.summary`` is the
function).
"""

from __future__ import annotations

from plans.rules.context import PlanNotFound
from plans.rules.deadlines import governance, not_held, overdue, slippage, stalled
from plans.rules.figures import explain, summary
from plans.rules.measures import measure_detail, measures_table
from plans.rules.plan_changes import changes
from plans.rules.plan_generations import generations
from plans.rules.progress import divergences, progress_by
from plans.rules.timeline import progress_history

__all__ = [
    "PlanNotFound",
    "changes",
    "divergences",
    "explain",
    "generations",
    "governance",
    "measure_detail",
    "measures_table",
    "not_held",
    "overdue",
    "progress_by",
    "progress_history",
    "slippage",
    "stalled",
    "summary",
]
