"""Public functions of the monitoring rules (see ``plans.rules`` for the rules)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine


class PlanNotFound(LookupError):
    """The plan id is not in the database (message in French)."""


def summary(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Everything the dashboard front page shows, JSON-able (dates as ISO strings).

    Keys: plan, plan_title, as_of, period_start, period_end, measures_declared,
    measures_documented, by_status {code: count} (8 codes), progress, coverage, freshness,
    time_elapsed, projection, overdue, no_deadline, stalled, slipped, not_held, governance,
    divergences, last_meeting_held, thresholds.
    """
    raise NotImplementedError


def measures_table(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per measure of the plan (documented ones and related actions, ``counted``)."""
    raise NotImplementedError


def measure_detail(engine: Engine, plan_id: str, ref: str, as_of: dt.date | None = None) -> dict:
    """The measures_table row plus history, revisions, slippage, links, carried_over."""
    raise NotImplementedError


def progress_by(engine: Engine, plan_id: str, as_of: dt.date | None = None, by: str = "axis") -> pd.DataFrame:
    """Roll-up per axis or per lead body: group, one column per status, documented, progress, coverage_note."""
    raise NotImplementedError


def progress_history(engine: Engine, plan_id: str, until: dt.date | None = None) -> pd.DataFrame:
    """One row per distinct assessment date: date, counts per status, progress, documented."""
    raise NotImplementedError


def changes(engine: Engine, plan_id: str, since: dt.date, until: dt.date | None = None) -> list[dict]:
    """What changed in (since, until]: list of {ref, subject, what, before, after, date}."""
    raise NotImplementedError


def slippage(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Slippage ledger: announced events and measure deadlines whose date moved."""
    raise NotImplementedError


def not_held(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Events announced whose latest announced date has passed at D without being held."""
    raise NotImplementedError


def governance(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Committee meetings held per calendar year vs required: {year: {held, required, met}}."""
    raise NotImplementedError


def overdue(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Documented measures past the latest date of their deadline, neither done nor abandoned."""
    raise NotImplementedError


def stalled(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Stalled measures (computed): [{ref, title, reason, reason_en, since}]."""
    raise NotImplementedError


def divergences(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Measures whose voices (government / civil society / independent) disagree at D."""
    raise NotImplementedError


def generations(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Measures carried over from earlier plans (with cumulative age) and comparison of plans."""
    raise NotImplementedError


def explain(engine: Engine, plan_id: str, what: str, as_of: dt.date | None = None,
            ref: str | None = None) -> list[dict]:
    """The rows behind a figure (``what`` = progress, coverage, freshness, overdue, stalled...)."""
    raise NotImplementedError
