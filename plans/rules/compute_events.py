"""Pure computations of the announced events at D (no database access): when each announcement became
known, the slippage of every event, and the committee meetings held per year.

* **Announcements known at D** — a row counts at D from its ``announced_on`` when given;
  otherwise a ``held`` row with no announced date from ``held_on``; any other row (a held
  row that also says the date it was announced for included) from the day after the previous
  row's announced date (latest date of its range; no later than its own first date); the
  first row of an event is known from the start. The meeting itself is known from its
  ``held_on``.
* **Slippage** — announced dates of an event (every row with a date announced, in ``seq``
  order, whatever its kind: the layouts people keep put the held date on its own row, on the
  row that announced it or on the last announcement's row); postponements = times the latest
  date of the range moved later (``compute.count_postponements``, shared with the deadline
  chains of a measure), and once more when the meeting was held after the last date
  announced; days slipped = (held_on, or latest announced date) − first announced date. State: held (held
  row known) | not_held (not_held row known, or latest announced date < D) | pending. Events
  with no announced date (a held row only) are not in the ledger.
* **Governance** — held rows whose event_key starts with the committee prefix, per calendar
  year of ``held_on``; the plan's years only (from its start year to D's year, or to its end
  year when it is over). The year not yet over says how many meetings are still needed
  (``needed``) by when (``until``: 31 December, or the plan's end when earlier) and whether
  that is still possible (``possible``: at most one meeting a day, D included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from plans import config
from plans.rules.compute import clean, count_postponements


@dataclass(frozen=True)
class GovernanceRule:
    """A plan's committee rule: its settings' ``governance``, else the defaults of ``plans.config``."""

    prefix: str = config.default("committee_event_prefix")
    required: int = config.default("meetings_required_per_year")

    @classmethod
    def from_settings(cls, settings: dict | None) -> GovernanceRule:
        raw = (settings or {}).get("governance") or {}
        base = cls()
        return cls(prefix=str(raw.get("committee_event_prefix", base.prefix)),
                   required=int(raw.get("meetings_required_per_year", base.required)))


# --------------------------------------------------------------------------- announcements

def _known_on(rows: list[dict]) -> list[dt.date | None]:
    """When each row of one event became known (see module doc); None = from the start."""
    known, prev_end = [], None
    for i, r in enumerate(rows):
        if r.get("announced_on") is not None:
            k = r["announced_on"]
        elif r["kind"] == "held" and r.get("held_on") is not None and r.get("expected_end") is None:
            k = r["held_on"]
        elif i == 0 or prev_end is None:
            k = None
        else:
            k = prev_end + dt.timedelta(days=1)
            if r["kind"] != "not_held" and r.get("expected_start") is not None:
                k = min(k, r["expected_start"])
        known.append(k)
        if r.get("expected_end") is not None:
            prev_end = r["expected_end"]
    return known


def event_chain(rows: list[dict], as_of: dt.date) -> dict | None:
    """Slippage of one event (rows sorted by seq) as known at D; None when nothing is known
    or the event has no announced date."""
    known = _known_on(rows)
    kept = [dict(r, known_on=k) for r, k in zip(rows, known, strict=True) if k is None or k <= as_of]
    dated = [r for r in kept if r["kind"] != "not_held" and r.get("expected_end")]
    if not dated:
        return None
    chain = [{"text": r.get("expected_text"), "start": r["expected_start"], "end": r["expected_end"],
              "known_on": r["known_on"]} for r in dated]
    held = next((r for r in kept if r.get("held_on") is not None and r["held_on"] <= as_of), None)
    refused = next((r for r in kept if r["kind"] == "not_held"), None)
    first_end, last_end = chain[0]["end"], chain[-1]["end"]
    if held is not None:
        state, end_point = "held", held["held_on"]
    elif refused is not None or last_end < as_of:
        state, end_point = "not_held", last_end
    else:
        state, end_point = "pending", last_end
    ups = count_postponements(chain)
    if held is not None and held["held_on"] > last_end:  # held after the last date announced: moved once more
        ups.append({"text": None, "start": held["held_on"], "end": held["held_on"], "known_on": held["held_on"]})
    return {
        "event_key": rows[0]["event_key"], "subject": rows[0]["subject"], "measure_id": rows[0].get("measure_id"),
        "announced": [c["text"] for c in chain],
        "announced_ranges": [[c["start"], c["end"]] for c in chain],
        "held_on": held["held_on"] if held is not None else None,
        "postponements": len(ups),
        "postponed_on": [u["known_on"] or u["start"] for u in ups],
        "chain": chain,
        "days_slipped": (end_point - first_end).days,
        "state": state,
        "expected": chain[-1]["text"], "expected_end": last_end,
        "days_late": (as_of - last_end).days if state == "not_held" and last_end < as_of else
        (0 if state == "not_held" else None),
        "not_held_on": refused["known_on"] if refused is not None else None,
        "source_url": (held or refused or dated[-1]).get("source_url"),
    }


def event_chains(announcements: pd.DataFrame, as_of: dt.date) -> list[dict]:
    """The slippage of every event of the plan known at D, sorted by event_key."""
    groups: dict[str, list[dict]] = {}
    if len(announcements):
        cols = list(announcements.columns)
        for values in zip(*[announcements[col].tolist() for col in cols], strict=True):
            r = {k: clean(v) for k, v in zip(cols, values, strict=True)}
            groups.setdefault(r["event_key"], []).append(r)
    out = []
    for key in sorted(groups):
        rows = sorted(groups[key], key=lambda r: (r["seq"], r["id"] if r.get("id") is not None else 0))
        chain = event_chain(rows, as_of)
        if chain is not None:
            out.append(chain)
    return out


# --------------------------------------------------------------------------- governance

def governance_by_year(announcements: pd.DataFrame, rule: GovernanceRule, period_start: dt.date | None,
                       as_of: dt.date, period_end: dt.date | None = None) -> dict[int, dict]:
    held_dates = []
    if not announcements.empty:
        mask = announcements["held_on"].notna() & announcements["event_key"].str.startswith(rule.prefix)
        held_dates = [d for d in announcements.loc[mask, "held_on"] if clean(d) is not None and d <= as_of]
    first = period_start.year if period_start else as_of.year
    last = min(as_of.year, period_end.year) if period_end else as_of.year
    years = dict.fromkeys(range(first, last + 1), 0)
    for d in held_dates:
        if d.year in years:
            years[d.year] += 1
    out = {}
    for y, n in years.items():
        until = min(dt.date(y, 12, 31), period_end) if period_end else dt.date(y, 12, 31)
        complete = as_of >= until
        needed = max(rule.required - n, 0)
        out[y] = {"held": n, "required": rule.required, "met": n >= rule.required, "complete_year": complete,
                  "needed": 0 if complete else needed, "until": until.isoformat(),
                  "possible": n >= rule.required or (not complete and (until - as_of).days + 1 >= needed)}
    return out


def last_meeting(announcements: pd.DataFrame, rule: GovernanceRule, as_of: dt.date) -> dt.date | None:
    if announcements.empty:
        return None
    mask = (announcements["kind"] == "held") & announcements["event_key"].str.startswith(rule.prefix)
    dates = [d for d in announcements.loc[mask, "held_on"] if clean(d) is not None and d <= as_of]
    return max(dates) if dates else None
