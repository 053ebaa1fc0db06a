"""Edits in the app — « Ajouter une information » on a measure's page, « Enregistrer une annonce » on Échéances —
each written as a recorded run exactly as an import would be: one ``import_runs`` row (``imported_by``, the
association), the row appended through ``plans.snapshots.write_snapshot`` (the same rules: chain dates, « only
what says something new », the older-date path), so it appears in the changes, freshness, stalled measures and
the brief; checked by ``plans.access.require`` and recorded in the audit trail (``assessment_added``,
``announcement_added``) in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import Engine, select

from plans import access, snapshots
from plans import schema as s
from plans.access import Actor
from plans.dates import parse_vague
from plans.i18n import text
from plans.normalize import is_web_url, ref_key, slug
from plans.records import MEASURE_COLUMNS, Measures, Snapshot
from plans.vocab import CONFIDENCE_CODES, STATUS_CODES, VOICES

ANNOUNCEMENT_KINDS = ("announced", "postponed", "held", "not_held")


class EditError(ValueError):
    """An edit refused before anything is written: ``code`` names the text ``edits.error.<code>``."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "fr") -> str:
        return text(f"edits.error.{self.code}", lang, **self.params)

    def __str__(self) -> str:
        return self.message()


def _source(url: str | None) -> str:
    """The source link typed, trimmed: empty, or an http(s) address (else :class:`EditError` ``bad_url``)."""
    url = (url or "").strip()
    if url and not is_web_url(url):
        raise EditError("bad_url")
    return url


def _plan(engine: Engine, plan_id: str) -> dict:
    with engine.connect() as conn:
        row = conn.execute(select(s.plans).where(s.plans.c.id == plan_id)).first()
    if row is None:
        raise EditError("no_plan", plan=plan_id)
    return dict(row._mapping)


def _measure_ref(engine: Engine, plan_id: str, ref: str) -> str:
    key = ref_key(ref or "")
    with engine.connect() as conn:
        refs = conn.execute(select(s.measures.c.ref).where(s.measures.c.plan_id == plan_id)).scalars().all()
    found = next((r for r in refs if ref_key(r) == key), None)
    if not key or found is None:
        raise EditError("no_measure", ref=(ref or "").strip()[:80])
    return found


def _digest(actor: Actor, what: str) -> str:
    """A run's ``file_hash``: unique per edit (the unique (plan, file hash) index holds; never a file's digest)."""
    return hashlib.sha256(f"edit|{actor.recorded}|{dt.datetime.now().isoformat()}|{what}".encode()).hexdigest()


def _day(value: dt.date | None, field: str, *, required: bool = True) -> dt.date | None:
    if value is None and not required:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise EditError("no_date", field=text(f"edits.field.{field}"))
    if value > dt.date.today():
        raise EditError("future_date", field=text(f"edits.field.{field}"))
    return value


def add_assessment(engine: Engine, actor: Actor, plan_id: str, ref: str, *, status: str, as_of: dt.date,
                   text: str | None = None, source_url: str | None = None, confidence: str | None = None,
                   voice: str = "civil_society", association: str | None = None) -> snapshots.SnapshotResult:
    """Record one assessment of the measure ``ref`` of ``plan_id`` (status code, date, text, source link,
    confidence code) as ``actor``: a contributor for their association (the default for them), a coordinator
    for any association, the collective (``association`` None) or another voice. A row that says nothing the
    measure's latest in that voice does not say is not appended (``counts["assessments"]`` is 0), as in an import.
    :class:`plans.access.AccessDenied` (recorded) or :class:`EditError` before anything is written."""
    if association is None and isinstance(actor, Actor) and actor.kind == "person" and not actor.may("assess"):
        association = actor.association
    association = (association or "").strip() or None
    access.require(engine, actor, "assess", plan_id=plan_id, association=association)
    if voice != "civil_society" or association is None:
        access.require(engine, actor, "collective_voice", plan_id=plan_id)
    if voice not in VOICES:
        raise EditError("bad_voice", voice=voice)
    if association is not None and voice != "civil_society":
        raise EditError("association_voice")
    if status not in STATUS_CODES:
        raise EditError("bad_status", status=status)
    if confidence not in (None, "", *CONFIDENCE_CODES):
        raise EditError("bad_confidence", confidence=confidence)
    day = _day(as_of, "as_of")
    assert day is not None
    _plan(engine, plan_id)
    found = _measure_ref(engine, plan_id, ref)
    row = dict.fromkeys(MEASURE_COLUMNS) | {
        "ref": found, "key": ref_key(found), "row": 1, "comment": (text or "").strip() or None,
        "source_url": _source(source_url), "confidence": confidence or "", "status": status,
        "voice": voice}
    name = _text("edits.file_name.assessment")
    snap = Snapshot(plan_id=plan_id, as_of=day, as_of_origin="edit", file_name=name,
                    file_hash=_digest(actor, f"{plan_id}|{found}|{status}|{day}|{text}"),
                    measures=Measures.from_records([row]), association=association)
    summary = _text("audit.summary.assessment_added", ref=found, status=_text(f"status.{status}"),
                    day=day.strftime("%d/%m/%Y"), who=association or _text(f"voice.{voice}"))
    return snapshots.write_snapshot(engine, snap, actor=actor, recorded_as=("assessment_added", summary))


def add_announcement(engine: Engine, actor: Actor, plan_id: str, *, subject: str, announced_on: dt.date | None,
                     expected_text: str | None, held_on: dt.date | None, kind: str, summary: str | None,
                     source_url: str | None) -> snapshots.SnapshotResult:
    """Extend the plan's ledger of announced events (« Enregistrer une annonce »): ``kind`` announced, postponed,
    held or not_held; ``expected_text`` the date announced as written (read like an import reads it); the row joins
    the ledger of the same subject. A contributor's. :class:`plans.access.AccessDenied` (recorded) or
    :class:`EditError` before anything is written."""
    access.require(engine, actor, "announce", plan_id=plan_id)
    subject = (subject or "").strip()
    if not subject:
        raise EditError("no_subject")
    if kind not in ANNOUNCEMENT_KINDS:
        raise EditError("bad_kind", kind=kind)
    announced = _day(announced_on, "announced_on", required=False)
    held = _day(held_on, "held_on", required=kind == "held")
    expected = (expected_text or "").strip() or None
    if not (expected or held or kind == "not_held"):
        raise EditError("no_expected")
    plan = _plan(engine, plan_id)
    rng = parse_vague(expected, plan_start=plan["period_start"], plan_end=plan["period_end"]) if expected else None
    rec = {"row": 1, "subject": subject, "event_key": slug(subject, fallback="annonce", max_len=120),
           "summary": (summary or "").strip() or None, "source_url": _source(source_url),
           "announced_on": announced, "announced_on_text": None, "held_on": held, "expected_text": expected,
           "expected_start": rng.start if rng else None, "expected_end": rng.end if rng else None, "kind": kind,
           "outcome": {"held": "held", "not_held": "not_held"}.get(kind), "seq": 1}
    day = held or announced or dt.date.today()
    mine = actor.association if actor.kind == "person" and not actor.may("import") else None  # a contributor's run
    snap = Snapshot(plan_id=plan_id, as_of=day, as_of_origin="edit", file_name=_text("edits.file_name.announcement"),
                    file_hash=_digest(actor, f"{plan_id}|{subject}|{kind}|{expected}|{held}|{announced}"),
                    announcements=[rec], association=mine)
    said = _text("audit.summary.announcement_added", subject=subject, kind=_text(f"edits.kind.{kind}"),
                 expected=expected or (held.strftime("%d/%m/%Y") if held else "—"))
    return snapshots.write_snapshot(engine, snap, actor=actor, recorded_as=("announcement_added", said))


def associations(engine: Engine, plan_id: str) -> list[str]:
    """The associations a coordinator may write for (« Ajouter une information »): those of the people of the
    instance and those that already spoke on the plan, sorted."""
    a, m = s.assessments, s.measures
    with engine.connect() as conn:
        named = set(conn.execute(select(s.people.c.association).where(s.people.c.association.is_not(None)))
                    .scalars())
        named |= set(conn.execute(select(a.c.association).distinct().join(m, m.c.id == a.c.measure_id)
                                  .where(m.c.plan_id == plan_id, a.c.association.is_not(None))).scalars())
    return sorted((n for n in named if n and n.strip()), key=str.casefold)


_text = text  # ``add_assessment`` has an argument named ``text``

__all__ = ["ANNOUNCEMENT_KINDS", "EditError", "add_announcement", "add_assessment", "associations"]
