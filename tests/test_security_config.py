"""Security settings pinned: Streamlit's XSRF and CORS protections in .streamlit/config.toml, and the README's
deployment section (a reverse proxy carrying the Content-Security-Policy and the other headers)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".streamlit" / "config.toml"
README = ROOT / "README.md"


def test_xsrf_and_cors_are_pinned_on():
    import streamlit.config

    server = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True  # Streamlit 1.67 does not turn it on for XSRF's sake
    assert "maxUploadSize" not in server  # the setting upload_max_mb, passed by make run
    for name in server:  # option names Streamlit knows (a typo would be ignored silently)
        assert f"server.{name}" in streamlit.config._config_options_template, name


def _deployment() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Déploiement\n(.*?)(?=^## )", text, re.S | re.M)
    assert match, "README: no « Déploiement » section"
    return match.group(1)


def test_readme_deployment_shows_the_headers():
    section = _deployment()
    caddyfile = re.search(r"```caddyfile\n(.*?)```", section, re.S)
    assert caddyfile, "README « Déploiement »: no Caddyfile example"
    conf = caddyfile.group(1)
    csp = re.search(r'Content-Security-Policy "([^"]+)"', conf)
    assert csp, conf
    rules = {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.group(1).split(";")) if d}
    assert rules["default-src"] == ["'self'"]
    assert rules["img-src"] == ["'self'", "data:"]
    assert rules["frame-ancestors"] == ["'none'"]
    assert {"'self'", "wss:"} <= set(rules["connect-src"])  # Streamlit's websocket
    assert "X-Content-Type-Options nosniff" in conf
    assert re.search(r'Referrer-Policy "?[a-z-]+', conf)
    assert "reverse_proxy 127.0.0.1:8501" in conf
