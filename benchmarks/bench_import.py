"""Benchmark of the loaders: whole import vs a bare python-calamine read.

    .venv/bin/python benchmarks/bench_import.py [--rows 2000 200000] [--keep DIR]

Each measurement runs in its own process: time, peak RSS of that process, and for the import
the peak RSS of the guarded reading child (RUSAGE_CHILDREN). Database: a fresh SQLite file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from plans.access import CLI

ROOT = Path(__file__).resolve().parents[1]
HEADERS = ["Réf.", "Axe", "Intitulé", "Statut", "Pilote", "Région", "Échéance", "Date de début", "Budget",
           "Réalisé", "Taux", "Commentaire"]
STATUSES = ["Non engagée", "Engagée", "en construction", "En cours", "en cours de réalisation",
            "Partiellement réalisée", "Réalisée", "effective", "Reportée", "Abandonnée", ""]
DEADLINES = ["fin 2025", "d'ici 2026", "T2 2025", "S1 2026", "été 2025", "durée du plan", "mi-novembre 2025",
             "début février 2026", "2027"]
REGIONS = ["Île-de-France", "Auvergne-Rhône-Alpes", "Provence-Alpes-Côte d'Azur", "Occitanie", "Bretagne",
           "Hauts-de-France", "Grand Est", "Normandie", "Nouvelle-Aquitaine", "Pays de la Loire"]


def generate(path: Path, rows: int, seed: int = 1) -> Path:
    import xlsxwriter

    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": False})
    ws = wb.add_worksheet("Mesures")
    dfmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write("A1", "Suivi du plan — jeu d'essai")
    ws.write("A2", "Situation au 30/06/2025")
    ws.write_row(3, 0, HEADERS)
    for i in range(rows):
        r = i + 4
        ws.write_row(r, 0, [f"M{i + 1:06d}", f"Axe {rnd.randint(1, 6)}",
                            f"Mesure n° {i + 1} : renforcer l'accompagnement des victimes en région",
                            rnd.choice(STATUSES), rnd.choice(["MIPROF", "DGCS", "DGEF", "Ministère de la Justice"]),
                            rnd.choice(REGIONS), rnd.choice(DEADLINES)])
        ws.write_datetime(r, 7, dt.datetime(2024, rnd.randint(1, 12), rnd.randint(1, 28)), dfmt)
        ws.write_number(r, 8, rnd.randint(1_000, 900_000))
        ws.write_number(r, 9, rnd.randint(0, 900_000))
        ws.write_number(r, 10, round(rnd.random(), 3))
        if rnd.random() < 0.7:
            ws.write(r, 11, f"Commentaire détaillé n° {i} : réunion tenue, échéance à préciser, élément à vérifier.")
    wb.close()
    return path


def _time_phases() -> dict:
    """Seconds spent in the guarded child (start, parse, check: tables, headers, rows; transfer of the result),
    what is left of the validation in this process (taking the result in) and the write, filled in while the
    import runs (each function wrapped once, in this process only)."""
    from loaders import pipeline
    from plans import snapshots

    spent = {"read": 0.0, "validate": 0.0, "write": 0.0}

    def timed(mod, name, phase):
        func = getattr(mod, name)

        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[phase] += time.perf_counter() - t
        setattr(mod, name, wrapper)

    timed(pipeline, "check_untrusted", "read")
    timed(pipeline, "_validate", "validate")  # the read included: taken off after the import
    timed(snapshots, "write_snapshot", "write")
    return spent


def _one(kind: str, path: str, db: str) -> dict:
    t0 = time.perf_counter()
    if kind == "calamine":
        import python_calamine as pc

        rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
        out = {"rows": len(rows)}
    else:
        sys.path.insert(0, str(ROOT))
        from loaders import import_file
        from plans.db import make_engine, upgrade

        engine = make_engine(db)
        upgrade(engine)
        phases = _time_phases()
        t0 = time.perf_counter()  # schema creation is not part of the import
        report = import_file(path, "bench", engine, as_of=dt.date(2025, 6, 30), actor=CLI)
        phases["validate"] -= phases["read"]
        out = {"outcome": report.outcome, "counts": report.counts, "errors": len(report.errors),
               "phases": {k: round(v, 2) for k, v in phases.items()}}
    out["seconds"] = time.perf_counter() - t0
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["child_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def measure(kind: str, path: Path, tmp: Path) -> dict:
    db = f"sqlite:///{tmp / f'bench-{path.stem}-{time.time_ns()}.db'}"
    done = subprocess.run([sys.executable, __file__, "--one", kind, str(path), db], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[2_000, 200_000])
    ap.add_argument("--keep")
    ap.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(_one(*args.one)))
        return
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="vigie-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    print("| rows × 12 cols | file | write (xlsxwriter) | bare calamine read | whole import | ratio | "
          "import: read + check (child) / rest of validate / write | peak RSS import (parent / reading child) | peak RSS bare read |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in args.rows:
        path = tmp / f"bench_{n}.xlsx"
        t0 = time.perf_counter()
        if not path.exists():
            generate(path, n)
        write_s = time.perf_counter() - t0
        bare = measure("calamine", path, tmp)
        imp = measure("import", path, tmp)
        assert imp["outcome"] == "imported", imp
        print(f"| {n:,} | {path.stat().st_size / 2**20:.1f} MB | {write_s:.1f} s | {bare['seconds']:.2f} s | "
              f"{imp['seconds']:.2f} s | {imp['seconds'] / bare['seconds']:.1f}× | "
              f"{' / '.join(f'{v:.2f}' for v in imp['phases'].values())} s | "
              f"{imp['peak_mb']:.0f} MB / {imp['child_peak_mb']:.0f} MB | {bare['peak_mb']:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
