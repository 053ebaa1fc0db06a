"""A measure keeps its catalogue source and confidence after an import; the import's own source is shown beside
them (« Importé de FILE le DATE »)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from plans import rules
from plans.access import CLI
from plans.db import make_engine, upgrade
from plans.normalize import ref_key
from plans.records import Measures, Snapshot
from plans.snapshots import write_snapshot
from tests import factories as f
from tests.conftest import app_on

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


def _store(engine) -> None:
    f.make_plan(engine, "p")
    f.add_measure(engine, "p", "M1", title_fr="Former les agents")
    f.add_assessment(engine, "p", "M1", "2025-01-31", "in_progress", summary="lancé",
                     source_url="https://example.org/rapport")
    rec = {"ref": "M1", "key": ref_key("M1"), "row": 5, "title_fr": None, "status": "done", "status_as_reported": "fait",
           "voice": None, "comment": "formation faite", "source_url": None, "confidence": None}
    write_snapshot(engine, Snapshot(plan_id="p", as_of=dt.date(2025, 6, 30), as_of_origin="option",
                                    file_name="suivi-juin.xlsx", file_hash="0" * 64, has_measures=True,
                                    measures=Measures.from_records([rec]), rows_read=1), actor=CLI)


def test_measure_detail_keeps_the_catalogue_source_and_names_the_import(migrated):
    _store(migrated)
    m = rules.measure_detail(migrated, "p", "M1", dt.date(2025, 12, 31))
    assert (m["catalogue_source_url"], m["catalogue_confidence"]) == ("https://example.org/m", "confirmed")
    assert m["last_import"]["file_name"] == "suivi-juin.xlsx" and m["last_import"]["as_of"] == "2025-06-30"
    assert m["last_import"]["imported_on"] == dt.date.today().isoformat()
    before = rules.measure_detail(migrated, "p", "M1", dt.date(2025, 3, 31))
    assert before["last_import"] is None  # not yet imported at that date


@pytest.fixture
def page_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'sources.db'}"
    eng = make_engine(url)
    upgrade(eng)
    _store(eng)
    eng.dispose()
    yield from app_on(url, monkeypatch)


def test_measure_page_shows_the_catalogue_source_and_the_import_beside_it(page_db):
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = dt.date(2025, 12, 31)
    at.run()
    at.switch_page("app_pages/measure.py")
    at.query_params["ref"] = "M1"
    at.run()
    assert not at.exception, at.exception
    captions = "\n".join(c.value for c in at.caption).replace("\\", "")  # markdown escapes of plain()
    assert "https://example.org/m" in captions and "confirmed" in captions
    assert f"Importé de « suivi-juin.xlsx » le {dt.date.today().day} " in captions
