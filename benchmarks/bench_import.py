"""Benchmark of the loaders at scale: the whole import against its floor.

    .venv/bin/python benchmarks/bench_import.py [--rows 2000 200000] [--repeat 3] [--keep DIR]

The floor of an import is what no import can avoid: a bare python-calamine read of the file plus a bare
``executemany`` (plain ``sqlite3``, same pragmas and page cache as the import's transaction) of the same rows
into the same tables — ``measures`` and ``assessments``, the history rows every import writes. The rows are
those the import itself wrote (read back from its database before the clock starts), inserted into a fresh
database migrated to the same schema. Target: whole import ≤ 1.5× the floor at 200,000 rows, peak memory
≤ 1 GB (the import's process and its guarded reading child).

Each measurement runs in its own process; import and floor alternate ``--repeat`` times and the medians are
compared. Database: a fresh SQLite file per run. Schema creation is never timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


FLOOR_TABLES = ("measures", "assessments")


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _migrated(url: str):
    from plans.db import make_engine, upgrade

    engine = make_engine(url)
    upgrade(engine)
    return engine


def _floor(path: str, source_url: str, url: str) -> dict:
    """The floor, in this process: the rows the import wrote (read back from ``source_url``, untimed) inserted
    into a fresh database ``url`` after a bare calamine read of ``path``, with the import's pragmas."""
    import python_calamine as pc

    from plans.snapshots import IMPORT_CACHE_KIB

    _migrated(url).dispose()
    src = sqlite3.connect(_sqlite_path(source_url))
    dst = sqlite3.connect(_sqlite_path(url), isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL"):
        dst.execute(f"PRAGMA {pragma}")
    names = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite%'"
                                       " AND name != 'alembic_version'")]
    rows = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in names}  # noqa: S608 (table names from the db)
    dst.execute("PRAGMA foreign_keys=OFF")  # the untimed copy of the other tables, in any order
    dst.execute("BEGIN")
    for t, data in rows.items():
        if t not in FLOOR_TABLES and data:
            dst.executemany(f"INSERT INTO {t} VALUES ({','.join('?' * len(data[0]))})", data)  # noqa: S608
    dst.execute("COMMIT")
    dst.execute("PRAGMA foreign_keys=ON")
    src.close()
    t0, c0 = time.perf_counter(), time.process_time()
    cells = pc.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    t_read = time.perf_counter()
    dst.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    dst.execute("BEGIN")
    for t in FLOOR_TABLES:
        data = rows[t]
        dst.executemany(f"INSERT INTO {t} VALUES ({','.join('?' * len(data[0]))})", data)  # noqa: S608
    dst.execute("COMMIT")
    t_end = time.perf_counter()
    return {"cells": sum(map(len, cells)), "rows": {t: len(rows[t]) for t in FLOOR_TABLES},
            "read": t_read - t0, "insert": t_end - t_read, "seconds": t_end - t0, "cpu": time.process_time() - c0}


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _one(kind: str, path: str, db: str, source: str = "") -> dict:
    from plans.access import CLI

    if kind == "floor":
        out = _floor(path, source, db)
    else:
        from loaders import import_file

        engine = _migrated(db)
        phases = _time_phases()
        c0, k0 = time.process_time(), _children_cpu()
        t0 = time.perf_counter()  # schema creation is not part of the import
        report = import_file(path, "bench", engine, as_of=dt.date(2025, 6, 30), actor=CLI)
        seconds = time.perf_counter() - t0
        phases["validate"] -= phases["read"]
        out = {"outcome": report.outcome, "counts": report.counts, "errors": len(report.errors),
               "phases": {k: round(v, 2) for k, v in phases.items()}, "seconds": seconds,
               "cpu": time.process_time() - c0 + _children_cpu() - k0}
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["child_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def measure(kind: str, path: Path, tmp: Path, source: str = "") -> dict:
    db = f"sqlite:///{tmp / f'bench-{kind}-{path.stem}-{time.time_ns()}.db'}"
    done = subprocess.run([sys.executable, __file__, "--one", kind, str(path), db, source], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["db"] = db
    return out


def _cleanup(url: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(_sqlite_path(url) + suffix).unlink(missing_ok=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[2_000, 200_000])
    ap.add_argument("--repeat", type=int, default=3, help="import / floor pairs per size (medians compared)")
    ap.add_argument("--keep", help="directory where the generated workbooks are kept")
    ap.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(_one(*args.one)))
        return
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="vigie-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    print("| rows × 12 cols | file | floor: bare read + bare executemany | whole import | ratio (medians; per pair) | "
          "import: read + check (child) / rest of validate / write | peak RSS import (parent / reading child) | "
          "floor rows written | CPU import / floor (ratio) |")
    print("|---|---|---|---|---|---|---|---|---|")
    worst = 0.0
    for n in args.rows:
        path = tmp / f"bench_{n}.xlsx"
        if not path.exists():
            generate(path, n)
        imports, floors = [], []
        for _ in range(args.repeat):
            imp = measure("import", path, tmp)
            assert imp["outcome"] == "imported", imp
            floors.append(measure("floor", path, tmp, imp["db"]))
            imports.append(imp)
            _cleanup(imp["db"])
            _cleanup(floors[-1]["db"])
        mi = statistics.median(i["seconds"] for i in imports)
        mf = statistics.median(f["seconds"] for f in floors)
        fr = statistics.median(f["read"] for f in floors)
        fi = statistics.median(f["insert"] for f in floors)
        pairs = ", ".join(f"{i['seconds'] / f['seconds']:.2f}" for i, f in zip(imports, floors, strict=True))
        phases = {k: statistics.median(i["phases"][k] for i in imports) for k in imports[0]["phases"]}
        runs = ", ".join(f"{i['seconds']:.2f}" for i in imports)
        ci = statistics.median(i["cpu"] for i in imports)
        cf = statistics.median(f["cpu"] for f in floors)
        peak, child = max(i["peak_mb"] for i in imports), max(i["child_peak_mb"] for i in imports)
        worst = max(worst, mi / mf) if n >= 200_000 else worst
        print(f"| {n:,} | {path.stat().st_size / 2**20:.1f} MB | {mf:.2f} s ({fr:.2f} + {fi:.2f}) | {mi:.2f} s "
              f"({runs}) | **{mi / mf:.2f}×** ({pairs}) | "
              f"{' / '.join(f'{v:.2f}' for v in phases.values())} s | {peak:.0f} MB / {child:.0f} MB | "
              f"{floors[0]['rows']['measures']:,} + {floors[0]['rows']['assessments']:,} | "
              f"{ci:.2f} / {cf:.2f} s ({ci / cf:.2f}×) |", flush=True)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if worst:
        print(f"target at 200,000 rows: import ≤ 1.5× the floor: {'met' if worst <= 1.5 else 'missed'} ({worst:.2f}×)")


if __name__ == "__main__":
    main()
