"""Benchmark of the chart pack: 10 charts in PNG + SVG + PDF, side by side with bare kaleido.

    .venv/bin/python benchmarks/bench_charts.py [--repeat 3] [--root DIR]

Measured in this process after imports, on the seeded catalogue (PNA-TEH 2024-2027, as of 31 Dec 2025):

* baseline: bare kaleido, 10 simple bar charts to PNG with one warm browser (``kaleido.start_sync_server``
  then ``plotly.io.to_image``), browser start included;
* pack: what ``python -m dashboard.charts --zip`` does for the app's 7 charts in French + 3 in English:
  browser started first (``ChartRenderer.prewarm``), data read by the rules, charts built and decorated, every
  chart rendered in every format and zipped with its CSV; browser start included;
* pack, browser already warm: the same in a process that keeps Chromium up (the app, ``keep_warm``).

Target: pack of 10 charts ≤ 8 s. ``--root`` measures another checkout (e.g. an older commit exported with
``git archive``) with the same script. Exit code 1 if the PNG + SVG + PDF pack misses the target.
Not part of the pytest run; needs Debian's ``chromium``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from baselines import bare_kaleido, timed  # noqa: E402

PLAN = "pna-2024-2027"
AS_OF = dt.date(2025, 12, 31)
TARGET = 8.0


def pack(engine, formats: list[str]) -> bytes:
    from dashboard.charts import pack as ex
    from dashboard.charts.browser import ChartRenderer

    with ChartRenderer() as renderer:
        renderer.prewarm()
        data = ex.plan_chart_data(engine, PLAN, AS_OF)
        charts = ex.build_charts(data, "fr") + ex.build_charts(data, "en", keys=["status_donut", "status_by_axis",
                                                                                  "governance_bars"])
        for c in charts[7:]:
            c.key += "_en"
        assert len(charts) == 10, len(charts)
        raw = ex.chart_pack(charts, formats, readme=ex.pack_readme("PNA-TEH 2024-2027", AS_OF))
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert len([n for n in z.namelist() if not n.endswith((".csv", ".txt"))]) == 10 * len(formats)
    return raw


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--root", help="checkout to measure (default: this one)")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(args.root).resolve() if args.root else ROOT))
    from dashboard.charts import pack as ex
    from dashboard.charts.browser import ChartRenderer
    from plans.db import make_engine, upgrade
    from plans.seed import seed

    r = args.repeat
    with tempfile.TemporaryDirectory() as tmpd:
        engine = make_engine(f"sqlite:///{Path(tmpd) / 'vigie.db'}")
        upgrade(engine)
        seed(engine)
        print(f"code: {ex.__file__}\nmachine: {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.2f} at start; "
              f"repeat={r}")
        base, base_all, _ = timed(bare_kaleido, r)
        p3, p3_all, z3 = timed(lambda: pack(engine, ["png", "svg", "pdf"]), r)
        p1, p1_all, z1 = timed(lambda: pack(engine, ["png"]), r)
        with ChartRenderer() as warm:  # the app keeps one browser up (keep_warm)
            warm.prewarm().join()
            pw, pw_all, _ = timed(lambda: pack(engine, ["png", "svg", "pdf"]), r)
        print(f"load average {os.getloadavg()[0]:.2f} at end")

    def row(name, med, runs, target=None):
        ok = "" if target is None else (" ✓" if med <= target else " ✗ over target")
        print(f"| {name} | {med:.2f} s | {', '.join(f'{x:.2f}' for x in runs)} | "
              f"{'—' if name.startswith('baseline') else f'{med / base:.2f}×'} | "
              f"{f'≤ {target:g} s' if target else '—'}{ok} |")

    print("\n| measurement | median | runs (s) | ratio to baseline | target |\n|---|---|---|---|---|")
    row("baseline: bare kaleido, 10 simple figures → PNG, one browser (start included)", base, base_all)
    row(f"pack of 10 charts, PNG + SVG + PDF + CSV ({len(z3) // 1024} KB zip), browser start included", p3, p3_all,
        TARGET)
    row(f"pack of 10 charts, PNG only + CSV ({len(z1) // 1024} KB zip), browser start included", p1, p1_all, TARGET)
    row("pack of 10 charts, PNG + SVG + PDF + CSV, browser already warm (app)", pw, pw_all, TARGET)
    return 0 if p3 <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
