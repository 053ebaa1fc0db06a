"""Hardening of the import: control characters, refs, blank statuses,
dates out of range, mixed encodings, UTF-16 without BOM, too many columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders import guard, import_file
from loaders.readers import read_csv
from plans.access import CLI
from tests.test_loaders_import import PLAN, fresh_engine

HEAD = "Situation au 27/06/2025\n\nRéf.;Intitulé;Échéance;Statut;Commentaire\n"  # header on row 3


def _csv(tmp_path: Path, body: str, *, head: str = HEAD, encoding: str = "utf-8", name: str = "suivi.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((head + body).encode(encoding))
    return path


def _import(tmp_path: Path, path: Path):
    return import_file(path, PLAN, fresh_engine(tmp_path), dry_run=True, actor=CLI)


def _codes(issues) -> list[str]:
    return [i.code for i in issues]


# -- 3: control characters ------------------------------------------------------------------------

def test_control_characters_removed_with_one_warning_per_column(tmp_path):
    body = ("F01;Former\x07 les juges;fin 2025;en cours;ok\x1b\n"
            "F02;Observatoire\x0b;2026;réalisée;ok\n"
            "F03;Guide;2026;en cours;bien\x00\x7f\n")
    report = _import(tmp_path, _csv(tmp_path, body))
    assert report.outcome == "dry_run", report.errors
    warned = [w for w in report.warnings if w.code == "control-characters"]
    assert [(w.column, w.row) for w in warned] == [("Intitulé (B)", 4), ("Commentaire (E)", 4)]
    assert "4, 5" in warned[0].message and "4, 6" in warned[1].message


def test_control_characters_cleaned_in_the_cells_read(tmp_path):
    path = _csv(tmp_path, "F01;Former\x07 les juges;fin 2025;en cours;ok\x1b\n")
    rows = read_csv(str(path))["sheets"][0]["rows"]
    assert rows[3] == ["F01", "Former les juges", "fin 2025", "en cours", "ok"]


def test_invisible_character_in_a_ref_is_refused(tmp_path):
    body = "F01;a;2025;en cours;\nF\u200b02;b;2025;en cours;\nF\x0703;c;2025;en cours;\n"
    report = _import(tmp_path, _csv(tmp_path, body))
    assert report.outcome == "rejected"
    bad = [e for e in report.errors if e.code == "invisible-in-ref"]
    assert sorted((e.row, e.column) for e in bad) == [(5, "Réf. (A)"), (6, "Réf. (A)")]


# -- 10: values -----------------------------------------------------------------------------------

def test_refs_are_normalised_nfkc(tmp_path):
    body = "\uff26\uff10\uff11;Former;2025;en cours;\nF02;b;2025;en cours;\n"  # fullwidth « Ｆ０１ »
    report = _import(tmp_path, _csv(tmp_path, body))
    assert report.outcome == "dry_run", report.errors
    assert not [w for w in report.warnings if w.code == "lookalike-ref"]


def test_lookalike_letters_in_a_ref_warned(tmp_path):
    body = "\u0410-01;Former;2025;en cours;\nF02;b;2025;en cours;\n"  # Cyrillic « А »
    report = _import(tmp_path, _csv(tmp_path, body))
    assert report.outcome == "dry_run", report.errors
    warned = [w for w in report.warnings if w.code == "lookalike-ref"]
    assert [(w.row, w.value) for w in warned] == [(4, "\u0410-01")]


def test_status_of_spaces_read_as_blank_with_a_warning(tmp_path):
    body = "F01;a;2025;   ;\nF02;b;2025;\u00a0\u00a0;\nF03;c;2025;;\nF04;d;2025;en cours;\n"
    report = _import(tmp_path, _csv(tmp_path, body))
    assert report.outcome == "dry_run", report.errors
    warned = [w for w in report.warnings if w.code == "blank-status"]
    assert len(warned) == 1 and warned[0].column == "Statut (D)" and "4, 5" in warned[0].message


@pytest.mark.parametrize("deadline", ["01/01/0001", "12/05/1989", "2101", "31/12/2150"])
def test_deadline_out_of_range_is_an_error(tmp_path, deadline):
    body = f"F01;a;{deadline};en cours;\nF02;b;2025;en cours;\n"
    report = _import(tmp_path, _csv(tmp_path, body))
    assert report.outcome == "rejected"
    assert _codes(report.errors) == ["date-out-of-range"]
    assert report.errors[0].row == 4 and report.errors[0].value == deadline


def test_as_of_in_the_future_is_an_error(tmp_path):
    future = (dt.date.today() + dt.timedelta(days=40)).strftime("%d/%m/%Y")
    path = _csv(tmp_path, "F01;a;2025;en cours;\n", head=HEAD.replace("27/06/2025", future))
    report = _import(tmp_path, path)
    assert report.outcome == "rejected"
    assert _codes(report.errors) == ["as-of-future"]


def test_as_of_before_1990_is_an_error(tmp_path):
    report = _import(tmp_path, _csv(tmp_path, "F01;a;2025;en cours;\n", head=HEAD.replace("27/06/2025", "01/01/0001")))
    assert report.outcome == "rejected"
    assert _codes(report.errors) == ["as-of-out-of-range"] and "0001-01-01" in report.errors[0].message


# -- 9: encodings ---------------------------------------------------------------------------------

def test_mixed_utf8_and_cp1252_refused_naming_the_rows(tmp_path):
    path = tmp_path / "mixte.csv"
    path.write_bytes(HEAD.encode("utf-8") + "F01;Réunion;2025;en cours;\n".encode()
                     + "F02;Comité;2025;réalisée;\n".encode("cp1252") + "F03;Été;2025;en cours;\n".encode())
    report = _import(tmp_path, path)
    assert report.outcome == "rejected"
    assert _codes(report.errors) == ["mixed-encoding"]
    assert "5" in report.errors[0].message and "mixte.csv" in report.errors[0].message


def test_cp1252_file_still_read_as_cp1252(tmp_path):
    report = _import(tmp_path, _csv(tmp_path, "F01;Réunion;2025;réalisée;\n", encoding="cp1252"))
    assert report.outcome == "dry_run", report.errors
    assert "encoding-guessed" in _codes(report.warnings)


def test_stray_undefined_byte_keeps_cp1252(tmp_path):
    """0x81 is undefined in Windows-1252: the file was read as Latin-1, its « ’ » (0x92) a control character."""
    path = tmp_path / "suivi.csv"
    path.write_bytes(HEAD.encode("cp1252") + "F01;L’été;2025;en cours;ok".encode("cp1252") + b"\x81\n")
    rows = read_csv(str(path))["sheets"][0]["rows"]
    assert rows[3][1] == "L’été" and rows[3][4] == "ok"
    report = _import(tmp_path, path)
    assert [(w.code, w.column) for w in report.warnings if w.code == "control-characters"] == \
        [("control-characters", "Commentaire (E)")]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, encoding):
    path = _csv(tmp_path, "F01;Réunion;2025;réalisée;\n", encoding=encoding)
    assert guard.sniff(str(path)) == "csv"
    data = read_csv(str(path))
    assert data["encoding"] == "UTF-16"
    assert data["sheets"][0]["rows"][3][1] == "Réunion"
    report = _import(tmp_path, path)
    assert report.outcome == "dry_run", report.errors


# -- 8: a cap on columns --------------------------------------------------------------------------

def test_too_many_columns_refused_in_the_child(tmp_path):
    path = tmp_path / "large.csv"
    path.write_text(";".join(f"c{j}" for j in range(guard.MAX_COLUMNS + 1)) + "\n" + "x;" * 10 + "\n")
    with pytest.raises(guard.Refusal) as exc:
        guard.read_untrusted(str(path))
    assert exc.value.code == "too-many-columns"
    report = _import(tmp_path, path)
    assert _codes(report.errors) == ["too-many-columns"]
    assert str(guard.MAX_COLUMNS) in report.errors[0].message


def test_wide_file_refused_fast(tmp_path):
    """A 100,000-column CSV cost minutes of header matching in the server process."""
    import time

    path = tmp_path / "wide.csv"
    path.write_text(";".join(f"Colonne statut {j}" for j in range(100_000)) + "\n"
                    + ";".join("en cours" for _ in range(100_000)) + "\n")
    t0 = time.monotonic()
    report = _import(tmp_path, path)
    assert time.monotonic() - t0 < 10
    assert _codes(report.errors) == ["too-many-columns"]


def _wide_table(tmp_path: Path, rows: int) -> Path:
    """A valid table under the column cap (4 fields and 996 unknown columns) whose check is the costly part."""
    head = ["Réf.", "Intitulé", "Statut", "Échéance"] + [f"C{j}" for j in range(guard.MAX_COLUMNS - 4)]
    body = [";".join([f"M{i}", "Titre", "en cours", "2025"] + ["x"] * (guard.MAX_COLUMNS - 4)) for i in range(rows)]
    path = tmp_path / "wide.csv"
    path.write_text("\n".join([";".join(head), *body]) + "\n", encoding="utf-8")
    return path


def test_an_expensive_check_is_refused_by_the_reading_limit(tmp_path, monkeypatch):
    """The check (tables, headers, every row) runs under the reading child's time limit: a file read within
    the limit but whose check exceeds it is refused, nothing stored — not computed in the server process."""
    path = _wide_table(tmp_path, 8_000)  # read in about 1 s, checked in about 6 s
    monkeypatch.setattr(guard, "TIMEOUT", 4.0)
    report = _import(tmp_path, path)
    assert report.outcome == "rejected"
    assert _codes(report.errors) == ["check-too-large"]  # not « too-complex »: the reading itself was done
    assert "« wide.csv »" in report.errors[0].message and "plus de 4 s" in report.errors[0].message
    assert report.errors[0].hint


def test_the_check_runs_in_the_child_not_in_the_server(tmp_path, monkeypatch):
    import sys

    import loaders.rows
    import loaders.table

    def here(*_args, **_kwargs):
        pytest.fail("the check ran in the server process")

    original = loaders.table.best_candidate
    for module in list(sys.modules.values()):
        if getattr(module, "best_candidate", None) is original:
            monkeypatch.setattr(module, "best_candidate", here)
    monkeypatch.setattr(loaders.rows.MeasureReader, "read", here)
    stages: list[str] = []
    from loaders.pipeline import run_import

    report = run_import(_wide_table(tmp_path, 3), PLAN, fresh_engine(tmp_path), dry_run=True, actor=CLI,
                        progress=stages.append)
    assert report.outcome == "dry_run", report.errors
    assert report.counts["rows_read"] == 3
    assert "unknown-column" in _codes(report.warnings)
    assert stages == ["lecture", "validation", "écriture"]


def test_control_characters_in_a_workbook(tmp_path):
    import xlsxwriter

    path = tmp_path / "suivi.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Suivi")
    for r, row in enumerate([["Réf.", "Intitulé", "Statut"], ["F01", "Former\x07 les juges", "en cours"],
                             ["F02", "Guide", "réalisée\x1b"]]):
        ws.write_row(r, 0, row)
    wb.close()
    report = _import(tmp_path, path)
    assert report.outcome == "dry_run", report.errors
    warned = [(w.sheet, w.column, w.row) for w in report.warnings if w.code == "control-characters"]
    assert warned == [("Suivi", "Intitulé (B)", 2), ("Suivi", "Statut (C)", 3)]


def test_too_many_columns_in_a_workbook_sheet(tmp_path):
    import xlsxwriter

    path = tmp_path / "large.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Large")
    ws.write_row(0, 0, ["Réf.", "Statut"])
    ws.write(1, guard.MAX_COLUMNS + 200, "x")
    wb.close()
    report = _import(tmp_path, path)
    assert [(e.code, e.sheet) for e in report.errors] == [("too-many-columns", "Large")]
    assert "1201" in report.errors[0].message
