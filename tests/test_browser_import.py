"""The guided import once in Debian's chromium (Playwright): a file Vigie does not recognise is mapped column by
column, its status words are translated, the preview of changes shown, the import confirmed; the next file of the
same shape goes straight through. Run: pytest -m browser tests/test_browser_import.py
"""

from __future__ import annotations

import pytest

from dashboard.import_flow import column_key, value_key
from tests.test_app_import_flow import FIRST, SECOND, workbook
from tests.test_browser import (  # noqa: F401  (the fixtures: chromium's path and flags, the viewport)
    ARTIFACTS,
    browser_context_args,
    browser_type_launch_args,
    seeded_app,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from seeded_app(tmp_path_factory, "browser_import")


def choose(page, key: str, option: str) -> None:
    """Pick ``option`` in the selectbox whose key is ``key`` (Streamlit marks its block with ``st-key-<key>``)."""
    box = page.locator(f".st-key-{key} input[role=combobox]")
    box.click()
    box.fill(option)  # the list narrows to the option typed
    page.get_by_role("option", name=option).first.click()
    page.wait_for_timeout(300)
    assert box.input_value() == option


def test_the_whole_mapping_flow(server, page, tmp_path):
    first, second = tmp_path / "suivi-collectif.xlsx", tmp_path / "suivi-collectif-2.xlsx"
    workbook(first, FIRST)
    workbook(second, SECOND, title="Suivi — deuxième envoi")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/data_page")
    page.locator("input[type=file]").first.wait_for(state="attached", timeout=30000)
    page.locator("input[type=file]").first.set_input_files(str(first))
    page.wait_for_selector("text=/pas tout reconnu/", timeout=30000)
    page.wait_for_selector(".st-key-imp_step", timeout=10000)  # the mapping step
    headers = ["Famille", "N°", "Action prévue", "Où en est-on ?", "Remarques du collectif", "Colonne inutile"]
    for index, field in ((0, "Référence"), (2, "Intitulé"), (3, "Statut"), (4, "Information"), (5, "ignorer")):
        choose(page, column_key(index, headers[index]), field)
    choose(page, column_key(0, "Famille", "join"), "B · N°")  # « G » + « 01 » → « G01 »
    page.wait_for_selector("text=Mots à traduire", timeout=10000)
    choose(page, value_key("status", "bloqué net"), "↻ Reportée")  # a word Vigie does not know
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-import-mapping.png"), full_page=True)
    page.get_by_role("button", name="Relire avec ces réglages").click()
    page.wait_for_selector("text=Ce que l'import va changer", timeout=30000)
    page.wait_for_selector("text=Statuts modifiés (4)", timeout=10000)
    page.screenshot(path=str(ARTIFACTS / "browser-import-preview.png"), full_page=True)
    page.get_by_role("button", name="Confirmer l'import").click(timeout=30000)
    page.wait_for_selector("text=/Import réussi/", timeout=30000)
    page.wait_for_selector("text=Profil d'import du plan", timeout=10000)
    assert page.locator("text=/Famille\\+N°=ref/").count() >= 1  # the profile's file lines

    page.locator("input[type=file]").first.set_input_files(str(second))
    page.wait_for_selector("text=Ce que l'import va changer", timeout=30000)
    assert page.locator("text=/pas tout reconnu/").count() == 0 and page.locator(".st-key-imp_step").count() == 0
    assert page.get_by_text("Ajuster la lecture du fichier").count() == 1  # offered, not open
    page.get_by_role("button", name="Confirmer l'import").click(timeout=30000)
    page.wait_for_selector("text=/Import réussi/", timeout=30000)
    page.screenshot(path=str(ARTIFACTS / "browser-import-second.png"), full_page=True)
    assert not errors
