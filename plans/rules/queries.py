"""The SQL side of the rules: a handful of portable SQLAlchemy Core queries.

Each function returns plain dicts or pandas DataFrames; no rule is computed here. The « state at
D » query (``compute.state_from_history`` in SQL) seeks the latest row per measure × voice in the
index (LATERAL joins on PostgreSQL) and reads the change dates each row carries
(``plans.history``), so that 1 million assessments never travel to Python.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Connection, Date, case, func, literal, or_, select, true

from plans import schema as s
from plans.history import latest_id, voices_cte
from plans.store import documented_clause
from plans.vocab import STATUS_CODES, VOICES

A, M = s.assessments, s.measures

MEASURE_COLUMNS = ["id", "ref", "official_number", "kind", "title_fr", "title_en", "axis_id", "axis_ref",
                   "axis_label", "axis_text", "lead_body", "deadline_text", "deadline_start", "deadline_end",
                   "carried_over_from", "carried_over_to", "first_seen", "source_url", "confidence", "counted"]
HISTORY_COLUMNS = ["id", "measure_id", "as_of", "status", "status_as_reported", "voice", "summary", "comment",
                   "source_url", "confidence", "as_of_precision", "association"]  # None: the collective's
STATE_COLUMNS = [*HISTORY_COLUMNS, "last_change", "first_as_of"]


def _frame(rows, columns) -> pd.DataFrame:
    if hasattr(rows, "all"):  # a Result: fetch everything at once (not row by row)
        rows = rows.all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def load_plan(conn: Connection, plan_id: str) -> dict | None:
    row = conn.execute(select(s.plans).where(s.plans.c.id == plan_id)).mappings().first()
    return dict(row) if row else None


def load_axis_labels(conn: Connection, plan_id: str) -> list[str]:
    """The labels of the plan's axes (its ``axes`` rows, numbered ones first), whether or not a measure is known in them."""
    a = s.axes.c
    return list(conn.execute(select(a.label_fr).where(a.plan_id == plan_id)
                             .order_by(a.number.is_(None), a.number, a.label_fr)).scalars())


def plan_ids(conn: Connection) -> list[str]:
    return list(conn.execute(select(s.plans.c.id).order_by(s.plans.c.id)).scalars())


def title_en_column():
    """The catalogue's English title — or NULL once an import changed the French title it translates (a
    ``measure_revisions`` row of ``title_fr`` written by an import run, as ``plans.seed._edited_by_import`` reads
    them): the English pages then show the imported French title, not a stale translation."""
    r = s.measure_revisions
    changed = (select(r.c.id).where(r.c.measure_id == M.c.id, r.c.field == "title_fr", r.c.import_run_id.is_not(None))
               .exists())
    return case((changed, None), else_=M.c.title_en).label("title_en")


def load_measure_rows(conn: Connection, plan_id: str) -> list[tuple]:
    """The plan's measures as plain tuples (``MEASURE_COLUMNS`` order, missing values None), by ref."""
    counted = documented_clause()
    q = (select(M.c.id, M.c.ref, M.c.official_number, M.c.kind, M.c.title_fr, title_en_column(), M.c.axis_id,
                s.axes.c.ref.label("axis_ref"),
                # a measure in none of the plan's axes: its axis as the file gave it (a section title row's)
                func.coalesce(s.axes.c.label_fr, M.c.axis_text).label("axis_label"), M.c.axis_text,
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


def load_latest_informed(conn: Connection, plan_id: str, as_of: dt.date) -> pd.DataFrame:
    """Per measure × voice, the latest assessment ≤ ``as_of`` that carries information (a comment
    or a summary) — what a later row's text is compared with (same columns as load_history)."""
    voices = voices_cte()
    ci_id = latest_id(A.alias("a3"), M.c.id, voices.c.voice, as_of, informed=True)
    cur = (select(ci_id.label("aid")).select_from(M.join(voices, true())).where(M.c.plan_id == plan_id)).cte("ci")
    return _frame(conn.execute(select(*[A.c[c] for c in HISTORY_COLUMNS]).join(cur, cur.c.aid == A.c.id)),
                  HISTORY_COLUMNS)


def latest_state_query(plan_id: str, as_of: dt.date, columns=HISTORY_COLUMNS):
    """The single « state at D » query: per (measure, voice), the latest assessment on or before
    ``as_of`` (ties: highest id), index-driven (ix_assessments_measure_voice_asof): one seek per
    measure × voice. ``columns``: those of ``assessments`` to read (:func:`state_query` adds the
    change dates)."""
    voices = voices_cte()
    cur = (select(latest_id(A.alias("a2"), M.c.id, voices.c.voice, as_of).label("aid"))
           .select_from(M.join(voices, true())).where(M.c.plan_id == plan_id)).cte("cur")
    return select(*[A.c[c] for c in columns]).join(cur, cur.c.aid == A.c.id)


def state_query(plan_id: str, as_of: dt.date):
    """The single query with ``last_change`` (the later of the last status change and the last new
    information) and ``first_as_of`` — the change dates the latest row carries (``plans.history``):
    they are those of its chain up to it, so those at D. Equivalent to
    ``compute.state_from_history`` (tested)."""
    return latest_state_query(plan_id, as_of, STATE_COLUMNS)


_PG_VOICES = "(VALUES " + ", ".join(f"('{v}')" for v in VOICES) + ") AS v(voice)"
_PG_LATEST = f"""FROM measures m CROSS JOIN {_PG_VOICES}
JOIN LATERAL (SELECT * FROM assessments a WHERE a.measure_id = m.id AND a.voice = v.voice AND a.as_of <= :as_of
              ORDER BY a.as_of DESC, a.id DESC LIMIT 1) c ON true"""  # noqa: S608 - built from the vocabulary constants, no user value


def pg_latest_state_query(plan_id: str, as_of: dt.date, columns=HISTORY_COLUMNS):
    """PostgreSQL form of :func:`latest_state_query` (same result): one LATERAL index seek per
    measure × voice, so that the planner never hashes the whole assessments table. Run the state
    query after :func:`pg_session_settings` (JIT off)."""
    sql = f"SELECT {', '.join(f'c.{col}' for col in columns)}\n{_PG_LATEST}\nWHERE m.plan_id = :plan_id"
    return sa.text(sql).bindparams(sa.bindparam("plan_id", plan_id), sa.bindparam("as_of", as_of, type_=Date))


def distinct_on_state_query(plan_id: str, as_of: dt.date):
    """PostgreSQL only: latest assessment per (measure, voice) at D with DISTINCT ON (benchmarks)."""
    return (select(*[A.c[c] for c in HISTORY_COLUMNS]).join(M, M.c.id == A.c.measure_id)
            .where(M.c.plan_id == plan_id, A.c.as_of <= as_of)
            .order_by(A.c.measure_id, A.c.voice, A.c.as_of.desc(), A.c.id.desc())
            .distinct(A.c.measure_id, A.c.voice))


def latest_state_query_for(conn: Connection, plan_id: str, as_of: dt.date, columns=HISTORY_COLUMNS):
    """The fastest form of the single « state at D » query for this database."""
    if conn.dialect.name == "postgresql":
        return pg_latest_state_query(plan_id, as_of, columns)
    return latest_state_query(plan_id, as_of, columns)


def state_query_for(conn: Connection, plan_id: str, as_of: dt.date):
    """The fastest form of the state-at-D query (with change dates) for this database."""
    return latest_state_query_for(conn, plan_id, as_of, STATE_COLUMNS)


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


def load_association_views(conn: Connection, plan_id: str, as_of: dt.date) -> list[tuple]:
    """Each association's latest civil-society view of each measure at D (ties: highest id): rows
    (measure_id, association, status, as_of). Nothing is read when no run of the plan was an association's (the
    rows of an association are written by its runs): the plans with none pay one look at the small runs table."""
    r = s.import_runs
    if conn.execute(select(r.c.id).where(r.c.plan_id == plan_id, r.c.association.is_not(None)).limit(1)).first() is None:
        return []
    rn = func.row_number().over(partition_by=(A.c.measure_id, A.c.association),
                                order_by=(A.c.as_of.desc(), A.c.id.desc())).label("rn")
    h = (select(A.c.measure_id, A.c.association, A.c.status, A.c.as_of, rn).join(M, M.c.id == A.c.measure_id)
         .where(M.c.plan_id == plan_id, A.c.voice == "civil_society", A.c.association.is_not(None),
                A.c.as_of <= as_of)).subquery("h")
    return [tuple(x) for x in conn.execute(select(h.c.measure_id, h.c.association, h.c.status, h.c.as_of)
                                           .where(h.c.rn == 1).order_by(h.c.measure_id, h.c.association)).all()]


REVISION_COLUMNS = ["id", "measure_id", "as_of", "field", "old_value", "new_value", "source_url", "confidence"]


def load_revisions(conn: Connection, plan_id: str, fields: tuple[str, ...] | None = None) -> pd.DataFrame:
    R = s.measure_revisions
    q = (select(*[R.c[c] for c in REVISION_COLUMNS]).join(M, M.c.id == R.c.measure_id)
         .where(M.c.plan_id == plan_id).order_by(R.c.measure_id, R.c.as_of, R.c.id))
    if fields:
        q = q.where(R.c.field.in_(fields))
    return _frame(conn.execute(q), REVISION_COLUMNS)


def load_last_import(conn: Connection, measure_id: int, until: dt.date) -> dict | None:
    """The import that last recorded an assessment of the measure dated on or before ``until``: ``file_name``,
    ``as_of`` (the snapshot's date) and ``started_at``; None when no import did."""
    R = s.import_runs
    q = (select(R.c.file_name, A.c.as_of, R.c.started_at).join(R, R.c.id == A.c.import_run_id)
         .where(A.c.measure_id == measure_id, A.c.origin == "import", A.c.as_of <= until)
         .order_by(A.c.as_of.desc(), A.c.id.desc()).limit(1))
    row = conn.execute(q).mappings().first()
    return dict(row) if row is not None else None


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


def load_measures_by_refs(conn: Connection, refs: list[str]) -> list[dict]:
    """The measures of every plan holding one of these refs (the possible earlier promises)."""
    if not refs:
        return []
    q = (select(M.c.id, M.c.plan_id, M.c.ref, M.c.title_fr, title_en_column(), M.c.carried_over_from)
         .where(M.c.ref.in_(refs)).order_by(M.c.plan_id, M.c.ref))
    return [dict(r) for r in conn.execute(q).mappings()]
