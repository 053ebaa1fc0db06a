"""The change dates each assessment carries: ``last_change`` and ``first_as_of``.

A measure's history per voice is a chain of assessments in (as_of, id) order. For each row, over
the rows of its chain up to and including it:

* ``first_as_of`` — the date of the chain's first row;
* ``last_change`` — the later of the last status change (the first row counts) and the last new
  information (a row whose information — :func:`information` — differs from the latest
  information before it; blank rows are no news).

The state of a measure at any date D is its latest row on or before D, and that row's two dates
are exactly the change dates at D: nothing after D enters them. Storing them with each row lets
the « state at D » query read them instead of walking the history (a million assessments), and a
later snapshot never changes a result at an earlier date. They are derived values, kept by every
writer: :func:`chain_dates` for rows about to be inserted into new chains,
:func:`refresh_chain_dates` after anything else (rows added to existing chains, out of order or
not; catalogue rows updated). ``plans.rules.compute.state_from_history`` computes the same dates
from the history itself with pandas; the tests hold the two against each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, bindparam, select, update

from plans import schema as s


def information(summary, comment):
    """The information a row carries: its comment (typed by the person who imported it) or,
    failing that, its summary (catalogue rows); None when both are blank — a row that repeats
    the status without a word brings no news."""
    for text in (comment, summary):
        if isinstance(text, str) and text:
            return text
    return None


def chain_dates(rows: Iterable[tuple]) -> Iterator[tuple]:
    """(last_change, first_as_of) of each row of ``rows`` — tuples (chain key, as_of, status,
    information), sorted by chain key then (as_of, id) — in the same order."""
    key = first = last = status = info = None
    started = False
    for k, as_of, st, inf in rows:
        if not started or k != key:
            started, key, first, last, status, info = True, k, as_of, as_of, st, inf
        else:
            if st != status or (inf is not None and inf != info):
                last = as_of
            status = st
            if inf is not None:
                info = inf
        yield last, first


_CHUNK = 500  # measure ids per query (SQLite's bound parameters)


def refresh_chain_dates(conn: Connection, measure_ids: Iterable[int] | None = None) -> int:
    """Recompute the stored change dates of every assessment of these measures (all measures when
    None) from their history and write those that differ; returns how many rows were written."""
    a = s.assessments
    cols = (a.c.id, a.c.measure_id, a.c.voice, a.c.as_of, a.c.status, a.c.summary, a.c.comment, a.c.last_change,
            a.c.first_as_of)
    order = (a.c.measure_id, a.c.voice, a.c.as_of, a.c.id)
    if measure_ids is None:
        batches = [select(*cols).order_by(*order)]
    else:
        ids = sorted(set(measure_ids))
        batches = [select(*cols).where(a.c.measure_id.in_(ids[i:i + _CHUNK])).order_by(*order)
                   for i in range(0, len(ids), _CHUNK)]
    stmt = update(a).where(a.c.id == bindparam("row_id")).values(last_change=bindparam("lc"),
                                                                 first_as_of=bindparam("fa"))
    written = 0
    for q in batches:
        rows = conn.execute(q).all()
        dates = chain_dates(((m, v), d, st, information(sm, cm)) for _, m, v, d, st, sm, cm, _, _ in rows)
        todo = [{"row_id": r[0], "lc": lc, "fa": fa} for r, (lc, fa) in zip(rows, dates, strict=True)
                if (r[7], r[8]) != (lc, fa)]
        if todo:
            conn.execute(stmt, todo)
            written += len(todo)
    return written
