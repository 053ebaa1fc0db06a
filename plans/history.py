"""The change dates each assessment carries: ``last_change`` and ``first_as_of``.

A measure's history per voice is a chain of assessments in (as_of, id) order — per voice **and association**: each
association's civil-society view is its own chain, and the rows of no association are the collective's (so one
association's update never hides another's, nor moves its dates). For each row, over the rows of its chain up to
and including it:

* ``first_as_of`` — the date of the chain's first row;
* ``last_change`` — the later of the last status change (the first row counts) and the last new
  information (a row whose information — :func:`information` — differs from the latest
  information before it; blank rows are no news).

The state of a measure at any date D is its latest row on or before D, and that row's two dates
are exactly the change dates at D: nothing after D enters them. Storing them with each row lets
the « state at D » query read them instead of walking the history (a million assessments), and a
later snapshot never changes a result at an earlier date. They are derived values, kept by every
writer: a snapshot's rows get theirs from :func:`appended_dates` (the snapshot's date for rows that
start their chain; :func:`next_dates` — one index seek per measure × voice — for rows appended after
the latest row of their chain), :func:`refresh_chain_dates` recomputes them after anything else (rows
dated before a chain's latest row; catalogue rows updated), :func:`chain_dates` is the rule itself
over rows in order. ``plans.rules.compute.state_from_history`` computes the same dates from the
history with pandas; the tests hold the two against each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from sqlalchemy import Connection, String, bindparam, func, literal, select, true, union_all, update

from plans import schema as s
from plans.vocab import VOICES


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


def refresh_chain_dates(conn: Connection, measure_ids: Iterable[int] | None = None, *,
                        by_association: bool = True) -> int:
    """Recompute the stored change dates of every assessment of these measures (all measures when
    None) from their history and write those that differ; returns how many rows were written.
    ``by_association`` False: for a database before revision 0007 (no ``association`` column, every row the
    collective's — the same chains)."""
    a = s.assessments
    asso = a.c.association if by_association else literal(None, String).label("association")
    cols = (a.c.id, a.c.measure_id, a.c.voice, a.c.as_of, a.c.status, a.c.summary, a.c.comment, a.c.last_change,
            a.c.first_as_of, asso)
    order = (a.c.measure_id, a.c.voice, *([func.coalesce(a.c.association, "")] if by_association else []),
             a.c.as_of, a.c.id)
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
        dates = chain_dates(((m, v, asso), d, st, information(sm, cm)) for _, m, v, d, st, sm, cm, _, _, asso in rows)
        todo = [{"row_id": r[0], "lc": lc, "fa": fa} for r, (lc, fa) in zip(rows, dates, strict=True)
                if (r[7], r[8]) != (lc, fa)]
        if todo:
            conn.execute(stmt, todo)
            written += len(todo)
    return written


def sql_information(a):
    """:func:`information` in SQL, for a table (or alias) of assessments: the comment, else the summary."""
    return func.coalesce(func.nullif(a.c.comment, ""), func.nullif(a.c.summary, ""))


def voices_cte(voices=VOICES):
    """The voices as a one-column CTE, to seek the latest row of each measure × voice."""
    return union_all(*[select(literal(v, String(20)).label("voice")) for v in voices]).cte("voices")


ANY = object()  # ``association`` of :func:`latest_id`: rows of any association (the rules' latest row of a voice)


def latest_id(a2, measure_col, voice_col, as_of=None, informed: bool = False, association: object = ANY):
    """Correlated subquery: the id of the latest row of a measure × voice in ``a2`` (an alias of
    assessments) — on or before ``as_of`` when given, carrying information when ``informed``, of one chain when
    ``association`` is given (a name, or None for the collective's rows) — one seek in
    ix_assessments_measure_voice_asof."""
    q = select(a2.c.id).where(a2.c.measure_id == measure_col, a2.c.voice == voice_col)
    if association is not ANY:
        q = q.where(a2.c.association.is_(None) if association is None else a2.c.association == association)
    if as_of is not None:
        q = q.where(a2.c.as_of <= as_of)
    if informed:
        q = q.where(sql_information(a2).is_not(None))
    return q.order_by(a2.c.as_of.desc(), a2.c.id.desc()).limit(1).scalar_subquery()


def _latest(conn: Connection, ids: list[int], voices: list[str], informed: bool,
            association: str | None = None) -> dict[tuple, tuple]:
    """Per (measure, voice) of these measures and voices that has rows: its latest row (``informed``: its latest row
    carrying information) as (as_of, status, information, last_change, first_as_of), whatever the length of the
    history."""
    a, m = s.assessments, s.measures
    v = voices_cte(voices)
    cur = (select(latest_id(a.alias("a2"), m.c.id, v.c.voice, informed=informed, association=association).label("aid"))
           .select_from(m.join(v, true())).where(m.c.id.in_(ids)).cte("cur"))
    rows = conn.execute(select(a.c.measure_id, a.c.voice, a.c.as_of, a.c.status, a.c.summary, a.c.comment,
                               a.c.last_change, a.c.first_as_of).join(cur, cur.c.aid == a.c.id))
    return {(r[0], r[1]): (r[2], r[3], information(r[4], r[5]), r[6], r[7]) for r in rows}


class Head(NamedTuple):
    """The latest row of a chain (measure × voice) on or before a date, as a snapshot compares its rows with it:
    ``information`` is the latest information of the chain up to that row (a blank row keeps the text before)."""

    as_of: object
    status: str
    information: str | None
    last_change: object
    first_as_of: object
    source_url: str | None
    confidence: str | None


def _heads_query(a, m, v, where, as_of=None, informed: bool = False, association: str | None = None):
    cur = (select(m.c.id.label("mid"), v.c.voice, latest_id(a.alias("a2"), m.c.id, v.c.voice, as_of=as_of,
                                                             informed=informed, association=association).label("aid"))
           .select_from(m.join(v, true())).where(where).cte("cur"))
    return select(a.c.measure_id, a.c.voice, a.c.as_of, a.c.status, a.c.summary, a.c.comment, a.c.last_change,
                  a.c.first_as_of, a.c.source_url, a.c.confidence).join(cur, cur.c.aid == a.c.id)


def chain_heads(conn: Connection, plan_id: str, as_of, voices: Iterable[str],
                association: str | None = None) -> tuple[dict[tuple, Head], set[tuple]]:
    """The head (:class:`Head`) on or before ``as_of`` of every chain of the plan's measures in these voices and of
    ``association`` (None: the collective's rows), by (measure id, voice), and the chains that have a row dated after
    ``as_of``. One query for the whole plan (one
    index seek per measure × voice), a second one only when some latest row is blank (the text before it), and
    more only for the chains with later rows (an older snapshot imported after a newer one)."""
    a, m = s.assessments, s.measures
    voices = [v for v in VOICES if v in set(voices)]
    if not voices:
        return {}, set()
    v = voices_cte(voices)
    rows = {(r[0], r[1]): r for r in conn.execute(_heads_query(a, m, v, m.c.plan_id == plan_id,
                                                                association=association))}
    later = {k for k, r in rows.items() if r[2] > as_of}
    if later:  # their head at ``as_of``: the latest row on or before it, if any
        ids = sorted({k[0] for k in later})
        for key in later:
            del rows[key]
        for i in range(0, len(ids), _CHUNK):
            for r in conn.execute(_heads_query(a, m, v, m.c.id.in_(ids[i:i + _CHUNK]), as_of=as_of,
                                               association=association)):
                if (r[0], r[1]) in later:
                    rows[(r[0], r[1])] = r
    heads = {k: Head(r[2], r[3], information(r[4], r[5]), r[6], r[7], r[8], r[9]) for k, r in rows.items()}
    blank = sorted({k[0] for k, h in heads.items() if h.information is None})
    wheres = ([m.c.plan_id == plan_id] if len(blank) > _CHUNK  # many: one query for the plan
              else [m.c.id.in_(blank[i:i + _CHUNK]) for i in range(0, len(blank), _CHUNK)])
    for where in wheres:  # a blank head: the text before it is the chain's information
        for r in conn.execute(_heads_query(a, m, v, where, as_of=as_of, informed=True, association=association)):
            key = (r[0], r[1])
            if key in heads and heads[key].information is None:
                heads[key] = heads[key]._replace(information=information(r[4], r[5]))
    return heads, later


def next_dates(conn: Connection, as_of, rows: list[tuple], heads: tuple[dict, set] | None = None,
               association: str | None = None) -> list[tuple | None]:
    """(last_change, first_as_of) of each row about to be inserted — ``rows``: (measure id, voice,
    status, information), all dated ``as_of``, at most one per measure × voice — computed from the
    latest stored row of its chain; None for a row that will not be its chain's latest (a row dated
    after ``as_of`` is stored, or a stored row lacks its dates): those chains need
    :func:`refresh_chain_dates` once the rows are in. ``heads``: :func:`chain_heads` at ``as_of`` when the
    caller has them already (of ``association``'s chains, None: the collective's)."""
    if heads is None:
        heads = _heads_of(conn, as_of, rows, association)
    found, later = heads
    out: list[tuple | None] = []
    for mid, voice, status, info in rows:
        if (mid, voice) in later:
            out.append(None)
            continue
        prev = found.get((mid, voice))
        if prev is None:
            out.append((as_of, as_of))  # the first row of its chain
            continue
        if prev.last_change is None or prev.first_as_of is None:
            out.append(None)
            continue
        news = status != prev.status or (info is not None and info != prev.information)
        out.append((as_of if news else prev.last_change, prev.first_as_of))
    return out


def _heads_of(conn: Connection, as_of, rows: list[tuple], association: str | None = None) -> tuple[dict, set]:
    """:func:`chain_heads` for the measures of ``rows`` only (by id, in chunks)."""
    ids = sorted({r[0] for r in rows})
    voices = [v for v in VOICES if v in {r[1] for r in rows}]
    latest: dict[tuple, tuple] = {}
    for i in range(0, len(ids), _CHUNK):
        latest.update(_latest(conn, ids[i:i + _CHUNK], voices, informed=False, association=association))
    blank = sorted({k[0] for k, v in latest.items() if v[2] is None})
    informed: dict[tuple, tuple] = {}
    for i in range(0, len(blank), _CHUNK):
        informed.update(_latest(conn, blank[i:i + _CHUNK], voices, informed=True, association=association))
    later = {k for k, v in latest.items() if v[0] > as_of}
    heads = {k: Head(v[0], v[1], v[2] if v[2] is not None else informed.get(k, (None, None, None))[2], v[3], v[4],
                     None, None) for k, v in latest.items() if k not in later}
    return heads, later


def appended_dates(conn: Connection, as_of, mids: list[int], voices: list[str], statuses: list[str],
                   comments: list, earlier: set[int], heads: tuple[dict, set] | None = None,
                   association: str | None = None) -> tuple[tuple[list, list] | None, set[int]]:
    """The change dates of the assessments of one snapshot, about to be inserted (one per measure id of
    ``mids``, with its voice, status and comment, all dated ``as_of``, all of ``association``'s chains); ``earlier``: the measures that
    existed before the snapshot. Returns ((last_change, first_as_of) as two lists, or None when every row
    starts its chain — a first import: they all changed on ``as_of``) and the measures whose chains must be
    recomputed with :func:`refresh_chain_dates` once the rows are in (their dates are None here): those
    with a row dated after ``as_of``, or with two rows of one voice in the snapshot. The others follow
    from the latest stored row of their chain (:func:`next_dates`; ``heads``: :func:`chain_heads` at ``as_of``,
    when the caller has them)."""
    pairs = Counter(zip(mids, voices, strict=True))
    if not earlier and len(pairs) == len(mids):
        return None, set()
    redo = {m for (m, _), k in pairs.items() if k > 1}
    last = [None if m in redo else as_of for m in mids]
    first = list(last)
    todo = [k for k, m in enumerate(mids) if m in earlier and m not in redo]
    found = next_dates(conn, as_of, [(mids[k], voices[k], statuses[k], information(None, comments[k])) for k in todo],
                       heads, association)
    for k, dates in zip(todo, found, strict=True):
        if dates is None:
            redo.add(mids[k])
            last[k] = first[k] = None
        else:
            last[k], first[k] = dates
    return (last, first), redo
