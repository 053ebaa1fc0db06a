"""The collective's voice at a meeting (plans.meetings, revision 0008): positions saved per plan and meeting with
who and when (every version kept, the latest applies, the next meeting starts from it), the questions a brief asked
saved with the meeting and marked afterwards; every write a coordinator's, checked by plans.access.require and
recorded in the audit trail. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from plans import access, audit, meetings
from plans import schema as s
from plans.access import AccessDenied
from plans.db import current_revision, downgrade, head_revision, upgrade
from tests import factories as f

CLAIRE = access.person("claire@collectif.fr", "coordinator", name="Claire Martin")
MARIE = access.person("marie@asso.fr", "contributor", association="Asso A", name="Marie")
READER = access.person("lea@asso.fr", "reader", name="Léa")
M1, M2 = dt.date(2025, 3, 12), dt.date(2025, 6, 27)


@pytest.fixture
def store(migrated):
    f.make_plan(migrated, "p")
    return migrated


def test_positions_saved_read_edited_and_reused_as_next_meetings_start(store):
    assert meetings.positions(store, "p", M1) is None and meetings.starting_point(store, "p", M1) is None
    assert meetings.save_positions(store, CLAIRE, "p", M1, "Le collectif demande :\n- un calendrier\n- des moyens")
    got = meetings.positions(store, "p", M1)
    assert got["text"] == "Le collectif demande :\n- un calendrier\n- des moyens"
    assert got["saved_by"] == "Claire Martin <claire@collectif.fr>" and got["meeting_on"] == M1
    assert abs(got["saved_at"] - audit.now()) < dt.timedelta(minutes=1)
    assert not meetings.save_positions(store, CLAIRE, "p", M1, "Le collectif demande :\r\n- un calendrier\r\n"
                                                                "- des moyens\n")  # same text: nothing written
    # the next meeting starts from the last one's text, until it has its own
    start = meetings.starting_point(store, "p", M2)
    assert start["meeting_on"] == M1 and start["text"].startswith("Le collectif demande")
    assert meetings.positions(store, "p", M2) is None
    assert meetings.save_positions(store, CLAIRE, "p", M2, "Nouvelle position")
    assert meetings.save_positions(store, CLAIRE, "p", M2, "Nouvelle position, revue")
    assert meetings.starting_point(store, "p", M2)["text"] == "Nouvelle position, revue"
    assert [v["text"] for v in meetings.positions_history(store, "p", M2)] == ["Nouvelle position, revue",
                                                                               "Nouvelle position"]
    assert meetings.positions(store, "p", M1)["text"].endswith("des moyens")  # the earlier meeting's untouched
    trail = audit.entries(store, kind="positions_saved")
    assert len(trail) == 3 and trail[0]["email"] == "claire@collectif.fr"
    assert "27/06/2025" in trail[0]["summary"] and "modifiées" in trail[0]["summary"]


def test_questions_saved_once_marked_and_listed_until_answered(store):
    asked = [("MIPROF (pilote)", "Où en est la mesure F01 ?"), ("MIPROF (pilote)", "Quand le comité ?"),
             ("DGCS (pilote)", "Où en est la mesure F07 ?")]
    assert meetings.save_questions(store, CLAIRE, "p", M1, asked) == 3
    assert meetings.save_questions(store, CLAIRE, "p", M1, asked) == 0  # saved once per meeting
    saved = meetings.questions(store, "p", M1)
    assert [(q["body"], q["question"], q["state"]) for q in saved] == [(b, q, "asked") for b, q in asked]
    f01, comite, f07 = (q["id"] for q in saved)
    done = meetings.mark(store, CLAIRE, f01, "answered", answer="Lancée en mai.", answered_on=dt.date(2025, 3, 20))
    assert done["state"] == "answered" and done["marked_by"] == "Claire Martin <claire@collectif.fr>"
    meetings.mark(store, CLAIRE, comite, "deferred")
    meetings.mark(store, CLAIRE, f07, "unanswered")
    assert [q["id"] for q in meetings.open_questions(store, "p", M2)] == [comite, f07]
    assert meetings.open_questions(store, "p", M1) == []  # only earlier meetings' questions
    row = next(q for q in meetings.questions(store, "p") if q["id"] == f01)
    assert (row["answer"], row["answered_on"]) == ("Lancée en mai.", dt.date(2025, 3, 20))
    meetings.mark(store, CLAIRE, f07, "answered", answer="Oui", answered_on=dt.date(2025, 7, 1))
    assert [q["id"] for q in meetings.open_questions(store, "p", dt.date(2025, 9, 1))] == [comite]
    kinds = [e["kind"] for e in audit.entries(store, plan_id="p")]
    assert kinds.count("questions_saved") == 1 and kinds.count("question_marked") == 4
    assert "sans réponse → répondue le 01/07/2025" in audit.entries(store, kind="question_marked")[0]["summary"]


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"state": "answered"}, "no_answer"),
    ({"state": "answered", "answer": "Oui"}, "no_date"),
    ({"state": "answered", "answer": "Oui", "answered_on": dt.date(2025, 3, 1)}, "before_meeting"),
    ({"state": "answered", "answer": "Oui", "answered_on": dt.date.today() + dt.timedelta(days=2)}, "future_date"),
    ({"state": "lost"}, "bad_state"),
])
def test_a_mark_that_does_not_hold_writes_nothing(store, kwargs, code):
    meetings.save_questions(store, CLAIRE, "p", M1, [("MIPROF", "Où en est F01 ?")])
    qid = meetings.questions(store, "p")[0]["id"]
    kwargs = dict(kwargs)
    state = kwargs.pop("state")
    with pytest.raises(meetings.MeetingError) as err:
        meetings.mark(store, CLAIRE, qid, state, **kwargs)
    assert err.value.code == code and str(err.value)  # a French sentence
    assert meetings.questions(store, "p")[0]["state"] == "asked"


@pytest.mark.parametrize("who", [MARIE, READER, access.VISITOR], ids=["contributor", "reader", "visitor"])
def test_only_a_coordinator_speaks_for_the_collective(store, who):
    meetings.save_questions(store, CLAIRE, "p", M1, [("MIPROF", "Où en est F01 ?")])
    qid = meetings.questions(store, "p")[0]["id"]
    writes = [lambda: meetings.save_positions(store, who, "p", M1, "Position"),
              lambda: meetings.save_questions(store, who, "p", M2, [("DGCS", "Et F07 ?")]),
              lambda: meetings.mark(store, who, qid, "unanswered")]
    for write in writes:
        with pytest.raises(AccessDenied):
            write()
    assert meetings.positions(store, "p", M1) is None and len(meetings.questions(store, "p")) == 1
    assert meetings.questions(store, "p")[0]["state"] == "asked"
    assert [e["kind"] for e in audit.entries(store, plan_id="p")].count("write_refused") == 3


def test_unknown_plan_and_question(store):
    with pytest.raises(meetings.MeetingError, match="Plan inconnu"):
        meetings.save_positions(store, CLAIRE, "nope", M1, "x")
    with pytest.raises(meetings.MeetingError, match="introuvable"):
        meetings.mark(store, CLAIRE, 999, "unanswered")


def test_revision_0008_goes_down_and_up(store):
    assert current_revision(store) == head_revision() == "0008"
    meetings.save_positions(store, CLAIRE, "p", M1, "Position")
    downgrade(store, "0007")
    assert current_revision(store) == "0007"
    upgrade(store)
    with store.connect() as conn:
        assert conn.execute(select(s.meeting_positions)).first() is None
