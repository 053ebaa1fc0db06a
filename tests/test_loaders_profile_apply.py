"""The layouts people keep, imported end to end with an import profile (loaders.import_file and
``python -m loaders import``): the dated snapshots written, refs made from titles stable from one import to
the next, the next file of the same shape read with the plan's saved profile."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from loaders import import_file
from loaders.rows import generated_ref
from plans import schema as s
from plans.access import CLI
from plans.db import make_engine, upgrade
from tests.test_loaders_layouts import DATED, DATED_PROFILE, SPANISH, write

ROOT = Path(__file__).resolve().parents[1]
PLAN = "suivi-essai"


def _engine(tmp_path: Path):
    eng = make_engine(f"sqlite:///{tmp_path / 'v.db'}")
    upgrade(eng)
    return eng


def _assessments(engine) -> list[tuple]:
    m, a = s.measures, s.assessments
    q = (select(m.c.ref, a.c.as_of, a.c.status, a.c.comment, m.c.axis_text)
         .join(a, a.c.measure_id == m.c.id).where(m.c.plan_id == PLAN).order_by(a.c.as_of, m.c.ref))
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(q)]


def test_dated_columns_write_one_snapshot_per_date(tmp_path):
    eng = _engine(tmp_path)
    report = import_file(write(tmp_path, "xlsx", {"Suivi": DATED}), PLAN, eng, profile=DATED_PROFILE, actor=CLI)
    assert report.ok, [e.message for e in report.errors]
    june, dec = dt.date(2025, 6, 30), dt.date(2025, 12, 31)
    assert report.as_of == dec
    rows = _assessments(eng)
    assert [(ref, day, status) for ref, day, status, _c, _a in rows if day == june] == [
        ("F01", june, "not_started"), ("F02", june, "in_progress")]
    assert {(ref, status) for ref, day, status, _c, _a in rows if day == dec} >= {("F01", "in_progress"),
                                                                                  ("F03", "in_progress")}
    assert ("F01", june, "not_started", "rien", "Axe 1") in rows
    eng.dispose()


def test_the_next_file_of_the_same_shape_is_read_with_the_saved_profile(tmp_path):
    eng = _engine(tmp_path)
    profile = {"dated": {"Estado DIC 2025": ["status", "2025-12-31"]},
               "values": {"status": {"cumplido": "done", "en proceso": "in_progress"}}}
    first = import_file(write(tmp_path, "xlsx", {"Seguimiento": SPANISH}, name="dic"), PLAN, eng, profile=profile,
                        actor=CLI)
    assert first.ok, [e.message for e in first.errors]
    later = [[*row[:3], "Cumplido"] if row[:1] == ["2"] else row for row in SPANISH]
    second = import_file(write(tmp_path, "csv", {"Seguimiento": later}, name="dic-bis"), PLAN, eng, actor=CLI)
    assert second.ok, [e.message for e in second.errors]
    assert [r for r in _assessments(eng) if r[0] == "2"][-1][2] == "done"
    eng.dispose()


def test_refs_made_from_titles_are_the_same_on_the_next_import(tmp_path):
    eng = _engine(tmp_path)
    rows = [["Promise", "Status"], ["Build 100 schools", "in progress"], ["Cut taxes", "not started"]]
    assert import_file(write(tmp_path, "csv", {"T": rows}, name="t1"), PLAN, eng, as_of=dt.date(2025, 6, 30),
                       actor=CLI).ok
    rows2 = [["Promise", "Status"], ["build 100 SCHOOLS", "delivered"], ["Cut taxes", "not started"]]
    report = import_file(write(tmp_path, "csv", {"T": rows2}, name="t2"), PLAN, eng, as_of=dt.date(2025, 12, 31),
                         actor=CLI)
    assert report.ok and report.counts["measures_added"] == 0
    ref = generated_ref("Build 100 schools")
    assert [(d, st) for r, d, st, _c, _a in _assessments(eng) if r == ref] == [
        (dt.date(2025, 6, 30), "in_progress"), (dt.date(2025, 12, 31), "done")]
    eng.dispose()


def test_cli_maps_a_split_ref_and_a_spelling(tmp_path):
    rows = [["N°", "Lettre", "Intitulé", "Statut"], [34, "a", "Former", "delivered"], [34, None, "Guide", "bof"]]
    path = write(tmp_path, "xlsx", {"Suivi": rows})
    db = f"sqlite:///{tmp_path / 'cli.db'}"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "loaders", "import", str(path), "--plan", PLAN,
                               "--as-of", "2025-06-30", "--database", db, *args],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)

    refused = run("--map", "N°+Lettre=ref")
    assert refused.returncode == 1 and '--value "status:bof=CODE"' in refused.stdout
    done = run("--map", "N°+Lettre=ref", "--value", "status:bof=partial")
    assert done.returncode == 0, done.stdout + done.stderr
    eng = make_engine(db)
    assert {(r, st) for r, _d, st, _c, _a in _assessments(eng)} == {("34a", "done"), ("34", "partial")}
    eng.dispose()
