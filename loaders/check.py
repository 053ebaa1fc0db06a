"""The check of an untrusted file — find its tables, match their headers, read and validate every row into a
snapshot and issues — run inside the guarded reading child (``loaders._child``, under the parsing's memory and
CPU limits), never in the server process. No database: the plan's state comes in the job,
read by the parent first (``plans.store.plan_state``); the result is plain data, sent back pickled."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace

from loaders.announcements import AnnouncementReader
from loaders.headers import ALL_FIELDS, norm_header
from loaders.inspect import inspect_job
from loaders.issues import Collector
from loaders.messages import FIELD_LABELS, text
from loaders.rows import MeasureReader
from loaders.table import Table, best_candidate, fill_merged, make_table, profile_mapping, title_info
from loaders.values import cell_text
from plans.dates import YEAR_MIN, header_date, parse_iso_day
from plans.normalize import fold, ref_key, spelling_key
from plans.records import JSONText, Measures, Snapshot


def check(kind: str, data: dict, job: dict) -> dict:
    """The snapshot (None when no table was found) and the issues of the file read as ``data`` (kind 'book'
    or 'csv'). ``job``: name, lang, plan_id, digest, state (``plans.store.plan_state`` or None), user_map,
    as_of (the option, or None), profile (the import profile, ``loaders.profile``'s dict; missing = {}).
    Dated status columns give several snapshots: the most recent one, whose ``earlier`` holds the others."""
    issues = Collector(job["name"], job["lang"])
    report = SimpleNamespace(as_of=None, as_of_origin=None, counts={})
    snap = _validate(kind, data, job["name"], job["plan_id"], job["state"], job["user_map"], job["as_of"],
                     job["digest"], issues, report, job.get("profile") or {})
    inspection = inspect_job(data, job)  # what the mapping step shows, from this same read
    _split_ref(inspection, issues)
    return {"snapshot": snap, "errors": issues.errors, "warnings": issues.warnings, "dropped": issues.dropped,
            "as_of": report.as_of, "as_of_origin": report.as_of_origin, "counts": report.counts,
            "inspection": inspection}


def _split_ref(inspection: dict | None, issues: Collector) -> None:
    """Refs repeated (« 34 » twice) with a column of letters beside the ref column (« a », « b »: the inspection's
    proposed join): the first error says the join to give, before the repeated rows."""
    if not inspection or not any(e.code == "duplicate-row" for e in issues.errors):
        return
    columns = {c["index"]: c for c in inspection.get("columns") or []}
    for c in columns.values():
        part = columns.get(c.get("join"))
        if part is not None:
            before = len(issues.errors)
            issues.error("split-ref", sheet=inspection.get("sheet") or None, row=inspection.get("header_row"),
                         column=f"{part['header']} ({part['letter']})", value=part["header"], ref=c["header"])
            if len(issues.errors) > before:  # not dropped past the cap: said first
                issues.errors.insert(0, issues.errors.pop())
            return


def _validate(kind, data, name, plan_id, state, user_map, as_of, digest, issues, report, profile):
    if data.get("nul"):
        issues.warn("nul-byte")
    if data.get("encoding") not in (None, "UTF-8"):
        issues.warn("encoding-guessed", encoding=data["encoding"])
    settings = (state or {}).get("settings") or {}
    extra = {spelling_key(k): v for k, v in ((settings.get("statuses") or {}).get("extra_spellings") or {}).items()}
    period = (state or {}).get("period") or (None, None)
    mapping = {**(state or {}).get("mappings", {}), **user_map, **profile_mapping(profile)}
    tables = _find_tables(data["sheets"], mapping, issues, kind, profile)
    if tables is None:
        return None
    measures_t, ann_t = tables
    first = measures_t or ann_t
    assert first is not None  # _find_tables returns a pair only when it found a table
    title_rows = first.title_rows
    found_as_of, _text, title = title_info(title_rows)
    dated_days = sorted({d for f, d in measures_t.dated.values() if f == "status"}) if measures_t else []
    dated_only = bool(dated_days) and measures_t is not None and measures_t.column_of("status") is None
    if dated_only:  # no plain status column: the file is the most recent of its dated columns
        report.as_of, report.as_of_origin = dated_days[-1], "column"
    else:
        report.as_of, report.as_of_origin = _as_of(as_of, found_as_of, issues)
    if measures_t is not None:
        _dated_headers(measures_t, mapping, report.as_of, issues)
    lang = issues.lang
    stored = {ref_key(ref): text for ref, text in ((state or {}).get("deadlines") or {}).items()}
    reader = MeasureReader(measures_t, issues, extra_spellings=extra, plan_period=period, lang=lang,
                           stored_deadlines=stored, profile=profile) if measures_t else None
    measures = reader.read() if reader else Measures()
    rows_read = len(measures)
    dated = reader.read_dated(measures) if reader and measures_t and measures_t.dated else []
    if dated_only:
        measures = dated.pop()[1]
    anns = AnnouncementReader(ann_t, issues, plan_period=period).read() if ann_t else []
    for t in (measures_t, ann_t):
        if t is not None:
            _report_extra_columns(t, issues)
    report.counts["rows_read"] = rows_read = rows_read + len(anns)
    sheet = ", ".join(t.sheet for t in (measures_t, ann_t) if t is not None and t.sheet) or None
    earlier = [Snapshot(plan_id=plan_id, as_of=day, as_of_origin="column", file_name=name, file_hash=digest,
                        sheet=sheet, plan_title=title, has_measures=True, measures=m, mappings=user_map,
                        rows_read=len(m), profile=profile) for day, m in dated]
    return Snapshot(
        plan_id=plan_id, as_of=report.as_of, as_of_origin=report.as_of_origin, file_name=name, file_hash=digest,
        sheet=sheet, plan_title=title, has_measures=measures_t is not None, measures=measures, announcements=anns,
        mappings=user_map, issues=[i.to_dict() for i in issues.warnings], rows_read=rows_read, earlier=earlier,
        profile=profile)


def _dated_headers(t: Table, mapping: dict[str, str], as_of: dt.date, issues: Collector) -> None:
    """A status (or information) column found by its name whose header says another date than the file's
    (« Statut juin 2025 » in a file of January 2026): an error asking which it is — the status at that date (its own
    snapshot) or the file's — rather than June's statuses recorded in January. A header the user mapped is not asked."""
    for fieldname in ("status", "comment"):
        j = t.column_of(fieldname)
        if j is None or j >= len(t.headers):
            continue
        header = cell_text(t.headers[j])
        if not header or norm_header(header) in mapping:
            continue
        said = header_date(header)
        if said is not None and said[0] != as_of:
            issues.error("dated-header", sheet=t.sheet or None, row=t.excel_row(t.header_index),
                         column=t.column_label(j), value=header, field=fieldname, day=said[0].isoformat(),
                         shown=said[0].strftime("%d/%m/%Y"), as_of=as_of.strftime("%d/%m/%Y"))


def _as_of(option, found, issues):
    if option is not None:
        return (option if isinstance(option, dt.date) else parse_iso_day(str(option))), "option"
    today = dt.date.today()
    if found is not None:
        if found > today:  # a « Situation au » date not yet come: a typo, never a state observed
            issues.error("as-of-future", value=found.strftime("%d/%m/%Y"), today=today.strftime("%d/%m/%Y"))
        elif found.year < YEAR_MIN:  # « Situation au 01/01/0001 »
            issues.error("as-of-out-of-range", value=found.isoformat(), first=YEAR_MIN)
        return found, "title"
    issues.warn("as-of-today", as_of=today.strftime("%d/%m/%Y"))
    return today, "today"


HELP_SHEETS = {"instructions", "mode d'emploi", "mode demploi", "lisez-moi", "lisez moi", "notice", "aide",
               "readme", "read me", "help", "guide", "consignes"}


def _is_help_sheet(name: str) -> bool:
    """A sheet of instructions (the template's own « Instructions », a « Lisez-moi »…): skipped
    without a warning when it holds no table."""
    return fold(name) in HELP_SHEETS


def _find_tables(sheets, mapping, issues: Collector, kind, profile) -> tuple[Table | None, Table | None] | None:
    found: dict[str, Table] = {}
    partial = None
    wanted, header_row = profile.get("sheet"), profile.get("header_row")
    if wanted and kind == "book":  # the profile's sheet, and only it
        names = [sh["name"] for sh in sheets]
        if wanted not in names:
            issues.error("unknown-sheet", value=wanted, sheets=", ".join(f"« {n} »" for n in names))
            return None
        sheets = [sh for sh in sheets if sh["name"] == wanted]
    for sh in sheets:
        label = sh["name"]
        if sh.get("chart"):
            issues.warn("ignored-sheet", sheet=label)
            continue
        if not sh["visible"]:
            issues.warn("hidden-sheet", sheet=label)
            continue
        rows = sh["rows"]
        if not any(cell_text(v) for row in rows[:200] for v in row):
            if kind == "book":
                issues.warn("empty-sheet", sheet=label)
            continue
        fill_merged(rows, sh.get("merged") or [], tuple(sh["start"]))
        header = None if not header_row else int(header_row) - 1 - sh["start"][0]
        cand = best_candidate(rows, mapping, header)
        if cand is None or cand.missing:
            partial = partial or (sh, cand)
            if kind == "book" and not (cand is None and _is_help_sheet(label)):
                issues.warn("ignored-sheet", sheet=label)
            continue
        if cand.kind in found:
            issues.warn("ignored-sheet", sheet=label)
            continue
        found[cand.kind] = make_table(sh, cand, mapping)
    if found:
        return found.get("measures"), found.get("announcements")
    _no_table(partial, sheets, issues, bool(profile.get("columns") or profile.get("joins")))
    return None


def _no_table(partial, sheets, issues: Collector, mapped: bool = False) -> None:
    labels = FIELD_LABELS.get(issues.lang, FIELD_LABELS["fr"])
    if partial and partial[1] is not None:
        sh, cand = partial
        if mapped and cand.kind == "measures" and "ref" in cand.missing:  # the profile left no ref and no title
            headers = [cell_text(v) for v in sh["rows"][cand.index] if cell_text(v)][:15]
            issues.error("no-identity", sheet=sh["name"] or None, row=sh["start"][0] + cand.index + 1,
                         found=", ".join(f"« {h} »" for h in headers))
            return
        missing = ", ".join(f"« {labels[f]} »" for f in cand.missing)
        headers = [cell_text(v) for v in sh["rows"][cand.index] if cell_text(v)][:15]
        where = text("pipeline.in_sheet", issues.lang, sheet=sh["name"]) if sh["name"] else ""
        issues.error("missing-column", sheet=sh["name"] or None, row=sh["start"][0] + cand.index + 1,
                     expected=missing, field=cand.missing[0], where=where,
                     found=", ".join(f"« {h} »" for h in headers))
        return
    first: list = next((row for sh in sheets if sh["visible"] for row in sh["rows"] if any(cell_text(v) for v in row)), [])
    shown = [cell_text(v) for v in first if cell_text(v)][:12]
    expected = ", ".join(f"« {labels[f]} »" for f in ("ref", "status", "title", "deadline"))
    issues.error("no-table", expected=expected + " (ou " + ", ".join(
        f"« {labels[f]} »" for f in ("subject", "expected", "held_on")) + ")",
        found=", ".join(f"« {h} »" for h in shown) or "aucune")


def _report_extra_columns(t: Table, issues: Collector) -> None:
    fields = ", ".join(a for a in ALL_FIELDS if a != "ignore")
    for j, header in t.extra_columns():
        issues.warn("unknown-column", sheet=t.sheet or None, row=t.excel_row(t.header_index),
                    column=t.column_label(j), header=header, fields=fields)


def split(result: dict) -> tuple[dict[str, list], dict]:
    """``result`` of :func:`check` as its measures' columns (each sent in a frame of its own, taken in by the
    parent while the next is pickled; ``extra``'s JSONText as plain str, far cheaper to pickle) and the rest."""
    snap = result["snapshot"]
    if snap is None:
        return {}, result
    columns = dict(snap.measures.columns)
    columns["extra"] = [str(v) if type(v) is JSONText else v for v in columns["extra"]]
    return columns, {**result, "snapshot": replace(snap, measures=Measures())}


def join(columns: dict[str, list], result: dict) -> dict:
    """:func:`split`'s inverse."""
    if columns:
        columns["extra"] = [JSONText(v) if type(v) is str else v for v in columns["extra"]]
        result["snapshot"].measures = Measures(columns)
    return result
