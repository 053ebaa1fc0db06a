"""plans.backup and ``python -m plans backup|restore``: a store goes from SQLite to PostgreSQL (and back) with every
``--json`` output unchanged; altered, truncated or unsafe archives and non-empty targets are refused before
anything is written; ``restore --replace`` and ``downgrade`` ask for --yes and back the database up first."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from plans import audit, backup
from plans.access import CLI
from plans.backup import BackupError
from plans.db import current_revision, head_revision, make_engine, upgrade
from plans.schema import assessments, import_runs, metadata
from tools import golden


def _data(counts: dict[str, int]) -> dict[str, int]:
    """Row counts but the audit trail's (each backup and restore adds its own row)."""
    return {name: n for name, n in counts.items() if name != "audit_log"}


def _run(program: str, argv: list[str], url: str, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", url)
    return golden._run_one(program, argv)


def _build_store(url: str, tmp: Path, monkeypatch) -> None:
    """The golden store: the seeded catalogue and the multi-snapshot fixture imported through the loaders CLI."""
    for as_of, content in golden.SNAPSHOTS.items():
        (tmp / f"{as_of}.csv").write_text(content, encoding="utf-8")
    (tmp / "bad.csv").write_text(golden.BAD, encoding="utf-8")
    (tmp / "annonces.csv").write_text(golden.ANNOUNCEMENTS, encoding="utf-8")
    for program, argv in golden._commands(tmp):
        if program == "loaders" or argv == ["seed"]:
            _run(program, argv, url, monkeypatch)


def _json_commands(tmp: Path) -> list[list[str]]:
    return [argv for program, argv in golden._commands(tmp) if program == "plans" and "--json" in argv]


def _outputs(url: str, tmp: Path, monkeypatch) -> dict[str, tuple[int, str, str]]:
    return {" ".join(argv): _run("plans", argv, url, monkeypatch) for argv in _json_commands(tmp)}


def _url(kind: str, tmp: Path, request) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'vigie.db'}"
    return request.getfixturevalue("pg_server").create_database(f"backup_{tmp.name}".replace("-", "_").lower())


@pytest.mark.postgres
@pytest.mark.parametrize("source,target", [("sqlite", "postgres"), ("postgres", "sqlite")])
def test_a_store_moves_to_the_other_database_with_identical_outputs(source, target, tmp_path, request, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "dst").mkdir()
    src_url, dst_url = _url(source, tmp_path / "src", request), _url(target, tmp_path / "dst", request)
    _build_store(src_url, tmp_path, monkeypatch)
    src, dst = make_engine(src_url), make_engine(dst_url)
    try:
        archive = tmp_path / "sauvegarde.zip"
        manifest = backup.write_backup(src, archive, actor=CLI)
        counts = backup.row_counts(src)
        assert _data({t["name"]: t["rows"] for t in manifest["tables"]}) == _data(counts)
        assert [t["name"] for t in manifest["tables"]] == [t.name for t in metadata.sorted_tables]
        assert counts["assessments"] > 15 and counts["import_runs"] >= 5 and counts["announcements"] > 0
        assert manifest["schema_revision"] == head_revision()

        backup.restore(dst, archive, actor=CLI)  # an empty database without schema: migrated, then filled
        assert current_revision(dst) == head_revision()
        assert _data(backup.row_counts(dst)) == _data(counts)
        kinds = [r["kind"] for r in audit.entries(dst)]  # the trail came along (not the backup's own row: after it)
        assert kinds[0] == "restore" and "catalogue_loaded" in kinds
        again = backup.write_backup(dst, tmp_path / "again.zip", actor=CLI)  # the same rows, value for value
        assert [t["sha256"] for t in again["tables"] if t["name"] != "audit_log"] == \
            [t["sha256"] for t in manifest["tables"] if t["name"] != "audit_log"]

        expected = _outputs(src_url, tmp_path, monkeypatch)
        assert len(expected) > 20 and sum(rc == 0 for rc, _, _ in expected.values()) > 20
        assert _outputs(dst_url, tmp_path, monkeypatch) == expected

        with dst.begin() as conn:  # the sequences were moved past the restored ids
            run = conn.execute(import_runs.insert().values(
                file_name="x", started_at=dt.datetime(2026, 1, 1), outcome="noop")).inserted_primary_key[0]
        assert run > max(_ids(src, import_runs))
    finally:
        src.dispose()
        dst.dispose()


def _ids(engine, table) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(select(table.c.id)).scalars())


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A small golden store on SQLite and its backup."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    _build_store(url, tmp_path, monkeypatch)
    eng = make_engine(url)
    backup.write_backup(eng, tmp_path / "ok.zip", actor=CLI)
    yield eng, tmp_path / "ok.zip"
    eng.dispose()


def _rewrite(src: Path, dst: Path, change) -> None:
    """Copy the archive, ``change(name, data) -> (name, data)`` applied to each member."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            name, data = change(info.filename, zin.read(info.filename))
            zout.writestr(name, data)


def _refused(engine, archive, code: str, **kw) -> BackupError:
    with pytest.raises(BackupError) as caught:
        backup.restore(engine, archive, **kw, actor=CLI)
    assert caught.value.code == code, caught.value.message()
    return caught.value


def test_restore_refuses_a_database_holding_rows_unless_replace(store, tmp_path):
    src, archive = store
    target = make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    upgrade(target)
    from plans.seed import seed

    seed(target)
    seeded_counts = backup.row_counts(target)
    error = _refused(target, archive, "not_empty")
    assert "--replace" in error.message() and "rien n'a été restauré" in error.message()
    assert backup.row_counts(target) == seeded_counts
    backup.restore(target, archive, replace=True, actor=CLI)
    assert _data(backup.row_counts(target)) == _data(backup.row_counts(src))
    kinds = [r["kind"] for r in audit.entries(target)]  # the target's trail kept, the archive's added, then the restore
    assert kinds[0] == "restore" and kinds.count("catalogue_loaded") == 2  # the target's seed, the archive's
    with target.connect() as conn:  # an imported status is there
        assert conn.execute(select(assessments.c.id).where(assessments.c.origin == "import")).first()
    target.dispose()


def _flip_one_byte(name: str, data: bytes) -> tuple[str, bytes]:
    if name == "tables/assessments.jsonl":
        i = data.index(b'"status":"') + len(b'"status":"')
        data = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]
    return name, data


def _edit_manifest(edit):
    def change(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            edit(manifest)
            data = json.dumps(manifest).encode()
        return name, data
    return change


def _recount(manifest):
    manifest["checksum"] = backup._manifest_checksum(manifest)


@pytest.mark.parametrize("case,code,words", [
    ("byte", "checksum", "tables/assessments.jsonl"),
    ("manifest", "manifest_altered", "manifest.json"),
    ("count", "count", "assessments"),
    ("revision", "revision", "0001"),
    ("truncated", "not_a_backup", "zip"),
    ("dotdot", "unsafe_name", "../"),
    ("absolute", "unsafe_name", "/etc"),
    ("not_zip", "not_a_backup", "Vigie"),
    ("no_table", "missing_table", "links"),
])
def test_altered_or_unsafe_archives_are_refused_before_anything_is_written(store, tmp_path, case, code, words):
    _, archive = store
    bad = tmp_path / "bad.zip"
    if case == "byte":
        _rewrite(archive, bad, _flip_one_byte)
    elif case == "manifest":  # a row count changed by hand, the manifest's own checksum left as it was
        _rewrite(archive, bad, _edit_manifest(lambda m: m["tables"][0].update(rows=m["tables"][0]["rows"] + 1)))
    elif case == "count":  # ... and the manifest's checksum recomputed: the count no longer matches the member
        def edit(m):
            next(t for t in m["tables"] if t["name"] == "assessments")["rows"] -= 1
            _recount(m)
        _rewrite(archive, bad, _edit_manifest(edit))
    elif case == "revision":
        _rewrite(archive, bad, _edit_manifest(lambda m: (m.update(schema_revision="0001"), _recount(m))))
    elif case == "truncated":
        data = archive.read_bytes()
        bad.write_bytes(data[: len(data) // 2])
    elif case in ("dotdot", "absolute"):
        _rewrite(archive, bad, lambda n, d: (n, d))
        with zipfile.ZipFile(bad, "a") as z:
            z.writestr("../evil.txt" if case == "dotdot" else "/etc/evil.txt", b"x")
    elif case == "not_zip":
        bad.write_text("Réf.;Intitulé\n1;x\n", encoding="utf-8")
    elif case == "no_table":
        def drop(m):
            m["tables"] = [t for t in m["tables"] if t["name"] != "links"]
            _recount(m)
        _rewrite(archive, bad, _edit_manifest(drop))
    target = make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    error = _refused(target, bad, code)
    assert words in error.message(), error.message()
    assert error.message("en") != error.message("fr")
    assert current_revision(target) is None and backup.row_counts(target) == {}  # nothing written, not even the schema
    target.dispose()


def test_a_zip_bomb_is_stopped_while_reading(store, tmp_path, monkeypatch):
    _, archive = store
    bad = tmp_path / "bomb.zip"

    def inflate(name, data):
        if name == "tables/plans.jsonl":
            data = data + b"\n" * (3 * 2**20)  # compresses to a few kB
        return name, data
    _rewrite(archive, bad, inflate)
    monkeypatch.setattr(backup, "MAX_UNZIPPED", 2**20)
    target = make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    _refused(target, bad, "too_large")
    monkeypatch.setattr(backup, "MAX_UNZIPPED", 2**30)
    monkeypatch.setattr(backup, "RATIO_FLOOR", 2**20)
    monkeypatch.setattr(backup, "MAX_RATIO", 50)
    _refused(target, bad, "too_large")
    target.dispose()


def test_a_member_changed_after_verification_is_not_committed(store, tmp_path, monkeypatch):
    """restore reads the archive twice (verify, then write): a file changed in between rolls back."""
    _, archive = store
    bad = tmp_path / "bad.zip"

    def flip_a_comment(name, data):  # still a valid row: only the checksum tells
        if name == "tables/assessments.jsonl":
            data = data.replace(b'"comment":"Guide', b'"comment":"Huide', 1)
        return name, data
    _rewrite(archive, bad, flip_a_comment)
    real = backup.verify
    monkeypatch.setattr(backup, "verify", lambda source: real(archive))
    target = make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    _refused(target, bad, "checksum")
    assert not any(backup.row_counts(target).values())
    target.dispose()


def test_cli_backup_restore_replace_and_downgrade(store, tmp_path, monkeypatch):
    src, _ = store
    src_url = str(src.url)
    out = tmp_path / "cli.zip"
    rc, stdout, err = _run("plans", ["backup", str(out)], src_url, monkeypatch)
    assert rc == 0, err
    assert str(out) in stdout and backup.verify(out)["tables"]
    in_memory = backup.verify(io.BytesIO(backup.backup_bytes(src, actor=CLI)))  # the page's download
    assert [t["sha256"] for t in in_memory["tables"] if t["name"] != "audit_log"] == \
        [t["sha256"] for t in backup.verify(out)["tables"] if t["name"] != "audit_log"]

    dst_url = f"sqlite:///{tmp_path / 'cli-target.db'}"
    rc, stdout, err = _run("plans", ["restore", str(out)], dst_url, monkeypatch)
    assert rc == 0, err
    dst = make_engine(dst_url)
    assert _data(backup.row_counts(dst)) == _data(backup.row_counts(src))

    rc, _, err = _run("plans", ["restore", str(out)], dst_url, monkeypatch)  # not empty any more
    assert rc == 1 and "--replace" in err and "Traceback" not in err
    rc, _, err = _run("plans", ["restore", str(out), "--replace"], dst_url, monkeypatch)
    assert rc == 2 and "--yes" in err
    before = tmp_path / "avant.zip"
    rc, stdout, err = _run("plans", ["restore", str(out), "--replace", "--yes", "--backup-to", str(before)],
                           dst_url, monkeypatch)
    assert rc == 0, err
    assert str(before) in stdout and backup.verify(before)["tables"]

    bad = tmp_path / "bad.zip"
    _rewrite(out, bad, _flip_one_byte)
    rc, _, err = _run("plans", ["restore", str(bad), "--replace", "--yes", "--backup-to", str(tmp_path / "b2.zip")],
                      dst_url, monkeypatch)
    assert rc == 1 and "empreinte SHA-256" in err and "Traceback" not in err
    assert not (tmp_path / "b2.zip").exists()  # the archive is checked before the current base is backed up

    rc, _, err = _run("plans", ["downgrade"], dst_url, monkeypatch)
    assert rc == 2 and "--yes" in err
    assert current_revision(dst) == head_revision()
    saved = tmp_path / "before-downgrade.zip"
    rc, stdout, err = _run("plans", ["downgrade", "--yes", "--backup-to", str(saved)], dst_url, monkeypatch)
    assert rc == 0, err
    assert current_revision(dst) is None
    assert str(saved) in stdout
    assert hashlib.sha256(saved.read_bytes()).hexdigest() and backup.verify(saved)["tables"]
    rc, _, err = _run("plans", ["restore", str(saved)], dst_url, monkeypatch)  # and back
    assert rc == 0, err
    assert _data(backup.row_counts(dst)) == _data(backup.row_counts(src))
    dst.dispose()


@pytest.mark.parametrize("editor", [True, False])
def test_the_data_page_offers_the_backup_to_editors_only(editor, sqlite_seeded, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import auth

    monkeypatch.setenv("DATABASE_URL", str(sqlite_seeded.url))
    if editor:  # no editor password configured: the local, single-user default, open
        monkeypatch.delenv("VIGIE_EDITOR_PASSWORD_HASH", raising=False)
    else:  # a password configured and not given: a visitor
        monkeypatch.setenv("VIGIE_EDITOR_PASSWORD_HASH", auth.hash_password("secret", salt=b"0" * 16))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("app_pages/data_page.py").run()
    assert not at.exception, at.exception
    labels = [getattr(e, "label", None) or e.proto.label for e in at.get("download_button")]
    assert ("Télécharger une sauvegarde" in labels) is editor, labels
    st.cache_resource.clear()
