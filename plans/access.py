"""Who is writing, and how they were authenticated — until real accounts exist.

Every function that writes people's work (``plans.overlaps.writes``: ``refresh_suggestions``,
``decide_link``, ``add_link``) takes an :class:`Actor` as an argument, calls :func:`require_writer`
first, and records :attr:`Actor.recorded` (``links.decided_by``, the suggestions' note). A free-text
name is never trusted: the record says how the writer got in.

Four actors, one per way in:

* ``EDITOR`` — unlocked the app with the shared editor password (``dashboard.auth``);
* ``CLI`` — a command line on the server (whoever has a shell there may write);
* ``LOCAL`` — the app with no editor password configured (single-user, local default): open, but
  recorded as such;
* ``VISITOR`` — the app with a password configured and not unlocked: may read, never write.

A later issue replaces this by OIDC accounts and roles; the writing functions keep their ``actor``
argument.
"""

from __future__ import annotations

from dataclasses import dataclass

from plans.i18n import text

# kind → how that actor authenticated (a code; its words are texts access.actor.<kind>)
HOW: dict[str, str] = {"editor": "shared_password", "cli": "shell", "local": "none", "visitor": "none"}
WRITERS = frozenset({"editor", "cli", "local"})


class AccessDenied(PermissionError):
    """A write was asked by someone who may not make it (message in French)."""


@dataclass(frozen=True)
class Actor:
    kind: str  # editor | cli | local | visitor

    def __post_init__(self) -> None:
        if self.kind not in HOW:
            raise ValueError(f"unknown actor kind {self.kind!r}")

    @property
    def how(self) -> str:
        """How the actor authenticated: ``shared_password``, ``shell`` or ``none``."""
        return HOW[self.kind]

    @property
    def may_write(self) -> bool:
        return self.kind in WRITERS

    def label(self, lang: str = "fr") -> str:
        """« éditeur (mot de passe partagé) », « ligne de commande », « local (sans mot de passe) »…"""
        return text(f"access.actor.{self.kind}", lang)

    @property
    def recorded(self) -> str:
        """What the database keeps of this actor (French, like every stored sentence)."""
        return self.label("fr")


EDITOR = Actor("editor")
CLI = Actor("cli")
LOCAL = Actor("local")
VISITOR = Actor("visitor")


def require_writer(actor: object) -> Actor:
    """``actor`` when it may write; else :class:`AccessDenied` (a free-text name is not an actor)."""
    if not isinstance(actor, Actor) or not actor.may_write:
        raise AccessDenied(text("access.denied"))
    return actor
