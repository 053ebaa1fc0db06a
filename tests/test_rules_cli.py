"""The CLI through a real subprocess: JSON output, readable French report, French usage errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import seeded_sqlite

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db_env(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "vigie.db"
    seeded_sqlite(path).dispose()
    url = f"sqlite:///{path}"
    return {**os.environ, "DATABASE_URL": url}


def run(env, *args):
    return subprocess.run([sys.executable, "-m", "plans", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_summary_json(db_env):
    r = run(db_env, "summary", "--plan", "pna-2024-2027", "--as-of", "2026-12-01", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["as_of"] == "2026-12-01" and data["measures_documented"] == 12
    com = next(e for e in data["slipped"] if e["event_key"] == "comite-2024-1")
    assert (com["postponements"], com["days_slipped"]) == (2, 50)
    assert data["governance"]["2025"]["held"] == 1


def test_summary_french_report_and_english(db_env):
    r = run(db_env, "summary", "--plan", "pna-2024-2027", "--as-of", "01/12/2026")
    assert r.returncode == 0, r.stderr
    assert "Situation au 1er décembre 2026 (période 1er janvier 2024 → 31 décembre 2027)" in r.stdout
    assert "12 sur 60 déclarées" in r.stdout and "Annoncé mais pas tenu" in r.stdout
    # dates as people write them; a status the source dates to the month stays a month
    assert "Dernière réunion tenue : 27 juin 2025" in r.stdout
    assert "(depuis décembre 2025)" in r.stdout and "(depuis le 11 juin 2024)" in r.stdout
    assert "« fin janvier 2024 » → « fin février 2024 »" in r.stdout
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", r.stdout)  # no ISO date left
    assert "Traceback" not in r.stdout + r.stderr
    r = run(db_env, "summary", "--plan", "pna-2024-2027", "--as-of", "2026-12-01", "--lang", "en")
    assert r.returncode == 0 and "Stalled" in r.stdout and "Announced but not held" in r.stdout
    assert "Situation as of 1 December 2026" in r.stdout and "(since December 2025)" in r.stdout


@pytest.mark.parametrize("args, message", [
    (["summary", "--plan", "inconnu"], "Plan inconnu"),
    (["summary", "--plan", "pna-2024-2027", "--as-of", "31 février"], "Date invalide"),
    (["changes", "--plan", "pna-2024-2027", "--since", "2025-13-01"], "Date invalide"),
    (["changes", "--plan", "pna-2024-2027", "--since", "2025-01-01", "--until", "2024-01-01"], "précède"),
])
def test_usage_errors_in_french(db_env, args, message):
    r = run(db_env, *args)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr


def test_changes_json_and_text(db_env):
    r = run(db_env, "changes", "--plan", "pna-2024-2027", "--since", "2024-01-01", "--until", "2024-04-01", "--json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert [(i["what"], i["date"]) for i in items] == [("postponement", "2024-02-01"),
                                                       ("postponement", "2024-03-01"), ("held", "2024-03-21")]
    r = run(db_env, "changes", "--plan", "pna-2024-2027", "--since", "2024-01-01", "--until", "2024-04-01")
    assert r.returncode == 0 and "report" in r.stdout and "fin janvier 2024 → fin février 2024" in r.stdout
    assert "Changements du 1er janvier 2024 au 1er avril 2024 (3)" in r.stdout and "21/03/2024" in r.stdout
    r = run(db_env, "changes", "--plan", "pna-2024-2027", "--since", "2023-01-01", "--until", "2023-01-02")
    assert r.returncode == 0 and "Aucun changement" in r.stdout


def test_a_database_older_than_the_code_gets_one_readable_line(tmp_path):
    """A data/vigie.db from an earlier version (schema 0002): every command says how to update it,
    in one line with the revisions, never the SQL query nor a traceback; `migrate` fixes it."""
    from plans.db import downgrade, head_revision

    path = tmp_path / "ancienne.db"
    eng = seeded_sqlite(path)
    downgrade(eng, "0002")
    eng.dispose()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    for args in (["summary", "--plan", "pna-2024-2027"], ["changes", "--plan", "pna-2024-2027", "--since", "2025-01-01"]):
        r = run(env, *args)
        assert r.returncode == 1
        assert f"n'est pas à jour (révision 0002, attendue {head_revision()})" in r.stderr
        assert "python -m plans migrate" in r.stderr
        assert "SELECT" not in r.stderr and "Traceback" not in r.stderr
    assert run(env, "migrate").returncode == 0
    assert run(env, "summary", "--plan", "pna-2024-2027").returncode == 0
