"""``python -m plans measures``: every measure of a plan with its status at D, as a table or JSON; the same
usage errors as ``summary`` (exit 2); quiet into a closed pipe. On SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from plans.__main__ import main
from tests.factories import add_assessment, add_measure, make_plan
from tests.test_cli_pipes import _into_closed_pipe, _quiet

PLAN = "pna-2024-2027"
KEYS = ["ref", "title", "axis", "lead_body", "deadline", "status", "as_of", "as_of_precision", "information",
        "counted"]


def _run(monkeypatch, capsys, db_url, *args) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", db_url)
    code = main(["measures", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _json(monkeypatch, capsys, db_url, *args) -> list[dict]:
    code, out, err = _run(monkeypatch, capsys, db_url, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_seeded_catalogue_every_measure_at_two_dates(seeded, db_url, monkeypatch, capsys):
    before = _json(monkeypatch, capsys, db_url, "--plan", PLAN, "--as-of", "2025-06-27")
    after = _json(monkeypatch, capsys, db_url, "--plan", PLAN, "--as-of", "01/12/2026")
    refs = ["F01", "F02", "F03", "F03a", "F03b", "F04", "F05", "F06", "F07", "G01", "G02", "G03", "G04", "G05"]
    for rows in (before, after):
        assert [r["ref"] for r in rows] == refs and all(list(r) == KEYS for r in rows)
        assert sum(r["counted"] for r in rows) == 12
        assert [r["ref"] for r in rows if not r["counted"]] == ["F03a", "F03b"]
    b, a = {r["ref"]: r for r in before}, {r["ref"]: r for r in after}
    assert (b["F04"]["status"], b["F04"]["as_of"]) == ("unknown", None)
    assert (a["F04"]["status"], a["F04"]["as_of"]) == ("in_progress", "2025-10-16")
    assert (b["F06"]["status"], a["F06"]["status"], a["F06"]["as_of_precision"]) == ("unknown", "initiated", "month")
    f01 = b["F01"]
    assert (f01["status"], f01["as_of"], f01["deadline"], f01["lead_body"]) == ("in_progress", "2024-06-11",
                                                                                "d'ici 2025", "MIPROF")
    assert f01["axis"].startswith("Axe transversal") and f01["information"].startswith("Formations")


def test_text_table_in_french_and_english(seeded, db_url, monkeypatch, capsys):
    code, out, err = _run(monkeypatch, capsys, db_url, "--plan", PLAN, "--as-of", "2026-12-01")
    assert code == 0, err
    lines = out.splitlines()
    assert "Mesures au 1er décembre 2026 : 14, dont 12 comptées dans le total déclaré" in lines[1]
    rows = [line for line in lines[3:] if line.strip()]
    assert [row.split()[0] for row in rows][:4] == ["F01", "F02", "F03", "F03a"] and len(rows) == 14
    f06 = next(row for row in rows if row.split()[0] == "F06")
    assert "Engagée / en construction (décembre 2025)" in f06  # a status dated to the month stays a month
    assert "échéance : d'ici 2025" in rows[0] and "pilote : MIPROF" in rows[0] and "En cours" in rows[0]
    assert "action liée, hors total" in rows[3]
    code, out, err = _run(monkeypatch, capsys, db_url, "--plan", PLAN, "--as-of", "2026-12-01", "--lang", "en")
    assert code == 0, err
    assert "Measures as of 1 December 2026: 14" in out
    assert "In progress (11 June 2024)" in out and "Unknown" in out and "deadline: d'ici 2025" in out
    assert "En cours" not in out and "related action, not counted" in out


def test_a_plan_built_with_the_factories(migrated, db_url, monkeypatch, capsys):
    make_plan(migrated, "p", measures_declared=3)
    add_measure(migrated, "p", "M2", deadline_text="fin 2024", axis_ref="A1", lead_body="DGCS")
    add_measure(migrated, "p", "M1", title_fr="Première mesure")
    add_measure(migrated, "p", "X1", title_fr=None)  # not documented: listed, not counted
    add_assessment(migrated, "p", "M1", "2024-03-01", "initiated", summary="lancée")
    add_assessment(migrated, "p", "M1", "2024-09-01", "done", comment="terminée\nen septembre")
    add_assessment(migrated, "p", "M2", "2024-05-01", "in_progress", voice="government", summary="en cours")
    early = {r["ref"]: r for r in _json(monkeypatch, capsys, db_url, "--plan", "p", "--as-of", "2024-06-01")}
    late = {r["ref"]: r for r in _json(monkeypatch, capsys, db_url, "--plan", "p", "--as-of", "2024-12-01")}
    assert set(early) == set(late) == {"M1", "M2", "X1"}
    assert (early["M1"]["status"], early["M1"]["as_of"], early["M1"]["information"]) == ("initiated", "2024-03-01",
                                                                                         "lancée")
    assert (late["M1"]["status"], late["M1"]["as_of"]) == ("done", "2024-09-01")
    assert early["M2"] == {"ref": "M2", "title": "Mesure M2", "axis": "Axe A1", "lead_body": "DGCS",
                           "deadline": "fin 2024", "status": "in_progress", "as_of": "2024-05-01",
                           "as_of_precision": None, "information": "en cours", "counted": True}
    assert (late["X1"]["counted"], late["X1"]["status"], late["X1"]["title"]) == (False, "unknown", None)
    code, out, err = _run(monkeypatch, capsys, db_url, "--plan", "p", "--as-of", "2024-12-01", "--lang", "en")
    assert code == 0, err
    assert "Done (1 September 2024)" in out and "In progress (1 May 2024)" in out
    assert len([line for line in out.splitlines() if line.startswith("  ")]) == 3  # one line per measure


@pytest.mark.parametrize("args, message", [
    (["--plan", "inconnu"], "Plan inconnu"),
    (["--plan", PLAN, "--as-of", "31 février"], "Date invalide"),
    (["--plan", PLAN, "--as-of", "2025-13-01", "--json"], "Date invalide"),
])
def test_usage_errors_exit_2_in_french(seeded, db_url, monkeypatch, capsys, args, message):
    code, out, err = _run(monkeypatch, capsys, db_url, *args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_into_a_closed_pipe_is_quiet(sqlite_seeded):
    url = str(sqlite_seeded.url)
    _quiet(_into_closed_pipe(["plans", "measures", "--plan", PLAN, "--json"], url, 1), "[")
    _quiet(_into_closed_pipe(["plans", "measures", "--plan", PLAN, "--as-of", "2026-12-01"], url, 0))
