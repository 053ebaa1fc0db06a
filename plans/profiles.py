"""A plan's import profile: how its files are read (which sheet, which header row, which column is which field,
what its status spellings mean — the plain dict described in ``loaders.profile``). Stored append-only in
``import_profiles``: every saved version is kept with who saved it, when and how (an import that used it, an
edit on the Données page, an uploaded profile file, the command line); the latest one applies to the plan's
next file. Every save takes an actor (``plans.access``) and checks it first."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Connection, Engine, insert, select

from plans import access, audit
from plans import schema as s
from plans.access import Actor, require_writer
from plans.i18n import text

ORIGINS = ("import", "edit", "upload", "cli")


def _latest(conn: Connection, plan_id: str) -> dict | None:
    p = s.import_profiles.c
    row = conn.execute(select(p.profile).where(p.plan_id == plan_id).order_by(p.id.desc()).limit(1)).first()
    return dict(row.profile) if row is not None else None


def current(engine: Engine, plan_id: str) -> dict | None:
    """The plan's profile in force (its latest saved version), or None when none was ever saved."""
    with engine.connect() as conn:
        return _latest(conn, plan_id)


def history(engine: Engine, plan_id: str, limit: int = 50) -> list[dict]:
    """The saved versions, latest first: ``profile``, ``origin``, ``saved_at``, ``saved_by``."""
    p = s.import_profiles.c
    with engine.connect() as conn:
        rows = conn.execute(select(p.profile, p.origin, p.saved_at, p.saved_by).where(p.plan_id == plan_id)
                            .order_by(p.id.desc()).limit(limit)).mappings().all()
    return [dict(r) for r in rows]


def _same(a: dict | None, b: dict) -> bool:
    return a is not None and json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _says_something(profile: dict) -> bool:
    """Whether ``profile`` says anything (a first import of a file read without help saves no empty profile)."""
    return any(any(v.values()) if isinstance(v, dict) and v and all(isinstance(x, dict) for x in v.values())
               else bool(v) for v in profile.values())


def save_in(conn: Connection, plan_id: str, profile: dict, *, actor: Actor, origin: str) -> bool:
    """Save ``profile`` as the plan's new version on ``conn`` (inside the caller's transaction: an import saves
    the profile it used with its snapshot). Nothing is written when it equals the one in force; whether a
    version was written."""
    require_writer(actor)
    if origin not in ORIGINS:
        raise ValueError(f"unknown profile origin {origin!r}")
    latest = _latest(conn, plan_id)
    if _same(latest, profile) or (latest is None and not _says_something(profile)):
        return False
    conn.execute(insert(s.import_profiles).values(plan_id=plan_id, profile=profile, origin=origin,
                                                  saved_at=dt.datetime.now(), saved_by=actor.recorded))
    return True


def save(engine: Engine, plan_id: str, profile: dict, *, actor: Actor, origin: str) -> bool:
    """:func:`save_in` in a transaction of its own, by an actor allowed to edit the plan's import profile
    (``plans.access``: a coordinator; a refusal is recorded), recorded in the audit trail when a version is
    written; LookupError when the plan does not exist."""
    access.require(engine, actor, "edit_profile", plan_id=plan_id)
    with engine.begin() as conn:
        if conn.execute(select(s.plans.c.id).where(s.plans.c.id == plan_id)).first() is None:
            raise LookupError(plan_id)
        saved = save_in(conn, plan_id, profile, actor=actor, origin=origin)
        if saved:
            audit.record(conn, actor, "profile_saved", plan_id=plan_id,
                         summary=text("audit.summary.profile_saved", how=text(f"audit.profile_origin.{origin}")))
        return saved


__all__ = ["ORIGINS", "current", "history", "save", "save_in"]
