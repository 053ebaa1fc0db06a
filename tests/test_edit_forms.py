"""The edits in the app as each role sees them (AppTest, login simulated as in tests/test_login.py): « Ajouter une
information » on a measure's page (a contributor for their association, fixed; a coordinator for the collective,
an association or the government; a reader sees no form) and « Enregistrer une annonce » on Échéances (the model
case: announced « fin janvier 2024 », then « fin février 2024 », held on 21/03/2024 → 2 postponements, 50 days).
What is written is a recorded run that the changes, freshness, stalled measures and the brief read."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from plans import audit
from plans import schema as s
from tests.test_login import AUTH, CONTRIB, COORD, READER, app, auth_engine, db, logged_in, said  # noqa: F401

PLAN = "pna-2024-2027"
pytestmark = pytest.mark.usefixtures("db")  # tests/test_login.py's: the seeded app with four people, one per role
DAY = dt.date(2026, 1, 15)  # before the app's date (tests.test_app.AS_OF): the rules at that date see it


def submit(at, label: str):
    (button,) = [b for b in at.button if b.label == label]
    return button.click().run()


def _rows(ref: str):
    a, m = s.assessments, s.measures
    with auth_engine().connect() as conn:
        return conn.execute(select(a.c.voice, a.c.association, a.c.status, a.c.comment, a.c.as_of, a.c.source_url,
                                   a.c.confidence).join(m, m.c.id == a.c.measure_id)
                            .where(m.c.plan_id == PLAN, m.c.ref == ref, a.c.as_of == DAY)).all()


def fill(at, *, status="in_progress", text="Appel à projets publié", url="https://example.org/ap"):
    at.selectbox(key="ed_status").set_value(status)
    at.date_input(key="ed_date").set_value(DAY)
    at.text_area(key="ed_text").input(text)
    at.text_input(key="ed_url").input(url)
    at.selectbox(key="ed_conf").set_value("confirmed")
    return at


def test_a_contributor_adds_information_for_their_association(monkeypatch):
    logged_in(monkeypatch, CONTRIB)
    at = app(AUTH, page="measure.py")
    ref = at.selectbox(key="measure_pick").value
    assert [e.label for e in at.expander].count("Ajouter une information") == 1
    assert "**Au nom de**\u00a0: Association A" in said(at)  # fixed: no choice
    assert not [sb for sb in at.selectbox if sb.key == "ed_for"]
    fill(at, url="javascript:alert(1)")
    submit(at, "Enregistrer l'information")
    assert "La source doit être une adresse web" in said(at) and not _rows(ref)
    fill(at, text="Appel à projets publié **gras** <b>x</b>")
    at = submit(at, "Enregistrer l'information")
    assert not at.exception, at.exception
    assert f"Information enregistrée pour la mesure {ref}" in said(at)
    assert _rows(ref) == [("civil_society", "Association A", "in_progress", "Appel à projets publié **gras** <b>x</b>",
                           DAY, "https://example.org/ap", "confirmed")]
    entry = audit.entries(auth_engine(), kind="assessment_added")[0]
    assert entry["email"] == CONTRIB and entry["association"] == "Association A"
    # the same again: nothing new in Association A's chain, nothing added
    at = submit(fill(at, text="Appel à projets publié **gras** <b>x</b>"), "Enregistrer l'information")
    assert "Rien de nouveau" in said(at) and len(_rows(ref)) == 1
    # what the rules read: the change, the measure's freshness, and the brief's changes
    from plans import rules

    changes = rules.changes(auth_engine(), PLAN, DAY - dt.timedelta(days=1), DAY)
    assert any(c["ref"] == ref and c["date"] == DAY.isoformat() for c in changes)
    row = rules.measures_table(auth_engine(), PLAN, DAY).set_index("ref").loc[ref]
    assert row["status"] == "in_progress" and str(row["status_date"])[:10] == DAY.isoformat()


def test_a_coordinator_chooses_the_voice_the_government_included(monkeypatch):
    logged_in(monkeypatch, COORD)
    at = app(AUTH, page="measure.py", lang="en")
    ref = at.selectbox(key="measure_pick").value
    assert [e.label for e in at.expander].count("Add information") == 1
    who = at.selectbox(key="ed_for")
    assert who.options[0] == "the collective (civil society)" and "Association A" in who.options
    who.set_value("\u0000government")
    at = submit(fill(at, status="done", text="Décret publié"), "Save the information")
    assert not at.exception, at.exception
    assert "Information saved for measure" in said(at)
    assert [r[:3] for r in _rows(ref)] == [("government", None, "done")]


def test_a_reader_sees_no_form_on_either_page(monkeypatch):
    logged_in(monkeypatch, READER)
    for page in ("measure.py", "deadlines.py"):
        at = app(AUTH, page=page)
        labels = [e.label for e in at.expander]
        assert "Ajouter une information" not in labels and "Enregistrer une annonce" not in labels
        assert not [b for b in at.button if b.label.startswith("Enregistrer l")]


def test_the_announcement_form_extends_the_ledger_with_the_model_case(monkeypatch):
    logged_in(monkeypatch, CONTRIB)
    at = app(AUTH, page="deadlines.py")
    subject = "Comité de pilotage du collectif"
    steps = [("announced", dt.date(2023, 11, 10), "fin janvier 2024", None),
             ("postponed", dt.date(2024, 1, 20), "fin février 2024", None),
             ("held", None, "", dt.date(2024, 3, 21))]
    for kind, announced, expected, held in steps:
        at.text_input(key="ed_subject").input(subject)
        at.selectbox(key="ed_kind").set_value(kind)
        at.text_input(key="ed_expected").input(expected)
        at.date_input(key="ed_announced").set_value(announced)
        at.date_input(key="ed_held").set_value(held)
        at.text_input(key="ed_aurl").input("https://example.org/cr")
        at = submit(at, "Enregistrer l'annonce")
        assert not at.exception, at.exception
        assert f"Annonce enregistrée : {subject}." in said(at)
    ledger = next(d.value for d in at.dataframe if "postponements" in d.value.columns)  # « Reports »…
    row = ledger[ledger["subject"].astype(str).str.contains("Comité de pilotage du collectif")].iloc[0]
    assert (int(row["postponements"]), int(row["days_slipped"])) == (2, 50)
    assert "fin janvier 2024 → fin février 2024" in row["announced"]
    assert len(audit.entries(auth_engine(), kind="announcement_added")) == 3
