"""The collective's voice at a meeting and the loop of its questions (« Note de réunion »). A **meeting** is a plan
and a date.

* **Positions du collectif**: a text written in the app for one plan and meeting; every saved version is kept
  (``meeting_positions``: who, when), the latest applies; :func:`starting_point` gives the next meeting's draft
  (that meeting's own text, else the latest text of the closest earlier meeting).
* **Questions**: the questions a brief asks each body, saved with the meeting (:func:`save_questions`); after the
  meeting a coordinator marks each one answered (with the answer and its date), unanswered or deferred
  (:func:`mark`); :func:`open_questions` lists those of earlier meetings still without an answer.

Every write is the collective's voice: :func:`plans.access.require` (``collective_voice``: a coordinator; a
refusal is recorded) first, then one audit row (``positions_saved``, ``questions_saved``, ``question_marked``) in
the write's transaction. Texts are stored as written; whoever shows them shows them as text.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, insert, select, update

from plans import access, audit
from plans import schema as s
from plans.i18n import text

STATES = ("asked", "answered", "unanswered", "deferred")  # labels: texts meetings.state.<state>
MARKS = ("answered", "unanswered", "deferred")  # what a coordinator marks after the meeting
MAX_POSITIONS = 20_000  # characters of a positions text (about five pages)
MAX_ANSWER = 5_000


class MeetingError(ValueError):
    """A write refused before anything is written: ``code`` names the text ``meetings.error.<code>``."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "fr") -> str:
        return text(f"meetings.error.{self.code}", lang, **self.params)

    def __str__(self) -> str:
        return self.message()


def _day(value: object, field: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise MeetingError("no_date", field=text(f"meetings.field.{field}"))
    return value


def _check_plan(conn: Connection, plan_id: str) -> None:
    if conn.execute(select(s.plans.c.id).where(s.plans.c.id == plan_id)).first() is None:
        raise MeetingError("no_plan", plan=plan_id)


def _fr(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _clip(words: str, n: int = 80) -> str:
    words = " ".join(words.split())
    return words if len(words) <= n else words[: n - 1].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------- positions


def positions(engine: Engine, plan_id: str, meeting_on: dt.date) -> dict | None:
    """The latest saved positions of that meeting (``text``, ``meeting_on``, ``saved_at``, ``saved_by``), or None."""
    p = s.meeting_positions.c
    with engine.connect() as conn:
        row = conn.execute(select(p.text, p.meeting_on, p.saved_at, p.saved_by)
                           .where(p.plan_id == plan_id, p.meeting_on == meeting_on)
                           .order_by(p.id.desc()).limit(1)).mappings().first()
    return dict(row) if row is not None else None


def positions_history(engine: Engine, plan_id: str, meeting_on: dt.date) -> list[dict]:
    """Every saved version of that meeting's positions, latest first."""
    p = s.meeting_positions.c
    with engine.connect() as conn:
        rows = conn.execute(select(p.text, p.meeting_on, p.saved_at, p.saved_by)
                            .where(p.plan_id == plan_id, p.meeting_on == meeting_on)
                            .order_by(p.id.desc())).mappings().all()
    return [dict(r) for r in rows]


def starting_point(engine: Engine, plan_id: str, meeting_on: dt.date) -> dict | None:
    """What the positions form starts from: that meeting's latest text, else the latest text of the closest earlier
    meeting (its ``meeting_on`` says which), else None."""
    own = positions(engine, plan_id, meeting_on)
    if own is not None:
        return own
    p = s.meeting_positions.c
    with engine.connect() as conn:
        row = conn.execute(select(p.text, p.meeting_on, p.saved_at, p.saved_by)
                           .where(p.plan_id == plan_id, p.meeting_on < meeting_on)
                           .order_by(p.meeting_on.desc(), p.id.desc()).limit(1)).mappings().first()
    return dict(row) if row is not None else None


def save_positions(engine: Engine, actor: access.Actor, plan_id: str, meeting_on: dt.date, words: str) -> bool:
    """Save ``words`` as the collective's positions for the meeting of ``plan_id`` on ``meeting_on`` (a new
    version; the earlier ones are kept). A coordinator's (``collective_voice``). Nothing is written when the text
    equals the latest version; whether a version was written. :class:`plans.access.AccessDenied` (recorded) or
    :class:`MeetingError` before anything is written."""
    access.require(engine, actor, "collective_voice", plan_id=plan_id)
    day = _day(meeting_on, "meeting_on")
    words = (words or "").replace("\r\n", "\n").strip()
    if len(words) > MAX_POSITIONS:
        raise MeetingError("too_long", n=len(words), max=MAX_POSITIONS)
    with engine.begin() as conn:
        _check_plan(conn, plan_id)
        p = s.meeting_positions.c
        latest = conn.execute(select(p.text).where(p.plan_id == plan_id, p.meeting_on == day)
                              .order_by(p.id.desc()).limit(1)).scalar()
        if latest == words or (latest is None and not words):
            return False
        conn.execute(insert(s.meeting_positions).values(plan_id=plan_id, meeting_on=day, text=words,
                                                        saved_at=audit.now(), saved_by=actor.recorded))
        key = "audit.summary.positions_cleared" if not words else (
            "audit.summary.positions_saved" if latest is None else "audit.summary.positions_edited")
        audit.record(conn, actor, "positions_saved", plan_id=plan_id,
                     summary=text(key, day=_fr(day), n=len(words)))
    return True


# ---------------------------------------------------------------- questions


def save_questions(engine: Engine, actor: access.Actor, plan_id: str, meeting_on: dt.date,
                   asked: list[tuple[str, str]]) -> int:
    """Save the brief's questions ``[(body, question), …]`` with the meeting; a question already saved for that
    meeting and body is not saved twice. A coordinator's. The number of questions added."""
    access.require(engine, actor, "collective_voice", plan_id=plan_id)
    day = _day(meeting_on, "meeting_on")
    wanted = [(" ".join(str(b).split()), " ".join(str(q).split())) for b, q in asked]
    wanted = [(b, q) for b, q in wanted if q]
    with engine.begin() as conn:
        _check_plan(conn, plan_id)
        q = s.meeting_questions.c
        have = {(r.body, r.question) for r in conn.execute(
            select(q.body, q.question).where(q.plan_id == plan_id, q.meeting_on == day))}
        new = [x for x in dict.fromkeys(wanted) if x not in have]
        if not new:
            return 0
        now = audit.now()
        conn.execute(insert(s.meeting_questions), [
            {"plan_id": plan_id, "meeting_on": day, "body": b, "question": qq, "saved_at": now,
             "saved_by": actor.recorded, "state": "asked"} for b, qq in new])
        audit.record(conn, actor, "questions_saved", plan_id=plan_id,
                     summary=text("audit.summary.questions_saved_one" if len(new) == 1 else
                                  "audit.summary.questions_saved", n=len(new), day=_fr(day)))
    return len(new)


def questions(engine: Engine, plan_id: str, meeting_on: dt.date | None = None) -> list[dict]:
    """The questions saved for the plan (one meeting's, or all), in meeting then saving order; each a dict of the
    table's columns."""
    q = s.meeting_questions.c
    query = select(s.meeting_questions).where(q.plan_id == plan_id)
    if meeting_on is not None:
        query = query.where(q.meeting_on == meeting_on)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query.order_by(q.meeting_on, q.id)).mappings()]


def open_questions(engine: Engine, plan_id: str, before: dt.date) -> list[dict]:
    """The questions of the meetings before ``before`` still without an answer (asked and not marked yet,
    unanswered or deferred), oldest meeting first."""
    q = s.meeting_questions.c
    with engine.connect() as conn:
        rows = conn.execute(select(s.meeting_questions).where(q.plan_id == plan_id, q.meeting_on < before,
                                                              q.state != "answered")
                            .order_by(q.meeting_on, q.id)).mappings()
        return [dict(r) for r in rows]


def mark(engine: Engine, actor: access.Actor, question_id: int, state: str, *, answer: str | None = None,
         answered_on: dt.date | None = None) -> dict:
    """Mark one saved question after its meeting: ``answered`` (``answer`` and ``answered_on`` required, not before
    the meeting nor in the future), ``unanswered`` or ``deferred``. A coordinator's. The question as now stored."""
    q = s.meeting_questions.c
    with engine.connect() as conn:
        row = conn.execute(select(s.meeting_questions).where(q.id == question_id)).mappings().first()
    if row is None:
        raise MeetingError("no_question", id=question_id)
    access.require(engine, actor, "collective_voice", plan_id=row["plan_id"])
    if state not in MARKS:
        raise MeetingError("bad_state", state=state)
    answer = (answer or "").replace("\r\n", "\n").strip() or None
    day = None
    if state == "answered":
        if not answer:
            raise MeetingError("no_answer")
        if len(answer) > MAX_ANSWER:
            raise MeetingError("too_long", n=len(answer), max=MAX_ANSWER)
        day = _day(answered_on, "answered_on")
        if day > dt.date.today():
            raise MeetingError("future_date", field=text("meetings.field.answered_on"))
        if day < row["meeting_on"]:
            raise MeetingError("before_meeting", meeting=_fr(row["meeting_on"]))
    else:
        answer = None
    values = {"state": state, "answer": answer, "answered_on": day, "marked_at": audit.now(),
              "marked_by": actor.recorded}
    with engine.begin() as conn:
        conn.execute(update(s.meeting_questions).where(q.id == question_id).values(**values))
        said = text(f"meetings.state.{state}") + (f" le {_fr(day)}" if day else "")
        audit.record(conn, actor, "question_marked", plan_id=row["plan_id"], summary=text(
            "audit.summary.question_marked", question=_clip(row["question"]), before=text(
                f"meetings.state.{row['state']}"), after=said))
    return {**dict(row), **values}


__all__ = ["MARKS", "STATES", "MeetingError", "mark", "open_questions", "positions", "positions_history",
           "questions", "save_positions", "save_questions", "starting_point"]
