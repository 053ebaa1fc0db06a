"""What changed in a plan between two dates (``changes``).

Loads the plan at ``since`` and at ``until`` (two ``Context``s from one connection) and the
assessments dated in between; the rules are ``compute_history.changes``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine

from plans.i18n import text
from plans.rules import compute_history as ch
from plans.rules import queries as q
from plans.rules.context import PlanNotFound, as_date, assemble
from plans.runtime import without_gc


@without_gc
def changes(engine: Engine, plan_id: str, since: dt.date, until: dt.date | None = None) -> list[dict]:
    """What changed in (since, until], sorted by date: list of {ref, subject, what, before,
    after, date, voice}. ``what`` ∈ status, information, overdue, postponement, deadline,
    added, vanished, held, not_held."""
    since = as_date(since, "since")
    until = as_date(until, "until")
    if until < since:
        raise ValueError(text("rule.error.until_before_since"))
    with engine.connect() as conn:
        plan = q.load_plan(conn, plan_id)
        if plan is None:
            raise PlanNotFound(f"{text('plan.unknown', plan=plan_id)} "
                               f"{text('plan.in_database', plans=', '.join(q.plan_ids(conn)))}")
        measures = q.load_measure_rows(conn, plan_id)
        revisions = q.load_revisions(conn, plan_id, ("deadline_text", "vanished"))
        announcements = q.load_announcements(conn, plan_id)
        links = q.load_links(conn, plan_id)
        rows_before = q.load_state_rows(conn, plan_id, since)
        rows_after = q.load_state_rows(conn, plan_id, until)
        window = q.load_history_window(conn, plan_id, since, until)
        informed = q.load_latest_informed(conn, plan_id, since)
        all_revs = q.load_revisions(conn, plan_id)
    before = assemble(plan, since, measures, rows_before, revisions, announcements, links)
    after = assemble(plan, until, measures, rows_after, revisions, announcements, links)
    states_before = q.state_frame(rows_before)
    # Only rows dated in (since, until] can be changes; the row before the first of them (per
    # measure × voice) is the state at ``since``: the same answer as the full history ≤ until.
    # The latest row at ``since`` that carried information comes first: a later text is news only
    # when it differs from that one (the row at ``since`` may be a blank confirmation).
    informed = informed[~informed["id"].isin(states_before["id"])]
    parts = [f for f in (informed, states_before[q.HISTORY_COLUMNS], window) if len(f)]
    hist = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else window)
    return ch.changes(before, after, hist, all_revs, since, until)
