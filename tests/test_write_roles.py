"""Every function that writes checks the writer's role itself (not only the page) and leaves a trace: called by
someone whose role does not allow it, each raises AccessDenied and records « write_refused »; allowed, each
records its own kind in the audit trail. A contributor writes for their association only — an import of theirs
is recorded as the civil society's voice under their association — and ``--as`` on the loaders' command line is
recorded under the person's name."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from loaders import import_file
from loaders.cli import main as loaders_main
from plans import access, audit, edits, people, profiles
from plans import overlaps as ov
from plans import schema as s
from plans.access import CLI, AccessDenied
from plans.backup import backup_bytes, restore
from plans.seed import seed
from tools import golden

PLAN = "pna-2024-2027"
READER = access.person("lea@asso.fr", "reader", association="Asso A", name="Léa")
MARIE = access.person("marie@asso.fr", "contributor", association="Asso A", name="Marie")
CLAIRE = access.person("claire@collectif.fr", "coordinator", name="Claire")
ANA = access.person("ana@collectif.fr", "admin", name="Ana")


def _csv(tmp_path, as_of="2025-01-31"):
    path = tmp_path / f"suivi-{as_of}.csv"
    path.write_text(golden.SNAPSHOTS[as_of], encoding="utf-8")
    return path


def _a_ref(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(select(s.measures.c.ref).where(s.measures.c.plan_id == PLAN)
                            .order_by(s.measures.c.id)).scalars().first()


def _writes(engine, tmp_path):
    """Each writing function, called as ``who`` (name → call)."""
    link = ov.links(engine, PLAN)[0]["id"]
    ref = _a_ref(engine)
    return {
        "run_import": lambda who: import_file(_csv(tmp_path), PLAN, engine, actor=who, as_of=dt.date(2025, 1, 31)),
        "add_assessment": lambda who: edits.add_assessment(engine, who, PLAN, ref, status="in_progress",
                                                           as_of=dt.date(2025, 2, 1), text="Nouvelle étape"),
        "add_announcement": lambda who: edits.add_announcement(
            engine, who, PLAN, subject="Comité", announced_on=dt.date(2025, 1, 2), expected_text="fin mars 2025",
            held_on=None, kind="announced", summary=None, source_url=None),
        "profiles.save": lambda who: profiles.save(engine, PLAN, {"sheet": "Suivi"}, actor=who, origin="edit"),
        "refresh_suggestions": lambda who: ov.refresh_suggestions(engine, PLAN, who),
        "decide_link": lambda who: ov.decide_link(engine, link, "rejected", who),
        "add_link": lambda who: ov.add_link(engine, PLAN, "G04", "plan-travail-illegal-2023-2027", "PNLTI-TEH",
                                            "complements", who),
        "backup": lambda who: backup_bytes(engine, actor=who),
        "restore": lambda who: restore(engine, b"", actor=who, replace=True),
        "seed": lambda who: seed(engine, actor=who),
        "people.add": lambda who: people.add(engine, who, "x@y.fr", "reader"),
        "people.remove": lambda who: people.remove(engine, who, "x@y.fr"),
    }


NAMES = ["run_import", "add_assessment", "add_announcement", "profiles.save", "refresh_suggestions", "decide_link",
         "add_link", "backup", "restore", "seed", "people.add", "people.remove"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("who", [READER, access.VISITOR], ids=["reader", "visitor"])
def test_each_writing_function_refuses_and_records_a_role_that_may_not(sqlite_seeded, tmp_path, name, who):
    before = audit.data_version(sqlite_seeded)
    with pytest.raises(AccessDenied):
        _writes(sqlite_seeded, tmp_path)[name](who)
    rows = [r for r in audit.entries(sqlite_seeded) if r["id"] > before]
    assert [r["kind"] for r in rows] == ["write_refused"]
    assert rows[0]["actor"] == who.recorded and rows[0]["email"] == who.email


@pytest.mark.parametrize("name", ["profiles.save", "refresh_suggestions", "decide_link", "add_link", "backup",
                                  "restore", "seed", "people.add"])
def test_a_contributor_may_not_do_a_coordinators_or_an_admins_work(sqlite_seeded, tmp_path, name):
    with pytest.raises(AccessDenied):
        _writes(sqlite_seeded, tmp_path)[name](MARIE)
    assert audit.entries(sqlite_seeded, limit=1)[0]["kind"] == "write_refused"


def test_a_contributor_may_not_write_for_another_association(sqlite_seeded, tmp_path):
    with pytest.raises(AccessDenied, match="pas pour « Asso B »"):
        import_file(_csv(tmp_path), PLAN, sqlite_seeded, actor=MARIE, association="Asso B")
    with pytest.raises(AccessDenied, match="pas pour « Asso B »"):
        edits.add_assessment(sqlite_seeded, MARIE, PLAN, _a_ref(sqlite_seeded), status="done",
                             as_of=dt.date(2025, 2, 1), association="Asso B")
    with pytest.raises(AccessDenied, match="ne permet pas de parler au nom du collectif"):  # nor the government's voice
        edits.add_assessment(sqlite_seeded, MARIE, PLAN, _a_ref(sqlite_seeded), status="done",
                             as_of=dt.date(2025, 2, 1), voice="government")
    refused = audit.entries(sqlite_seeded, kind="write_refused")
    assert len(refused) == 3 and "Asso B" in refused[-1]["summary"] and refused[-1]["association"] == "Asso A"
    with sqlite_seeded.connect() as conn:
        assert conn.execute(select(s.import_runs.c.id)).first() is None  # nothing read, nothing written


def test_each_write_kind_is_recorded(sqlite_seeded, tmp_path):
    eng = sqlite_seeded
    writes = _writes(eng, tmp_path)
    expected = {"run_import": "import_confirmed", "add_assessment": "assessment_added",
                "add_announcement": "announcement_added", "profiles.save": "profile_saved",
                "refresh_suggestions": "overlap_decided", "decide_link": "overlap_decided",
                "add_link": "overlap_decided", "backup": "backup", "people.add": "person_added",
                "people.remove": "person_removed"}
    for name, kind in expected.items():
        before = audit.data_version(eng)
        writes[name](ANA)
        rows = [r for r in audit.entries(eng) if r["id"] > before]
        assert [r["kind"] for r in rows] == [kind], name
        assert rows[0]["actor"] == "Ana <ana@collectif.fr>" and rows[0]["role"] == "admin"
    confirmed = audit.entries(eng, kind="import_confirmed")[0]
    assert confirmed["plan_id"] == PLAN and confirmed["run_id"] and "suivi-2025-01-31.csv" in confirmed["summary"]
    bad = tmp_path / "mauvais.csv"
    bad.write_text(golden.BAD, encoding="utf-8")
    import_file(bad, PLAN, eng, actor=CLAIRE, dry_run=True)  # a dry run's check is not a write
    assert not audit.entries(eng, kind="import_refused")
    import_file(bad, PLAN, eng, actor=CLAIRE)
    refused = audit.entries(eng, kind="import_refused")
    assert len(refused) == 1 and refused[0]["actor"] == "Claire <claire@collectif.fr>" and refused[0]["run_id"]


def test_a_contributors_import_is_their_associations_civil_society_voice(sqlite_seeded, tmp_path):
    report = import_file(_csv(tmp_path), PLAN, sqlite_seeded, actor=MARIE, as_of=dt.date(2025, 1, 31))
    assert report.outcome == "imported"
    with sqlite_seeded.connect() as conn:
        run = conn.execute(select(s.import_runs).where(s.import_runs.c.id == report.run_id)).one()
        rows = conn.execute(select(s.assessments.c.voice, s.assessments.c.association)
                            .where(s.assessments.c.import_run_id == report.run_id)).all()
    assert run.imported_by == "Marie <marie@asso.fr>" and run.association == "Asso A"
    assert rows and set(rows) == {("civil_society", "Asso A")}
    entry = audit.entries(sqlite_seeded, kind="import_confirmed")[0]
    assert entry["association"] == "Asso A" and entry["run_id"] == report.run_id


def test_an_assessment_added_in_the_app_is_a_recorded_run(sqlite_seeded):
    ref = _a_ref(sqlite_seeded)
    result = edits.add_assessment(sqlite_seeded, MARIE, PLAN, ref, status="in_progress", as_of=dt.date(2025, 2, 1),
                                  text="Appel à projets lancé", source_url="https://example.org/c",
                                  confidence="confirmed")
    with sqlite_seeded.connect() as conn:
        run = conn.execute(select(s.import_runs).where(s.import_runs.c.id == result.run_id)).one()
        row = conn.execute(select(s.assessments).where(s.assessments.c.import_run_id == result.run_id)).one()
    assert run.outcome == "imported" and run.file_name == "Information ajoutée dans l'application"
    assert (row.status, row.voice, row.association, row.comment, row.as_of, row.last_change) == (
        "in_progress", "civil_society", "Asso A", "Appel à projets lancé", dt.date(2025, 2, 1), dt.date(2025, 2, 1))
    with pytest.raises(edits.EditError, match="Mesure inconnue"):
        edits.add_assessment(sqlite_seeded, MARIE, PLAN, "ZZZ-999", status="done", as_of=dt.date(2025, 2, 1))
    with pytest.raises(edits.EditError, match="futur"):
        edits.add_assessment(sqlite_seeded, MARIE, PLAN, ref, status="done",
                             as_of=dt.date.today() + dt.timedelta(days=2))


def test_loaders_import_as_a_person_is_recorded_under_their_name(sqlite_seeded, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", str(sqlite_seeded.url))
    people.add(sqlite_seeded, CLI, "ana@collectif.fr", "admin", name="Ana")
    people.add(sqlite_seeded, people.actor_for(sqlite_seeded, "ana@collectif.fr"), "marie@asso.fr", "contributeur",
               association="Asso A", name="Marie")
    assert loaders_main(["import", str(_csv(tmp_path)), "--plan", PLAN, "--as", "inconnue@asso.fr"]) == 2
    assert "Personne inconnue : inconnue@asso.fr" in capsys.readouterr().err
    assert loaders_main(["import", str(_csv(tmp_path)), "--plan", PLAN, "--as", "marie@asso.fr"]) == 0
    assert loaders_main(["import", str(_csv(tmp_path, "2025-06-30")), "--plan", PLAN]) == 0
    rows = audit.entries(sqlite_seeded, kind="import_confirmed")
    assert [(r["actor"], r["association"]) for r in rows] == [("ligne de commande", None),
                                                               ("Marie <marie@asso.fr>", "Asso A")]
    profile = tmp_path / "profil.toml"
    profile.write_text('plan = "pna-2024-2027"\n', encoding="utf-8")
    capsys.readouterr()
    assert loaders_main(["profile", "--plan", PLAN, "--import", str(profile), "--as", "marie@asso.fr"]) == 2
    err = capsys.readouterr().err
    assert "le rôle « contributeur » ne permet pas de modifier le profil d'import" in err and "Traceback" not in err
