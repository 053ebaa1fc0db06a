"""The login as the app shows it (AppTest, no browser): the local default, a half-filled [auth], someone not
logged in, anonymous reading off, each role's menu and pages, an unknown e-mail, the Journal and Personnes pages.

A logged-in person is the e-mail Streamlit's ``st.user`` would give (``dashboard.auth._logged_in_email`` replaced):
the real login through an OpenID Connect provider is tests/test_browser_login.py.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from plans import access, audit, people
from plans.db import make_engine
from tests.conftest import app_on
from tests.test_app import APP, AS_OF, seeded_db

ROOT = Path(__file__).resolve().parents[1]
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "vigie",
        "client_secret": "secret", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
ADMIN, COORD, CONTRIB, READER = "admin@vigie.test", "coord@vigie.test", "contrib@asso-a.test", "lecteur@vigie.test"


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = seeded_db(tmp_path / "vigie.db")
    engine = make_engine(url)
    people.add(engine, access.CLI, ADMIN, "admin", name="Adèle Admin")
    people.add(engine, access.CLI, COORD, "coordinator")
    people.add(engine, access.CLI, CONTRIB, "contributor", "Association A")
    people.add(engine, access.CLI, READER, "reader")
    monkeypatch.delenv("VIGIE_ANONYMOUS_READING", raising=False)
    yield from app_on(url, monkeypatch)
    engine.dispose()


def auth_engine():
    from dashboard import data

    return data.engine()


def app(secrets: dict | None = None, page: str | None = None, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    if secrets is not None:
        at.secrets["auth"] = secrets
    at.session_state["as_of"] = AS_OF
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(f"app_pages/{page}").run()
        assert not at.exception, at.exception
    return at


def logged_in(monkeypatch, email: str | None) -> None:
    monkeypatch.setattr(auth, "_logged_in_email", lambda: email)


def said(at: AppTest) -> str:
    parts = [*at.markdown, *at.caption, *at.title, *at.info, *at.success, *at.warning, *at.error]
    parts += [*at.sidebar.markdown, *at.sidebar.caption, *at.sidebar.error]
    return "\n".join(str(p.value) for p in parts).replace("\\", "").replace("\u2060", "")


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.sidebar.button]


def test_without_auth_the_instance_is_local_and_says_so(db):
    at = app()
    assert "Instance locale, un seul utilisateur" in said(at)
    assert "Se connecter" not in buttons(at)
    assert "Local instance, single user" in said(app(lang="en"))


@pytest.mark.parametrize(("section", "missing"), [
    ({k: v for k, v in AUTH.items() if k != "client_secret"}, "client_secret"),
    ({**AUTH, "cookie_secret": "  "}, "cookie_secret"),
    ({"redirect_uri": AUTH["redirect_uri"]}, "cookie_secret, client_id, client_secret, server_metadata_url"),
    ({"redirect_uri": AUTH["redirect_uri"], "cookie_secret": "x" * 32, "google": {"client_id": "a"}},
     "google.client_secret, google.server_metadata_url"),
])
def test_a_half_filled_auth_names_the_missing_keys_without_a_traceback(db, section, missing):
    at = app(section)
    assert not at.exception
    (error,) = at.error
    assert f"il manque {missing}." in error.value and "[auth]" in error.value
    assert not at.title  # no page runs half configured


def test_not_logged_in_reads_and_is_offered_the_login_but_no_write(db, monkeypatch):
    logged_in(monkeypatch, None)
    at = app(AUTH)
    assert "Se connecter" in buttons(at) and at.metric
    at = app(AUTH, page="data_page.py")
    assert "Connectez-vous pour modifier" in said(at) and not at.file_uploader


def test_anonymous_reading_off_keeps_visitors_and_unknown_emails_out(db, monkeypatch):
    monkeypatch.setenv("VIGIE_ANONYMOUS_READING", "false")
    logged_in(monkeypatch, None)
    at = app(AUTH)
    assert "réservée aux personnes inscrites" in said(at) and not at.metric
    logged_in(monkeypatch, "inconnu@ailleurs.test")
    at = app(AUTH)
    assert "Compte non autorisé, demandez à un administrateur." in said(at) and not at.metric
    logged_in(monkeypatch, READER)
    assert app(AUTH).metric  # a person Vigie knows reads


def test_an_unknown_email_reads_is_told_and_recorded_once_per_login(db, monkeypatch):
    logged_in(monkeypatch, "Inconnu@Ailleurs.test")
    monkeypatch.setattr(auth, "_LOGINS_SEEN", set())
    at = app(AUTH)
    assert "Compte non autorisé, demandez à un administrateur." in said(at)
    assert "Se déconnecter" in buttons(at) and at.metric  # anonymous reading is on by default
    at.run()  # the same login, again
    rows = audit.entries(auth_engine(), kind="login_failed")
    assert len(rows) == 1 and "inconnu@ailleurs.test" in rows[0]["actor"]
    assert rows[0]["summary"] == "Connexion refusée : inconnu@ailleurs.test n'est pas inscrit"


@pytest.mark.parametrize(("email", "sees", "hidden"), [
    (READER, [], ["journal.py", "people.py"]),
    (CONTRIB, [], ["journal.py", "people.py"]),
    (COORD, ["journal.py"], ["people.py"]),
    (ADMIN, ["journal.py", "people.py"], []),
])
def test_each_role_sees_its_pages_only(db, monkeypatch, email, sees, hidden):
    logged_in(monkeypatch, email)
    at = app(AUTH)
    assert "Se déconnecter" in buttons(at)
    for page in sees:
        at.switch_page(f"app_pages/{page}").run()
        assert not at.exception and not at.warning, page
    for page in hidden:  # not in the navigation (nor served at its address)
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"app_pages/{page}")


def test_the_sidebar_says_who_with_role_and_association(db, monkeypatch):
    logged_in(monkeypatch, CONTRIB)
    text = said(app(AUTH))
    assert "contrib@asso-a.test" in text and "Rôle : contributeur · Association A" in text
    logged_in(monkeypatch, ADMIN)
    text = said(app(AUTH, lang="en"))
    assert "Adèle Admin (admin@vigie.test)" in text and "Role: admin · the collective" in text


def test_a_reader_gets_no_write_form_a_contributor_gets_the_import(db, monkeypatch):
    logged_in(monkeypatch, READER)
    at = app(AUTH, page="data_page.py")
    assert not at.file_uploader
    assert "Action non permise à votre rôle (lecteur) : importer un tableau de suivi." in said(at)
    logged_in(monkeypatch, CONTRIB)
    at = app(AUTH, page="data_page.py")
    assert at.file_uploader and "Télécharger une sauvegarde" not in downloads(at)  # the backup is an admin's
    logged_in(monkeypatch, ADMIN)
    assert "Télécharger une sauvegarde" in downloads(app(AUTH, page="data_page.py"))


def downloads(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_personnes_adds_changes_and_removes_and_the_journal_shows_it(db):
    at = app(page="people.py")  # the local single user may manage people (to prepare a shared instance)
    at.text_input[0].input(" Nina@Asso-B.test ")
    at.text_input[1].input("=HYPERLINK(\"http://x\")")
    at.text_input[2].input("Association B")
    at.form_submit_button[0].click().run()
    assert not at.exception and "nina@asso-b.test ajouté, rôle contributeur." in said(at)
    assert people.find(auth_engine(), "nina@asso-b.test")["association"] == "Association B"
    at.selectbox(key="pp_who").set_value("nina@asso-b.test").run()
    at.selectbox(key="pp_role_nina@asso-b.test").set_value("coordinator")
    at.text_input(key="pp_assoc_nina@asso-b.test").input("")
    at.form_submit_button[1].click().run()
    assert "nina@asso-b.test : rôle coordinateur." in said(at)
    assert people.find(auth_engine(), "nina@asso-b.test")["role"] == "coordinator"
    at.selectbox(key="pp_who").set_value("nina@asso-b.test").run()
    at.form_submit_button[2].click().run()  # « Retirer » without the box ticked: asks to confirm
    assert "Cochez « Je confirme le retrait »" in said(at) and people.find(auth_engine(), "nina@asso-b.test")
    at.checkbox(key="pp_sure_nina@asso-b.test").check()
    at.form_submit_button[2].click().run()
    assert people.find(auth_engine(), "nina@asso-b.test") is None

    at.switch_page("app_pages/journal.py").run()
    assert not at.exception
    shown = at.dataframe[0].value
    kinds = list(shown["Opération"])
    assert kinds[:3] == [audit.kind_label(k) for k in ("person_removed", "person_changed", "person_added")]
    assert shown["Personne"][0] == "local (sans mot de passe)"
    assert re.fullmatch(r"\d{1,2}(er)? \w+ \d{4}, \d\d:\d\d", shown["Date"][0])  # « 7 décembre 2026, 12:09 »
    at.selectbox(key="jr_kind_fr").set_value("person_changed").run()
    assert list(at.dataframe[0].value["Opération"]) == [audit.kind_label("person_changed")]
    (button,) = [b for b in at.get("download_button") if b.proto.label == "Télécharger le journal (CSV)"]
    assert button is not None


def test_the_journal_csv_goes_through_the_output_encoder(db):
    from dashboard import journal_data
    from dashboard.exports import to_csv_bytes

    people.add(auth_engine(), access.LOCAL, "x@asso.test", "admin", association="=1+1")
    people.add(auth_engine(), people.actor_for(auth_engine(), "x@asso.test"), "y@asso.test", "reader")
    rows = journal_data.journal(None, kind="person_added")
    table = journal_data.journal_table(rows, "fr")
    text = to_csv_bytes(table).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0] == ["Date", "Opération", "Détail", "Personne", "Rôle", "Association"]
    assert any("'=1+1" in cell for cell in lines[1])  # a formula-like text is never a formula
    assert lines[1][1] == audit.kind_label("person_added")


def test_pages_refuse_whoever_reaches_them_without_the_role(db, monkeypatch):
    """The menu hides them; run on their own (as if reached), the pages check the role again."""
    logged_in(monkeypatch, CONTRIB)
    for page, words in [("journal.py", "Le journal est réservé aux coordinateurs et aux admins."),
                        ("people.py", "La gestion des personnes est réservée aux admins.")]:
        at = AppTest.from_file(str(APP.parent / "app_pages" / page), default_timeout=30)
        at.secrets["auth"] = AUTH
        at.session_state["plan"] = "pna-2024-2027"
        at.run()
        assert not at.exception and words in said(at) and not at.dataframe and not at.text_input


def _check(tmp_path, secrets: str | None) -> subprocess.CompletedProcess:
    if secrets is not None:
        (tmp_path / ".streamlit").mkdir(exist_ok=True)
        (tmp_path / ".streamlit" / "secrets.toml").write_text(secrets, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    env.pop("VIGIE_EDITOR_PASSWORD_HASH", None)
    return subprocess.run([sys.executable, "-m", "dashboard.auth", "check"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)


def test_make_run_checks_the_login_configuration_before_starting(tmp_path):
    assert "$(BIN)/python -m dashboard.auth check" in (ROOT / "Makefile").read_text(encoding="utf-8")
    done = _check(tmp_path, None)
    assert done.returncode == 0 and done.stdout.strip() == "Instance locale, un seul utilisateur"
    full = "[auth]\n" + "".join(f'{k} = "{v}"\n' for k, v in AUTH.items())
    done = _check(tmp_path, full)
    assert done.returncode == 0 and "Connexion par le fournisseur d'identité configurée" in done.stdout
    done = _check(tmp_path, full.replace('client_id = "vigie"\n', ""))
    assert done.returncode == 2 and "il manque client_id." in done.stderr and "Traceback" not in done.stderr
    done = _check(tmp_path, '[auth]\nredirect_uri = "http://x\n')  # not TOML: never read as « no login »
    assert done.returncode == 2 and "n'est pas lisible" in done.stderr and "Traceback" not in done.stderr


def test_an_unreadable_secrets_file_stops_the_app_instead_of_opening_it(db, tmp_path):
    from streamlit import config as st_config

    bad = tmp_path / "secrets.toml"
    bad.write_text('[auth]\nredirect_uri = "http://x\n', encoding="utf-8")
    before = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(bad)])
    try:
        with pytest.raises(auth.LoginMisconfigured, match="n'est pas lisible"):
            auth.login_mode()
        at = app()
        assert "n'est pas lisible" in at.error[0].value and not at.metric
    finally:
        st_config.set_option("secrets.files", before)
