"""plans.config: every setting declared once, documented in the README, and the code reads it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from plans import config

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_row(name: str) -> str:
    rows = [line for line in README.splitlines() if line.startswith(f"| `{name}` |")]
    assert len(rows) == 1, f"README.md: one row « | `{name}` | … » expected in the « Réglages » table"
    return rows[0]


@pytest.mark.parametrize("s", config.SETTINGS, ids=lambda s: s.name)
def test_each_setting_is_declared_and_documented(s):
    assert s.help and s.type in (str, int, float, bool)
    assert s.default is None or type(s.default) is s.type
    assert (s.env is None) != (s.plan_section is None), "a setting is either a process setting or a plan default"
    row = _readme_row(s.name)
    assert f"`{s.env}`" in row if s.env else f"`{s.plan_section}`" in row
    if s.default is not None and s.name != "database_url":
        shown = str(s.default).lower() if s.type is bool else s.default
        assert f"`{shown}`" in row, f"README.md shows the default of {s.name}"


def test_readme_has_no_undeclared_setting():
    section = README.split("## Réglages", 1)[1].split("\n## ", 1)[0]
    names = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert sorted(names) == sorted(config.BY_NAME)


def test_environment_overrides_process_settings(monkeypatch):
    monkeypatch.setenv("VIGIE_UPLOAD_MAX_MB", " 7 ")
    assert config.get("upload_max_mb") == 7
    monkeypatch.setenv("VIGIE_UPLOAD_MAX_MB", "  ")
    assert config.get("upload_max_mb") == 50
    monkeypatch.setenv("VIGIE_UPLOAD_MAX_MB", "beaucoup")
    with pytest.raises(ValueError, match="VIGIE_UPLOAD_MAX_MB"):
        config.get("upload_max_mb")
    with pytest.raises(KeyError, match="réglage inconnu"):
        config.get("max_upload")


def test_plan_defaults_are_not_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("STALLED_DAYS", "1")
    assert config.get("stalled_days") == 180
    assert config.plan_defaults("thresholds") == {"stalled_days": 180, "stalled_postponements": 2,
                                                  "freshness_days": 90, "partial_weight": 0.5}


def test_the_code_uses_the_declared_defaults(monkeypatch):
    from dashboard import auth, data, overlaps_data
    from loaders import guard
    from plans.db import database_url
    from plans.rules import compute, compute_events
    from tests import factories

    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url() == config.default("database_url") == f"sqlite:///{ROOT / 'data' / 'vigie.db'}"
    assert config.default("upload_max_mb") * 2**20 == guard.MAX_FILE
    assert config.default("cache_ttl_seconds") == data.TTL == overlaps_data.TTL
    assert auth.ENV == "VIGIE_EDITOR_PASSWORD_HASH"
    th, gov = compute.Thresholds(), compute_events.GovernanceRule()
    assert {k: getattr(th, k) for k in config.plan_defaults("thresholds")} == config.plan_defaults("thresholds")
    assert (gov.prefix, gov.required) == tuple(config.plan_defaults("governance").values())
    assert compute.Thresholds.from_settings({}) == th and compute_events.GovernanceRule.from_settings(None) == gov
    assert config.plan_defaults("thresholds") == factories.DEFAULT_THRESHOLDS
    assert config.plan_defaults("governance") == factories.DEFAULT_GOVERNANCE


def test_upload_limit_has_one_source():
    """Streamlit's server limit is not a second copy in config.toml: make run passes the setting."""
    streamlit_cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert "maxUploadSize" not in streamlit_cfg.get("server", {})
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--server.maxUploadSize $$($(BIN)/python -m plans.config get upload_max_mb)" in makefile
    out = subprocess.run([sys.executable, "-m", "plans.config", "get", "upload_max_mb"], cwd=ROOT,
                         capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "50"


def test_listing_hides_secrets(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://vigie:s3cret@db:5432/vigie")
    monkeypatch.setenv("VIGIE_EDITOR_PASSWORD_HASH", "scrypt$16384$8$1$00$11")
    assert config.main([]) == 0
    out = capsys.readouterr().out
    assert "s3cret" not in out and "scrypt$" not in out and "vigie:***@db" in out
    assert config.main(["get"]) == 2


def test_a_yes_or_no_setting_reads_the_words_people_write(monkeypatch):
    assert config.get("anonymous_reading") is True
    for word, value in [("false", False), (" Non ", False), ("0", False), ("oui", True), ("TRUE", True)]:
        monkeypatch.setenv("VIGIE_ANONYMOUS_READING", word)
        assert config.get("anonymous_reading") is value
    monkeypatch.setenv("VIGIE_ANONYMOUS_READING", "peut-être")
    with pytest.raises(ValueError, match="VIGIE_ANONYMOUS_READING"):
        config.get("anonymous_reading")
