"""Importing coordinators' spreadsheets: messy variants, exact issues, snapshots and history."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import xlsxwriter
from sqlalchemy import select

from loaders import ImportReport, Issue, import_file
from plans import schema as s
from plans.access import CLI
from plans.db import make_engine, upgrade
from tests.factories import table_counts

PLAN = "test-plan"
TITLE = "Suivi associatif du PNA-TEH 2024-2027"
# ref, title, lead, deadline, status (mixed spellings), comment
ROWS = [
    ("F01", "Plan national de formation des professionnels", "MIPROF", "d'ici 2025", "En cours", "Sessions ENM"),
    ("F02", "Observatoire national de la traite", "MIPROF ; SSMSI", "fin 2025", " réalisée ", "Données 2024"),
    ("F03", "Campagne de prévention JOP 2024", "MIPROF", "été 2024", "EFFECTIVE", None),
    ("F04", "Journée européenne (18 octobre)", "Ministère de l'Intérieur", dt.date(2024, 10, 18), "Non engagée",
     "Rien de visible"),
    ("F05", "Guide d'identification des victimes", "DGCS", "T2 2025", "en construction", "Réunion prévue"),
]
HEADERS_A = ["N°", "Intitulé de la mesure", "Ministère pilote", "Échéance", "État d'avancement", "Dernière information",
             "Colonne perso"]
HEADERS_B = ["Réf.", "Libellé de la mesure", "Porteur", "Date cible", "Statut", "Commentaire", "Colonne perso"]
ANN_HEADERS = ["Sujet", "Date de l'annonce", "Date annoncée", "Tenu le", "Notes"]
ANNS = [
    ("Comité de coordination", dt.date(2023, 12, 11), "fin janvier 2024", None, "Annoncé à la présentation"),
    ("Comité de coordination", dt.date(2024, 1, 25), "fin février 2024", None, "Premier report"),
    ("Comité de coordination", dt.date(2024, 3, 1), None, dt.date(2024, 3, 21), "Enfin tenu"),
]


def _text(v):
    return v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v


def build_openpyxl(path: Path, headers=HEADERS_A, rows=ROWS, *, as_of="27/06/2025", anns=True) -> Path:
    """A coordinator's workbook: merged title, date line, blank rows, a footnote, an extra column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi des mesures"
    ws["A1"] = TITLE
    ws.merge_cells("A1:F1")
    if as_of:
        ws["A2"] = f"Situation au {as_of}"
    for j, h in enumerate(headers, start=1):
        ws.cell(4, j, h)
    r = 5
    for n, row in enumerate(rows):
        if n == 2:
            r += 1  # a blank row inside the table
        for j, v in enumerate(row, start=1):
            ws.cell(r, j, v)
        ws.cell(r, 7, f"perso {row[0]}")
        r += 1
    ws.cell(r + 1, 1, "* Source : comité de suivi du 12/12/2024")
    if anns:
        wa = wb.create_sheet("Annonces")
        wa.append(ANN_HEADERS)
        for a in ANNS:
            wa.append(list(a))
    hidden = wb.create_sheet("Brouillon")
    hidden["A1"] = "notes internes"
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def build_xlsxwriter(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Mesures")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.merge_range("A1:F1", TITLE)
    ws.write("A2", "Mise à jour : 27 juin 2025")
    ws.write_row(5, 0, HEADERS_B)
    r = 6
    for row in ROWS:
        for j, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, j, dt.datetime.combine(v, dt.time()), date_fmt)
            elif v is not None:
                ws.write(r, j, v)
        ws.write(r, 6, f"perso {row[0]}")
        r += 2  # blank row after every measure
    ws.write(r, 0, "Note : statuts établis par le collectif.")
    wa = wb.add_worksheet("Annonces")
    wa.write_row(0, 0, ANN_HEADERS)
    for i, a in enumerate(ANNS, start=1):
        for j, v in enumerate(a):
            if isinstance(v, dt.date):
                wa.write_datetime(i, j, dt.datetime.combine(v, dt.time()), date_fmt)
            elif v is not None:
                wa.write(i, j, v)
    wb.add_worksheet("Vide")
    wb.close()
    return path


def build_csv(path: Path, *, delimiter=";", encoding="cp1252", headers=HEADERS_A) -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow([TITLE])
        w.writerow(["Situation au 27/06/2025"])
        w.writerow([])
        w.writerow(headers)
        for row in ROWS:
            w.writerow([_text(v) or "" for v in row] + [f"perso {row[0]}"])
        w.writerow([])
        w.writerow(["* Source : comité de suivi du 12/12/2024"])
    return path


def fresh_engine(tmp_path: Path, name="v.db"):
    eng = make_engine(f"sqlite:///{tmp_path / name}")
    upgrade(eng)
    return eng


def snapshot_rows(engine, plan=PLAN):
    m, a = s.measures, s.assessments
    q = (select(m.c.ref, m.c.title_fr, m.c.lead_body, m.c.deadline_text, m.c.deadline_start, m.c.deadline_end,
                a.c.as_of, a.c.status, a.c.voice, a.c.comment, a.c.extra)
         .join(a, a.c.measure_id == m.c.id).where(m.c.plan_id == plan).order_by(m.c.ref, a.c.as_of))
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(q)]


def ledger(engine, plan=PLAN):
    an = s.announcements
    q = (select(an.c.event_key, an.c.seq, an.c.kind, an.c.expected_text, an.c.expected_end, an.c.held_on, an.c.origin)
         .where(an.c.plan_id == plan).order_by(an.c.event_key, an.c.seq))
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(q)]


EXPECTED = [
    ("F01", "in_progress", "d'ici 2025", dt.date(2025, 12, 31)),
    ("F02", "done", "fin 2025", dt.date(2025, 12, 31)),
    ("F03", "done", "été 2024", dt.date(2024, 8, 31)),
    ("F04", "not_started", "18/10/2024", dt.date(2024, 10, 18)),
    ("F05", "initiated", "T2 2025", dt.date(2025, 6, 30)),
]


def _variants(tmp_path: Path) -> dict[str, Path]:
    v = {
        "openpyxl.xlsx": build_openpyxl(tmp_path / "suivi.xlsx"),
        "xlsxwriter.xlsx": build_xlsxwriter(tmp_path / "suivi_xw.xlsx"),
        "cp1252;.csv": build_csv(tmp_path / "suivi_fr.csv"),
        "utf8bom,.csv": build_csv(tmp_path / "suivi_bom.csv", delimiter=",", encoding="utf-8-sig", headers=HEADERS_B),
    }
    xlsm = tmp_path / "suivi.xlsm"
    shutil.copy(v["openpyxl.xlsx"], xlsm)
    v["copy.xlsm"] = xlsm
    if shutil.which("soffice") or Path("/usr/bin/soffice").exists():
        ods = _to_ods(v["openpyxl.xlsx"], tmp_path)
        if ods:
            v["libreoffice.ods"] = ods
    return v


def _to_ods(src: Path, tmp_path: Path) -> Path | None:
    out = tmp_path / "ods"
    profile = tmp_path / "lo-profile"
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "ods",
                        "--outdir", str(out), str(src)], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    p = out / (src.stem + ".ods")
    return p if p.exists() else None


def test_all_variants_import_to_identical_rows(tmp_path):
    results = {}
    for label, path in _variants(tmp_path).items():
        eng = fresh_engine(tmp_path, f"{label}.db")
        report = import_file(path, PLAN, eng, actor=CLI)
        assert report.outcome == "imported", (label, [i.to_dict() for i in report.errors])
        assert report.as_of == dt.date(2025, 6, 27) and report.as_of_origin == "title", label
        assert report.counts["assessments"] == 5 and report.counts["measures_added"] == 5, label
        rows = snapshot_rows(eng)
        assert [(r[0], r[7], r[3], r[5]) for r in rows] == EXPECTED, label
        assert rows[0][10] == {"Colonne perso": "perso F01"}, label
        codes = {i.code for i in report.warnings}
        assert {"skipped-note", "unknown-column", "deadline-read"} <= codes, (label, codes)
        if label.endswith((".xlsx", ".xlsm", ".ods")) and label != "xlsxwriter.xlsx":
            assert "hidden-sheet" in codes, label
        results[label] = rows
        if label != "utf8bom,.csv" and label != "cp1252;.csv":
            assert [r[1:4] for r in ledger(eng)] == [(1, "announced", "fin janvier 2024"),
                                                     (2, "postponed", "fin février 2024"), (3, "held", None)], label
        eng.dispose()
    first = next(iter(results.values()))
    for label, rows in results.items():
        assert rows == first, label


def _bad_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mesures"
    for row in [["Réf.", "Intitulé", "Statut", "Échéance", "Voix"],
                ["F01", "Formation", "Bof", "2025", None],
                [None, "Sans référence", "En cours", "2025", None],
                ["F01", "Doublon", "En cours", "2025", None],
                ["F05", "Guide", "en cours", "n'importe quand", "Société civile"],
                ["F06", "Numéro vert", "réalisée", None, "Martiens"]]:
        ws.append(row)
    wb.save(path)
    return path


def test_bad_file_exact_issues(tmp_path):
    eng = fresh_engine(tmp_path)
    report = import_file(_bad_workbook(tmp_path / "mauvais.xlsx"), PLAN, eng, as_of=dt.date(2025, 1, 1), actor=CLI)
    assert report.outcome == "rejected" and not report.ok
    assert [(i.row, i.column, i.code) for i in report.errors] == [
        (2, "Statut (C)", "unknown-status"),
        (3, "Réf. (A)", "missing-value"),
        (4, "Réf. (A)", "duplicate-row"),
        (6, "Voix (E)", "unknown-voice"),
    ]
    assert [(i.row, i.column, i.code) for i in report.warnings] == [
        (2, "Échéance (D)", "deadline-read"), (5, "Échéance (D)", "unread-date"), (6, "Échéance (D)", "missing-deadline")]
    assert report.warnings[0].message == "Colonne Échéance (D) : « 2025 » lu comme 1er janvier → 31 décembre 2025 " \
        "(première occurrence ligne 2)."  # dates in messages as people write them, never ISO
    e = report.errors[0]
    assert isinstance(e, Issue) and e.file == "mauvais.xlsx" and e.sheet == "Mesures" and e.value == "Bof"
    assert e.message == "Ligne 2, colonne Statut (C) : « Bof » n'est pas un statut connu."
    assert "Non engagée, Engagée / en construction, En cours" in e.hint
    assert set(e.to_dict()) == {"file", "sheet", "row", "column", "value", "code", "message", "hint", "severity"}
    frame = report.issues_frame("fr")
    assert list(frame.columns) == ["Fichier", "Feuille", "Ligne", "Colonne", "Valeur", "Code", "Message", "Astuce"]
    assert len(frame) == 7 and frame.iloc[0]["Ligne"] == 2
    en = report.issues_frame("en")
    assert en.iloc[0]["Message"] == 'Row 2, column Statut (C): "Bof" is not a known status.'
    assert "refusé" in report.summary("fr") and "4 erreurs" in report.summary("fr")
    english = import_file(tmp_path / "mauvais.xlsx", PLAN, eng, as_of=dt.date(2025, 1, 1), lang="en", actor=CLI)
    assert english.errors[0].message.startswith("Row 2, column Statut (C)")


def test_failed_import_changes_nothing_but_the_run(seeded, tmp_path):
    before = table_counts(seeded)
    report = import_file(_bad_workbook(tmp_path / "mauvais.xlsx"), "pna-2024-2027", seeded, actor=CLI)
    assert report.outcome == "rejected"
    after = table_counts(seeded)
    assert after["import_runs"] == before["import_runs"] + 1
    assert after["import_issues"] == before["import_issues"] + len(report.issues)
    assert after["audit_log"] == before["audit_log"] + 1  # the refusal, in the journal
    assert {k: v for k, v in after.items() if not k.startswith("import_") and k != "audit_log"} == \
        {k: v for k, v in before.items() if not k.startswith("import_") and k != "audit_log"}
    with seeded.connect() as conn:
        run = conn.execute(select(s.import_runs).order_by(s.import_runs.c.id.desc())).mappings().first()
    assert run["outcome"] == "rejected" and run["errors_count"] == 4


def test_reimport_same_file_is_noop(migrated, tmp_path):
    path = build_openpyxl(tmp_path / "suivi.xlsx")
    first = import_file(path, PLAN, migrated, actor=CLI)
    assert first.outcome == "imported" and first.ok
    before = table_counts(migrated)
    again = import_file(path, PLAN, migrated, original_name="copie.xlsx", actor=CLI)
    assert again.outcome == "noop" and again.ok
    assert "déjà été importé" in again.summary()
    after = table_counts(migrated)
    assert after["assessments"] == before["assessments"] and after["import_runs"] == before["import_runs"] + 1


def test_history_appends_across_snapshots(migrated, tmp_path):
    first = build_openpyxl(tmp_path / "v1.xlsx", as_of="31/12/2024")
    r1 = import_file(first, PLAN, migrated, actor=CLI)
    assert r1.outcome == "imported" and r1.counts["measures_added"] == 5
    rows = [list(r) for r in ROWS]
    rows[0][4] = "Réalisée"  # F01 done
    rows[1][1] = "Observatoire national de l'exploitation et de la traite"  # F02 title changed
    rows[2][3] = "S1 2026"  # F03 deadline changed
    del rows[3]  # F04 vanished
    rows.append(("F09", "Nouvelle mesure", "DGEF", "durée du plan", "en cours de réalisation", None))
    second = build_openpyxl(tmp_path / "v2.xlsx", rows=rows, as_of="30/06/2025")
    r2 = import_file(second, PLAN, migrated, actor=CLI)
    assert r2.outcome == "imported", [i.to_dict() for i in r2.errors]
    # F01's new status and the new F09 are recorded; F02, F03, F05 say what the store knows (re-import: only changes)
    assert r2.counts == {"assessments": 2, "measures_added": 1, "measures_changed": 2, "measures_vanished": 1,
                         "announcements": 0, "rows_read": 8, "status_changes": 2, "unchanged": 3}
    assert any(i.code == "measure-vanished" and i.value == "F04" for i in r2.warnings)
    hist = snapshot_rows(migrated)
    assert [(r[0], r[6], r[7]) for r in hist if r[0] == "F01"] == [
        ("F01", dt.date(2024, 12, 31), "in_progress"), ("F01", dt.date(2025, 6, 30), "done")]
    assert len([r for r in hist if r[0] == "F04"]) == 1  # kept, never deleted
    with migrated.connect() as conn:
        revs = conn.execute(select(s.measures.c.ref, s.measure_revisions.c.field, s.measure_revisions.c.new_value)
                            .join(s.measures).order_by(s.measures.c.ref)).all()
        f09 = conn.execute(select(s.measures).where(s.measures.c.ref == "F09")).mappings().one()
        current = {r.ref: r for r in conn.execute(select(s.measures))}
    # the measures' current values follow the file; the earlier ones are in the revisions
    assert current["F02"].title_fr == "Observatoire national de l'exploitation et de la traite"
    assert (current["F03"].deadline_text, current["F03"].deadline_start, current["F03"].deadline_end) == (
        "S1 2026", dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert current["F01"].title_fr == ROWS[0][1]  # unchanged
    assert ("F02", "title_fr", "Observatoire national de l'exploitation et de la traite") in revs
    assert ("F03", "deadline_text", "S1 2026") in revs
    assert ("F04", "vanished", None) in revs
    assert f09["origin"] == "import" and f09["first_seen"] == dt.date(2025, 6, 30)
    assert f09["deadline_end"] is None  # the created plan has no period: « durée du plan » unread


def test_seeded_plan_extra_spellings_and_as_of_option(seeded, tmp_path):
    path = build_csv(tmp_path / "s.csv", delimiter=",", encoding="utf-8")
    report = import_file(path, "pna-2024-2027", seeded, as_of=dt.date(2025, 3, 1), dry_run=True, actor=CLI)
    assert report.outcome == "dry_run" and report.as_of_origin == "option"
    # The file covers 5 of the catalogue's measures: the others were never in a spreadsheet,
    # so they have not "vanished" from one.
    assert report.counts["assessments"] == 5 and report.counts["measures_vanished"] == 0
    with seeded.connect() as conn:
        n = conn.execute(select(s.assessments).where(s.assessments.c.origin == "import")).all()
    assert n == []  # dry run wrote nothing but its run


def test_unknown_column_mapping_is_remembered(sqlite_seeded, tmp_path):
    headers = ["Réf.", "Intitulé", "Pilote", "Échéance", "Où en est-on ?", "Commentaire", "Colonne perso"]
    path = build_openpyxl(tmp_path / "m.xlsx", headers=headers, anns=False)
    refused = import_file(path, PLAN, sqlite_seeded, actor=CLI)
    assert refused.outcome == "rejected" and refused.errors[0].code == "missing-column"
    assert "« Statut »" in refused.errors[0].message and "m.xlsx" in refused.errors[0].message
    ok = import_file(path, PLAN, sqlite_seeded, mapping={"Où en est-on ?": "status"}, actor=CLI)
    assert ok.outcome == "imported", [i.to_dict() for i in ok.errors]
    path2 = build_openpyxl(tmp_path / "m2.xlsx", headers=headers, anns=False, as_of="01/07/2025")
    again = import_file(path2, PLAN, sqlite_seeded, actor=CLI)  # the mapping was remembered for the plan
    assert again.outcome == "imported"


def test_report_api_shape(tmp_path):
    eng = fresh_engine(tmp_path)
    r = import_file(build_openpyxl(tmp_path / "a.xlsx"), PLAN, eng, lang="en", actor=CLI)
    assert isinstance(r, ImportReport) and r.ok and r.outcome == "imported"
    assert set(r.counts) == {"assessments", "measures_added", "measures_changed", "measures_vanished",
                             "announcements", "rows_read", "status_changes", "unchanged"}
    assert r.issues == r.errors + r.warnings
    assert "Imported" in r.summary("en") and "Import réussi" in r.summary("fr")
    assert any(i.code == "plan-created" for i in r.warnings)
    with eng.connect() as conn:
        plan = conn.execute(select(s.plans).where(s.plans.c.id == PLAN)).mappings().one()
    assert plan["title_fr"] == TITLE


def test_issue_cap_counts_the_rest(tmp_path):
    path = tmp_path / "beaucoup.csv"
    lines = ["Réf.;Statut"] + [f"M{i};Bof {i}" for i in range(1200)]  # one error per unknown spelling
    path.write_text("\n".join(lines), encoding="utf-8")
    report = import_file(path, PLAN, fresh_engine(tmp_path), as_of=dt.date(2025, 1, 1), actor=CLI)
    assert report.outcome == "rejected" and len(report.errors) == 1000 and report.dropped["error"] == 200
    assert "1200 erreurs" in report.summary() and "200 non détaillés" in report.summary()
