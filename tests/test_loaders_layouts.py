"""The layouts people really keep, read by the check with an import profile: a sheet and a header row forced,
columns mapped or ignored, a reference made of two columns, spellings mapped, one status column per date,
section title rows and repeated headers, no reference column, statuses given by a cell's colour. Each
fixture is built here in .xlsx (openpyxl), .ods (LibreOffice, skipped without it) and a `;` CSV."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from loaders.check import check
from loaders.readers import read_book, read_csv
from loaders.rows import generated_ref

AS_OF = dt.date(2026, 1, 15)
FORMATS = ["xlsx", "ods", "csv"]


def _to_ods(src: Path, tmp_path: Path) -> Path | None:
    if shutil.which("soffice") is None:
        return None
    out = tmp_path / "ods"
    profile = tmp_path / "lo-profile"
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "ods",
                        "--outdir", str(out), str(src)], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    p = out / (src.stem + ".ods")
    return p if p.exists() else None


def write(tmp_path: Path, fmt: str, sheets: dict[str, list[list]], name: str = "suivi") -> Path:
    """The sheets (name → rows, None = blank cell) as a file of format ``fmt`` (a CSV holds the first sheet)."""
    if fmt == "csv":
        path = tmp_path / f"{name}.csv"
        rows = next(iter(sheets.values()))
        with open(path, "w", encoding="cp1252", newline="") as fh:
            csv.writer(fh, delimiter=";").writerows([["" if v is None else v for v in row] for row in rows])
        return path
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(i, j, v)
    path = tmp_path / f"{name}.xlsx"
    wb.save(path)
    if fmt == "ods":
        ods = _to_ods(path, tmp_path)
        if ods is None:
            pytest.skip("LibreOffice (soffice) is not installed")
        return ods
    return path


def read(path: Path) -> tuple[str, dict]:
    return ("csv", read_csv(str(path))) if path.suffix == ".csv" else ("book", read_book(str(path)))


def run(path: Path, profile: dict | None = None, *, state: dict | None = None, as_of=AS_OF, data=None) -> dict:
    kind, read_data = read(path)
    job = {"name": path.name, "lang": "fr", "plan_id": "essai", "digest": "d" * 64, "state": state,
           "user_map": {}, "as_of": as_of, "profile": profile or {}}
    return check(kind, data if data is not None else read_data, job)


def measures(out: dict, *names: str) -> list[tuple]:
    cols = out["snapshot"].measures.columns
    return list(zip(*(cols[n] for n in names), strict=True))


def codes(issues) -> list[str]:
    return [i.code for i in issues]


# 1. The profile: sheet, header row, columns, joins, values ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_profile_sheet_reads_only_that_sheet(tmp_path, fmt):
    path = write(tmp_path, fmt, {
        "Suivi 2025": [["Réf.", "Intitulé", "Statut"], ["F01", "Former", "En cours"]],
        "Suivi 2024": [["Réf.", "Intitulé", "Statut"], ["F01", "Former", "Non engagée"], ["F02", "Guide", "Réalisée"]],
    })
    out = run(path, {"sheet": "Suivi 2024"})
    assert not out["errors"], out["errors"]
    assert measures(out, "ref", "status") == [("F01", "not_started"), ("F02", "done")]
    assert out["snapshot"].sheet == "Suivi 2024"
    assert "ignored-sheet" not in codes(out["warnings"])
    bad = run(path, {"sheet": "Suivi 2023"})
    assert codes(bad["errors"]) == ["unknown-sheet"]
    e = bad["errors"][0]
    assert e.value == "Suivi 2023" and "« Suivi 2025 »" in e.message and "« Suivi 2024 »" in e.message
    assert "--sheet" in e.hint


@pytest.mark.parametrize("fmt", FORMATS)
def test_profile_header_row_is_the_header_used(tmp_path, fmt):
    rows = [["Légende"], ["Réf.", "Intitulé", "Statut"], ["X", "Exemple", "En cours"], [None],
            ["Réf.", "Intitulé", "Statut"], ["F01", "Former", "Réalisée"], ["F02", "Guide", "En cours"]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    assert measures(run(path), "ref")[0] == ("X",)  # found automatically: the first header
    out = run(path, {"header_row": 5})
    assert not out["errors"], out["errors"]
    assert measures(out, "ref", "status", "row") == [("F01", "done", 6), ("F02", "in_progress", 7)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_profile_columns_map_and_ignore(tmp_path, fmt):
    rows = [["Nº compromiso", "Texto", "Situación", "Colonne inutile", "Autre"],
            ["1", "Formar", "avanzado", "xx", "gardé"]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    profile = {"columns": {"Nº compromiso": "ref", "Texto": "title", "Situación": "status", "Colonne inutile": "-"},
               "values": {"status": {"avanzado": "in_progress"}}}
    out = run(path, profile)
    assert not out["errors"], out["errors"]
    assert measures(out, "ref", "title_fr", "status", "status_as_reported") == [("1", "Formar", "in_progress", "avanzado")]
    assert measures(out, "extra")[0][0] is not None and "Colonne inutile" not in str(measures(out, "extra")[0][0])
    unknown = [w for w in out["warnings"] if w.code == "unknown-column"]
    assert [w.column for w in unknown] == ["Autre (E)"]


def test_user_map_still_maps_normalised_headers(tmp_path):
    path = write(tmp_path, "csv", {"Suivi": [["Code mesure X", "Statut"], ["F01", "En cours"]]})
    kind, data = read(path)
    out = check(kind, data, {"name": path.name, "lang": "fr", "plan_id": "essai", "digest": "d", "state": None,
                             "user_map": {"code mesure x": "ref"}, "as_of": AS_OF})
    assert not out["errors"] and measures(out, "ref") == [("F01",)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_profile_joins_a_reference_split_over_two_columns(tmp_path, fmt):
    rows = [["N°", "Lettre", "Intitulé", "Statut"], [34, "a", "Former", "En cours"], [34, None, "Guide", "Réalisée"],
            [35, "b", "Numéro vert", "En cours"]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    out = run(path, {"joins": {"ref": ["N°", "Lettre"]}})
    assert not out["errors"], out["errors"]
    assert measures(out, "ref", "title_fr") == [("34a", "Former"), ("34", "Guide"), ("35b", "Numéro vert")]
    assert "unknown-column" not in codes(out["warnings"])
    assert measures(out, "extra") == [(None,)] * 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_repeated_refs_with_a_letter_column_beside_say_the_join_to_give(tmp_path, fmt):
    rows = [["N°", "Lettre", "Intitulé", "Statut"], [34, "a", "Former", "En cours"], [34, None, "Guide", "Réalisée"],
            [34, "b", "Numéro vert", "En cours"]]
    out = run(write(tmp_path, fmt, {"Suivi": rows}))
    assert codes(out["errors"]) == ["split-ref", "duplicate-row", "duplicate-row"]
    first = out["errors"][0]
    assert (first.row, first.column) == (1, "Lettre (B)") and "« N° »" in first.message
    assert '--map "N°+Lettre=ref"' in first.hint


def test_a_joined_ref_wins_over_a_recognised_ref_column(tmp_path):
    rows = [["Réf.", "N°", "Lettre", "Statut"], ["X1", "7", "b", "En cours"]]
    out = run(write(tmp_path, "csv", {"Suivi": rows}), {"joins": {"ref": ["N°", "Lettre"]}})
    assert not out["errors"], out["errors"]
    assert measures(out, "ref") == [("7b",)]


def test_a_profile_spelling_given_a_code_that_does_not_exist_is_not_used(tmp_path):
    out = run(write(tmp_path, "csv", {"Suivi": [["Réf.", "Statut"], ["F01", "bof"]]}),
              {"values": {"status": {"bof": "sure"}}})
    assert codes(out["errors"]) == ["unknown-status"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_profile_values_win_over_built_in_words_and_plan_spellings_still_apply(tmp_path, fmt):
    rows = [["Réf.", "Statut", "Voix"], ["F01", "Bof", "Asso X"], ["F02", "delayed", None], ["F03", "quasi", None],
            ["F04", "In-Progress", None]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    profile = {"values": {"status": {"bof": "partial", "Delayed": "in_progress"}, "voice": {"asso x": "civil_society"}}}
    state = {"settings": {"statuses": {"extra_spellings": {"quasi": "partial"}}}}
    out = run(path, profile, state=state)
    assert not out["errors"], out["errors"]
    assert measures(out, "status", "voice") == [("partial", "civil_society"), ("in_progress", "civil_society"),
                                                ("partial", "civil_society"), ("in_progress", "civil_society")]


# 2. Unknown spellings --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_status_names_the_spelling_its_rows_and_the_value_to_give(tmp_path, fmt):
    rows = [["Réf.", "Statut", "Voix"], ["F01", "peut-être", None], ["F02", "En cours", "Martiens"],
            ["F03", "Peut Être", "martiens"], ["F04", "peut-être", None]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    out = run(path)
    assert codes(out["errors"]) == ["unknown-status", "unknown-voice"]
    status, voice = out["errors"]
    assert (status.row, status.column, status.value) == (2, "Statut (B)", "peut-être")
    assert "3 lignes" in status.message and "2, 4, 5" in status.message
    assert '--value "status:peut-être=CODE"' in status.hint and "in_progress" in status.hint
    assert (voice.row, voice.value) == (3, "Martiens") and "2 lignes" in voice.message
    assert '--value "voice:Martiens=CODE"' in voice.hint and "civil_society" in voice.hint
    ok = run(path, {"values": {"status": {"Peut-être": "unknown"}, "voice": {"martiens": "independent"}}})
    assert not ok["errors"], ok["errors"]


def test_one_unknown_status_keeps_todays_message(tmp_path):
    path = write(tmp_path, "csv", {"Suivi": [["Réf.", "Statut"], ["F01", "Bof"], ["F02", "En cours"]]})
    e = run(path)["errors"][0]
    assert e.message == "Ligne 2, colonne Statut (B) : « Bof » n'est pas un statut connu."


@pytest.mark.parametrize("fmt", FORMATS)
def test_confidence_spellings_are_stored_as_the_domain_writes_them(tmp_path, fmt):
    rows = [["Réf.", "Statut", "Confiance"], ["F01", "En cours", "Vérifié"], ["F02", "En cours", "Confirmé (source secondaire)"],
            ["F03", "En cours", "déduit"], ["F04", "En cours", "introuvable"], ["F05", "En cours", "sûr"],
            ["F06", "En cours", "à voir"], ["F07", "En cours", "À voir"], ["F08", "En cours", None]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    out = run(path, {"values": {"confidence": {"sur": "confirmed"}}})
    assert not out["errors"], out["errors"]
    assert [c for (c,) in measures(out, "confidence")] == [
        "confirmed", "confirmed (secondary)", "inferred", "not found", "confirmed", "à voir", "À voir", None]
    warned = [w for w in out["warnings"] if w.code == "unknown-confidence"]
    assert len(warned) == 1 and warned[0].row == 7 and "2 lignes" in warned[0].message
    assert '--value "confidence:à voir=CODE"' in warned[0].hint


# 3. Dated status columns ------------------------------------------------------------------------------------

DATED = [["Réf.", "Intitulé", "Axe", "Statut juin 2025", "Info juin 2025", "Statut déc 2025", "Commentaire"],
         ["F01", "Former", "Axe 1", "Non engagée", "rien", "En cours", "sessions"],
         ["F02", "Guide", "Axe 1", "En cours", None, "Réalisée", None],
         ["F03", "Numéro vert", "Axe 2", None, None, "En cours", "lancé"]]
DATED_PROFILE = {"dated": {"Statut juin 2025": ["status", "2025-06-30"], "Info juin 2025": ["comment", "2025-06-30"],
                           "Statut déc 2025": ["status", "2025-12-31"]}}


@pytest.mark.parametrize("fmt", FORMATS)
def test_dated_status_columns_give_one_snapshot_per_date(tmp_path, fmt):
    path = write(tmp_path, fmt, {"Suivi": DATED})
    out = run(path, DATED_PROFILE, as_of=None)
    assert not out["errors"], out["errors"]
    snap = out["snapshot"]
    assert (snap.as_of, snap.as_of_origin) == (dt.date(2025, 12, 31), "column")
    assert (out["as_of"], out["as_of_origin"]) == (dt.date(2025, 12, 31), "column")
    assert "as-of-today" not in codes(out["warnings"])
    assert measures(out, "ref", "title_fr", "axis_text", "status", "comment") == [
        ("F01", "Former", "Axe 1", "in_progress", "sessions"), ("F02", "Guide", "Axe 1", "done", None),
        ("F03", "Numéro vert", "Axe 2", "in_progress", "lancé")]
    [june] = snap.earlier
    assert (june.as_of, june.as_of_origin, june.file_name, june.plan_id) == (
        dt.date(2025, 6, 30), "column", path.name, "essai")
    cols = june.measures.columns
    assert list(zip(cols["ref"], cols["title_fr"], cols["status"], cols["status_as_reported"], cols["comment"],
                    strict=True)) == [("F01", "Former", "not_started", "Non engagée", "rien"),
                                      ("F02", "Guide", "in_progress", "En cours", None)]
    assert "unknown-column" not in codes(out["warnings"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plain_status_column_is_the_snapshot_at_the_files_date(tmp_path, fmt):
    rows = [["Réf.", "Statut 2024", "Statut 2025", "Statut"], ["F01", "Non engagée", "En cours", "Réalisée"],
            ["F02", None, "Non engagée", "En cours"]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    out = run(path, {"dated": {"Statut 2024": ["status", "2024-12-31"], "Statut 2025": ["status", "2025-12-31"]}})
    assert not out["errors"], out["errors"]
    snap = out["snapshot"]
    assert (snap.as_of, snap.as_of_origin) == (AS_OF, "option")
    assert measures(out, "ref", "status") == [("F01", "done"), ("F02", "in_progress")]
    assert [(e.as_of, list(e.measures["ref"]), list(e.measures["status"])) for e in snap.earlier] == [
        (dt.date(2024, 12, 31), ["F01"], ["not_started"]),
        (dt.date(2025, 12, 31), ["F01", "F02"], ["in_progress", "not_started"])]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_status_header_saying_another_date_is_asked_not_recorded_at_the_files_date(tmp_path, fmt):
    """« Statut juin 2025 » read as the file's status would record June's statuses at the file's date: refused,
    naming both options; once the profile says which, it reads."""
    rows = [["Réf.", "Intitulé", "Statut juin 2025"], ["F01", "Former", "Non engagée"], ["F02", "Guide", "En cours"]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    out = run(path)
    assert [(e.code, e.column, e.value) for e in out["errors"]] == [("dated-header", "Statut juin 2025 (C)",
                                                                    "Statut juin 2025")]
    hint = out["errors"][0].hint
    assert '--map "Statut juin 2025=status@2025-06-30"' in hint and '--map "Statut juin 2025=status"' in hint
    assert "30/06/2025" in out["errors"][0].message
    plain = run(path, {"columns": {"Statut juin 2025": "status"}})
    assert not plain["errors"] and plain["snapshot"].as_of == AS_OF
    dated = run(path, {"dated": {"Statut juin 2025": ["status", "2025-06-30"]}}, as_of=None)
    assert not dated["errors"] and dated["snapshot"].as_of == dt.date(2025, 6, 30)
    same_day = run(path, as_of=dt.date(2025, 6, 30))  # the file's date is the header's: nothing to ask
    assert not same_day["errors"], same_day["errors"]


def test_unknown_spelling_in_a_dated_column_is_an_error(tmp_path):
    path = write(tmp_path, "csv", {"Suivi": [*DATED[:2], ["F02", "Guide", "Axe 1", "bof", None, "bof", None]]})
    out = run(path, DATED_PROFILE, as_of=None)
    assert [(e.code, e.column, e.value) for e in out["errors"]] == [
        ("unknown-status", "Statut juin 2025 (D)", "bof"), ("unknown-status", "Statut déc 2025 (F)", "bof")]


# 4. Section title rows and repeated headers -------------------------------------------------------------------

SPANISH = [["Seguimiento del plan regional"], [None],
           ["5.1. Marco Normativo"],
           ["N°", "Compromiso", "Responsable", "Estado DIC 2025"],
           ["1", "Aprobar la ley", "Ministerio", "Cumplido"],
           ["2", "Reglamento", "Ministerio", "En proceso"],
           ["5.2. Protección de víctimas"],
           ["N°", "Compromiso", "Responsable", "DetalleEstado DIC 2025"],
           ["3", "Casas de acogida", "Ministerio", "Cumplido"],
           ["Fuente: elaboración propia con datos oficiales"]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_section_rows_give_the_axis_and_repeated_headers_are_skipped(tmp_path, fmt):
    path = write(tmp_path, fmt, {"Seguimiento": SPANISH})
    profile = {"dated": {"Estado DIC 2025": ["status", "2025-12-31"]},
               "values": {"status": {"cumplido": "done", "en proceso": "in_progress"}}}
    out = run(path, profile, as_of=None)
    assert not out["errors"], out["errors"]
    assert measures(out, "ref", "title_fr", "axis_text", "status", "row") == [
        ("1", "Aprobar la ley", "5.1. Marco Normativo", "done", 5),
        ("2", "Reglamento", "5.1. Marco Normativo", "in_progress", 6),
        ("3", "Casas de acogida", "5.2. Protección de víctimas", "done", 9)]
    notes = [w for w in out["warnings"] if w.code == "skipped-note"]
    assert [w.row for w in notes] == [10]
    assert "unknown-status" not in codes(out["errors"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_french_section_rows_fill_a_blank_axis_cell(tmp_path, fmt):
    rows = [["Réf.", "Intitulé", "Axe", "Statut"],
            ["Axe 1 — Prévenir"],
            ["F01", "Former", None, "En cours"],
            ["F02", "Guide", "Axe propre", "Réalisée"],
            ["Axe 2 — Protection des victimes"],
            ["Réf.", "Intitulé", "Axe", "Statut"],
            ["F03", "Numéro vert", None, "En cours"]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    out = run(path)
    assert not out["errors"], out["errors"]
    assert measures(out, "ref", "axis_text") == [("F01", "Axe 1 — Prévenir"), ("F02", "Axe propre"),
                                                ("F03", "Axe 2 — Protection des victimes")]
    assert "skipped-note" not in codes(out["warnings"])
    assert [w.code for w in out["warnings"] if w.code == "repeated-header"] == ["repeated-header"]


# 5. No reference column ---------------------------------------------------------------------------------------


def test_generated_ref_is_stable_short_and_ignores_case_and_accents():
    assert generated_ref("Former les agents") == generated_ref("  former les AGENTS ") == generated_ref("Formér les agents")
    assert generated_ref("Former les agents") != generated_ref("Former les juges")
    ref = generated_ref("Former les agents")
    assert ref.startswith("T-") and len(ref) <= 10 and ref[2:].isalnum() and ref.isupper()


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_ref_column_generates_refs_from_titles(tmp_path, fmt):
    rows = [["Promise", "Status", "Notes"], ["Build 100 schools", "delivered", "ok"], ["Cut taxes", "broken", None],
            ["Hire nurses", "in progress", None]]
    path = write(tmp_path, fmt, {"Tracker": rows})
    out = run(path)
    assert not out["errors"], out["errors"]
    assert measures(out, "ref", "title_fr", "status") == [
        (generated_ref("Build 100 schools"), "Build 100 schools", "done"),
        (generated_ref("Cut taxes"), "Cut taxes", "abandoned"),
        (generated_ref("Hire nurses"), "Hire nurses", "in_progress")]
    warned = [w for w in out["warnings"] if w.code == "generated-refs"]
    assert len(warned) == 1 and "3" in warned[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_title_twice_without_refs_is_a_duplicate(tmp_path, fmt):
    rows = [["Intitulé", "Statut"], ["Former les agents", "En cours"], ["Guide", "Réalisée"],
            ["former les Agents", "Réalisée"]]
    path = write(tmp_path, fmt, {"Suivi": rows})
    out = run(path)
    assert [(e.code, e.row, e.column) for e in out["errors"]] == [("duplicate-row", 4, "Intitulé (A)")]
    assert "2" in out["errors"][0].message


def test_a_mapping_leaving_no_ref_and_no_title_is_refused(tmp_path):
    path = write(tmp_path, "csv", {"Suivi": [["Réf.", "Intitulé", "Statut"], ["F01", "Former", "En cours"]]})
    out = run(path, {"columns": {"Réf.": "-", "Intitulé": "-"}})
    assert codes(out["errors"]) == ["no-identity"]
    assert "--map" in out["errors"][0].hint and out["snapshot"] is None


# 6. Statuses given by a cell's colour --------------------------------------------------------------------------


def test_colour_statuses_are_spellings(tmp_path):
    rows = [["Réf.", "Intitulé", "Statut"], ["F01", "Former", None], ["F02", "Guide", "En cours"],
            ["F03", "Numéro vert", None]]
    path = write(tmp_path, "xlsx", {"Suivi": rows})
    _kind, data = read(path)
    data["sheets"][0]["fills"] = {(1, 2): "#00B050", (3, 2): "#FF0000", (1, 0): "#FFFF00"}
    out = run(path, {"values": {"status": {"#00b050": "done"}}}, data=data)
    assert [(e.code, e.row, e.value) for e in out["errors"]] == [("unknown-status", 4, "#FF0000")]
    assert '--value "status:#FF0000=CODE"' in out["errors"][0].hint
    _kind, data = read(path)
    data["sheets"][0]["fills"] = {(1, 2): "#00B050", (3, 2): "#FF0000"}
    out = run(path, {"values": {"status": {"#00B050": "done", "#FF0000": "abandoned"}}}, data=data)
    assert not out["errors"], out["errors"]
    assert measures(out, "status", "status_as_reported") == [("done", "#00B050"), ("in_progress", "En cours"),
                                                             ("abandoned", "#FF0000")]
