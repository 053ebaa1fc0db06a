"""``loaders import --association NAME``: the file is an association's, every row recorded as the civil society's
voice under that association, and so is the run. The command line and a coordinator may import for any
association; a contributor only for their own (refused otherwise, and the refusal is in the audit trail)."""

from __future__ import annotations

import contextlib

from sqlalchemy import select

from loaders.cli import main as loaders_main
from plans import audit, people
from plans import schema as s
from plans.access import CLI
from tools import golden

PLAN = "pna-2024-2027"


def _csv(tmp_path, as_of="2025-01-31"):
    path = tmp_path / f"suivi-{as_of}.csv"
    path.write_text(golden.SNAPSHOTS[as_of], encoding="utf-8")
    return path


def _runs(engine):
    r = s.import_runs
    with engine.connect() as conn:
        return conn.execute(select(r.c.association, r.c.imported_by).where(r.c.plan_id == PLAN, r.c.outcome == "imported")
                            .order_by(r.c.id)).all()


def _voices(engine):
    a = s.assessments
    with engine.connect() as conn:
        return set(conn.execute(select(a.c.voice, a.c.association).where(a.c.association.is_not(None))).all())


def test_import_for_an_association(sqlite_seeded, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", str(sqlite_seeded.url))
    people.add(sqlite_seeded, CLI, "ana@collectif.fr", "admin", name="Ana")
    ana = people.actor_for(sqlite_seeded, "ana@collectif.fr")
    people.add(sqlite_seeded, ana, "marie@asso.fr", "contributeur", association="Asso A", name="Marie")
    # a contributor naming another association: refused before the file is read, recorded
    assert loaders_main(["import", str(_csv(tmp_path)), "--plan", PLAN, "--as", "marie@asso.fr",
                         "--association", "Asso B"]) == 2
    err = capsys.readouterr().err
    assert "Asso B" in err and "Traceback" not in err
    assert [r["email"] for r in audit.entries(sqlite_seeded, kind="write_refused")] == ["marie@asso.fr"]
    assert _runs(sqlite_seeded) == []
    # their own association: recorded under it
    assert loaders_main(["import", str(_csv(tmp_path)), "--plan", PLAN, "--as", "marie@asso.fr",
                         "--association", "Asso A"]) == 0
    # the command line, for another association: its own chain, recorded under it
    assert loaders_main(["import", str(_csv(tmp_path, "2025-06-30")), "--plan", PLAN,
                         "--association", "  Asso B "]) == 0
    assert _runs(sqlite_seeded) == [("Asso A", "Marie <marie@asso.fr>"), ("Asso B", "ligne de commande")]
    assert _voices(sqlite_seeded) == {("civil_society", "Asso A"), ("civil_society", "Asso B")}


def test_the_option_is_in_the_help(capsys):
    with contextlib.suppress(SystemExit):
        loaders_main(["import", "--help"])
    assert "--association" in capsys.readouterr().out
