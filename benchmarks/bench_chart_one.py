"""Benchmark of one chart exported from where it is shown (« Télécharger » beside each chart).

    .venv/bin/python benchmarks/bench_chart_one.py [--repeat 5]

Measured in this process after imports, on the seeded catalogue (PNA-TEH 2024-2027, as of 31 Dec 2025), with
« Statut des mesures par axe » as the overview draws it, through ``dashboard.charts.pack.render_one`` (what a
click on PNG, SVG or PDF runs):

* first click of the server process: Chromium started (``keep_warm``) + the PNG drawn;
* a click with the browser warm, per format (each run a new title, so nothing is cached);
* the same click again (same chart, same data: the cached file).

Nothing is drawn while a page runs (deferred downloads), so pages pay none of this. Not part of the pytest run;
needs Debian's ``chromium``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from baselines import timed  # noqa: E402

PLAN = "pna-2024-2027"
AS_OF = dt.date(2025, 12, 31)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from dashboard import charts, rollups
    from dashboard.charts import pack
    from plans import rules
    from plans.db import make_engine, upgrade
    from plans.seed import seed

    with tempfile.TemporaryDirectory() as tmpd:
        engine = make_engine(f"sqlite:///{Path(tmpd) / 'vigie.db'}")
        upgrade(engine)
        seed(engine)
        summary = rules.summary(engine, PLAN, as_of=AS_OF)
        fig = charts.status_by_axis(rollups.shown(rules.progress_by(engine, PLAN, AS_OF, by="axis"), "axis"), "fr")
        context = {"plan_name": "PNA-TEH 2024-2027", "as_of": AS_OF, "coverage": pack.coverage_text(summary, "fr"),
                   "lang": "fr"}
        print(f"machine: {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.2f} at start; repeat={args.repeat}")
        start = time.perf_counter()
        png = pack.render_one(fig, "png", title="Statut des mesures par axe", **context)
        cold = time.perf_counter() - start
        runs = iter(range(10**6))
        warm = {fmt: timed(lambda fmt=fmt: pack.render_one(fig, fmt, title=f"Statut des mesures par axe {next(runs)}",
                                                           **context), args.repeat)
                for fmt in ("png", "svg", "pdf")}
        again, again_all, _ = timed(lambda: pack.render_one(fig, "png", title="Statut des mesures par axe",
                                                             **context), args.repeat)
        print(f"load average {os.getloadavg()[0]:.2f} at end")
    print("\n| click | median | runs (s) | file |\n|---|---|---|---|")
    print(f"| PNG, first of the server process (Chromium start included) | {cold:.2f} s | {cold:.2f} | "
          f"{len(png) // 1024} KB |")
    for fmt, (med, all_runs, data) in warm.items():
        print(f"| {fmt.upper()}, browser warm | {med:.2f} s | {', '.join(f'{x:.2f}' for x in all_runs)} | "
              f"{len(data) // 1024} KB |")
    print(f"| PNG again, same chart and data (cached) | {again * 1000:.1f} ms | "
          f"{', '.join(f'{x * 1000:.1f}' for x in again_all)} ms | — |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
