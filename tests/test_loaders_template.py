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
    assert got == expected
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
    assert voices == ["government"]


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
                          ("bad-date", refs["F04"])])


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
