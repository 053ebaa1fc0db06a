"""docs/architecture.md stays true: every module, package or file it names exists, and every module of
plans/, loaders/ and dashboard/ is named in it (so « where does X live? » always has an answer)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
LAYERS = ("plans", "loaders", "dashboard")
# `plans.rules.progress`, `plans/rules/progress.py`, `dashboard/texts.toml`, `plans.lineage.earlier_measures`
_NAME = re.compile(r"`((?:plans|loaders|dashboard|tests|tools|benchmarks)[./][\w./-]*)`")


def _target(name: str) -> list[Path]:
    """Candidate paths for a name written as a path or a dotted module (a trailing attribute is allowed)."""
    if "/" in name:
        return [ROOT / name.rstrip("/")]
    parts = name.split(".")
    out = []
    for cut in range(len(parts), 0, -1):  # plans.lineage.earlier_measures → plans/lineage.py
        base = ROOT.joinpath(*parts[:cut])
        out += [base.with_suffix(".py"), base]
    return out


def named() -> list[str]:
    return sorted(set(_NAME.findall(DOC.read_text(encoding="utf-8"))))


def test_every_name_in_the_architecture_page_exists():
    missing = [n for n in named() if not any(p.exists() for p in _target(n))]
    assert not missing, f"docs/architecture.md names what does not exist: {missing}"


def test_a_dotted_attribute_in_the_page_is_defined_in_its_module():
    """`plans.lineage.earlier_measures` must be defined in plans/lineage.py (not merely a module that exists)."""
    wrong = []
    for n in named():
        if "/" in n:
            continue
        parts = n.split(".")
        path = ROOT.joinpath(*parts[:-1]).with_suffix(".py")
        if path.is_file() and not ROOT.joinpath(*parts).with_suffix(".py").exists() \
                and not ROOT.joinpath(*parts).is_dir():
            attr = parts[-1]
            src = path.read_text(encoding="utf-8")
            if not re.search(rf"^(def|class|async def) {re.escape(attr)}\b|^{re.escape(attr)}\s*[:=]", src, re.M):
                wrong.append(n)
    assert not wrong, f"docs/architecture.md names attributes their module does not define: {wrong}"


def test_every_module_of_the_three_layers_is_in_the_page():
    text = DOC.read_text(encoding="utf-8")
    modules = [p.relative_to(ROOT) for layer in LAYERS for p in (ROOT / layer).rglob("*.py")
               if "migrations" not in p.parts and p.name not in ("__init__.py", "__main__.py")]
    absent = [str(m) for m in modules
              if f"`{m.as_posix()}`" not in text and f"`{'.'.join(m.with_suffix('').parts)}" not in text]
    assert not absent, f"modules docs/architecture.md does not place: {absent}"


def test_the_page_states_the_one_way_import_rule():
    assert "dashboard → loaders → plans" in DOC.read_text(encoding="utf-8")


def test_every_module_and_test_the_security_page_names_exists():
    """docs/security.md says how each defence is tested: the modules and test files it names exist."""
    names = sorted(set(_NAME.findall((ROOT / "docs" / "security.md").read_text(encoding="utf-8"))))
    assert names, "docs/security.md names no module or test"
    missing = [n for n in names if not any(p.exists() for p in _target(n))]
    assert not missing, f"docs/security.md names what does not exist: {missing}"


def test_comments_describe_todays_code_not_the_issue_that_changed_it():
    """No « issue N » in code, tests or catalogues: the history of a change is in git and docs/benchmarks.md."""
    issue = re.compile(r"\b[Ii]ssue \d+\b")
    found = [f"{p.relative_to(ROOT)}:{n}" for top in (*LAYERS, "tests", "tools", "benchmarks")
             for p in (ROOT / top).rglob("*") if p.suffix in (".py", ".toml") and "migrations" not in p.parts
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if issue.search(line)]
    assert not found, found
