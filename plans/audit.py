"""The audit trail: one append-only row per write — who (as recorded, e-mail, role, association), when (UTC),
what kind, which plan, a short French summary of before → after, the import run written if any.

:func:`record` writes inside the caller's transaction, so the trail and the write commit or roll back together
(a refusal is recorded by ``plans.access.require`` in a transaction of its own). Nothing here updates or deletes
a row, and the database refuses it too: triggers of revision 0007 on SQLite and PostgreSQL.
:func:`data_version` (the largest id) tells in one cheap query whether anything was written since.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from plans import schema as s

KINDS: tuple[str, ...] = (
    "import_confirmed", "import_refused", "assessment_added", "announcement_added", "overlap_decided",
    "profile_saved", "person_added", "person_changed", "person_removed", "backup", "restore", "login_failed",
    "write_refused", "catalogue_loaded", "positions_saved", "question_marked", "questions_saved",
)  # labels: texts audit.kind.<kind>


def now() -> dt.datetime:
    """The trail's clock: UTC, naive (as stored), to the second."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _who(actor: Any) -> dict:
    from plans.access import Actor
    from plans.i18n import text

    if not isinstance(actor, Actor):  # a typed name is not an actor: kept as said, never trusted
        said = str(actor).strip()[:200] if actor else ""
        return {"actor": text("access.actor.unknown") + (f" « {said} »" if said else ""), "email": None,
                "role": None, "association": None}
    return {"actor": actor.recorded, "email": actor.email, "role": actor.role, "association": actor.association}


def kind_label(kind: str, lang: str = "fr") -> str:
    """« import confirmé », « information ajoutée », « modification refusée »…"""
    from plans.i18n import text

    return text(f"audit.kind.{kind}", lang)


TRAIL_LOCK = 0x56494749  # « VIGI »: the advisory lock that orders the trail's ids on PostgreSQL


def record(conn: Connection, actor: Any, kind: str, *, plan_id: str | None = None, summary: str = "",
           run_id: int | None = None) -> int:
    """Append one row to the trail on ``conn`` (inside the caller's transaction); its id."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    if conn.dialect.name == "postgresql":
        # ids in commit order: PostgreSQL gives an id at INSERT but shows it at COMMIT, so a slow write committed
        # after a quicker one with a higher id would never move data_version (the servers' cache key). The lock is
        # the transaction's: the next writer's record() waits for this commit.
        conn.execute(select(func.pg_advisory_xact_lock(TRAIL_LOCK)))
    row = {"at": now(), "kind": kind, "plan_id": plan_id, "summary": summary or "", "run_id": run_id,
           **_who(actor)}
    key = conn.execute(insert(s.audit_log).values(**row)).inserted_primary_key
    assert key is not None
    return int(key[0])


def entries(engine: Engine, *, plan_id: str | None = None, since: dt.date | dt.datetime | None = None,
            email: str | None = None, kind: str | None = None, limit: int | None = None) -> list[dict]:
    """Rows of the trail, newest first, filtered. ``plan_id`` keeps that plan's rows and the rows of no plan
    (people, backups, logins); ``since`` a date (that day included) or a datetime (UTC)."""
    t = s.audit_log
    q = select(t).order_by(t.c.id.desc())
    if plan_id is not None:
        q = q.where((t.c.plan_id == plan_id) | t.c.plan_id.is_(None))
    if since is not None:
        start = since if isinstance(since, dt.datetime) else dt.datetime.combine(since, dt.time())
        q = q.where(t.c.at >= start)
    if email is not None:
        q = q.where(t.c.email == email.strip().lower())
    if kind is not None:
        q = q.where(t.c.kind == kind)
    if limit is not None:
        q = q.limit(limit)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def data_version(engine_or_conn: Engine | Connection) -> int:
    """The largest id of the trail (0 when empty): every write records a row, so this changes with the data."""
    q = select(func.coalesce(func.max(s.audit_log.c.id), 0))
    if isinstance(engine_or_conn, Connection):
        return int(engine_or_conn.execute(q).scalar_one())
    with engine_or_conn.connect() as conn:
        return int(conn.execute(q).scalar_one())


__all__ = ["KINDS", "data_version", "entries", "kind_label", "now", "record"]
