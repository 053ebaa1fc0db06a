"""Find the table in each sheet (header below title rows, blank rows, footnotes), recognise
the measures/status sheet and the announcements sheet, and read their rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from loaders.headers import ANNOUNCEMENT_FIELDS, MEASURE_FIELDS, REQUIRED, match_fields, norm_header
from loaders.values import cell_text
from plans.dates import parse_iso_day, parse_vague
from plans.normalize import fold

HEADER_SCAN = 30  # rows searched for the header


def col_letter(index: int) -> str:
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class Table:
    sheet: str | None  # sheet name (None for CSV)
    kind: str  # measures|announcements
    header_index: int  # index in rows
    headers: list
    columns: dict[int, str]  # column index → field
    rows: list
    start: tuple[int, int]
    title_rows: list = field(default_factory=list)
    controls: list = field(default_factory=list)  # (row index, column index) of cells cleaned by the reader
    ignored: tuple[int, ...] = ()  # columns the profile ignores (« HEADER=- »): neither read nor kept
    dated: dict[int, tuple[str, dt.date]] = field(default_factory=dict)  # column → (status|comment, its date)
    labels: dict[int, str] = field(default_factory=dict)  # column → label, for a column made of others (a join)
    fills: dict = field(default_factory=dict)  # (row index, column index) → "#RRGGBB", a cell's fill colour
    mapping: dict[str, str] = field(default_factory=dict)  # normalised header → field, as the table was found

    def excel_row(self, i: int) -> int:
        return self.start[0] + i + 1

    def column_label(self, j: int) -> str:
        if j in self.labels:
            return self.labels[j]
        header = cell_text(self.headers[j]) if j < len(self.headers) else None
        letter = col_letter(self.start[1] + j)
        return f"{header} ({letter})" if header else f"({letter})"

    def column_of(self, fieldname: str) -> int | None:
        for j, f in self.columns.items():
            if f == fieldname:
                return j
        return None

    def column(self, fieldname: str) -> int:
        """The index of a column the table has (a required one, or one a cell was read from)."""
        j = self.column_of(fieldname)
        if j is None:
            raise KeyError(fieldname)
        return j

    def extra_columns(self) -> list[tuple[int, str]]:
        """(index, header text) of the columns with a header but no field: kept as a measure's ``extra``, warned."""
        return [(j, name) for j, h in enumerate(self.headers)
                if j not in self.columns and j not in self.dated and j not in self.ignored and (name := cell_text(h))]

    def field_at(self, j: int) -> str | None:
        """The field of column ``j`` (a dated column's field without its date), None when it has none."""
        return self.columns.get(j) or (self.dated[j][0] if j in self.dated else None)


@dataclass
class Candidate:
    kind: str
    index: int
    columns: dict[int, str]
    missing: tuple[str, ...]
    strength: int
    ignored: tuple[int, ...] = ()
    dated: dict[int, tuple[str, dt.date]] = field(default_factory=dict)
    parts: dict[str, list[int]] = field(default_factory=dict)  # field → the columns joined into it, in order


def profile_mapping(profile: dict) -> dict[str, str]:
    """The header mapping an import profile says (normalised header → field), in the form the header matching
    takes: « ignore » for « - », « status@2025-06-30 » for a dated column, « ref+0 », « ref+1 » for the columns
    a field is joined from."""
    out: dict[str, str] = {}
    for header, f in ((profile or {}).get("columns") or {}).items():
        out[norm_header(header)] = "ignore" if f in ("-", "ignore") else f
    for header, (f, day) in ((profile or {}).get("dated") or {}).items():
        out[norm_header(header)] = f"{f}@{day}"
    for f, headers in ((profile or {}).get("joins") or {}).items():
        for k, header in enumerate(headers):
            out[norm_header(header)] = f"{f}+{k}"
    return out


def _split_fields(matched: dict[int, tuple[str, int]]):
    """The matched columns as (fields, ignored, dated, parts): see :func:`profile_mapping`."""
    cols: dict[int, str] = {}
    ignored: list[int] = []
    dated: dict[int, tuple[str, dt.date]] = {}
    parts: dict[str, list[tuple[int, int]]] = {}
    for j, (f, _s) in matched.items():
        if f == "ignore":
            ignored.append(j)
        elif "@" in f:
            name, day = f.split("@", 1)
            dated[j] = (name, parse_iso_day(day))
        elif "+" in f:
            name, k = f.split("+", 1)
            parts.setdefault(name, []).append((int(k), j))
        else:
            cols[j] = f
    return cols, tuple(ignored), dated, {f: [j for _k, j in sorted(p)] for f, p in parts.items()}


def _missing(kind: str, names: set[str]) -> tuple[str, ...]:
    """The required fields a header lacks: a measure is known by its ref, or else by its title."""
    missing = tuple(f for f in REQUIRED[kind] if f not in names and not (f == "ref" and "title" in names))
    if kind == "announcements" and not names & {"expected", "held_on", "announced_on"}:
        missing += ("expected",)
    return missing


def fill_merged(rows: list, merged: list, start: tuple[int, int]) -> None:
    """Cells merged vertically (an « Axe » spanning several measures) take their top value."""
    r0, c0 = start
    for (top, left), (bottom, right) in merged:
        if bottom <= top:
            continue
        ti, lj = top - r0, left - c0
        if not (0 <= ti < len(rows)) or lj < 0 or lj >= len(rows[ti]):
            continue
        for j in range(lj, min(right - c0 + 1, len(rows[ti]))):
            value = rows[ti][j]
            for i in range(ti + 1, min(bottom - r0 + 1, len(rows))):
                if j < len(rows[i]) and rows[i][j] in ("", None):
                    rows[i][j] = value


def _candidates(rows: list, mapping: dict[str, str], header: int | None = None) -> list[Candidate]:
    found = []
    scanned = enumerate(rows[:HEADER_SCAN]) if header is None else [(header, rows[header])] if 0 <= header < len(rows) \
        else []
    for i, row in scanned:
        if header is None and sum(1 for v in row if cell_text(v)) < 2:
            continue
        for kind, fields in (("measures", MEASURE_FIELDS), ("announcements", ANNOUNCEMENT_FIELDS)):
            matched = match_fields(row, fields, mapping)
            cols, ignored, dated, parts = _split_fields(matched)
            if kind == "announcements" and (dated or parts):
                continue
            names = {*cols.values(), *(f for f, _d in dated.values()), *parts}
            strength = sum(s for f, s in matched.values() if f != "ignore")
            if len(matched) >= 2 or header is not None:
                found.append(Candidate(kind, i, cols, _missing(kind, names), strength, ignored, dated, parts))
    return found


def best_candidate(rows: list, mapping: dict[str, str], header: int | None = None) -> Candidate | None:
    """The complete header row with the most recognised columns, else the best partial one; only row index
    ``header`` when it is given (the profile's header row)."""
    cands = _candidates(rows, mapping, header)
    if not cands:
        return None
    complete = [c for c in cands if not c.missing]
    pool = complete or cands
    return max(pool, key=lambda c: (c.strength - 3 * len(c.missing), c.kind == "measures", -c.index))


def make_table(sheet: dict, cand: Candidate, mapping: dict[str, str] | None = None) -> Table:
    rows = sheet["rows"]
    columns, labels, ignored = dict(cand.columns), {}, list(cand.ignored)
    start = tuple(sheet["start"])
    if cand.parts:  # columns joined into one: a column of their texts added at the right of a copy of the rows
        rows = [list(row) for row in rows]
        for f, parts in cand.parts.items():
            width = max(map(len, rows), default=0)
            header = rows[cand.index]
            for row in rows:
                texts = [t for j in parts if j < len(row) and (t := cell_text(row[j])) is not None]
                row.extend([None] * (width - len(row)))
                row.append("".join(texts) or None)
            names = [cell_text(header[j]) or col_letter(start[1] + j) for j in parts]
            rows[cand.index][width] = " + ".join(names)
            columns = {j: other for j, other in columns.items() if other != f}  # the join is the field's column
            columns[width] = f
            labels[width] = " + ".join(names) + " (" + "+".join(col_letter(start[1] + j) for j in parts) + ")"
            ignored.extend(parts)
    return Table(sheet["name"] or None, cand.kind, cand.index, list(rows[cand.index]), columns,
                 rows, start, rows[: cand.index], sheet.get("controls") or [], tuple(ignored), dict(cand.dated),
                 labels, sheet.get("fills") or {}, dict(mapping or {}))


_AS_OF_KEY = re.compile(r"(situation|mise a jour|mis a jour|maj|as of|updated|update|etat au|etat des lieux|"
                        r"arrete|actualise|point au|donnees au|suivi au|en date du|date)")
_DATE_TOKEN = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
                         r"(?:\d{1,2}(?:er)?\s+)?[a-z]+\.?\s+\d{4}")


def title_info(title_rows: list) -> tuple[dt.date | None, str | None, str | None]:
    """(as_of, how it was written, title) read in the rows above the header."""
    as_of, as_of_text, title = None, None, None
    for row in title_rows:
        texts = [(j, v) for j, v in enumerate(row) if cell_text(v)]
        for k, (_j, v) in enumerate(texts):
            if not isinstance(v, str):
                continue
            folded = fold(v)
            m = _AS_OF_KEY.search(folded)
            if as_of is None and m:
                rest = folded[m.end():]
                for tok in _DATE_TOKEN.findall(rest):
                    rng = parse_vague(tok)
                    if rng:
                        as_of, as_of_text = rng.end, v.strip()
                        break
                if as_of is None and k + 1 < len(texts) and isinstance(texts[k + 1][1], dt.date):
                    d = texts[k + 1][1]
                    as_of = d.date() if isinstance(d, dt.datetime) else d
                    as_of_text = f"{v.strip()} {cell_text(d)}"
                if as_of is not None:
                    continue
            if title is None and len(v.strip()) > 3:
                title = v.strip()
    return as_of, as_of_text, title
