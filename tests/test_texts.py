"""The text catalogues (plans/, loaders/, dashboard/ and dashboard/brief/ texts.toml): every id has its French
and English text with the same {placeholders}, every id the code looks up exists, and no id is left unused."""

from __future__ import annotations

import ast
import re
import string
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = {"plans": ROOT / "plans" / "texts.toml", "loaders": ROOT / "loaders" / "texts.toml",
              "dashboard": ROOT / "dashboard" / "texts.toml", "brief": ROOT / "dashboard" / "brief" / "texts.toml"}
# (module, name) imported by code → the catalogue that name looks ids up in.
LOOKUPS = {("plans.i18n", "text"): "plans", ("loaders.messages", "text"): "loaders", ("dashboard.i18n", "t"): "dashboard",
           ("dashboard.brief.texts", "text"): "brief"}
SOURCES = sorted(p for layer in ("plans", "loaders", "dashboard") for p in (ROOT / layer).rglob("*.py")
                 if "migrations" not in p.parts)


def _load(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


ENTRIES = {name: _load(path) for name, path in CATALOGUES.items()}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_catalogue_file_is_listed():
    found = {p for layer in ("plans", "loaders", "dashboard") for p in (ROOT / layer).rglob("*.toml")
             if p.name == "texts.toml"}
    assert found == set(CATALOGUES.values())


@pytest.mark.parametrize("name", list(CATALOGUES))
def test_every_id_has_both_languages_with_the_same_placeholders(name):
    problems = []
    for key, entry in ENTRIES[name].items():
        if not isinstance(entry, dict) or set(entry) != {"fr", "en"}:
            problems.append(f"{key}: needs exactly fr and en, has {sorted(entry) if isinstance(entry, dict) else entry}")
            continue
        fr, en = entry["fr"], entry["en"]
        if not (isinstance(fr, str) and isinstance(en, str) and fr.strip() and en.strip()):
            problems.append(f"{key}: empty or not text in one language")
        elif placeholders(fr) != placeholders(en):
            problems.append(f"{key}: {{…}} fields differ: fr {sorted(placeholders(fr))}, en {sorted(placeholders(en))}")
    assert not problems, "\n".join(problems)


def _head(node: ast.expr) -> tuple[str, bool] | None:
    """(literal id, True) for "id"; (literal prefix, False) for f"prefix{…}"; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, True
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value), False
    return None


def _lookups(path: Path) -> list[tuple[str, str, bool, int]]:
    """(catalogue, id or prefix, is whole id, line) for each lookup with a literal id in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.asname or alias.name: LOOKUPS[(node.module, alias.name)]
             for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             for alias in node.names if (node.module, alias.name) in LOOKUPS}
    brief = path.parent.name == "brief"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            catalogue = names.get(func.id) if isinstance(func, ast.Name) else None
            if isinstance(func, ast.Attribute) and func.attr in ("table", "tables") and isinstance(func.value, ast.Name):
                catalogue = {"PLANS": "plans", "TEXTS": None}.get(func.value.id)
                if func.value.id == "TEXTS":
                    catalogue = "loaders" if path.parent.name == "loaders" else ("brief" if brief else "dashboard")
                head = _head(node.args[0])
                if catalogue and head:
                    found.append((catalogue, head[0] + ".", False, node.lineno))
                continue
            head = _head(node.args[0])
            if catalogue and head:
                found.append((catalogue, *head, node.lineno))
    if brief:  # t = _t(lang); t["key"] / _t(lang)["key"]
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            calls_t = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_t"
                          for n in ast.walk(func))
            for node in ast.walk(func):
                if isinstance(node, ast.Subscript) and (
                        (calls_t and isinstance(node.value, ast.Name) and node.value.id == "t")
                        or (isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "_t")):
                    head = _head(node.slice)
                    if head and head[1]:
                        found.append(("brief", head[0], True, node.lineno))
    return found


def _exists(catalogue: str, key: str, whole: bool) -> bool:
    ids = ENTRIES[catalogue]
    if whole:
        return key in ids or any(k.startswith(key + ".") for k in ids)  # brief groups: t["what"]
    return any(k.startswith(key) for k in ids)


def test_every_id_used_in_code_exists():
    missing = [f"{p.relative_to(ROOT)}:{line}: {key!r} not in {cat}"
               for p in SOURCES for cat, key, whole, line in _lookups(p) if not _exists(cat, key, whole)]
    assert not missing, "\n".join(missing)
    assert sum(len(_lookups(p)) for p in SOURCES) > 300, "the scan saw too few lookups"


def _mentions() -> tuple[set[str], set[str]]:
    """String constants of the code (ids, also passed around as values) and prefixes of f-strings and tables."""
    whole, prefixes = set(), set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                whole.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(str(node.values[0].value))
        prefixes |= {key for cat, key, is_whole, _ in _lookups(path) if not is_whole}
    return whole, {p for p in prefixes if re.fullmatch(r"[a-z_]+(\.[a-z_]+)*\.", p)}


def test_no_unused_id():
    whole, prefixes = _mentions()

    def used(key: str) -> bool:
        parts = key.split(".")
        return key in whole or any(key.startswith(p) for p in prefixes) or ".".join(parts[:-1]) in whole

    unused = [f"{name}: {key}" for name, ids in ENTRIES.items() for key in ids if not used(key)]
    assert not unused, "\n".join(unused)


def test_unknown_plan_is_worded_once():
    """« Plan inconnu » lives in plans/texts.toml only; every layer composes it (plan.unknown)."""
    inline = [f"{p.relative_to(ROOT)}:{i}" for p in SOURCES
              for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"[Pp]lan inconnu|Unknown plan", line)]
    assert not inline, inline


CLIS = [ROOT / p for p in ("plans/__main__.py", "plans/config.py", "plans/rules/cli.py", "plans/overlaps/cli.py",
                           "loaders/cli.py", "dashboard/cli.py", "dashboard/brief/cli.py", "dashboard/charts/__main__.py",
                           "dashboard/auth.py")]
ARGPARSE_TEXTS = {"help", "description", "epilog", "usage", "metavar"}


def _worded_literals(node: ast.expr) -> list[str]:
    """Words written in the code that ``node`` prints: its string literals (and the literal parts of an
    f-string, through ``a if c else b``, ``a + b`` and ``a or b``) holding a word; a call's arguments (a
    catalogue id) and a subscript's key are not followed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[^\W\d_]{2,}", node.value) else []
    if isinstance(node, ast.JoinedStr):
        return [w for part in node.values if isinstance(part, ast.Constant) for w in _worded_literals(part)]
    if isinstance(node, ast.IfExp):
        return _worded_literals(node.body) + _worded_literals(node.orelse)
    if isinstance(node, ast.BinOp):
        return _worded_literals(node.left) + _worded_literals(node.right)
    if isinstance(node, ast.BoolOp):
        return [w for value in node.values for w in _worded_literals(value)]
    return []


def test_command_lines_take_their_words_from_the_catalogues():
    """What the command lines print (``print``, ``parser.error``) and their argparse description, help and
    metavars are catalogue texts, not literals."""
    inline, checked = [], 0
    for path in CLIS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            shown = list(node.args) if name in ("print", "error") else []
            shown += [kw.value for kw in node.keywords if kw.arg in ARGPARSE_TEXTS]
            checked += len(shown)
            inline += [f"{path.relative_to(ROOT)}:{node.lineno}: {word!r}" for arg in shown
                       for word in _worded_literals(arg)]
    assert not inline, "\n".join(inline)
    assert checked > 60, "the scan saw too few printed texts"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_template_words_read_back_as_what_they_name(lang):
    """The coordinators' workbook (loaders/template.py) writes its headers, title lines and announcement kinds from
    loaders/texts.toml: in either language, each header row is recognised by loaders.headers as the fields its ids
    name (in column order), the « as of » line gives the date, each kind label is read as its kind."""
    import datetime as dt

    from loaders.announcements import KIND_WORDS
    from loaders.messages import TEXTS, text
    from loaders.table import best_candidate, title_info
    from plans.normalize import fold

    for kind, prefix in (("measures", "template.measure_header"), ("announcements", "template.ann_header")):
        headers = TEXTS.table(prefix, lang)
        found = best_candidate([list(headers.values())], {})
        assert found is not None and (found.kind, found.missing) == (kind, ()), (lang, kind, found)
        assert found.columns == dict(enumerate(headers)), (lang, kind, found.columns)
    as_of, _, _ = title_info([[text("template.heading", lang, plan="Plan")],
                              [text("template.as_of", lang, day="30/06/2025")]])
    assert as_of == dt.date(2025, 6, 30)
    kinds = TEXTS.table("template.kind", lang)
    assert set(kinds) == set(KIND_WORDS)
    assert all(fold(label).strip(" .") in KIND_WORDS[code] for code, label in kinds.items()), kinds


def _literal_text(node: ast.expr) -> str | None:
    """The words written in a string literal or in the literal parts of an f-string; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(part.value) for part in node.values if isinstance(part, ast.Constant))
    return None


def test_pages_do_not_write_their_texts_inline():
    """No « "…" if fr else "…" » in the app's pages: a choice between two written texts is a catalogue id. A choice
    between two codes (column names such as "reason" / "reason_en", ids) is not a text and is allowed."""
    inline = []
    for path in sorted((ROOT / "dashboard" / "app_pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.IfExp):
                continue
            both = [_literal_text(node.body), _literal_text(node.orelse)]
            if any(value is None or not re.search(r"[^\W\d_]", value) for value in both):
                continue
            if all(re.fullmatch(r"[a-z0-9_.:]+", value) for value in both):
                continue
            inline.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert not inline, "\n".join(inline)
