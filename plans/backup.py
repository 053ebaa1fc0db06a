"""Backup and restore: every table of ``plans.schema.metadata`` in one portable zip archive.

The archive holds ``manifest.json`` (format, version, Alembic schema revision, for each table its member,
columns, row count and SHA-256, and a checksum of the manifest itself) and one JSON Lines member per table,
``tables/<name>.jsonl``, one object per row ordered by primary key. Values are written by column type so that
SQLite and PostgreSQL read them back alike: dates and datetimes in ISO 8601, JSON columns as their JSON text
(``null`` for SQL NULL), booleans as ``true``/``false``, NULL as ``null``. A new table or column of the schema is
included without change here.

``restore`` checks the whole archive (zip names, sizes, checksums, row counts, columns, schema revision = head)
before it writes anything, refuses a database holding rows unless ``replace=True``, then writes every table in one
transaction (and moves PostgreSQL's sequences past the restored ids).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Engine, Integer, Numeric, func, inspect, null, select, text

from plans import access, audit
from plans.access import Actor
from plans.db import current_revision, head_revision, upgrade
from plans.i18n import text as _text
from plans.schema import metadata

FORMAT = "vigie-backup"
VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST = 2**20
MAX_UNZIPPED = 4 * 2**30  # bytes, all members together (a zip bomb is stopped while reading)
MAX_RATIO = 200  # uncompressed / compressed, checked above RATIO_FLOOR
RATIO_FLOOR = 64 * 2**20
BATCH = 1000
TRAIL = "audit_log"  # append-only (plans.audit): a restore over a database keeps its trail and adds to it
_CHUNK = 2**16


class BackupError(Exception):
    """An archive or a database refused: ``code`` names the text ``backup.error.<code>``."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "fr") -> str:
        return _text(f"backup.error.{self.code}", lang, **self.params)

    def __str__(self) -> str:
        return self.message()


# --- values ---------------------------------------------------------------------------------------------------


def _encode(column: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, JSON):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decode(column: Any, value: Any) -> Any:
    kind = column.type
    if value is None:
        return null() if isinstance(kind, JSON) else None  # SQL NULL, not the JSON value null
    if isinstance(kind, JSON):
        return json.loads(value)
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(value)
        return value
    if isinstance(kind, Numeric) and not isinstance(kind, Integer) and getattr(kind, "asdecimal", False):
        return Decimal(value)
    return value


def _member(table_name: str) -> str:
    return f"tables/{table_name}.jsonl"


def _manifest_checksum(manifest: dict) -> str:
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


# --- backup ---------------------------------------------------------------------------------------------------


def _rows(conn: Any, table: Any) -> Iterator[bytes]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = conn.execution_options(stream_results=True).execute(select(table).order_by(*order))
    columns = list(table.columns)
    for row in result:
        record = {c.name: _encode(c, v) for c, v in zip(columns, row, strict=True)}
        yield (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def write_backup(engine: Engine, out: str | os.PathLike | IO[bytes], *, actor: Actor) -> dict:
    """Write every table of the database to the zip archive ``out`` (a path, written atomically, or a binary
    file); return the manifest. The database must be at the code's schema revision; ``actor`` may back up
    (``plans.access``: an admin) and the backup is recorded in the audit trail (after the archive: it is not in
    it)."""
    revision, head = current_revision(engine), head_revision()
    if revision != head:
        raise BackupError("source_revision", revision=revision or "—", head=head)
    access.require(engine, actor, "backup")
    if not isinstance(out, str | os.PathLike):
        manifest = _write(engine, out, head)
    else:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                manifest = _write(engine, fh, head)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    with engine.begin() as conn:
        audit.record(conn, actor, "backup", summary=_text(
            "audit.summary.backup", tables=len(manifest["tables"]), rows=sum(t["rows"] for t in manifest["tables"])))
    return manifest


def backup_bytes(engine: Engine, *, actor: Actor) -> bytes:
    """The archive of :func:`write_backup` in memory (the dashboard's download)."""
    buf = io.BytesIO()
    write_backup(engine, buf, actor=actor)
    return buf.getvalue()


def _write(engine: Engine, fh: IO[bytes], revision: str) -> dict:
    tables = []
    with engine.connect() as conn, zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as z:
        if engine.dialect.name == "postgresql":  # one snapshot for every table
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        elif engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN")  # pysqlite opens no transaction for reads: one WAL snapshot
        for table in metadata.sorted_tables:
            digest, count = hashlib.sha256(), 0
            with z.open(_member(table.name), "w", force_zip64=True) as member:
                for line in _rows(conn, table):
                    member.write(line)
                    digest.update(line)
                    count += 1
            tables.append({"name": table.name, "member": _member(table.name), "rows": count,
                           "sha256": digest.hexdigest(), "columns": [c.name for c in table.columns]})
        conn.rollback()
        manifest = {"format": FORMAT, "version": VERSION, "schema_revision": revision,
                    "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                    "database": engine.dialect.name, "tables": tables}
        manifest["checksum"] = _manifest_checksum(manifest)
        z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


# --- reading an archive ---------------------------------------------------------------------------------------


def _open(source: str | os.PathLike | IO[bytes]) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise BackupError("not_a_backup") from None
    except OSError as exc:
        raise BackupError("unreadable", detail=exc.strerror or str(exc)) from None


def _check_names(z: zipfile.ZipFile) -> None:
    infos = z.infolist()
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        if name.startswith(("/", "\\")) or "\\" in name or ".." in parts or (parts and ":" in parts[0]):
            raise BackupError("unsafe_name", name=name)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > MAX_UNZIPPED or (total > RATIO_FLOOR and total > MAX_RATIO * max(packed, 1)):
        raise BackupError("too_large", size=total // 2**20)


def _read_member(z: zipfile.ZipFile, name: str, budget: list[int]) -> Iterator[bytes]:
    """The member's bytes in chunks, counting against ``budget`` (what a zip bomb declares is not trusted)."""
    try:
        with z.open(name) as fh:
            while chunk := fh.read(_CHUNK):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise BackupError("too_large", size=MAX_UNZIPPED // 2**20)
                yield chunk
    except KeyError:
        raise BackupError("missing_member", name=name) from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):  # CRC, truncation
        raise BackupError("damaged_member", name=name) from None


def _lines(z: zipfile.ZipFile, name: str, budget: list[int]) -> Iterator[bytes]:
    rest = b""
    for chunk in _read_member(z, name, budget):
        rest += chunk
        *lines, rest = rest.split(b"\n")
        for line in lines:
            yield line + b"\n"
    if rest:
        yield rest


def read_manifest(z: zipfile.ZipFile) -> dict:
    """The archive's manifest, checked against the code's schema; raises BackupError."""
    _check_names(z)
    try:
        info = z.getinfo(MANIFEST)
    except KeyError:
        raise BackupError("not_a_backup") from None
    if info.file_size > MAX_MANIFEST:
        raise BackupError("manifest_altered")
    raw = b"".join(_read_member(z, MANIFEST, [MAX_MANIFEST]))
    try:
        manifest = json.loads(raw)
    except ValueError:
        raise BackupError("manifest_altered") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("not_a_backup")
    if manifest.get("checksum") != _manifest_checksum(manifest):
        raise BackupError("manifest_altered")
    if manifest.get("version") != VERSION:
        raise BackupError("version", version=manifest.get("version"), expected=VERSION)
    head = head_revision()
    if manifest.get("schema_revision") != head:
        raise BackupError("revision", revision=manifest.get("schema_revision"), head=head)
    listed = {t["name"]: t for t in manifest.get("tables", [])}
    for table in metadata.sorted_tables:
        entry = listed.pop(table.name, None)
        if entry is None:
            raise BackupError("missing_table", table=table.name)
        if entry.get("columns") != [c.name for c in table.columns] or entry.get("member") != _member(table.name):
            raise BackupError("columns", table=table.name)
    if listed:
        raise BackupError("unknown_table", table=", ".join(sorted(listed)))
    return manifest


def verify(source: str | os.PathLike | IO[bytes]) -> dict:
    """Check the whole archive (names, sizes, manifest, checksums, row counts, every value readable) without
    touching any database; return its manifest or raise BackupError."""
    with _open(source) as z:
        manifest = read_manifest(z)
        budget = [MAX_UNZIPPED]
        for entry in manifest["tables"]:
            table = metadata.tables[entry["name"]]
            digest, count = hashlib.sha256(), 0
            for line in _lines(z, entry["member"], budget):
                digest.update(line)
                count += 1
                _row(table, line, entry)
            if digest.hexdigest() != entry["sha256"]:
                raise BackupError("checksum", name=entry["member"])
            if count != entry["rows"]:
                raise BackupError("count", table=entry["name"], rows=count, expected=entry["rows"])
    return manifest


def _row(table: Any, line: bytes, entry: dict) -> dict:
    try:
        record = json.loads(line)
        if not isinstance(record, dict) or list(record) != entry["columns"]:
            raise ValueError(line[:80])
        return {c.name: _decode(c, record[c.name]) for c in table.columns}
    except (ValueError, TypeError, KeyError):
        raise BackupError("bad_row", table=table.name) from None


# --- restore --------------------------------------------------------------------------------------------------


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows of each table of the schema present in the database (a table not created yet is absent)."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in metadata.sorted_tables if t.name in present}


def is_empty(engine: Engine) -> bool:
    """Whether the database holds no data (its audit trail does not count: a restore keeps and extends it)."""
    return not any(n for name, n in row_counts(engine).items() if name != TRAIL)


def restore(engine: Engine, source: str | os.PathLike | IO[bytes], *, actor: Actor, replace: bool = False) -> dict:
    """Load the archive ``source`` into ``engine``'s database; return the manifest. ``actor`` must be allowed to
    restore (``plans.access``: an admin; a refusal is recorded when the database has its trail). The archive is
    checked whole first; a database holding rows is refused unless ``replace`` (its rows are then deleted in the
    same transaction — all but the audit trail, which keeps its rows and gains the archive's it lacks, then the
    restore's own). A database without schema is migrated to head first."""
    access.require(engine if current_revision(engine) == head_revision() else None, actor, "restore")
    if not isinstance(source, str | os.PathLike):
        source = io.BytesIO(source.read())  # read twice: once to verify, once to write
    manifest = verify(source)
    if not replace and not is_empty(engine):
        raise BackupError("not_empty")
    if current_revision(engine) != head_revision():
        upgrade(engine)
    if hasattr(source, "seek"):
        source.seek(0)
    with _open(source) as z, engine.begin() as conn:
        if replace:
            for table in reversed(metadata.sorted_tables):
                if table.name != TRAIL:  # append-only: the database refuses, and the trail must survive
                    conn.execute(table.delete())
        budget = [MAX_UNZIPPED]
        for entry in manifest["tables"]:
            _insert_table(conn, z, entry, budget)
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
        audit.record(conn, actor, "restore", summary=_text(
            "audit.summary.restore", tables=len(manifest["tables"]), rows=sum(t["rows"] for t in manifest["tables"]),
            created=str(manifest.get("created_at", ""))[:10]))
    return manifest


def _kept_trail(conn: Any) -> dict[int, tuple]:
    """The audit rows the database holds (id → when, kind, who): a restore appends to the trail, never rewrites."""
    t = metadata.tables[TRAIL]
    return {r.id: (r.at, r.kind, r.actor) for r in conn.execute(select(t.c.id, t.c.at, t.c.kind, t.c.actor))}


def _insert_table(conn: Any, z: zipfile.ZipFile, entry: dict, budget: list[int]) -> None:
    table = metadata.tables[entry["name"]]
    kept = _kept_trail(conn) if table.name == TRAIL else {}
    batch: list[dict] = []
    digest = hashlib.sha256()  # again: the file could have changed since it was verified
    for line in _lines(z, entry["member"], budget):
        digest.update(line)
        row = _row(table, line, entry)
        if kept:  # the archive's entries the trail already holds are skipped; others appended with new ids
            if kept.get(row["id"]) == (row["at"], row["kind"], row["actor"]):
                continue
            row = {k: v for k, v in row.items() if k != "id"}
            conn.execute(table.insert(), [row])
            continue
        batch.append(row)
        if len(batch) >= BATCH:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
    if digest.hexdigest() != entry["sha256"]:
        raise BackupError("checksum", name=entry["member"])


def _reset_sequences(conn: Any) -> None:
    """Move each serial/identity sequence past the largest restored id (the rows came with explicit ids)."""
    for table in metadata.sorted_tables:
        for column in table.primary_key.columns:
            if not isinstance(column.type, Integer) or column.autoincrement is False:
                continue
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": table.name, "c": column.name}).scalar()
            if seq:
                conn.execute(select(func.setval(seq, func.coalesce(func.max(column), 1),
                                                func.max(column).isnot(None))).select_from(table))
