"""Logging in through a real OpenID Connect provider, in Debian's chromium: what each role sees and may do.

One provider (npm oidc-provider under node, tests/oidc/provider.mjs) and one app server for the module; the app
reads its own temporary secrets.toml ([auth] naming the provider). Each test is a fresh browser (no cookie):
it clicks « Se connecter », signs in on the provider's form with an account's e-mail, and comes back logged in.
Screenshots of the Journal and Personnes pages (1280 px, fr and en) go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest

from plans import access, audit, people
from plans.db import make_engine
from tests import oidc_provider
from tests.test_app import seeded_db
from tests.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, free_port, start_streamlit

pytestmark = pytest.mark.browser
if oidc_provider.missing():
    pytest.skip(oidc_provider.missing(), allow_module_level=True)

READER, CONTRIBUTOR = "lecteur@vigie.test", "contributrice@asso-a.test"
COORDINATOR, ADMIN, UNKNOWN = "coordination@vigie.test", "admin@vigie.test", "inconnu@ailleurs.test"
ACCOUNTS = [{"email": READER, "name": "Léa Lecteur"}, {"email": CONTRIBUTOR, "name": "Chloé Contributrice"},
            {"email": COORDINATOR, "name": "Côme Coordinateur"}, {"email": ADMIN, "name": "Adèle Admin"},
            {"email": UNKNOWN, "name": "Ivan Inconnu"}]  # known to the provider, not to Vigie


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1400}, "locale": "fr-FR"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(the app's address, its engine): people registered, the provider and the app started."""
    work = tmp_path_factory.mktemp("login")
    url = seeded_db(work / "vigie.db")
    engine = make_engine(url)
    people.add(engine, access.CLI, ADMIN, "admin", name="Adèle Admin")  # the first admin, by the command line
    admin = people.actor_for(engine, ADMIN)
    people.add(engine, admin, READER, "reader", name="Léa Lecteur")
    people.add(engine, admin, CONTRIBUTOR, "contributor", "Association A", name="Chloé Contributrice")
    people.add(engine, admin, COORDINATOR, "coordinator", name="Côme Coordinateur")
    port = free_port()
    redirect = f"http://127.0.0.1:{port}/oauth2callback"
    provider = oidc_provider.start(work, redirect, ACCOUNTS)
    secrets = oidc_provider.write_secrets(work / "secrets.toml", oidc_provider.auth_section(provider, redirect))
    try:
        app = start_streamlit(url, port, env={"STREAMLIT_SECRETS_FILES": str(secrets)})
    except Exception:
        provider.stop()
        raise
    ARTIFACTS.mkdir(exist_ok=True)
    yield f"http://127.0.0.1:{port}", engine
    app.terminate()
    app.wait(timeout=10)
    provider.stop()
    engine.dispose()


def sidebar(page):
    return page.locator("[data-testid='stSidebar']")


def side_text(page) -> str:
    """The sidebar's text as read (the word joiner that keeps an address from becoming a link removed)."""
    return sidebar(page).inner_text().replace("\u2060", "")


def menu(page) -> list[str]:
    """The menu's page titles (each link's last line: the first is its icon's name)."""
    page.locator("[data-testid='stSidebarNav'] a").first.wait_for(timeout=30000)
    titles = [x.strip().splitlines()[-1] for x in page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()]
    assert "Vue d'ensemble" in titles and "Données" in titles
    return titles


def log_in(page, base: str, email: str) -> None:
    """From the home page, through the provider's sign-in form, back in the app."""
    page.goto(base)
    page.get_by_role("button", name="Se connecter", exact=True).click(timeout=30000)
    page.wait_for_url(re.compile(r".*/interaction/.*"), timeout=30000)  # the provider's page, not the app's
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "peu importe")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(re.escape(base) + r"/?(\?.*)?$"), timeout=30000)
    sidebar(page).get_by_text("Se déconnecter").wait_for(timeout=30000)


def shot(page, name: str) -> None:
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_visitor_reads_and_is_offered_the_login(site, page):
    base, _ = site
    page.goto(base)
    page.wait_for_selector("text=12 / 60", timeout=30000)  # anonymous reading is on by default
    assert page.get_by_role("button", name="Se connecter", exact=True).count() == 1
    assert "Journal" not in menu(page) and "Personnes" not in menu(page)
    shot(page, "login-visitor-fr")
    page.goto(f"{base}/data_page")
    page.wait_for_selector("text=Connectez-vous pour modifier", timeout=30000)
    assert page.locator("input[type=file]").count() == 0


def test_a_reader_reads_but_has_no_write_form_and_logs_out(site, page):
    base, _ = site
    log_in(page, base, READER)
    said = side_text(page)
    assert "Léa Lecteur (lecteur@vigie.test)" in said and "Rôle : lecteur · le collectif" in said
    assert "Journal" not in menu(page) and "Personnes" not in menu(page)
    page.goto(f"{base}/data_page")
    page.wait_for_selector("text=Action non permise à votre rôle (lecteur)", timeout=30000)
    assert page.locator("input[type=file]").count() == 0
    page.goto(f"{base}/overlaps")
    page.get_by_role("tab", name="À valider").click(timeout=30000)
    page.wait_for_selector("text=Action non permise à votre rôle (lecteur) : décider d'un recoupement", timeout=30000)
    page.goto(f"{base}/journal")  # not in the menu, and not served by an address typed either
    page.wait_for_selector("text=12 / 60", timeout=30000)  # the home page instead (Streamlit's « Page not found »)
    assert page.locator("h1:has-text('Journal')").count() == 0
    page.keyboard.press("Escape")
    sidebar(page).get_by_role("button", name="Se déconnecter").click()
    page.get_by_role("button", name=re.compile("sign me out")).click(timeout=30000)  # the provider asks
    page.get_by_role("button", name="Se connecter", exact=True).wait_for(timeout=30000)
    assert sidebar(page).get_by_text("Léa Lecteur").count() == 0


def test_a_contributor_gets_the_import_form_not_the_journal(site, page):
    base, _ = site
    log_in(page, base, CONTRIBUTOR)
    assert "Rôle : contributeur · Association A" in side_text(page)
    assert "Journal" not in menu(page) and "Personnes" not in menu(page)
    page.goto(f"{base}/data_page")
    page.locator("input[type=file]").first.wait_for(state="attached", timeout=30000)


def test_a_coordinator_reads_the_journal_and_downloads_it(site, page):
    base, _ = site
    log_in(page, base, COORDINATOR)
    assert "Journal" in menu(page) and "Personnes" not in menu(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Journal").click()
    page.wait_for_selector("h1:has-text('Journal')", timeout=30000)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30000)
    assert page.get_by_text(re.compile(r"^\d+ opérations · du ")).count() == 1
    shot(page, "login-journal-fr")
    with page.expect_download() as got:
        page.get_by_role("button", name="Télécharger le journal (CSV)").click()
    csv = got.value.path().read_bytes().decode("utf-8-sig")
    assert csv.splitlines()[0] == "Date;Opération;Détail;Personne;Rôle;Association"
    assert "personne ajoutée" in csv and "Adèle Admin <admin@vigie.test>" in csv
    page.get_by_text("English", exact=True).click()
    page.wait_for_selector("text=Download the journal (CSV)", timeout=30000)
    shot(page, "login-journal-en")


def test_an_admin_manages_people_and_the_journal_records_it(site, page):
    base, engine = site
    log_in(page, base, ADMIN)
    assert "Journal" in menu(page) and "Personnes" in menu(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Personnes").click()
    page.wait_for_selector("h1:has-text('Personnes')", timeout=30000)
    form = page.locator("[data-testid='stForm']").first
    form.get_by_label("Adresse e-mail").fill("nouvelle@asso-b.test")
    form.get_by_label("Nom (facultatif)").fill("Nina Nouvelle")
    form.get_by_label("Association", exact=True).fill("Association B")
    form.get_by_role("button", name="Ajouter").click()
    page.get_by_text(re.compile("nouvelle@\u2060?asso-b.test ajouté, rôle contributeur")).wait_for(timeout=30000)
    found = people.find(engine, "nouvelle@asso-b.test")
    assert found and found["role"] == "contributor" and found["association"] == "Association B"
    (row,) = [r for r in audit.entries(engine, kind="person_added", email=ADMIN) if "nouvelle@" in r["summary"]]
    assert row["actor"] == "Adèle Admin <admin@vigie.test>" and row["role"] == "admin"
    shot(page, "login-people-fr")
    page.get_by_text("English", exact=True).click()
    page.wait_for_selector("h1:has-text('People')", timeout=30000)
    shot(page, "login-people-en")


def test_an_unknown_email_is_told_and_recorded_and_reads_only(site, page):
    base, engine = site
    page.goto(base)
    page.get_by_role("button", name="Se connecter", exact=True).click(timeout=30000)
    page.wait_for_url(re.compile(r".*/interaction/.*"), timeout=30000)
    page.fill("input[name=login]", UNKNOWN)
    page.fill("input[name=password]", "peu importe")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Compte non autorisé, demandez à un administrateur.", timeout=30000)
    page.wait_for_selector("text=12 / 60", timeout=30000)  # anonymous reading is on: reads like a visitor
    assert "Journal" not in menu(page)
    shot(page, "login-unknown-fr")
    page.goto(f"{base}/data_page")
    page.wait_for_selector("[data-testid='stMain'] >> text=Compte non autorisé", timeout=30000)
    assert page.locator("input[type=file]").count() == 0
    rows = audit.entries(engine, kind="login_failed")
    assert len(rows) == 1 and UNKNOWN in rows[0]["actor"] and UNKNOWN in rows[0]["summary"]
