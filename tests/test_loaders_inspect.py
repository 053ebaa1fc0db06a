"""What the mapping step shows, computed in the reading child from the one read: suggestions for spellings
(loaders.suggest), cells' fill colours (loaders.readers) and the inspection of a file (loaders.inspect)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color

from loaders import readers
from loaders.suggest import suggest


@pytest.mark.parametrize(("kind", "spelling", "code"), [
    ("status", "delivered", "done"),
    ("status", "Delivered", "done"),
    ("status", "In-Progress", "in_progress"),
    ("status", "largely", "partial"),
    ("status", "delayed", "postponed"),
    ("status", "delivred", "done"),
    ("status", "in progres", "in_progress"),
    ("status", "Réalisé", "done"),
    ("status", "Cumplido", "done"),
    ("status", "En proceso", "in_progress"),
    ("status", "No iniciado", "not_started"),
    ("voice", "Société civile", "civil_society"),
    ("voice", "gouvernment", "government"),
    ("confidence", "confirmé", "confirmed"),
    ("confidence", "Confirmed", "confirmed"),
])
def test_suggest(kind, spelling, code):
    assert suggest(kind, spelling) == code


@pytest.mark.parametrize(("kind", "spelling"), [
    ("status", "xyzzy"), ("status", ""), ("status", "non réalisée réellement"), ("status", "#00B050"),
    ("voice", "Marie"), ("confidence", "peut-être bien"), ("nope", "done"),
])
def test_no_suggestion(kind, spelling):
    assert suggest(kind, spelling) is None


def test_a_negation_is_never_suggested_as_its_opposite():
    assert suggest("status", "non réalisé") != "done"
    assert suggest("status", "not delivered") != "done"


def test_suggest_is_fast():
    start = time.perf_counter()
    for i in range(2_000):
        suggest("status", f"statut inconnu {i % 50}")
    assert time.perf_counter() - start < 2


# --- fills -------------------------------------------------------------------------------------------------

GREEN, ORANGE, RED = "00B050", "FFC000", "FF0000"


def _solid(rgb: str | Color) -> PatternFill:
    return PatternFill("solid", fgColor=rgb)


def coloured_book(path: Path) -> Path:
    """A table whose statuses are given by fill colours (blank cells), a legend beside it, two blank
    rows above the table so that the read starts below row 1."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi"
    ws["B3"] = "Réf."
    ws["C3"] = "Intitulé"
    ws["D3"] = "Statut"
    ws["F3"] = "Légende"
    for n, (colour, text) in enumerate([(GREEN, "Réalisée"), (ORANGE, "En cours"), (RED, "Abandonnée")]):
        ws.cell(4 + n, 6, text).fill = _solid(colour)
    colours = [GREEN, GREEN, ORANGE, RED, GREEN]
    for n, colour in enumerate(colours):
        ws.cell(4 + n, 2, f"M{n + 1}")
        ws.cell(4 + n, 3, f"Mesure {n + 1}")
        ws.cell(4 + n, 4).fill = _solid(colour)
    ws["C3"].fill = _solid("FFFFFF")  # white: no colour
    ws["B4"].fill = _solid(Color(indexed=10))  # indexed 10: red
    ws["B5"].fill = _solid(Color(theme=4))  # a theme colour: skipped
    wb.save(path)
    return path


def test_fills_of_an_xlsx_indexed_as_its_rows(tmp_path):
    data = readers.read_book(str(coloured_book(tmp_path / "c.xlsx")))
    sheet = data["sheets"][0]
    assert tuple(sheet["start"]) == (2, 1)  # rows[0] is Excel row 3, column B
    rows, fills = sheet["rows"], sheet["fills"]
    assert rows[0][0] == "Réf." and rows[1][0] == "M1"
    assert fills[(1, 2)] == "#00B050" and fills[(3, 2)] == "#FFC000" and fills[(4, 2)] == "#FF0000"
    assert fills[(1, 4)] == "#00B050"  # the legend
    assert fills[(1, 0)] == "#FF0000"  # indexed colour resolved
    assert (0, 1) not in fills and (2, 0) not in fills  # white, theme
    assert not data.get("fills_skipped")


def test_no_fills_beyond_the_size_limit(tmp_path, monkeypatch):
    from loaders.inspect import inspect

    monkeypatch.setattr(readers, "FILL_MAX_BYTES", 100)
    data = readers.read_book(str(coloured_book(tmp_path / "c.xlsx")))
    assert data["fills_skipped"] is True and "fills" not in data["sheets"][0]
    got = inspect(data, {}, "fr", {})
    assert got["fills_skipped"] is True and got["colours"] == []


def test_fills_come_through_the_guarded_child(tmp_path):
    from loaders import guard

    _kind, data = guard.read_untrusted(str(coloured_book(tmp_path / "c.xlsx")))
    assert data["sheets"][0]["fills"][(1, 2)] == "#00B050"


def test_a_csv_and_an_ods_have_no_fills(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("Réf.;Statut\nM1;En cours\n", encoding="utf-8")
    assert "fills" not in readers.read_csv(str(path))["sheets"][0]


def test_a_book_without_any_coloured_cell_reads_no_fills(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Réf.", "Statut"])
    wb.active.append(["M1", "En cours"])
    wb.save(tmp_path / "plain.xlsx")
    data = readers.read_book(str(tmp_path / "plain.xlsx"))
    assert data["sheets"][0].get("fills", {}) == {}


@pytest.mark.parametrize(("colour", "fr", "en"), [
    ("#00B050", "vert", "green"), ("#92D050", "vert", "green"), ("#FFC000", "orange", "orange"),
    ("#FF0000", "rouge", "red"), ("#C00000", "rouge", "red"), ("#FFFF00", "jaune", "yellow"),
    ("#BFBFBF", "gris", "grey"), ("#0070C0", "bleu", "blue"),
])
def test_colour_names(colour, fr, en):
    from loaders.inspect import colour_name

    assert colour_name(colour, "fr") == fr and colour_name(colour, "en") == en


# --- inspection --------------------------------------------------------------------------------------------

def _inspect(path: Path, profile: dict | None = None, lang: str = "fr", extra: dict | None = None) -> dict:
    from loaders.inspect import inspect

    data = readers.read_book(str(path)) if path.suffix != ".csv" else readers.read_csv(str(path))
    return inspect(data, profile or {}, lang, extra or {})


def dated_book(path: Path) -> Path:
    """A Spanish-and-English tracker: a title row, a split reference, one status column per date, English
    statuses not all understood, a confidence column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Seguimiento del plan"])
    ws.append(["N°", "Lettre", "Measure", "Estado DIC 2025", "Statut juin 2025", "Comments", "Confidence"])
    rows = [("34", "a", "First", "delivered", "ongoing", "x", "confirmed"),
            ("34", "b", "Second", "Delivred", "ongoing", "y", "sûr"),
            ("35", None, "Third", "wobbly", "delayed", None, "sûr"),
            ("36", None, "Fourth", "delivered", "not started", None, "confirmed")]
    for row in rows:
        ws.append(list(row))
    ws.append(["Fin del seguimiento"])  # a footnote under the table
    wb.create_sheet("Notes").append(["Quelques notes"])
    wb.save(path)
    return path


def test_inspection_of_a_dated_tracker(tmp_path):
    got = _inspect(dated_book(tmp_path / "d.xlsx"))
    assert [s["name"] for s in got["sheets"]] == ["Plan", "Notes"]
    plan = got["sheets"][0]
    assert plan["start_row"] == 1 and plan["rows"][0][0] == "Seguimiento del plan"
    assert plan["rows"][2][:4] == ["34", "a", "First", "delivered"]
    assert got["sheet"] == "Plan" and got["header_row"] == 2
    cols = {c["header"]: c for c in got["columns"]}
    assert cols["N°"]["field"] == "ref" and cols["N°"]["letter"] == "A" and cols["N°"]["index"] == 0
    assert cols["N°"]["join"] == 1 and cols["Lettre"]["field"] is None  # « 34 » + « a »: proposed
    assert cols["Measure"]["field"] == "title"
    assert cols["Estado DIC 2025"]["field"] == "status" and cols["Estado DIC 2025"]["date"] == "2025-12-31"
    assert cols["Statut juin 2025"]["field"] == "status" and cols["Statut juin 2025"]["date"] == "2025-06-30"
    assert cols["Comments"]["field"] == "comment" and cols["Comments"]["date"] is None
    assert cols["Confidence"]["field"] == "confidence"
    assert cols["Measure"]["samples"] == ["First", "Second", "Third"]
    status = {s["spelling"]: s for s in got["spellings"]["status"]}
    assert set(status) == {"Delivred", "wobbly"}  # « delivered », « ongoing », « delayed », « not started » are known
    assert status["Delivred"] == {"spelling": "Delivred", "count": 1, "rows": [4], "suggestion": "done"}
    assert status["wobbly"]["suggestion"] is None and status["wobbly"]["rows"] == [5]
    confidence = {s["spelling"]: s for s in got["spellings"]["confidence"]}
    assert confidence["sûr"]["count"] == 2 and confidence["sûr"]["rows"] == [4, 5]
    assert got["recognised"] is False


def test_spellings_known_to_the_plan_or_the_profile_are_not_asked(tmp_path):
    profile = {"values": {"status": {"wobbly": "partial"}, "confidence": {"Sur": "confirmed"}}}
    got = _inspect(dated_book(tmp_path / "d.xlsx"), profile, extra={"delivred": "done"})
    assert got["spellings"]["status"] == [] and got["spellings"]["confidence"] == []


def test_the_profile_wins_over_the_guess(tmp_path):
    profile = {"sheet": "Plan", "header_row": 2, "columns": {"Comments": "-", "Measure": "title"},
               "joins": {"ref": ["N°", "Lettre"]}, "dated": {"Estado DIC 2025": ["status", "2025-12-30"]}}
    got = _inspect(dated_book(tmp_path / "d.xlsx"), profile)
    cols = {c["header"]: c for c in got["columns"]}
    assert cols["Comments"]["field"] == "-"
    assert cols["N°"]["field"] == "ref" and cols["Lettre"]["field"] == "ref"
    assert cols["Estado DIC 2025"]["date"] == "2025-12-30"


def test_a_recognised_file_needs_no_mapping_step(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Réf.", "Intitulé", "Statut", "Commentaire"])
    ws.append(["M1", "Une mesure", "En cours", "x"])
    ws.append(["M2", "Une autre", "Réalisée", None])
    wb.save(tmp_path / "ok.xlsx")
    got = _inspect(tmp_path / "ok.xlsx")
    assert got["recognised"] is True and got["header_row"] == 1 and got["colours"] == []
    assert all(v == [] for v in got["spellings"].values())


def test_a_reference_proposed_over_two_columns_opens_the_mapping_step(tmp_path):
    """« 34 » + « a »: the read did not join them (refs « 34 » twice), so the step opens with the join proposed;
    once the profile joins them, the file is recognised."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["N°", "Lettre", "Intitulé", "Statut"], ["34", "a", "Former", "En cours"],
                ["34", None, "Guide", "Réalisée"], ["35", "b", "Numéro vert", "En cours"]):
        ws.append(row)
    wb.save(tmp_path / "split.xlsx")
    got = _inspect(tmp_path / "split.xlsx")
    assert {c["header"]: c.get("join") for c in got["columns"]}["N°"] == 1
    assert got["recognised"] is False
    assert _inspect(tmp_path / "split.xlsx", {"joins": {"ref": ["N°", "Lettre"]}})["recognised"] is True


def test_a_file_without_a_table_is_not_recognised(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Bonjour;tout\nle;monde\n", encoding="utf-8")
    got = _inspect(path)
    assert got["recognised"] is False and got["sheet"] == ""  # a CSV's one sheet, named as in got["sheets"]
    assert got["sheets"][0]["rows"][0] == ["Bonjour", "tout"]
    # no header recognised: the first row of two texts is offered, its columns with no field
    assert got["header_row"] == 1 and [(c["header"], c["field"]) for c in got["columns"]] == [
        ("Bonjour", None), ("tout", None)]


def test_an_empty_file_has_nothing_to_choose():
    from loaders.inspect import inspect

    got = inspect({"sheets": [{"name": "", "visible": True, "chart": False, "start": (0, 0), "rows": [],
                               "merged": []}]}, {}, "fr", {})
    assert got["header_row"] is None and got["columns"] == [] and got["recognised"] is False


def test_colours_of_blank_status_cells_with_their_legend(tmp_path):
    got = _inspect(coloured_book(tmp_path / "c.xlsx"))
    assert got["header_row"] == 3 and got["sheets"][0]["start_row"] == 3
    colours = {c["colour"]: c for c in got["colours"]}
    assert colours["#00B050"] == {"colour": "#00B050", "name": "vert", "count": 3, "rows": [4, 5],
                                  "suggestion": "done"}
    assert colours["#FFC000"]["suggestion"] == "in_progress" and colours["#FFC000"]["name"] == "orange"
    assert colours["#FF0000"]["suggestion"] == "abandoned" and colours["#FF0000"]["rows"] == [7]
    assert got["recognised"] is False
    english = _inspect(coloured_book(tmp_path / "c.xlsx"), lang="en")
    assert {c["name"] for c in english["colours"]} == {"green", "orange", "red"}


def test_colours_mapped_in_the_profile_are_not_asked(tmp_path):
    profile = {"values": {"status": {"#00B050": "done", "#FFC000": "in_progress", "#FF0000": "abandoned"}}}
    got = _inspect(coloured_book(tmp_path / "c.xlsx"), profile)
    assert got["colours"] == []


def test_inspection_costs_little_on_a_long_sheet():
    from loaders.inspect import inspect

    rows = [["Réf.", "Intitulé", "Statut", "Commentaire"]]
    spellings = ["En cours", "Réalisée", "bizarre", "delivred"]
    rows += [[f"M{i}", f"Mesure {i}", spellings[i % 4], None] for i in range(200_000)]
    data = {"sheets": [{"name": "", "visible": True, "chart": False, "start": (0, 0), "rows": rows, "merged": []}]}
    start = time.perf_counter()
    got = inspect(data, {}, "fr", {})
    assert time.perf_counter() - start < 1.5
    assert {s["spelling"]: s["count"] for s in got["spellings"]["status"]} == {"bizarre": 50_000, "delivred": 50_000}
    assert len(got["sheets"][0]["rows"]) == 15


def test_dates_in_the_preview_read_as_people_write_them(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Réf.", "Statut", "Échéance"])
    ws.append(["M1", "En cours", dt.datetime(2025, 6, 30)])
    wb.save(tmp_path / "d.xlsx")
    got = _inspect(tmp_path / "d.xlsx")
    assert got["sheets"][0]["rows"][1] == ["M1", "En cours", "30/06/2025"]


def test_the_profile_chooses_the_sheet_and_header_row(tmp_path):
    got = _inspect(dated_book(tmp_path / "d.xlsx"), {"sheet": "Notes", "header_row": 1})
    assert got["sheet"] == "Notes" and got["header_row"] == 1
    assert [c["header"] for c in got["columns"]] == ["Quelques notes"] and got["recognised"] is False


def test_a_semicolon_csv_with_english_statuses(tmp_path):
    path = tmp_path / "suivi.csv"
    path.write_text("Suivi du plan\nRef;Title;Status 2019;Status 2020\nA1;One;delivered;in progres\n"
                    "A2;Two;largely;Postponed\nA3;Three;delivered;completed\n", encoding="utf-8")
    got = _inspect(path)
    assert got["sheet"] == "" and got["header_row"] == 2
    cols = {c["header"]: (c["field"], c["date"]) for c in got["columns"]}
    assert cols == {"Ref": ("ref", None), "Title": ("title", None), "Status 2019": ("status", "2019-12-31"),
                    "Status 2020": ("status", "2020-12-31")}
    assert got["spellings"]["status"] == [{"spelling": "in progres", "count": 1, "rows": [3],
                                           "suggestion": "in_progress"}]
    assert got["recognised"] is False  # dated columns the profile does not hold yet: asked


def test_a_repeated_header_row_under_a_section_title_is_not_a_spelling(tmp_path):
    path = tmp_path / "sections.csv"
    path.write_text("Réf.;Intitulé;Statut\nAxe 1 — Prévenir;;\nM1;Un;En cours\nAxe 2 — Protéger;;\n"
                    "Réf.;Intitulé;Statut\nM2;Deux;Réalisée\n", encoding="utf-8")
    got = _inspect(path)
    assert got["spellings"]["status"] == []


def test_a_repeated_header_whose_wording_drifted_is_not_a_spelling(tmp_path):
    """« Estado DIC 2025 » then, under the next section, « DetalleEstado DIC 2025 »: the check skips that row as a
    header; the mapping step does not ask what it means (the next file would never go straight through)."""
    path = tmp_path / "drift.csv"
    path.write_text("5.1. Marco\nN°;Compromiso;Responsable;Estado DIC 2025\n1;Ley;Ministerio;Cumplido\n"
                    "5.2. Protección\nN°;Compromiso;Responsable;DetalleEstado DIC 2025\n3;Casas;Ministerio;Cumplido\n",
                    encoding="utf-8")
    profile = {"dated": {"Estado DIC 2025": ["status", "2025-12-31"]}, "values": {"status": {"Cumplido": "done"}}}
    got = _inspect(path, profile)
    assert got["spellings"]["status"] == [] and got["recognised"] is True
    unknown = _inspect(path, {"dated": profile["dated"]})["spellings"]["status"]
    assert [(s["spelling"], s["rows"]) for s in unknown] == [("Cumplido", [3, 6])]


def test_banded_rows_are_not_status_colours(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Réf.", "Intitulé", "Statut"])
    for n in range(6):
        ws.append([f"M{n}", f"Mesure {n}", None])
        if n % 2:
            for col in range(1, 4):
                ws.cell(n + 2, col).fill = _solid("DDEBF7")
    wb.save(tmp_path / "zebra.xlsx")
    assert _inspect(tmp_path / "zebra.xlsx")["colours"] == []


def test_a_table_without_a_ref_column_is_recognised(tmp_path):
    path = tmp_path / "noref.csv"
    path.write_text("Intitulé;Statut\nUne mesure;En cours\nUne autre;Réalisée\n", encoding="utf-8")
    assert _inspect(path)["recognised"] is True


def test_inspect_job_reads_what_the_check_reads(tmp_path):
    from loaders.inspect import inspect_job

    path = tmp_path / "j.csv"
    path.write_text("Code mesure;Avancée;Intitulé\nM1;bof;Un\n", encoding="utf-8")
    data = readers.read_csv(str(path))
    job = {"lang": "en", "user_map": {"avancee": "status"},
           "state": {"mappings": {"code mesure": "ref"}, "settings": {"statuses": {"extra_spellings": {"Bof": "partial"}}}},
           "profile": {"columns": {"Intitulé": "title"}}}
    got = inspect_job(data, job)
    assert [(c["header"], c["field"]) for c in got["columns"]] == [
        ("Code mesure", "ref"), ("Avancée", "status"), ("Intitulé", "title")]
    assert got["recognised"] is True


def _rewrite(path: Path, out: Path, change) -> Path:
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    change(parts)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return out


def test_odd_styles_never_stop_the_read(tmp_path):
    def odd(parts):  # a fill number beyond the fills, a colour that is not one
        xml = parts["xl/styles.xml"].replace(b'fillId="5"', b'fillId="999"').replace(b'"00FFC000"', b'"zz"')
        parts["xl/styles.xml"] = xml

    path = _rewrite(coloured_book(tmp_path / "c.xlsx"), tmp_path / "odd.xlsx", odd)
    sheet = readers.read_book(str(path))["sheets"][0]
    assert sheet["rows"][1][0] == "M1" and sheet["fills"][(1, 2)] == "#00B050" and (3, 2) not in sheet["fills"]


def test_fills_of_cells_written_with_a_namespace_prefix(tmp_path):
    def prefixed(parts):
        xml = parts["xl/worksheets/sheet1.xml"].decode()
        xml = xml.replace("<c ", "<x:c ").replace("</c>", "</x:c>").replace(
            "<worksheet ", '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ', 1)
        parts["xl/worksheets/sheet1.xml"] = xml.encode()

    path = _rewrite(coloured_book(tmp_path / "c.xlsx"), tmp_path / "prefixed.xlsx", prefixed)
    fills = readers.read_book(str(path))["sheets"][0].get("fills") or {}
    assert fills.get((1, 2)) == "#00B050"


def test_the_template_is_recognised(sqlite_seeded, tmp_path):
    """Vigie's own workbook goes straight through: no mapping step."""
    from loaders.template import write_template
    from tests.test_loaders_template import PLAN

    got = _inspect(write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx"))
    assert got["recognised"] is True, (got["columns"], got["spellings"], got["colours"])


def test_a_column_of_free_text_is_not_a_vocabulary():
    from loaders.inspect import MAX_SPELLINGS, inspect

    rows = [["Réf.", "Statut"]] + [[f"M{i}", f"texte libre numéro {i}"] for i in range(20_000)]
    rows += [["M", "bizarre"]] * 3
    data = {"sheets": [{"name": "", "visible": True, "chart": False, "start": (0, 0), "rows": rows, "merged": []}]}
    start = time.perf_counter()
    got = inspect(data, {}, "fr", {})["spellings"]["status"]
    assert time.perf_counter() - start < 3
    assert len(got) == MAX_SPELLINGS and got[0] == {"spelling": "bizarre", "count": 3, "rows": [20_002, 20_003],
                                                   "suggestion": None}


def _profile_from(inspection: dict) -> dict:
    """The profile the mapping step builds when the person keeps every guess and suggestion."""
    prof: dict = {"columns": {}, "dated": {}, "joins": {}, "values": {"status": {}, "voice": {}, "confidence": {}}}
    cols = {c["index"]: c for c in inspection["columns"]}
    for c in inspection["columns"]:
        if c["date"]:
            prof["dated"][c["header"]] = [c["field"], c["date"]]
        elif c.get("join") is not None:
            prof["joins"]["ref"] = [c["header"], cols[c["join"]]["header"]]
        else:
            prof["columns"][c["header"]] = c["field"] or "-"
    for kind, entries in inspection["spellings"].items():
        for e in entries:
            prof["values"][kind][e["spelling"]] = e["suggestion"] or {"status": "unknown"}.get(kind, "confirmed")
    for e in inspection["colours"]:
        prof["values"]["status"][e["colour"]] = e["suggestion"] or "unknown"
    return prof


@pytest.mark.parametrize("build", [dated_book, coloured_book])
def test_the_guesses_kept_read_the_file_and_the_next_one_is_recognised(tmp_path, build):
    """Inspection → profile → the check reads the file without an error, and the same file is then recognised."""
    from loaders.check import check
    from loaders.inspect import inspect_job

    path = build(tmp_path / "f.xlsx")

    def run(profile):
        data = readers.read_book(str(path))
        job = {"name": path.name, "lang": "fr", "plan_id": "p", "state": None, "user_map": {}, "as_of": None,
               "digest": "x", "profile": profile}
        return check("book", data, job), inspect_job(data, job)

    out, first = run({})
    assert out["errors"] and first["recognised"] is False
    out, again = run(_profile_from(first))
    assert out["errors"] == [] and again["recognised"] is True
