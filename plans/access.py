"""Who is writing, what they may write, and the one check every writing function makes first.

Every function that writes people's work takes an :class:`Actor` and calls :func:`require` before it writes
anything: ``loaders.pipeline.run_import`` / ``plans.snapshots.write_snapshot``, ``plans.edits``,
``plans.profiles.save``, ``plans.overlaps.writes``, ``plans.backup`` (backup and restore), ``plans.seed``,
``plans.people``. A refusal raises :class:`AccessDenied` (French message) and leaves a ``write_refused`` row in
the audit trail (``plans.audit``), written in its own transaction so that the refusal survives. A free-text name
is never trusted: the record says how the writer got in.

Actors, one per way in:

* a **person** (:func:`person`, or ``plans.people.actor_for``): a named account of a shared instance, logged in
  through the collective's OIDC provider or named by ``--as EMAIL`` on the command line, with a role
  (:data:`ROLES`) and, for a contributor, an association;
* ``EDITOR`` — unlocked the app with the shared editor password (the fallback of an instance without login);
* ``CLI`` — a command line on the server without ``--as`` (whoever has a shell there may write);
* ``LOCAL`` — the app with no login nor editor password configured (single-user, local default): open, but
  recorded as such;
* ``VISITOR`` — reads, never writes.

Roles are ordered, each holding the ones before it: ``reader`` ⊂ ``contributor`` ⊂ ``coordinator`` ⊂ ``admin``.
:data:`ACTIONS` gives the least role of each action. A contributor writes for **their** association only
(civil-society rows recorded under it); the collective's voice and any other voice are a coordinator's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plans.i18n import text

# kind → how that actor authenticated (a code; its words are texts access.actor.<kind>)
HOW: dict[str, str] = {"editor": "shared_password", "cli": "shell", "local": "none", "visitor": "none",
                       "person": "account"}
WRITERS = frozenset({"editor", "cli", "local"})  # the actors of a single-user instance: every action

ROLES: tuple[str, ...] = ("reader", "contributor", "coordinator", "admin")  # ordered; labels: texts access.role.*
ACTIONS: dict[str, str] = {  # action → the least role allowed to do it (labels: texts access.action.*)
    "import": "contributor",
    "assess": "contributor",
    "announce": "contributor",
    "decide_overlap": "coordinator",
    "edit_profile": "coordinator",
    "collective_voice": "coordinator",
    "manage_people": "admin",
    "backup": "admin",
    "restore": "admin",
}
FOR_AN_ASSOCIATION = frozenset({"import", "assess"})  # a contributor does these for their own association only


class AccessDenied(PermissionError):
    """A write was asked by someone who may not make it (message in French)."""


@dataclass(frozen=True)
class Actor:
    kind: str  # editor | cli | local | visitor | person
    email: str | None = None
    name: str | None = None
    role: str | None = None
    association: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in HOW:
            raise ValueError(f"unknown actor kind {self.kind!r}")
        if self.kind == "person" and (not self.email or self.role not in ROLES):
            raise ValueError("a person needs an e-mail address and a role")

    @property
    def how(self) -> str:
        """How the actor authenticated: ``shared_password``, ``shell``, ``account`` or ``none``."""
        return HOW[self.kind]

    @property
    def may_write(self) -> bool:
        """Whether the actor may write anything at all (a reader or a visitor may not)."""
        return self.kind in WRITERS or (self.kind == "person" and rank(self.role) >= rank("contributor"))

    def label(self, lang: str = "fr") -> str:
        """« Marie Dupont <marie@asso.fr> », « éditeur (mot de passe partagé) », « ligne de commande »…"""
        if self.kind == "person":
            return f"{self.name} <{self.email}>" if self.name else str(self.email)
        return text(f"access.actor.{self.kind}", lang)

    @property
    def recorded(self) -> str:
        """What the database keeps of this actor (French, like every stored sentence)."""
        return self.label("fr")

    def may(self, action: str, association: str | None = None) -> bool:
        """Whether the actor may do ``action`` (for ``association``, None = the collective) — no record kept:
        the pages use it to show or hide a button; the writing function asks :func:`require`."""
        return refusal(self, action, association=association) is None


EDITOR = Actor("editor")
CLI = Actor("cli")
LOCAL = Actor("local")
VISITOR = Actor("visitor")


def rank(role: str | None) -> int:
    """A role's place in :data:`ROLES` (-1 for none)."""
    return ROLES.index(role) if role in ROLES else -1


def role_label(role: str, lang: str = "fr") -> str:
    """« lecteur », « contributeur », « coordinateur », « admin »."""
    return text(f"access.role.{role}", lang)


def parse_role(word: str) -> str | None:
    """The role code of a word as people type it (« contributeur », « Coordinatrice »?, ``admin``); None if none."""
    from plans.normalize import fold

    key = fold(word or "").strip()
    for code in ROLES:
        if key in (code, fold(text(f"access.role.{code}", "fr")), fold(text(f"access.role.{code}", "en"))):
            return code
    return None


def person(email: str, role: str, association: str | None = None, name: str | None = None) -> Actor:
    """The actor of a named account (``email`` lower-cased and trimmed)."""
    return Actor("person", email=email.strip().lower(), name=name or None, role=role,
                 association=(association or "").strip() or None)


def refusal(actor: object, action: str, *, association: str | None = None) -> str | None:
    """Why ``actor`` may not do ``action`` (a text id), None when it may. ``association``: the association the
    write is for (None = the collective, or not an association's write)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not isinstance(actor, Actor) or actor.kind == "visitor":
        return "access.denied"
    if actor.kind in WRITERS:
        return None
    if rank(actor.role) < rank(ACTIONS[action]):
        return "access.denied_role"
    if action in FOR_AN_ASSOCIATION and rank(actor.role) < rank("coordinator"):
        if association is None:
            return "access.denied_collective"
        if association != actor.association:
            return "access.denied_association"
    return None


def require(engine_or_conn: Any, actor: object, action: str, *, plan_id: str | None = None,
            association: str | None = None) -> Actor:
    """``actor`` when it may do ``action``; else a ``write_refused`` row in the audit trail (its own transaction:
    call this before writing) and :class:`AccessDenied` in French. ``engine_or_conn`` None records nothing."""
    why = refusal(actor, action, association=association)
    if why is None:
        assert isinstance(actor, Actor)
        return actor
    message = text(why, role=role_label(getattr(actor, "role", None) or "reader"),
                   action=text(f"access.action.{action}"), association=association or "",
                   own=getattr(actor, "association", None) or "")
    if engine_or_conn is not None:
        from plans import audit

        summary = text("audit.summary.write_refused", action=text(f"access.action.{action}"))
        if action in FOR_AN_ASSOCIATION:
            summary = text("audit.summary.write_refused_for", action=text(f"access.action.{action}"),
                           association=association or text("access.collective"))
        engine = getattr(engine_or_conn, "engine", engine_or_conn)
        with engine.begin() as conn:
            audit.record(conn, actor, "write_refused", plan_id=plan_id, summary=summary)
    raise AccessDenied(message)


def require_writer(actor: object) -> Actor:
    """:func:`require` for an import in the actor's own name, recording nothing (a thin alias kept for callers that
    only ask whether someone may write; the writing functions call :func:`require`, which records a refusal)."""
    return require(None, actor, "import", association=getattr(actor, "association", None))
