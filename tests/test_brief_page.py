"""AppTest of the « Note de réunion » page through the real app router (charts off: no browser needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import seeded_sqlite

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("brief_page") / "vigie.db"
    seeded_sqlite(path).dispose()
    return path


@pytest.fixture(autouse=True)
def _env(db_file, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db_file}")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def generate_button(at: AppTest):
    """The brief form's « Générer la note » (the positions form of the meeting may come first on the page)."""
    return next(b for b in at.button if "brief_form" in str(b.key))


def test_brief_page_generates_docx_and_markdown(monkeypatch):
    from dashboard.brief import pdf as brief_pdf

    monkeypatch.setattr(brief_pdf, "find_soffice", lambda: None)  # PDF path: a French warning, no crash
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"] = dt.date(2025, 12, 31)
    at.run()
    at.switch_page("app_pages/brief.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Note de réunion"
    since = at.date_input(key="brief_since").value
    assert since == dt.date(2025, 6, 27)  # default: last committee meeting held
    at.checkbox(key="brief_charts").uncheck()
    generate_button(at).click()
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "5 au point mort" in at.success[0].value
    labels = [b.label for b in at.get("download_button")]
    assert any("DOCX" in lbl for lbl in labels) and any("Markdown" in lbl for lbl in labels)
    assert any("LibreOffice" in w.value for w in at.warning)


def test_brief_page_offers_plan_axes_and_lead_bodies():
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"] = dt.date(2025, 12, 31)
    at.run()
    at.switch_page("app_pages/brief.py").run()
    options = at.selectbox(key="brief_scope").options
    assert "Tout le plan" in options and any(o.startswith("Pilote\u00a0: MIPROF") for o in options)


class _NoBrowser:
    """Stands in for the Chromium renderer: the page test checks what is offered, not how charts are drawn."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def prewarm(self):
        return None


def test_brief_page_offers_markdown_with_its_charts_as_zip(monkeypatch):
    import io
    import re
    import zipfile

    from PIL import Image

    from dashboard.brief import document as brief_document
    from dashboard.brief import pdf as brief_pdf
    from dashboard.charts import browser as chart_browser

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buf, "PNG")
    png = buf.getvalue()
    monkeypatch.setattr(brief_pdf, "find_soffice", lambda: None)
    monkeypatch.setattr(chart_browser, "ChartRenderer", _NoBrowser)
    monkeypatch.setattr(chart_browser, "keep_warm", lambda: None)
    monkeypatch.setattr(brief_document, "brief_charts",
                        lambda data, renderer=None: {"status": png, "time": png, "governance": png})
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"] = dt.date(2025, 12, 31)
    at.run()
    at.switch_page("app_pages/brief.py").run()
    generate_button(at).click()
    at.run()
    assert not at.exception, at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "Markdown + graphiques (ZIP)" in labels and "Markdown (texte seul)" in labels
    raw = at.session_state["brief_result"]["zip"]
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        md_name = next(n for n in z.namelist() if n.endswith(".md"))
        assert md_name == "note-pna-2024-2027-2025-12-31.md"
        links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", z.read(md_name).decode("utf-8"))
        assert len(links) == 3 and all(link in z.namelist() for link in links)


def test_no_zip_offered_without_charts(monkeypatch):
    from dashboard.brief import pdf as brief_pdf

    monkeypatch.setattr(brief_pdf, "find_soffice", lambda: None)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["as_of"] = dt.date(2025, 12, 31)
    at.run()
    at.switch_page("app_pages/brief.py").run()
    at.checkbox(key="brief_charts").uncheck()
    generate_button(at).click()
    at.run()
    labels = [b.label for b in at.get("download_button")]
    assert "Markdown (texte seul)" in labels and not any("ZIP" in lbl for lbl in labels)
