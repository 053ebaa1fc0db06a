"""Template round trip: export → edit (openpyxl, optionally LibreOffice) → import = the edits."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from loaders import import_file
from loaders.template import write_template
from plans import schema as s
from plans.access import CLI

PLAN = "pna-2024-2027"


def _edit(src: Path, dst: Path) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb["Mesures"]
    ws["A2"] = "Situation au 30/06/2025"
    refs = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value}
    ws.cell(refs["F01"], 6, "Réalisée")
    ws.cell(refs["F01"], 7, "Objectif 2025 atteint")
    ws.cell(refs["F02"], 2, "Observatoire national (intitulé corrigé)")
    new = ws.max_row + 1
    for j, v in enumerate(["F99", "Nouvelle mesure ajoutée", None, "MIPROF", "fin 2026", "Engagée / en construction"],
                          start=1):
        ws.cell(new, j, v)
    wa = wb["Annonces"]
    wa.append(["Comité de suivi 2025", dt.datetime(2025, 5, 2), "fin juin 2025", None, None, "Annoncé en mai"])
    wb.save(dst)
    return dst


def _statuses(engine, as_of):
    q = (select(s.measures.c.ref, s.assessments.c.status).join(s.assessments)
         .where(s.measures.c.plan_id == PLAN, s.assessments.c.as_of == as_of, s.assessments.c.origin == "import"))
    with engine.connect() as conn:
        return dict(conn.execute(q).all())


def _check_round_trip(engine, path: Path, template_statuses: dict):
    report = import_file(path, PLAN, engine, actor=CLI)
    assert report.outcome == "imported", [i.to_dict() for i in report.errors]
    assert report.as_of == dt.date(2025, 6, 30)
    assert (report.counts["measures_added"], report.counts["measures_changed"], report.counts["measures_vanished"],
            report.counts["announcements"]) == (1, 1, 0, 1)
    got = _statuses(engine, dt.date(2025, 6, 30))
    expected = {**template_statuses, "F01": "done", "F99": "initiated"}
    # the edits are recorded; an unchanged row records nothing new, or its unchanged status
    assert {"F01", "F99"} <= got.keys() and got == {ref: expected[ref] for ref in got}
    with engine.connect() as conn:
        revs = conn.execute(select(s.measure_revisions.c.field, s.measure_revisions.c.new_value)).all()
    assert revs == [("title_fr", "Observatoire national (intitulé corrigé)")]


def _template_statuses(path: Path) -> dict:
    from plans.vocab import STATUS_LABELS

    codes = {v: k for k, v in STATUS_LABELS["fr"].items()}
    ws = openpyxl.load_workbook(path)["Mesures"]
    return {ws.cell(r, 1).value: codes[ws.cell(r, 6).value] for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value}


def test_template_layout(sqlite_seeded, tmp_path):
    out = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Instructions", "Mesures", "Annonces"]
    ws = wb["Mesures"]
    assert [c.value for c in ws[4]][:6] == ["Réf.", "Intitulé", "Axe", "Pilote", "Échéance", "Statut"]
    assert ws.freeze_panes == "A5"
    assert any("Non engagée" in dv.formula1 for dv in ws.data_validations.dataValidation)
    assert wb["Annonces"]["B5"].number_format == "DD/MM/YYYY"


def test_round_trip_openpyxl(sqlite_seeded, tmp_path):
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx")
    # the unedited template imports to nothing new but one assessment per measure
    plain = import_file(tpl, PLAN, sqlite_seeded, as_of=dt.date(2025, 1, 1), dry_run=True, actor=CLI)
    assert plain.ok and plain.counts["measures_added"] == plain.counts["measures_changed"] == 0
    assert plain.counts["announcements"] == 0 and plain.counts["measures_vanished"] == 0
    edited = _edit(tpl, tmp_path / "modifie.xlsx")
    _check_round_trip(sqlite_seeded, edited, _template_statuses(tpl))


@pytest.mark.skipif(not Path("/usr/bin/soffice").exists(), reason="LibreOffice absent")
def test_round_trip_through_libreoffice(sqlite_seeded, tmp_path):
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx")
    edited = _edit(tpl, tmp_path / "modifie.xlsx")
    outdir = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(outdir), str(edited)],
                   capture_output=True, timeout=120, check=False)
    converted = outdir / "modifie.xlsx"
    if not converted.exists():
        pytest.skip("LibreOffice could not convert (libreoffice-calc missing?)")
    shutil.copy(converted, tmp_path / "par-libreoffice.xlsx")
    _check_round_trip(sqlite_seeded, tmp_path / "par-libreoffice.xlsx", _template_statuses(tpl))


def test_template_keeps_the_voice_of_the_latest_status(sqlite_seeded, tmp_path):
    """F04's latest status comes from MIPROF (government): an unchanged re-import must not turn
    it into a civil-society statement."""
    out = write_template(sqlite_seeded, "pna-2024-2027", tmp_path / "t.xlsx", today=dt.date(2026, 11, 30))
    ws = openpyxl.load_workbook(out)["Mesures"]
    header = [c.value for c in ws[4]]
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["F04"]["Voix"] == "Gouvernement" and rows["F04"]["Statut"] == "En cours"
    assert rows["F06"]["Voix"] == "Société civile"
    assert rows["G01"]["Voix"] is None and rows["G01"]["Statut"] == "Inconnu"
    report = import_file(out, "pna-2024-2027", sqlite_seeded, actor=CLI)
    assert report.outcome == "imported"
    with sqlite_seeded.connect() as conn:
        voices = conn.execute(select(s.assessments.c.voice).join(s.measures).where(
            s.measures.c.ref == "F04", s.assessments.c.origin == "import")).scalars().all()
    assert set(voices) <= {"government"}  # nothing recorded, or the government's status again


def _warnings(report) -> list[tuple]:
    return [(w.code, w.sheet, w.row, w.value) for w in report.warnings]


def test_template_prefills_french_values_the_loader_reads_back(sqlite_seeded, tmp_path):
    """Axe and Échéance hold the axis title and the deadline as written, never a research note."""
    out = write_template(sqlite_seeded, PLAN, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(out)["Mesures"]
    header = [c.value for c in ws[4]]
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["F01"]["Axe"] == "Axe transversal : sensibilisation de la société et formation des professionnels"
    assert rows["F01"]["Échéance"] == "d'ici 2025"
    assert rows["F04"]["Échéance"] == "chaque année, le 18 octobre"
    assert rows["G04"]["Axe"] == "Axe 4 : exploitation économique et par le travail (dont exploitation domestique)"
    assert rows["F02"]["Axe"] is None and rows["F07"]["Échéance"] is None  # unknown stays empty
    for r in rows.values():
        for col in ("Axe", "Échéance"):
            assert not any(w in (r[col] or "") for w in ("inferred", "unknown", "not found", "official title")), r


def test_unchanged_template_imports_without_warnings_on_its_rows(sqlite_seeded, tmp_path):
    """Generate the template, import it unchanged: nothing to act on in « Mesures » or « Annonces »
    (no « date non comprise », no « pas d'échéance » for deadlines the plan does not give, no
    « lu comme » for « d'ici 2025 »), and nothing recorded as changed."""
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx", today=dt.date(2025, 6, 30))
    report = import_file(tpl, PLAN, sqlite_seeded, actor=CLI)
    assert report.outcome == "imported", [i.to_dict() for i in report.errors]
    assert [w for w in _warnings(report) if w[1] != "Instructions"] == []
    assert report.counts["measures_changed"] == report.counts["measures_added"] == 0
    with sqlite_seeded.connect() as conn:
        assert conn.execute(select(s.measure_revisions)).all() == []


def test_changed_deadlines_are_still_reported(sqlite_seeded, tmp_path):
    """The silence covers only what is stored: a new, changed or blanked deadline is reported."""
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx", today=dt.date(2025, 6, 30))
    wb = openpyxl.load_workbook(tpl)
    ws = wb["Mesures"]
    refs = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value}
    ws.cell(refs["F01"], 5).value = None         # blanked
    ws.cell(refs["F02"], 5, "fin 2026")          # new, vague
    ws.cell(refs["F04"], 5, "chaque 18 octobre")  # changed, not understood
    ws.cell(refs["G01"], 5, "fin 2026")          # same text again: reported once
    wb.save(tmp_path / "modifie.xlsx")
    report = import_file(tmp_path / "modifie.xlsx", PLAN, sqlite_seeded, dry_run=True, actor=CLI)
    got = sorted((code, row) for code, sheet, row, _v in _warnings(report) if sheet == "Mesures")
    assert got == sorted([("missing-deadline", refs["F01"]), ("deadline-read", refs["F02"]),
                          ("unread-date", refs["F04"])])


def test_unchanged_template_imports_without_any_warning(sqlite_seeded, tmp_path):
    """Not even about the template's own « Instructions » sheet."""
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx", today=dt.date(2025, 6, 30))
    report = import_file(tpl, PLAN, sqlite_seeded, actor=CLI)
    assert report.outcome == "imported" and _warnings(report) == []


def test_a_sheet_of_notes_that_is_not_a_help_sheet_is_still_reported(sqlite_seeded, tmp_path):
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx", today=dt.date(2025, 6, 30))
    wb = openpyxl.load_workbook(tpl)
    wb["Instructions"].title = "Budget 2025"
    wb.save(tmp_path / "renomme.xlsx")
    report = import_file(tmp_path / "renomme.xlsx", PLAN, sqlite_seeded, dry_run=True, actor=CLI)
    assert [(w.code, w.sheet) for w in report.warnings] == [("ignored-sheet", "Budget 2025")]


# The whole plan: room for the measures the plan declares but Vigie does not document


def _room_rows(ws) -> list[int]:
    """Rows of « Mesures » kept for undocumented measures: bordered, every cell empty."""
    return [r for r in range(5, ws.max_row + 1)
            if ws.cell(r, 1).border.left.style and all(ws.cell(r, j).value is None for j in range(1, 10))]


def _declared_and_documented(engine) -> tuple[int, int]:
    from plans.store import list_plans

    plan = next(p for p in list_plans(engine) if p["id"] == PLAN)
    return plan["measures_declared"], plan["measures_documented"]


def test_template_keeps_one_empty_row_per_undocumented_measure(sqlite_seeded, tmp_path):
    declared, documented = _declared_and_documented(sqlite_seeded)
    assert (declared, documented) == (60, 12)  # « 12 mesures documentées sur 60 »
    ws = openpyxl.load_workbook(write_template(sqlite_seeded, PLAN, tmp_path / "t.xlsx"))["Mesures"]
    prefilled = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value]
    room = _room_rows(ws)
    assert len(room) == declared - documented == 48
    assert room == list(range(max(prefilled) + 1, max(prefilled) + 49))  # right under the known measures
    assert all(ws.cell(r, 5).number_format == "@" for r in room)  # a deadline typed there stays as written


def test_the_room_follows_the_declared_total(sqlite_seeded, tmp_path):
    from sqlalchemy import update

    for declared, expected in ((13, 1), (12, 0), (5, 0), (None, 0)):
        with sqlite_seeded.begin() as conn:
            conn.execute(update(s.plans).where(s.plans.c.id == PLAN).values(measures_declared=declared))
        ws = openpyxl.load_workbook(write_template(sqlite_seeded, PLAN, tmp_path / f"t{declared}.xlsx"))["Mesures"]
        assert len(_room_rows(ws)) == expected, declared


def _axes(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(s.axes.c.label_fr).where(s.axes.c.plan_id == PLAN)
                                 .order_by(s.axes.c.id)).scalars())


def _list_values(wb, formula: str) -> list:
    sheet, cells = formula.rsplit("!", 1)
    ws = wb[sheet.strip("'")]
    return [c.value for (c,) in ws[cells.replace("$", "")]]


def test_the_axis_column_offers_the_plans_axes(sqlite_seeded, tmp_path):
    wb = openpyxl.load_workbook(write_template(sqlite_seeded, PLAN, tmp_path / "t.xlsx"))
    ws = wb["Mesures"]
    room = _room_rows(ws)
    by_column = {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}
    axis = by_column["C"]
    assert axis.type == "list" and not axis.showErrorMessage  # offered, not imposed: six axes, five known
    assert all(f"C{r}" in axis.sqref for r in (5, room[0], room[-1]))
    assert _list_values(wb, axis.formula1) == _axes(sqlite_seeded) and len(_axes(sqlite_seeded)) == 5
    assert all(f"F{r}" in by_column["F"].sqref for r in (room[0], room[-1]))  # the status list as before
    assert "Non engagée" in by_column["F"].formula1


def test_instructions_speak_of_the_data_page_and_of_the_room(sqlite_seeded, tmp_path):
    wb = openpyxl.load_workbook(write_template(sqlite_seeded, PLAN, tmp_path / "t.xlsx"))
    lines = [c.value for (c,) in wb["Instructions"].iter_rows(max_col=1) if c.value]
    joined = "\n".join(lines)
    assert "python" not in joined and "--plan" not in joined
    assert "page Données" in joined
    assert "Mesures documentées dans Vigie : 12 sur 60" in joined and "(48)" in joined


def test_the_untouched_template_imports_and_its_empty_rows_add_nothing(sqlite_seeded, tmp_path):
    with sqlite_seeded.connect() as conn:
        before = conn.execute(select(s.measures.c.ref).where(s.measures.c.plan_id == PLAN)).scalars().all()
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx", today=dt.date(2025, 6, 30))
    report = import_file(tpl, PLAN, sqlite_seeded, actor=CLI)
    assert report.outcome == "imported", [i.to_dict() for i in report.errors]
    assert report.errors == [] and report.warnings == []
    assert report.counts["measures_added"] == report.counts["measures_vanished"] == 0
    with sqlite_seeded.connect() as conn:
        after = conn.execute(select(s.measures.c.ref).where(s.measures.c.plan_id == PLAN)).scalars().all()
    assert sorted(after) == sorted(before)


def test_a_filled_room_row_adds_the_measure_with_its_axis(sqlite_seeded, tmp_path):
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx", today=dt.date(2025, 6, 30))
    wb = openpyxl.load_workbook(tpl)
    ws = wb["Mesures"]
    row = _room_rows(ws)[0]
    axis = _axes(sqlite_seeded)[2]
    for j, v in enumerate(["H01", "Mesure documentée depuis", axis, "MIPROF", "fin 2026", "En cours"], start=1):
        ws.cell(row, j, v)
    wb.save(tmp_path / "rempli.xlsx")
    report = import_file(tmp_path / "rempli.xlsx", PLAN, sqlite_seeded, actor=CLI)
    assert report.outcome == "imported", [i.to_dict() for i in report.errors]
    assert report.counts["measures_added"] == 1
    with sqlite_seeded.connect() as conn:
        got = conn.execute(select(s.measures.c.title_fr, s.measures.c.axis_text)
                           .where(s.measures.c.plan_id == PLAN, s.measures.c.ref == "H01")).one()
    assert tuple(got) == ("Mesure documentée depuis", axis)
    assert _statuses(sqlite_seeded, dt.date(2025, 6, 30))["H01"] == "in_progress"
