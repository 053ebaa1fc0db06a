"""Optional editor password for uploads (stored hashed, never in clear).

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


def gate(lang: str, form_key: str, unlock_label: str) -> access.Actor | None:
    """The editor check of a page: the actor to pass to the writing functions, or None (the unlock
    form or the configuration error is shown). ``unlock_label`` is the button's text."""
    import streamlit as st

    from dashboard import state

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


def main(argv: list[str]) -> int:
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
