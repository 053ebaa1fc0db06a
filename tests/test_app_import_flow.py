"""AppTest of the Données page's guided import: a file Vigie does not recognise goes through the mapping step
(columns, a reference over two columns, unknown status words), the preview of changes, the import; the profile it
used is saved and the next file of the same shape goes straight through; a file already imported is said once."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import import_flow
from dashboard.i18n import status_text
from plans.db import make_engine
from plans.vocab import STATUS_CODES
from tests.conftest import app_on
from tests.test_app import APP, AS_OF, PLAN, seeded_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Famille", "N°", "Action prévue", "Où en est-on ?", "Remarques du collectif", "Colonne inutile"]
FIRST = [("G", "01", "Sensibiliser les acteurs de la prévention", "delivered", "Fait en 2025", "x"),
         ("G", "02", "Hébergement spécialisé", "ongoing", "", "y"),
         ("G", "03", "Accompagnement Ac.Sé", "bloqué net", "Faute de crédits", "z"),
         ("F", "01", "Plan national de formation", "delivered", "Formations faites", "")]
# the next file of the same shape: G03 moves on, a new measure « H01 »
SECOND = [("G", "01", "Sensibiliser les acteurs de la prévention", "delivered", "Fait en 2025", "x"),
          ("G", "02", "Hébergement spécialisé", "ongoing", "", "y"),
          ("G", "03", "Accompagnement Ac.Sé", "ongoing", "Crédits trouvés", "z"),
          ("F", "01", "Plan national de formation", "delivered", "Formations faites", ""),
          ("H", "01", "Une mesure que le plan ne nommait pas", "bloqué net", "", "")]


def workbook(path, rows, title="Suivi du plan national — collectif") -> bytes:
    """A coordinator's own sheet: a title line, an empty line, then the table (header on Excel row 3)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi 2025"
    ws.append([title])
    ws.append([])
    ws.append(HEADERS)
    for row in rows:
        ws.append(list(row))
    wb.create_sheet("Notes").append(["Feuille de notes, rien à importer"])
    wb.save(path)
    return path.read_bytes()


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "vigie.db"
    url = seeded_db(path)
    yield from app_on(url, monkeypatch)


def page(lang: str = "fr") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"] = AS_OF
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("app_pages/data_page.py").run()
    assert not at.exception, at.exception
    at.date_input(key="upload_as_of").set_value(dt.date(2026, 1, 15)).run()
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    gen = at.session_state["upload_gen"]
    at.get("file_uploader")[[u.key for u in at.get("file_uploader")].index(f"upload_file_{gen}")] \
        .set_value((name, content, XLSX)).run()
    assert not at.exception, at.exception
    return at


def column_boxes(at: AppTest) -> dict[str, object]:
    """The mapping step's field selectbox of each column, by its letter."""
    return {s.label.rsplit(" ", 1)[-1]: s for s in at.selectbox if str(s.key).startswith("imp_col_")}


def value_box(at: AppTest, kind: str, spelling: str):
    return at.selectbox(key=import_flow.value_key(kind, spelling))


def confirm_button(at: AppTest):
    return [b for b in at.button if b.key == "confirm"]


def map_the_columns(at: AppTest) -> AppTest:
    boxes = column_boxes(at)
    assert set(boxes) == {"A", "B", "C", "D", "E", "F"}
    for letter, choice in (("A", "ref"), ("C", "title"), ("D", "status"), ("E", "comment"), ("F", "ignore")):
        boxes[letter].set_value(choice)
    at.run()
    join = at.selectbox(key=import_flow.column_key(0, "Famille", "join"))
    assert join.label == "Compléter la référence avec"
    join.set_value(1).run()  # column B, « N° »: « G » + « 01 » → « G01 »
    assert [s.key for s in at.selectbox if str(s.key).startswith("imp_join_")] == [join.key]
    return at


def reread(at: AppTest) -> AppTest:
    at.button(key="imp_reread").click().run()
    assert not at.exception, at.exception
    return at


def test_an_unknown_file_is_mapped_checked_previewed_then_imported(db):
    from plans import profiles, rules

    at = upload(page(), "suivi-collectif.xlsx", workbook(db_path(), FIRST))
    assert column_boxes(at), "the mapping step is shown for a file Vigie does not recognise"
    assert any("pas tout reconnu" in w.value for w in at.warning)
    assert not confirm_button(at) or not at.session_state["dry_report"].ok
    sheet = at.selectbox(key=next(s.key for s in at.selectbox if str(s.key).startswith("imp_sheet_")))
    assert sheet.options == ["Suivi 2025", "Notes"] and sheet.value == "Suivi 2025"
    assert at.number_input(key=next(n.key for n in at.number_input if str(n.key).startswith("imp_header_"))).value == 3

    # a status word Vigie does not know is asked for, with its count and rows; « delivered », « ongoing » are known
    asked = [s for s in at.selectbox if str(s.key).startswith("imp_val_status_")]
    assert [s.key for s in asked] == [import_flow.value_key("status", "bloqué net")] and asked[0].value is None
    assert any("1 ligne\u00a0: ligne 6" in c.value for c in at.caption)
    assert asked[0].options == [status_text(code, "fr") for code in STATUS_CODES]  # the eight, by their labels
    assert "↻ Reportée" in asked[0].options
    asked[0].set_value("postponed")
    reread(map_the_columns(at))
    report = at.session_state["dry_report"]
    assert report.ok, [i.message for i in report.errors]

    # the preview: the counts are the lists' lengths, and what they list is right
    metrics = {m.label: m.value for m in at.metric}
    changes = {c["ref"]: (c["before"], c["after"]) for c in report.preview["status_changes"]}
    assert changes["G01"] == ("in_progress", "done") and changes["G02"] == ("done", "in_progress")
    assert changes["G03"] == ("in_progress", "postponed") and changes["F01"] == ("in_progress", "done")
    assert metrics["Statuts modifiés"] == str(len(report.preview["status_changes"])) == "4"
    assert metrics["Nouvelles mesures"] == str(len(report.preview["new"])) == "0"
    assert metrics["Absentes du fichier"] == str(len(report.preview["missing"]))
    table = next(d.value for d in at.dataframe if "Avant" in d.value.columns)
    assert dict(zip(table["Réf."], table["Après"], strict=True))["G03"].endswith("Reportée")
    assert not any("in_progress" in str(v) for v in table.to_numpy().ravel())  # labels, never codes

    at.button(key="confirm").click().run()
    assert not at.exception, at.exception
    assert any("suivi-collectif.xlsx" in s.value.replace("\\", "") for s in at.success)
    eng = make_engine(_url())
    table = rules.measures_table(eng, PLAN, as_of=dt.date(2026, 1, 15)).set_index("ref")
    assert table.loc[["G01", "G02", "G03", "F01"], "status"].tolist() == ["done", "in_progress", "postponed", "done"]
    saved = profiles.current(eng, PLAN)
    assert saved["joins"] == {"ref": ["Famille", "N°"]}
    assert saved["columns"]["Action prévue"] == "title" and saved["columns"]["Colonne inutile"] == "-"
    assert saved["values"]["status"]["bloqué net"] == "postponed"
    assert profiles.history(eng, PLAN)[0]["saved_by"] == "local (sans mot de passe)"
    eng.dispose()

    # the page shows the profile as its file's lines, with its download
    assert any('--map "Famille+N°=ref"' in c.value for c in at.get("code"))
    assert [b for b in at.get("download_button") if b.proto.label == "Télécharger le profil"]

    # the next file of the same shape: recognised through the profile, no mapping step
    upload(at, "suivi-collectif-2.xlsx", workbook(db_path(), SECOND, title="Suivi — deuxième envoi"))
    assert not column_boxes(at) and not any("pas tout reconnu" in w.value for w in at.warning)
    report = at.session_state["dry_report"]
    assert report.ok and report.inspection["recognised"]
    assert [c["ref"] for c in report.preview["new"]] == ["H01"]
    metrics = {m.label: m.value for m in at.metric}
    moved = [c for c in report.preview["status_changes"] if c["before"]]
    assert metrics["Nouvelles mesures"] == "1" and metrics["Statuts modifiés"] == str(len(moved))
    assert ("G03", "postponed", "in_progress") in [(c["ref"], c["before"], c["after"]) for c in moved]
    first = next(d.value for d in at.dataframe if list(d.value.columns) == ["Réf.", "Intitulé", "Statut"])
    assert list(first["Réf."]) == ["H01"] and list(first["Statut"]) == ["↻ Reportée"]  # a new measure's first status
    at.button(key="confirm").click().run()
    assert not at.exception, at.exception
    assert any("suivi-collectif-2.xlsx" in s.value.replace("\\", "") for s in at.success)


def test_a_file_already_imported_is_said_once_with_nothing_to_confirm(db):
    at = upload(page(), "suivi-collectif.xlsx", workbook(db_path(), FIRST))
    value_box(at, "status", "bloqué net").set_value("postponed")
    reread(map_the_columns(at))
    at.button(key="confirm").click().run()
    content = db_path().read_bytes()
    upload(at, "suivi-collectif.xlsx", content)
    said = [m.value for m in [*at.info, *at.success, *at.error, *at.warning] if "déjà" in m.value]
    assert len(said) == 1 and "suivi-collectif.xlsx" in said[0].replace("\\", ""), said
    assert not at.error and not [s for s in at.success if "Vérification" in s.value]
    assert not confirm_button(at) and not column_boxes(at)


def test_the_issues_table_puts_the_severity_first(db):
    at = upload(page(), "suivi-collectif.xlsx", workbook(db_path(), FIRST))
    table = [d.value for d in at.dataframe if {"Fichier", "Gravité"} <= set(d.value.columns)]
    assert table, "a file Vigie does not recognise has issues to show"
    frame = table[0]
    assert frame.columns[0] == "Gravité" and set(frame["Gravité"]) <= {"Erreur", "Avertissement"}
    assert "Erreur" in set(frame["Gravité"])
    # rows tall enough for the message and its hint to wrap over lines (one line cut them at 1280 px)
    shown = next(d for d in at.dataframe if {"Fichier", "Gravité"} <= set(d.value.columns))
    assert shown.proto.row_height >= 80


def test_a_profile_file_replaces_the_plans_profile_and_a_bad_one_names_its_line(db):
    from plans import profiles

    at = page()
    assert any("Aucun profil enregistré" in i.value for i in at.info)
    bad = '--map "Action prévue=title"\n--map "Où en est-on=statut"\n'.encode()
    box = next(u for u in at.get("file_uploader") if str(u.key).startswith("prof_file_"))
    box.set_value(("profil.txt", bad, "text/plain")).run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "2" in errors[0]  # the line
    good = '--header-row 3\n--map "Action prévue=title"\n--value "status:bloqué net=postponed"\n'.encode()
    box = next(u for u in at.get("file_uploader") if str(u.key).startswith("prof_file_"))
    box.set_value(("profil.txt", good, "text/plain")).run()
    assert not at.error
    at.button(key="prof_save").click().run()
    assert not at.exception, at.exception
    eng = make_engine(_url())
    saved = profiles.current(eng, PLAN)
    history = profiles.history(eng, PLAN)
    eng.dispose()
    assert saved["header_row"] == 3 and saved["values"]["status"] == {"bloqué net": "postponed"}
    assert history[0]["origin"] == "upload" and history[0]["saved_by"] == "local (sans mot de passe)"
    assert any("Profil remplacé" in s.value for s in at.success)
    assert any("--header-row 3" in c.value for c in at.get("code"))


def test_the_mapping_step_speaks_english(db):
    at = page("en")
    upload(at, "tracker.xlsx", workbook(db_path(), FIRST))
    boxes = column_boxes(at)
    assert boxes and boxes["A"].label == "Content of column A"
    shown = set(boxes["C"].options)  # as the list shows them
    assert {"Reference", "Title", "Status at a date", "ignore"} <= shown
    assert not shown & {"ref", "lead_body", "status_at", "in_progress"}


def db_path():
    import os
    from pathlib import Path

    return Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///")).with_name("suivi.xlsx")


def _url() -> str:
    import os

    return os.environ["DATABASE_URL"]



def test_the_profile_is_edited_on_the_page_and_a_wrong_line_is_named(db):
    from plans import profiles

    at = page()
    box = next(a for a in at.text_area if str(a.key).startswith("prof_text_"))
    box.input(box.value + '--map "Action prévue=intitulé"\n').run()
    at.button(key="prof_edit_save").click().run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "Ligne 3" in errors[0] and "intitulé" in errors[0]  # the line and what it says
    box = next(a for a in at.text_area if str(a.key).startswith("prof_text_"))
    box.input('--map "Action prévue=title"\n--value "voice:Asso X=civil_society"\n').run()
    at.button(key="prof_edit_save").click().run()
    eng = make_engine(_url())
    saved, history = profiles.current(eng, PLAN), profiles.history(eng, PLAN)
    eng.dispose()
    assert saved["columns"] == {"Action prévue": "title"} and saved["values"]["voice"] == {"Asso X": "civil_society"}
    assert history[0]["origin"] == "edit"
    assert any("Profil enregistré" in s.value for s in at.success)


DATED_HEADERS = ["Réf.", "Intitulé", "Statut juin 2025", "Statut (mise à jour)"]


def test_a_status_column_per_date_asks_the_date_the_header_does_not_say(db, tmp_path):
    path = tmp_path / "dates.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(DATED_HEADERS)
    ws.append(["G01", "Sensibiliser", "En cours", "Réalisée"])
    ws.append(["G02", "Hébergement", "Réalisée", "Réalisée"])
    wb.save(path)
    at = upload(page(), "dates.xlsx", path.read_bytes())
    if not column_boxes(at):
        at.toggle(key="imp_adjust").set_value(True).run()
    boxes = column_boxes(at)
    assert boxes["C"].value == "status_at"  # « juin 2025 » read from the header
    assert at.date_input(key=import_flow.column_key(2, DATED_HEADERS[2], "date", "any")).value == dt.date(2025, 6, 30)
    boxes["D"].set_value("status_at").run()
    assert any("colonne D" in w.value for w in at.warning) and at.button(key="imp_reread").disabled
    at.date_input(key=import_flow.column_key(3, DATED_HEADERS[3], "date", "any")).set_value(dt.date(2025, 12, 31)).run()
    assert at.button(key="imp_reread").disabled is False
    reread(at)
    report = at.session_state["dry_report"]
    assert report.profile["dated"] == {"Statut juin 2025": ["status", "2025-06-30"],
                                       "Statut (mise à jour)": ["status", "2025-12-31"]}
    assert report.ok and report.preview["dates"] == ["2025-06-30", "2025-12-31"]


INSPECTION = {"sheet": "Suivi", "header_row": 3,
              "columns": [{"index": 0, "letter": "A", "header": "N°", "field": "ref", "date": None},
                          {"index": 1, "letter": "B", "header": "Lettre", "field": None, "date": None},
                          {"index": 2, "letter": "C", "header": "Statut T2 2025", "field": "status", "date": "2025-06-30"},
                          {"index": 3, "letter": "D", "header": "Notes", "field": None, "date": None}]}


def test_the_profile_the_widgets_say():
    profile, undated = import_flow.build(
        INSPECTION, {"values": {"status": {"fini": "done"}}}, sheet="Suivi", header_row=3,
        choices={0: "ref", 1: "ref", 2: "status_at", 3: "ignore"}, dates={2: dt.date(2025, 6, 30)}, join={0: 1},
        values={"status": {"bloqué": "postponed", "vu": None}})
    assert undated == []
    assert profile["joins"] == {"ref": ["N°", "Lettre"]} and profile["columns"] == {"Notes": "-"}
    assert profile["dated"] == {"Statut T2 2025": ["status", "2025-06-30"]}
    assert profile["values"]["status"] == {"fini": "done", "bloqué": "postponed"}  # what was set before stays
    assert profile["sheet"] is None and profile["header_row"] is None  # as found: not forced on the next file


def test_another_header_row_keeps_no_column_of_the_one_read():
    profile, undated = import_flow.build(INSPECTION, None, sheet="Suivi", header_row=5, choices={0: "title"},
                                         dates={}, join={}, values={})
    assert profile["header_row"] == 5 and not profile["columns"] and not profile["joins"] and undated == []
    _, undated = import_flow.build(INSPECTION, None, sheet="Suivi", header_row=3, choices={2: "comment_at"},
                                   dates={2: None}, join={}, values={})
    assert undated == ["C"]


def test_another_sheet_or_header_row_is_read_again_and_a_new_file_starts_afresh(db):
    at = upload(page(), "suivi-collectif.xlsx", workbook(db_path(), FIRST))
    sheet = at.selectbox(key=next(s.key for s in at.selectbox if str(s.key).startswith("imp_sheet_")))
    sheet.set_value("Notes").run()
    assert not column_boxes(at) and any("Relire" in i.value for i in at.info)  # its columns come with a new read
    reread(at)
    assert at.session_state["dry_report"].profile["sheet"] == "Notes"
    header = at.number_input(key=next(n.key for n in at.number_input if str(n.key).startswith("imp_header_")))
    assert header.value == at.session_state["dry_report"].inspection["header_row"]
    sheet = at.selectbox(key=next(s.key for s in at.selectbox if str(s.key).startswith("imp_sheet_")))
    sheet.set_value("Suivi 2025").run()
    reread(at)
    assert at.session_state["dry_report"].profile["sheet"] == "Suivi 2025" and column_boxes(at)
    # another file dropped: the settings made for this one are forgotten
    upload(at, "autre.xlsx", workbook(db_path(), SECOND, title="Autre envoi"))
    assert "imp_profile" not in at.session_state
    assert at.session_state["dry_report"].profile["sheet"] is None


def test_a_status_given_by_colour_is_mapped_like_a_word(db, tmp_path):
    from openpyxl.styles import PatternFill

    path = tmp_path / "couleurs.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Réf.", "Intitulé", "Statut"])
    for ref, title, colour in (("G01", "Sensibiliser", "00B050"), ("G02", "Hébergement", "FFC000"),
                               ("G03", "Accompagnement", "00B050")):
        ws.append([ref, title, None])
        ws.cell(row=ws.max_row, column=3).fill = PatternFill("solid", fgColor=colour)
    wb.save(path)
    at = upload(page(), "couleurs.xlsx", path.read_bytes())
    green, orange = (at.selectbox(key=import_flow.value_key("colour", c)) for c in ("#00B050", "#FFC000"))
    assert any("2 lignes, par exemple 2" in c.value for c in at.caption)
    green.set_value("done")
    orange.set_value("in_progress")
    reread(at.run())
    report = at.session_state["dry_report"]
    assert report.profile["values"]["status"] == {"#00B050": "done", "#FFC000": "in_progress"}
    changes = {c["ref"]: c["after"] for c in report.preview["status_changes"]}
    assert changes == {"G01": "done", "G02": "in_progress", "G03": "done"}


# The page's hints speak of the page (« Lecture du fichier », « Mots à traduire », the date field), never of the
# command line's options: a coordinator who drops a file has no terminal.
CLI_WORDS = ("--map", "--value", "--as-of", "--sheet", "--header-row", "option ")
APP_HINTS = {"no-table": {}, "missing-column": {"field": "status"}, "unknown-column": {"header": "Colonne X"},
             "unknown-status": {"value": "bof"}, "unknown-voice": {"value": "Asso X"},
             "unknown-confidence": {"value": "à voir"}, "unknown-sheet": {"value": "Feuille 9"},
             "no-identity": {}, "generated-refs": {"count": 3}, "as-of-today": {"as_of": "15/01/2026"},
             "bad-mapping": {"detail": "x"}, "ignored-sheet": {"sheet": "Notes"},
             "dated-header": {"value": "Statut juin 2025", "field": "status", "day": "2025-06-30"},
             "split-ref": {"value": "Lettre", "ref": "N°"}}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pages_hints_name_the_page_not_command_line_options(lang):
    from loaders.issues import Collector
    from loaders.report import ImportReport

    issues = Collector("suivi.xlsx", lang)
    for code, params in APP_HINTS.items():
        issues.add(code, severity="warning" if code in ("unknown-column", "generated-refs", "as-of-today",
                                                          "unknown-confidence", "ignored-sheet") else "error", **params)
    report = ImportReport(file="suivi.xlsx", plan_id=PLAN, errors=issues.errors, warnings=issues.warnings, lang=lang)
    assert all(any(w in i.hint for w in CLI_WORDS) for i in report.issues if i.code != "ignored-sheet")
    frame = import_flow.issues_frame(report, lang)
    hints = dict(zip(frame[frame.columns[6]], frame[frame.columns[-1]], strict=True))  # code → hint as shown
    assert set(hints) == set(APP_HINTS)
    for code, hint in hints.items():
        assert hint and not any(w in hint for w in CLI_WORDS), (code, hint)
    step = "Lecture du fichier" if lang == "fr" else "Reading the file"
    assert step in hints["missing-column"] and step in hints["no-identity"]
    assert ("Mots à traduire" if lang == "fr" else "Words to translate") in hints["unknown-status"]
    assert ("État des données au" if lang == "fr" else "Data as of") in hints["as-of-today"]
    assert report.issues[0].hint == issues.errors[0].hint  # the report itself (CSV of the CLI, the run) keeps its own


def test_a_reference_over_two_columns_is_proposed_in_the_mapping_step(db, tmp_path):
    path = tmp_path / "split.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["N°", "Lettre", "Intitulé", "Statut"], ["34", "a", "Former", "En cours"],
                ["34", None, "Guide", "Réalisée"], ["35", "b", "Numéro vert", "En cours"]):
        ws.append(row)
    wb.save(path)
    at = upload(page(), "split.xlsx", path.read_bytes())
    assert column_boxes(at), "a join proposed opens the mapping step"
    assert at.selectbox(key=import_flow.column_key(0, "N°", "join")).value == 1  # « Lettre », as proposed
    reread(at)
    report = at.session_state["dry_report"]
    assert report.ok, [e.message for e in report.errors]
    assert report.profile["joins"] == {"ref": ["N°", "Lettre"]}
    assert {c["ref"] for c in report.preview["new"]} == {"34a", "34", "35b"}
