"""Optional editor password for uploads (stored hashed, never in clear).

Configuration, first found wins: the ``editor_password_hash`` setting (``plans.config``: env
``VIGIE_EDITOR_PASSWORD_HASH``), else ``editor_password_hash`` in ``.streamlit/secrets.toml``.
Without either (the local default) uploads are open.
Hash format: ``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``. Produce one with::

    python -m dashboard.auth hash          # asks for the password twice
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import secrets
import sys

from dashboard.i18n import t
from plans import config

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


def configured_hash() -> str | None:
    """The stored hash, or None when no editor password is configured (uploads open)."""
    value = config.get(SECRET_KEY)
    if value:
        return str(value)
    try:  # st.secrets raises when no secrets.toml exists at all
        import streamlit as st

        value = st.secrets.get(SECRET_KEY)
    except Exception:
        return None
    return str(value).strip() or None if value else None


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
