"""Foundation: schema by migrations, idempotent seed, catalogue validity, both databases."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from plans import schema as s
from plans.catalogue import CatalogueError, load_catalogue, validate
from plans.db import current_revision, downgrade, upgrade
from plans.seed import changed, seed
from plans.store import list_plans

ROOT = Path(__file__).resolve().parents[1]


def test_migrations_up_and_down(engine):
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in s.metadata.sorted_tables} <= tables
    assert current_revision(engine) is not None
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert "assessments" in inspect(engine).get_table_names()


def test_seed_is_idempotent(migrated):
    first = seed(migrated)
    assert changed(first) > 0
    second = seed(migrated)
    assert changed(second) == 0


def test_seed_never_overwrites_imported_assessments(seeded):
    with seeded.begin() as conn:
        mid = conn.execute(select(s.measures.c.id).where(s.measures.c.ref == "F06")).scalar_one()
        conn.execute(s.assessments.insert().values(
            measure_id=mid, as_of=__import__("datetime").date(2026, 1, 15), status="done", voice="government",
            origin="import", source_url="file.xlsx", confidence="imported"))
    seed(seeded)
    with seeded.connect() as conn:
        rows = conn.execute(select(s.assessments.c.status).where(
            s.assessments.c.measure_id == mid, s.assessments.c.origin == "import")).all()
    assert rows == [("done",)]


def test_list_reports_declared_and_documented(seeded):
    plans = {p["id"]: p for p in list_plans(seeded)}
    pna = plans["pna-2024-2027"]
    assert pna["measures_declared"] == 60
    # 12 measures or commitments are documented; F03a/F03b are related actions, not counted.
    assert pna["measures_documented"] == 12
    assert plans["pna-2019-2021"]["measures_declared"] == 45
    assert plans["pna-2019-2021"]["measures_documented"] <= 45


def test_same_results_on_both_databases(seeded):
    """The figures a user sees do not depend on the database (compared to literal expectations)."""
    with seeded.connect() as conn:
        counts = dict(conn.execute(select(s.assessments.c.status, func.count()).group_by(s.assessments.c.status)).all())
        n_ann = conn.execute(select(func.count()).select_from(s.announcements)).scalar_one()
        chain = conn.execute(select(s.announcements.c.kind, s.announcements.c.expected_end, s.announcements.c.held_on)
                             .where(s.announcements.c.event_key == "comite-2024-1")
                             .order_by(s.announcements.c.seq)).all()
    assert counts == {"in_progress": 6, "initiated": 1, "partial": 4, "not_started": 2}
    assert n_ann == 19
    assert [c[0] for c in chain] == ["announced", "postponed", "postponed", "held"]
    assert str(chain[0][1]) == "2024-01-31" and str(chain[1][1]) == "2024-02-29"
    assert str(chain[-1][2]) == "2024-03-21"


def test_catalogue_rows_are_sourced_and_unique():
    cat = load_catalogue()
    assert validate(cat) == []
    for plan in cat.plans.values():
        refs = [m["ref"] for m in plan.measures]
        assert len(refs) == len(set(refs))
        for m in plan.measures:
            if m.get("title_fr"):
                assert m["source_url"] and m["confidence"], m["ref"]
        counted = [m for m in plan.measures if m["kind"] != "related_action" and m.get("title_fr")]
        assert len(counted) <= plan.meta["measures_declared"]


# Research-note wording of the English domain reference: never in a field users read in French.
ENGLISH_NOTE = __import__("re").compile(
    r"\b(inferred|not found|unknown|not stated|official title|reported:|per collective|the plan|measure)\b", 2)
FRENCH_FIELDS = {"axes": ("label_fr", "label_note", "description"),
                 "measures": ("axis_text", "axis_note", "actors_reported", "deadline_text", "deadline_note",
                              "evidence_summary"),
                 "assessments": ("summary",), "announcements": ("summary", "expected_text", "announced_on_text")}


def test_catalogue_texts_users_read_are_french():
    """The English original stays beside them (``*_source``) for provenance."""
    cat = load_catalogue()
    found = []
    for pid, plan in cat.plans.items():
        for name, fields in FRENCH_FIELDS.items():
            for row in getattr(plan, name):
                found += [(pid, name, row.get("ref") or row.get("event_key"), f, row[f]) for f in fields
                          if ENGLISH_NOTE.search(row.get(f) or "")]
        for key in ("period_text", "measures_declared_text", "steering_body", "notes"):
            if ENGLISH_NOTE.search(plan.meta.get(key) or ""):
                found.append((pid, "plan.toml", key, plan.meta[key]))
    for name, rows, fields in (("related", cat.related, ("years", "steering_body", "measures_count",
                                                         "known_shared_actions")),
                               ("events", cat.events, ("subject", "summary", "date_text")),
                               ("links", cat.links, ("note",))):
        found += [(name, f, row[f]) for row in rows for f in fields if ENGLISH_NOTE.search(row.get(f) or "")]
    assert found == []
    f03 = next(m for m in cat.plans["pna-2024-2027"].measures if m["ref"] == "F03")
    assert f03["deadline_text"] == "autour des Jeux olympiques et paralympiques de Paris 2024 (campagne)"
    assert f03["deadline_text_source"].startswith("around Paris 2024 Olympic")


def test_reseed_replaces_a_reworded_timeline_event(seeded):
    """Events are keyed by their wording: an event whose wording changed in the catalogue (here an
    old English summary) is removed by the next seed, not left beside the new one."""
    with seeded.begin() as conn:
        n = conn.execute(select(func.count()).select_from(s.events)).scalar_one()
        conn.execute(s.events.insert().values(date_iso="2013-01-03", kind="legal", subject="MIPROF",
                                              summary="Decree creates MIPROF.", source_url="x", confidence="confirmed"))
    counts = seed(seeded)
    assert counts["events.deleted"] == 1
    with seeded.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.events)).scalar_one() == n
        assert conn.execute(select(s.events.c.summary).where(s.events.c.date_iso == "2013-01-03")).scalars().all() \
            == ["Un décret crée la MIPROF."]


def test_catalogue_validation_lists_every_problem():
    cat = load_catalogue()
    plan = cat.plans["pna-2024-2027"]
    plan.measures.append(dict(plan.measures[0]))  # duplicate ref
    plan.assessments.append({**plan.assessments[0], "status": "finished", "source_url": ""})
    problems = validate(cat)
    assert any("double" in p for p in problems)
    assert any("statut inconnu finished" in p for p in problems)
    assert any("source_url manquante" in p for p in problems)
    with pytest.raises(CatalogueError):
        raise CatalogueError(problems)


def _cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "plans", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_seed_then_list(db_url):
    first = _cli(db_url, "seed")
    assert first.returncode == 0, first.stderr
    again = _cli(db_url, "seed")
    assert "rien n'a changé" in again.stdout
    out = _cli(db_url, "list")
    assert out.returncode == 0
    line = next(x for x in out.stdout.splitlines() if x.startswith("pna-2024-2027\t"))
    assert "60 mesures déclarées" in line and "12 documentées" in line


def test_cli_error_is_friendly(tmp_path):
    res = _cli("postgresql+psycopg://nobody@127.0.0.1:1/none", "list")
    assert res.returncode == 1
    assert "Traceback" not in res.stderr and "Erreur" in res.stderr


def _imports(package: str) -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def test_imports_flow_one_way():
    assert not {"loaders", "dashboard", "streamlit"} & _imports("plans")
    assert not {"dashboard", "streamlit"} & _imports("loaders")


def test_migrations_match_the_declared_schema(migrated):
    """The schema built by Alembic is exactly plans/schema.py (no forgotten revision)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with migrated.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), s.metadata)
    assert diff == []
