"""Each chart exports report-ready from where it is shown, and the report pack says as much.

* one chart, one format at a time (``pack.render_one``): PNG at least 2 000 px wide (Pillow), SVG and PDF whose
  text (pdftotext for the PDF) carries the title, the plan, « données au 21 mars 2024 », the coverage
  « 12 mesures documentées sur 60 » and the source; English words in English;
* the pack: French file names with the plan and the date (English ones in English), every chart with the coverage;
* the app: each chart on Vue d'ensemble, Échéances and Recoupements has its « Télécharger » (PNG, SVG, PDF),
  rendered only when clicked (deferred download: nothing is drawn while the page runs).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from PIL import Image
from streamlit.testing.v1 import AppTest

from dashboard import charts as c
from dashboard import components
from dashboard.charts import pack
from dashboard.charts.decorate import figure_texts
from tests.conftest import app_on, seeded_sqlite

PLAN = "pna-2024-2027"
AS_OF = dt.date(2025, 12, 31)
APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
COVERAGE_FR, COVERAGE_EN = "12 mesures documentées sur 60", "12 of 60 measures documented"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    eng = seeded_sqlite(tmp_path_factory.mktemp("chart-export") / "vigie.db")
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def chart_data(store):
    return pack.plan_chart_data(store, PLAN, AS_OF)


# ---------------------------------------------------------------- the pack: names and coverage (no browser)

def test_pack_files_have_french_names_with_the_plan_and_the_date(chart_data):
    charts = pack.build_charts(chart_data, "fr")
    names = [chart.file_name("png") for chart in charts]
    assert "statut-des-mesures-documentees-pna-2024-2027-2025-12-31.png" in names
    assert "reunions-du-comite-de-coordination-par-an-pna-2024-2027-2025-12-31.png" in names
    for name in names:
        assert name.endswith("-pna-2024-2027-2025-12-31.png") and "_" not in name, name
    english = [chart.file_name("svg") for chart in pack.build_charts(chart_data, "en")]
    assert "status-of-documented-measures-pna-2024-2027-2025-12-31.svg" in english


def test_every_pack_chart_says_the_coverage(chart_data):
    for lang, coverage in (("fr", COVERAGE_FR), ("en", COVERAGE_EN)):
        for chart in pack.build_charts(chart_data, lang):
            assert coverage in figure_texts(chart.figure), (lang, chart.key)


def test_a_chart_download_is_named_after_the_chart_the_plan_and_the_date():
    st.session_state["plan"], st.session_state["as_of"], st.session_state["lang"] = PLAN, dt.date(2024, 3, 21), "fr"
    try:
        assert components.chart_file_name("Avancement par axe", "pdf") == "avancement-par-axe-pna-2024-2027-2024-03-21.pdf"
    finally:
        for key in ("plan", "as_of", "lang"):
            st.session_state.pop(key, None)


# ---------------------------------------------------------------- one chart rendered (Chromium)

def _need_chromium():
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("chromium absent (make test installs it)")


def _figure():
    df = pd.DataFrame({"group": ["Axe 1 — Prévenir", "Axe 2 — Protéger"], "done": [2, 1], "in_progress": [3, 1],
                       "documented": [5, 2], "progress": [0.5, 0.4]})
    return c.status_by_axis(df, "fr")


@pytest.fixture(scope="module")
def one_chart():
    _need_chromium()
    context = {"plan_name": "PNA-TEH 2024-2027", "as_of": dt.date(2024, 3, 21), "coverage": COVERAGE_FR}
    files = {fmt: pack.render_one(_figure(), fmt, title="Avancement par axe", lang="fr", **context)
             for fmt in ("png", "svg", "pdf")}
    english = pack.render_one(_figure(), "svg", title="Progress by axis", lang="en",
                              **{**context, "coverage": COVERAGE_EN})
    return files, english


FR_TEXTS = ("Avancement par axe", "PNA-TEH 2024-2027", "données au 21 mars 2024", COVERAGE_FR, "Source")


@pytest.mark.slow
def test_one_chart_png_is_at_least_2000_px_wide(one_chart):
    files, _ = one_chart
    with Image.open(io.BytesIO(files["png"])) as im:
        assert im.format == "PNG" and im.width >= 2000, im.size


@pytest.mark.slow
def test_one_chart_svg_and_pdf_carry_title_plan_date_coverage_and_source(one_chart):
    files, english = one_chart
    svg = _flat(files["svg"].decode("utf-8"))
    for text in FR_TEXTS:
        assert text in svg, text
    assert files["pdf"].startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext absent (make test installs poppler-utils)")
    pdf = _flat(subprocess.run(["pdftotext", "-", "-"], input=files["pdf"], capture_output=True, check=True).stdout
                .decode("utf-8"))
    for text in FR_TEXTS:
        assert text in pdf, (text, pdf)
    en = _flat(english.decode("utf-8"))
    for text in ("Progress by axis", "data as of 21 March 2024", COVERAGE_EN, "Source"):
        assert text in en, text
    assert "données au" not in en and "documentées" not in en


@pytest.mark.slow
def test_a_second_export_of_the_same_chart_is_not_drawn_again(one_chart, monkeypatch):
    def no_browser(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(pack.browser.ChartRenderer, "render", no_browser)
    again = pack.render_one(_figure(), "svg", title="Avancement par axe", plan_name="PNA-TEH 2024-2027",
                            as_of=dt.date(2024, 3, 21), coverage=COVERAGE_FR, lang="fr")
    assert again == one_chart[0]["svg"]


@pytest.mark.slow
def test_pack_pngs_are_named_in_french_and_drawn_with_the_coverage(chart_data):
    _need_chromium()
    charts = pack.build_charts(chart_data, "fr", keys=["status_donut", "governance_bars"])
    with zipfile.ZipFile(io.BytesIO(pack.chart_pack(charts, ["png", "svg"]))) as z:
        names = set(z.namelist())
        stem = "statut-des-mesures-documentees-pna-2024-2027-2025-12-31"
        assert {f"{stem}.png", f"{stem}.svg", f"{stem}.csv"} <= names
        for chart in charts:
            with Image.open(io.BytesIO(z.read(chart.file_name("png")))) as im:
                assert im.width >= 2000
            assert COVERAGE_FR in _flat(z.read(chart.file_name("svg")).decode("utf-8"))


# ---------------------------------------------------------------- the app: a « Télécharger » beside each chart

@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("chart-export-app") / "vigie.db"
    seeded_sqlite(path).dispose()
    return path


def _nodes(node, kind: str):
    for child in getattr(node, "children", {}).values():
        if getattr(child, "type", None) == kind:
            yield child
        yield from _nodes(child, kind)


@pytest.fixture
def app_env(db_file, monkeypatch):
    yield from app_on(f"sqlite:///{db_file}", monkeypatch)


def _page(page: str | None, lang: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"], at.session_state["lang"] = AS_OF, lang
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("page", "lang"), [(None, "fr"), ("deadlines.py", "fr"), ("overlaps.py", "fr"),
                                            (None, "en")])
def test_each_chart_has_its_download_where_it_is_shown(app_env, page, lang):
    at = _page(page, lang)
    shown = list(_nodes(at._tree, "plotly_chart"))
    assert shown, "no chart on the page"
    label = "Télécharger" if lang == "fr" else "Download"
    popovers = [p for p in _nodes(at._tree, "popover") if p.proto.popover.label == label]
    assert len(popovers) == len(shown), (len(popovers), len(shown))
    for popover in popovers:
        buttons = [b.label for b in _nodes(popover, "download_button")]
        assert [b.split()[0] for b in buttons] == ["PNG", "SVG", "PDF"], buttons
