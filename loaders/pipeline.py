"""import_file: hash → (noop?) → guarded read and check (loaders.check: tables, headers, every row, in the
reading child, under its limits) → one transaction (plans.snapshots), or a rejected run recorded with its issues."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path

from loaders import profile as profiles
from loaders.guard import Refusal, check_untrusted
from loaders.headers import ALL_FIELDS, norm_header
from loaders.issues import Collector
from loaders.report import ImportReport
from plans import access, snapshots, store
from plans.access import Actor
from plans.db import DatabaseError, failure_kind
from plans.limits import FIELD_LIMITS
from plans.normalize import fold
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
        f = fold(fieldname)
        if f not in ALL_FIELDS:
            raise BadMapping(f"« {fieldname} » : champ inconnu (champs : {', '.join(ALL_FIELDS)})")
        out[norm_header(header)] = f
    return out


def run_import(path: Path, plan_id: str, engine, *, actor: Actor, as_of=None, dry_run=False, lang="fr",
               original_name=None, mapping=None, profile=None, progress=None,
               association: str | None = None) -> ImportReport:
    """Import ``path`` as a dated snapshot of ``plan_id``, written and recorded as ``actor`` (plans.access):
    :class:`plans.access.AccessDenied` before anything is read when ``actor`` may not import for
    ``association`` (the refusal is in the audit trail). A contributor imports for their association (the
    default for them): every row is then the civil society's voice, recorded under that association, and so is
    the run; ``association`` None from a coordinator is the collective's file, every voice as the file says.

    The file is read with the plan's import profile (``plans.profiles.current``) updated by ``profile`` (a dict,
    see ``loaders.profile``) and ``mapping`` ({"Colonne X": "status"}, the same as ``profile``'s columns); what
    a successful import used is saved as the plan's profile, with the snapshot."""
    if association is None and isinstance(actor, Actor) and actor.kind == "person" and not actor.may("import"):
        association = actor.association  # a contributor's file is their association's
    access.require(engine, actor, "import", plan_id=plan_id, association=association)
    with gc_paused():
        return _run_import(path, plan_id, engine, actor=actor, as_of=as_of, dry_run=dry_run, lang=lang,
                           original_name=original_name, mapping=mapping, profile=profile, progress=progress,
                           association=association)


def _run_import(path: Path, plan_id: str, engine, *, actor: Actor, as_of, dry_run, lang, original_name, mapping,
                profile, progress, association) -> ImportReport:
    name = original_name or path.name
    started = dt.datetime.now()
    issues = Collector(name, lang)
    report = ImportReport(file=name, plan_id=plan_id, lang=lang)
    digest = None
    try:
        user_map = parse_mapping(mapping)
        given = profiles.merge(profile, profiles.from_mapping(mapping, lang))
        if len(plan_id) > FIELD_LIMITS["plan_id"]:
            raise Refusal("too-long-plan", length=len(plan_id), limit=FIELD_LIMITS["plan_id"])
        digest = file_hash(path)
        state = store.plan_state(engine, plan_id)
        if state is not None and store.already_imported(engine, plan_id, digest):
            return _noop(engine, report, digest, started, actor, association)
        used = profiles.merge((state or {}).get("profile"), given)
        report.profile = used
        step = progress or (lambda _stage: None)
        step("lecture")
        snap = _validate(path, name, plan_id, state, user_map, used, as_of, digest, issues, report, step)
        if snap is not None:
            snap.association = association
        step("écriture")
    except (BadMapping, profiles.ProfileError) as exc:
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
    return _finish(engine, report, issues, snap, digest, started, dry_run, actor, association)


def _database_error(exc: DatabaseError, issues: Collector) -> None:
    """A database failure as the user's issue: « un import est en cours » when the database stayed locked by
    another import, else a refusal in plain words — never the driver's text (host, port, user, database),
    which goes to the log only."""
    log.info("import: database error", exc_info=exc)
    issues.error("import-busy" if failure_kind(exc) == "busy" else "database-error")


def _record_refusal(engine, report, issues, digest, started, actor: Actor, association=None,
                    dry_run=False) -> ImportReport:
    report.errors, report.warnings, report.dropped = issues.errors, issues.warnings, dict(issues.dropped)
    report.outcome = "rejected"
    try:
        report.run_id = snapshots.record_run(
            engine, plan_id=report.plan_id, file_name=report.file, file_hash=digest, outcome="rejected",
            started_at=started, as_of=report.as_of, as_of_origin=report.as_of_origin,
            counts=report.counts, issues=[i.to_dict() for i in report.issues], actor=actor, association=association,
            dry_run=dry_run)
    except DatabaseError as exc:  # the database cannot even record the refusal: the report still tells it
        log.info("import: the refusal could not be recorded", exc_info=exc)
        report.run_id = None
    return report


def _noop(engine, report, digest, started, actor: Actor, association=None) -> ImportReport:
    report.outcome = "noop"
    report.errors, report.warnings, report.dropped = [], [], {"error": 0, "warning": 0}
    report.run_id = snapshots.record_run(engine, plan_id=report.plan_id, file_name=report.file, file_hash=digest,
                                         outcome="noop", started_at=started, actor=actor, association=association)
    return report


def _finish(engine, report, issues, snap, digest, started, dry_run, actor: Actor, association=None) -> ImportReport:
    if snap is None or issues.error_count:
        return _record_refusal(engine, report, issues, digest, started, actor, association, dry_run)
    try:
        result = snapshots.write_snapshot(engine, snap, actor=actor, started_at=started, dry_run=dry_run,
                                          late_issues=lambda written: _late_issues(written, issues, report.plan_id,
                                                                                  report.as_of))
    except DatabaseError as exc:
        # the unique (plan, file hash): the same file, stored by another upload meanwhile
        if failure_kind(exc) == "duplicate" and digest is not None and \
                store.already_imported(engine, report.plan_id, digest):
            return _noop(engine, report, digest, started, actor, association)
        _database_error(exc, issues)
        return _record_refusal(engine, report, issues, digest, started, actor, association, dry_run)
    if result.already_imported:
        return _noop(engine, report, digest, started, actor, association)
    report.errors, report.warnings, report.dropped = issues.errors, issues.warnings, dict(issues.dropped)
    report.counts, report.preview = result.counts, result.preview
    if dry_run:
        report.outcome = "dry_run"
        report.run_id = snapshots.record_run(
            engine, plan_id=report.plan_id, file_name=report.file, file_hash=digest, outcome="dry_run",
            started_at=started, as_of=report.as_of, as_of_origin=report.as_of_origin, counts=report.counts,
            issues=[i.to_dict() for i in report.issues], actor=actor, association=association)
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


def _validate(path, name, plan_id, state, user_map, profile, as_of, digest, issues, report, step):
    """Read and check ``path`` in the guarded child (loaders.check, under the parsing's memory and CPU limits);
    here only its result is taken in: the snapshot (None when no table was found), the issues and what the
    mapping step shows (``report.inspection``)."""
    job = {"name": name, "lang": issues.lang, "plan_id": plan_id, "digest": digest, "state": state,
           "user_map": user_map, "profile": profile, "as_of": as_of}
    out = check_untrusted(path, job, on_stage=step)
    report.inspection = out.get("inspection")
    if out["snapshot"] is not None:
        out["snapshot"].profile = profile
    issues.errors.extend(out["errors"])
    issues.warnings.extend(out["warnings"])
    for severity, n in out["dropped"].items():
        issues.dropped[severity] += n
    report.as_of, report.as_of_origin = out["as_of"], out["as_of_origin"]
    report.counts.update(out["counts"])
    return out["snapshot"]
