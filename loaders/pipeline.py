"""import_file: hash → (noop?) → guarded read → find tables → validate everything → one
transaction (plans.snapshots), or a rejected run recorded with its issues."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path

from loaders.guard import Refusal, read_untrusted
from loaders.headers import ALL_FIELDS, norm_header
from loaders.issues import Collector
from loaders.messages import FIELD_LABELS, text
from loaders.report import ImportReport
from loaders.rows import AnnouncementReader, MeasureReader
from loaders.table import Table, best_candidate, fill_merged, make_table, title_info
from loaders.values import cell_text
from plans import snapshots, store
from plans.access import Actor, require_writer
from plans.dates import YEAR_MIN, parse_iso_day
from plans.db import DatabaseError, failure_kind
from plans.limits import FIELD_LIMITS
from plans.normalize import fold, ref_key
from plans.runtime import gc_paused

log = logging.getLogger(__name__)


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class BadMapping(ValueError):
    pass


def parse_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    """{"Colonne X": "status"} → {"colonne x": "status"}; BadMapping for an unknown field."""
    out = {}
    for header, fieldname in (mapping or {}).items():
        f = fold(fieldname).strip()
        if f not in ALL_FIELDS:
            raise BadMapping(f"« {fieldname} » : champ inconnu (champs : {', '.join(ALL_FIELDS)})")
        out[norm_header(header)] = f
    return out


def run_import(path: Path, plan_id: str, engine, *, actor: Actor, as_of=None, dry_run=False, lang="fr",
               original_name=None, mapping=None, progress=None) -> ImportReport:
    """Import ``path`` as a dated snapshot of ``plan_id``, written and recorded as ``actor`` (plans.access):
    :class:`plans.access.AccessDenied` before anything is read when ``actor`` may not write."""
    require_writer(actor)
    with gc_paused():
        return _run_import(path, plan_id, engine, actor=actor, as_of=as_of, dry_run=dry_run, lang=lang,
                           original_name=original_name, mapping=mapping, progress=progress)


def _run_import(path: Path, plan_id: str, engine, *, actor: Actor, as_of, dry_run, lang, original_name, mapping,
                progress) -> ImportReport:
    name = original_name or path.name
    started = dt.datetime.now()
    issues = Collector(name, lang)
    report = ImportReport(file=name, plan_id=plan_id, lang=lang)
    digest = None
    try:
        user_map = parse_mapping(mapping)
        if len(plan_id) > FIELD_LIMITS["plan_id"]:
            raise Refusal("too-long-plan", length=len(plan_id), limit=FIELD_LIMITS["plan_id"])
        digest = file_hash(path)
        state = store.plan_state(engine, plan_id)
        if state is not None and store.already_imported(engine, plan_id, digest):
            report.outcome = "noop"
            report.run_id = snapshots.record_run(engine, plan_id=plan_id, file_name=name, file_hash=digest,
                                                 outcome="noop", started_at=started, actor=actor)
            return report
        step = progress or (lambda _stage: None)
        step("lecture")
        snap = _validate(path, name, plan_id, state, user_map, as_of, digest, issues, report, step)
        step("écriture")
    except BadMapping as exc:
        issues.error("bad-mapping", detail=str(exc))
        snap = None
    except Refusal as exc:
        issues.error(exc.code, **exc.params)
        snap = None
    except DatabaseError as exc:
        _database_error(exc, issues)
        snap = None
    except Exception as exc:  # never a traceback for the user: report it as an issue
        issues.error("internal-error", detail=f"{type(exc).__name__}: {exc}"[:200])
        snap = None
    return _finish(engine, report, issues, snap, digest, started, dry_run, actor)


def _database_error(exc: DatabaseError, issues: Collector) -> None:
    """A database failure as the user's issue: « un import est en cours » when the database stayed locked by
    another import, else a refusal in plain words — never the driver's text (host, port, user, database),
    which goes to the log only."""
    log.info("import: database error", exc_info=exc)
    issues.error("import-busy" if failure_kind(exc) == "busy" else "database-error")


def _record_refusal(engine, report, issues, digest, started, actor: Actor) -> ImportReport:
    report.errors, report.warnings, report.dropped = issues.errors, issues.warnings, dict(issues.dropped)
    report.outcome = "rejected"
    try:
        report.run_id = snapshots.record_run(
            engine, plan_id=report.plan_id, file_name=report.file, file_hash=digest, outcome="rejected",
            started_at=started, as_of=report.as_of, as_of_origin=report.as_of_origin,
            counts=report.counts, issues=[i.to_dict() for i in report.issues], actor=actor)
    except DatabaseError as exc:  # the database cannot even record the refusal: the report still tells it
        log.info("import: the refusal could not be recorded", exc_info=exc)
        report.run_id = None
    return report


def _noop(engine, report, digest, started, actor: Actor) -> ImportReport:
    report.outcome = "noop"
    report.errors, report.warnings, report.dropped = [], [], {"error": 0, "warning": 0}
    report.run_id = snapshots.record_run(engine, plan_id=report.plan_id, file_name=report.file, file_hash=digest,
                                         outcome="noop", started_at=started, actor=actor)
    return report


def _finish(engine, report, issues, snap, digest, started, dry_run, actor: Actor) -> ImportReport:
    report.errors, report.warnings, report.dropped = issues.errors, issues.warnings, dict(issues.dropped)
    if snap is None or issues.error_count:
        return _record_refusal(engine, report, issues, digest, started, actor)
    try:
        result = snapshots.write_snapshot(engine, snap, actor=actor, started_at=started, dry_run=dry_run,
                                          late_issues=lambda written: _late_issues(written, issues, report.plan_id,
                                                                                  report.as_of))
    except DatabaseError as exc:
        # the unique (plan, file hash): the same file, stored by another upload meanwhile
        if failure_kind(exc) == "duplicate" and digest is not None and \
                store.already_imported(engine, report.plan_id, digest):
            return _noop(engine, report, digest, started, actor)
        _database_error(exc, issues)
        return _record_refusal(engine, report, issues, digest, started, actor)
    if result.already_imported:
        return _noop(engine, report, digest, started, actor)
    report.errors, report.warnings, report.dropped = issues.errors, issues.warnings, dict(issues.dropped)
    report.counts = result.counts
    if dry_run:
        report.outcome = "dry_run"
        report.run_id = snapshots.record_run(
            engine, plan_id=report.plan_id, file_name=report.file, file_hash=digest, outcome="dry_run",
            started_at=started, as_of=report.as_of, as_of_origin=report.as_of_origin, counts=report.counts,
            issues=[i.to_dict() for i in report.issues], actor=actor)
    else:
        report.outcome = "imported"
        report.run_id = result.run_id
    return report


def _late_issues(written: snapshots.SnapshotResult, issues: Collector, plan_id: str,
                 as_of: dt.date | None = None) -> list[dict]:
    """Warnings known only while the snapshot is written (vanished refs, a created plan): reported, and
    recorded with the run in the snapshot's transaction."""
    before = len(issues.warnings)
    for ref in written.vanished:
        issues.warn("measure-vanished", value=ref)
    if written.plan_created:
        issues.warn("plan-created", value=plan_id)
    if written.older_than is not None:
        issues.warn("older-snapshot", as_of=as_of.strftime("%d/%m/%Y") if as_of else "",
                    latest=written.older_than.strftime("%d/%m/%Y"))
    return [i.to_dict() for i in issues.warnings[before:]]


def _validate(path, name, plan_id, state, user_map, as_of, digest, issues, report, step):
    kind, data = read_untrusted(path)
    step("validation")
    if data.get("nul"):
        issues.warn("nul-byte")
    if data.get("encoding") not in (None, "UTF-8"):
        issues.warn("encoding-guessed", encoding=data["encoding"])
    settings = (state or {}).get("settings") or {}
    extra = {fold(k).strip(): v for k, v in ((settings.get("statuses") or {}).get("extra_spellings") or {}).items()}
    period = (state or {}).get("period") or (None, None)
    mapping = {**(state or {}).get("mappings", {}), **user_map}
    tables = _find_tables(data["sheets"], mapping, issues, kind)
    if tables is None:
        return None
    measures_t, ann_t = tables
    first = measures_t or ann_t
    assert first is not None  # _find_tables returns a pair only when it found a table
    title_rows = first.title_rows
    found_as_of, _text, title = title_info(title_rows)
    report.as_of, report.as_of_origin = _as_of(as_of, found_as_of, issues)
    lang = issues.lang
    stored = {ref_key(ref): text for ref, text in ((state or {}).get("deadlines") or {}).items()}
    measures = MeasureReader(measures_t, issues, extra_spellings=extra, plan_period=period, lang=lang,
                             stored_deadlines=stored).read() if measures_t else snapshots.Measures()
    anns = AnnouncementReader(ann_t, issues, plan_period=period).read() if ann_t else []
    for t in (measures_t, ann_t):
        if t is not None:
            _report_extra_columns(t, issues)
    report.counts["rows_read"] = len(measures) + len(anns)
    return snapshots.Snapshot(
        plan_id=plan_id, as_of=report.as_of, as_of_origin=report.as_of_origin, file_name=name, file_hash=digest,
        sheet=", ".join(t.sheet for t in (measures_t, ann_t) if t is not None and t.sheet) or None,
        plan_title=title, has_measures=measures_t is not None, measures=measures, announcements=anns,
        mappings=user_map, issues=[i.to_dict() for i in issues.warnings], rows_read=len(measures) + len(anns))


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
    return fold(name or "").strip().lower() in HELP_SHEETS


def _find_tables(sheets, mapping, issues: Collector, kind) -> tuple[Table | None, Table | None] | None:
    found: dict[str, Table] = {}
    partial = None
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
        cand = best_candidate(rows, mapping)
        if cand is None or cand.missing:
            partial = partial or (sh, cand)
            if kind == "book" and not (cand is None and _is_help_sheet(label)):
                issues.warn("ignored-sheet", sheet=label)
            continue
        if cand.kind in found:
            issues.warn("ignored-sheet", sheet=label)
            continue
        found[cand.kind] = make_table(sh, cand)
    if found:
        return found.get("measures"), found.get("announcements")
    _no_table(partial, sheets, issues)
    return None


def _no_table(partial, sheets, issues: Collector) -> None:
    labels = FIELD_LABELS.get(issues.lang, FIELD_LABELS["fr"])
    if partial and partial[1] is not None:
        sh, cand = partial
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
    for j, h in enumerate(t.headers):
        if j not in t.columns and cell_text(h):
            issues.warn("unknown-column", sheet=t.sheet or None, row=t.excel_row(t.header_index),
                        column=t.column_label(j), header=cell_text(h), fields=fields)
