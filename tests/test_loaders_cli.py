"""python -m loaders: exit codes 0/1/2, summaries, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.test_loaders_import import build_openpyxl

ROOT = Path(__file__).resolve().parents[1]


def _run(*args, db):
    return subprocess.run([sys.executable, "-m", "loaders", *args, "--database", db], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_cli_import_noop_rejected_usage(tmp_path):
    db = f"sqlite:///{tmp_path / 'v.db'}"
    good = build_openpyxl(tmp_path / "suivi.xlsx")
    r = _run("import", str(good), "--plan", "test-plan", db=db)
    assert r.returncode == 0, r.stderr
    assert "Import réussi" in r.stdout and "5 évaluations" in r.stdout
    r = _run("import", str(good), "--plan", "test-plan", db=db)
    assert r.returncode == 0 and "rien à faire" in r.stdout
    bad = tmp_path / "faux.xlsx"
    bad.write_bytes(b"pas un tableur \x00\x01\x02\x03\x04\x05\x06\x07\x08")
    r = _run("import", str(bad), "--plan", "test-plan", "--lang", "en", db=db)
    assert r.returncode == 1 and "refused" in r.stdout and "Traceback" not in r.stdout + r.stderr
    r = _run("import", str(good), "--plan", "test-plan", "--as-of", "27/06/2025", db=db)
    assert r.returncode == 2 and "AAAA-MM-JJ" in r.stderr
    r = _run("import", str(good), "--plan", "test-plan", "--map", "Colonne X=nimportequoi", db=db)
    assert r.returncode == 2
    r = _run("import", str(tmp_path / "absent.xlsx"), "--plan", "test-plan", db=db)
    assert r.returncode == 2 and "introuvable" in r.stderr
    r = _run("template", str(tmp_path / "m.xlsx"), "--plan", "test-plan", db=db)
    assert r.returncode == 0 and (tmp_path / "m.xlsx").exists()


def test_cli_issue_lines_speak_the_language_asked(tmp_path, capsys):
    from loaders.cli import main

    path = tmp_path / "tracker.csv"
    path.write_text("Ref;Status;Deadline\nF01;bof;someday\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'v.db'}"
    assert main(["import", str(path), "--plan", "test-plan", "--lang", "en", "--database", db]) == 1
    out = capsys.readouterr().out
    assert "ERROR" in out and "warn." in out and "row 2" in out
    assert not any(w in out for w in ("ERREUR", "avert.", "ligne 2")), out
    assert '--value "status:bof=CODE"' in out
