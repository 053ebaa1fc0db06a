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
from typing import Literal

CSV_DELIMITERS = ",;\t|"


CHUNK = 10_000  # rows per frame sent by the reading child (see loaders.guard)
MAX_COLUMNS = 1_000  # columns of a sheet: more is refused before any header is matched
# Control characters removed from every cell (reported by the parent, column by column): C0 but tab, line
# feed and carriage return (line breaks inside a cell), DEL, C1, and the non-characters U+FFFE / U+FFFF.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
MIXED_SHOWN = 10  # rows named per encoding in a « mixed-encoding » refusal
# Cells' fill colours (a status given by colour) are read with openpyxl, slower than calamine, for workbooks
# up to this size only; a larger one says so (``data["fills_skipped"]``).
FILL_MAX_BYTES = 5 * 2**20
FILL_MAX_XML = 200 * 2**20  # bytes of one sheet's XML read whole for its fills (within the zip checks' bounds)
WHITE = "#FFFFFF"


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
    and kind first, then for each sheet read its origin, merged cells and rows in chunks, then the fill
    colours of its cells (.xlsx/.xlsm, see :func:`fills_of`)."""
    import python_calamine as pc  # here, not at the top: the parent imports collect() without the parser

    wb = pc.CalamineWorkbook.from_path(path)
    sheets = []
    for meta in wb.sheets_metadata:
        sheets.append({"name": meta.name, "visible": meta.visible == pc.SheetVisibleEnum.Visible,
                       "chart": meta.typ != pc.SheetTypeEnum.WorkSheet, "start": (0, 0), "rows": [], "merged": []})
    yield ("data", {"sheets": sheets})
    styled = _styled_book(path)
    if styled is False:
        yield ("meta", {"fills_skipped": True})
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
        if styled:
            fills = fills_of(styled, str(entry["name"]), start, done, sheet.width)
            if fills is None:
                yield ("meta", {"fills_skipped": True})
            else:
                yield ("fills", i, fills)
    wb.close()
    if styled:
        styled.close()


def collect(frames) -> dict | None:
    """The reader's result (``{"sheets": [{"name", "visible", "chart", "start", "rows", "merged"}], ...}``)
    put together from its frames: ``("data", dict)`` first, then ``("sheet", i, fields)`` and
    ``("rows", i, rows)`` in any number (``("controls", i, [(row, column), …])`` after the rows whose control
    characters were removed, see ``sheet["controls"]``; ``("fills", i, {(row, column): "#RRGGBB"})``, see
    ``sheet["fills"]``; ``("meta", fields)`` for the data itself, e.g. ``fills_skipped``); None when no frame came
    (a child stopped before its first)."""
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
        elif frame[0] == "fills":
            data["sheets"][frame[1]].setdefault("fills", {}).update(frame[2])
        elif frame[0] == "meta":
            data.update(frame[1])
    return data


def _whole(frames) -> dict:
    """:func:`collect` of a stream_* function's frames, which always start with the data frame."""
    data = collect(frames)
    if data is None:
        raise ValueError("no data frame")
    return data


class StyledBook:
    """What the fills of an .xlsx/.xlsm workbook are read from: its coloured styles, the parts of its
    sheets by name, and the zip they are in. Only the cells' style numbers are looked for in a sheet's XML (one
    regular expression over its bytes, limited to the coloured styles): the values are calamine's."""

    def __init__(self, archive, parts: dict[str, str], colours: dict[int, str]):
        self.archive, self.parts, self.colours = archive, parts, colours
        # the coloured styles' numbers, or any number when there are too many for one expression (then looked up)
        ids = "|".join(str(i) for i in sorted(colours)) if len(colours) <= 200 else r"\d{1,9}"
        # a literal first: far faster than a leading \s; the byte before it and the tag it is in are looked at then
        self.style = re.compile(rb's="(' + ids.encode() + rb')"')

    def close(self) -> None:
        self.archive.close()


_REF = re.compile(rb'\s+r="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s")


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _styled_book(path: str) -> StyledBook | Literal[False] | None:
    """The workbook's coloured styles when its cells' fills are to be read: an .xlsx/.xlsm (not an .ods, nor an
    .xlsb) up to FILL_MAX_BYTES whose styles hold a solid coloured fill (see :func:`fill_colour`); False when it
    is too large (``fills_skipped``); None otherwise. Its styles and sheet list are read with the standard
    library's XML parser (openpyxl's import alone costs half a second)."""
    import os
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/styles.xml" not in names:
        archive.close()
        return None
    if os.path.getsize(path) > FILL_MAX_BYTES:
        archive.close()
        return False
    try:
        colours = _coloured_styles(archive.read("xl/styles.xml"))
        parts = _sheet_parts(archive, names) if colours else {}
    except MemoryError:
        raise
    except Exception:  # calamine read it: its colours are a bonus, never a reason to refuse it
        colours = {}
    if not colours:
        archive.close()
        return None
    return StyledBook(archive, parts, colours)


def _coloured_styles(xml: bytes) -> dict[int, str]:
    """Cell style number (``s`` of a cell) → « #RRGGBB » of the styles whose fill is solid and coloured."""
    from xml.etree import ElementTree as ET

    root = ET.fromstring(xml)
    fills = [_fill_rgb(f.find(_MAIN + "patternFill")) for f in root.iterfind(f"{_MAIN}fills/{_MAIN}fill")]
    out = {}
    for i, xf in enumerate(root.iterfind(f"{_MAIN}cellXfs/{_MAIN}xf")):
        fill_id = xf.get("fillId", "0")
        if fill_id.isdigit() and int(fill_id) < len(fills) and (colour := fills[int(fill_id)]) is not None:
            out[i] = colour
    return out


def _fill_rgb(pattern) -> str | None:
    if pattern is None or pattern.get("patternType") != "solid":
        return None
    fg = pattern.find(_MAIN + "fgColor")
    if fg is None:
        return None
    return fill_colour(fg.get("rgb"), fg.get("indexed"))


def _sheet_parts(archive, names: set[str]) -> dict[str, str]:
    """Sheet name → the zip entry of its XML."""
    import posixpath
    from xml.etree import ElementTree as ET

    rels: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in ET.fromstring(archive.read("xl/_rels/workbook.xml.rels")).iter(_PACKAGE_REL + "Relationship"):
            target = rel.get("Target") or ""
            rels[rel.get("Id") or ""] = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
    out: dict[str, str] = {}
    for sheet in ET.fromstring(archive.read("xl/workbook.xml")).iter(_MAIN + "sheet"):
        part, name = rels.get(sheet.get(_REL + "id") or ""), sheet.get("name")
        if part in names and part is not None and name is not None:
            out[name] = part
    return out


def fill_colour(rgb: str | None, indexed: str | None = None) -> str | None:
    """« #RRGGBB » of a solid fill's colour: an explicit (a)RGB one, or an indexed one (Excel's old palette, as
    openpyxl reads it); None for a theme colour (its value depends on the theme), white or anything else."""
    if rgb is not None:
        value = rgb.strip().upper()[-6:]
    elif indexed is not None and indexed.isdigit() and int(indexed) < 64:
        from openpyxl.styles.colors import COLOR_INDEX  # rare: imported only then

        value = COLOR_INDEX[int(indexed)][-6:].upper()
    else:
        return None
    hexa = "#" + value
    return hexa if hexa != WHITE and re.fullmatch(r"#[0-9A-F]{6}", hexa) else None


def _column_index(letters: bytes) -> int:
    n = 0
    for b in letters:
        n = n * 26 + b - 64
    return n - 1


def fills_of(book: StyledBook, name: str, start: tuple, n_rows: int, width: int) -> dict[tuple[int, int], str] | None:
    """{(row index, column index): "#RRGGBB"} of sheet ``name``'s cells with a solid coloured fill (see
    :func:`fill_colour`), indexed as the sheet's calamine rows (row 0 is the sheet's row ``start[0]``, column 0
    its column ``start[1]``), within those rows and columns only; None when its XML is too large to be read whole."""
    part = book.parts.get(name)
    if part is None or n_rows == 0:
        return {}
    if book.archive.getinfo(part).file_size > FILL_MAX_XML:
        return None
    xml = book.archive.read(part)
    r0, c0 = start
    found: dict[tuple[int, int], str] = {}
    colours = book.colours
    for m in book.style.finditer(xml):
        if xml[m.start() - 1] not in b" \t\r\n":  # « ts="5" » or the like: another attribute
            continue
        lt = xml.rfind(b"<", 0, m.start())
        tag = _CELL_TAG.match(xml, lt)
        if tag is None:  # the style of a row or a column, not of a cell
            continue
        ref = _REF.search(xml, lt, m.start()) or _REF.match(xml, m.end())
        if ref is None:  # a cell without its reference (allowed, rare): not placed
            continue
        i, j = int(ref[2]) - 1 - r0, _column_index(ref[1]) - c0
        if 0 <= i < n_rows and 0 <= j < width and (colour := colours.get(int(m[1]))) is not None:
            found[(i, j)] = colour
    return found


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
