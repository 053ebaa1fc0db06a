"""The real app in Debian's chromium (Playwright): charts drawn, a measure opened from the table, an upload.

Screenshots go to test-artifacts/ (git-ignored). Run: pytest -m browser tests/test_browser.py
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from plans import config
from plans.db import make_engine
from tests.test_app import BAD_CSV, GOOD_CSV, seeded_db

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium missing: apt-get install -y chromium (make test does it)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(db_url: str, port: int, app: str = "dashboard/app.py", env: dict | None = None):
    cmd = [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.maxUploadSize", str(config.get("upload_max_mb"))]  # as make run does
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "DATABASE_URL": db_url, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("streamlit did not start")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1800}, "locale": "fr-FR"}


def seeded_app(tmp_path_factory, name: str, prepare=None):
    """For a module's ``server`` fixture to ``yield from``: the app on a seeded SQLite file of its own (``prepare``
    (engine) adds to it first), its address yielded, the server stopped after."""
    db = tmp_path_factory.mktemp(name) / "vigie.db"
    seeded_db(db)
    if prepare is not None:
        eng = make_engine(f"sqlite:///{db}")
        prepare(eng)
        eng.dispose()
    port = free_port()
    proc = start_streamlit(f"sqlite:///{db}", port)
    ARTIFACTS.mkdir(exist_ok=True)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from seeded_app(tmp_path_factory, "browser")


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home_renders_its_charts(server, page):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=30000)
    page.wait_for_selector("text=12 / 60")
    assert page.locator("text=Avancement par axe").count() == 1
    assert page.locator(".js-plotly-plot .bars path").count() > 0  # bars really drawn
    assert page.locator("text=12 mesures documentées sur 60").count() >= 1
    page.wait_for_timeout(500)
    shot(page, "browser-overview")
    assert not errors


def test_measure_page_opens_from_the_table(server, page):
    page.goto(f"{server}/measures")
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for(timeout=30000)
    page.wait_for_timeout(800)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # row-selection cell of the first row
    page.wait_for_url(re.compile(r".*/measure\?.*ref=F01.*"), timeout=15000)
    page.wait_for_selector("h1:has-text('F01 —')", timeout=15000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)  # its slippage chart
    page.wait_for_timeout(800)
    shot(page, "browser-measure")


def test_upload_flow_end_to_end(server, page, tmp_path):
    bad, good = tmp_path / "suivi-faux.csv", tmp_path / "suivi.csv"
    bad.write_bytes(BAD_CSV)
    good.write_bytes(GOOD_CSV)
    page.goto(f"{server}/data_page")
    file_input = page.locator("input[type=file]").first  # the follow-up file's (the import profile's is below)
    file_input.wait_for(state="attached", timeout=30000)
    # Streamlit's English « Upload » / « 50MB per file » replaced by French words (CSS on its markup)
    after = "e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]"
    button = page.locator("[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p").first
    assert button.evaluate(after) == ["0px", '"Choisir un fichier"']
    limits = page.locator("[data-testid='stFileUploaderDropzoneInstructions'] span").first.evaluate(after)
    assert limits[0] == "0px" and "50\u00a0Mo par fichier • XLSX, XLSM, ODS, CSV" in limits[1]
    day = page.locator("[data-testid='stDateInput'] [data-type='day'][data-placeholder='true']")
    assert day.count() == 1  # the empty « État des données au » (the sidebar's date has a value)
    year = page.locator("[data-testid='stDateInput'] [data-type='year'][data-placeholder='true']")
    assert day.evaluate(after) == ["0px", '"jj"'] and year.evaluate(after) == ["0px", '"aaaa"']
    day.click()
    page.keyboard.type("15")  # a typed day shows as typed, in the field's own size
    typed = page.locator("[data-testid='stDateInput'] [data-type='day'][aria-valuenow='15']:not([data-placeholder])")
    assert typed.inner_text() == "15" and typed.evaluate(after)[0] == "14px"
    typed.click()
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    assert day.evaluate(after) == ["0px", '"jj"']  # empty again: no date chosen for the import
    file_input.set_input_files(str(bad))
    page.wait_for_selector("text=/pas tout reconnu/", timeout=30000)  # the mapping step, for the unknown status
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=10000)  # the issues table
    page.wait_for_selector("text=Terminée bientôt", state="attached", timeout=10000)  # the cell, in the grid
    shot(page, "browser-upload-rejected")
    file_input.set_input_files(str(good))
    page.wait_for_selector("text=/Vérification seule/", timeout=30000)
    shot(page, "browser-upload-checked")
    page.get_by_role("button", name="Confirmer l'import").click(timeout=30000)
    page.wait_for_selector("text=/Import réussi/", timeout=30000)
    page.wait_for_timeout(1000)
    shot(page, "browser-upload-imported")


def test_typed_addresses_open_their_page_and_a_reload_keeps_language_and_date(server, page):
    page.goto(f"{server}/overview")
    page.wait_for_selector("text=12 / 60", timeout=30000)
    assert page.locator("text=Page not found").count() == 0
    page.goto(f"{server}/echeances")
    page.wait_for_selector("h1:has-text('Échéances')", timeout=30000)
    page.goto(f"{server}/?lang=en&au=2025-06-30")
    page.wait_for_selector("h1:has-text('Overview')", timeout=30000)
    page.locator("[data-testid='stSidebarNav'] a[href$='/measures']").click()  # another page: the address
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30000)  # still carries the language and date
    page.wait_for_function("location.search.includes('lang=en') && location.search.includes('au=2025-06-30')",
                           timeout=15000)
    page.reload()
    page.wait_for_selector("h1:has-text('Measures')", timeout=30000)
