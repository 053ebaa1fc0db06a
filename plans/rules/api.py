"""Public functions of the monitoring rules (see ``plans.rules.compute`` for the rules).

Each call opens one connection, runs a few queries (``plans.rules.queries``) and computes in
Python (``plans.rules.compute``). ``as_of`` defaults to today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from plans.dates import parse_vague
from plans.rules import compute as c
from plans.rules import queries as q
from plans.runtime import without_gc
from plans.vocab import STARTED_STATUSES, STATUS_CODES

TABLE_COLUMNS = ["ref", "title_fr", "title_en", "kind", "counted", "axis_ref", "axis_label", "lead_body", "status",
                 "status_date", "status_date_precision", "voice", "summary", "source_url", "confidence", "deadline_text", "deadline_start",
                 "deadline_end", "overdue", "days_overdue", "stalled", "stalled_reason", "stalled_reason_en",
                 "stalled_since", "postponements", "last_change", "carried_over_from", "has_overlaps",
                 "measure_id"]


class PlanNotFound(LookupError):
    """The plan id is not in the database (message in French)."""


def _today() -> dt.date:
    return dt.date.today()


def _as_date(value, name: str = "as_of") -> dt.date:
    if value is None:
        return _today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"Date invalide pour {name} : « {value} » (format attendu AAAA-MM-JJ).") from exc


@dataclass
class Context:
    plan: dict
    as_of: dt.date
    th: c.Thresholds
    gov: c.GovernanceRule
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

    def missing(self, name: str):
        """A missing value of this column as ``table[name].tolist()`` gives it back: NaN in a text
        column (pandas' str dtype: strings and at least one string), None otherwise."""
        i = _COLUMN_INDEX[name]
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
    def voice_states(self) -> pd.DataFrame:
        """The state per measure × voice as a DataFrame (``q.STATE_COLUMNS``; built on demand)."""
        return q.state_frame(self.voice_rows)

    @property
    def states(self) -> pd.DataFrame:
        """The pooled state per measure as a DataFrame (``c.measure_states``; built on demand)."""
        return c.states_frame(self.pooled)


def _load(engine: Engine, plan_id: str, as_of) -> Context:
    as_of = _as_date(as_of)
    with engine.connect() as conn:
        plan = q.load_plan(conn, plan_id)
        if plan is None:
            known = ", ".join(q.plan_ids(conn)) or "aucun"
            raise PlanNotFound(f"Plan inconnu : « {plan_id} ». Plans en base : {known}.")
        measures = q.load_measure_rows(conn, plan_id)
        voice_rows = q.load_state_rows(conn, plan_id, as_of)
        revisions = q.load_revisions(conn, plan_id, ("deadline_text", "vanished"))
        announcements = q.load_announcements(conn, plan_id)
        links = q.load_links(conn, plan_id)
        ctx = _assemble(plan, as_of, measures, voice_rows, revisions, announcements, links)
        stalled = [r[_MEASURE_ID] for r in ctx.rows if r[_STALLED]]
        ctx.precision = q.load_date_precision(conn, stalled, as_of) if stalled else {}
    return ctx


_NO_STATE = [None] * len(c.MEASURE_STATE_COLUMNS)


def _columns(rows: list[tuple], names: list[str]) -> dict[str, tuple]:
    return dict(zip(names, zip(*rows, strict=True) if rows else [()] * len(names), strict=True))


def _assemble(plan, as_of, measure_rows, voice_rows, revisions, announcements, links) -> Context:
    """The per-measure table at D from the plan's static data and the state query's rows
    (plain tuples in ``q.MEASURE_COLUMNS`` / ``q.STATE_COLUMNS`` order, missing values as None)."""
    th = c.Thresholds.from_settings(plan.get("settings"))
    gov = c.GovernanceRule.from_settings(plan.get("settings"))
    vs = _columns(voice_rows, q.STATE_COLUMNS)
    pooled = c.pool_voices([vs[col] for col in c.POOL_COLUMNS])
    m = _columns(measure_rows, q.MEASURE_COLUMNS)
    # the chains need the revisions after D too (the old_value of the first one is the deadline at D)
    chains = c.deadline_chains_of(m["id"], m["deadline_text"], m["deadline_start"], m["deadline_end"], revisions,
                                  as_of, plan.get("period_start"), plan.get("period_end"))
    if not revisions.empty:
        revisions = revisions[revisions["as_of"] <= as_of]
    events = c.event_chains(announcements, as_of)
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
            pooled.get(mid, _NO_STATE)[:10]
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
                     why is not None, why["reason"] if why else None, why["reason_en"] if why else None,
                     why["since"] if why else None, len([u for u in ups if u is not None and u <= as_of]) if ups else 0,
                     last_change, cof, ref in overlapping, mid))
    return Context(plan, as_of, th, gov, measure_rows, voice_rows, pooled, revisions, announcements, links,
                   chains, events, rows, refs=dict(zip(m["id"], m["ref"], strict=True)))


_COLUMN_INDEX = {name: i for i, name in enumerate(TABLE_COLUMNS)}
_COUNTED, _STALLED, _MEASURE_ID = _COLUMN_INDEX["counted"], _COLUMN_INDEX["stalled"], _COLUMN_INDEX["measure_id"]


def table_frame(rows: list[tuple]) -> pd.DataFrame:
    """The per-measure table (``TABLE_COLUMNS``) as a DataFrame from its plain rows."""
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    table["days_overdue"] = table["days_overdue"].astype("Int64")
    for col in ("counted", "overdue", "stalled", "has_overlaps"):  # bool even when empty (row masks)
        table[col] = table[col].astype(bool)
    table["postponements"] = table["postponements"].astype(int)
    return table


_pylist = c.clean_list  # column values as Python objects, missing ones as None


# --------------------------------------------------------------------------- pieces

def _picked(ctx: Context, rows: list[tuple], columns: list[str]) -> list[tuple]:
    """These columns of these table rows, a missing value as the table's DataFrame gives it back
    (``Context.missing``) — the same values as ``tolist`` over ``ctx.documented``."""
    idx = [_COLUMN_INDEX[col] for col in columns]
    out = [tuple(r[i] for i in idx) for r in rows]
    if any(v is None for r in out for v in r):
        na = [ctx.missing(col) for col in columns]
        out = [tuple(na[k] if v is None else v for k, v in enumerate(r)) for r in out]
    return out


_OVERDUE, _DAYS, _REF = _COLUMN_INDEX["overdue"], _COLUMN_INDEX["days_overdue"], _COLUMN_INDEX["ref"]
_SINCE, _STATUS = _COLUMN_INDEX["stalled_since"], _COLUMN_INDEX["status"]


def _overdue(ctx: Context) -> list[dict]:
    rows = sorted((r for r in ctx.documented_rows if r[_OVERDUE]), key=lambda r: (-r[_DAYS], r[_REF]))
    cols = ["days_overdue", "ref", "title_fr", "deadline_text", "deadline_start", "deadline_end", "status"]
    return [{"ref": ref, "title": title, "deadline": text, "deadline_start": c.iso(start),
             "deadline_end": c.iso(end), "days_overdue": int(days), "status": status}
            for days, ref, title, text, start, end, status in _picked(ctx, rows, cols)]


def _stalled(ctx: Context) -> list[dict]:
    # a stalled row always has its « since » (stalled_reason); refs are distinct within a plan
    rows = sorted((r for r in ctx.documented_rows if r[_STALLED]), key=lambda r: (r[_SINCE], r[_REF]))
    cols = ["stalled_since", "ref", "title_fr", "stalled_reason", "stalled_reason_en", "status", "measure_id"]
    return [{"ref": ref, "title": title, "reason": reason, "reason_en": reason_en, "since": c.iso(since),
             "status": status,
             # the « since » of a source dated to the month is that month, not its last day
             "since_precision": ctx.precision.get((mid, since))}
            for since, ref, title, reason, reason_en, status, mid in _picked(ctx, rows, cols)]


def _ref_of(ctx: Context) -> dict[int, str]:
    if ctx.refs is None:
        ctx.refs = dict(zip(ctx.measures["id"].tolist(), ctx.measures["ref"].tolist(), strict=True))
    return ctx.refs


def _slipped(ctx: Context) -> list[dict]:
    refs = _ref_of(ctx)
    out = []
    for e in ctx.events:
        out.append({"event_key": e["event_key"], "subject": e["subject"], "ref": refs.get(e["measure_id"]),
                    "announced": e["announced"],
                    "announced_ranges": [[c.iso(a), c.iso(b)] for a, b in e["announced_ranges"]],
                    "held_on": c.iso(e["held_on"]), "postponements": e["postponements"],
                    "days_slipped": e["days_slipped"], "state": e["state"], "source_url": e["source_url"]})
    for mid, chain in ctx.chains.items():
        if len(chain) < 2:
            continue
        dated = [e for e in chain if e["end"] is not None]
        if not dated:
            continue
        last = dated[-1]
        # the table's status: the pooled one (a measure without assessment is « unknown », not done)
        done = ctx.pooled.get(mid, _NO_STATE)[0] == "done"
        state = "held" if done else ("pending" if last["end"] >= ctx.as_of else "not_held")
        out.append({"event_key": f"deadline:{refs[mid]}", "subject": f"Échéance de la mesure {refs[mid]}",
                    "ref": refs[mid], "announced": [e["text"] for e in chain],
                    "announced_ranges": [[c.iso(e["start"]), c.iso(e["end"])] for e in chain],
                    "held_on": None, "postponements": len(c.count_postponements(chain)),
                    "days_slipped": (last["end"] - dated[0]["end"]).days, "state": state, "source_url": None})
    return out


def _not_held(ctx: Context) -> list[dict]:
    refs = _ref_of(ctx)
    return [{"event_key": e["event_key"], "subject": e["subject"], "ref": refs.get(e["measure_id"]),
             "expected": e["expected"], "expected_end": c.iso(e["expected_end"]), "days_late": e["days_late"],
             "postponements": e["postponements"], "source_url": e["source_url"]}
            for e in ctx.events if e["state"] == "not_held"]


def _governance(ctx: Context) -> dict:
    years = c.governance_by_year(ctx.announcements, ctx.gov, ctx.plan.get("period_start"), ctx.as_of)
    return {str(y): v for y, v in years.items()}


def _divergences(ctx: Context) -> list[dict]:
    out = []
    refs = _ref_of(ctx)
    for mid, st in ctx.pooled.items():
        voices = st[11]
        if len(voices) < 2:  # a single voice never diverges
            continue
        div = c.divergence(voices)
        if div is not None:
            out.append({"ref": refs.get(mid), **div, "dates": {v: c.iso(d) for v, d in st[12].items()}})
    return sorted(out, key=lambda r: r["ref"] or "")


def _progress(ctx: Context) -> c.Progress:
    return c.progress_of([r[_STATUS] for r in ctx.documented_rows], ctx.th.partial_weight)  # never missing


_STATUS_DATE, _DEADLINE_END = _COLUMN_INDEX["status_date"], _COLUMN_INDEX["deadline_end"]


def _freshness(ctx: Context) -> float | None:
    d = ctx.documented_rows
    if not d:
        return None
    limit = ctx.as_of - dt.timedelta(days=ctx.th.freshness_days)
    fresh = sum(1 for r in d if (x := r[_STATUS_DATE]) is not None and x >= limit)
    return fresh / len(d)


def _no_deadline(ctx: Context) -> list[str]:
    return sorted(r[_REF] for r in ctx.documented_rows if r[_DEADLINE_END] is None)


# --------------------------------------------------------------------------- public API

@without_gc
def summary(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Everything the dashboard front page shows, JSON-able (dates as ISO strings).

    Keys: plan, plan_title, as_of, period_start, period_end, measures_declared,
    measures_documented, by_status {code: count} (8 codes), progress, coverage, freshness,
    time_elapsed, projection, overdue, no_deadline, stalled, slipped, not_held, governance
    ({"2024": {held, required, met, complete_year}} — year keys are strings), divergences,
    last_meeting_held, thresholds, governance_rule.
    """
    ctx = _load(engine, plan_id, as_of)
    return _summary(ctx)


def _summary(ctx: Context) -> dict:
    p = _progress(ctx)
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
        "freshness": _freshness(ctx),
        "time_elapsed": c.time_elapsed(start, end, ctx.as_of),
        "projection": c.iso(c.projection(start, ctx.as_of, p.progress)),
        "overdue": _overdue(ctx),
        "no_deadline": _no_deadline(ctx),
        "stalled": _stalled(ctx),
        "slipped": _slipped(ctx),
        "not_held": _not_held(ctx),
        "governance": _governance(ctx),
        "governance_rule": (plan.get("settings") or {}).get("governance", {}).get("rule_text"),
        "divergences": _divergences(ctx),
        "last_meeting_held": c.iso(c.last_meeting(ctx.announcements, ctx.gov, ctx.as_of)),
        "thresholds": {"stalled_days": ctx.th.stalled_days, "stalled_postponements": ctx.th.stalled_postponements,
                       "freshness_days": ctx.th.freshness_days, "partial_weight": ctx.th.partial_weight},
    }


@without_gc
def measures_table(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per measure of the plan (documented ones and related actions, ``counted``).

    Columns: ref, title_fr, title_en, kind, counted, axis_ref, axis_label, lead_body, status,
    status_date, voice, summary, source_url, confidence, deadline_text, deadline_start,
    deadline_end (the deadline known at D), overdue, days_overdue, stalled, stalled_reason
    (+ _en, stalled_since), postponements, last_change, carried_over_from, has_overlaps,
    measure_id. Dates are ``datetime.date`` (or None).
    """
    return _load(engine, plan_id, as_of).table.copy()


@without_gc
def measure_detail(engine: Engine, plan_id: str, ref: str, as_of: dt.date | None = None) -> dict:
    """The measures_table row plus ``history`` (every assessment ≤ D, all voices), ``revisions``,
    ``slippage`` (deadline chain and linked events), ``links`` and ``carried_over`` (origin
    measure with its latest rating, e.g. the CNCDH one). Raises KeyError for an unknown ref."""
    ctx = _load(engine, plan_id, as_of)
    t = ctx.table[ctx.table["ref"] == ref]
    if t.empty:
        raise KeyError(f"Mesure inconnue : « {ref} » dans le plan {plan_id}.")
    row = {k: c.clean(v) for k, v in t.iloc[0].to_dict().items()}
    mid = row["measure_id"]
    with engine.connect() as conn:
        hist = q.load_history(conn, plan_id, ctx.as_of, measure_ids=[mid])
        revs = q.load_revisions(conn, plan_id)
        origin = None
        cof = row.get("carried_over_from")
        lk = ctx.links
        carried = lk[(lk["from_plan_id"] == plan_id) & (lk["from_ref"] == ref) & (lk["kind"] == "carried_over")
                     & (lk["state"] != "rejected")] if not lk.empty else lk
        origins = [(r.to_plan_id, r.to_ref) for r in carried.itertuples(index=False)] if len(carried) else []
        if cof and not any(o[1] == cof for o in origins):
            origins.append((None, cof))
        carried_over = []
        for op, oref in origins:
            plans = [op] if op else [p["id"] for p in q.load_plans(conn)]
            for pid in plans:
                found = q.load_measures_by_ref(conn, pid, [oref])
                if found:
                    m = found[0]
                    oplan = q.load_plan(conn, pid)
                    rating = q.load_origin_ratings(conn, [m["id"]]).get(m["id"])
                    carried_over.append({
                        "plan": pid, "plan_title": oplan["title_fr"], "ref": oref, "title": m["title_fr"],
                        "period_start": c.iso(oplan.get("period_start")),
                        "rating": {k: c.iso(v) if isinstance(v, dt.date) else v for k, v in rating.items()
                                   if k != "measure_id"} if rating else None})
                    break
        origin = carried_over
    revs = revs[(revs["measure_id"] == mid) & (revs["as_of"] <= ctx.as_of)]
    chain = ctx.chains.get(mid, [])
    row.update({
        "history": [{k: c.iso(v) if isinstance(v, dt.date) else c.clean(v) for k, v in r.items()}
                    for r in hist.drop(columns=["measure_id"]).to_dict("records")],
        "revisions": [{k: c.iso(v) if isinstance(v, dt.date) else c.clean(v) for k, v in r.items()}
                      for r in revs.drop(columns=["measure_id"]).to_dict("records")],
        "slippage": {
            "deadline": [{"text": e["text"], "start": c.iso(e["start"]), "end": c.iso(e["end"]),
                          "known_on": c.iso(e["known_on"])} for e in chain],
            "events": [e for e in _slipped(ctx) if e["ref"] == ref and not e["event_key"].startswith("deadline:")],
        },
        "links": [{k: c.clean(v) for k, v in r.items()} for r in ctx.links.to_dict("records")
                  if (r["from_plan_id"] == plan_id and r["from_ref"] == ref)
                  or (r["to_plan_id"] == plan_id and r["to_ref"] == ref)],
        "carried_over": origin,
    })
    for k in ("status_date", "deadline_start", "deadline_end", "stalled_since", "last_change"):
        row[k] = c.iso(row[k])
    return row


@without_gc
def progress_by(engine: Engine, plan_id: str, as_of: dt.date | None = None, by: str = "axis") -> pd.DataFrame:
    """Roll-up of documented measures per axis (``by="axis"``) or lead body (``"lead_body"``):
    columns group, one per status code, documented, progress, coverage_note."""
    if by not in ("axis", "lead_body"):
        raise ValueError("by doit valoir « axis » ou « lead_body ».")
    ctx = _load(engine, plan_id, as_of)
    return _progress_by(ctx, by)


def _progress_by(ctx: Context, by: str) -> pd.DataFrame:
    d = ctx.documented
    key = d["axis_label"] if by == "axis" else d["lead_body"]
    missing = "Axe non renseigné" if by == "axis" else "Pilote non renseigné"
    key = key.fillna(missing)
    rows = []
    for group, grp in d.groupby(key, sort=True):
        p = c.progress_of(list(grp["status"]), ctx.th.partial_weight)
        unknown = p.by_status["unknown"]
        note = f"{p.documented} mesure(s) documentée(s)"
        if unknown:
            note += f", dont {unknown} sans évaluation"
        rows.append({"group": group, **p.by_status, "documented": p.documented, "progress": p.progress,
                     "coverage_note": note})
    return pd.DataFrame(rows, columns=["group", *STATUS_CODES, "documented", "progress", "coverage_note"])


@without_gc
def progress_history(engine: Engine, plan_id: str, until: dt.date | None = None) -> pd.DataFrame:
    """One row per distinct assessment date (≤ until): date, counts per status, progress, documented."""
    until = _as_date(until, "until")
    with engine.connect() as conn:
        plan = q.load_plan(conn, plan_id)
        if plan is None:
            raise PlanNotFound(f"Plan inconnu : « {plan_id} ».")
        measures = q.load_measures(conn, plan_id)
        steps = q.load_status_steps(conn, plan_id, until)
        weight = c.Thresholds.from_settings(plan.get("settings")).partial_weight
        if len(steps["code"]) and steps["code"].min() < 0:  # a status outside the vocabulary: the row loop
            return c_progress_history(measures, q.load_history(conn, plan_id, until), weight)
    return c_progress_history_steps(int(measures["counted"].sum()), steps, weight)


HISTORY_OUT_COLUMNS = ["date", *STATUS_CODES, "progress", "documented"]


def c_progress_history_steps(n: int, steps: dict[str, np.ndarray], weight: float) -> pd.DataFrame:
    """``c_progress_history`` in one vectorised pass: rows in (date, id) order, each row moves its
    measure from its previous status (any voice; « unknown » before its first row) to the row's
    status; the running counts are read at the last row of each date."""
    codes = steps["code"]
    if not len(codes):
        return pd.DataFrame([], columns=HISTORY_OUT_COLUMNS)
    order = np.lexsort((steps["id"], steps["day"]))
    mid, day, new = steps["measure_id"][order], steps["day"][order], codes[order]
    by_measure = np.argsort(mid, kind="stable")  # per measure, rows stay in (date, id) order
    m2, c2 = mid[by_measure], new[by_measure]
    unknown = STATUS_CODES.index("unknown")
    p2 = np.empty_like(c2)
    p2[0] = unknown
    p2[1:] = c2[:-1]
    p2[np.flatnonzero(m2[1:] != m2[:-1]) + 1] = unknown
    old = np.empty_like(new)
    old[by_measure] = p2
    last = np.flatnonzero(np.r_[day[1:] != day[:-1], True])
    out: dict[str, object] = {"date": [q.EPOCH + dt.timedelta(days=int(d)) for d in day[last]]}
    for k, code in enumerate(STATUS_CODES):
        running = np.cumsum((new == k).astype(np.int64) - (old == k))
        out[code] = running[last] + (n if code == "unknown" else 0)
    out["progress"] = (out["done"] + weight * out["partial"]) / n
    out["documented"] = np.full(len(last), n, dtype=np.int64)
    return pd.DataFrame(out, columns=HISTORY_OUT_COLUMNS)


def c_progress_history(measures: pd.DataFrame, hist: pd.DataFrame, weight: float) -> pd.DataFrame:
    counted = set(measures.loc[measures["counted"], "id"])
    n = len(counted)
    h = hist[hist["measure_id"].isin(counted)].sort_values(["as_of", "id"])
    current: dict[int, str] = {}
    counts = dict.fromkeys(STATUS_CODES, 0)
    counts["unknown"] = n
    rows = []
    dates = list(h["as_of"])
    for i, (mid, status) in enumerate(zip(h["measure_id"], h["status"], strict=True)):
        old = current.get(mid, "unknown")
        counts[old] -= 1
        counts[status] += 1
        current[mid] = status
        if i == len(dates) - 1 or dates[i + 1] != dates[i]:
            prog = (counts["done"] + weight * counts["partial"]) / n if n else None
            rows.append({"date": dates[i], **counts, "progress": prog, "documented": n})
    return pd.DataFrame(rows, columns=["date", *STATUS_CODES, "progress", "documented"])


@without_gc
def changes(engine: Engine, plan_id: str, since: dt.date, until: dt.date | None = None) -> list[dict]:
    """What changed in (since, until], sorted by date: list of {ref, subject, what, before,
    after, date, voice}. ``what`` ∈ status, information, overdue, postponement, deadline,
    added, vanished, held, not_held."""
    since = _as_date(since, "since")
    until = _as_date(until, "until")
    if until < since:
        raise ValueError("La date de fin (--until) précède la date de début (--since).")
    with engine.connect() as conn:
        plan = q.load_plan(conn, plan_id)
        if plan is None:
            raise PlanNotFound(f"Plan inconnu : « {plan_id} ». Plans en base : {', '.join(q.plan_ids(conn))}.")
        measures = q.load_measure_rows(conn, plan_id)
        revisions = q.load_revisions(conn, plan_id, ("deadline_text", "vanished"))
        announcements = q.load_announcements(conn, plan_id)
        links = q.load_links(conn, plan_id)
        rows_before = q.load_state_rows(conn, plan_id, since)
        rows_after = q.load_state_rows(conn, plan_id, until)
        window = q.load_history_window(conn, plan_id, since, until)
        informed = q.load_latest_informed(conn, plan_id, since)
        all_revs = q.load_revisions(conn, plan_id)
    before = _assemble(plan, since, measures, rows_before, revisions, announcements, links)
    after = _assemble(plan, until, measures, rows_after, revisions, announcements, links)
    states_before = q.state_frame(rows_before)
    # Only rows dated in (since, until] can be changes; the row before the first of them (per
    # measure × voice) is the state at ``since``: the same answer as the full history ≤ until.
    # The latest row at ``since`` that carried information comes first: a later text is news only
    # when it differs from that one (the row at ``since`` may be a blank confirmation).
    informed = informed[~informed["id"].isin(states_before["id"])]
    parts = [f for f in (informed, states_before[q.HISTORY_COLUMNS], window) if len(f)]
    hist = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else window)
    return c_changes(before, after, hist, all_revs, since, until)


def c_changes(before: Context, after: Context, hist: pd.DataFrame, revs: pd.DataFrame,
              since: dt.date, until: dt.date) -> list[dict]:
    """The changes in (since, until]. ``hist``: the assessments ≤ until, or at least those dated in
    (since, until] plus the latest row ≤ since of each measure × voice (the state at since)."""
    refs = _ref_of(after)
    titles = dict(zip(after.measures["id"], after.measures["title_fr"], strict=True))
    out: list[dict] = []

    def add(mid, what, b, a, date, voice=None, subject=None, precision=None):
        out.append({"ref": refs.get(mid) if mid is not None else None,
                    "subject": subject or (titles.get(mid) if mid is not None else None),
                    "what": what, "before": b, "after": a, "date": c.iso(date), "voice": voice,
                    "date_precision": precision})

    h = hist.sort_values(["measure_id", "voice", "as_of", "id"])
    mids, voices, dates = h["measure_id"].tolist(), h["voice"].tolist(), h["as_of"].tolist()
    status = h["status"].tolist()
    prec = [c.clean(v) for v in h["as_of_precision"].tolist()] if "as_of_precision" in h else [None] * len(h)
    # the information a row carries (comment, else summary; None when blank), as the state query
    # reads it: a blank row is no news, and news is what differs from the latest non-blank text
    info = [c.information(c.clean(sm), c.clean(cm)) for sm, cm in zip(h["summary"].tolist(), h["comment"].tolist(),
                                                                     strict=True)]
    last_info = None
    for i, day in enumerate(dates):  # plain lists: rows of one measure × voice are consecutive
        mid, voice = mids[i], voices[i]
        first = i == 0 or mids[i - 1] != mid or voices[i - 1] != voice
        if first:
            last_info = None
        before_info, last_info = last_info, (info[i] if info[i] is not None else last_info)
        if not since < day <= until:
            continue
        if first:
            if status[i] != "unknown":  # a voice's first word: « unknown » tells nothing new
                add(mid, "status", None, status[i], day, voice, precision=prec[i])
        elif status[i] != status[i - 1]:
            add(mid, "status", status[i - 1], status[i], day, voice, precision=prec[i])
        elif info[i] is not None and info[i] != before_info:
            add(mid, "information", before_info, info[i], day, voice, precision=prec[i])
    for m in after.measures.itertuples(index=False):
        # « added » = first seen in a file in the period; a catalogue measure that receives its
        # first assessment was not added (it was already part of the plan).
        fs = c.clean(m.first_seen)
        if fs is not None and since < fs <= until:
            add(m.id, "added", None, m.title_fr, fs)
    was_overdue = dict(zip(before.table["measure_id"].tolist(), before.table["overdue"].tolist(), strict=True))
    for r in after.table.loc[after.table["overdue"]].itertuples(index=False):
        if not was_overdue[r.measure_id]:
            d0 = r.deadline_end + dt.timedelta(days=1)
            add(r.measure_id, "overdue", r.deadline_text, f"{int(r.days_overdue)} jour(s) de retard",
                d0 if d0 > since else until)
    for rv in revs.itertuples(index=False):
        if not (since < rv.as_of <= until):
            continue
        if rv.field == "vanished":
            add(rv.measure_id, "vanished", rv.old_value, rv.new_value, rv.as_of)
        elif rv.field == "deadline_text":
            old = parse_vague(rv.old_value) if rv.old_value else None
            new = parse_vague(rv.new_value) if rv.new_value else None
            later = old is not None and new is not None and new.end > old.end
            add(rv.measure_id, "postponement" if later else "deadline", rv.old_value, rv.new_value, rv.as_of)
    old_events = {e["event_key"]: e for e in before.events}
    for e in after.events:
        o = old_events.get(e["event_key"])
        prev = None
        for entry in e["chain"]:
            if prev is not None and entry["end"] > prev["end"]:
                known = entry["known_on"] or entry["start"]
                if since < known <= until:
                    add(e["measure_id"], "postponement", prev["text"], entry["text"], known, subject=e["subject"])
            prev = entry
        if e["state"] != (o["state"] if o else None) and e["state"] in ("held", "not_held"):
            date = e["held_on"] if e["state"] == "held" else (e["not_held_on"] or
                                                               e["expected_end"] + dt.timedelta(days=1))
            add(e["measure_id"], e["state"], o["state"] if o else None, e["state"],
                min(max(date, since + dt.timedelta(days=1)), until), subject=e["subject"])
    for item in out:
        if item["ref"] is None and item["subject"] is None:
            item["subject"] = "?"
    return sorted(out, key=lambda r: (r["date"] or "", r["ref"] or "", r["what"]))


@without_gc
def slippage(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Slippage ledger: announced events and measure deadlines (chains, postponements, days slipped, state)."""
    return _slipped(_load(engine, plan_id, as_of))


@without_gc
def not_held(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Events whose latest announced date has passed at D without being held (with days late)."""
    return _not_held(_load(engine, plan_id, as_of))


@without_gc
def governance(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Committee meetings held per calendar year vs required: {"2024": {held, required, met, complete_year}}."""
    return _governance(_load(engine, plan_id, as_of))


@without_gc
def overdue(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Documented measures past the latest date of their deadline, neither done nor abandoned."""
    return _overdue(_load(engine, plan_id, as_of))


@without_gc
def stalled(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Stalled documented measures (computed): [{ref, title, reason, reason_en, since, status}]."""
    return _stalled(_load(engine, plan_id, as_of))


@without_gc
def divergences(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> list[dict]:
    """Measures whose voices disagree at D: [{ref, government, civil_society, independent, dates}]
    (values are status codes, None when the voice has no assessment)."""
    return _divergences(_load(engine, plan_id, as_of))


@without_gc
def generations(engine: Engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Carried-over measures (with cumulative age in years since the earlier plan's start) and a
    comparison of plan generations (evaluation from settings, else progress computed at D)."""
    ctx = _load(engine, plan_id, as_of)
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
        me_progress = _progress(ctx)
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


# --------------------------------------------------------------------------- groupings shown by the dashboard

def started(by_status: dict[str, int]) -> dict[str, int]:
    """{status: count} of the « engagées » measures (``plans.vocab.STARTED_STATUSES``, in that order, zeros
    kept) from ``summary()["by_status"]``; their sum is the overview's « Engagées » figure."""
    return {code: int(by_status.get(code) or 0) for code in STARTED_STATUSES}


def moved_dates(slipped: list[dict]) -> list[dict]:
    """The entries of ``summary()["slipped"]`` whose date actually moved: postponed at least once, or held /
    expected later than first announced."""
    return [e for e in slipped if e.get("postponements") or (e.get("days_slipped") or 0) > 0]


def plan_years(governance: dict, period_start: str | None) -> dict:
    """``summary()["governance"]`` limited to the years of the plan (meetings held before it started are the
    previous plan's)."""
    first = int(str(period_start or "0")[:4] or 0)
    return {y: v for y, v in governance.items() if int(y) >= first}


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
        raise ValueError(f"Indicateur inconnu : « {what} ». Choix : {', '.join(EXPLAIN_WHATS)}.")
    ctx = _load(engine, plan_id, as_of)
    rows = _explain(ctx, what)
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


def _explain(ctx: Context, what: str) -> list[dict]:
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
        return [{"row": "measure", **r} for r in _overdue(ctx)]
    if what == "no_deadline":
        return [{"row": "measure", "ref": r.ref, "title": r.title_fr, "deadline_text": r.deadline_text}
                for r in d[d["deadline_end"].isna()].itertuples(index=False)]
    if what == "stalled":
        return [{"row": "stalled", **r} for r in _stalled(ctx)]
    if what == "slipped":
        return [{"row": "event", **r} for r in _slipped(ctx)]
    if what == "not_held":
        return [{"row": "event", **r} for r in _not_held(ctx)]
    if what == "divergences":
        return [{"row": "measure", **r} for r in _divergences(ctx)]
    if what == "governance":
        a = ctx.announcements
        if a.empty:
            return []
        mask = (a["kind"] == "held") & a["event_key"].str.startswith(ctx.gov.prefix)
        return [{"row": "meeting", "event_key": r.event_key, "subject": r.subject, "held_on": c.iso(r.held_on),
                 "year": r.held_on.year, "source_url": r.source_url}
                for r in a[mask].itertuples(index=False) if c.clean(r.held_on) is not None and r.held_on <= ctx.as_of]
    # time_elapsed / projection
    p = _progress(ctx)
    start, end = ctx.plan.get("period_start"), ctx.plan.get("period_end")
    return [{"row": "computation", "period_start": c.iso(start), "period_end": c.iso(end),
             "as_of": ctx.as_of.isoformat(), "days_elapsed": (ctx.as_of - start).days if start else None,
             "days_total": (end - start).days if start and end else None,
             "time_elapsed": c.time_elapsed(start, end, ctx.as_of), "progress": p.progress,
             "projection": c.iso(c.projection(start, ctx.as_of, p.progress)),
             "rule": "projection = début + jours écoulés / avancement"}]
