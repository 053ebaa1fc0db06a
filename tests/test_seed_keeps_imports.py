"""Re-seeding (every `make run` does) never undoes what a coordinator's import changed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from loaders import import_file
from plans import schema as s
from plans.access import CLI
from plans.seed import seed
from tests.conftest import seeded_sqlite

PLAN = "pna-2024-2027"


def _measure(eng, ref):
    with eng.connect() as conn:
        return conn.execute(select(s.measures).where(s.measures.c.plan_id == PLAN, s.measures.c.ref == ref)
                            ).mappings().one()


def test_reseed_keeps_a_deadline_changed_by_import(tmp_path):
    eng = seeded_sqlite(tmp_path / "v.db")
    before = _measure(eng, "F01")
    csv = tmp_path / "suivi.csv"
    csv.write_text("Réf.;Échéance;Statut;Pilote\nF01;fin 2026;en cours;MIPROF et ENM\n", encoding="utf-8")
    report = import_file(csv, PLAN, eng, as_of=dt.date(2026, 3, 1), actor=CLI)
    assert report.ok, report
    imported = _measure(eng, "F01")
    assert imported["deadline_text"] == "fin 2026" and imported["deadline_end"] == dt.date(2026, 12, 31)
    assert imported["lead_body"] == "MIPROF et ENM"
    seed(eng)
    after = _measure(eng, "F01")
    assert (after["deadline_text"], after["deadline_end"], after["lead_body"]) == \
        ("fin 2026", dt.date(2026, 12, 31), "MIPROF et ENM")
    # what the import did not touch still follows the catalogue
    assert after["title_fr"] == before["title_fr"] and after["evidence_summary"] == before["evidence_summary"]
    eng.dispose()
