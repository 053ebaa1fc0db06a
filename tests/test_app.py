"""AppTest of every dashboard page on a seeded SQLite file with several snapshots."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from plans.db import make_engine, upgrade
from tests import factories as fx
from tests.conftest import app_on, seeded_sqlite

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PLAN = "pna-2024-2027"
AS_OF = dt.date(2026, 1, 31)


def seeded_db(path: Path) -> str:
    """The shipped catalogue plus a few dated snapshots (so history and changes have something to show)."""
    url = f"sqlite:///{path}"
    eng = seeded_sqlite(path)
    fx.add_assessments(eng, PLAN, [("G01", "2024-09-30", "not_started"), ("G01", "2025-03-31", "in_progress"),
                                   ("G02", "2025-03-31", "initiated"), ("G02", "2025-09-30", "done"),
                                   ("G03", "2025-09-30", "in_progress")])
    eng.dispose()
    return url


@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("app") / "vigie.db"
    seeded_db(path)
    return path


@pytest.fixture(autouse=True)
def _env(db_file, monkeypatch):
    yield from app_on(f"sqlite:///{db_file}", monkeypatch)


def app(page: str | None = None, **session) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    for k, v in session.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(f"app_pages/{page}").run()
        assert not at.exception, at.exception
    return at


def charts(at: AppTest):
    return at.get("plotly_chart")


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.title]
    parts += [x.value for x in at.info] + [x.value for x in at.success] + [x.value for x in at.warning]
    return "\n".join(str(p) for p in parts)


def test_overview_kpis_and_charts():
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Mesures documentées"] == "12 / 60"
    assert "12 mesures documentées sur 60" in texts(at)
    assert len(charts(at)) == 5  # by axis, by lead body, breakdown, time against progress, history
    assert not at.error


@pytest.mark.parametrize("page", ["measures.py", "measure.py", "deadlines.py", "changes.py", "data_page.py"])
def test_every_page_runs(page):
    at = app(page)
    assert not at.error, [e.value for e in at.error]
    assert at.title


@pytest.mark.parametrize("page", ["overlaps.py", "brief.py"])
def test_pages_of_other_issues_are_registered_and_run(page):
    if not (APP.parent / "app_pages" / page).exists():
        pytest.skip(f"{page} not written yet")
    at = app(page)
    assert at.title, "page not reached"


def test_english_switch():
    at = app(lang="en")
    assert at.title[0].value == "Overview"
    assert {m.label for m in at.metric} >= {"Documented measures", "Overdue"}


def test_measures_filters_narrow_the_table_and_go_to_the_url():
    at = app("measures.py")
    full = at.dataframe[0].value
    assert len(full) >= 12
    at.text_input(key="f_q").input("f07").run()
    narrowed = at.dataframe[0].value
    assert list(narrowed["ref"]) == ["F07"]
    assert any(m.value.startswith("**1** mesure affichée sur ") for m in at.markdown)  # no « mesure(s) »
    assert at.query_params["q"] in ("f07", ["f07"])
    at.text_input(key="f_q").input("").run()
    at.multiselect(key="f_status").select("initiated").run()
    assert set(at.dataframe[0].value["statut"]) == {"◔ Engagée / en construction"}
    assert at.query_params["statut"] in ("initiated", ["initiated"])


def test_accent_insensitive_search():
    at = app("measures.py")
    at.text_input(key="f_q").input("ECHEANCE EXPLOITATION").run()  # no accents typed
    at.text_input(key="f_q").input("protection").run()
    assert 0 < len(at.dataframe[0].value) < len(app("measures.py").dataframe[0].value)


def test_filters_restored_from_a_shared_link():
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    at.query_params["statut"] = "initiated"
    at.run()
    at.switch_page("app_pages/measures.py")
    at.query_params["statut"] = "initiated"
    at.run()
    assert not at.exception
    assert set(at.dataframe[0].value["ref"]) <= {"F06", "G02"}


def test_measure_page_from_query_param():
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    at.run()
    at.switch_page("app_pages/measure.py")
    at.query_params["ref"] = "F03"
    at.run()
    assert not at.exception
    assert at.title[0].value.startswith("F03 — ")
    assert len(at.dataframe) >= 1  # status history


def test_a_link_to_a_measure_the_plan_does_not_have_says_so():
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    at.run()
    at.switch_page("app_pages/measure.py")
    at.query_params["ref"] = "ZZ99"
    at.run()
    assert not at.exception
    assert any("« ZZ99 »" in w.value and "n'a pas" in w.value for w in at.warning), [w.value for w in at.warning]


def test_a_shared_link_carries_plan_date_and_language_and_the_address_keeps_them():
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["lang"] = "en"
    at.query_params["au"] = "2025-06-30"
    at.query_params["plan"] = "pna-2024-2027"
    at.run()
    assert not at.exception
    assert at.session_state["lang"] == "en" and at.session_state["as_of"] == dt.date(2025, 6, 30)
    assert at.session_state["plan"] == "pna-2024-2027"
    assert "Overview" in [h.value for h in at.title]
    at.session_state["lang"] = "fr"  # the user switches to French: the address follows (a reload keeps it)
    at.run()
    assert at.query_params["lang"] in ("fr", ["fr"]) and at.query_params["au"] in ("2025-06-30", ["2025-06-30"])
    bad = AppTest.from_file(str(APP), default_timeout=30)
    bad.query_params["au"] = "31/02/2026"
    bad.query_params["lang"] = "de"
    bad.run()
    assert not bad.exception and bad.session_state["lang"] == "fr" and bad.session_state["as_of"] == dt.date.today()


def test_measure_page_dates_to_the_month_and_names_other_plans():
    """F06: its status history says « décembre 2025 » (source dated to the month), and the overlaps
    table names the other plans instead of showing their identifiers."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = dt.date(2026, 11, 30)
    at.run()
    at.switch_page("app_pages/measure.py")
    at.query_params["ref"] = "F06"
    at.run()
    assert not at.exception
    frames = [df.value for df in at.dataframe]
    history = next(f for f in frames if "as_of" in f.columns and "statut" in f.columns)
    assert "décembre 2025" in list(history["as_of"]) and "2025-12-31" not in history.to_string()
    links = next(f for f in frames if "to_plan_id" in f.columns)
    assert "PNA-TEH 2019-2021" in set(links["to_plan_id"])
    assert not any(str(v).startswith(("rec-", "pna-")) for v in links["to_plan_id"])


def test_overview_shows_the_measures_behind_the_progress_figure():
    """« Pourquoi ce chiffre » : on demand, the documented measures with the status used and their
    weight in the progress share (none shown before the user asks)."""
    at = app(as_of=dt.date(2026, 11, 30))
    assert not [df for df in at.dataframe if "weight" in df.value.columns]
    at.toggle(key="why_progress").set_value(True).run()
    assert not at.exception
    why = next(df.value for df in at.dataframe if "weight" in df.value.columns)
    assert len(why) == 12  # the 12 documented measures of the catalogue
    assert set(why["weight"]) <= {"0", "0,5", "1"}  # written the French way
    assert "nan" not in set(why["status_date"])  # a measure without a dated status shows nothing
    f06 = why[why["ref"].str.endswith("ref=F06")].iloc[0]
    assert f06["status"].endswith("Engagée / en construction") and f06["status_date"] == "décembre 2025"


def test_changes_say_when_a_date_is_known_only_to_the_month():
    at = app("changes.py", as_of=dt.date(2026, 11, 30))
    at.date_input(key="changes_since").set_value(dt.date(2025, 6, 27)).run()
    df = next(d.value for d in at.dataframe if "what" in d.value.columns)
    f06 = df[df["ref"] == "F06"].iloc[0]
    assert f06["what"] == "Statut (date connue au mois : décembre 2025)"
    f04 = df[df["ref"] == "F04"].iloc[0]
    assert f04["what"] == "Statut"  # a day-dated source: nothing added


def test_deadlines_shows_the_committee_slippage():
    at = app("deadlines.py")
    spec = " ".join(json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in charts(at))
    assert "fin janvier 2024" in spec and "fin février 2024" in spec and "21 mars 2024" in spec


def test_deadlines_governance_says_the_plan_years_and_what_is_still_possible():
    at = app("deadlines.py", as_of=dt.date(2026, 11, 30))
    text = " ".join(m.value for m in at.markdown)
    assert "2026 : 0 / 2 — il faudrait deux réunions d'ici le 31 décembre" in text, text[-600:]
    assert "2024 : " in text and not any(f"{y} : " in text for y in range(2010, 2024))
    assert all(f"{y} : " in text for y in (2024, 2025, 2026))


def test_stalled_since_keeps_the_precision_of_its_source():
    """F06's status is dated « décembre 2025 » by its source (stored at month end): the stalled
    table says « décembre 2025 », F01's day-dated source keeps its day."""
    at = app("deadlines.py", as_of=dt.date(2026, 11, 30))
    tables = [df.value for df in at.dataframe]
    stalled = next(t for t in tables if "F06" in t.to_string() and "Ni le statut" in t.to_string())
    rows = {str(r): str(v) for r, v in zip(stalled.iloc[:, 0], stalled.iloc[:, -1], strict=True)}
    since = {k.rsplit("=", 1)[-1].rsplit("/", 1)[-1]: v for k, v in rows.items()}
    assert any(v == "décembre 2025" for k, v in since.items() if "F06" in k), rows
    assert any(v == "11 juin 2024" for k, v in since.items() if "F01" in k), rows


def test_a_database_older_than_the_code_says_how_to_update_it(tmp_path, monkeypatch):
    from plans.db import downgrade, head_revision

    eng = seeded_sqlite(tmp_path / "ancienne.db")
    downgrade(eng, "0002")
    eng.dispose()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ancienne.db'}")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    at.run()
    assert not at.exception
    assert f"(révision 0002, attendue {head_revision()})" in at.error[0].value and "make run" in at.error[0].value


def test_friendly_error_instead_of_traceback(monkeypatch):
    from dashboard import data

    def boom(*_a, **_k):
        raise RuntimeError("database is down")

    monkeypatch.setattr(data, "summary", boom)
    at = app()
    assert not at.exception
    assert "n'a pas pu s'afficher" in at.error[0].value


def test_upload_asks_for_the_editor_password(monkeypatch):
    from dashboard import auth

    monkeypatch.setenv("VIGIE_EDITOR_PASSWORD_HASH", auth.hash_password("s3cret"))
    monkeypatch.setattr(auth, "clock", iter(range(0, 10**6, 60)).__next__)  # past each throttle delay
    at = app("data_page.py")
    assert not at.get("file_uploader")
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert any(e.value.startswith("Mot de passe incorrect.") for e in at.error)
    at.text_input[0].input("s3cret")
    at.button[0].click().run()
    assert at.get("file_uploader")


def test_upload_open_without_configuration():
    at = app("data_page.py")
    assert at.get("file_uploader")
    assert "aucun mot de passe éditeur" in texts(at)


def test_auth_hash_roundtrip():
    from dashboard import auth

    stored = auth.hash_password("mot de passe é")
    assert stored.startswith("scrypt$") and "mot de passe" not in stored
    assert auth.verify("mot de passe é", stored)
    assert not auth.verify("autre", stored)
    assert not auth.verify("x", "garbage")


GOOD_CSV = ("Réf.;Intitulé;Statut;Commentaire;Source\n"
            "F01;Plan national de formation des professionnels de première ligne;Réalisée;Formation faite;"
            "https://example.org/x\nF02;;En cours;;\n").encode()
BAD_CSV = "Réf.;Statut\nF01;Terminée bientôt\n".encode()


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    path = tmp_path / "upload.db"
    seeded_db(path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    st.cache_resource.clear()
    return path


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.get("file_uploader")[0].set_value((name, content, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_upload_reports_errors_for_a_bad_file(fresh_db):
    at = upload(app("data_page.py"), "suivi.csv", BAD_CSV)
    assert any("pas tout reconnu" in w.value for w in at.warning)  # the mapping step says what to do, not « refusé »
    issues = next(d.value for d in at.dataframe if "Code" in d.value.columns)  # after the mapping step's rows
    errors = issues[issues["Code"] == "unknown-status"]
    assert list(errors["Ligne"]) == ["2"] and "Terminée bientôt" in errors["Valeur"].iloc[0]  # the row as text
    assert not [b for b in at.button if b.key == "confirm"]  # nothing to confirm


def test_upload_imports_a_good_file_and_clears_caches(fresh_db):
    at = app("data_page.py")
    at.date_input(key="upload_as_of").set_value(dt.date(2026, 1, 15)).run()
    upload(at, "suivi.csv", GOOD_CSV)
    assert any("Vérification seule" in s.value for s in at.success)
    at.button(key="confirm").click().run()
    assert not at.exception
    shown = [s.value.replace("\\", "") for s in at.success]  # the file name is escaped Markdown (shown as text)
    assert any("suivi.csv" in v and "Vérification seule" not in v for v in shown)
    at.switch_page("app_pages/overview.py").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Réalisées"] == "2"  # G02 from the fixture + F01 from the file


def test_the_import_history_says_who_imported(fresh_db):
    """No editor password configured: the page imports as « local (sans mot de passe) », and the history says so."""
    from plans.access import LOCAL

    at = app("data_page.py")
    at.date_input(key="upload_as_of").set_value(dt.date(2026, 1, 15)).run()
    upload(at, "suivi.csv", GOOD_CSV)
    at.button(key="confirm").click().run()
    assert not at.exception
    tables = [d.value for d in at.dataframe if "imported_by" in d.value.columns]  # shown as « Par »
    assert tables and set(tables[0]["imported_by"]) == {LOCAL.label("fr")}

def test_filters_survive_a_trip_to_another_page():
    at = app("measures.py")
    at.text_input(key="f_q").input("f07").run()
    at.switch_page("app_pages/overview.py").run()
    at.switch_page("app_pages/measures.py").run()
    assert not at.exception
    assert at.text_input(key="f_q").value == "f07"
    assert list(at.dataframe[0].value["ref"]) == ["F07"]


def test_empty_plan_tells_the_user_to_import(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    eng = make_engine(url)
    upgrade(eng)
    fx.make_plan(eng, "vide", title_fr="Plan sans données", measures_declared=30)
    fx.add_measure(eng, "vide", "M1", title_fr=None)  # known by its number only: not documented
    eng.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    for page in (None, "measures.py", "deadlines.py", "changes.py", "measure.py", "overlaps.py", "data_page.py"):
        at = app(page)
        assert not at.error, (page, [e.value for e in at.error])
        assert not [m.value for m in at.markdown if "au —" in m.value or "(—)" in m.value], page
    at = app()
    assert {m.label: m.value for m in at.metric}["Mesures documentées"] == "0 / 30"
    assert any("Importez votre tableau de suivi" in i.value for i in at.info)
    at = app("deadlines.py")  # no « nothing overdue » claim when nothing is documented
    assert not [x.value for x in at.success if "mesure" in x.value]
    assert any("Importez votre tableau de suivi" in i.value for i in at.info)


def test_plan_without_any_measure(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'bare.db'}"
    eng = make_engine(url)
    upgrade(eng)
    fx.make_plan(eng, "nu", measures_declared=5)
    eng.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    at = app()
    assert not at.error
    assert any("Importez votre tableau de suivi" in i.value for i in at.info)


def test_editor_password_from_secrets():
    from dashboard import auth

    at = AppTest.from_file(str(APP), default_timeout=30)
    at.secrets["editor_password_hash"] = auth.hash_password("s3cret")
    at.run()
    at.switch_page("app_pages/data_page.py").run()
    assert not at.exception
    assert not at.get("file_uploader") and at.text_input[0].label == "Mot de passe éditeur"


def test_auth_cli_prints_a_hash(monkeypatch, capsys):
    from dashboard import auth

    monkeypatch.setattr(auth.getpass, "getpass", lambda _prompt="": "motdepasse")
    assert auth.main(["hash"]) == 0
    stored = capsys.readouterr().out.strip()
    assert auth.verify("motdepasse", stored)
    assert auth.main([]) == 2


def _divergent_db(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'voices.db'}"
    eng = make_engine(url)
    upgrade(eng)
    fx.make_plan(eng, "voix", title_fr="Plan à deux voix", measures_declared=3)
    fx.add_measure(eng, "voix", "M1", title_fr="Mesure contestée", deadline_text="fin 2025")
    fx.add_measure(eng, "voix", "M2", title_fr="Mesure consensuelle")
    fx.add_assessment(eng, "voix", "M1", "2025-06-01", "done", voice="government",
                      source_url="https://example.org/gouv")
    fx.add_assessment(eng, "voix", "M1", "2025-06-01", "not_started", voice="civil_society",
                      source_url="https://example.org/asso")
    fx.add_assessment(eng, "voix", "M2", "2025-06-01", "in_progress", voice="government")
    fx.add_assessment(eng, "voix", "M2", "2025-06-01", "in_progress", voice="civil_society")
    eng.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()


def _measure_page(ref: str, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("app_pages/measure.py")
    at.query_params["ref"] = ref
    at.run()
    assert not at.exception, at.exception
    return at


def test_measure_page_shows_diverging_voices(tmp_path, monkeypatch):
    _divergent_db(tmp_path, monkeypatch)
    at = _measure_page("M1")
    shown = texts(at)
    assert "Les voix divergent" in shown
    assert "Gouvernement" in shown and "Société civile" in shown
    assert "Réalisée" in shown and "Non engagée" in shown
    assert "https://example.org/gouv" in shown and "https://example.org/asso" in shown
    assert "1er juin 2025" in shown
    assert "Voices disagree" in texts(_measure_page("M1", "en"))


def test_measure_page_without_divergence_shows_no_notice(tmp_path, monkeypatch):
    _divergent_db(tmp_path, monkeypatch)
    assert "Les voix divergent" not in texts(_measure_page("M2"))


def test_computed_flags_are_worded_as_computed():
    at = app()
    metrics = {m.label for m in at.metric}
    assert "Au point mort" in metrics and "Bloquées" not in metrics
    assert "Annoncées, sans tenue connue" in metrics
    helps = {m.label: m.help for m in at.metric}
    assert "180 jours" in helps["Au point mort"] and "Calculé" in helps["Au point mort"]
    assert "Données au 31 janvier 2026" in texts(at)
    assert "Avancement\u00a0:" in texts(at)


def test_french_dates_say_premier():
    from plans.formatting import fmt_date, fmt_num

    assert fmt_date(dt.date(2026, 12, 1)) == "1er décembre 2026"
    assert fmt_date(dt.date(2026, 12, 11)) == "11 décembre 2026"
    assert fmt_date(dt.date(2026, 12, 1), "en") == "1 December 2026"
    assert fmt_num(1234.5) == "1\u202f234,5"


def test_english_switch_reaches_navigation_filters_and_overlaps():
    at = app("measures.py", lang="en")
    labels = {c.label for c in at.checkbox}
    assert {"Overdue", "No recent news"} <= labels and "Bloquées" not in labels
    at = app("overlaps.py", lang="en")
    assert at.title[0].value == "Overlaps with other plans"
    assert "Linked plans" in {m.label for m in at.metric}
    at = app("deadlines.py", lang="en")
    assert "Measures with no recent news" in [h.value for h in at.header]


def test_diverging_voices_flagged_in_overview_and_table(tmp_path, monkeypatch):
    _divergent_db(tmp_path, monkeypatch)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    at.run()
    assert not at.exception
    assert any("ne donnent pas le même statut" in m.value and "M1" in m.value for m in at.markdown)
    at.switch_page("app_pages/measures.py").run()
    table = at.dataframe[0].value.set_index("ref")
    assert bool(table.loc["M1", "divergent"]) and not bool(table.loc["M2", "divergent"])


def test_changes_say_which_voice_changed():
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["as_of"] = AS_OF
    at.run()
    at.switch_page("app_pages/changes.py").run()
    at.date_input(key="changes_since").set_value(dt.date(2024, 1, 1)).run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert "voice" in table and "Société civile" in set(table["voice"])


def test_measure_page_shows_the_rules_count_of_its_own_postponements(tmp_path, monkeypatch):
    """The measure's own deadline chain comes from plans.rules (postponements, state), not from the page."""
    url = f"sqlite:///{tmp_path / 'slip.db'}"
    eng = make_engine(url)
    upgrade(eng)
    fx.make_plan(eng, "glisse", title_fr="Plan qui glisse", measures_declared=1)
    fx.add_measure(eng, "glisse", "A", title_fr="Mesure reportée", deadline_text="mars 2025")
    fx.add_assessment(eng, "glisse", "A", "2024-01-10", "in_progress")
    fx.add_revision(eng, "glisse", "A", "2024-06-01", "deadline_text", "fin 2024", "juin 2025")  # postponed
    fx.add_revision(eng, "glisse", "A", "2025-01-15", "deadline_text", "juin 2025", "mars 2025")  # brought forward
    eng.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    at = _measure_page("A", "en")
    assert "Successive announced dates" in [h.value for h in at.header]
    figure = json.dumps(json.loads(charts(at)[-1].proto.spec), ensure_ascii=False)
    assert "Measure deadline" in figure and "Échéance de la mesure" not in figure
    assert "postponed 1×" in figure  # a date brought forward is not a postponement (three dates, one report)


def test_a_status_dated_to_the_month_is_shown_as_that_month():
    at = _measure_page("F06")  # the source dates it « décembre 2025 » (stored as 31 December 2025)
    line = next(m.value for m in at.markdown if "Engagée" in m.value)
    assert "en décembre 2025" in line and "31 décembre" not in line
