"""What the mapping step of the app shows about a file, computed in the reading child right after the check, from
the same read (``loaders._child``): the first rows of each sheet, the sheet and header row chosen, each column with
its guessed field (and the date its header says), the spellings not understood with a suggestion, the colours of
blank status cells with the status a legend gives them, and whether the file needs the mapping step at all.

Plain data only (it crosses back pickled). Cheap on a long sheet: each column of values is counted once
(a Counter), the rows are looked at again only for the few spellings not understood."""

from __future__ import annotations

import functools
from collections import Counter
from operator import itemgetter

from loaders.headers import ANNOUNCEMENT_FIELDS, MEASURE_FIELDS, field_scores, norm_header
from loaders.messages import text
from loaders.suggest import suggest, vocabulary
from loaders.table import Candidate, best_candidate, col_letter
from loaders.values import cell_text
from plans.dates import header_date
from plans.normalize import spelling_key

PREVIEW_ROWS = 15  # rows of each sheet shown
SAMPLES = 3  # values shown under each column
SAMPLE_SCAN = 200  # rows looked at for a column's samples and a guess from its values
EXAMPLE_ROWS = 2  # Excel rows named for each spelling or colour
MAX_SPELLINGS = 100  # spellings not understood shown per kind, the most frequent first
KINDS = ("status", "voice", "confidence")
DATED_FIELDS = ("status", "comment")

# Header words Vigie's header synonyms do not hold, for a guess only (the person confirms it): Spanish trackers'.
_GUESS_WORDS = {"estado": "status", "estatus": "status", "situacion": "status", "avance": "status",
                "detalleestado": "comment", "detalle": "comment", "observaciones": "comment",
                "comentarios": "comment", "medida": "title", "accion": "title", "responsable": "lead_body",
                "eje": "axis", "plazo": "deadline", "fuente": "source"}

# A small named palette: each name's usual fills (Excel's standard colours and its « good / neutral / bad » styles).
PALETTE = {
    "green": ("#00B050", "#92D050", "#008000", "#00FF00", "#70AD47", "#548235", "#A9D08E"),
    "light_green": ("#C6EFCE", "#E2EFDA", "#D8E4BC"),
    "orange": ("#FFC000", "#FFA500", "#ED7D31", "#F4B084", "#F79646", "#FF9900"),
    "red": ("#FF0000", "#C00000", "#E6B8B7", "#DA9694", "#FF5050"),
    "pink": ("#FFC7CE", "#FF99CC", "#FCE4D6"),
    "yellow": ("#FFFF00", "#FFEB9C", "#FFE699", "#FFF2CC", "#FFD966"),
    "grey": ("#BFBFBF", "#808080", "#D9D9D9", "#A6A6A6", "#F2F2F2", "#7F7F7F"),
    "blue": ("#0070C0", "#4472C4", "#002060", "#0000FF", "#2F5597"),
    "light_blue": ("#00B0F0", "#BDD7EE", "#DDEBF7", "#9BC2E6", "#B4C6E7"),
    "purple": ("#7030A0", "#8064A2", "#CCC0DA"),
    "brown": ("#C65911", "#833C0C", "#996633"),
    "black": ("#000000", "#262626"),
}


def _rgb(hexa: str) -> tuple[int, int, int]:
    h = hexa.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@functools.lru_cache(maxsize=1024)
def colour_id(hexa: str) -> str:
    """The id of the palette's name nearest to « #RRGGBB » (the « redmean » distance: close to how eyes compare)."""
    r, g, b = _rgb(hexa)

    def distance(other: str) -> float:
        r2, g2, b2 = _rgb(other)
        mean = (r + r2) / 2
        return (2 + mean / 256) * (r - r2) ** 2 + 4 * (g - g2) ** 2 + (2 + (255 - mean) / 256) * (b - b2) ** 2

    return min(((distance(c), name) for name, colours in PALETTE.items() for c in colours))[1]


def colour_name(hexa: str, lang: str = "fr") -> str:
    """« vert », « orange », « rouge »… (« green »… in English): the nearest name of a small palette."""
    return text(f"colour.{colour_id(hexa)}", lang)


def plan_spellings(state: dict | None) -> dict[str, str]:
    """The plan's own status spellings (``statuses.extra_spellings`` of its settings), keyed as
    ``plans.normalize.spelling_key``: the ``extra_spellings`` of :func:`inspect`."""
    settings = (state or {}).get("settings") or {}
    return {spelling_key(k): v for k, v in ((settings.get("statuses") or {}).get("extra_spellings") or {}).items()}


def inspect_job(data: dict, job: dict) -> dict:
    """:func:`inspect` of ``data`` read for the check's ``job`` (``loaders.check.check``'s): its profile, over the
    plan's stored header mappings and the ``user_map`` option (both normalised header → field), its language and
    the plan's own status spellings."""
    state = job.get("state") or {}
    profile = dict(job.get("profile") or {})
    profile["columns"] = {**(state.get("mappings") or {}), **(job.get("user_map") or {}), **(profile.get("columns") or {})}
    return inspect(data, profile, job.get("lang") or "fr", plan_spellings(state))


def inspect(data: dict, profile: dict | None, lang: str = "fr", extra_spellings: dict | None = None) -> dict:
    """What the mapping step shows about ``data`` (a reader's result) read with ``profile`` (the import profile,
    may be empty) and the plan's own spellings ``extra_spellings`` (status spelling key → code, or
    ``{"status": {...}, "voice": {...}, "confidence": {...}}``): the keys ``sheets``,
    ``sheet``, ``header_row``, ``columns`` (the ref column's ``join``: the index of a column proposed as its second
    part), ``recognised``, ``spellings``, ``colours``, ``fills_skipped``."""
    profile = profile or {}
    sheets = [sh for sh in data.get("sheets", []) if sh.get("visible", True) and not sh.get("chart")]
    out: dict = {"sheets": [_preview(sh) for sh in sheets], "sheet": None, "header_row": None, "columns": [],
                 "recognised": False, "spellings": {k: [] for k in KINDS}, "colours": [],
                 "fills_skipped": bool(data.get("fills_skipped"))}  # colours not read: the workbook is too large
    chosen = _choose(sheets, profile)
    if chosen is None:
        return out
    sheet, index, cand = chosen
    start = tuple(sheet.get("start") or (0, 0))
    out["sheet"] = sheet.get("name") or ""  # as named in out["sheets"] ("" for a CSV): None only when none is chosen
    out["header_row"] = start[0] + index + 1
    rows = sheet["rows"]
    body = rows[index + 1:]
    first = start[0] + index + 2  # Excel row of body[0]
    columns = _columns(rows[index], body, start, cand, profile)
    out["columns"] = columns
    known = _known(profile, extra_spellings or {})
    values = _without_repeated_headers(rows[index], body)
    out["spellings"] = {kind: _unknown_spellings(kind, columns, values, first, known[kind]) for kind in KINDS}
    out["colours"] = _colours(sheet, index, columns, known["status"], lang)
    fields = {c["field"] for c in columns}
    kind = cand.kind if cand is not None else "measures"
    # complete: a status (plain or dated) and what identifies a measure (a ref, else its title: refs generated)
    complete = ("subject" in fields) if kind == "announcements" else (
        "status" in fields and bool(fields & {"ref", "title"}))
    to_ask = any(c["date"] and c["header"] not in _profile_headers(profile) for c in columns) \
        or any(c.get("join") is not None for c in columns)  # a ref over two columns proposed, not read so yet
    out["recognised"] = bool(complete and cand is not None and not to_ask
                             and not any(out["spellings"].values()) and not out["colours"])
    return out


def _preview(sheet: dict) -> dict:
    start = tuple(sheet.get("start") or (0, 0))
    return {"name": sheet.get("name") or "", "start_row": start[0] + 1, "start_column": start[1],
            "rows": [[cell_text(v) for v in row] for row in sheet.get("rows", [])[:PREVIEW_ROWS]]}


def _mapping(profile: dict) -> dict[str, str]:
    """The profile's columns as ``loaders.headers.match_fields`` takes them (normalised header → field)."""
    out = {norm_header(h): ("ignore" if f == "-" else f) for h, f in (profile.get("columns") or {}).items()}
    for field, headers in (profile.get("joins") or {}).items():
        out.update({norm_header(h): field for h in headers})
    for h, field, _day in _dated(profile):
        out[norm_header(h)] = field
    return out


def _dated(profile: dict) -> list[tuple[str, str, str]]:
    """(header, field, date) of the profile's dated columns (a malformed entry skipped: the profile is checked
    where it is read, loaders.profile)."""
    return [(h, str(v[0]), str(v[1])) for h, v in (profile.get("dated") or {}).items()
            if isinstance(v, (list, tuple)) and len(v) == 2]


def _header_row(profile: dict) -> int | None:
    value = profile.get("header_row")
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _profile_headers(profile: dict) -> set[str]:
    return {*(profile.get("columns") or {}), *(profile.get("dated") or {}),
            *(h for hs in (profile.get("joins") or {}).values() for h in hs)}


def _choose(sheets: list[dict], profile: dict) -> tuple[dict, int, Candidate | None] | None:
    """(sheet, header index in its rows, the candidate there or None): the profile's sheet and header row when it
    gives them, else the first complete table found, else the best partial one, else the first row of two texts."""
    mapping = _mapping(profile)
    named = [sh for sh in sheets if sh.get("name") == profile.get("sheet")] if profile.get("sheet") else sheets
    pool = named or sheets
    if (header_row := _header_row(profile)) is not None:
        for sh in pool:
            top, _left = sh.get("start") or (0, 0)
            index = header_row - 1 - top
            if 0 <= index < len(sh["rows"]):
                return sh, index, _candidate_at(sh["rows"], index, mapping)
    partial: tuple[dict, int, Candidate | None] | None = None
    for sh in pool:
        cand = best_candidate(sh["rows"], mapping)
        if cand is not None and not cand.missing:
            return sh, cand.index, cand
        if cand is not None and (partial is None or partial[2] is None or cand.strength > partial[2].strength):
            partial = (sh, cand.index, cand)
    if partial is not None:
        return partial
    for sh in pool:
        for i, row in enumerate(sh["rows"][:PREVIEW_ROWS]):
            if sum(1 for v in row if cell_text(v)) >= 2:
                return sh, i, None
    return None


def _candidate_at(rows: list, index: int, mapping: dict[str, str]) -> Candidate | None:
    """The header candidate of row ``index`` (the profile's header row), if it is one."""
    cand = best_candidate(rows[index:index + 1], mapping)
    if cand is None:
        return None
    return Candidate(cand.kind, index, cand.columns, cand.missing, cand.strength)


def _header_field(header: str, fields: tuple[str, ...]) -> str | None:
    """The field a header names, by Vigie's synonyms, then a few words of other languages (a guess)."""
    norm = norm_header(header)
    scores = field_scores(norm)
    best = max(((scores.get(f, 0), -i, f) for i, f in enumerate(fields)), default=(0, 0, None))
    if best[0] > 0:
        return best[2]
    for word in norm.split():
        if (field := _GUESS_WORDS.get(word)) in fields:
            return field
    return None


def _looks_like_statuses(values: list) -> bool:
    texts = [t for v in values if (t := cell_text(v))]
    known = vocabulary("status")
    return len(texts) >= 2 and sum(1 for t in texts if spelling_key(t) in known) >= 0.6 * len(texts)


def _column(body: list, j: int, limit: int | None = None) -> list:
    rows = body if limit is None else body[:limit]
    return [row[j] if j < len(row) else None for row in rows]


def _count(body: list, j: int) -> Counter:
    """The values of column ``j`` counted: at C speed when every row reaches it (a workbook's rows all do)."""
    try:
        return Counter(map(itemgetter(j), body))
    except IndexError:  # a CSV's short rows
        return Counter(row[j] if j < len(row) else None for row in body)


def _given_columns(profile: dict) -> dict[str, tuple[str, str | None]]:
    """Normalised header → (field, date or None) of the profile's columns, joins and dated columns."""
    by_norm: dict[str, tuple[str, str | None]] = {}
    for h, f in (profile.get("columns") or {}).items():
        by_norm[norm_header(h)] = (f, None)
    for f, hs in (profile.get("joins") or {}).items():
        by_norm.update({norm_header(h): (f, None) for h in hs})
    for h, f, when in _dated(profile):
        by_norm[norm_header(h)] = (f, when)
    return by_norm


def _guess(j: int, header: str, head: list, cand: Candidate | None, fields: tuple[str, ...],
           taken: set[str]) -> tuple[str | None, str | None]:
    """(field, date) guessed for column ``j``: the header candidate's, else the header's words, else its values;
    a status or information column whose header says a date is dated; a second plain column of a field is left
    to the person."""
    field = cand.columns.get(j) if cand is not None else None
    if field is None:
        field = _header_field(header, fields)
    if field is None and _looks_like_statuses(head):
        field = "status"
    said = header_date(header) if field in DATED_FIELDS else None
    if said is not None:
        return field, said[0].isoformat()
    if field in taken and field != "ignore":
        return None, None
    return field, None


def _samples(head: list) -> list[str]:
    samples: list[str] = []
    for v in head:
        t = cell_text(v)
        if t is not None and t not in samples:
            samples.append(t)
            if len(samples) == SAMPLES:
                break
    return samples


def _columns(header_row: list, body: list, start: tuple, cand: Candidate | None, profile: dict) -> list[dict]:
    fields = ANNOUNCEMENT_FIELDS if cand is not None and cand.kind == "announcements" else MEASURE_FIELDS
    given = _given_columns(profile)
    out = []
    taken: set[str] = set()
    for j, value in enumerate(header_row):
        header = cell_text(value)
        if header is None:
            continue
        head = _column(body, j, SAMPLE_SCAN)
        field, day = given.get(norm_header(header)) or _guess(j, header, head, cand, fields, taken)
        if field == "ignore":
            field = "-"
        if field is not None and day is None:
            taken.add(field)
        out.append({"index": j, "letter": col_letter(start[1] + j), "header": header, "field": field,
                    "date": day, "samples": _samples(head)})
    _guess_join(out, body, profile)
    return out


def _guess_join(columns: list[dict], body: list, profile: dict) -> None:
    """A reference written over two columns (« 34 » + « a »): the column right of the ref column, with no field,
    holding one or two letters where it is not blank (four in five), is proposed as its second part (``"join"``: its index, on
    the ref column; the profile's joins are already the columns' fields)."""
    if (profile.get("joins") or {}).get("ref"):
        return
    for k, column in enumerate(columns[:-1]):
        nxt = columns[k + 1]
        if column["field"] != "ref" or nxt["field"] is not None or nxt["index"] != column["index"] + 1:
            continue
        texts = [t for v in _column(body, nxt["index"], SAMPLE_SCAN) if (t := cell_text(v))]
        if texts and sum(1 for t in texts if len(t) <= 2 and t.isalpha()) >= 0.8 * len(texts):
            column["join"] = nxt["index"]
        return


def _known(profile: dict, extra: dict) -> dict[str, dict[str, str]]:
    """Kind → {spelling key: code} of the spellings understood: built-in, the plan's, the profile's."""
    per_kind: dict = extra if extra and all(isinstance(v, dict) for v in extra.values()) else {"status": extra}
    given = profile.get("values") or {}
    return {kind: {**vocabulary(kind), **{spelling_key(k): v for k, v in (per_kind.get(kind) or {}).items()},
                   **{spelling_key(k): v for k, v in (given.get(kind) or {}).items()}} for kind in KINDS}


def _without_repeated_headers(header_row: list, body: list) -> list:
    """``body`` with the rows that repeat the header blanked (same places, so Excel rows stay right): two cells or
    more, and most of the row, written as the header's — its wording may drift in one cell (« Estado DIC 2025 »,
    then « DetalleEstado DIC 2025 » under the next section), as the check reads them."""
    head = {j: key for j, v in enumerate(header_row) if (key := norm_header(cell_text(v) or ""))}
    if len(head) < 2:
        return body

    def repeats(row) -> bool:
        filled = [j for j, v in enumerate(row) if cell_text(v)]
        same = sum(1 for j in filled if j in head and norm_header(cell_text(row[j]) or "") == head[j])
        return same >= 2 and 2 * same > len(filled)

    maybe: set[int] = set()  # cheap first: a row with one of the header's first two cells as written
    for j in list(head)[:2]:
        written = header_row[j]
        maybe.update(i for i, row in enumerate(body) if j < len(row) and row[j] == written)
    if not maybe:
        return body
    out = list(body)
    for i in maybe:
        if repeats(body[i]):
            out[i] = [None] * len(body[i])
    return out


def _unknown_spellings(kind: str, columns: list[dict], body: list, first: int, known: dict[str, str]) -> list[dict]:
    """The spellings of the ``kind`` columns not understood, the most frequent first (MAX_SPELLINGS of them: a
    column of free text is not a vocabulary): as first written, count, first Excel rows, suggestion."""
    cols = [c for c in columns if c["field"] == kind]
    if not cols:
        return []
    counts: Counter = Counter()
    for c in cols:
        counts.update(_count(body, c["index"]))
    headers = {norm_header(c["header"]) for c in cols}
    found: dict[str, dict] = {}
    values_of: dict[str, list] = {}
    for value, n in counts.items():
        t = cell_text(value)
        if t is None:
            continue
        key = spelling_key(t)
        if key in known:
            continue
        entry = found.setdefault(key, {"spelling": t, "count": 0, "rows": [], "suggestion": None})
        entry["count"] += n
        values_of.setdefault(key, []).append(value)
    kept = []
    for key, entry in sorted(found.items(), key=lambda kv: -kv[1]["count"]):
        t = entry["spelling"]
        if norm_header(t) in headers or _header_field(t, (kind,)) == kind:
            continue  # a header row repeated under a section title
        kept.append((key, entry))
        if len(kept) == MAX_SPELLINGS:
            break
    raw_of = {value: entry for key, entry in kept for value in values_of[key]}
    for _key, entry in kept:
        entry["suggestion"] = suggest(kind, entry["spelling"])
    _first_rows(body, [c["index"] for c in cols], raw_of, first, len(kept))
    return sorted((entry for _key, entry in kept), key=lambda e: (-e["count"], e["rows"][:1]))


def _first_rows(body: list, indexes: list[int], raw_of: dict, first: int, missing: int) -> None:
    """Fill each entry's ``rows`` with the first EXAMPLE_ROWS Excel rows of its values (``raw_of``: value →
    entry), stopping as soon as every entry has them."""
    if not missing:
        return
    for i, row in enumerate(body):
        for j in indexes:
            seen = raw_of.get(row[j] if j < len(row) else None)
            if seen is not None and len(seen["rows"]) < EXAMPLE_ROWS:
                seen["rows"].append(first + i)
                if len(seen["rows"]) == EXAMPLE_ROWS or len(seen["rows"]) == seen["count"]:
                    missing -= 1
        if missing <= 0:
            return


def _colours(sheet: dict, index: int, columns: list[dict], known: dict[str, str], lang: str) -> list[dict]:
    """The fill colours of the blank status cells below the header (rows with two texts or more: a measure's, not
    a section title's), not already given a status, each with the status a legend gives it: the status spelling
    written in the cells of that colour anywhere in the sheet. A colour without a legend that mostly fills other
    cells of its rows as well (banded rows, « zebra » stripes) is a row's style, not a status: not asked."""
    fills = sheet.get("fills") or {}
    status_cols = {c["index"] for c in columns if c["field"] == "status"}
    if not fills or not status_cols:
        return []
    rows = sheet["rows"]
    start = tuple(sheet.get("start") or (0, 0))
    found: dict[str, list[int]] = {}
    legend: dict[str, Counter] = {}
    for (i, j), colour in fills.items():
        if i >= len(rows):
            continue
        row = rows[i]
        value = cell_text(row[j]) if j < len(row) else None
        if value is not None:
            code = known.get(spelling_key(value))
            if code is not None:
                legend.setdefault(colour, Counter())[code] += 1
            continue
        if i <= index or j not in status_cols or spelling_key(colour) in known:
            continue
        if sum(1 for v in row if cell_text(v)) >= 2:
            found.setdefault(colour, []).append(i)
    out = []
    for colour, found_rows in found.items():
        suggestion = legend[colour].most_common(1)[0][0] if colour in legend else None
        banded = sum(1 for i in found_rows
                     if any(fills.get((i, k)) == colour for k in range(len(rows[i])) if k not in status_cols))
        if suggestion is None and banded * 2 > len(found_rows):
            continue
        found_rows.sort()
        out.append({"colour": colour, "name": colour_name(colour, lang), "count": len(found_rows),
                    "rows": [start[0] + i + 1 for i in found_rows[:EXAMPLE_ROWS]], "suggestion": suggestion})
    return sorted(out, key=lambda e: (-e["count"], e["rows"][:1]))
