"""Hostile files are refused without taking the process down (setup-notes §8)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from loaders import guard, import_file
from plans.access import CLI
from tests.test_loaders_import import PLAN, fresh_engine


def _xlsx_parts(tmp_path: Path) -> dict[str, bytes]:
    src = tmp_path / "base.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Réf.", "Statut"])
    wb.active.append(["F01", "En cours"])
    wb.save(src)
    with zipfile.ZipFile(src) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def sparse_bomb(tmp_path: Path) -> Path:
    """Two cells, A1 and ALL1000000: a dense reader allocates 1,000 × 1,000,000 cells."""
    parts = _xlsx_parts(tmp_path)
    parts["xl/worksheets/sheet1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>R\xc3\xa9f.</t></is></c></row>'
        b'<row r="1000000"><c r="ALL1000000"><v>1</v></c></row></sheetData></worksheet>')
    return _write(tmp_path / "sparse.xlsx", parts)


def zip_bomb(tmp_path: Path) -> Path:
    parts = _xlsx_parts(tmp_path)
    parts["xl/sharedStrings.xml"] = b"<sst>" + b"<si><t>a</t></si>" * 4_000_000 + b"</sst>"  # 64 MB of XML
    return _write(tmp_path / "bomb.xlsx", parts)


def test_zip_bomb_refused_before_parsing(tmp_path):
    path = zip_bomb(tmp_path)
    assert path.stat().st_size < 5 * 2**20
    with pytest.raises(guard.Refusal) as exc:
        guard.sniff(str(path))
    assert exc.value.code == "suspicious-compression"
    report = import_file(path, PLAN, fresh_engine(tmp_path), actor=CLI)
    assert report.outcome == "rejected" and report.errors[0].code == "suspicious-compression"
    assert "bomb.xlsx" in report.errors[0].message


def test_sparse_cell_bomb_refused_in_child(tmp_path):
    path = sparse_bomb(tmp_path)
    report = import_file(path, PLAN, fresh_engine(tmp_path), actor=CLI)
    assert report.outcome == "rejected"
    assert report.errors[0].code == "too-complex", report.errors[0].to_dict()


def test_child_memory_limit_kills_child_not_us(tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(b"Ref;Statut;Commentaire\n" + b"F1;en cours;x\n" * 600_000)  # 8 MB
    with pytest.raises(guard.Refusal) as exc:  # its rows need far more than 100 MB
        guard.run_guarded("read_csv", str(path), mem_limit=100 * 2**20)
    assert exc.value.code == "too-complex" and "mémoire" in exc.value.params["detail"]


@pytest.mark.parametrize(("name", "data", "code"), [
    ("vide.xlsx", b"", "empty-file"),
    ("tronque.xlsx", None, "truncated-file"),
    ("rapport.xlsx", b"%PDF-1.7\n" + b"\x00" * 100, "not-a-spreadsheet"),
    ("image.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not-a-spreadsheet"),
    ("binaire.csv", bytes(range(256)) * 8, "not-a-spreadsheet"),
    ("page.xlsx", b"<!DOCTYPE html><html><body>Erreur 404</body></html>", "not-a-spreadsheet"),
])
def test_non_spreadsheets_refused(tmp_path, name, data, code):
    path = tmp_path / name
    if data is None:  # a real workbook cut in the middle
        full = _write(tmp_path / "full.xlsx", _xlsx_parts(tmp_path)).read_bytes()
        data = full[: len(full) // 2]
    path.write_bytes(data)
    report = import_file(path, PLAN, fresh_engine(tmp_path), actor=CLI)
    assert report.outcome == "rejected" and report.errors[0].code == code
    assert name in report.errors[0].message


def test_word_document_refused(tmp_path):
    path = _write(tmp_path / "note.xlsx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    report = import_file(path, PLAN, fresh_engine(tmp_path), actor=CLI)
    assert report.errors[0].code == "not-a-spreadsheet" and "Word" in report.errors[0].message
