"""Readers run inside the guarded child process (see loaders.guard): they return plain
Python data only (sheets as lists of rows), so that nothing but data crosses back."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter

import python_calamine as pc

CSV_DELIMITERS = ",;\t|"


def read_book(path: str) -> dict:
    """Every sheet of an .xlsx/.xlsm/.ods workbook: name, visibility, origin and rows."""
    wb = pc.CalamineWorkbook.from_path(path)
    sheets = []
    for i, meta in enumerate(wb.sheets_metadata):
        entry = {"name": meta.name, "visible": meta.visible == pc.SheetVisibleEnum.Visible,
                 "chart": meta.typ != pc.SheetTypeEnum.WorkSheet, "start": (0, 0), "rows": [], "merged": []}
        sheets.append(entry)
        if entry["chart"] or not entry["visible"]:
            continue
        sheet = wb.get_sheet_by_index(i)
        rows = sheet.to_python(skip_empty_area=True)
        entry["start"] = tuple(sheet.start or (0, 0))
        entry["rows"] = rows
        entry["merged"] = [((a[0], a[1]), (b[0], b[1])) for a, b in (sheet.merged_cell_ranges or [])]
    wb.close()
    return {"sheets": sheets}


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return _consistent_delimiter(sample)


def _consistent_delimiter(sample: str) -> str:
    """The delimiter that splits the most lines into the same number of cells.

    Used when the sniffer gives up, typically on title rows above the table (« Suivi du plan »,
    « Situation au … ») that hold no delimiter at all.
    """
    lines = [line for line in sample.splitlines()[:200] if line.strip()]
    best, best_score = ",", 0
    for delim in CSV_DELIMITERS:
        counts = Counter(n for n in (len(next(csv.reader([line], delimiter=delim))) - 1 for line in lines) if n)
        score = counts.most_common(1)[0][1] if counts else 0
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(path: str) -> dict:
    with open(path, "rb") as fh:
        data = fh.read()
    text, encoding = _decode(data)
    nul = "\x00" in text
    if nul:
        text = text.replace("\x00", "")
    delim = _delimiter(text)
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)]
    sheet = {"name": "", "visible": True, "chart": False, "start": (0, 0), "rows": rows, "merged": []}
    return {"sheets": [sheet], "encoding": encoding, "delimiter": delim, "nul": nul}
