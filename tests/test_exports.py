"""Data exports: French headers, real dates, formula injection neutralised (CSV: a leading apostrophe; XLSX: a
string cell with the quotePrefix style). Every writer against hostile cells: tests/test_outputs_safe.py."""

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from dashboard.exports import neutralise, to_csv_bytes, to_xlsx_bytes

HOSTILE = ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralise_hostile(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["MIPROF", "", "a=b", None, -3, 2.5, dt.date(2024, 3, 21)])
def test_neutralise_leaves_safe_values(value):
    assert neutralise(value) == value


def _df():
    return pd.DataFrame({
        "ref": ["1", "2", "3", "4", "5", "6", "7"],
        "title_fr": HOSTILE,
        "status_date": pd.to_datetime(["2024-03-21"] * 6 + [None]),
        "days_overdue": [10, None, 3, 0, -1, 5, 7],
        "progress": [0.5, 0.25, None, 1.0, 0.0, 0.1, 0.2],
        "overdue": [True, False, True, False, True, False, True],
    })


def test_csv_bom_separator_headers_and_neutralised():
    raw = to_csv_bytes(_df())
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Réf.", "Intitulé", "Date du statut"]
    titles = [r[1] for r in rows[1:]]
    assert titles == ["'" + v for v in HOSTILE]
    assert all(not t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in titles)
    assert rows[1][2] == "2024-03-21" and rows[7][2] == ""
    assert rows[1][4] == "0,5"
    assert rows[1][5] == "oui" and rows[2][5] == "non"


def test_xlsx_dates_numbers_and_neutralised():
    raw = to_xlsx_bytes(_df(), sheet_name="Mesures")
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    ws = wb["Mesures"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Réf.", "Intitulé", "Date du statut"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
                assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate  # text, no visible apostrophe
    assert ws["B2"].value == "=1+1"
    assert isinstance(ws["C2"].value, dt.datetime) and ws["C2"].value.date() == dt.date(2024, 3, 21)
    assert ws["C2"].is_date
    assert ws["D2"].value == 10 and ws["D6"].value == -1
    assert ws["E2"].value == 0.5


def test_xlsx_default_sheet_and_empty_frame():
    raw = to_xlsx_bytes(pd.DataFrame({"ref": []}))
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    assert wb.sheetnames == ["Données"]
    assert wb["Données"]["A1"].value == "Réf."
    assert to_csv_bytes(pd.DataFrame({"ref": []})).decode("utf-8-sig").strip() == "Réf."


def test_hostile_header_neutralised():
    raw = to_xlsx_bytes(pd.DataFrame({"=cmd": ["x"]}))
    ws = openpyxl.load_workbook(io.BytesIO(raw)).active
    assert ws["A1"].value == "=cmd" and ws["A1"].data_type == "s" and ws["A1"].quotePrefix


def test_iso_date_strings_become_real_dates():
    df = pd.DataFrame({"ref": ["F01", "F02"], "deadline": ["2024-12-31", None], "subject": ["2024-12-31", "texte"]})
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df))).active
    assert ws["B2"].is_date and ws["B2"].value.date() == dt.date(2024, 12, 31)
    assert ws["C2"].value == "2024-12-31" and not ws["C2"].is_date  # mixed column stays text
