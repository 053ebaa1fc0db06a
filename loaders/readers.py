"""Readers run inside the guarded child process (see loaders.guard): they yield plain Python data
only, in frames (sheets, then their rows in chunks of CHUNK), so that nothing but data crosses back
and the parent can unpickle a chunk while the child converts the next one."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from itertools import islice

CSV_DELIMITERS = ",;\t|"


CHUNK = 10_000  # rows per frame sent by the reading child (see loaders.guard)
MAX_COLUMNS = 1_000  # columns of a sheet: more is refused before any header is matched
# Control characters removed from every cell (reported by the parent, column by column): C0 but tab, line
# feed and carriage return (line breaks inside a cell), DEL, C1, and the non-characters U+FFFE / U+FFFF.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
MIXED_SHOWN = 10  # rows named per encoding in a « mixed-encoding » refusal


class ReaderRefusal(Exception):  # noqa: N818 - a refusal, not a bug
    """The file is refused by its reader (sent to the parent as a ("refusal", code, params) frame and raised
    there as loaders.guard.Refusal)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def _check_width(width: int, sheet: str | None = None) -> None:
    if width > MAX_COLUMNS:
        raise ReaderRefusal("too-many-columns", sheet=sheet, columns=width, limit=MAX_COLUMNS)


def _clean_chunk(chunk: list, offset: int) -> list[tuple[int, int]]:
    """Remove the control characters of a chunk's text cells in place; their (row index, column index)."""
    found = []
    for r, row in enumerate(chunk):
        for c, value in enumerate(row):
            if type(value) is str and CONTROLS.search(value):
                row[c] = CONTROLS.sub("", value)
                found.append((offset + r, c))
    return found


def _controls_in(chunk: list) -> bool:
    """Whether a chunk's text cells hold a control character (one search over them all)."""
    return CONTROLS.search("".join([v for row in chunk for v in row if type(v) is str])) is not None


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
        _check_width(sheet.width, str(entry["name"]))
        start = tuple(sheet.start or (0, 0))
        yield ("sheet", i, {"start": start,
                            "merged": [((a[0], a[1]), (b[0], b[1])) for a, b in (sheet.merged_cell_ranges or [])]})
        # iter_rows() starts at the sheet's first row (blank rows above the used range included) and at
        # the range's first column: without those blank rows, the rows of to_python(skip_empty_area=True)
        rows = islice(sheet.iter_rows(), start[0], None)
        done = 0
        while chunk := list(islice(rows, CHUNK)):
            controls = _clean_chunk(chunk, done) if _controls_in(chunk) else []
            yield ("rows", i, chunk)
            if controls:
                yield ("controls", i, controls)
            done += len(chunk)
    wb.close()


def collect(frames) -> dict | None:
    """The reader's result (``{"sheets": [{"name", "visible", "chart", "start", "rows", "merged"}], ...}``)
    put together from its frames: ``("data", dict)`` first, then ``("sheet", i, fields)`` and
    ``("rows", i, rows)`` in any number (``("controls", i, [(row, column), …])`` after the rows whose control
    characters were removed, see ``sheet["controls"]``); None when no frame came (a child stopped before its first)."""
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
        elif frame[0] == "controls":
            data["sheets"][frame[1]].setdefault("controls", []).extend(frame[2])
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


def utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" when ``head`` looks like mostly-ASCII text in UTF-16 without a byte order
    mark (a zero byte beside nearly every character), else None."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    odd, even = head[1:2 * pairs:2].count(0), head[0:2 * pairs:2].count(0)
    if odd >= 0.6 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    if b"\x00" in data[:8192] and (utf16 := utf16_without_bom(data[:8192])):
        return data.decode(utf16, errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed(data)
    # the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) read as their Latin-1 control
    # characters, then removed with the others (as browsers read windows-1252): one stray byte no longer turns
    # every « ’ » and « € » of the file into an invisible control character
    return data.decode("cp1252", errors="vigie-latin1"), "Windows-1252"


def _latin1(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error("vigie-latin1", _latin1)


def _shown(lines: list[int]) -> str:
    more = f" (+ {len(lines) - MIXED_SHOWN})" if len(lines) > MIXED_SHOWN else ""
    return ", ".join(map(str, lines[:MIXED_SHOWN])) + more


def _refuse_mixed(data: bytes) -> None:
    """Refuse a file that is not UTF-8 as a whole but whose lines are, some in UTF-8 (accents of several
    bytes) and some in another encoding: read as Windows-1252, its UTF-8 accents would be stored as « Ã© »."""
    utf8, other = [], []
    for n, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(n)
        except UnicodeDecodeError:
            other.append(n)
    if utf8 and other:
        raise ReaderRefusal("mixed-encoding", utf8_rows=_shown(utf8), other_rows=_shown(other))


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
    controls = CONTROLS.search(text) is not None
    yield ("data", {"sheets": [sheet], "encoding": encoding, "delimiter": delim, "nul": nul})
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    done = 0
    while chunk := list(islice(rows, CHUNK)):
        _check_width(max(map(len, chunk)))
        found = _clean_chunk(chunk, done) if controls else []
        yield ("rows", 0, chunk)
        if found:
            yield ("controls", 0, found)
        done += len(chunk)


def read_csv(path: str) -> dict:
    return _whole(stream_csv(path))
