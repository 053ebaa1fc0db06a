"""Pure computations over time (no database access): progress over time and the changes between two dates.

* **Progress over time** — one row per distinct assessment date: each row moves its measure from
  its previous status (any voice; « unknown » before its first row) to the row's status; the
  counts are read after the last row of each date. Only counted measures.
* **Changes in (since, until]** — a voice's first status (not « unknown »), a status that differs
  from the voice's previous one, new information (comment, else summary, differing from the latest
  non-blank text: a blank row is no news), a measure first seen in a file, a measure becoming
  overdue (``after`` = its days overdue at ``until``), deadline revisions (later end = postponement), a
  measure vanishing from a file, an event's postponement and its holding or not being held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from plans.dates import parse_vague
from plans.rules import compute as c
from plans.rules.queries import EPOCH
from plans.vocab import STATUS_CODES

if TYPE_CHECKING:
    from plans.rules.context import Context

HISTORY_OUT_COLUMNS = ["date", *STATUS_CODES, "progress", "documented"]
# add(measure_id, what, before, after, date, voice=None, subject=None, precision=None): one row of changes()
_Add = Callable[..., None]


def progress_history_steps(n: int, steps: dict[str, np.ndarray], weight: float) -> pd.DataFrame:
    """``progress_history`` in one vectorised pass: rows in (date, id) order, each row moves its
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
    out: dict[str, Any] = {"date": [EPOCH + dt.timedelta(days=int(d)) for d in day[last]]}
    for k, code in enumerate(STATUS_CODES):
        running = np.cumsum((new == k).astype(np.int64) - (old == k))
        out[code] = running[last] + (n if code == "unknown" else 0)
    out["progress"] = (out["done"] + weight * out["partial"]) / n
    out["documented"] = np.full(len(last), n, dtype=np.int64)
    return pd.DataFrame(out, columns=HISTORY_OUT_COLUMNS)


def progress_history(measures: pd.DataFrame, hist: pd.DataFrame, weight: float) -> pd.DataFrame:
    """Progress over time, row by row over the assessments ``hist`` (any status text)."""
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
    return pd.DataFrame(rows, columns=HISTORY_OUT_COLUMNS)


def changes(before: Context, after: Context, hist: pd.DataFrame, revs: pd.DataFrame,
            since: dt.date, until: dt.date) -> list[dict]:
    """The changes in (since, until]. ``hist``: the assessments ≤ until, or at least those dated in
    (since, until] plus the latest row ≤ since of each measure × voice (the state at since).

    Rows are gathered kind by kind (assessments, added, overdue, revisions, events), then sorted by
    (date, ref, what); rows equal on that key keep the gathering order."""
    refs = after.ref_of()
    titles = dict(zip(after.measures["id"], after.measures["title_fr"], strict=True))
    out: list[dict] = []

    def add(mid: Any, what: str, b: Any, a: Any, date: Any, voice: str | None = None, subject: str | None = None,
            precision: str | None = None, association: str | None = None) -> None:
        item = {"ref": refs.get(mid) if mid is not None else None,
                "subject": subject or (titles.get(mid) if mid is not None else None),
                "what": what, "before": b, "after": a, "date": c.iso(date), "voice": voice,
                "date_precision": precision}
        if association:  # an association's view (kept out of the record otherwise: the outputs stay as they were)
            item["association"] = association
        out.append(item)

    _assessment_changes(hist, since, until, add)
    _added(after.measures, since, until, add)
    _became_overdue(before, after, since, until, add)
    _revision_changes(revs, since, until, add)
    _event_changes(before.events, after.events, since, until, add)
    for item in out:
        if item["ref"] is None and item["subject"] is None:
            item["subject"] = "?"
    return sorted(out, key=lambda r: (r["date"] or "", r["ref"] or "", r["what"]))


def _assessment_changes(hist: pd.DataFrame, since: dt.date, until: dt.date, add: _Add) -> None:
    """Per measure × voice, a row dated in the period: its voice's first status (not « unknown »), a status
    that differs from the previous row's, else new information."""
    # the chains: measure × voice × association (each association's view is its own; none: the collective's)
    h = hist.assign(_chain=c.chain_key(hist))
    h = h.sort_values(["measure_id", "voice", "_chain", "as_of", "id"])
    mids, voices, dates = h["measure_id"].tolist(), h["voice"].tolist(), h["as_of"].tolist()
    chains = h["_chain"].tolist()
    status = h["status"].tolist()
    prec = [c.clean(v) for v in h["as_of_precision"].tolist()] if "as_of_precision" in h else [None] * len(h)
    # the information a row carries (comment, else summary; None when blank), as the state query
    # reads it: a blank row is no news, and news is what differs from the latest non-blank text
    info = [c.information(c.clean(sm), c.clean(cm)) for sm, cm in zip(h["summary"].tolist(), h["comment"].tolist(),
                                                                     strict=True)]
    last_info = None
    for i, day in enumerate(dates):  # plain lists: rows of one measure × voice are consecutive
        mid, voice, chain = mids[i], voices[i], chains[i]
        first = i == 0 or mids[i - 1] != mid or voices[i - 1] != voice or chains[i - 1] != chain
        if first:
            last_info = None
        before_info, last_info = last_info, (info[i] if info[i] is not None else last_info)
        if not since < day <= until:
            continue
        if first:
            if status[i] != "unknown":  # a voice's first word: « unknown » tells nothing new
                add(mid, "status", None, status[i], day, voice, precision=prec[i], association=chain or None)
        elif status[i] != status[i - 1]:
            add(mid, "status", status[i - 1], status[i], day, voice, precision=prec[i], association=chain or None)
        elif info[i] is not None and info[i] != before_info:
            add(mid, "information", before_info, info[i], day, voice, precision=prec[i], association=chain or None)


def _added(measures: pd.DataFrame, since: dt.date, until: dt.date, add: _Add) -> None:
    """« added » = first seen in a file in the period; a catalogue measure that receives its first
    assessment was not added (it was already part of the plan)."""
    for m in measures.itertuples(index=False):
        fs = c.clean(m.first_seen)
        if fs is not None and since < fs <= until:
            add(m.id, "added", None, m.title_fr, fs)


def _became_overdue(before: Context, after: Context, since: dt.date, until: dt.date, add: _Add) -> None:
    """A measure overdue at ``until`` that was not at ``since``: dated the day after its deadline (``until``
    when that day is not in the period); ``after`` = its days overdue at ``until``."""
    was_overdue = dict(zip(before.table["measure_id"].tolist(), before.table["overdue"].tolist(), strict=True))
    for r in after.table.loc[after.table["overdue"]].itertuples(index=False):
        if not was_overdue[r.measure_id]:
            d0 = r.deadline_end + dt.timedelta(days=1)
            add(r.measure_id, "overdue", r.deadline_text, int(r.days_overdue), d0 if d0 > since else until)


def _revision_changes(revs: pd.DataFrame, since: dt.date, until: dt.date, add: _Add) -> None:
    """Revisions dated in the period: a measure vanishing from a file, a deadline revised (« postponement »
    when its latest date moved later, else « deadline »)."""
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


def _event_changes(events_before: list[dict], events_after: list[dict], since: dt.date, until: dt.date,
                   add: _Add) -> None:
    """Per event known at ``until``: its postponements known in the period, then its holding or not being
    held when its state became so."""
    old_events = {e["event_key"]: e for e in events_before}
    for e in events_after:
        _event_postponements(e, since, until, add)
        _event_outcome(e, old_events.get(e["event_key"]), since, until, add)


def _event_postponements(e: dict, since: dt.date, until: dt.date, add: _Add) -> None:
    """Each entry of the event's chain whose latest date moved later, known in the period."""
    prev = None
    for entry in e["chain"]:
        if prev is not None and entry["end"] > prev["end"]:
            known = entry["known_on"] or entry["start"]
            if since < known <= until:
                add(e["measure_id"], "postponement", prev["text"], entry["text"], known, subject=e["subject"])
        prev = entry


def _event_outcome(e: dict, old: dict | None, since: dt.date, until: dt.date, add: _Add) -> None:
    """The event became held or not held between ``since`` and ``until``: dated its holding (or its refusal,
    else the day after its latest announced date), kept within the period."""
    was = old["state"] if old else None
    if e["state"] == was or e["state"] not in ("held", "not_held"):
        return
    date = e["held_on"] if e["state"] == "held" else (e["not_held_on"] or e["expected_end"] + dt.timedelta(days=1))
    add(e["measure_id"], e["state"], was, e["state"], min(max(date, since + dt.timedelta(days=1)), until),
        subject=e["subject"])
