"""Pure computations of the monitoring rules, over pandas DataFrames (no database access).

Rules and the decisions taken where the specification left room (keep in sync with docs):

* **State at D** — latest assessment with ``as_of <= D``; two rows on the same day: the one
  recorded last (highest id) wins. Per measure, all voices are pooled (latest row of any
  voice); per voice, each voice separately. A documented measure without any row at D is
  ``unknown``.
* **Progress** — (done + partial_weight × partial) / documented measures. ``None`` when
  nothing is documented. Coverage = documented / declared; freshness = share of documented
  measures whose latest assessment is at most ``freshness_days`` old at D (``as_of >= D − n``).
* **Time** — elapsed = (D − start) / (end − start), clamped to 0..1. Projection at current
  pace = start + (D − start) / progress (``None`` without progress or before the start).
* **Deadline at D** — with ``measure_revisions`` rows (field ``deadline_text``) the deadline
  known at D is the ``new_value`` of the last revision dated ≤ D, or the ``old_value`` of the
  first revision when all are later (None when the measure had no deadline before an import gave it
  one: that None is no date of the chain); otherwise ``measures.deadline_*``. Overdue: the latest
  date of the range is *before* D (equal is not overdue) and the status is neither done nor
  abandoned; days overdue = D − deadline_end.
* **Announcements, slippage, committee meetings** — ``plans.rules.compute_events``. Deadline chains
  of a measure count their postponements as an event's do (``count_postponements``: times the latest
  date of the range moved later); their state is held when the measure is done at D.
* **Stalled** — not done nor abandoned, and (a) has an assessment and the last change of
  status, summary or comment (any voice; the first row of a voice is a change) is at least
  ``stalled_days`` old — a single old assessment makes the measure stalled since that date;
  a measure without assessment is not stalled by (a) (it shows as unknown); or (b) postponed
  at least ``stalled_postponements`` times (deadline chain + events linked to the measure),
  since the day the threshold was reached.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from plans import config
from plans.dates import parse_vague
from plans.history import information  # the information a row carries (used here and by the rules)
from plans.vocab import STATUS_CODES, VOICES

CLOSED = frozenset({"done", "abandoned"})
KEYS = ["measure_id", "voice"]


@dataclass(frozen=True)
class Thresholds:
    """A plan's monitoring thresholds: its settings' ``thresholds``, else the defaults of ``plans.config``."""

    stalled_days: int = config.default("stalled_days")
    stalled_postponements: int = config.default("stalled_postponements")
    freshness_days: int = config.default("freshness_days")
    partial_weight: float = config.default("partial_weight")

    @classmethod
    def from_settings(cls, settings: dict | None) -> Thresholds:
        raw = (settings or {}).get("thresholds") or {}
        base = cls()
        return cls(
            stalled_days=int(raw.get("stalled_days", base.stalled_days)),
            stalled_postponements=int(raw.get("stalled_postponements", base.stalled_postponements)),
            freshness_days=int(raw.get("freshness_days", base.freshness_days)),
            partial_weight=float(raw.get("partial_weight", base.partial_weight)),
        )


def iso(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def clean(value):
    """NaN/NaT/NA → None, numpy scalars → Python."""
    t = type(value)
    if t is str or t is dt.date or t is int or t is bool:
        return value
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (ValueError, AttributeError):
            return value
    return value


# --------------------------------------------------------------------------- state at D

def chain_key(history: pd.DataFrame) -> pd.Series | str:
    """The chain each history row belongs to beyond measure × voice: its association ("" for the collective's
    rows, and for every row of a frame with no association column)."""
    if "association" not in history:
        return ""
    return history["association"].astype(object).fillna("").astype(str)


def state_from_history(history: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Per (measure_id, voice): latest row on or before ``as_of`` + last_change + first_as_of — those of the row's
    own chain (measure × voice × ``association`` when the history has that column: each association's view is its
    own chain, no association the collective's; ``plans.history``).

    ``last_change`` is the later of two dates: the last time the status changed (the first row
    counts), and the last time new information appeared (a row whose information — see
    :func:`information` — differs from the latest information before it; blank rows are no news).
    Re-importing an unchanged spreadsheet therefore never makes a stalled measure look active.

    The pure-Python twin of ``queries.state_query`` (they are tested against each other).
    """
    h = history[history["as_of"] <= as_of]
    # the chains: measure × voice × association (each association's view is its own; none: the collective's)
    h = h.assign(_chain=chain_key(h))
    h = h.sort_values(["measure_id", "voice", "_chain", "as_of", "id"])
    if h.empty:
        return h.drop(columns="_chain").assign(last_change=pd.Series(dtype=object), first_as_of=pd.Series(dtype=object))
    chain = [*KEYS, "_chain"]
    g = h.groupby(chain, sort=False)
    prev = g["status"].shift()
    status_changed = prev.isna() | (h["status"] != prev)
    last = g.tail(1).set_index(chain)
    status_change = h[status_changed].groupby(chain)["as_of"].max()
    info = pd.Series([information(sm, cm) for sm, cm in zip(h["summary"], h["comment"], strict=True)],
                     index=h.index, dtype=object)
    hi = h.assign(info=info)[info.notna()]
    prev_info = hi.groupby(chain, sort=False)["info"].shift()
    info_change = hi[prev_info.isna() | (hi["info"] != prev_info)].groupby(chain)["as_of"].max()
    info_on = info_change.to_dict()
    # every group has a status change (its first row); news after it moves the date later
    last["last_change"] = pd.Series({k: max(d, info_on[k]) if k in info_on else d
                                     for k, d in status_change.items()}, dtype=object)
    last["first_as_of"] = g["as_of"].min()
    # per measure × voice, the latest row of its chains, with its own chain's dates
    last = last.reset_index().sort_values(["measure_id", "voice", "as_of", "id"])
    return last.groupby(KEYS, sort=False).tail(1).drop(columns="_chain").reset_index(drop=True)


MEASURE_STATE_COLUMNS = ["status", "as_of", "voice", "summary", "comment", "source_url", "confidence",
                         "status_as_reported", "as_of_precision", "last_change", "first_as_of", "voices",
                         "voice_dates"]


POOL_COLUMNS = ["measure_id", "id", "as_of", "status", "voice", "summary", "comment", "source_url", "confidence",
                "status_as_reported", "as_of_precision", "last_change", "first_as_of"]


def pool_voices(columns: Sequence[Sequence]) -> dict:
    """Pool the voices of plain column lists (``POOL_COLUMNS`` order, missing values as None):
    {measure_id: [values of MEASURE_STATE_COLUMNS]} — the latest row of any voice (ties: highest
    id), ``last_change`` = max over voices, ``first_as_of`` = min, ``voices`` = {voice: status},
    ``voice_dates`` = {voice: as_of} (in row order)."""
    best: dict = {}
    for (mid, aid, as_of, status, voice, summ, comment, src, conf, sar, prec, last_change,
         first) in zip(*columns, strict=True):
        cur = best.get(mid)
        if cur is None:
            best[mid] = [(as_of, aid), [status, as_of, voice, summ, comment, src, conf, sar, prec, last_change, first,
                                        {voice: status}, {voice: as_of}]]
            continue
        row = cur[1]
        key = (as_of, aid)
        if key > cur[0]:
            cur[0] = key
            row[:9] = [status, as_of, voice, summ, comment, src, conf, sar, prec]
        if last_change is not None and (row[9] is None or last_change > row[9]):
            row[9] = last_change
        if first is not None and (row[10] is None or first < row[10]):
            row[10] = first
        row[11][voice] = status
        row[12][voice] = as_of
    return {mid: v[1] for mid, v in best.items()}


def states_frame(pooled: dict) -> pd.DataFrame:
    """The pooled states as a DataFrame (index measure_id, ``MEASURE_STATE_COLUMNS``)."""
    return pd.DataFrame(list(pooled.values()), columns=MEASURE_STATE_COLUMNS,
                        index=pd.Index(list(pooled), name="measure_id"))


def clean_list(col: pd.Series) -> list:
    """Column values as Python objects, missing ones (None, NaN, NaT) as None — ``clean`` for a whole column."""
    return [clean(v) for v in col.tolist()] if col.dtype.kind in "fcmM" else \
        col.astype(object).where(col.notna(), None).tolist()


def measure_states(voice_states: pd.DataFrame) -> pd.DataFrame:
    """Pool the voices: one row per measure (index measure_id) with the latest row of any
    voice (status, as_of, voice, summary…; ties: highest id), ``last_change`` = max over
    voices, ``first_as_of`` = min, ``voices`` = {voice: status}, ``voice_dates`` = {voice: as_of}."""
    n = len(voice_states)
    columns = [clean_list(voice_states[col]) if col in voice_states else [None] * n for col in POOL_COLUMNS]
    return states_frame(pool_voices(columns))


# --------------------------------------------------------------------------- deadlines

def deadline_chains(measures: pd.DataFrame, revisions: pd.DataFrame, as_of: dt.date,
                    plan_start: dt.date | None = None, plan_end: dt.date | None = None) -> dict[int, list[dict]]:
    """Per measure id: the chain of deadlines known at D, oldest first:
    [{text, start, end, known_on}] (``known_on`` None for the original deadline)."""
    return deadline_chains_of(measures["id"].tolist(), clean_list(measures["deadline_text"]),
                              clean_list(measures["deadline_start"]), clean_list(measures["deadline_end"]),
                              revisions, as_of, plan_start, plan_end)


def deadline_chains_of(ids: Sequence, texts: Sequence, starts: Sequence, ends: Sequence, revisions: pd.DataFrame,
                       as_of: dt.date, plan_start: dt.date | None = None, plan_end: dt.date | None = None) -> dict[int, list[dict]]:
    """:func:`deadline_chains` over plain column lists (missing values None)."""
    by_measure: dict[int, list] = {}
    if len(revisions):
        revs = revisions[revisions["field"] == "deadline_text"]
        for rid, mid, when, old, new in zip(revs["id"], revs["measure_id"], revs["as_of"], revs["old_value"],
                                            revs["new_value"], strict=True):
            by_measure.setdefault(mid, []).append((when, rid, clean(old), clean(new)))
    chains: dict[int, list[dict]] = {}
    cache: dict = {}
    for mid, text, start, end in zip(ids, texts, starts, ends, strict=True):
        revs_m = by_measure.get(mid)
        if revs_m is None:
            chains[mid] = [{"text": text, "start": start, "end": end, "known_on": None}]
            continue
        revs_m.sort()
        # the first revision's « before » is the original deadline; None when the measure had none (an import
        # gave it one): no date was announced then, so the chain starts with the first date known at D
        first = [(None, revs_m[0][2])] if revs_m[0][2] is not None else []
        entries = first + [(when, new) for when, _rid, _old, new in revs_m if when <= as_of]
        if not entries:  # no deadline known at D yet
            chains[mid] = [{"text": None, "start": None, "end": None, "known_on": None}]
            continue
        chain = []
        for known_on, txt in entries:
            if txt not in cache:
                cache[txt] = parse_vague(txt, plan_start=plan_start, plan_end=plan_end) if txt else None
            rng = cache[txt]
            chain.append({"text": txt, "start": rng.start if rng else None, "end": rng.end if rng else None,
                          "known_on": known_on})
        chains[mid] = chain
    return chains


def count_postponements(chain: list[dict]) -> list[dict]:
    """The entries of a dated chain where the latest date moved later than the previous date."""
    out, prev_end = [], None
    for entry in chain:
        end = entry.get("end")
        if end is None:
            continue
        if prev_end is not None and end > prev_end:
            out.append(entry)
        prev_end = end
    return out


def current_deadline(chain: list[dict]) -> dict:
    return chain[-1] if chain else {"text": None, "start": None, "end": None, "known_on": None}


def is_overdue(status: str, deadline_end: dt.date | None, as_of: dt.date) -> bool:
    return deadline_end is not None and deadline_end < as_of and status not in CLOSED


# --------------------------------------------------------------------------- progress

@dataclass
class Progress:
    by_status: dict[str, int]
    documented: int
    progress: float | None
    refs: dict[str, list[str]] = field(default_factory=dict)


def progress_of(statuses: list[str], weight: float) -> Progress:
    counts = dict.fromkeys(STATUS_CODES, 0)
    for st in statuses:
        counts[st if st in counts else "unknown"] += 1
    n = len(statuses)
    share = (counts["done"] + weight * counts["partial"]) / n if n else None
    return Progress(counts, n, share)


def time_elapsed(start: dt.date | None, end: dt.date | None, as_of: dt.date) -> float | None:
    if start is None or end is None or end <= start:
        return None
    return min(1.0, max(0.0, (as_of - start).days / (end - start).days))


def projection(start: dt.date | None, as_of: dt.date, progress: float | None) -> dt.date | None:
    """Date the plan would be complete at the current pace; None without progress."""
    if start is None or not progress or as_of <= start:
        return None
    days = (as_of - start).days / progress
    try:
        return start + dt.timedelta(days=round(days))
    except OverflowError:
        return None


def stalled_reason(status: str, last_change: dt.date | None, postponed_on: list[dt.date], as_of: dt.date,
                   th: Thresholds) -> dict | None:
    """Why a measure is stalled at D, or None: {unchanged_days, times_postponed, since} — the days since the
    last change when that is a reason (else None), the postponements when they are one (else None), and the
    day it became stalled. The sentence is the presentation's (``plans.wording.stalled_reason``)."""
    if status in CLOSED:
        return None
    unchanged = times = None
    since = []
    if last_change is not None and (as_of - last_change).days >= th.stalled_days:
        unchanged = (as_of - last_change).days
        since.append(last_change)
    ups = sorted(d for d in postponed_on if d is not None and d <= as_of)
    if len(ups) >= th.stalled_postponements:
        times = len(ups)
        since.append(ups[th.stalled_postponements - 1])
    if not since:
        return None
    return {"unchanged_days": unchanged, "times_postponed": times, "since": min(since)}


def divergence(voices: dict | None) -> dict | None:
    """{voice: status} at D → the divergence record, or None when voices agree (or only one)."""
    if not voices or len(voices) < 2 or len(set(voices.values())) < 2:
        return None
    return {v: voices.get(v) for v in VOICES}


def association_divergence(views: dict | None) -> bool:
    """{association: status} at D (each association's latest civil-society view) → whether they disagree: two
    associations with different statuses, as :func:`divergence` compares the voices (one view never diverges)."""
    return views is not None and len(views) >= 2 and len(set(views.values())) >= 2
