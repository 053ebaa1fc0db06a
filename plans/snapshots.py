"""Write one validated spreadsheet snapshot in ONE transaction (used by loaders).

Append-only: assessments (origin='import') and announcement rows are added, never updated
(except the change dates each assessment carries, derived from its measure's history:
``plans.history``); a row that says nothing its measure's latest assessment of the same voice and association
(each association's view is its own chain; none: the collective's) does not say
(:func:`unchanged`) is not added — a re-import records only what changed, and the measure's catalogue source and
confidence are never touched (an assessment's own source is the row's, else the file's name);
a measure's changed title/deadline/lead/axis is recorded in ``measure_revisions`` before its
current value is updated; a measure missing from the snapshot is recorded as ``vanished``
(never deleted). The run record and all its issues — those found while writing included — are
part of the same transaction, with the file's older dated snapshots (``Snapshot.earlier``) when it has some.
Every write computes its preview (:func:`empty_preview`), a dry run as well. Runs that write nothing else
(rejected, noop, dry run) are recorded by :func:`record_run`. What the loaders read before writing is in ``plans.store``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from plans import access, audit, profiles, store
from plans import schema as s
from plans.access import Actor
from plans.bulk import Same, insert_columns
from plans.history import Head, appended_dates, chain_heads, information, refresh_chain_dates
from plans.i18n import text
from plans.normalize import ref_key
from plans.records import Snapshot

TRACKED_FIELDS = ("title_fr", "deadline_text", "lead_body", "axis_text")


@dataclass
class SnapshotResult:
    run_id: int | None
    counts: dict
    vanished: list[str]
    changed: list[tuple[str, str, str | None, str | None]]  # ref, field, old, new
    plan_created: bool
    already_imported: bool = False  # the file was imported into the plan first (by another upload): nothing written
    older_than: dt.date | None = None  # the plan's latest snapshot date, when this snapshot is older (current values kept)
    preview: dict = field(default_factory=lambda: empty_preview())  # what the snapshot changes (see PREVIEW_KEYS)


PREVIEW_KEYS = ("status_changes", "new", "missing", "unchanged", "announcements", "dates")


def empty_preview() -> dict:
    """What a snapshot changes, as plain data (the same for a dry run as for the real run): ``status_changes``
    [{ref, title, before, after}] (status codes; ``before`` the measure's latest status in the row's voice before
    the snapshot, None for its first), ``new`` and ``missing`` [{ref, title}], ``unchanged`` (rows recorded as
    nothing new), ``announcements`` [{subject, kind, expected_text, held_on}] (the rows appended) and ``dates``
    (the snapshot dates written, ISO)."""
    return {"status_changes": [], "new": [], "missing": [], "unchanged": 0, "announcements": [], "dates": []}


class _DryRun(Exception):  # noqa: N818 - control flow: roll the transaction back
    pass


ISSUE_KEYS = ("severity", "file", "sheet", "row", "column", "value", "code", "message", "hint")
LateIssues = Callable[[SnapshotResult], list[dict]]


def _insert_issues(conn: Connection, run_id: int, issues: list[dict]) -> None:
    if issues:
        conn.execute(insert(s.import_issues), [{"import_run_id": run_id, **{k: i.get(k) for k in ISSUE_KEYS}}
                                               for i in issues])


def record_run(engine: Engine, *, plan_id: str | None, file_name: str, file_hash: str | None, outcome: str,
               started_at: dt.datetime, as_of: dt.date | None = None, as_of_origin: str | None = None,
               actor: Actor, counts: dict | None = None, issues: Sequence[dict] = (),
               sheet: str | None = None, association: str | None = None, dry_run: bool = False) -> int:
    """Record a run that writes nothing else (rejected, noop, dry_run), with its issues and who made it
    (refused with :class:`plans.access.AccessDenied` when ``actor`` may not import for ``association``). A
    refusal that is not a dry run's check is recorded in the audit trail (``import_refused``)."""
    access.require(engine, actor, "import", plan_id=plan_id, association=association)
    issues = list(issues)
    with engine.begin() as conn:
        if plan_id is not None and conn.execute(select(s.plans.c.id).where(s.plans.c.id == plan_id)).first() is None:
            plan_id = None
        run_id = conn.execute(insert(s.import_runs).values(
            plan_id=plan_id, file_name=file_name, file_hash=file_hash, sheet=sheet, as_of=as_of,
            as_of_origin=as_of_origin, started_at=started_at, finished_at=dt.datetime.now(), outcome=outcome,
            counts=counts, issues_count=len(issues), imported_by=actor.recorded, association=association,
            errors_count=sum(1 for i in issues if i.get("severity") == "error"))).inserted_primary_key[0]  # type: ignore[index]  # one row inserted
        _insert_issues(conn, run_id, issues)
        if outcome == "rejected" and not dry_run:
            audit.record(conn, actor, "import_refused", plan_id=plan_id, run_id=run_id, summary=text(
                "audit.summary.import_refused", file=file_name,
                errors=sum(1 for i in issues if i.get("severity") == "error")))
    return run_id


def write_snapshot(engine: Engine, snap: Snapshot, *, actor: Actor, started_at: dt.datetime | None = None,
                   dry_run: bool = False, late_issues: LateIssues | None = None,
                   recorded_as: tuple[str, str] | None = None) -> SnapshotResult:
    """Apply ``snap`` in one transaction; with ``dry_run`` compute the same result, then roll back.

    The file's older dated snapshots (``snap.earlier``, oldest first) are written before it in the same
    transaction, one import run each; their ``file_hash`` is :func:`earlier_hash` (a re-upload of the file is
    recognised by its own digest, the main run's). The result is the whole file's: counts added up, previews
    joined, ``run_id`` the main run's.

    One import at a time per plan (:func:`_one_at_a_time`): the transaction first waits for the others, then
    checks that the file was not imported meanwhile — if it was, it writes nothing and the result says
    ``already_imported``. ``late_issues(result)`` gives the issues known only once the snapshot is written (vanished refs, a
    created plan); they are recorded after ``snap.issues``, in the same transaction as everything else.

    ``actor`` (:mod:`plans.access`) must be allowed to import for ``snap.association`` (None: the collective's
    file, every voice) — else :class:`plans.access.AccessDenied`, nothing written and the refusal in the audit
    trail — and is recorded as the run's ``imported_by``; the import is recorded in the audit trail
    (``import_confirmed``; ``recorded_as`` = (kind, summary) for an edit in the app, ``plans.edits``) in the same
    transaction."""
    access.require(engine, actor, "import", plan_id=snap.plan_id, association=snap.association)
    started_at = started_at or dt.datetime.now()
    holder: dict = {}
    try:
        with engine.begin() as conn, _big_cache(conn):
            _one_at_a_time(conn, snap.plan_id)
            if _imported(conn, snap.plan_id, snap.file_hash):
                return SnapshotResult(None, {}, [], [], False, already_imported=True)
            parts = [replace(e, file_hash=earlier_hash(snap.file_hash, e.as_of), earlier=[], association=snap.association)
                     for e in snap.earlier]
            written = [_apply(conn, part, started_at, actor) for part in [*parts, snap]]
            holder["result"] = result = _whole(written)
            issues = [list(part.issues) for part in (*parts, snap)]
            issues[-1] += late_issues(result) if late_issues else []
            for part_result, part_issues in zip(written, issues, strict=True):
                _close_run(conn, part_result, part_issues)
            if not dry_run:
                c = result.counts
                kind, summary = recorded_as or ("import_confirmed", text(
                    "audit.summary.import_confirmed", file=snap.file_name, assessments=c.get("assessments", 0),
                    changes=c.get("status_changes", 0), added=c.get("measures_added", 0)))
                audit.record(conn, actor, kind, plan_id=snap.plan_id, run_id=result.run_id, summary=summary)
            if dry_run:
                raise _DryRun
    except _DryRun:
        holder["result"].run_id = None
    return holder["result"]


IMPORT_LOCK_WAIT_S = 120  # how long an import waits for the one before it (then: « un import est en cours »)


def earlier_hash(digest: str, as_of: dt.date) -> str:
    """The ``file_hash`` of a file's older dated snapshot: unique per (file, date), so the unique (plan, file hash)
    index holds, and never the file's own digest, which stays the main run's."""
    return hashlib.sha256(f"{digest}@{as_of.isoformat()}".encode()).hexdigest()


def _whole(results: list[SnapshotResult]) -> SnapshotResult:
    """The result of a file written as several snapshots: counts added up (``rows_read``: the file's), previews
    joined, the main (last) snapshot's run."""
    main = results[-1]
    if len(results) == 1:
        return main
    counts = {k: sum(r.counts.get(k, 0) for r in results) for k in main.counts}
    counts["rows_read"] = max(r.counts.get("rows_read", 0) for r in results)
    preview = empty_preview()
    for r in results:
        for k in PREVIEW_KEYS:
            preview[k] += r.preview[k]
    for k in ("new", "missing"):  # a measure once, whichever date listed it
        seen: dict[str, dict] = {}
        for item in preview[k]:
            seen.setdefault(item["ref"], item)
        preview[k] = list(seen.values())
    return SnapshotResult(main.run_id, counts, sorted({v for r in results for v in r.vanished}),
                          [c for r in results for c in r.changed], any(r.plan_created for r in results),
                          older_than=main.older_than, preview=preview)


def _close_run(conn: Connection, result: SnapshotResult, issues: list[dict]) -> None:
    """The run's issues, counts and end, once everything of the snapshot (and the file's late issues) is known."""
    _insert_issues(conn, result.run_id, issues)  # type: ignore[arg-type]  # a written run has its id
    conn.execute(update(s.import_runs).where(s.import_runs.c.id == result.run_id).values(
        finished_at=dt.datetime.now(), counts=result.counts, issues_count=len(issues),
        errors_count=sum(1 for i in issues if i.get("severity") == "error")))


def _one_at_a_time(conn: Connection, plan_id: str) -> None:
    """Start the import's transaction by waiting for any other import of the plan. SQLite: ``BEGIN IMMEDIATE``
    takes the database's write lock now (waiting up to the busy timeout, ``plans.db``), so nothing read below
    can be changed by another writer before the commit. PostgreSQL: a transaction-scoped advisory lock on the
    plan, waited for at most IMPORT_LOCK_WAIT_S. Either way, past that delay the database says « locked »
    and the loaders tell the user that an import is under way."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(f"vigie-import:{plan_id}".encode()).digest()[:8], "big", signed=True)
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(IMPORT_LOCK_WAIT_S)}s'")
        conn.execute(select(func.pg_advisory_xact_lock(bindparam("key", key))))


def _imported(conn: Connection, plan_id: str, file_hash: str | None) -> bool:
    return file_hash is not None and store.imported(conn, plan_id, file_hash)


IMPORT_CACHE_KIB = 64 * 1024  # SQLite page cache during an import (default 2 MiB)


@contextlib.contextmanager
def _big_cache(conn: Connection) -> Iterator[None]:
    """On SQLite, a 64 MiB page cache for the import's one transaction, then the connection's own again:
    with the default 2 MiB, inserting 2 × 200,000 rows and their index entries spilled pages to the WAL
    before the commit (≈ 25 % of the write)."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # never hide the error that ended the transaction
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or 0)}")


def _apply(conn: Connection, snap: Snapshot, started_at: dt.datetime,
           actor: Actor) -> SnapshotResult:
    """Write one snapshot and its run (its issues and counts are recorded by :func:`_close_run`)."""
    created = _ensure_plan(conn, snap)
    run_id = conn.execute(insert(s.import_runs).values(
        plan_id=snap.plan_id, file_name=snap.file_name, file_hash=snap.file_hash, sheet=snap.sheet,
        as_of=snap.as_of, as_of_origin=snap.as_of_origin, started_at=started_at, outcome="imported",
        issues_count=0, errors_count=0, imported_by=actor.recorded,
        association=snap.association)).inserted_primary_key[0]  # type: ignore[index]  # one row inserted
    latest = _latest_run(conn, snap, run_id)
    older = latest if latest is not None and snap.as_of < latest.as_of else None
    preview = empty_preview()
    preview["dates"] = [snap.as_of.isoformat()]
    ids, changed, vanished, added, earlier, titles = (_older_snapshot(conn, snap, run_id, older) if older is not None
                                                      else _sync_measures(conn, snap, run_id))
    ms = snap.measures
    preview["new"] = [{"ref": ms["ref"][k], "title": ms["title_fr"][k]} for k in added]
    preview["missing"] = [{"ref": ref, "title": titles.get(ref_key(ref))} for ref in vanished]
    n_assess, unchanged = _append_assessments(conn, snap, run_id, ids, earlier, titles, preview)
    n_ann = _append_announcements(conn, snap, run_id, ids, preview)
    _remember_mappings(conn, snap)
    if snap.profile:
        profiles.save_in(conn, snap.plan_id, snap.profile, actor=actor, origin="import")
    counts = {"assessments": n_assess, "measures_added": len(added),
              "measures_changed": len({c[0] for c in changed}), "measures_vanished": len(vanished),
              "announcements": n_ann, "rows_read": snap.rows_read, "status_changes": len(preview["status_changes"]),
              "unchanged": unchanged}
    return SnapshotResult(run_id, counts, vanished, changed, created,
                          older_than=older.as_of if older is not None and snap.has_measures else None,
                          preview=preview)


def _ensure_plan(conn: Connection, snap: Snapshot) -> bool:
    if conn.execute(select(s.plans.c.id).where(s.plans.c.id == snap.plan_id)).first():
        return False
    conn.execute(insert(s.plans).values(id=snap.plan_id, kind="plan", title_fr=snap.plan_title or snap.plan_id,
                                        tracked=True, settings={}, source_url=snap.file_name,
                                        confidence="créé par un import"))
    return True


def _latest_run(conn: Connection, snap: Snapshot, run_id: int):
    """The plan's imported run of the latest snapshot date before this one (its id and as_of), or None."""
    r = s.import_runs.c
    return conn.execute(select(r.id, r.as_of).where(r.plan_id == snap.plan_id, r.outcome == "imported",
                                                    r.id != run_id, r.as_of.is_not(None))
                        .order_by(r.as_of.desc(), r.id.desc()).limit(1)).first()


def _sync_measures(conn: Connection, snap: Snapshot, run_id: int):
    """A snapshot as recent as the plan's latest or more: its values become the current ones (revisions kept).
    Current values follow the snapshot dates, not the import order: an older one goes to :func:`_older_snapshot`."""
    m, ms = s.measures, snap.measures
    cols = (m.c.id, m.c.ref, m.c.origin, *(m.c[f] for f in TRACKED_FIELDS))
    existing = {ref_key(r.ref): r for r in conn.execute(select(*cols).where(m.c.plan_id == snap.plan_id))}
    titles = {key: row.title_fr for key, row in existing.items()}
    new_idx: list[int] = []
    changed: list[tuple[str, str, str | None, str | None]] = []
    updates: list[tuple[int, dict]] = []
    revisions: list[dict] = []
    tracked = [(f, ms[f]) for f in TRACKED_FIELDS]
    for k, key in enumerate(ms["key"] if existing else ()):  # a first import: all new, nothing to compare
        row = existing.get(key)
        if row is None:
            new_idx.append(k)
            continue
        diff = {f: values[k] for f, values in tracked if values[k] is not None and values[k] != getattr(row, f)}
        if not diff:
            continue
        for f, new in diff.items():
            changed.append((row.ref, f, getattr(row, f), new))
            revisions.append({"measure_id": row.id, "as_of": snap.as_of, "field": f, "old_value": getattr(row, f),
                              "new_value": new, "import_run_id": run_id, "source_url": snap.file_name,
                              "confidence": ""})
        values = dict(diff)
        if "deadline_text" in diff:
            values.update(deadline_start=ms["deadline_start"][k], deadline_end=ms["deadline_end"][k])
        updates.append((row.id, values))
    added: Sequence[int] = new_idx if existing else range(len(ms))
    ids = _insert_new_measures(conn, snap, added)
    _update_measures(conn, updates)
    ids.update((key, row.id) for key, row in existing.items())
    vanished = _vanished(conn, snap, run_id, existing, revisions) if snap.has_measures else []
    if revisions:
        conn.execute(insert(s.measure_revisions), revisions)
    return ids, changed, vanished, added, {row.id for row in existing.values()}, titles


def _older_snapshot(conn: Connection, snap: Snapshot, run_id: int, latest):
    """A snapshot older than the plan's latest (``latest``: that run's id and as_of), imported after it. Its
    differing titles, deadlines, leads and axes are not current values (the later snapshot said otherwise):
    no revision, no update. Measures it lists that the store already had get it as ``first_seen`` when it is
    earlier. Measures it is the first to list are added; those the latest snapshot did not list (when that
    snapshot had measures) are « disparues » as of the latest date, as if the files had come in date order. No
    measure vanishes or reappears because of an older file."""
    m, ms, a = s.measures, snap.measures, s.assessments
    existing: dict[str, tuple] = {}
    titles: dict[str, str | None] = {}
    for mid, ref, first, title in conn.execute(select(m.c.id, m.c.ref, m.c.first_seen, m.c.title_fr)
                                               .where(m.c.plan_id == snap.plan_id)):
        existing[ref_key(ref)] = (mid, first)
        titles[ref_key(ref)] = title
    new_idx = [k for k, key in enumerate(ms["key"]) if key not in existing]
    ids = _insert_new_measures(conn, snap, new_idx)
    present = set(ms["key"])
    earlier_seen = [{"row_id": mid} for key, (mid, first) in existing.items()
                    if first is not None and first > snap.as_of and key in present]
    if earlier_seen:
        conn.execute(update(m).where(m.c.id == bindparam("row_id")).values(first_seen=snap.as_of), earlier_seen)
    latest_had_measures = conn.execute(select(a.c.id).where(a.c.import_run_id == latest.id).limit(1)).first()
    if snap.has_measures and ids and latest_had_measures is not None:
        conn.execute(insert(s.measure_revisions), [
            {"measure_id": mid, "as_of": latest.as_of, "field": "vanished", "old_value": ms["ref"][k],
             "new_value": None, "import_run_id": run_id, "source_url": snap.file_name, "confidence": ""}
            for k, mid in ((k, ids[ms["key"][k]]) for k in new_idx)])
    ids.update((key, mid) for key, (mid, _first) in existing.items())
    return ids, [], [], new_idx, {mid for mid, _first in existing.values()}, titles


def _update_measures(conn: Connection, updates: list[tuple[int, dict]]) -> None:
    """Update the current values of existing measures: one executemany per set of changed columns (one
    statement per measure cost 0.1 ms of SQLAlchemy each, 25 s for a re-import of 200,000 measures)."""
    m = s.measures
    groups: dict[tuple, list[dict]] = {}
    for mid, values in updates:
        groups.setdefault(tuple(sorted(values)), []).append({"row_id": mid, **{f"v_{c}": v for c, v in values.items()}})
    for names, rows in groups.items():
        conn.execute(update(m).where(m.c.id == bindparam("row_id")).values({c: bindparam(f"v_{c}") for c in names}),
                     rows)


def _insert_new_measures(conn: Connection, snap: Snapshot, idx: Sequence[int]) -> dict[str, int]:
    """Insert the measures of ``snap`` at positions ``idx`` (first seen in this snapshot); their ids by key.

    On SQLite the ids are given, following the largest one as SQLite itself would number them (the table has
    no AUTOINCREMENT), so they need not be read back: the transaction already holds the write lock (the run
    row is inserted first), no other writer can take them. Elsewhere they are read back by ref."""
    ms, n = snap.measures, len(idx)
    if not n:
        return {}
    whole = n == len(ms)

    def col(name):
        return ms[name] if whole else [ms[name][k] for k in idx]
    files = [v or snap.file_name for v in col("source_url")]
    columns = {"plan_id": Same(snap.plan_id), "ref": col("ref"), "kind": Same("measure"),
               "title_fr": col("title_fr"), "axis_text": col("axis_text"), "lead_body": col("lead_body"),
               "deadline_text": col("deadline_text"), "deadline_start": col("deadline_start"),
               "deadline_end": col("deadline_end"), "origin": Same("import"), "first_seen": Same(snap.as_of),
               "source_url": files, "confidence": [v or "" for v in col("confidence")]}
    m = s.measures
    if conn.dialect.name == "sqlite":
        first = (conn.execute(select(func.max(m.c.id))).scalar() or 0) + 1
        columns["id"] = range(first, first + n)
        insert_columns(conn, m, columns, n)
        return dict(zip(col("key"), columns["id"], strict=True))
    insert_columns(conn, m, columns, n)
    key_of = dict(zip(col("ref"), col("key"), strict=True))  # ref_key() already computed by the reader
    return {key_of[ref]: mid for mid, ref in conn.execute(select(m.c.id, m.c.ref).where(m.c.plan_id == snap.plan_id))
            if ref in key_of}


def _vanished(conn: Connection, snap: Snapshot, run_id: int, existing: dict, revisions: list) -> list[str]:
    r = s.measure_revisions
    present = set(snap.measures["key"])
    # Only refs that an earlier import carried can vanish from a file: a catalogue measure
    # that no spreadsheet ever listed has not "disappeared" (the file may cover a subset).
    a = s.assessments
    imported = set(conn.execute(
        select(a.c.measure_id).distinct().join(s.measures, s.measures.c.id == a.c.measure_id)
        .where(s.measures.c.plan_id == snap.plan_id, a.c.origin == "import")).scalars())
    existing = {k: row for k, row in existing.items() if row.id in imported or row.origin == "import"}
    ids = [row.id for row in existing.values()]
    last: dict[int, str] = {}
    if ids:
        q = (select(r.c.measure_id, r.c.field).join(s.measures, s.measures.c.id == r.c.measure_id)
             .where(s.measures.c.plan_id == snap.plan_id, r.c.field.in_(("vanished", "reappeared")))
             .order_by(r.c.id))
        last = dict(conn.execute(q).all())
    out = []
    for key, row in existing.items():
        gone = key not in present
        if gone:
            out.append(row.ref)
        if (gone and last.get(row.id) != "vanished") or (not gone and last.get(row.id) == "vanished"):
            revisions.append({"measure_id": row.id, "as_of": snap.as_of, "field": "vanished" if gone else "reappeared",
                              "old_value": row.ref if gone else None, "new_value": None if gone else row.ref,
                              "import_run_id": run_id, "source_url": snap.file_name, "confidence": ""})
    return sorted(out)


def _append_assessments(conn: Connection, snap: Snapshot, run_id: int, ids: dict, earlier: set[int],
                        titles: dict[str, str | None], preview: dict) -> tuple[int, int]:
    """Append one assessment per measure row that says something new; ``earlier``: the ids of the measures that
    existed before this snapshot (they may have assessments already). A row equal to the head of its chain at the
    snapshot's date (:func:`unchanged`) is not recorded. Fills ``preview``'s status changes and unchanged count;
    returns (rows appended, rows unchanged)."""
    ms, n = snap.measures, len(snap.measures)
    mids = list(map(ids.__getitem__, ms["key"]))
    voices = ["civil_society"] * len(ms["voice"]) if snap.association else [v or "civil_society" for v in ms["voice"]]
    heads: tuple[dict, set] = (chain_heads(conn, snap.plan_id, snap.as_of, voices, snap.association) if earlier
                               else ({}, set()))
    found = heads[0]
    keep = []
    for k in range(n):
        head = found.get((mids[k], voices[k]))
        if unchanged(head, ms["status"][k], ms["comment"][k], ms["source_url"][k], ms["confidence"][k]):
            continue
        keep.append(k)
        before = head.status if head is not None else None
        if before != ms["status"][k]:
            preview["status_changes"].append({"ref": ms["ref"][k], "title": ms["title_fr"][k] or titles.get(ms["key"][k]),
                                              "before": before, "after": ms["status"][k]})
    preview["unchanged"] = n - len(keep)
    if not keep:
        return 0, n

    def pick(values: list) -> list:
        return values if len(keep) == n else [values[k] for k in keep]

    def col(name: str) -> list:
        return pick(ms[name])
    mids, voices = pick(mids), pick(voices)
    dates, redo = appended_dates(conn, snap.as_of, mids, voices, col("status"), col("comment"), earlier, heads,
                                 snap.association)
    last, first = dates or (Same(snap.as_of), Same(snap.as_of))
    insert_columns(conn, s.assessments, {
        "measure_id": mids, "as_of": Same(snap.as_of), "last_change": last, "first_as_of": first,
        "status": col("status"), "status_as_reported": col("status_as_reported"),
        "voice": voices, "summary": Same(None),
        "comment": col("comment"), "extra": col("extra"),
        "origin": Same("import"), "import_run_id": Same(run_id), "recorded_at": Same(dt.datetime.now()),
        "association": Same(snap.association),
        "source_url": [v or snap.file_name for v in col("source_url")],
        "confidence": [v or "" for v in col("confidence")]}, len(keep))
    if redo:
        refresh_chain_dates(conn, redo)
    return len(keep), n - len(keep)


def unchanged(head: Head | None, status: str, comment, source_url, confidence) -> bool:
    """Whether a row says nothing its chain's head (:func:`plans.history.chain_heads`, same measure, voice and
    association) does not: the same status, and no comment, source or confidence other than the head's (a blank cell
    says nothing).
    A row about a measure never assessed in its voice says something unless its status is « unknown » and it has
    no comment, source or confidence: the store already knows nothing of it."""
    comment, source_url, confidence = information(None, comment), source_url or None, confidence or None
    if head is None:
        return status == "unknown" and comment is None and source_url is None and confidence is None
    return (status == head.status and (comment is None or comment == head.information)
            and (source_url is None or source_url == head.source_url)
            and (confidence is None or confidence == head.confidence))


def _append_announcements(conn: Connection, snap: Snapshot, run_id: int, ids: dict, preview: dict | None = None) -> int:
    a = s.announcements
    existing: dict[str, list] = {}
    by_subject: dict[str, str] = {}  # an existing ledger is found by its subject as well as its key
    q = select(a.c.event_key, a.c.subject, a.c.seq, a.c.kind, a.c.expected_text, a.c.announced_on,
               a.c.held_on).where(a.c.plan_id == snap.plan_id).order_by(a.c.id)
    for row in conn.execute(q):
        existing.setdefault(row.event_key, []).append(row)
        by_subject.setdefault(ref_key(row.subject), row.event_key)
    rows = []
    for rec in snap.announcements:
        key = rec["event_key"] if rec["event_key"] in existing else by_subject.get(ref_key(rec["subject"]),
                                                                                    rec["event_key"])
        rec = {**rec, "event_key": key}
        prior = existing.setdefault(key, [])
        sig = (rec["kind"], rec["expected_text"], rec["announced_on"], rec["held_on"])
        if any((p.kind, p.expected_text, p.announced_on, p.held_on) == sig for p in prior):
            continue
        seq = max((p.seq for p in prior), default=0) + 1
        rows.append({"plan_id": snap.plan_id, "event_key": rec["event_key"], "subject": rec["subject"],
                     "measure_id": ids.get(ref_key(rec["measure_ref"])) if rec.get("measure_ref") else None,
                     "kind": rec["kind"], "announced_on": rec["announced_on"],
                     "announced_on_text": rec.get("announced_on_text"), "expected_text": rec["expected_text"],
                     "expected_start": rec.get("expected_start"), "expected_end": rec.get("expected_end"),
                     "held_on": rec["held_on"], "outcome": rec.get("outcome"), "summary": rec.get("summary"),
                     "origin": "import", "import_run_id": run_id, "seq": seq,
                     "source_url": rec.get("source_url") or snap.file_name, "confidence": ""})
        prior.append(_Sig(seq, *sig))
    if rows:
        conn.execute(insert(a), rows)
    if preview is not None:
        preview["announcements"] = [{"subject": r["subject"], "kind": r["kind"], "expected_text": r["expected_text"],
                                     "held_on": r["held_on"].isoformat() if r["held_on"] else None} for r in rows]
    return len(rows)


@dataclass
class _Sig:
    seq: int
    kind: str
    expected_text: str | None
    announced_on: dt.date | None
    held_on: dt.date | None


def _remember_mappings(conn: Connection, snap: Snapshot) -> None:
    if not snap.mappings:
        return
    cm = s.column_mappings
    conn.execute(delete(cm).where(cm.c.plan_id == snap.plan_id, cm.c.header.in_(list(snap.mappings))))
    conn.execute(insert(cm), [{"plan_id": snap.plan_id, "header": h, "field": f} for h, f in snap.mappings.items()])


__all__ = ["SnapshotResult", "record_run", "write_snapshot"]
