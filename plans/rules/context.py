"""The plan at a date D, loaded once per call: the ``Context`` every rule reads.

``load`` opens one connection, runs the queries (``plans.rules.queries``) and ``assemble`` builds the
per-measure table at D (``TABLE_COLUMNS``: status, deadline, overdue, stalled, …) with the pure rules
of ``plans.rules.compute``. The rule modules (``progress``, ``deadlines``, ``summary``, …) compute
their figures from that one ``Context``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from plans.i18n import text
from plans.rules import compute as c
from plans.rules import compute_events as ev
from plans.rules import queries as q

TABLE_COLUMNS = ["ref", "title_fr", "title_en", "kind", "counted", "axis_ref", "axis_label", "lead_body", "status",
                 "status_date", "status_date_precision", "voice", "summary", "source_url", "confidence", "deadline_text", "deadline_start",
                 "deadline_end", "overdue", "days_overdue", "stalled", "stalled_unchanged_days",
                 "stalled_times_postponed", "stalled_since", "postponements", "last_change", "carried_over_from", "has_overlaps",
                 "measure_id"]
COLUMN_INDEX = {name: i for i, name in enumerate(TABLE_COLUMNS)}
_COUNTED, _STALLED, _MEASURE_ID = COLUMN_INDEX["counted"], COLUMN_INDEX["stalled"], COLUMN_INDEX["measure_id"]

NO_STATE: list[Any] = [None] * len(c.MEASURE_STATE_COLUMNS)  # a measure without any assessment at D


class PlanNotFound(LookupError):
    """The plan id is not in the database (message in French)."""


def as_date(value: Any, name: str = "as_of") -> dt.date:
    """``value`` as a date: None is today, a datetime its day, a string ISO ``AAAA-MM-JJ``."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(text("rule.error.bad_date", name=name, value=value)) from exc


@dataclass
class Context:
    plan: dict
    as_of: dt.date
    th: c.Thresholds
    gov: ev.GovernanceRule
    measure_rows: list  # the plan's measures (``q.MEASURE_COLUMNS``), by ref
    voice_rows: list  # the state query's rows (``q.STATE_COLUMNS``): the state per measure × voice
    pooled: dict  # measure_id → values of ``c.MEASURE_STATE_COLUMNS`` (``c.pool_voices``)
    revisions: pd.DataFrame
    announcements: pd.DataFrame
    links: pd.DataFrame
    chains: dict
    events: list
    rows: list  # the table's rows as plain tuples (``TABLE_COLUMNS`` order); the DataFrame is built on demand
    refs: dict | None = None
    precision: dict = field(default_factory=dict)  # (measure_id, date) → 'month'|'year' for stalled « since »
    axes: list = field(default_factory=list)  # the labels of the plan's axes (``q.load_axis_labels``)
    # measure_id → {association: (status, as_of)}: each association's latest view at D (``q.load_association_views``)
    association_views: dict = field(default_factory=dict)
    _documented: pd.DataFrame | None = field(default=None, repr=False)
    _documented_rows: list | None = field(default=None, repr=False)
    _measures: pd.DataFrame | None = field(default=None, repr=False)
    _table: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def table(self) -> pd.DataFrame:
        """The per-measure table as a DataFrame (``TABLE_COLUMNS``; built on demand, then kept)."""
        if self._table is None:
            self._table = table_frame(self.rows)
        return self._table

    @property
    def documented_rows(self) -> list:
        """The rows of the documented measures (``counted``), plain tuples in ``TABLE_COLUMNS`` order."""
        if self._documented_rows is None:
            counted = [r for r in self.rows if r[_COUNTED]]
            self._documented_rows = self.rows if len(counted) == len(self.rows) else counted
        return self._documented_rows

    def missing(self, name: str) -> Any:
        """A missing value of this column as ``table[name].tolist()`` gives it back: NaN in a text
        column (pandas' str dtype: strings and at least one string), None otherwise."""
        i = COLUMN_INDEX[name]
        values = [r[i] for r in self.rows]
        text = any(type(v) is str for v in values) and all(v is None or isinstance(v, str) for v in values)
        return float("nan") if text else None

    @property
    def measures(self) -> pd.DataFrame:
        """The plan's measures as a DataFrame (``q.load_measures``; built on demand)."""
        if self._measures is None:
            self._measures = q.measures_frame(self.measure_rows)
        return self._measures

    @property
    def documented(self) -> pd.DataFrame:
        if self._documented is None:
            counted = self.table["counted"].astype(bool)
            # every measure counted (the usual case): the table itself, not a copy (read only)
            self._documented = self.table if counted.all() else self.table.loc[counted]
        return self._documented

    @property
    def states(self) -> pd.DataFrame:
        """The pooled state per measure as a DataFrame (``c.measure_states``; built on demand)."""
        return c.states_frame(self.pooled)

    def ref_of(self) -> dict[int, str]:
        """measure id → ref of the plan's measures."""
        if self.refs is None:
            self.refs = dict(zip(self.measures["id"].tolist(), self.measures["ref"].tolist(), strict=True))
        return self.refs

    def picked(self, rows: list[tuple], columns: list[str]) -> list[tuple]:
        """These columns of these table rows, a missing value as the table's DataFrame gives it back
        (``missing``) — the same values as ``tolist`` over ``documented``."""
        idx = [COLUMN_INDEX[col] for col in columns]
        out = [tuple(r[i] for i in idx) for r in rows]
        if any(v is None for r in out for v in r):
            na = [self.missing(col) for col in columns]
            out = [tuple(na[k] if v is None else v for k, v in enumerate(r)) for r in out]
        return out


def load(engine: Engine, plan_id: str, as_of: Any) -> Context:
    """The plan at ``as_of`` (one connection). Raises ``PlanNotFound``."""
    as_of = as_date(as_of)
    with engine.connect() as conn:
        plan = q.load_plan(conn, plan_id)
        if plan is None:
            known = ", ".join(q.plan_ids(conn)) or text("plan.none")
            raise PlanNotFound(f"{text('plan.unknown', plan=plan_id)} {text('plan.in_database', plans=known)}")
        measures = q.load_measure_rows(conn, plan_id)
        voice_rows = q.load_state_rows(conn, plan_id, as_of)
        revisions = q.load_revisions(conn, plan_id, ("deadline_text", "vanished"))
        announcements = q.load_announcements(conn, plan_id)
        links = q.load_links(conn, plan_id)
        ctx = assemble(plan, as_of, measures, voice_rows, revisions, announcements, links)
        stalled = [r[_MEASURE_ID] for r in ctx.rows if r[_STALLED]]
        ctx.precision = q.load_date_precision(conn, stalled, as_of) if stalled else {}
        ctx.axes = q.load_axis_labels(conn, plan_id)
        for mid, association, status, day in q.load_association_views(conn, plan_id, as_of):
            ctx.association_views.setdefault(mid, {})[association] = (status, day)
    return ctx


def _columns(rows: list[tuple], names: list[str]) -> dict[str, tuple]:
    return dict(zip(names, zip(*rows, strict=True) if rows else [()] * len(names), strict=True))


def assemble(plan: dict, as_of: dt.date, measure_rows: list[tuple], voice_rows: list[tuple],
             revisions: pd.DataFrame, announcements: pd.DataFrame, links: pd.DataFrame) -> Context:
    """The per-measure table at D from the plan's static data and the state query's rows
    (plain tuples in ``q.MEASURE_COLUMNS`` / ``q.STATE_COLUMNS`` order, missing values as None)."""
    th = c.Thresholds.from_settings(plan.get("settings"))
    gov = ev.GovernanceRule.from_settings(plan.get("settings"))
    vs = _columns(voice_rows, q.STATE_COLUMNS)
    pooled = c.pool_voices([vs[col] for col in c.POOL_COLUMNS])
    m = _columns(measure_rows, q.MEASURE_COLUMNS)
    # the chains need the revisions after D too (the old_value of the first one is the deadline at D)
    chains = c.deadline_chains_of(m["id"], m["deadline_text"], m["deadline_start"], m["deadline_end"], revisions,
                                  as_of, plan.get("period_start"), plan.get("period_end"))
    if not revisions.empty:
        revisions = revisions[revisions["as_of"] <= as_of]
    events = ev.event_chains(announcements, as_of)
    ev_ups: dict[int, list] = {}
    for e in events:
        if e["measure_id"] is not None:
            ev_ups.setdefault(e["measure_id"], []).extend(e["postponed_on"])
    overlapping = set()
    if not links.empty:
        lk = links[(links["from_plan_id"] == plan["id"]) & (links["state"] != "rejected")]
        overlapping = set(lk["from_ref"].dropna())
    cols = ["id", "ref", "title_fr", "kind", "counted", "source_url", "confidence", "title_en", "axis_ref",
            "axis_label", "lead_body", "carried_over_from"]
    # MEASURE_STATE_COLUMNS: status, as_of, voice, summary, comment, source_url, confidence,
    # status_as_reported, as_of_precision, last_change, …
    stall_limit = as_of - dt.timedelta(days=th.stalled_days)  # (as_of − d).days ≥ stalled_days ⇔ d ≤ stall_limit
    n_ups = th.stalled_postponements
    rows = []
    for (mid, ref, title_fr, kind, counted, msrc, mconf, title_en, axis_ref, axis_label, lead_body, cof) in zip(
            *[m[col] for col in cols], strict=True):
        status, sdate, voice, summ, _comment, src, conf, _sar, sprec, last_change = \
            pooled.get(mid, NO_STATE)[:10]
        status = status or "unknown"
        chain = chains[mid]
        cur = chain[-1] if chain else c.current_deadline(chain)
        end = cur["end"]
        late = c.is_overdue(status, end, as_of)
        if len(chain) > 1:
            ups = [e["known_on"] or e["start"] for e in c.count_postponements(chain)] + ev_ups.get(mid, [])
        else:  # a single deadline is never a postponement
            ups = ev_ups.get(mid, [])
        if status not in c.CLOSED and ((last_change is not None and last_change <= stall_limit) or len(ups) >= n_ups):
            why = c.stalled_reason(status, last_change, ups, as_of, th)
        else:  # cannot be stalled: neither old enough nor postponed often enough (stalled_reason would say None)
            why = None
        rows.append((ref, title_fr, title_en, kind, bool(counted), axis_ref, axis_label,
                     lead_body, status, sdate, sprec, voice, summ,
                     src if src is not None else msrc, conf if conf is not None else mconf,
                     cur["text"], cur["start"], end, late, (as_of - end).days if late else None,
                     why is not None, why["unchanged_days"] if why else None, why["times_postponed"] if why else None,
                     why["since"] if why else None, len([u for u in ups if u is not None and u <= as_of]) if ups else 0,
                     last_change, cof, ref in overlapping, mid))
    return Context(plan, as_of, th, gov, measure_rows, voice_rows, pooled, revisions, announcements, links,
                   chains, events, rows, refs=dict(zip(m["id"], m["ref"], strict=True)))


def table_frame(rows: list[tuple]) -> pd.DataFrame:
    """The per-measure table (``TABLE_COLUMNS``) as a DataFrame from its plain rows."""
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for col in ("days_overdue", "stalled_unchanged_days", "stalled_times_postponed"):
        table[col] = table[col].astype("Int64")
    for col in ("counted", "overdue", "stalled", "has_overlaps"):  # bool even when empty (row masks)
        table[col] = table[col].astype(bool)
    table["postponements"] = table["postponements"].astype(int)
    return table
