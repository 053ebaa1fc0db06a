"""Every page with every catalogue measure, after imports give measures fields they did not have.

A measure of the catalogue without deadline once crashed the deadlines page after an import gave it one.
One seeded store, three imports (fields appear; a measure vanishes; it reappears changed), then every
page, and the measure page for every measure of the plan.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from loaders import import_file
from plans import schema as s
from plans.access import CLI
from plans.rules import compute as c
from tests.conftest import app_on, seeded_sqlite

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PLAN = "pna-2024-2027"
AS_OF = dt.date(2026, 12, 1)
PAGES = ("measures.py", "measure.py", "deadlines.py", "changes.py", "overlaps.py", "brief.py", "data_page.py")
HEADER = "Réf.;Intitulé;Axe;Pilote;Échéance;État d'avancement;Commentaire\n"

# First import: measures of the catalogue without deadline, axis or lead body get them (a new axis too).
FIRST = HEADER + (
    "F02;Observatoire national de la traite;Axe transversal : protection et accompagnement des victimes;"
    "MIPROF;fin 2025;en cours;lancé\n"
    "F05;;;;30/06/2026;engagée;\n"
    "F06;;;;mi-2025;en cours;\n"
    "F07;;Axe 9 : prévention auprès des mineurs;;2026;engagée;appel publié\n"
    "G01;;Axe thématique : traite à des fins d'exploitation sexuelle;DGCS;fin 2024;non engagée;\n"
    "G02;;;DGCS;T3 2025;en cours;\n"
    "G05;;;;décembre 2025;en cours;\n"
)
# Second import: G01 and F07 vanish from the sheet; F02 and F05 slip.
SECOND = HEADER + (
    "F02;;;;fin 2026;en cours;retard\n"
    "F05;;;;fin 2026;en cours;\n"
    "F06;;;;mi-2025;réalisée;\n"
    "G02;;;;T3 2025;en cours;\n"
)
# Third import: G01 and F07 reappear, with other fields than before.
THIRD = HEADER + (
    "F02;;;;fin 2027;en cours;\n"
    "F07;;Axe transversal : protection et accompagnement des victimes;MIPROF;fin 2027;en cours;\n"
    "G01;Sensibiliser à la traite;;MIPROF;;en cours;reprise\n"
)


def test_deadline_chain_of_a_measure_that_gained_a_deadline_starts_with_it():
    """A first revision whose « before » is None: no deadline was known, so the chain holds no None date."""
    measures = pd.DataFrame([{"id": 1, "deadline_text": "fin 2026", "deadline_start": dt.date(2026, 10, 1),
                              "deadline_end": dt.date(2026, 12, 31)}])
    revs = pd.DataFrame([
        {"id": 1, "measure_id": 1, "as_of": dt.date(2025, 3, 31), "field": "deadline_text", "old_value": None,
         "new_value": "fin 2025"},
        {"id": 2, "measure_id": 1, "as_of": dt.date(2025, 9, 30), "field": "deadline_text", "old_value": "fin 2025",
         "new_value": "fin 2026"},
    ])
    before = c.deadline_chains(measures, revs, dt.date(2025, 1, 1))[1]
    assert [e["text"] for e in before] == [None]                   # no deadline known at D
    assert c.current_deadline(before)["end"] is None
    gained = c.deadline_chains(measures, revs, dt.date(2025, 6, 1))[1]
    assert [(e["text"], e["known_on"]) for e in gained] == [("fin 2025", dt.date(2025, 3, 31))]
    slipped = c.deadline_chains(measures, revs, dt.date(2026, 1, 1))[1]
    assert [e["text"] for e in slipped] == ["fin 2025", "fin 2026"]
    assert len(c.count_postponements(slipped)) == 1


def _import(eng, tmp_path: Path, name: str, body: str, as_of: dt.date) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    report = import_file(path, PLAN, eng, as_of=as_of, actor=CLI)
    assert report.outcome == "imported", [i.to_dict() for i in report.errors]


@pytest.fixture(scope="module")
def imported_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("after_import")
    eng = seeded_sqlite(tmp / "vigie.db")
    _import(eng, tmp, "suivi-1.csv", FIRST, dt.date(2025, 3, 31))
    _import(eng, tmp, "suivi-2.csv", SECOND, dt.date(2025, 9, 30))
    _import(eng, tmp, "suivi-3.csv", THIRD, dt.date(2026, 3, 31))
    with eng.connect() as c:
        refs = [r for (r,) in c.execute(select(s.measures.c.ref).where(s.measures.c.plan_id == PLAN)
                                        .order_by(s.measures.c.ref))]
        deadlines = dict(c.execute(select(s.measures.c.ref, s.measures.c.deadline_text)
                                   .where(s.measures.c.plan_id == PLAN)).all())
    eng.dispose()
    # the imports did give deadlines to measures that had none (else this test proves nothing)
    assert deadlines["F02"] == "fin 2027" and deadlines["F05"] == "fin 2026" and deadlines["G05"]
    return tmp / "vigie.db", refs


@pytest.fixture(autouse=True)
def _env(imported_db, monkeypatch):
    yield from app_on(f"sqlite:///{imported_db[0]}", monkeypatch)


def _app(lang: str, as_of: dt.date = AS_OF) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"] = as_of
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def _clean(at: AppTest, where: str) -> None:
    assert not at.exception, (where, at.exception)
    assert not at.error, (where, [e.value for e in at.error])
    assert at.title, (where, "page not reached")


@pytest.mark.parametrize("lang, as_of", [
    ("fr", AS_OF), ("en", AS_OF),
    ("fr", dt.date(2025, 1, 31)),   # before the imports: the deadlines they gave are not known yet
    ("fr", dt.date(2025, 12, 31)),  # between: G01 and F07 have vanished, F02 and F05 slipped once
])
def test_every_page_runs_after_imports_gave_fields(lang, as_of):
    at = _app(lang, as_of)
    _clean(at, "overview")
    for page in PAGES:
        if not (APP.parent / "app_pages" / page).exists():
            continue
        at.switch_page(f"app_pages/{page}").run()
        _clean(at, page)
        if page == "deadlines.py" and as_of == AS_OF:  # F02's deadline slipped twice after it appeared
            chains = {x for df in (d.value for d in at.dataframe) if "announced" in df for x in df["announced"]}
            assert "fin 2025 → fin 2026 → fin 2027" in chains, chains


@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2025, 12, 31)])
def test_measure_page_of_every_catalogue_measure_after_imports(imported_db, as_of):
    _, refs = imported_db
    assert {"F02", "F05", "G01", "G05"} <= set(refs)
    at = _app("fr", as_of)
    at.switch_page("app_pages/measure.py")
    for ref in refs:
        at.query_params["ref"] = ref
        at.run()
        _clean(at, ref)
