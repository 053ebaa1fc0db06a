"""Benchmark of an upload on the Données page: a 500-row workbook, from the uploaded bytes to the report with its
preview of changes — the dry run the page makes (``dashboard.data.import_upload(..., dry_run=True)``).

    .venv/bin/python benchmarks/bench_import_small.py [--rows 500] [--repeat 7] [--keep DIR]

Target: ≤ 1 s server time (median of ``--repeat`` runs). The plan already holds a first import of the same
workbook (untimed); the file uploaded is its next version: a third of the statuses changed, 10 rows gone, 10
new ones — so the preview has something to list. Also timed the same way: the first upload of the workbook into
a new plan, and ``loaders.import_file(..., dry_run=True)`` on the file (what ``import_upload`` wraps). One
process, a fresh SQLite file; imports and schema creation are done before the clock starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_import import STATUSES, generate  # noqa: E402

TARGET_S = 1.0


def next_version(src: Path, dst: Path, seed: int = 2) -> Path:
    """``src`` as a coordinator's next file: a third of the statuses changed, the last 10 rows gone, 10 new."""
    import openpyxl

    rnd = random.Random(seed)
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    ws["A2"] = "Situation au 31/12/2025"
    last = ws.max_row
    for r in range(5, last + 1):
        if rnd.random() < 1 / 3:
            ws.cell(r, 4).value = rnd.choice([s for s in STATUSES if s and s != ws.cell(r, 4).value])
    for r in range(last - 9, last + 1):
        ws.cell(r, 1).value = f"N{r:06d}"
        ws.cell(r, 3).value = f"Mesure nouvelle n° {r}"
    wb.save(dst)
    return dst


def _preview_counts(report) -> str:
    preview = getattr(report, "preview", None)
    if not preview:
        return "no preview in the report"
    return ", ".join(f"{k} {len(v) if isinstance(v, list) else v}" for k, v in preview.items())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--keep", help="directory for the workbooks and the database")
    args = ap.parse_args()
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="vigie-bench-small-"))
    tmp.mkdir(parents=True, exist_ok=True)
    first = generate(tmp / f"small_{args.rows}.xlsx", args.rows)
    second = next_version(first, tmp / f"small_{args.rows}_next.xlsx")
    db = tmp / f"small-{time.time_ns()}.db"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"

    warnings.filterwarnings("ignore")
    import logging

    import streamlit  # noqa: F401  (its loggers exist once it is imported)

    # « No runtime found »: the page's function called outside a page, once per cached function
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    from dashboard import data
    from loaders import import_file
    from plans.access import CLI, EDITOR
    from plans.db import upgrade

    engine = data.engine()
    upgrade(engine)
    done = import_file(first, "bench", engine, actor=CLI, as_of=dt.date(2025, 6, 30))
    assert done.outcome == "imported", done.errors
    content, fresh = second.read_bytes(), first.read_bytes()

    def upload(body: bytes, plan: str):
        return lambda: data.import_upload(body, "suivi.xlsx", plan, None, dry_run=True, actor=EDITOR, lang="fr")

    rows = [("next file, `dashboard.data.import_upload(dry_run=True)` (the page's call)", upload(content, "bench")),
            ("next file, `loaders.import_file(dry_run=True)`",
             lambda: import_file(second, "bench", engine, actor=EDITOR, dry_run=True, original_name="suivi.xlsx")),
            ("first upload into a new plan, `import_upload(dry_run=True)`", upload(fresh, "bench-new"))]
    print(f"{args.rows}-row workbook ({first.stat().st_size / 1024:.0f} KB), {args.repeat} runs each after one "
          f"warm-up, load {os.getloadavg()[0]:.2f}")
    print("| upload | median | runs (s) | outcome, counts, preview |")
    print("|---|---|---|---|")
    worst = 0.0
    for label, call in rows:
        call()  # warm-up: imports of the modules the first call pulls in
        times, report = [], None
        for _ in range(args.repeat):
            t = time.perf_counter()
            report = call()
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        worst = max(worst, med) if "page" in label else worst
        counts = {k: v for k, v in report.counts.items() if v}
        print(f"| {label} | **{med:.3f} s** | {', '.join(f'{x:.3f}' for x in times)} | {report.outcome}, "
              f"{len(report.errors)} errors, {len(report.warnings)} warnings, {counts}; {_preview_counts(report)} |",
              flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB (reading child {child:.0f} MB); load {os.getloadavg()[0]:.2f}")
    print(f"target ≤ {TARGET_S:.0f} s (median, the page's call): {'met' if worst <= TARGET_S else 'missed'} "
          f"({worst:.3f} s)")


if __name__ == "__main__":
    main()
