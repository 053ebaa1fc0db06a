"""The SQL side of the rules: a handful of portable SQLAlchemy Core queries.

Each function returns plain dicts or pandas DataFrames; no rule is computed here except
the « state at D » query, which is the pure-Python ``compute.state_from_history`` written
in SQL (correlated index walks; LATERAL joins on PostgreSQL) so that 1 million assessments never
travel to Python.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Connection, Date, String, and_, case, func, literal, or_, select, true, type_coerce, union_all

from plans import schema as s
from plans.store import documented_clause
from plans.vocab import STATUS_CODES, VOICES

A, M = s.assessments, s.measures

MEASURE_COLUMNS = ["id", "ref", "official_number", "kind", "title_fr", "title_en", "axis_id", "axis_ref",
                   "axis_label", "axis_text", "lead_body", "deadline_text", "deadline_start", "deadline_end",
                   "carried_over_from", "carried_over_to", "first_seen", "source_url", "confidence", "counted"]
HISTORY_COLUMNS = ["id", "measure_id", "as_of", "status", "status_as_reported", "voice", "summary", "comment",
                   "source_url", "confidence", "as_of_precision"]
STATE_COLUMNS = [*HISTORY_COLUMNS, "last_change", "first_as_of"]


def _frame(rows, columns) -> pd.DataFrame:
    if hasattr(rows, "all"):  # a Result: fetch everything at once (not row by row)
        rows = rows.all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def load_plan(conn: Connection, plan_id: str) -> dict | None:
    row = conn.execute(select(s.plans).where(s.plans.c.id == plan_id)).mappings().first()
    return dict(row) if row else None


def plan_ids(conn: Connection) -> list[str]:
    return list(conn.execute(select(s.plans.c.id).order_by(s.plans.c.id)).scalars())


def load_measure_rows(conn: Connection, plan_id: str) -> list[tuple]:
    """The plan's measures as plain tuples (``MEASURE_COLUMNS`` order, missing values None), by ref."""
    counted = documented_clause()
    q = (select(M.c.id, M.c.ref, M.c.official_number, M.c.kind, M.c.title_fr, M.c.title_en, M.c.axis_id,
                s.axes.c.ref.label("axis_ref"), s.axes.c.label_fr.label("axis_label"), M.c.axis_text,
                M.c.lead_body, M.c.deadline_text, M.c.deadline_start, M.c.deadline_end, M.c.carried_over_from,
                M.c.carried_over_to, M.c.first_seen, M.c.source_url, M.c.confidence, counted.label("counted"))
         .select_from(M.outerjoin(s.axes, s.axes.c.id == M.c.axis_id))
         .where(M.c.plan_id == plan_id).order_by(M.c.ref))
    return [tuple(r) for r in conn.execute(q).all()]


def measures_frame(rows: list[tuple]) -> pd.DataFrame:
    df = _frame(rows, MEASURE_COLUMNS)
    df["counted"] = df["counted"].astype(bool)
    return df


def load_measures(conn: Connection, plan_id: str) -> pd.DataFrame:
    return measures_frame(load_measure_rows(conn, plan_id))


def load_history(conn: Connection, plan_id: str, until: dt.date | None = None,
                 measure_ids: list[int] | None = None) -> pd.DataFrame:
    """All assessments of the plan on or before ``until`` (every voice)."""
    q = (select(*[A.c[c] for c in HISTORY_COLUMNS]).join(M, M.c.id == A.c.measure_id)
         .where(M.c.plan_id == plan_id).order_by(A.c.measure_id, A.c.as_of, A.c.id))
    if until is not None:
        q = q.where(A.c.as_of <= until)
    if measure_ids is not None:
        q = q.where(A.c.measure_id.in_(measure_ids))
    return _frame(conn.execute(q), HISTORY_COLUMNS)


def load_history_window(conn: Connection, plan_id: str, since: dt.date, until: dt.date) -> pd.DataFrame:
    """The plan's assessments dated in (since, until] (every voice), same columns as load_history."""
    q = (select(*[A.c[c] for c in HISTORY_COLUMNS]).join(M, M.c.id == A.c.measure_id)
         .where(M.c.plan_id == plan_id, A.c.as_of > since, A.c.as_of <= until)
         .order_by(A.c.measure_id, A.c.as_of, A.c.id))
    return _frame(conn.execute(q), HISTORY_COLUMNS)


EPOCH = dt.date(1970, 1, 1)


def _day_number(conn: Connection):
    """as_of as an integer day number (days since 1970-01-01) computed by the database, or None."""
    name = conn.dialect.name
    if name == "sqlite":
        return sa.cast(func.julianday(A.c.as_of) - 2440587.5, sa.Integer)
    if name == "postgresql":
        return A.c.as_of - literal(EPOCH, Date)
    return None


def load_date_precision(conn: Connection, measure_ids: list[int], until: dt.date) -> dict:
    """{(measure_id, as_of): 'month'|'year'} for the assessments ≤ ``until`` of these measures whose
    source gives the date only to the month or year (catalogue research; few rows)."""
    out: dict = {}
    for i in range(0, len(measure_ids), 500):
        q = (select(A.c.measure_id, A.c.as_of, A.c.as_of_precision)
             .where(A.c.measure_id.in_(measure_ids[i:i + 500]), A.c.as_of <= until, A.c.as_of_precision.is_not(None)))
        out.update({(m, d): p for m, d, p in conn.execute(q)})
    return out


def load_status_steps(conn: Connection, plan_id: str, until: dt.date) -> dict[str, np.ndarray]:
    """Every assessment ≤ ``until`` of the plan's counted measures, as four numpy arrays
    (unsorted): measure_id, day (days since 1970-01-01), id, code (index in STATUS_CODES, -1 for
    a status outside the vocabulary). Only what ``progress_history`` needs, without one Python
    object per row and column."""
    day = _day_number(conn)
    code = case(*[(A.c.status == st, i) for i, st in enumerate(STATUS_CODES)], else_=-1)
    q = (select(A.c.measure_id, day if day is not None else A.c.as_of, A.c.id, code)
         .join(M, M.c.id == A.c.measure_id)
         .where(M.c.plan_id == plan_id, documented_clause(), A.c.as_of <= until))
    result = conn.execute(q)
    raw = result.cursor if day is not None else None  # plain integers: read the DBAPI cursor directly
    chunks = []
    while True:  # in chunks: never a million Python tuples alive at once
        if raw is not None:
            rows = raw.fetchmany(STEP_CHUNK)
        else:
            rows = [(m, (d - EPOCH).days, i, k) for m, d, i, k in result.fetchmany(STEP_CHUNK)]
        if not rows:
            break
        chunks.append(np.array(rows, dtype=np.int64))
    arr = np.concatenate(chunks) if chunks else np.empty((0, 4), dtype=np.int64)
    return {"measure_id": arr[:, 0], "day": arr[:, 1], "id": arr[:, 2], "code": arr[:, 3]}


STEP_CHUNK = 100_000


def _voices_cte():
    return union_all(*[select(literal(v, String(20)).label("voice")) for v in VOICES]).cte("voices")


def _latest_id(a2, measure_col, voice_col, as_of):
    return (select(a2.c.id).where(a2.c.measure_id == measure_col, a2.c.voice == voice_col, a2.c.as_of <= as_of)
            .order_by(a2.c.as_of.desc(), a2.c.id.desc()).limit(1).scalar_subquery())


def _info(a):
    """The information a row carries (``compute.information``): its comment, else its summary."""
    return func.coalesce(func.nullif(a.c.comment, ""), func.nullif(a.c.summary, ""))


def _before(x, y):
    """Row x comes before row y in a voice's history (as_of, then id)."""
    return and_(x.c.measure_id == y.c.measure_id, x.c.voice == y.c.voice, x.c.as_of <= y.c.as_of,
                or_(x.c.as_of < y.c.as_of, x.c.id < y.c.id))


def load_latest_informed(conn: Connection, plan_id: str, as_of: dt.date) -> pd.DataFrame:
    """Per measure × voice, the latest assessment ≤ ``as_of`` that carries information (a comment
    or a summary) — what a later row's text is compared with (same columns as load_history)."""
    voices = _voices_cte()
    a3 = A.alias("a3")
    ci_id = (select(a3.c.id).where(a3.c.measure_id == M.c.id, a3.c.voice == voices.c.voice, a3.c.as_of <= as_of,
                                   _info(a3).is_not(None))
             .order_by(a3.c.as_of.desc(), a3.c.id.desc()).limit(1).scalar_subquery())
    cur = (select(ci_id.label("aid")).select_from(M.join(voices, true())).where(M.c.plan_id == plan_id)).cte("ci")
    return _frame(conn.execute(select(*[A.c[c] for c in HISTORY_COLUMNS]).join(cur, cur.c.aid == A.c.id)),
                  HISTORY_COLUMNS)


def _materialized(cte, on: bool):
    """``WITH … AS MATERIALIZED``: SQLite otherwise inlines a CTE used once, and re-runs its
    correlated subqueries wherever a later step names one of their columns."""
    return cte.prefix_with("MATERIALIZED") if on else cte


def state_query(plan_id: str, as_of: dt.date, materialized: bool = True):
    """Per (measure, voice): the latest assessment on or before ``as_of`` (ties: highest id),
    with ``first_as_of`` and ``last_change`` — the later of the last status change (the first
    row counts) and the last new information (a row whose comment-or-summary differs from the
    latest non-blank one before it; blank rows are no news).

    One backwards walk per measure × voice (ix_assessments_measure_voice_asof) instead of one
    per kind of change. With C the latest row, S its status and I the latest information (C's,
    or that of the latest row before C carrying one), the walk stops at X, the latest row before
    C of another status or carrying other information. Every row after X has status S and
    information I or none, so: Y = the first row after X (the first row when there is no X) is
    the last status change unless information changed later; W = the first row after X carrying
    information is new information unless the latest information at or before X (L) was already
    I. Hence last_change = W when I exists and L is missing or differs from I, else Y — one seek
    next to X (L is X's own information unless X is blank). Equivalent to
    ``compute.state_from_history`` (tested).

    ``materialized``: the two steps that run the walks as ``AS MATERIALIZED`` CTEs (SQLite ≥ 3.35,
    PostgreSQL ≥ 12): SQLite otherwise inlines a CTE used once and re-runs its correlated
    subqueries wherever a later step names one of their columns."""
    voices = _voices_cte()
    cur = _materialized(select(_latest_id(A.alias("a2"), M.c.id, voices.c.voice, as_of).label("aid"))
                        .select_from(M.join(voices, true())).where(M.c.plan_id == plan_id).cte("cur"), materialized)
    c_, i, f = A.alias("c"), A.alias("i"), A.alias("f")
    prev_info = (select(_info(i)).where(_before(i, c_), _info(i).is_not(None))
                 .order_by(i.c.as_of.desc(), i.c.id.desc()).limit(1).scalar_subquery())
    first = (select(f.c.as_of).where(f.c.measure_id == c_.c.measure_id, f.c.voice == c_.c.voice)
             .order_by(f.c.as_of).limit(1).scalar_subquery())
    c1 = (select(c_.c.id, c_.c.measure_id, c_.c.voice, c_.c.as_of, c_.c.status,
                 case((_info(c_).is_not(None), _info(c_)), else_=prev_info).label("info"), first.label("first_as_of"))
          .select_from(c_.join(cur, cur.c.aid == c_.c.id)).cte("c1"))
    x = A.alias("x")
    x_id = (select(x.c.id).where(_before(x, c1), or_(x.c.status != c1.c.status, _info(x) != c1.c.info))
            .order_by(x.c.as_of.desc(), x.c.id.desc()).limit(1).scalar_subquery())
    c2 = _materialized(select(c1.c.id, c1.c.info, c1.c.first_as_of, x_id.label("x_id")).cte("c2"), materialized)
    c, xr, n, l_ = A.alias("c"), A.alias("xr"), A.alias("n"), A.alias("l")
    l_info = case((c2.c.x_id.is_(None), None), (_info(xr).is_not(None), _info(xr)),
                  else_=select(_info(l_)).where(_before(l_, xr), _info(l_).is_not(None))
                  .order_by(l_.c.as_of.desc(), l_.c.id.desc()).limit(1).scalar_subquery())
    news = and_(c2.c.info.is_not(None), func.coalesce(l_info != c2.c.info, true()))
    w_first = (select(n.c.as_of).where(n.c.measure_id == c.c.measure_id, n.c.voice == c.c.voice, n.c.as_of <= as_of,
                                       _info(n).is_not(None)).order_by(n.c.as_of, n.c.id).limit(1).scalar_subquery())
    w_after = (select(n.c.as_of).where(_before(xr, n), n.c.as_of <= as_of, _info(n).is_not(None))
               .order_by(n.c.as_of, n.c.id).limit(1).scalar_subquery())
    y_after = select(n.c.as_of).where(_before(xr, n)).order_by(n.c.as_of, n.c.id).limit(1).scalar_subquery()
    last_change = case((news, case((c2.c.x_id.is_(None), w_first), else_=w_after)),
                       (c2.c.x_id.is_(None), c2.c.first_as_of), else_=y_after)
    return (select(*[c.c[col] for col in HISTORY_COLUMNS], type_coerce(last_change, Date).label("last_change"),
                   type_coerce(c2.c.first_as_of, Date).label("first_as_of"))
            .select_from(c2.join(c, c.c.id == c2.c.id).outerjoin(xr, xr.c.id == c2.c.x_id)))


_PG_COLUMNS = ", ".join(f"c.{col}" for col in HISTORY_COLUMNS)
_PG_VOICES = "(VALUES " + ", ".join(f"('{v}')" for v in VOICES) + ") AS v(voice)"
_PG_LATEST = f"""FROM measures m CROSS JOIN {_PG_VOICES}
JOIN LATERAL (SELECT * FROM assessments a WHERE a.measure_id = m.id AND a.voice = v.voice AND a.as_of <= :as_of
              ORDER BY a.as_of DESC, a.id DESC LIMIT 1) c ON true"""


def _pg_info(a: str) -> str:
    return f"COALESCE(NULLIF({a}.comment, ''), NULLIF({a}.summary, ''))"


def _pg_before(x: str, y: str) -> str:
    return (f"{x}.measure_id = {y}.measure_id AND {x}.voice = {y}.voice AND {x}.as_of <= {y}.as_of "
            f"AND ({x}.as_of < {y}.as_of OR {x}.id < {y}.id)")


# the walk of state_query: C, first row, information I, X, L, then one seek (W or Y)
PG_STATE_SQL = f"""SELECT {_PG_COLUMNS},
       lc.last_change, fi.first AS first_as_of
{_PG_LATEST}
CROSS JOIN LATERAL (SELECT f.as_of AS first FROM assessments f
                    WHERE f.measure_id = c.measure_id AND f.voice = c.voice ORDER BY f.as_of LIMIT 1) fi
CROSS JOIN LATERAL (SELECT COALESCE({_pg_info("c")},
                                    (SELECT {_pg_info("i")} FROM assessments i
                                     WHERE {_pg_before("i", "c")} AND {_pg_info("i")} IS NOT NULL
                                     ORDER BY i.as_of DESC, i.id DESC LIMIT 1)) AS info OFFSET 0) ci
LEFT JOIN LATERAL (SELECT x.measure_id, x.voice, x.as_of, x.id, {_pg_info("x")} AS info FROM assessments x
                   WHERE {_pg_before("x", "c")} AND (x.status <> c.status OR {_pg_info("x")} <> ci.info)
                   ORDER BY x.as_of DESC, x.id DESC LIMIT 1) x ON true
CROSS JOIN LATERAL (SELECT CASE WHEN x.id IS NULL THEN NULL WHEN x.info IS NOT NULL THEN x.info
                                ELSE (SELECT {_pg_info("l")} FROM assessments l
                                      WHERE {_pg_before("l", "x")} AND {_pg_info("l")} IS NOT NULL
                                      ORDER BY l.as_of DESC, l.id DESC LIMIT 1) END AS info OFFSET 0) li
CROSS JOIN LATERAL (SELECT CASE
    WHEN ci.info IS NOT NULL AND COALESCE(li.info <> ci.info, true) THEN
         CASE WHEN x.id IS NULL THEN (SELECT n.as_of FROM assessments n
                                      WHERE n.measure_id = c.measure_id AND n.voice = c.voice AND n.as_of <= :as_of
                                        AND {_pg_info("n")} IS NOT NULL ORDER BY n.as_of, n.id LIMIT 1)
              ELSE (SELECT n.as_of FROM assessments n WHERE {_pg_before("x", "n")} AND n.as_of <= :as_of
                      AND {_pg_info("n")} IS NOT NULL ORDER BY n.as_of, n.id LIMIT 1) END
    WHEN x.id IS NULL THEN fi.first
    ELSE (SELECT n.as_of FROM assessments n WHERE {_pg_before("x", "n")} ORDER BY n.as_of, n.id LIMIT 1)
  END AS last_change) lc
WHERE m.plan_id = :plan_id"""
PG_LATEST_SQL = f"SELECT {_PG_COLUMNS}\n{_PG_LATEST}\nWHERE m.plan_id = :plan_id"


def pg_state_query(plan_id: str, as_of: dt.date):
    """PostgreSQL form of :func:`state_query` (same result): the same walk per measure × voice
    written as LATERAL joins, so that the planner runs them as nested index scans on
    ix_assessments_measure_voice_asof instead of hashing the whole assessments table. Run it
    after :func:`pg_session_settings` (JIT off)."""
    return sa.text(PG_STATE_SQL).bindparams(sa.bindparam("plan_id", plan_id), sa.bindparam("as_of", as_of, type_=Date))


def pg_latest_state_query(plan_id: str, as_of: dt.date):
    """PostgreSQL form of :func:`latest_state_query` (LATERAL, one index seek per measure × voice)."""
    return sa.text(PG_LATEST_SQL).bindparams(sa.bindparam("plan_id", plan_id), sa.bindparam("as_of", as_of, type_=Date))


def distinct_on_state_query(plan_id: str, as_of: dt.date):
    """PostgreSQL only: latest assessment per (measure, voice) at D with DISTINCT ON (benchmarks)."""
    return (select(*[A.c[c] for c in HISTORY_COLUMNS]).join(M, M.c.id == A.c.measure_id)
            .where(M.c.plan_id == plan_id, A.c.as_of <= as_of)
            .order_by(A.c.measure_id, A.c.voice, A.c.as_of.desc(), A.c.id.desc())
            .distinct(A.c.measure_id, A.c.voice))


def state_query_for(conn: Connection, plan_id: str, as_of: dt.date):
    """The fastest form of the state-at-D query (with change dates) for this database."""
    if conn.dialect.name == "postgresql":
        return pg_state_query(plan_id, as_of)
    version = conn.dialect.server_version_info or (0,)
    return state_query(plan_id, as_of, materialized=conn.dialect.name == "sqlite" and version >= (3, 35))


def latest_state_query_for(conn: Connection, plan_id: str, as_of: dt.date):
    """The fastest form of the single « state at D » query (no change dates) for this database."""
    if conn.dialect.name == "postgresql":
        return pg_latest_state_query(plan_id, as_of)
    return latest_state_query(plan_id, as_of)


def latest_state_query(plan_id: str, as_of: dt.date):
    """The reference single query (benchmarks): latest assessment per (measure, voice) at D,
    index-driven like :func:`state_query` but without the change dates."""
    voices = _voices_cte()
    cur = (select(_latest_id(A.alias("a2"), M.c.id, voices.c.voice, as_of).label("aid"))
           .select_from(M.join(voices, true())).where(M.c.plan_id == plan_id)).cte("cur")
    return select(*[A.c[c] for c in HISTORY_COLUMNS]).join(cur, cur.c.aid == A.c.id)


def plain_state_query(plan_id: str, as_of: dt.date):
    """Latest assessment per (measure, voice) at D with ROW_NUMBER (full scan; benchmarks)."""
    part = (A.c.measure_id, A.c.voice)
    h = (select(*[A.c[c] for c in HISTORY_COLUMNS],
                func.row_number().over(partition_by=part, order_by=(A.c.as_of.desc(), A.c.id.desc())).label("rn"))
         .join(M, M.c.id == A.c.measure_id)
         .where(M.c.plan_id == plan_id, A.c.as_of <= as_of)).cte("h")
    return select(*[h.c[col] for col in HISTORY_COLUMNS]).where(h.c.rn == 1)


PG_STATE_SETTINGS = ("SET LOCAL jit = off", "SET LOCAL enable_memoize = off")


def pg_session_settings(conn: Connection) -> None:
    """PostgreSQL, for the rest of the current transaction: no JIT compilation (the state query's
    estimated cost is high enough to trigger it, and compiling its ~130 functions took longer —
    0.7–1 s at 1 M assessments — than running it) and no Memoize nodes (each of its lateral
    walks is keyed by a distinct measure × voice: the cache never hits)."""
    if conn.dialect.name == "postgresql":
        for statement in PG_STATE_SETTINGS:
            conn.exec_driver_sql(statement)


def load_state_rows(conn: Connection, plan_id: str, as_of: dt.date) -> list[tuple]:
    """The state query's rows as plain tuples (``STATE_COLUMNS`` order, missing values None)."""
    pg_session_settings(conn)
    return [tuple(r) for r in conn.execute(state_query_for(conn, plan_id, as_of)).all()]


def state_frame(rows: list[tuple]) -> pd.DataFrame:
    return _frame(rows, STATE_COLUMNS)


def load_state(conn: Connection, plan_id: str, as_of: dt.date) -> pd.DataFrame:
    return state_frame(load_state_rows(conn, plan_id, as_of))


REVISION_COLUMNS = ["id", "measure_id", "as_of", "field", "old_value", "new_value", "source_url", "confidence"]


def load_revisions(conn: Connection, plan_id: str, fields: tuple[str, ...] | None = None) -> pd.DataFrame:
    R = s.measure_revisions
    q = (select(*[R.c[c] for c in REVISION_COLUMNS]).join(M, M.c.id == R.c.measure_id)
         .where(M.c.plan_id == plan_id).order_by(R.c.measure_id, R.c.as_of, R.c.id))
    if fields:
        q = q.where(R.c.field.in_(fields))
    return _frame(conn.execute(q), REVISION_COLUMNS)


ANNOUNCEMENT_COLUMNS = ["id", "event_key", "seq", "subject", "measure_id", "kind", "announced_on",
                        "announced_on_text", "expected_text", "expected_start", "expected_end", "held_on",
                        "summary", "source_url", "confidence"]


def load_announcements(conn: Connection, plan_id: str) -> pd.DataFrame:
    N = s.announcements
    q = (select(*[N.c[c] for c in ANNOUNCEMENT_COLUMNS]).where(N.c.plan_id == plan_id)
         .order_by(N.c.event_key, N.c.seq, N.c.id))
    return _frame(conn.execute(q), ANNOUNCEMENT_COLUMNS)


LINK_COLUMNS = ["id", "from_plan_id", "from_ref", "to_plan_id", "to_ref", "kind", "state", "note", "source_url",
                "confidence"]


def load_links(conn: Connection, plan_id: str) -> pd.DataFrame:
    L = s.links
    q = (select(*[L.c[c] for c in LINK_COLUMNS])
         .where(or_(L.c.from_plan_id == plan_id, L.c.to_plan_id == plan_id)).order_by(L.c.id))
    return _frame(conn.execute(q), LINK_COLUMNS)


def load_plans(conn: Connection) -> list[dict]:
    return [dict(r) for r in conn.execute(select(s.plans).order_by(s.plans.c.period_start)).mappings()]


def load_measures_by_ref(conn: Connection, plan_id: str, refs: list[str]) -> list[dict]:
    if not refs:
        return []
    q = select(M.c.id, M.c.ref, M.c.title_fr, M.c.title_en).where(M.c.plan_id == plan_id, M.c.ref.in_(refs))
    return [dict(r) for r in conn.execute(q).mappings()]


def load_origin_ratings(conn: Connection, measure_ids: list[int]) -> dict[int, dict]:
    """Latest assessment of each given measure (any voice, all dates) — e.g. the CNCDH rating."""
    if not measure_ids:
        return {}
    q = (select(A.c.measure_id, A.c.as_of, A.c.status, A.c.status_as_reported, A.c.voice, A.c.source_url)
         .where(A.c.measure_id.in_(measure_ids)).order_by(A.c.measure_id, A.c.as_of, A.c.id))
    out: dict[int, dict] = {}
    for r in conn.execute(q).mappings():
        out[r["measure_id"]] = dict(r)
    return out
