"""Rendering with the real tools (slow): Chromium through kaleido, LibreOffice, poppler.

* the brief (seeded PNA-TEH 2024-2027 catalogue, as of 31 Dec 2025) as PDF: A4, at most 4 pages, every
  page renders with ``pdftoppm``; the DOCX embeds its 4 charts;
* charts: PNG ≥ 2 000 px wide (Pillow), the as-of date in the figure's annotations and in the SVG text,
  a PDF file, and the report pack ZIP (every chart + its CSV).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from PIL import Image

from dashboard import brief as B
from dashboard.brief import document as brief_document
from dashboard.charts import pack as ex
from dashboard.charts.browser import ExportError
from dashboard.charts.decorate import figure_texts
from tests.conftest import seeded_sqlite

pytestmark = pytest.mark.slow
AS_OF = dt.date(2025, 12, 31)


def _need(binary: str):
    if not shutil.which(binary) and not (binary == "chromium" and shutil.which("chromium-browser")):
        pytest.skip(f"{binary} absent (make test installs it)")


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory):
    eng = seeded_sqlite(tmp_path_factory.mktemp("render") / "vigie.db")
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def rendered(seeded_store, tmp_path_factory):
    _need("chromium")
    _need("soffice")
    brief = B.build(seeded_store, "pna-2024-2027", as_of=AS_OF)
    docx = brief.docx()
    pdf = brief.pdf(docx)
    out = tmp_path_factory.mktemp("pdf")
    (out / "note.pdf").write_bytes(pdf)
    return brief, docx, out / "note.pdf"


def test_brief_pdf_is_a4_and_at_most_4_pages(rendered):
    _need("pdfinfo")
    _brief, _docx, pdf = rendered
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 2 <= pages <= 4, info
    assert "(A4)" in info
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(pdf.with_suffix(""))], check=True, timeout=60)
    pngs = sorted(pdf.parent.glob("note-*.png"))
    assert len(pngs) == pages
    for p in pngs:
        with Image.open(p) as im:
            assert im.width < im.height  # portrait


def test_brief_text_in_pdf(rendered):
    _need("pdftotext")
    _brief, _docx, pdf = rendered
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "12 mesures documentées sur 60" in flat
    assert "« fin janvier 2024 » → « fin février 2024 »" in flat
    assert "tenu le 21 mars 2024" in flat
    assert "Réunion MNIOP" in flat


def test_brief_docx_embeds_the_four_charts(rendered):
    from docx import Document

    brief, docx, _pdf = rendered
    assert set(brief.charts) == {"status", "time", "slippage", "governance"}
    doc = Document(io.BytesIO(docx))
    assert len(doc.inline_shapes) == 4


@pytest.fixture(scope="module")
def charts(seeded_store):
    _need("chromium")
    data = ex.plan_chart_data(seeded_store, "pna-2024-2027", AS_OF)
    return ex.build_charts(data, "fr", keys=["status_donut", "slippage_timeline"])


def test_every_chart_carries_title_plan_date_and_source(seeded_store):
    data = ex.plan_chart_data(seeded_store, "pna-2024-2027", AS_OF)
    built = ex.build_charts(data, "fr")
    assert len(built) >= 6
    for chart in built:
        text = figure_texts(chart.figure)
        assert "données au 31 décembre 2025" in text, chart.key
        assert "PNA-TEH 2024-2027" in text and "Source" in text, chart.key
        assert chart.title in text


def test_png_svg_pdf_exports(charts, tmp_path):
    files = ex.render_charts(charts, ["png", "svg", "pdf"])
    assert set(files) == {c.file_name(fmt) for c in charts for fmt in ("png", "svg", "pdf")}
    for c in charts:
        with Image.open(io.BytesIO(files[c.file_name("png")])) as im:
            assert im.width >= 2000, (c.key, im.size)
        svg = files[c.file_name("svg")].decode("utf-8")
        assert "31 décembre 2025" in svg and "PNA-TEH 2024-2027" in svg and "12 mesures documentées sur 60" in svg
        assert files[c.file_name("pdf")].startswith(b"%PDF")


def test_report_pack(charts):
    raw = ex.chart_pack(charts, ["svg"], readme=ex.pack_readme("PNA-TEH 2024-2027", AS_OF))
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        names = set(z.namelist())
        donut, slip = "statut-des-mesures-documentees", "dates-annoncees-reportees-tenues"
        end = "-pna-2024-2027-2025-12-31"
        assert {"LISEZMOI.txt", f"{donut}{end}.svg", f"{donut}{end}.csv", f"{slip}{end}.csv"} <= names
        csv = z.read(f"{slip}{end}.csv").decode("utf-8-sig")
        assert csv.splitlines()[0].startswith("Objet;")
        assert "fin janvier 2024 → fin février 2024" in csv


def test_unknown_format_is_refused(charts):
    with pytest.raises(ExportError, match="Format d'image inconnu"):
        ex.render_charts(charts, ["gif"])


def test_compact_layout_when_too_long(rendered, monkeypatch):
    brief, _docx, pdf = rendered
    assert B.pdf_pages(pdf.read_bytes()) <= 4
    monkeypatch.setattr(brief_document, "MAX_PAGES", 1)
    again = B.Brief(brief.data, brief.blocks, brief.sources, brief.charts)
    _docx, pdf2 = again.docx_and_pdf()
    assert again.compact and pdf2.startswith(b"%PDF")
    assert B.pdf_pages(pdf2) <= B.pdf_pages(pdf.read_bytes())


def test_documents_hand_the_pdf_to_the_libreoffice_started_ahead(seeded_store, monkeypatch):
    """documents() starts LibreOffice before the charts, gives it the conversion, and leaves nothing running."""
    _need("soffice")
    from dashboard.brief import pdf as brief_pdf

    started = []

    class Recording(brief_pdf.OfficeAhead):
        def __init__(self):
            super().__init__()
            started.append(self)

    monkeypatch.setattr(brief_pdf, "OfficeAhead", Recording)
    out = B.documents(seeded_store, "pna-2024-2027", as_of=AS_OF, with_charts=False)
    assert out.pdf_error is None and out.pdf.startswith(b"%PDF") and 2 <= B.pdf_pages(out.pdf) <= 4
    (ahead,) = started
    assert ahead.used  # the conversion went to the instance started ahead
    assert ahead.proc is None and not ahead.profile.exists()  # it exited, its profile is gone


def test_office_started_ahead_and_not_used_is_stopped():
    _need("soffice")
    from dashboard.brief import pdf as brief_pdf

    with brief_pdf.OfficeAhead() as ahead:
        proc = ahead.proc
        assert proc is not None and proc.poll() is None
    assert proc.poll() is not None and not ahead.profile.exists()


def test_brief_charts_are_not_cut_at_the_bottom(rendered):
    """The provenance note (plan, date, source) wraps at the brief's narrow widths: its last line stays inside."""
    brief, _docx, _pdf = rendered
    for key, png in brief.charts.items():
        with Image.open(io.BytesIO(png)) as im:
            rgb = im.convert("RGB")
            w, h = rgb.size
            darkest = min(lo for lo, _hi in rgb.crop((0, h - 4, w, h)).getextrema())
            assert darkest > 200, key  # nothing drawn on the last rows (it was the cut source line: 85)


def test_documents_error_stops_the_libreoffice_started_ahead(seeded_store, monkeypatch):
    _need("soffice")
    from dashboard.brief import pdf as brief_pdf

    started = []

    class Recording(brief_pdf.OfficeAhead):
        def __init__(self):
            super().__init__()
            started.append((self, self.proc))

    monkeypatch.setattr(brief_pdf, "OfficeAhead", Recording)
    with pytest.raises(B.BriefError, match="Plan inconnu"):
        B.documents(seeded_store, "absent", as_of=AS_OF, with_charts=False)
    ((ahead, proc),) = started
    assert not ahead.used and proc.poll() is not None and not ahead.profile.exists()
