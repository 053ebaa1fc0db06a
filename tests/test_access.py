"""Every write is behind the editor check: the actor value (plans.access), the writing functions that
require it, the editor password's configuration errors, the throttle of failed attempts, and the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from plans import access
from plans import overlaps as ov
from plans.access import CLI, EDITOR, LOCAL, VISITOR, AccessDenied, Actor

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "dashboard" / "app_pages" / "overlaps.py"
PLAN = "pna-2024-2027"


# --------------------------------------------------------------------------- the actor


def test_actors_say_who_and_how():
    assert EDITOR.recorded == "éditeur (mot de passe partagé)" and EDITOR.how == "shared_password"
    assert CLI.recorded == "ligne de commande" and CLI.how == "shell"
    assert LOCAL.recorded == "local (sans mot de passe)" and LOCAL.how == "none"
    assert EDITOR.label("en") == "editor (shared password)"
    assert [a.may_write for a in (EDITOR, CLI, LOCAL, VISITOR)] == [True, True, True, False]
    with pytest.raises(ValueError):
        Actor("admin")


@pytest.mark.parametrize("who", [VISITOR, "Coordinatrice", None, ""])
def test_require_writer_refuses_non_editors(who):
    with pytest.raises(AccessDenied, match="mot de passe éditeur"):
        access.require_writer(who)


def test_writes_refuse_a_visitor_and_write_nothing(sqlite_seeded):
    before = ov.links(sqlite_seeded, PLAN)
    link_id = before[0]["id"]
    with pytest.raises(AccessDenied):
        ov.refresh_suggestions(sqlite_seeded, PLAN, VISITOR)
    with pytest.raises(AccessDenied):
        ov.decide_link(sqlite_seeded, link_id, "rejected", VISITOR)
    with pytest.raises(AccessDenied):
        ov.decide_link(sqlite_seeded, link_id, "rejected", "Coordinatrice")  # a typed name is not an actor
    with pytest.raises(AccessDenied):
        ov.add_link(sqlite_seeded, PLAN, "G04", "plan-travail-illegal-2023-2027", "PNLTI-TEH", "complements", VISITOR)
    assert ov.links(sqlite_seeded, PLAN) == before


def test_writes_record_the_actor(sqlite_seeded):
    assert ov.refresh_suggestions(sqlite_seeded, PLAN, EDITOR) > 0
    sug = ov.review_queue(sqlite_seeded, PLAN)[0]
    assert sug["decided_by"] is None and "demandée par : éditeur (mot de passe partagé)" in sug["note"]
    row = ov.decide_link(sqlite_seeded, sug["id"], "confirmed", EDITOR)
    assert row["decided_by"] == "éditeur (mot de passe partagé)"
    new = ov.add_link(sqlite_seeded, PLAN, "G04", "plan-travail-illegal-2023-2027", "PNLTI-TEH", "complements", LOCAL)
    assert {r["id"]: r for r in ov.links(sqlite_seeded, PLAN)}[new]["decided_by"] == "local (sans mot de passe)"


# --------------------------------------------------------------------------- configuration


def test_password_configuration(monkeypatch):
    from dashboard import auth

    monkeypatch.delenv(auth.ENV, raising=False)
    assert auth.configured_hash() is None  # local default: open
    stored = auth.hash_password("s3cret")
    monkeypatch.setenv(auth.ENV, f" {stored}\n")
    assert auth.configured_hash() == stored
    monkeypatch.setenv(auth.ENV, "  ")
    with pytest.raises(auth.Misconfigured, match="défini mais vide"):
        auth.configured_hash()
    monkeypatch.setenv(auth.ENV, "motdepasse")  # a password in clear is not a hash
    with pytest.raises(auth.Misconfigured, match="n'est pas une empreinte"):
        auth.configured_hash()


# --------------------------------------------------------------------------- throttle (pure)


def test_throttle_delay_grows_per_key_and_resets():
    from dashboard.auth import Throttle

    th = Throttle(base=1, cap=8)
    s, a, other = "session:1", "address:203.0.113.5", "session:2"
    assert th.wait([s, a], 100) == 0
    th.failed([s, a], 100)
    assert th.wait([s], 100) == 1 and th.wait([s], 100.5) == 0.5 and th.wait([s], 101) == 0
    th.failed([s, a], 101)
    assert th.wait([s], 101) == 2
    th.failed([s, a], 103)
    assert th.wait([s], 103) == 4
    for now in (107, 115, 123):
        th.failed([s, a], now)
    assert th.wait([s], 123) == 8  # capped
    # a new session from the same address still waits: the address counts too
    assert th.wait([other, a], 125) == 6
    assert th.wait([other], 125) == 0
    th.succeeded([s, a])
    assert th.wait([s, a], 125) == 0


def test_client_address_behind_a_local_proxy():
    from dashboard.auth import client_address

    assert client_address("203.0.113.5", {"X-Forwarded-For": "198.51.100.1"}) == "203.0.113.5"
    assert client_address(None, {"X-Forwarded-For": "6.6.6.6, 198.51.100.7"}) == "198.51.100.7"  # the proxy's hop
    assert client_address(None, {}) is None and client_address(None, None) is None


# --------------------------------------------------------------------------- the pages (AppTest)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def app_env(sqlite_seeded, monkeypatch):
    import streamlit as st

    from dashboard import auth

    monkeypatch.setenv("DATABASE_URL", sqlite_seeded.url.render_as_string(hide_password=False))
    monkeypatch.delenv(auth.ENV, raising=False)
    monkeypatch.syspath_prepend(str(ROOT))
    clock = FakeClock()
    monkeypatch.setattr(auth, "clock", clock)
    auth.THROTTLE.clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    yield clock
    auth.THROTTLE.clear()
    st.cache_data.clear()
    st.cache_resource.clear()


def _page(path=PAGE):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(path), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _unlock(at, password):
    next(w for w in at.text_input if w.label == "Mot de passe éditeur").input(password)
    next(b for b in at.button if b.label == "Déverrouiller l'édition").click().run()
    assert not at.exception
    return [e.value for e in at.error]


def test_review_needs_the_unlocked_editor_and_throttles_failures(app_env, sqlite_seeded, monkeypatch):
    from dashboard import auth

    ov.refresh_suggestions(sqlite_seeded, PLAN, CLI)
    first = ov.review_queue(sqlite_seeded, PLAN)[0]
    monkeypatch.setenv(auth.ENV, auth.hash_password("s3cret"))
    at = _page()
    assert at.button(key="ov_refresh").disabled and at.button(key=f"ov_no_{first['id']}").disabled
    assert not any(w.label.startswith("Votre nom") for w in at.text_input)  # no free-text name any more
    errors = _unlock(at, "faux")
    assert any(e.startswith("Mot de passe incorrect.") and "dans 1\u00a0s" in e for e in errors)
    # locked: even the right password is refused until the delay is over
    errors = _unlock(at, "s3cret")
    assert any("Trop d'essais manqués" in e for e in errors)
    assert at.button(key="ov_refresh").disabled
    app_env.now += 1
    errors = _unlock(at, "encore faux")
    assert any("dans 2\u00a0s" in e for e in errors)  # the delay grows
    app_env.now += 1.5
    assert any("attendez 0" in e or "attendez 1\u00a0s" in e for e in _unlock(at, "s3cret"))
    app_env.now += 1
    assert not _unlock(at, "s3cret")
    assert not at.button(key="ov_refresh").disabled
    at.button(key=f"ov_no_{first['id']}").click().run()
    row = {r["id"]: r for r in ov.links(sqlite_seeded, PLAN)}[first["id"]]
    assert row["state"] == "rejected" and row["decided_by"] == "éditeur (mot de passe partagé)"


def test_a_blank_password_hash_is_a_configuration_error(app_env, sqlite_seeded, monkeypatch):
    from dashboard import auth

    ov.refresh_suggestions(sqlite_seeded, PLAN, CLI)
    monkeypatch.setenv(auth.ENV, " ")
    at = _page()
    assert any("défini mais vide" in e.value for e in at.error)
    assert at.button(key="ov_refresh").disabled
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/data_page.py").run()
    assert not at.exception
    assert any("défini mais vide" in e.value for e in at.error)
    assert not at.get("file_uploader")  # not « open »
