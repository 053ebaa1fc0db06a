"""Read and validate the measures sheet of a recognised table into plain records (no database); the
announcements sheet is read by loaders.announcements."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Sequence
from typing import cast

from loaders.headers import MEASURE_FIELDS, field_scores, match_fields, norm_header
from loaders.issues import Collector
from loaders.messages import text as message
from loaders.table import Table
from loaders.values import (
    VALUE_CODES,
    accepted_statuses,
    cell_text,
    confidence_code,
    date_value,
    profile_spellings,
    status_code,
    voice_code,
)
from plans.dates import YEAR_MAX, YEAR_MIN, DateRange, impossible_day, parse_vague, plausible
from plans.formatting import format_range
from plans.limits import FIELD_LIMITS
from plans.normalize import ref_key, spelling_key
from plans.records import MEASURE_COLUMNS, JSONText, Measures
from plans.vocab import CONFIDENCE_TEXT

MEASURE_TEXT = {"title": "title_fr", "axis": "axis_text", "lead_body": "lead_body", "comment": "comment",
                "source": "source_url", "confidence": "confidence"}


def _row_get(row, j):
    return row[j] if j is not None and j < len(row) else None


def _columns(rows: list, wanted: set[int]) -> dict[int, list | tuple]:
    """The cells of columns ``wanted``, column by column (None where a short row has no such cell)."""
    if not rows:
        return {j: [] for j in wanted}
    shortest, longest = min(map(len, rows)), max(map(len, rows))
    if shortest == longest > max(wanted, default=-1):  # a workbook's rows all have the same length
        return {j: values for j, values in enumerate(zip(*rows, strict=True)) if j in wanted}
    return {j: [row[j] if j < len(row) else None for row in rows] for j in wanted}


_ENCODE_STRING = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) uses for a str


def _extra_json(extra_cols: list[tuple[int, str]], texts: dict[int, list], n: int) -> list:
    """``assessments.extra`` of each row (the unrecognised columns as {header: text}, None when all blank),
    already encoded as JSON, exactly as json.dumps(extra, ensure_ascii=False) writes it."""
    names = [name for _j, name in extra_cols]
    if not extra_cols:
        return [None] * n
    if len(set(names)) != len(names):  # two columns under one header: the last one wins, as in a dict
        return [({name: values[k] for name, values in ((nm, texts[j]) for j, nm in extra_cols)
                  if values[k] is not None} or None) for k in range(n)]
    parts = []
    for j, name in extra_cols:
        head = _ENCODE_STRING(name) + ": "
        parts.append([None if v is None else head + _ENCODE_STRING(v) for v in texts[j]])
    out = []
    for row in zip(*parts, strict=True):
        filled = [p for p in row if p is not None]
        out.append(JSONText("{" + ", ".join(filled) + "}") if filled else None)
    return out


def _is_note(row, required_cols) -> tuple[bool, str | None]:
    filled = [v for v in row if cell_text(v)]
    text = cell_text(filled[0]) if filled else None
    if any(cell_text(_row_get(row, j)) for j in required_cols):
        return False, text
    return len(filled) == 1, text


def _single(row) -> bool:
    """Whether ``row`` has exactly one filled cell."""
    return sum(1 for v in row if cell_text(v)) == 1


def _looks_like_note(ref: str, row, status_col) -> bool:
    """A footnote typed in the « Réf. » column: the only filled cell, and prose rather than a ref."""
    if not (len(ref) > 20 or len(ref.split()) >= 3 or ref.startswith(("*", "(", "NB", "Note", "Source"))):
        return False
    return cell_text(_row_get(row, status_col)) is None and sum(1 for v in row if cell_text(v)) == 1


def generated_ref(title: str) -> str:
    """The reference of a measure known only by its title: « T- » and 8 hex digits of the SHA-1 of its
    :func:`plans.normalize.spelling_key` — the same title (whatever its case, accents, spacing) gives the same
    reference on every import."""
    return "T-" + hashlib.sha1(spelling_key(title).encode("utf-8")).hexdigest()[:8].upper()


ROWS_SHOWN = 20  # rows named in a warning about a whole column
LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")  # letters that pass for Latin ones


def _rows_text(rows: list[int]) -> str:
    more = f" (+ {len(rows) - ROWS_SHOWN})" if len(rows) > ROWS_SHOWN else ""
    return ", ".join(map(str, rows[:ROWS_SHOWN])) + more


def _char_names(chars) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in dict.fromkeys(chars))


def check_ref(ref: str) -> tuple[str, str | None, str | None]:
    """(the ref in NFKC, its invisible characters named or None, its look-alike letters named or None):
    « Ｆ０１ » is F01; a zero-width space or a bidi mark in a ref is refused; a Cyrillic « А » is warned."""
    if ref.isascii():
        return ref, None, None
    ref = unicodedata.normalize("NFKC", ref)
    invisible = [c for c in ref if unicodedata.category(c) in ("Cf", "Co", "Cn", "Cs")
                 or (unicodedata.category(c) == "Cc" and not c.isspace())]
    lookalike = [c for c in ref if c.isalpha() and unicodedata.name(c, "").startswith(LOOKALIKE_SCRIPTS)]
    return ref, (_char_names(invisible) if invisible else None), (_char_names(lookalike) if lookalike else None)


def report_controls(t: Table, issues: Collector, key_field: str | None) -> None:
    """The cells the reader cleaned of control characters: a refusal in the ``key_field`` column (a ref with
    an invisible character is another measure), else one warning per column naming its rows."""
    key_j = t.column_of(key_field) if key_field else None
    per_column: dict[int, list[int]] = {}
    for i, j in sorted(t.controls, key=lambda rc: (rc[1], rc[0])):
        if j == key_j and i > t.header_index:
            issues.error("invisible-in-ref", sheet=t.sheet, row=t.excel_row(i), column=t.column_label(j),
                         value=cell_text(_row_get(t.rows[i], j)), detail="U+0000–U+001F, U+007F–U+009F")
        else:
            per_column.setdefault(j, []).append(t.excel_row(i))
    for j, rows in per_column.items():
        issues.warn("control-characters", sheet=t.sheet, row=rows[0], column=t.column_label(j),
                    rows=_rows_text(rows))


def date_refused(issues: Collector, t: Table, excel_row: int, j: int, text, rng: DateRange | None) -> bool:
    """Whether the date cell ``text``, read as ``rng``, is refused (then an error is reported): ``rng`` outside
    the years YEAR_MIN–YEAR_MAX, or, unread, a day that does not exist (« 31/02/2026 »)."""
    if rng is not None:
        if plausible(rng):
            return False
        years = str(rng.start.year) if rng.start.year == rng.end.year else f"{rng.start.year}–{rng.end.year}"
        issues.error("date-out-of-range", sheet=t.sheet, row=excel_row, column=t.column_label(j), value=text,
                     read=years, first=YEAR_MIN, last=YEAR_MAX)
        return True
    if not impossible_day(text):
        return False
    issues.error("impossible-day", sheet=t.sheet, row=excel_row, column=t.column_label(j), value=text)
    return True


class MeasureReader:
    """``stored_deadlines`` (ref key → deadline text already stored for the measure, None when it has
    none) silences the deadline warnings of a row that repeats what is stored: a template re-imported
    unchanged (« chaque année, le 18 octobre », a blank for an unknown deadline) is not news and
    asks nothing of the user. A changed, new or blanked deadline is still reported.

    ``profile`` (the import profile): its ``values`` spellings win over the built-in words and the plan's
    ``extra_spellings``. A table without a ref column is read by its titles (:func:`generated_ref`)."""

    def __init__(self, table: Table, issues: Collector, *, extra_spellings: dict, plan_period: tuple,
                 lang: str, stored_deadlines: dict[str, str | None] | None = None, profile: dict | None = None):
        self.t, self.issues, self.period, self.lang = table, issues, plan_period, lang
        self.values = {kind: profile_spellings(profile or {}, kind) for kind in VALUE_CODES}
        self.extra = {**extra_spellings, **self.values["status"]}
        self.stored = stored_deadlines or {}
        self.status_cache: dict = {}
        self.deadline_cache: dict = {}
        self.deadline_warned: set = set()
        self.generated = table.column_of("ref") is None  # known by its title
        self.key_j = table.column("title" if self.generated else "ref")
        self.status_j = table.column_of("status")
        self.unknown_reported: set = set()
        self.spelling_rows: dict[tuple[str, int], dict[str, list[int]]] = {}

    def read(self) -> Measures:
        """The measures of the table, column by column; problems reported in the collector."""
        report_controls(self.t, self.issues, None if self.generated else "ref")
        self._blank_statuses()
        clean = self._read_clean() if self.status_j is not None else None
        measures = clean if clean is not None else Measures.from_records(self._read_rows())
        self._confidence(measures)
        if self.generated and len(measures):
            self.issues.warn("generated-refs", sheet=self.t.sheet, row=measures["row"][0],
                             column=self.t.column_label(self.key_j), value=measures["ref"][0],
                             count=len(measures), title=measures["title_fr"][0])
        return measures

    def _blank_statuses(self) -> None:
        """Status cells of measures holding only spaces (non-breaking ones included): read as blank, warned."""
        t, ref_j, status_j = self.t, self.key_j, self.status_j
        if status_j is None:
            return
        rows = [t.excel_row(i) for i in range(t.header_index + 1, len(t.rows))
                if type(v := _row_get(t.rows[i], status_j)) is str and v and not v.strip()
                and cell_text(_row_get(t.rows[i], ref_j))]
        if rows:
            self.issues.warn("blank-status", sheet=t.sheet, row=rows[0], column=t.column_label(status_j),
                             rows=_rows_text(rows))

    def _read_clean(self) -> Measures | None:
        """The common case, column by column and without a dict per row: every row a measure (or blank),
        refs all distinct, every status and voice understood. None otherwise: :meth:`_read_rows` then reads
        the table again row by row and reports every problem where it is, in row order. The only problems
        of a clean table are deadline warnings, reported here in row order too."""
        t = self.t
        col = {f: t.column_of(f) for f in ("ref", "status", "deadline", "voice", *MEASURE_TEXT)}
        ref_j, status_j = self.key_j, t.column("status")
        extra_cols = t.extra_columns()
        first = t.header_index + 1
        rows = t.rows[first:]
        cells = _columns(rows, {j for j in (ref_j, *col.values(), *(j for j, _ in extra_cols)) if j is not None})
        texts = {j: list(map(cell_text, values)) for j, values in cells.items()}
        excel_rows: Sequence[int] = range(t.excel_row(first), t.excel_row(len(t.rows)))
        if t.fills and None in texts[status_j]:  # a blank status cell of a measure says its status by its colour
            texts[status_j] = self._coloured(texts[status_j], texts[ref_j], first, status_j)
        refs, statuses = texts[ref_j], texts[status_j]
        if None in refs:  # blank rows are skipped; a note or a measure without a ref is for _read_rows
            keep = [k for k, ref in enumerate(refs) if ref is not None]
            if any(any(map(cell_text, rows[k])) for k in set(range(len(rows))) - set(keep)):
                return None
            cells = {j: [values[k] for k in keep] for j, values in cells.items()}
            texts = {j: [values[k] for k in keep] for j, values in texts.items()}
            excel_rows = [excel_rows[k] for k in keep]
            rows = [rows[k] for k in keep]
            refs, statuses = texts[ref_j], texts[status_j]
        present = cast(list[str], refs)  # no None left: the rows without a ref were dropped above
        if None in statuses and any(status is None and (_looks_like_note(ref, row, status_j) or _single(row))
                                    for ref, status, row in zip(present, statuses, rows, strict=True)):
            return None  # a note, or a section title row
        if self.generated:
            present = list(map(generated_ref, present))
            refs = list(present)
        if not all(map(str.isascii, present)):  # refs to normalise or check (see check_ref): row by row
            return None
        if max(map(len, present), default=0) > FIELD_LIMITS["ref"]:  # refused row by row (_checked_ref)
            return None
        keys = list(map(ref_key, present))
        codes = {text: self._status_code(text) for text in set(statuses)}
        if len(set(keys)) != len(keys) or not all(codes.values()):
            return None
        n = len(keys)
        voices = self._voices(texts[col["voice"]]) if col["voice"] is not None else ["civil_society"] * n
        if voices is None:
            return None
        columns: dict[str, list] = {
            "ref": refs, "key": keys, "row": list(excel_rows), "status": list(map(codes.__getitem__, statuses)),
            "status_as_reported": statuses, "voice": voices, "extra": _extra_json(extra_cols, texts, n)}
        for f, target in MEASURE_TEXT.items():
            columns[target] = texts[j] if (j := col[f]) is not None else [None] * n
        if col["deadline"] is None:
            columns["deadline_text"] = columns["deadline_start"] = columns["deadline_end"] = [None] * n
        else:
            columns.update(self._deadlines(keys, cells[col["deadline"]], texts[col["deadline"]], excel_rows))
        return Measures(columns)

    def _voices(self, texts: list) -> list | None:
        """The voice codes of a clean table's voice column; None when a spelling is not understood."""
        known = {text: voice_code(text, self.values["voice"]) for text in set(texts)}
        return None if None in known.values() else list(map(known.__getitem__, texts))

    def _coloured(self, statuses: list, refs: list, first: int, status_j: int) -> list:
        """``statuses`` with the blank cells of measures (a ref) read as their fill colour, where they have one."""
        fills = self.t.fills
        return [s if s is not None or r is None else fills.get((first + k, status_j))
                for k, (s, r) in enumerate(zip(statuses, refs, strict=True))]

    def _deadlines(self, keys: list, values: list | tuple, texts: list, excel_rows: Sequence[int]) -> dict[str, list]:
        """The deadline columns of a clean table (warnings reported in row order)."""
        starts, ends = [], []
        for k, (key, value, text) in enumerate(zip(keys, values, texts, strict=True)):
            rng = self._deadline_range(key, value, text, excel_rows[k])
            starts.append(rng.start if rng else None)
            ends.append(rng.end if rng else None)
        return {"deadline_text": texts, "deadline_start": starts, "deadline_end": ends}

    def _read_rows(self) -> list[dict]:
        """Row by row, every problem reported where it is: notes and blank rows skipped, duplicates refused,
        section title rows giving the axis of the rows under them, repeated header rows skipped.

        A section title row has one filled cell, in the table's first column, and measures after it (a footnote
        at the end has none: it is warned as a note); in the ref column its text must not look like a ref. The
        title above the header is the first section's when the table has other sections or repeated headers."""
        t, out = self.t, []
        seen: dict[str, int] = {}  # ref key → the Excel row where it first came
        col = {f: t.column_of(f) for f in ("ref", "status", "deadline", "voice", *MEASURE_TEXT)}
        col["ref"] = self.key_j
        extra_cols = t.extra_columns()
        required = [j for j in (col["ref"], col["status"]) if j is not None]
        first_col = min((j for j, h in enumerate(t.headers) if cell_text(h)), default=0)
        status_cols = [self.status_j] if self.status_j is not None else [
            j for j, (f, _day) in t.dated.items() if f == "status"]
        pending: list[tuple[int, str]] = []  # one-cell rows in the first column, sections if measures follow
        repeated: list[int] = []
        axis, sectioned, head = None, False, []  # head: the measures above the first section, without an axis
        for i in range(t.header_index + 1, len(t.rows)):
            row = t.rows[i]
            kind, text = self._row_kind(row, i, first_col, status_cols)
            if kind == "section":
                pending.append((i, cast(str, text)))
                continue
            if kind == "header":
                repeated.append(i)
            elif kind == "note":
                self._measure_ref(row, i, col, required)  # a note elsewhere than the first column: warned
            if kind != "row":
                continue
            if pending:
                axis, sectioned, pending = pending[-1][1], True, []
            rec = self._measure(row, i, col, required, extra_cols, seen)
            if rec is None:
                continue
            if not rec.get("axis_text"):
                if axis:
                    rec["axis_text"] = axis
                elif not sectioned:
                    head.append(rec)
            out.append(rec)
        self._after_rows(pending, repeated, head if sectioned or repeated else [], first_col)
        return out

    def _after_rows(self, pending: list[tuple[int, str]], repeated: list[int], head: list[dict],
                    first_col: int) -> None:
        """The end of :meth:`_read_rows`: one-cell rows with no measure after them are footnotes (warned); the
        title above the header is the axis of ``head``, the measures above the first section; repeated headers
        counted in one warning."""
        t = self.t
        for i, text in pending:
            self.issues.warn("skipped-note", sheet=t.sheet, row=t.excel_row(i), value=text)
        if head and (above := self._title_above(first_col)):
            for rec in head:
                rec["axis_text"] = above
        if repeated:
            self.issues.warn("repeated-header", sheet=t.sheet, row=t.excel_row(repeated[0]),
                             count=len(repeated), rows=_rows_text([t.excel_row(i) for i in repeated]))

    def _row_kind(self, row, i: int, first_col: int, status_cols: list[int]) -> tuple[str, str | None]:
        """(kind, text) of body row ``i``: « row » (a measure, or a row to check as one), « blank », « section »
        (with its text), « header » (a repeated header row) or « note » (one cell, not in the first column)."""
        if cell_text(_row_get(row, self.key_j)) is not None and any(
                (s := self._status_text(row, i, j)) is not None and self._status_code(s) for j in status_cols):
            return "row", None  # plainly a measure: a header's status cell is not a status
        filled = [j for j, v in enumerate(row) if cell_text(v)]
        if not filled:
            return "blank", None
        if len(filled) == 1 and filled[0] == first_col and self._section_text(row[first_col], first_col):
            return "section", cell_text(row[first_col])
        if len(filled) > 1 and self._header_like(row):
            return "header", None
        return ("note" if len(filled) == 1 else "row"), None

    def _measure(self, row, i: int, col: dict, required: list, extra_cols: list, seen: dict[str, int]) -> dict | None:
        """The record of row ``i``; None for a blank row, a note, a row without a ref or a duplicate (reported)."""
        t = self.t
        ref = self._measure_ref(row, i, col, required)
        if ref is None:
            return None
        key = ref_key(ref)
        if key in seen:
            self.issues.error("duplicate-row", sheet=t.sheet, row=t.excel_row(i), column=t.column_label(self.key_j),
                              value=cell_text(_row_get(row, self.key_j)) if self.generated else ref, other=seen[key])
            return None
        seen[key] = t.excel_row(i)
        return self._record(row, i, ref, key, col, extra_cols)

    def _title_above(self, first_col: int) -> str | None:
        """The text of the row right above the header when it is a section title (one cell, first column)."""
        t = self.t
        for i in range(t.header_index - 1, -1, -1):
            filled = [j for j, v in enumerate(t.rows[i]) if cell_text(v)]
            if filled:
                if filled == [first_col] and self._section_text(t.rows[i][first_col], first_col):
                    return cell_text(t.rows[i][first_col])
                return None
        return None

    def _section_text(self, value, j: int) -> bool:
        text = cell_text(value) or ""
        if j != self.key_j or self.generated:
            return True
        return len(text) > 20 or len(text.split()) >= 2  # « F07 » alone is a measure, « Axe 2 — … » a section

    def _header_like(self, row) -> bool:
        """Whether ``row`` repeats the header: at least two of its cells, and half of its filled ones, are
        the header's own text or a header of the same field (the wording may drift between sections). Its ref
        (or title) cell must say the header's, or a header of that field: a measure's row is not matched."""
        t = self.t
        key = norm_header(cell_text(_row_get(row, self.key_j)))
        key_field = "title" if self.generated else "ref"
        if key != norm_header(t.headers[self.key_j]) and key_field not in field_scores(key):
            return False
        matched = match_fields(row, MEASURE_FIELDS, t.mapping)
        same = filled = 0
        for j, v in enumerate(row):
            if not (v_text := cell_text(v)):
                continue
            filled += 1
            header = norm_header(t.headers[j]) if j < len(t.headers) else ""
            own = bool(header) and norm_header(v_text) == header
            drifted = j in matched and matched[j][0].split("@")[0] == t.field_at(j)
            same += own or drifted
        return same >= 2 and 2 * same >= filled

    def _measure_ref(self, row, i: int, col: dict, required: list) -> str | None:
        """The ref of row ``i``; None for a blank row, a note (warned) or a measure without a ref (an error)."""
        t = self.t
        ref = cell_text(_row_get(row, col["ref"]))
        if ref is not None and not _looks_like_note(ref, row, col["status"]):
            return generated_ref(ref) if self.generated else self._checked_ref(ref, i)
        if ref is not None:
            self.issues.warn("skipped-note", sheet=t.sheet, row=t.excel_row(i), value=ref)
            return None
        note, text = _is_note(row, required)
        if text is None:
            return None  # blank row
        if note:
            self.issues.warn("skipped-note", sheet=t.sheet, row=t.excel_row(i), value=text)
        else:
            self.issues.error("missing-value", sheet=t.sheet, row=t.excel_row(i),
                              column=t.column_label(self.key_j))
        return None

    def _checked_ref(self, ref: str, i: int) -> str | None:
        """The ref in NFKC; None (an error) when it holds an invisible character, a warning for look-alikes."""
        ref, invisible, lookalike = check_ref(ref)
        t = self.t
        if len(ref) > FIELD_LIMITS["ref"]:
            self.issues.error("too-long", sheet=t.sheet, row=t.excel_row(i), column=t.column_label(t.column("ref")),
                              value=ref, length=len(ref), limit=FIELD_LIMITS["ref"])
            return None
        if invisible:
            self.issues.error("invisible-in-ref", sheet=t.sheet, row=t.excel_row(i),
                              column=t.column_label(t.column("ref")), value=ref, detail=invisible)
            return None
        if lookalike:
            self.issues.warn("lookalike-ref", sheet=t.sheet, row=t.excel_row(i),
                             column=t.column_label(t.column("ref")), value=ref, detail=lookalike)
        return ref

    def _record(self, row, i: int, ref: str, key: str, col: dict, extra_cols: list) -> dict:
        """The measure of row ``i``: its texts, status, voice, deadline and unrecognised columns (problems reported)."""
        rec = {"ref": ref, "key": key, "row": self.t.excel_row(i)}
        for f, target in MEASURE_TEXT.items():
            if col[f] is not None:
                rec[target] = cell_text(_row_get(row, col[f]))
        if col["status"] is not None:
            self._status(rec, row, i, col["status"])
        else:  # dated status columns only: the status of each date is read by read_dated
            rec["status"], rec["status_as_reported"] = "unknown", None
        self._voice(rec, row, col["voice"], i)
        if col["deadline"] is not None:
            self._deadline(rec, _row_get(row, col["deadline"]), i)
        if extra_cols:
            extra = {}
            for j, name in extra_cols:
                if j < len(row) and (v := cell_text(row[j])) is not None:
                    extra[name] = v
            rec["extra"] = extra or None
        return rec

    def _status_code(self, text) -> str:
        """The status code of a cell's text, "" when not understood."""
        code = self.status_cache.get(text)
        if code is None:
            code = self.status_cache[text] = status_code(text, self.extra) or ""
        return code

    def _status_text(self, row, i: int, j: int) -> str | None:
        """A status cell's text; a blank cell of a measure says its status by its fill colour (« #00B050 »)."""
        text = cell_text(_row_get(row, j))
        if text is None and self.t.fills:
            return self.t.fills.get((i, j))
        return text

    def _status(self, rec, row, i, j):
        text = self._status_text(row, i, j)
        code = self._status_code(text)
        if not code:
            self._unknown("status", i, j, text, accepted=accepted_statuses(self.lang))
        rec["status"], rec["status_as_reported"] = code or "unknown", text

    def _unknown(self, kind: str, i: int, j: int, text, **params) -> None:
        """An unknown spelling of a status or voice column: one error, where it first comes, naming its rows."""
        spelling = spelling_key(text)
        if (j, spelling) in self.unknown_reported:
            return
        self.unknown_reported.add((j, spelling))
        rows = self._spelling_rows(kind, j).get(spelling) or [self.t.excel_row(i)]
        self.issues.error(f"unknown-{kind}", sheet=self.t.sheet, row=self.t.excel_row(i),
                          column=self.t.column_label(j), value=text, count=len(rows),
                          more=self._more(rows), codes=", ".join(VALUE_CODES[kind]), **params)

    def _more(self, rows: list[int]) -> str:
        return "" if len(rows) < 2 else message("spelling.rows", self.lang, n=len(rows), rows=_rows_text(rows))

    def _spelling_rows(self, kind: str, j: int) -> dict[str, list[int]]:
        """Spelling key → the Excel rows of the measures whose column ``j`` says it."""
        found = self.spelling_rows.get((kind, j))
        if found is None:
            t, by_text = self.t, cast(dict[str, list[int]], {})
            for i in range(t.header_index + 1, len(t.rows)):
                row = t.rows[i]
                if cell_text(_row_get(row, self.key_j)) is None:
                    continue
                text = self._status_text(row, i, j) if kind == "status" else cell_text(_row_get(row, j))
                if text is not None:
                    by_text.setdefault(text, []).append(t.excel_row(i))
            found = {}
            for text, rows in by_text.items():  # each text keyed once, not once per row
                found.setdefault(spelling_key(text), []).extend(rows)
            for rows in found.values():
                rows.sort()
            self.spelling_rows[(kind, j)] = found
        return found

    def _voice(self, rec, row, j, i):
        if j is None:
            rec["voice"] = "civil_society"
            return
        value = _row_get(row, j)
        code = voice_code(value, self.values["voice"])
        if code is None:
            self._unknown("voice", i, j, cell_text(value))
        rec["voice"] = code or "civil_society"

    def _confidence(self, measures: Measures) -> None:
        """Confidence cells understood are stored as their code's text as the domain writes it (« confirmed
        (secondary) »); the others are kept as written, with one warning per spelling."""
        j = self.t.column_of("confidence")
        if j is None or not len(measures):
            return
        texts, rows = measures["confidence"], measures["row"]
        unknown: dict[str, tuple[str, list[int]]] = {}
        cache: dict[str, str | None] = {}
        for k, text in enumerate(texts):
            if text is None:
                continue
            if text not in cache:
                cache[text] = confidence_code(text, self.values["confidence"])
            code = cache[text]
            if code is not None:
                texts[k] = CONFIDENCE_TEXT[code]
            else:
                unknown.setdefault(spelling_key(text), (text, []))[1].append(rows[k])
        for text, found in unknown.values():
            self.issues.warn("unknown-confidence", sheet=self.t.sheet, row=found[0], column=self.t.column_label(j),
                             value=text, count=len(found), more=self._more(found),
                             codes=", ".join(VALUE_CODES["confidence"]))

    def read_dated(self, base: Measures) -> list[tuple[dt.date, Measures]]:
        """The measures at each date of the dated columns, oldest first: ``base`` (the measures read) with the
        status of that date's status column (a blank cell: the measure is not reported at that date, not in
        that date's snapshot) and the information of its comment column. The plain comment column goes only
        with the most recent date, and only when there is no plain status column."""
        t = self.t
        by_day: dict[dt.date, dict[str, int]] = {}
        for j, (f, day) in sorted(t.dated.items()):
            by_day.setdefault(day, {}).setdefault(f, j)
        days = sorted(by_day)
        out = []
        for day in days:
            status_j, comment_j = by_day[day].get("status"), by_day[day].get("comment")
            plain_comment = self.status_j is None and day == days[-1] and comment_j is None
            keep, status, reported, comment = [], [], [], []
            for k, excel_row in enumerate(base["row"]):
                i = excel_row - t.start[0] - 1
                row = t.rows[i]
                info = cell_text(_row_get(row, comment_j)) if comment_j is not None else (
                    base["comment"][k] if plain_comment else None)
                if status_j is not None:
                    text = self._status_text(row, i, status_j)
                    if text is None:
                        continue  # not reported at that date
                    code = self._status_code(text)
                    if not code:
                        self._unknown("status", i, status_j, text, accepted=accepted_statuses(self.lang))
                    status.append(code or "unknown")
                    reported.append(text)
                else:  # information only at that date
                    if info is None:
                        continue
                    status.append(base["status"][k])
                    reported.append(base["status_as_reported"][k])
                keep.append(k)
                comment.append(info)
            columns = {c: [base[c][k] for k in keep] for c in MEASURE_COLUMNS}
            columns.update(status=status, status_as_reported=reported, comment=comment)
            out.append((day, Measures(columns)))
        return out

    def _deadline(self, rec, value, i):
        text = cell_text(value)
        rng = self._deadline_range(rec["key"], value, text, self.t.excel_row(i))
        rec["deadline_text"] = text
        rec["deadline_start"], rec["deadline_end"] = (rng.start, rng.end) if rng else (None, None)

    def _deadline_range(self, key, value, text, excel_row):
        """The date range a deadline cell says (None when blank or not understood), warning about it unless
        the measure's stored deadline is the same text."""
        t = self.t
        unchanged = key in self.stored and self.stored[key] == text
        if text is None:
            if not unchanged:
                self.issues.warn("missing-deadline", sheet=t.sheet, row=excel_row,
                                 column=t.column_label(t.column("deadline")))
            return None
        if text not in self.deadline_cache:
            self.deadline_cache[text] = parse_vague(date_value(value) or text, plan_start=self.period[0],
                                                    plan_end=self.period[1])
        rng = self.deadline_cache[text]
        if date_refused(self.issues, t, excel_row, t.column("deadline"), text, rng):
            return None
        if not unchanged and text not in self.deadline_warned:  # each text reported once, where first met
            self.deadline_warned.add(text)
            column = t.column_label(t.column("deadline"))
            if rng is None:
                self.issues.warn("unread-date", sheet=t.sheet, row=excel_row, column=column, value=text)
            elif rng.precision != "day":
                self.issues.warn("deadline-read", sheet=t.sheet, row=excel_row, column=column, value=text,
                                 range=format_range(rng, self.lang))
        return rng
