"""The people of a shared instance, by e-mail address: their name, role (``plans.access.ROLES``) and association.

Vigie stores no password: a person logs in through the collective's OIDC provider (``dashboard.auth``) or is
named on the command line by ``--as EMAIL``; :func:`actor_for` turns the address into the
:class:`plans.access.Actor` every writing function checks. Adding, changing and removing a person is an
admin's (``manage_people``) and recorded in the audit trail — except the very first admin, whom the command line
creates (``python -m plans users add EMAIL --role admin``).
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, delete, insert, select, update

from plans import access, audit
from plans import schema as s
from plans.access import Actor
from plans.i18n import text
from plans.limits import FIELD_LIMITS

_EMAIL = re.compile(r"[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+")


class PersonError(ValueError):
    """A person refused before anything is written: ``code`` names the text ``people.error.<code>``."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "fr") -> str:
        return text(f"people.error.{self.code}", lang, **self.params)

    def __str__(self) -> str:
        return self.message()


def clean_email(email: str) -> str:
    """``email`` lower-cased and trimmed; :class:`PersonError` when it is not an address."""
    cleaned = (email or "").strip().lower()
    if not _EMAIL.fullmatch(cleaned) or len(cleaned) > FIELD_LIMITS["email"]:
        raise PersonError("bad_email", email=(email or "").strip()[:80])
    return cleaned


def find(engine: Engine, email: str) -> dict | None:
    """The person of ``email`` (any case, spaces around), None when unknown or not an address."""
    try:
        key = clean_email(email)
    except PersonError:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(s.people).where(s.people.c.email == key)).first()
    return dict(row._mapping) if row else None


def list_people(engine: Engine) -> list[dict]:
    """Every person, by e-mail address."""
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(s.people).order_by(s.people.c.email))]


def actor_for(engine: Engine, email: str) -> Actor | None:
    """The actor of the person of ``email``; None when unknown."""
    row = find(engine, email)
    if row is None:
        return None
    return access.person(row["email"], row["role"], association=row["association"], name=row["name"])


def _describe(row: dict) -> str:
    role = access.role_label(row["role"])
    return f"{role}, {row['association']}" if row.get("association") else role


def add(engine: Engine, actor: Actor, email: str, role: str, association: str | None = None,
        name: str | None = None) -> dict:
    """Add the person of ``email`` with ``role`` (a code of ``plans.access.ROLES``, or its French or English word)
    and ``association``, or change them; the row. An admin's, except the first admin, which the command line
    (``plans.access.CLI``) may create. :class:`PersonError` for a bad address or an unknown role."""
    key = clean_email(email)
    code = access.parse_role(role)
    if code is None:
        raise PersonError("bad_role", role=str(role).strip()[:40],
                          roles=", ".join(access.role_label(r) for r in access.ROLES))
    association = (association or "").strip() or None
    name = (name or "").strip() or None
    first_admin = actor == access.CLI and code == "admin" and not any(
        p["role"] == "admin" for p in list_people(engine))
    if not first_admin:
        access.require(engine, actor, "manage_people")
    new = {"email": key, "name": name, "role": code, "association": association}
    with engine.begin() as conn:
        old = conn.execute(select(s.people).where(s.people.c.email == key)).first()
        if old is None:
            conn.execute(insert(s.people).values(**new, added_at=audit.now(), added_by=actor.recorded))
            audit.record(conn, actor, "person_added", summary=text("audit.summary.person_added", email=key,
                                                                    what=_describe(new)))
        else:
            before = dict(old._mapping)
            if name is None:
                new["name"] = before["name"]  # a role change keeps the name said before
            conn.execute(update(s.people).where(s.people.c.email == key).values(**new))
            audit.record(conn, actor, "person_changed", summary=text(
                "audit.summary.person_changed", email=key, before=_describe(before), after=_describe(new)))
        row = conn.execute(select(s.people).where(s.people.c.email == key)).one()
    return dict(row._mapping)


def remove(engine: Engine, actor: Actor, email: str) -> bool:
    """Remove the person of ``email`` (an admin's); whether they were there. What they wrote stays, under their
    name. The last admin is not removed (:class:`PersonError`): nobody could manage people any more."""
    key = clean_email(email)
    access.require(engine, actor, "manage_people")
    with engine.begin() as conn:
        old = conn.execute(select(s.people).where(s.people.c.email == key)).first()
        if old is None:
            return False
        admins = conn.execute(select(s.people.c.email).where(s.people.c.role == "admin")).scalars().all()
        if old.role == "admin" and list(admins) == [key]:
            raise PersonError("last_admin", email=key)
        conn.execute(delete(s.people).where(s.people.c.email == key))
        audit.record(conn, actor, "person_removed", summary=text("audit.summary.person_removed", email=key,
                                                                  what=_describe(dict(old._mapping))))
    return True


__all__ = ["PersonError", "actor_for", "add", "clean_email", "find", "list_people", "remove"]
