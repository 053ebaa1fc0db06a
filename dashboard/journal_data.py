"""What the « Journal » and « Personnes » pages read (the pages run no SQL): the audit trail and the people of a
shared instance, as tables people read — kinds and roles in words, times in Paris time, nothing internal."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd

from dashboard import data
from dashboard.i18n import t
from plans import access, audit, people
from plans.formatting import fmt_date

PARIS = ZoneInfo("Europe/Paris")
LIMIT = 5000  # rows read at most for one view of the journal (the newest); the page says when it is reached


def local(at: dt.datetime) -> dt.datetime:
    """A trail time (UTC, naive as stored) in Paris time, naive."""
    return at.replace(tzinfo=dt.UTC).astimezone(PARIS).replace(tzinfo=None)


def _utc(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in Paris, in UTC (naive, as stored)."""
    return dt.datetime.combine(day, dt.time(), PARIS).astimezone(dt.UTC).replace(tzinfo=None)


def person_key(row: dict) -> str:
    """Who a row is from, for the person filter: the e-mail of a person, else what was recorded."""
    return row.get("email") or row.get("actor") or ""


def journal(plan_id: str | None, *, kind: str | None = None, start: dt.date | None = None,
            end: dt.date | None = None) -> list[dict]:
    """The trail's rows of ``plan_id`` and of no plan (people, backups, logins), newest first, between ``start``
    and ``end`` (Paris days, both included), at most :data:`LIMIT`."""
    rows = audit.entries(data.engine(), plan_id=plan_id, kind=kind, since=_utc(start) if start else None,
                         limit=LIMIT)
    if end is not None:
        stop = _utc(end + dt.timedelta(days=1))
        rows = [r for r in rows if r["at"] < stop]
    return rows


def actor_words(recorded: str | None, lang: str) -> str:
    """Who, as recorded (French), in ``lang``: « ligne de commande » → « command line »; a person as recorded."""
    legacy = {a.recorded: a.label(lang) for a in (access.EDITOR, access.CLI, access.LOCAL, access.VISITOR)}
    return legacy.get(recorded or "", recorded or "")


def association_words(row: dict, lang: str) -> str:
    """A person's association, « le collectif » for a person of none; nothing for the other actors."""
    if row.get("association"):
        return str(row["association"])
    return t("login.collective", lang) if row.get("role") in access.ROLES else ""


def role_words(role: str | None, lang: str) -> str:
    return access.role_label(role, lang) if role in access.ROLES else ""


def journal_table(rows: list[dict], lang: str) -> pd.DataFrame:
    """The rows as the page shows them: when (Paris time), what, its details, who, role, association."""
    return pd.DataFrame({  # what happened first (the details readable at 1280 px), then who
        t("jr.col.at", lang): [local(r["at"]) for r in rows],
        t("jr.col.kind", lang): [audit.kind_label(r["kind"], lang) for r in rows],
        t("jr.col.summary", lang): [r.get("summary") or "" for r in rows],
        t("jr.col.who", lang): [actor_words(r.get("actor"), lang) for r in rows],
        t("jr.col.role", lang): [role_words(r.get("role"), lang) for r in rows],
        t("jr.col.association", lang): [association_words(r, lang) for r in rows],
    })


def people_list() -> list[dict]:
    return people.list_people(data.engine())


def people_table(rows: list[dict], lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("pp.col.email", lang): [r["email"] for r in rows],
        t("pp.col.name", lang): [r.get("name") or "" for r in rows],
        t("pp.col.role", lang): [role_words(r["role"], lang) for r in rows],
        t("pp.col.association", lang): [r.get("association") or t("login.collective", lang) for r in rows],
        t("pp.col.added", lang): [fmt_date(local(r["added_at"]).date(), lang) if r.get("added_at") else ""
                                  for r in rows],
        t("pp.col.added_by", lang): [actor_words(r.get("added_by"), lang) for r in rows],
    })
