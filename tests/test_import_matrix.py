"""The guided import's test matrix: a messy follow-up file in each layout people keep (section title rows, no reference
column, a reference over two columns, one status column per date, English statuses, statuses given by a cell's
colour) in .xlsx, .ods and a `;` CSV (colours: .xlsx only), imported through the command line and through the
Données page (AppTest): it imports to the expected rows, the profile it used is saved, and the next file of the same
shape imports with no option and no mapping step.

The files are built here (openpyxl; the .ods by one LibreOffice call for all of them, skipped without it)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from loaders.rows import generated_ref


@dataclass(frozen=True)
class Fill:
    """A blank cell filled with a colour (« 00B050 »), or a cell with ``text`` on that fill (a legend)."""
    rgb: str
    text: str | None = None


@dataclass
class Layout:
    name: str
    first: list[list]  # the first file's rows (None = blank cell)
    second: list[list]  # the next file of the same shape
    options: list[str]  # the command line's options the first file needs
    expected_first: list[tuple]  # (ref, status, axis) read from the first file
    expected_second: list[tuple]
    formats: tuple[str, ...] = ("xlsx", "ods", "csv")
    saved: dict = field(default_factory=dict)  # what the saved profile holds, at least: {key: {header: value}}


SPANISH_HEAD = ["N°", "Compromiso", "Responsable", "Estado DIC 2025"]


def _spanish(second_status: str) -> list[list]:
    return [["Seguimiento del plan regional"], [None],
            ["5.1. Marco Normativo"],
            SPANISH_HEAD,
            ["1", "Aprobar la ley", "Ministerio", "Cumplido"],
            ["2", "Reglamento", "Ministerio", second_status],
            ["5.2. Protección de víctimas"],
            ["N°", "Compromiso", "Responsable", "DetalleEstado DIC 2025"],  # the header drifts
            ["3", "Casas de acogida", "Ministerio", "Cumplido"],
            ["Fuente: elaboración propia con datos oficiales"]]


AXES = ("5.1. Marco Normativo", "5.2. Protección de víctimas")
T1, T2, T3 = "Construire 100 places d'hébergement", "Réduire les délais d'instruction", "Former les magistrats"
GREEN, ORANGE, RED = "00B050", "FFC000", "FF0000"

LAYOUTS = [
    Layout("sections", _spanish("En proceso"), _spanish("Cumplido"),
           ["--map", "Estado DIC 2025=status@2025-12-31", "--value", "status:Cumplido=done",
            "--value", "status:En proceso=in_progress"],
           [("1", "done", AXES[0]), ("2", "in_progress", AXES[0]), ("3", "done", AXES[1])],
           [("1", "done", AXES[0]), ("2", "done", AXES[0]), ("3", "done", AXES[1])],
           saved={"values": {"status": {"Cumplido": "done", "En proceso": "in_progress"}}}),
    Layout("noref", [["Promesse du ministre", "Où en est-on ?", "Notes"], [T1, "delivered", "ok"],
                     [T2, "broken", None], [T3, "in progress", None]],
           [["Promesse du ministre", "Où en est-on ?", "Notes"], [T1.upper(), "delivered", "ok"],
            [T2, "in progress", "repris"], ["Former les Magistrats", "delivered", None]],
           ["--map", "Promesse du ministre=title", "--map", "Où en est-on ?=status"],
           [(generated_ref(T1), "done", None), (generated_ref(T2), "abandoned", None),
            (generated_ref(T3), "in_progress", None)],
           [(generated_ref(T1), "done", None), (generated_ref(T2), "in_progress", None),
            (generated_ref(T3), "done", None)],
           saved={"columns": {"Promesse du ministre": "title", "Où en est-on ?": "status"}}),
    Layout("splitref", [["N°", "Lettre", "Intitulé", "Statut"], ["34", "a", "Former", "En cours"],
                        ["34", None, "Guide", "Réalisée"], ["35", "b", "Numéro vert", "En cours"]],
           [["N°", "Lettre", "Intitulé", "Statut"], ["34", "a", "Former", "Réalisée"],
            ["34", None, "Guide", "Réalisée"], ["35", "b", "Numéro vert", "En cours"]],
           ["--map", "N°+Lettre=ref"],
           [("34a", "in_progress", None), ("34", "done", None), ("35b", "in_progress", None)],
           [("34a", "done", None), ("34", "done", None), ("35b", "in_progress", None)],
           saved={"joins": {"ref": ["N°", "Lettre"]}}),
    Layout("dated", [["Réf.", "Intitulé", "Statut juin 2025", "Statut (mise à jour)"],
                     ["D1", "Former", "Non engagée", "En cours"], ["D2", "Guide", "En cours", "Réalisée"]],
           [["Réf.", "Intitulé", "Statut juin 2025", "Statut (mise à jour)"],
            ["D1", "Former", "Non engagée", "Réalisée"], ["D2", "Guide", "En cours", "Réalisée"]],
           ["--map", "Statut juin 2025=status@2025-06-30", "--map", "Statut (mise à jour)=status@2025-12-31"],
           [("D1", "in_progress", None), ("D2", "done", None)], [("D1", "done", None), ("D2", "done", None)],
           saved={"dated": {"Statut juin 2025": ["status", "2025-06-30"],
                            "Statut (mise à jour)": ["status", "2025-12-31"]}}),
    Layout("english", [["Ref", "Commitment", "Progress", "Voice", "Confidence"],
                       ["E1", "Hire 500 inspectors", "Delivered", "NGO", "Verified"],
                       ["E2", "Open shelters", "in-progress", "Government", "inferred"],
                       ["E3", "Train judges", "On Hold", "NGO", None]],
           [["Ref", "Commitment", "Progress", "Voice", "Confidence"],
            ["E1", "Hire 500 inspectors", "Delivered", "NGO", "Verified"],
            ["E2", "Open shelters", "IN_PROGRESS", "Government", "inferred"],
            ["E3", "Train judges", "on-hold", "civil society", None]],
           ["--map", "Progress=status", "--value", "status:On Hold=postponed"],
           [("E1", "done", None), ("E2", "in_progress", None), ("E3", "postponed", None)],
           [("E1", "done", None), ("E2", "in_progress", None), ("E3", "postponed", None)],
           saved={"columns": {"Progress": "status"}, "values": {"status": {"On Hold": "postponed"}}}),
    Layout("colours", [["Réf.", "Intitulé", "Statut"], ["C1", "Former", Fill(GREEN)], ["C2", "Guide", Fill(ORANGE)],
                       ["C3", "Numéro vert", Fill(RED)], [None], ["Légende"], [Fill(GREEN, "réalisé")]],
           [["Réf.", "Intitulé", "Statut"], ["C1", "Former", Fill(GREEN)], ["C2", "Guide", Fill(GREEN)],
            ["C3", "Numéro vert", Fill(RED)], [None], ["Légende"], [Fill(GREEN, "réalisé")]],
           ["--value", f"status:#{ORANGE}=in_progress", "--value", f"status:#{RED}=abandoned",
            "--value", f"status:#{GREEN}=done"],
           [("C1", "done", None), ("C2", "in_progress", None), ("C3", "abandoned", None)],
           [("C1", "done", None), ("C2", "done", None), ("C3", "abandoned", None)], formats=("xlsx",),
           saved={"values": {"status": {f"#{ORANGE}": "in_progress", f"#{RED}": "abandoned"}}}),
]
CASES = [(lay, fmt) for lay in LAYOUTS for fmt in lay.formats]
IDS = [f"{lay.name}-{fmt}" for lay, fmt in CASES]


def _xlsx(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi"
    for i, row in enumerate(rows, start=1):
        for j, v in enumerate(row, start=1):
            if isinstance(v, Fill):
                cell = ws.cell(i, j, v.text)
                cell.fill = PatternFill("solid", fgColor=v.rgb)
            elif v is not None:
                ws.cell(i, j, v)
    wb.save(path)
    return path


def _csv(path: Path, rows: list[list]) -> Path:
    with open(path, "w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([["" if v is None else v for v in row] for row in rows])
    return path


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> dict[tuple[str, str, int], Path]:
    """Every layout's two files in each of its formats: {(layout, format, 1 or 2): path}; the .ods made by one
    LibreOffice call (absent without it)."""
    root = tmp_path_factory.mktemp("matrix")
    out: dict[tuple[str, str, int], Path] = {}
    to_convert = []
    for lay in LAYOUTS:
        for n, rows in ((1, lay.first), (2, lay.second)):
            stem = f"suivi-{lay.name}-{n}"
            if "xlsx" in lay.formats or "ods" in lay.formats:
                out[(lay.name, "xlsx", n)] = _xlsx(root / f"{stem}.xlsx", rows)
            if "ods" in lay.formats:
                to_convert.append(out[(lay.name, "xlsx", n)])
            if "csv" in lay.formats:
                out[(lay.name, "csv", n)] = _csv(root / f"{stem}.csv", rows)
    if shutil.which("soffice") and to_convert:
        profile = root / "lo-profile"
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):  # no .ods: those cases are skipped
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "ods",
                            "--outdir", str(root / "ods"), *map(str, to_convert)], capture_output=True, timeout=300,
                           check=False)
        for src in to_convert:
            ods = root / "ods" / (src.stem + ".ods")
            if ods.exists():
                lay_name, n = src.stem.removeprefix("suivi-").rsplit("-", 1)
                out[(lay_name, "ods", int(n))] = ods
    return out


def file_of(files: dict, lay: Layout, fmt: str, n: int) -> Path:
    path = files.get((lay.name, fmt, n))
    if path is None:
        pytest.skip("LibreOffice (soffice) is not installed: no .ods")
    return path


def _rows(engine, plan_id: str, refs: list[str], as_of: dt.date) -> list[tuple]:
    from plans import rules

    table = rules.measures_table(engine, plan_id, as_of=as_of).set_index("ref")
    axis = table["axis_label"].astype(object).where(table["axis_label"].notna(), None)
    return [(ref, table.at[ref, "status"], axis[ref]) for ref in refs]


def _saved(engine, plan_id: str, lay: Layout) -> dict:
    from plans import profiles

    saved = profiles.current(engine, plan_id)
    assert saved is not None, "the profile is saved with the import"
    for key, wanted in lay.saved.items():
        if key == "values":
            for kind, spellings in wanted.items():
                assert spellings.items() <= saved["values"][kind].items(), (kind, saved["values"][kind])
        else:
            assert wanted.items() <= saved[key].items(), (key, saved[key])
    return saved


# 1. The command line ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lay", "fmt"), CASES, ids=IDS)
def test_cli_imports_each_layout_then_the_next_file_with_no_option(lay, fmt, files, tmp_path, capsys):
    from loaders.cli import main
    from plans.db import make_engine

    db, plan = f"sqlite:///{tmp_path / 'cli.db'}", "suivi-essai"
    first, second = file_of(files, lay, fmt, 1), file_of(files, lay, fmt, 2)

    def run(path: Path, as_of: str, *options: str) -> tuple[int, str]:
        code = main(["import", str(path), "--plan", plan, "--as-of", as_of, "--database", db, *options])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out + err

    code, out = run(first, "2026-01-15")
    assert code == 1, out  # refused as it is: a spelling, a column or a reference needs saying
    assert "refusé" in out and "--" in out  # the hint names the option to give
    code, out = run(first, "2026-01-15", *lay.options)
    assert code == 0, out
    refs = [r for r, _s, _a in lay.expected_first]
    eng = make_engine(db)
    assert _rows(eng, plan, refs, dt.date(2026, 1, 20)) == lay.expected_first
    _saved(eng, plan, lay)
    code, out = run(second, "2026-02-15")  # the same shape: the plan's profile reads it, no option
    assert code == 0, out
    assert _rows(eng, plan, [r for r, _s, _a in lay.expected_second], dt.date(2026, 2, 20)) == lay.expected_second
    eng.dispose()


# 2. The Données page (AppTest) ------------------------------------------------------------------------------------


def _choices(options: list[str]) -> tuple[dict, dict, dict, dict]:
    """The command line's options as the mapping step's widgets: {header: choice}, {header: date},
    {header: partner header}, {(kind, spelling): code} (a colour's kind is « colour »)."""
    columns, dates, joins, values = {}, {}, {}, {}
    for option, item in zip(options[::2], options[1::2], strict=True):
        if option == "--map":
            header, _, target = item.rpartition("=")
            field_name, _, day = target.partition("@")
            if "+" in header:
                head, partner = header.split("+")
                columns[head], joins[head] = "ref", partner
            elif day:
                columns[header], dates[header] = f"{field_name}_at", dt.date.fromisoformat(day)
            else:
                columns[header] = field_name
        else:
            kind, _, rest = item.partition(":")
            spelling, _, code = rest.rpartition("=")
            values[("colour" if spelling.startswith("#") else kind, spelling)] = code
    return columns, dates, joins, values


@pytest.fixture
def db(tmp_path, monkeypatch):
    from tests.conftest import app_on
    from tests.test_app import seeded_db

    yield from app_on(seeded_db(tmp_path / "vigie.db"), monkeypatch)


@pytest.mark.parametrize(("lay", "fmt"), CASES, ids=IDS)
def test_the_page_maps_each_layout_once_then_the_next_file_goes_straight_through(lay, fmt, files, db):
    import os

    from dashboard import import_flow
    from plans.db import make_engine
    from tests.test_app_import_flow import column_boxes, page, reread, upload

    plan = "pna-2024-2027"
    at = upload(page(), f"suivi-{lay.name}.{fmt}", file_of(files, lay, fmt, 1).read_bytes())
    assert column_boxes(at), "the mapping step opens for a file Vigie does not fully recognise"
    columns, dates, joins, values = _choices(lay.options)
    index = {c["header"]: c["index"] for c in at.session_state["dry_report"].inspection["columns"]}
    for header, choice in columns.items():
        at.selectbox(key=import_flow.column_key(index[header], header)).set_value(choice)
    at.run()
    for header, day in dates.items():
        at.date_input(key=import_flow.column_key(index[header], header, "date", "any")).set_value(day)
    for header, partner in joins.items():
        at.selectbox(key=import_flow.column_key(index[header], header, "join")).set_value(index[partner])
    for (kind, spelling), code in values.items():
        keys = {s.key for s in at.selectbox}
        if import_flow.value_key(kind, spelling) in keys:  # asked: a spelling or colour Vigie does not know
            at.selectbox(key=import_flow.value_key(kind, spelling)).set_value(code)
    reread(at.run())
    report = at.session_state["dry_report"]
    assert report.ok, [e.message for e in report.errors]
    at.button(key="confirm").click().run()
    assert not at.exception, at.exception
    eng = make_engine(os.environ["DATABASE_URL"])
    assert _rows(eng, plan, [r for r, _s, _a in lay.expected_first], dt.date(2026, 1, 20)) == lay.expected_first
    _saved(eng, plan, lay)

    at.date_input(key="upload_as_of").set_value(dt.date(2026, 2, 15)).run()
    upload(at, f"suivi-{lay.name}-2.{fmt}", file_of(files, lay, fmt, 2).read_bytes())
    report = at.session_state["dry_report"]
    assert not column_boxes(at) and report.inspection["recognised"], "the saved profile reads it: no mapping step"
    assert report.ok, [e.message for e in report.errors]
    at.button(key="confirm").click().run()
    assert not at.exception, at.exception
    assert _rows(eng, plan, [r for r, _s, _a in lay.expected_second], dt.date(2026, 2, 20)) == lay.expected_second
    eng.dispose()
