"""AppTest of the collective's voice on the « Note de réunion » page (charts off, no LibreOffice): a coordinator
writes the positions of a meeting (the next meeting's form starts from them), generates the brief (they are in it),
saves its questions with the meeting and marks one after it; a contributor or a reader sees the positions as text
and no form; text people wrote is never read as Markdown."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.brief import pdf as brief_pdf
from plans import access, audit, meetings, people
from plans.db import make_engine
from tests.conftest import app_on
from tests.test_app import seeded_db
from tests.test_login import AUTH, CONTRIB, COORD, READER, app, logged_in

PLAN = "pna-2024-2027"
MEETING = dt.date(2025, 12, 15)


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = seeded_db(tmp_path / "vigie.db")
    engine = make_engine(url)
    people.add(engine, access.CLI, COORD, "coordinator", name="Claire Coord")
    people.add(engine, access.CLI, CONTRIB, "contributor", "Association A")
    people.add(engine, access.CLI, READER, "reader")
    monkeypatch.setattr(brief_pdf, "find_soffice", lambda: None)
    gen = app_on(url, monkeypatch)
    next(gen)
    yield engine
    engine.dispose()
    next(gen, None)


def brief_page(monkeypatch, email: str, meeting: dt.date = MEETING):
    logged_in(monkeypatch, email)
    at = app(AUTH, page="brief.py")
    at.date_input(key="brief_meeting").set_value(meeting).run()
    assert not at.exception, at.exception
    return at


def test_a_coordinator_writes_positions_generates_saves_questions_and_marks_one(db, monkeypatch):
    at = brief_page(monkeypatch, COORD)
    words = "Le collectif demande un comité sans délai.\n**Pas de gras** <b>ni HTML</b> ![x](https://ex.org/i.png)"
    at.text_area(key=f"bv_positions_{MEETING.isoformat()}").input(words)
    at.button(key="FormSubmitter:bv_positions_form-Enregistrer les positions").click().run()
    assert not at.exception, at.exception
    assert any("Positions du collectif enregistrées pour la réunion du 15 décembre 2025" in s.value
               for s in at.success)
    saved = meetings.positions(db, PLAN, MEETING)
    assert saved["text"] == words and saved["saved_by"] == "Claire Coord <coord@vigie.test>"
    assert audit.entries(db, kind="positions_saved")[0]["email"] == COORD

    at.checkbox(key="brief_charts").uncheck()
    at.button(key="FormSubmitter:brief_form-Générer la note").click().run()
    assert not at.exception, at.exception
    preview = "\n".join(m.value for m in at.markdown)
    assert "## Positions du collectif" in preview and "\\*\\*Pas de gras\\*\\*" in preview
    assert "![x](" not in preview and "<b>" not in preview

    save = at.button(key="bv_save_questions")
    assert save.label.startswith("Enregistrer les ") and "15 décembre 2025" in save.label
    save.click().run()
    assert not at.exception, at.exception
    asked = meetings.questions(db, PLAN, MEETING)
    assert asked and all(q["state"] == "asked" for q in asked)
    assert any("questions enregistrées avec la réunion du 15 décembre 2025" in s.value for s in at.success)

    at.selectbox(key="bv_mark_question").set_value(asked[0]["id"])
    at.radio(key="bv_mark_state").set_value("answered")
    at.text_area(key="bv_mark_answer").input("Calendrier annoncé pour mars.")
    at.date_input(key="bv_mark_date").set_value(dt.date(2025, 12, 20))
    at.button(key="FormSubmitter:bv_mark_form-Enregistrer le suivi").click().run()
    assert not at.exception, at.exception
    first = meetings.questions(db, PLAN, MEETING)[0]
    assert (first["state"], first["answer"], first["answered_on"]) == (
        "answered", "Calendrier annoncé pour mars.", dt.date(2025, 12, 20))
    assert any("Question marquée « répondue »" in s.value for s in at.success)

    # the next meeting starts from these positions, and its brief lists the questions still open
    later = brief_page(monkeypatch, COORD, dt.date(2026, 3, 10))
    assert later.text_area(key="bv_positions_2026-03-10").value == words
    assert any("Repris de la réunion du 15 décembre 2025" in c.value for c in later.caption)


def test_an_answer_is_required_to_mark_answered(db, monkeypatch):
    meetings.save_questions(db, access.CLI, PLAN, MEETING, [("MIPROF (pilote)", "Quand le comité ?")])
    at = brief_page(monkeypatch, COORD)
    at.radio(key="bv_mark_state").set_value("answered")
    at.button(key="FormSubmitter:bv_mark_form-Enregistrer le suivi").click().run()
    assert not at.exception, at.exception
    assert any("Écrivez la réponse reçue" in e.value for e in at.error)
    assert meetings.questions(db, PLAN)[0]["state"] == "asked"


@pytest.mark.parametrize("email", [CONTRIB, READER])
def test_others_read_the_positions_as_text_and_get_no_form(db, monkeypatch, email):
    meetings.save_positions(db, access.CLI, PLAN, MEETING, "# Pas un titre\nDeuxième ligne")
    meetings.save_questions(db, access.CLI, PLAN, MEETING, [("MIPROF (pilote)", "Quand le comité ?")])
    at = brief_page(monkeypatch, email)
    assert [x.value for x in at.text] == ["# Pas un titre\nDeuxième ligne"]  # st.text: never Markdown
    assert not [a for a in at.text_area if a.key.startswith("bv_")]
    assert not [s for s in at.selectbox if s.key == "bv_mark_question"]
    assert "Quand le comité ?" in at.dataframe[0].value.to_string()


def test_the_page_in_english(db, monkeypatch):
    meetings.save_questions(db, access.CLI, PLAN, MEETING, [("MIPROF (pilote)", "Quand le comité ?")])
    logged_in(monkeypatch, COORD)
    at = app(AUTH, page="brief.py", lang="en")
    assert "The collective's positions" in [h.value for h in at.subheader]
    assert "Follow-up of the questions" in [h.value for h in at.subheader]
    assert at.date_input(key="brief_meeting").label == "Meeting date"
