"""A real OpenID Connect provider for the login tests: ``tests/oidc/provider.mjs`` (npm oidc-provider) under node.

:func:`start` runs it on loopback at a free port with the given accounts and one client (the app, at its redirect
URI); :func:`write_secrets` writes the ``[auth]`` section Streamlit's ``st.login`` reads, in a temporary
``secrets.toml`` that the app is pointed at (``STREAMLIT_SECRETS_FILES``): the repository's own
``.streamlit/secrets.toml`` is never written.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
PACKAGE = ROOT / "node_modules" / "oidc-provider"
CLIENT_ID = "vigie"


def missing() -> str | None:
    """Why the provider cannot run here (None when it can)."""
    if not shutil.which("node"):
        return "node missing (apt-get install -y nodejs)"
    if not PACKAGE.exists():
        return "oidc-provider missing: make npm (npm ci from package-lock.json)"
    return None


@dataclass
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    proc: subprocess.Popen

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start(workdir: Path, redirect_uri: str, accounts: list[dict], timeout: float = 20) -> Provider:
    """The provider, answering; ``accounts``: ``{"email", "name"}`` each."""
    client_secret = secrets.token_urlsafe(24)
    conf = workdir / "oidc-provider.json"
    conf.write_text(json.dumps({"client_id": CLIENT_ID, "client_secret": client_secret,
                                "redirect_uri": redirect_uri, "accounts": accounts}), encoding="utf-8")
    proc = subprocess.Popen(["node", str(SCRIPT), str(conf)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline() if proc.stdout else ""), daemon=True)
    reader.start()
    reader.join(timeout)
    if not line or not line[0].startswith("READY "):
        proc.kill()
        raise RuntimeError(f"the OIDC provider did not start: {line[0] if line else 'no answer'}")
    return Provider(line[0].split()[1], CLIENT_ID, client_secret, proc)


def auth_section(provider: Provider, redirect_uri: str, **extra: str) -> dict[str, str]:
    """The ``[auth]`` keys for this provider (as the README tells an operator to set them)."""
    return {"redirect_uri": redirect_uri, "cookie_secret": secrets.token_urlsafe(32),
            "client_id": provider.client_id, "client_secret": provider.client_secret,
            "server_metadata_url": provider.metadata_url, **extra}


def write_secrets(path: Path, auth: dict[str, str] | None, **top: object) -> Path:
    """A ``secrets.toml`` with ``[auth]`` (if given) and top-level keys; returns its path."""
    def value(v: object) -> str:
        return json.dumps(v)  # a JSON string or number is a valid TOML basic value

    lines = [f"{k} = {value(v)}" for k, v in top.items()]
    if auth is not None:
        lines += ["", "[auth]"] + [f"{k} = {value(v)}" for k, v in auth.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
