"""Who is using the app (:func:`current_actor`), and the editor password of an instance without login.

Three ways an instance is set up, first found wins (:func:`login_mode`):

* **login** (``"oidc"``): an ``[auth]`` section in ``.streamlit/secrets.toml`` — Streamlit's own ``st.login`` /
  ``st.user`` (OpenID Connect: Google, Microsoft, Keycloak, Authentik…). The logged-in e-mail is looked up in
  Vigie's people (``plans.people.actor_for``): a named person with a role and an association. An e-mail Vigie
  does not know gets « Compte non autorisé… », a ``login_failed`` row in the audit trail, and reads only when
  the setting ``anonymous_reading`` allows, as someone not logged in does. A half-filled ``[auth]`` is
  :class:`LoginMisconfigured` (the missing keys named in French), reported by the app at start-up.
* **shared editor password** (``"password"``): the fallback below — :data:`plans.access.EDITOR` once unlocked,
  else :data:`plans.access.VISITOR`;
* **local** (``"local"``, the default): one user, open, :data:`plans.access.LOCAL`.

Configuration, first found wins: the ``editor_password_hash`` setting (``plans.config``: env
``VIGIE_EDITOR_PASSWORD_HASH``), else ``editor_password_hash`` in ``.streamlit/secrets.toml``.
Without either (the local default) writes are open — single-user — and recorded as
« local (sans mot de passe) » (``plans.access.LOCAL``). A variable or secret that is set but blank, or
holds no scrypt hash, is a configuration error (:class:`Misconfigured`, worded in French): nobody
may write until it is fixed, it is never read as « open ».

Every write of the app goes through :func:`gate` (the unlock form, shared by the « Données » and
« Recoupements » pages) and passes the :class:`plans.access.Actor` it returns to the function that
writes. Failed attempts are throttled per session and per client address (:class:`Throttle`).
Hash format: ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``. Produce one with::

    python -m dashboard.auth hash          # asks for the password twice
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from dashboard.i18n import t
from plans import access, config
from plans.access import Actor

SECRET_KEY = "editor_password_hash"  # the setting's name, also its key in .streamlit/secrets.toml
ENV = config.setting(SECRET_KEY).env
N, R, P = 2**14, 8, 1


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.strip().split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


class Misconfigured(Exception):
    """The editor password is configured but unusable (blank, or not a hash): writes stay closed."""


def _well_formed(stored: str) -> bool:
    parts = stored.split("$")
    return len(parts) == 6 and parts[0] == "scrypt" and all(parts[1:])


def configured_hash() -> str | None:
    """The stored hash, or None when no editor password is configured (writes open, local use).
    Raises :class:`Misconfigured` when the variable or the secret is set but blank or not a hash."""
    raw = os.environ.get(ENV) if ENV else None
    where = ENV
    if raw is None:
        try:  # st.secrets raises when no secrets.toml exists at all
            import streamlit as st

            secret = st.secrets.get(SECRET_KEY)
        except Exception:
            secret = None
        if secret is None:
            return None
        raw, where = str(secret), f".streamlit/secrets.toml ({SECRET_KEY})"
    value = raw.strip()
    if not value:
        raise Misconfigured(t("auth.blank", where=where))
    if not _well_formed(value):
        raise Misconfigured(t("auth.malformed", where=where))
    return value


class Throttle:
    """Failed password attempts, per key (a session, a client address): after the n-th failure in a
    row the key waits ``min(cap, base * 2 ** (n - 1))`` seconds. Pure: the caller passes ``now``."""

    def __init__(self, base: float = 1.0, cap: float = 300.0, keep: int = 10_000) -> None:
        self.base, self.cap, self.keep = base, cap, keep
        self._fails: dict[str, tuple[int, float]] = {}  # key → (failures in a row, time of the last)
        self._lock = threading.Lock()

    def delay(self, failures: int) -> float:
        return 0.0 if failures <= 0 else min(self.cap, self.base * 2 ** (failures - 1))

    def wait(self, keys: Iterable[str], now: float) -> float:
        """Seconds left before any of ``keys`` may try again (0 when it may)."""
        with self._lock:
            got = [self._fails.get(k) for k in keys]
        return max([0.0] + [last + self.delay(n) - now for n, last in filter(None, got)])

    def failed(self, keys: Iterable[str], now: float) -> None:
        with self._lock:
            for k in keys:
                n, _ = self._fails.get(k, (0, now))
                self._fails[k] = (n + 1, now)
            if len(self._fails) > self.keep:  # forget keys whose wait is long over
                self._fails = {k: v for k, v in self._fails.items() if v[1] + 2 * self.cap > now}

    def succeeded(self, keys: Iterable[str]) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)

    def clear(self) -> None:
        with self._lock:
            self._fails.clear()


THROTTLE = Throttle()
clock: Callable[[], float] = time.monotonic  # tests replace it
SESSION_KEY = "editor_session"  # st.session_state key: this session's random id for the throttle


def client_address(ip: str | None, headers: Any) -> str | None:
    """The client's address: Streamlit's ``st.context.ip_address``; behind a reverse proxy on the same
    machine (``ip`` is None for a loopback peer) the last ``X-Forwarded-For`` hop, the one the proxy
    appended. None for local use without a proxy."""
    if ip:
        return ip
    forwarded = (headers.get("X-Forwarded-For") if headers is not None else None) or ""
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    return hops[-1] if hops else None


def _throttle_keys() -> list[str]:
    import streamlit as st

    session = st.session_state.setdefault(SESSION_KEY, secrets.token_hex(16))
    try:
        address = client_address(st.context.ip_address, st.context.headers)
    except Exception:  # no client context (tests, bare mode)
        address = None
    return [f"session:{session}"] + ([f"address:{address}"] if address else [])


def gate(lang: str, form_key: str, unlock_label: str, action: str = "import") -> access.Actor | None:
    """The writer check of a page: the actor to pass to the writing functions, or None (why not is shown: the
    unlock form, the configuration error, or that the person's role does not allow ``action``). With a login
    configured, the logged-in person when their role allows ``action`` (for their own association); the writing
    function checks again. ``unlock_label`` is the unlock button's text."""
    import streamlit as st

    from dashboard import state

    try:
        mode = login_mode()
    except LoginMisconfigured as e:
        st.error(str(e), icon=":material/lock:")
        return None
    if mode == "oidc":
        actor = current_actor()
        if actor.may(action, association=actor.association):
            return actor
        if actor.kind == "person":
            st.caption(":material/lock: " + t("login.role_cannot", lang, role=access.role_label(str(actor.role), lang),
                                               action=_action_words(action, lang)))
        elif unknown_email() is not None:
            st.caption(":material/lock: " + t("login.unknown", lang))
        else:
            st.caption(":material/lock: " + t("login.to_write", lang))
        return None
    try:
        stored = configured_hash()
    except Misconfigured as e:
        st.error(str(e), icon=":material/lock:")
        return None
    if stored is None:
        st.caption(":material/lock_open: " + t("dp.open", lang))
        return access.LOCAL
    if st.session_state.get(state.UPLOAD_OK):
        return access.EDITOR
    with st.form(form_key):
        pwd = st.text_input(t("dp.password", lang), type="password")
        if st.form_submit_button(unlock_label):
            keys, now = _throttle_keys(), clock()
            wait = THROTTLE.wait(keys, now)
            if wait > 0:
                st.error(t("auth.too_many", lang, seconds=max(1, round(wait))), icon=":material/timer:")
            elif verify(pwd, stored):
                THROTTLE.succeeded(keys)
                st.session_state[state.UPLOAD_OK] = True
                st.rerun()
            else:
                THROTTLE.failed(keys, now)
                st.error(t("dp.wrong_password", lang) + " "
                         + t("auth.next_try", lang, seconds=max(1, round(THROTTLE.wait(keys, now)))))
    return None


# --- login through the collective's OpenID Connect provider (Streamlit's st.login) -------------------------------

AUTH_SHARED = ("redirect_uri", "cookie_secret")  # keys of [auth] itself
AUTH_PROVIDER = ("client_id", "client_secret", "server_metadata_url")  # in [auth] or in one [auth.NAME]


class LoginMisconfigured(Exception):
    """``[auth]`` is there but some keys are missing or blank (message in French, naming them)."""


def _check_secrets_files() -> None:
    """A ``secrets.toml`` that exists but is not valid TOML is a configuration error (Streamlit would read it as
    no secrets at all, and the instance as local and open)."""
    import tomllib

    from streamlit import config as st_config

    for path in st_config.get_option("secrets.files") or []:
        if os.path.isfile(path):
            try:
                with open(path, "rb") as f:
                    tomllib.load(f)
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
                raise LoginMisconfigured(t("login.unreadable", path=path, error=str(e))) from None


def _secrets_auth() -> dict | None:
    _check_secrets_files()
    try:  # st.secrets raises when no secrets.toml exists at all
        import streamlit as st

        section = st.secrets.get("auth")
    except Exception:
        return None
    return None if section is None else dict(section)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def login_provider(section: dict | None = None) -> tuple[str | None, list[str]]:
    """(the provider's name to pass to ``st.login``, None for the keys written in ``[auth]`` itself; the keys
    missing or blank, as they are written in ``secrets.toml``) of an ``[auth]`` section."""
    section = _secrets_auth() if section is None else section
    section = section or {}
    missing = [k for k in AUTH_SHARED if _blank(section.get(k))]
    named = [k for k, v in section.items() if hasattr(v, "keys") and k != "client_kwargs"]
    if named and not any(k in section for k in AUTH_PROVIDER):
        name = named[0]
        provider = dict(section[name])
        return name, missing + [f"{name}.{k}" for k in AUTH_PROVIDER if _blank(provider.get(k))]
    return None, missing + [k for k in AUTH_PROVIDER if _blank(section.get(k))]


def login_mode() -> str:
    """``"oidc"`` (an ``[auth]`` section), ``"password"`` (an editor password, even unusable) or ``"local"``.
    Raises :class:`LoginMisconfigured` when ``[auth]`` is half filled."""
    section = _secrets_auth()
    if section is not None:
        _, missing = login_provider(section)
        if missing:
            raise LoginMisconfigured(t("login.misconfigured", keys=", ".join(missing)))
        return "oidc"
    try:
        return "local" if configured_hash() is None else "password"
    except Misconfigured:
        return "password"


def _logged_in_email() -> str | None:
    import streamlit as st

    try:
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
    except Exception:  # no login configured or no user context (bare mode)
        return None
    return str(email) if email else ""


def _email_said() -> str | None:
    """The logged-in e-mail, lower-cased and trimmed ("" when the provider gave none; None: nobody logged in)."""
    email = _logged_in_email()
    return None if email is None else email.strip().lower()


def _known(email: str) -> Actor | None:
    from dashboard import data
    from plans import people

    return people.actor_for(data.engine(), email)


_LOGINS_SEEN: set[str] = set()  # the failed logins this process has recorded (e-mail | the ID token's issue time)
_LOGINS_LOCK = threading.Lock()


def _login_key(email: str) -> str:
    """One login: the e-mail and when the provider issued its ID token (a reload or another page of the same
    login gives the same key; logging in again, a new one)."""
    import streamlit as st

    try:
        issued = st.user.get("iat") or st.user.get("nonce")
    except Exception:
        issued = None
    if not issued:
        issued = st.session_state.setdefault(SESSION_KEY, secrets.token_hex(16))
    return f"{email}|{issued}"


def _record_unknown(email: str) -> None:
    """One ``login_failed`` row per login of an e-mail Vigie does not know: who tried (as the provider said)."""
    from dashboard import data
    from plans import audit

    key = _login_key(email)
    with _LOGINS_LOCK:
        if key in _LOGINS_SEEN:
            return
        if len(_LOGINS_SEEN) > 10_000:
            _LOGINS_SEEN.clear()
        _LOGINS_SEEN.add(key)
    try:
        with data.engine().begin() as conn:
            audit.record(conn, email or t("login.no_email"), "login_failed",
                         summary=t("login.failed_summary", email=email or t("login.no_email")))
    except Exception:  # the trail must not keep a reader out; the failure is logged
        import logging

        logging.getLogger(__name__).exception("login_failed not recorded")


def current_actor() -> Actor:
    """Who uses the app in this rerun: a person (logged in and known), EDITOR / VISITOR (shared editor password),
    LOCAL (no login configured), or VISITOR (not logged in, or an e-mail Vigie does not know: see
    :func:`unknown_email`). Call :func:`login_mode` first: a half-filled ``[auth]`` raises here too."""
    mode = login_mode()
    if mode == "local":
        return access.LOCAL
    if mode == "password":
        import streamlit as st

        from dashboard import state

        return access.EDITOR if st.session_state.get(state.UPLOAD_OK) else access.VISITOR
    email = _email_said()
    if email is None:
        return access.VISITOR
    actor = _known(email) if email else None
    if actor is None:
        _record_unknown(email)
        return access.VISITOR
    return actor


def unknown_email() -> str | None:
    """The e-mail of a login Vigie does not know (None when nobody, or somebody known, is logged in)."""
    if login_mode() != "oidc":
        return None
    email = _email_said()
    return None if email is None or (email and _known(email) is not None) else email


def _action_words(action: str, lang: str) -> str:
    from plans.i18n import text

    return text(f"access.action.{action}", lang)


def may_read(actor: Actor) -> bool:
    """Whether ``actor`` may read the pages: anyone, unless a login is configured and ``anonymous_reading`` is
    false — then only the people Vigie knows."""
    return actor.kind != "visitor" or login_mode() != "oidc" or bool(config.get("anonymous_reading"))


def may_read_journal(actor: Actor) -> bool:
    """The « Journal » page: coordinators and admins (and the single user, the editor, the command line)."""
    return actor.kind in access.WRITERS or access.rank(actor.role) >= access.rank("coordinator")


def may_manage_people(actor: Actor) -> bool:
    """The « Personnes » page: admins (and the single user of a local instance, the editor)."""
    return actor.may("manage_people")


def who(actor: Actor, lang: str) -> str:
    """« Marie Dupont (marie@asso.fr) » — for the sidebar, as Markdown that shows the text as it is."""
    from dashboard.components import plain

    if actor.kind != "person":
        return plain(actor.label(lang))
    return plain(f"{actor.name} ({actor.email})" if actor.name else actor.email)


def sidebar(lang: str, actor: Actor) -> None:
    """Who is here and how: the person, their role and association, « Se déconnecter »; « Se connecter »; or
    « Instance locale, un seul utilisateur »."""
    import streamlit as st

    from dashboard.components import plain

    mode = login_mode()
    if mode == "local":
        st.caption(":material/person: " + t("login.local", lang))
        return
    if mode == "password":
        key = "login.editor" if actor.kind == "editor" else "login.shared_password"
        st.caption(":material/lock: " + t(key, lang))
        return
    if actor.kind == "person":
        role = access.role_label(str(actor.role), lang)
        where = plain(actor.association) if actor.association else t("login.collective", lang)
        st.markdown(f":material/account_circle: **{who(actor, lang)}**  \n"
                    + t("login.role", lang, role=role, association=where))
        if st.button(t("login.logout", lang), icon=":material/logout:", key="logout"):
            st.logout()
        return
    email = unknown_email()
    if email is not None:
        st.error(t("login.unknown", lang), icon=":material/block:")
        if email:
            st.caption(t("login.as", lang, email=plain(email)))
        if st.button(t("login.logout", lang), icon=":material/logout:", key="logout"):
            st.logout()
        return
    if st.button(t("login.login", lang), icon=":material/login:", key="login", type="primary"):
        name, _ = login_provider()
        st.login(name) if name else st.login()


def check() -> int:
    """``python -m dashboard.auth check`` (``make run`` calls it before starting the server): how this instance
    is held, or the configuration error naming what is missing (exit code 2)."""
    try:
        mode = login_mode()
    except LoginMisconfigured as e:
        print(str(e), file=sys.stderr)
        return 2
    print({"oidc": t("login.check_oidc"), "password": t("login.shared_password"), "local": t("login.local")}[mode])
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        return check()
    if argv[:1] != ["hash"]:
        print(t("auth.usage"), file=sys.stderr)
        return 2
    first = getpass.getpass(t("auth.password"))
    if not first or first != getpass.getpass(t("auth.confirm")):
        print(t("auth.mismatch"), file=sys.stderr)
        return 1
    print(hash_password(first))
    print(t("auth.where", env=ENV, key=SECRET_KEY), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
