"""loaders/ holds no SQL: every read and write of the store is a plans/ function the loaders call."""

from __future__ import annotations

import ast
from pathlib import Path

LOADERS = Path(__file__).resolve().parents[1] / "loaders"
ALLOWED_SQLALCHEMY = {"Engine"}  # for type annotations only


def _violations(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {a.name for a in node.names}
            if node.module.split(".")[0] == "sqlalchemy" and not names <= ALLOWED_SQLALCHEMY:
                out.append(f"{path.name}:{node.lineno} from {node.module} import {sorted(names)}")
            if node.module == "plans.schema" or (node.module == "plans" and "schema" in names):
                out.append(f"{path.name}:{node.lineno} imports plans.schema")
        elif isinstance(node, ast.Import):
            out += [f"{path.name}:{node.lineno} import {a.name}" for a in node.names
                    if a.name.split(".")[0] == "sqlalchemy" or a.name == "plans.schema"]
        elif isinstance(node, ast.Attribute) and node.attr in ("execute", "exec_driver_sql", "begin"):
            out.append(f"{path.name}:{node.lineno} .{node.attr}(…)")
    return out


def test_loaders_contain_no_sql():
    files = sorted(LOADERS.rglob("*.py"))
    assert files
    assert [v for f in files for v in _violations(f)] == []


def test_the_check_finds_sql(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from sqlalchemy import select\nfrom plans import schema as s\n"
                   "def f(engine):\n    with engine.begin() as c:\n        c.execute(select(s.plans))\n")
    assert len(_violations(bad)) == 4
