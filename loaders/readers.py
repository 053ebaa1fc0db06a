"""Readers run inside the guarded child process (see loaders.guard): they yield plain Python data
only, in frames (sheets, then their rows in chunks of CHUNK), so that nothing but data crosses back
and the parent can unpickle a chunk while the child converts the next one."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from itertools import islice

CSV_DELIMITERS = ",;\t|"


CHUNK = 10_000  # rows per frame sent by the reading child (see loaders.guard)


def stream_book(path: str):
    """Frames of an .xlsx/.xlsm/.ods workbook (see :func:`collect`): every sheet's name, visibility
    and kind first, then for each sheet read its origin, merged cells and rows in chunks."""
    import python_calamine as pc  # here, not at the top: the parent imports collect() without the parser

    wb = pc.CalamineWorkbook.from_path(path)
    sheets = []
    for meta in wb.sheets_metadata:
        sheets.append({"name": meta.name, "visible": meta.visible == pc.SheetVisibleEnum.Visible,
                       "chart": meta.typ != pc.SheetTypeEnum.WorkSheet, "start": (0, 0), "rows": [], "merged": []})
    yield ("data", {"sheets": sheets})
    for i, entry in enumerate(sheets):
        if entry["chart"] or not entry["visible"]:
            continue
        sheet = wb.get_sheet_by_index(i)
        start = tuple(sheet.start or (0, 0))
        yield ("sheet", i, {"start": start,
                            "merged": [((a[0], a[1]), (b[0], b[1])) for a, b in (sheet.merged_cell_ranges or [])]})
        # iter_rows() starts at the sheet's first row (blank rows above the used range included) and at
        # the range's first column: without those blank rows, the rows of to_python(skip_empty_area=True)
        rows = islice(sheet.iter_rows(), start[0], None)
        while chunk := list(islice(rows, CHUNK)):
            yield ("rows", i, chunk)
    wb.close()


def collect(frames) -> dict | None:
    """The reader's result (``{"sheets": [{"name", "visible", "chart", "start", "rows", "merged"}], ...}``)
    put together from its frames: ``("data", dict)`` first, then ``("sheet", i, fields)`` and
    ``("rows", i, rows)`` in any number; None when no frame came (a child stopped before its first)."""
    data: dict | None = None
    for frame in frames:
        if frame[0] == "data":
            data = frame[1]
        elif data is None:
            raise ValueError(f"frame {frame[0]!r} before the data frame")
        elif frame[0] == "sheet":
            data["sheets"][frame[1]].update(frame[2])
        elif frame[0] == "rows":
            data["sheets"][frame[1]]["rows"].extend(frame[2])
    return data


def _whole(frames) -> dict:
    """:func:`collect` of a stream_* function's frames, which always start with the data frame."""
    data = collect(frames)
    if data is None:
        raise ValueError("no data frame")
    return data


def read_book(path: str) -> dict:
    """Every sheet of an .xlsx/.xlsm/.ods workbook: name, visibility, origin and rows."""
    return _whole(stream_book(path))


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


def stream_csv(path: str):
    """Frames of a CSV file (see :func:`collect`): one sheet named "", its rows in chunks."""
    with open(path, "rb") as fh:
        data = fh.read()
    text, encoding = _decode(data)
    del data
    nul = "\x00" in text
    if nul:
        text = text.replace("\x00", "")
    delim = _delimiter(text)
    sheet = {"name": "", "visible": True, "chart": False, "start": (0, 0), "rows": [], "merged": []}
    yield ("data", {"sheets": [sheet], "encoding": encoding, "delimiter": delim, "nul": nul})
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    while chunk := list(islice(rows, CHUNK)):
        yield ("rows", 0, chunk)


def read_csv(path: str) -> dict:
    return _whole(stream_csv(path))
