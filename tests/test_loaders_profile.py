"""The import profile: the CLI's options, the profile file, merging, its storage with every version kept, the
``python -m loaders profile`` command, and an import saving what it used as the plan's profile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from loaders import import_file
from loaders import profile as P
from plans import profiles
from plans.access import CLI, EDITOR, VISITOR, AccessDenied
from tests.factories import make_plan
from tests.test_loaders_import import build_openpyxl

ROOT = Path(__file__).resolve().parents[1]


def test_options_say_the_issue_syntax():
    p = P.parse_options(["Réf.=ref", "Colonne inutile=-", "N°+Lettre=ref", "Statut juin 2025=status@2025-06-30",
                         "Info juin 2025=comment@2025-06-30"],
                        ["status:delivered=done", "voice:Asso X=civil_society", "confidence:sûr=confirmed"],
                        sheet="Suivi", header_row="3")
    assert p["sheet"] == "Suivi" and p["header_row"] == 3
    assert p["columns"] == {"Colonne inutile": "-"}  # the joined ref replaces « Réf. »
    assert p["joins"] == {"ref": ["N°", "Lettre"]}
    assert p["dated"] == {"Statut juin 2025": ["status", "2025-06-30"], "Info juin 2025": ["comment", "2025-06-30"]}
    assert p["values"] == {"status": {"delivered": "done"}, "voice": {"Asso X": "civil_society"},
                           "confidence": {"sûr": "confirmed"}}


@pytest.mark.parametrize(("maps", "values", "row", "code"), [
    (["Colonne X=nimportequoi"], [], None, "bad_map"),
    (["sans signe égal"], [], None, "bad_map"),
    (["Statut=title@2025-06-30"], [], None, "bad_dated_field"),
    (["Statut=status@30/06/2025"], [], None, "bad_map_date"),
    ([], ["delivered=done"], None, "bad_value"),
    ([], ["status:delivered=fini"], None, "bad_code"),
    ([], ["voice:Asso=done"], None, "bad_code"),
    ([], [], "0", "bad_header_row"),
    ([], [], "trois", "bad_header_row"),
])
def test_an_option_that_is_not_valid_is_named(maps, values, row, code):
    with pytest.raises(P.ProfileError) as err:
        P.parse_options(maps, values, header_row=row)
    assert err.value.code == code
    assert (maps or values or [row])[0] in str(err.value)


def test_a_spelling_or_header_said_again_replaces_the_old_one():
    p = P.parse_options(["Etat=status", "ÉTAT =comment"], ["status:In-Progress=in_progress", "status:in_progress=done"])
    assert p["columns"] == {"ÉTAT": "comment"}
    assert p["values"]["status"] == {"in_progress": "done"}


def test_the_file_round_trips_and_names_the_bad_line():
    p = P.parse_options(['Réf. "interne"=ref', "Statut $x=status", "A+B=ref"], ["status:à l'étude=initiated"],
                        sheet="Feuille 1", header_row=2)
    text = P.to_text(p, plan_id="pna")
    assert text.startswith("# ") and "--header-row 2" in text
    assert P.from_text(text) == p
    with pytest.raises(P.ProfileError) as err:
        P.from_text(text + "\n--value \"status:x=fini\"\n")
    assert str(err.value).startswith(f"Ligne {len(text.splitlines()) + 2} :")
    for bad in ("--map", "--colour \"x=y\"", "--map \"a=ref\" en trop", "--map \"guillemet=ref"):
        with pytest.raises(P.ProfileError) as err:
            P.from_text("# commentaire\n\n" + bad)
        assert str(err.value).startswith("Ligne 3 :"), bad


def test_merge_keeps_the_base_and_lets_the_new_win():
    base = P.parse_options(["Réf.=ref", "Statut=status", "Vieux=-"], ["status:delivered=done"], sheet="A")
    new = P.parse_options(["N°+Lettre=ref", "Statut=comment"], ["status:DELIVERED=partial", "status:late=postponed"],
                          header_row=4)
    m = P.merge(base, new)
    assert m["sheet"] == "A" and m["header_row"] == 4
    assert m["joins"] == {"ref": ["N°", "Lettre"]}
    assert m["columns"] == {"Vieux": "-", "Statut": "comment"}
    assert m["values"]["status"] == {"DELIVERED": "partial", "late": "postponed"}
    assert P.merge(None, None) == P.empty() and P.is_empty(P.merge({}, {}))


def test_every_version_is_kept_with_who_and_when(migrated):
    make_plan(migrated, "p1")
    assert profiles.current(migrated, "p1") is None
    first = P.parse_options(["Etat=status"])
    assert profiles.save(migrated, "p1", first, actor=CLI, origin="cli")
    assert not profiles.save(migrated, "p1", first, actor=CLI, origin="cli")  # the same: nothing new
    second = P.merge(first, P.parse_options(values=["status:delivered=done"]))
    assert profiles.save(migrated, "p1", second, actor=EDITOR, origin="edit")
    assert profiles.current(migrated, "p1") == second
    hist = profiles.history(migrated, "p1")
    assert [h["profile"] for h in hist] == [second, first]
    assert [h["saved_by"] for h in hist] == [EDITOR.recorded, CLI.recorded]
    assert [h["origin"] for h in hist] == ["edit", "cli"]
    with pytest.raises(AccessDenied):
        profiles.save(migrated, "p1", P.empty(), actor=VISITOR, origin="edit")
    with pytest.raises(LookupError):
        profiles.save(migrated, "absent", first, actor=CLI, origin="cli")
    assert len(profiles.history(migrated, "p1")) == 2


def test_an_import_saves_what_it_used_and_the_next_file_reads_with_it(tmp_path, migrated):
    good = build_openpyxl(tmp_path / "suivi.xlsx")
    given = P.parse_options(["Colonne perso=-"], ["status:delivered=done"])
    report = import_file(good, "test-plan", migrated, actor=CLI, profile=given)
    assert report.outcome == "imported", [i.to_dict() for i in report.errors]
    saved = profiles.current(migrated, "test-plan")
    assert saved is not None and saved["columns"] == {"Colonne perso": "-"}
    assert saved["values"]["status"] == {"delivered": "done"}
    assert profiles.history(migrated, "test-plan")[0]["origin"] == "import"
    # a refused or dry-run import saves nothing
    other = P.parse_options(["Autre=-"])
    dry = import_file(build_openpyxl(tmp_path / "suivi2.xlsx", as_of="28/06/2025"), "test-plan", migrated, actor=CLI,
                      profile=other, dry_run=True)
    assert dry.outcome == "dry_run"
    assert profiles.current(migrated, "test-plan") == saved
    assert dry.profile is not None and dry.profile["columns"] == {"Colonne perso": "-", "Autre": "-"}


def _cli(*args, db):
    return subprocess.run([sys.executable, "-m", "loaders", *args, "--database", db], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_the_profile_command(tmp_path):
    db = f"sqlite:///{tmp_path / 'v.db'}"
    good = build_openpyxl(tmp_path / "suivi.xlsx")
    r = _cli("import", str(good), "--plan", "test-plan", "--map", "Colonne perso=-", "--value",
             "status:delivered=done", db=db)
    assert r.returncode == 0, r.stdout + r.stderr
    r = _cli("profile", "--plan", "test-plan", db=db)
    assert r.returncode == 0 and '--map "Colonne perso=-"' in r.stdout and '--value "status:delivered=done"' in r.stdout
    out = tmp_path / "profil.txt"
    r = _cli("profile", "--plan", "test-plan", "--export", str(out), db=db)
    assert r.returncode == 0 and P.from_text(out.read_text(encoding="utf-8"))["columns"] == {"Colonne perso": "-"}
    out.write_text(out.read_text(encoding="utf-8") + '--header-row 1\n', encoding="utf-8")
    r = _cli("profile", "--plan", "test-plan", "--import", str(out), db=db)
    assert r.returncode == 0 and "enregistré" in r.stdout
    bad = tmp_path / "faux.txt"
    bad.write_text('--map "Etat=status"\n--value "status:delivered=fini"\n', encoding="utf-8")
    r = _cli("profile", "--plan", "test-plan", "--import", str(bad), db=db)
    assert r.returncode == 1 and "Ligne 2" in r.stderr and "fini" in r.stderr and "Traceback" not in r.stderr
    r = _cli("profile", "--plan", "absent", db=db)
    assert r.returncode == 2
    r = _cli("import", str(good), "--plan", "test-plan", "--value", "status:x", db=db)
    assert r.returncode == 2 and "--value" in r.stderr
