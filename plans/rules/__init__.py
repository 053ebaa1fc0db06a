"""Monitoring rules of Vigie (issue 4): what a plan looks like at any date D.

Every function takes an SQLAlchemy engine and a plan id and is read-only. ``as_of``
defaults to today. Rules (documented in detail in ``plans/rules/compute.py``):

* State at D = the latest assessment on or before D (ties on the same day: the row
  recorded last, i.e. highest id). Per measure the state is the latest row of any voice;
  per voice too. Rows dated after D are never read, so a later snapshot never changes an
  earlier result.
* Thresholds come from ``plans.settings['thresholds']`` (stalled_days, stalled_postponements,
  freshness_days, partial_weight) with the issue's defaults.

The computations are pure functions over pandas DataFrames (``plans.rules.compute``);
the SQL lives in ``plans.rules.queries``; this module glues them.
"""

from __future__ import annotations

from plans.rules.api import (
    PlanNotFound,
    changes,
    divergences,
    explain,
    generations,
    governance,
    measure_detail,
    measures_table,
    not_held,
    overdue,
    progress_by,
    progress_history,
    slippage,
    stalled,
    summary,
)

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
