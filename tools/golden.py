"""What every command prints, recorded once and compared after each change of structure.

    python tools/golden.py --write   # record tests/data/golden_outputs.json from today's code
    python tools/golden.py           # compare; prints the first differences, exit 1 when any

The commands run in this process (``main(argv)`` of each CLI) on a fresh SQLite file: the seeded
catalogue, then a multi-snapshot fixture imported through ``python -m loaders import`` (three dated
snapshots of a small follow-up plan, a refused file, a dry run, an announcement sheet). Every
``--json`` output of ``plans summary``, ``plans changes`` and ``plans overlaps``, in French and
English, and the text outputs beside them, must stay byte-identical. Paths of the temporary
folder are replaced by ``<TMP>`` so that the record does not depend on where it ran.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden_outputs.json"

SNAPSHOTS = {
    "2025-01-31": (
        "Réf.;Intitulé;Axe;Pilote;Échéance;État d'avancement;Commentaire;Source\n"
        "1;Former les agents de contrôle;Axe 1 — Prévenir;DGT;fin 2025;Non commencée;;https://example.org/a\n"
        "2;Ouvrir des places d'hébergement;Axe 2 — Protéger;DGCS;T2 2025;En cours;Appel à projets lancé;"
        "https://example.org/b\n"
        "3;Publier un guide;Axe 2 — Protéger;MIPROF;d'ici 2026;En cours;;\n"
        "4;Créer un observatoire;Axe 3 — Poursuivre;Justice;31/12/2024;Non commencée;;\n"
    ),
    "2025-06-30": (
        "Réf.;Intitulé;Axe;Pilote;Échéance;État d'avancement;Commentaire;Source\n"
        "1;Former les agents de contrôle;Axe 1 — Prévenir;DGT;fin 2025;En cours;Session pilote;"
        "https://example.org/a\n"
        "2;Ouvrir des places d'hébergement;Axe 2 — Protéger;DGCS;T4 2025;En cours;Report annoncé;"
        "https://example.org/b\n"
        "3;Publier un guide;Axe 2 — Protéger;MIPROF;d'ici 2026;Réalisée;Guide publié;https://example.org/c\n"
        "4;Créer un observatoire;Axe 3 — Poursuivre;Justice;31/12/2024;Non commencée;;\n"
        "5;Évaluer le plan;Axe 3 — Poursuivre;MIPROF;2027;Non commencée;;\n"
    ),
    "2025-12-31": (
        "Réf.;Intitulé;Axe;Pilote;Échéance;État d'avancement;Commentaire;Source\n"
        "1;Former les agents de contrôle;Axe 1 — Prévenir;DGT;fin 2025;Réalisée;Formation faite;"
        "https://example.org/a\n"
        "2;Ouvrir des places d'hébergement;Axe 2 — Protéger;DGCS;T4 2025;Partiellement réalisée;;"
        "https://example.org/b\n"
        "3;Publier un guide;Axe 2 — Protéger;MIPROF;d'ici 2026;Réalisée;Guide publié;https://example.org/c\n"
        "5;Évaluer le plan;Axe 3 — Poursuivre;MIPROF;2027;Abandonnée;Crédits supprimés;\n"
    ),
}
BAD = ("Réf.;Intitulé;État d'avancement\n"
       "1;Former les agents;peut-être\n"
       ";Sans référence;En cours\n")
ANNOUNCEMENTS = ("Sujet;Date annonce;Date annoncée;Tenu le;Type;Notes\n"
                 "Comité de suivi;2025-01-10;fin mars 2025;;annonce;\n"
                 "Comité de suivi;2025-03-20;fin mai 2025;;report;\n"
                 "Comité de suivi;2025-05-02;;2025-06-12;tenue;\n")

SEEDED = "pna-2024-2027"
FIXTURE = "suivi-golden"


def _commands(tmp: Path) -> list[tuple[str, list[str]]]:
    """(program, argv) in order; program is plans, loaders or brief."""
    cmds: list[tuple[str, list[str]]] = [("plans", ["seed"]), ("plans", ["list"]), ("plans", ["list", "--all"])]
    for lang in ("fr", "en"):
        for as_of in ("2024-03-31", "2025-06-27", "2026-12-01"):
            cmds.append(("plans", ["summary", "--plan", SEEDED, "--as-of", as_of, "--json", "--lang", lang]))
        cmds.append(("plans", ["summary", "--plan", SEEDED, "--as-of", "2025-06-27", "--lang", lang]))
        for since, until in (("2024-03-21", "2025-06-27"), ("2023-01-01", "2026-12-01")):
            cmds.append(("plans", ["changes", "--plan", SEEDED, "--since", since, "--until", until, "--json",
                                   "--lang", lang]))
        cmds.append(("plans", ["changes", "--plan", SEEDED, "--since", "2024-03-21", "--until", "2025-06-27",
                               "--lang", lang]))
        cmds.append(("plans", ["overlaps", "--plan", SEEDED, "--json", "--lang", lang]))
        cmds.append(("plans", ["overlaps", "--plan", SEEDED, "--lang", lang]))
        for plan in ("pna-2019-2021", "pna-2014-2016"):
            cmds.append(("plans", ["summary", "--plan", plan, "--as-of", "2021-12-31", "--json", "--lang", lang]))
    cmds += [("plans", ["summary", "--plan", "inconnu", "--json"]),
             ("plans", ["changes", "--plan", SEEDED, "--since", "pas-une-date"]),
             ("plans", ["overlaps", "--plan", "inconnu"])]
    # the multi-snapshot fixture
    cmds.append(("loaders", ["import", str(tmp / "bad.csv"), "--plan", FIXTURE, "--as-of", "2025-01-31"]))
    cmds.append(("loaders", ["import", str(tmp / "2025-01-31.csv"), "--plan", FIXTURE, "--as-of", "2025-01-31",
                             "--dry-run"]))
    for as_of in SNAPSHOTS:
        cmds.append(("loaders", ["import", str(tmp / f"{as_of}.csv"), "--plan", FIXTURE, "--as-of", as_of]))
    cmds.append(("loaders", ["import", str(tmp / "2025-06-30.csv"), "--plan", FIXTURE, "--as-of", "2025-06-30"]))
    cmds.append(("loaders", ["import", str(tmp / "annonces.csv"), "--plan", FIXTURE, "--as-of", "2025-06-30",
                             "--lang", "en"]))
    for lang in ("fr", "en"):
        for as_of in ("2025-01-31", "2025-07-01", "2026-01-15", "2026-12-01"):
            cmds.append(("plans", ["summary", "--plan", FIXTURE, "--as-of", as_of, "--json", "--lang", lang]))
        cmds.append(("plans", ["summary", "--plan", FIXTURE, "--as-of", "2026-01-15", "--lang", lang]))
        for since, until in (("2025-01-31", "2025-06-30"), ("2025-02-01", "2026-01-15"),
                             ("2024-01-01", "2026-12-01")):
            cmds.append(("plans", ["changes", "--plan", FIXTURE, "--since", since, "--until", until, "--json",
                                   "--lang", lang]))
        cmds.append(("plans", ["changes", "--plan", FIXTURE, "--since", "2025-01-31", "--until", "2026-01-15",
                               "--lang", lang]))
        cmds.append(("plans", ["overlaps", "--plan", FIXTURE, "--json", "--lang", lang]))
    cmds.append(("plans", ["list"]))
    for lang in ("fr", "en"):
        cmds.append(("brief", ["--plan", SEEDED, "--as-of", "2025-06-27", "--since", "2024-03-21", "--lang", lang,
                               "--no-charts", "--out", str(tmp / f"brief-{lang}.md")]))
        cmds.append(("brief", ["--plan", FIXTURE, "--as-of", "2026-01-15", "--since", "2025-01-31", "--lang",
                               lang, "--no-charts", "--out", str(tmp / f"brief-fixture-{lang}.md")]))
    return cmds


def _main_of(program: str):
    if program == "plans":
        from plans.__main__ import main
    elif program == "loaders":
        from loaders.cli import main
    else:
        from dashboard.brief.cli import main
    return main


def _run_one(program: str, argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = _main_of(program)(argv)
        except SystemExit as exc:  # argparse usage errors
            rc = exc.code if isinstance(exc.code, int) else 1
    return int(rc or 0), out.getvalue(), err.getvalue()


def record() -> dict[str, dict]:
    """Run every command on a fresh SQLite file; {label: {rc, stdout, stderr[, file]}}."""
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="vigie-golden-") as name:
        tmp = Path(name)
        for as_of, text in SNAPSHOTS.items():
            (tmp / f"{as_of}.csv").write_text(text, encoding="utf-8")
        (tmp / "bad.csv").write_text(BAD, encoding="utf-8")
        (tmp / "annonces.csv").write_text(ANNOUNCEMENTS, encoding="utf-8")
        old = os.environ.get("DATABASE_URL")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'vigie.db'}"
        try:
            for i, (program, argv) in enumerate(_commands(tmp)):
                rc, out, err = _run_one(program, argv)
                entry: dict = {"rc": rc, "stdout": out, "stderr": err}
                if program == "brief" and rc == 0:
                    entry["file"] = Path(argv[argv.index("--out") + 1]).read_text(encoding="utf-8")
                label = f"{i:03d} {program} " + " ".join(argv)
                results[label.replace(str(tmp), "<TMP>")] = {
                    k: v.replace(str(tmp), "<TMP>") if isinstance(v, str) else v for k, v in entry.items()}
        finally:
            if old is None:
                os.environ.pop("DATABASE_URL", None)
            else:
                os.environ["DATABASE_URL"] = old
    return results


def differences(expected: dict, actual: dict, limit: int = 5) -> list[str]:
    """Readable first differences (unified diff of each output that changed)."""
    import difflib

    out: list[str] = []
    for label in sorted(set(expected) | set(actual)):
        if label not in actual or label not in expected:
            out.append(f"{label}: {'missing' if label not in actual else 'new'}")
            continue
        for key in sorted(set(expected[label]) | set(actual[label])):
            a, b = expected[label].get(key), actual[label].get(key)
            if a != b:
                diff = "\n".join(difflib.unified_diff(str(a).splitlines(), str(b).splitlines(), "before", "after",
                                                      lineterm="", n=1))
                out.append(f"{label} [{key}]\n{diff[:3000]}")
        if len(out) >= limit:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--write", action="store_true", help="record the outputs of today's code")
    args = p.parse_args(argv)
    actual = record()
    if args.write:
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(actual)} outputs recorded in {GOLDEN.relative_to(ROOT)}")
        return 0
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    diffs = differences(expected, actual)
    for d in diffs:
        print(d, end="\n\n")
    print(f"{len(actual)} outputs compared: {'identical' if not diffs else 'DIFFERENT'}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
