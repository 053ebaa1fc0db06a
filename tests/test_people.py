"""People and roles (plans.people, plans.access) and their command line: ``python -m plans users add|list|remove``,
``python -m plans audit``, ``--as EMAIL`` on the writing commands of plans/ — every refusal a French sentence and
exit code 2, never a traceback."""

from __future__ import annotations

import json

import pytest

from plans import access, audit, people
from plans.__main__ import main
from plans.access import CLI, AccessDenied
from plans.db import make_engine

PLAN = "pna-2024-2027"


@pytest.fixture
def cli(sqlite_seeded, monkeypatch, capsys):
    """``run(*argv) -> (code, stdout, stderr)`` on the seeded SQLite store."""
    monkeypatch.setenv("DATABASE_URL", str(sqlite_seeded.url))

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_roles_are_ordered_and_read_in_french_or_english():
    assert [access.parse_role(w) for w in ("lecteur", "Contributeur", "coordinator", "ADMIN", "chef")] == \
        ["reader", "contributor", "coordinator", "admin", None]
    marie = access.person(" Marie@Asso.fr", "contributor", association="Asso A", name="Marie Dupont")
    assert marie.recorded == "Marie Dupont <marie@asso.fr>" and marie.email == "marie@asso.fr"
    assert marie.may("import", "Asso A") and not marie.may("import", "Asso B") and not marie.may("import")
    assert not marie.may("decide_overlap") and marie.may("announce")
    boss = access.person("c@x.fr", "coordinator")
    assert boss.may("import", "Asso B") and boss.may("import") and not boss.may("manage_people")
    assert not access.person("r@x.fr", "reader").may_write
    for legacy in (access.CLI, access.EDITOR, access.LOCAL):
        assert all(legacy.may(a) for a in access.ACTIONS)
    assert not any(access.VISITOR.may(a) for a in access.ACTIONS)


def test_require_records_each_refusal(sqlite_seeded):
    marie = access.person("marie@asso.fr", "contributor", association="Asso A")
    with pytest.raises(AccessDenied, match="« Asso A », pas pour « Asso B »"):
        access.require(sqlite_seeded, marie, "import", plan_id=PLAN, association="Asso B")
    with pytest.raises(AccessDenied, match=r"contributeur.*ne permet pas de gérer les personnes"):
        access.require(sqlite_seeded, marie, "manage_people")
    with pytest.raises(AccessDenied, match="mot de passe éditeur"):
        access.require(sqlite_seeded, "Coordinatrice", "import")  # a typed name is not an actor
    rows = audit.entries(sqlite_seeded, kind="write_refused")
    assert [r["actor"] for r in rows] == ["inconnu « Coordinatrice »", "marie@asso.fr", "marie@asso.fr"]
    assert rows[2]["plan_id"] == PLAN and rows[2]["association"] == "Asso A" and "Asso B" in rows[2]["summary"]


def test_people_are_added_changed_and_removed_by_an_admin_only(sqlite_seeded):
    eng = sqlite_seeded
    with pytest.raises(AccessDenied):  # the command line may create the first admin, not an anonymous editor…
        people.add(eng, access.VISITOR, "a@x.fr", "admin")
    first = people.add(eng, CLI, " Ana@X.org ", "admin", name="Ana Min")
    assert first["email"] == "ana@x.org" and first["added_by"] == "ligne de commande"
    ana = people.actor_for(eng, "ANA@x.org")
    assert ana is not None and ana.role == "admin" and ana.recorded == "Ana Min <ana@x.org>"
    people.add(eng, ana, "marie@asso.fr", "contributeur", association="Asso A", name="Marie")
    marie = people.actor_for(eng, "marie@asso.fr")
    with pytest.raises(AccessDenied):
        people.add(eng, marie, "paul@asso.fr", "admin")
    with pytest.raises(AccessDenied):
        people.remove(eng, marie, "ana@x.org")
    people.add(eng, ana, "marie@asso.fr", "coordinateur")  # a role change keeps the name and clears the association
    assert people.find(eng, "marie@asso.fr") | {"added_at": None} == {
        "email": "marie@asso.fr", "name": "Marie", "role": "coordinator", "association": None, "added_at": None,
        "added_by": "Ana Min <ana@x.org>"}
    with pytest.raises(people.PersonError, match="dernier admin"):
        people.remove(eng, ana, "ana@x.org")
    assert people.remove(eng, ana, "marie@asso.fr") and not people.remove(eng, ana, "marie@asso.fr")
    assert [p["email"] for p in people.list_people(eng)] == ["ana@x.org"]
    kinds = [r["kind"] for r in audit.entries(eng) if r["kind"] != "catalogue_loaded"]
    assert kinds == ["person_removed", "person_changed", "write_refused", "write_refused", "person_added",
                     "person_added", "write_refused"]
    changed = audit.entries(eng, kind="person_changed")[0]
    assert changed["summary"] == "marie@asso.fr : contributeur, Asso A → coordinateur"
    for bad_email, bad_role in (("pas-une-adresse", "admin"), ("p@x.fr", "chef")):
        with pytest.raises(people.PersonError):
            people.add(eng, ana, bad_email, bad_role)


def test_cli_users_add_list_remove(cli):
    code, out, _ = cli("users", "add", "Ana@X.org", "--role", "admin", "--name", "Ana Min")
    assert code == 0 and "ana@x.org ajouté : admin" in out
    code, out, _ = cli("users", "add", "marie@asso.fr", "--role", "contributeur", "--association", "Asso A",
                       "--as", "ana@x.org")
    assert code == 0 and "contributeur (Asso A)" in out
    code, out, _ = cli("users", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [(p["email"], p["role"], p["association"], p["role_label"]) for p in listed] == [
        ("ana@x.org", "admin", None, "admin"), ("marie@asso.fr", "contributor", "Asso A", "contributeur")]
    code, out, _ = cli("users", "list")
    assert "marie@asso.fr · — · contributeur · Asso A" in out
    code, out, _ = cli("users", "remove", "marie@asso.fr", "--as", "ana@x.org")
    assert code == 0 and "marie@asso.fr retiré." in out
    rows = audit.entries(make_engine(), kind="person_added")
    assert [r["actor"] for r in rows] == ["Ana Min <ana@x.org>", "ligne de commande"]


@pytest.mark.parametrize("argv,said", [
    (["users", "add", "pas-une-adresse", "--role", "admin"], "n'est pas une adresse électronique"),
    (["users", "add", "a@x.fr", "--role", "chef"], "Rôle inconnu : « chef ». Rôles possibles : lecteur, contributeur"),
    (["users", "remove", "personne@x.fr"], "Personne inconnue : personne@x.fr"),
    (["users", "add", "a@x.fr", "--role", "admin", "--as", "inconnu@x.fr"], "Personne inconnue : inconnu@x.fr"),
    (["backup", "/tmp/never.zip", "--as", "inconnu@x.fr"], "Personne inconnue"),
    (["audit", "--plan", "nope"], "Plan inconnu"),
    (["audit", "--plan", PLAN, "--since", "hier"], "Date invalide pour --since"),
])
def test_cli_refusals_are_french_with_code_2(cli, argv, said):
    code, out, err = cli(*argv)
    assert code == 2 and said in err and "Traceback" not in err + out


def test_cli_as_is_checked_and_recorded_and_the_audit_command_reads_the_trail(cli, tmp_path):
    cli("users", "add", "ana@x.org", "--role", "admin", "--name", "Ana Min")
    cli("users", "add", "marie@asso.fr", "--role", "contributeur", "--association", "Asso A", "--as", "ana@x.org")
    code, _, err = cli("backup", str(tmp_path / "a.zip"), "--as", "marie@asso.fr")
    assert code == 2 and "le rôle « contributeur » ne permet pas de sauvegarder la base" in err
    assert not (tmp_path / "a.zip").exists()
    assert cli("backup", str(tmp_path / "b.zip"), "--as", "ana@x.org")[0] == 0
    assert cli("backup", str(tmp_path / "c.zip"))[0] == 0
    code, out, _ = cli("audit", "--plan", PLAN, "--json")
    rows = json.loads(out)
    assert code == 0 and [(r["kind"], r["actor"]) for r in rows[:3]] == [
        ("backup", "ligne de commande"), ("backup", "Ana Min <ana@x.org>"), ("write_refused", "marie@asso.fr")]
    assert rows[2]["association"] == "Asso A" and rows[2]["role"] == "contributor"
    assert rows[0]["kind_label"] == "sauvegarde" and rows[0]["at"].endswith("Z")
    code, out, _ = cli("audit", "--plan", PLAN)
    assert code == 0 and "UTC · modification refusée · marie@asso.fr (Asso A) · Refusé : sauvegarder la base" in out
    assert cli("audit", "--plan", PLAN, "--since", "2999-01-01")[1].strip() == "Le journal est vide pour ce plan."
