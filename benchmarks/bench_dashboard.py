"""Benchmark of the dashboard at 20,000 measures × 50 snapshots (1,000,000 assessments).

Side by side in the same run, in Debian's chromium (Playwright):
* time to first chart: Vigie's « Vue d'ensemble » vs a bare Streamlit page showing one Plotly chart
  (both servers started the same way, same machine, alternating visits; first visit reported apart);
* a filter change on « Mesures »: server time of the rerun (AppTest, in process, warm caches) and
  the browser's time until the new row count is displayed;
* resident memory (VmRSS / VmHWM) of the Vigie server after the visits.

    .venv/bin/python benchmarks/bench_dashboard.py [--measures 20000] [--snapshots 50] [--visits 5]

Targets: warm first chart ≤ 1.5 × the bare page; filter change ≤ 300 ms server time; RSS ≤ 1.5 GB.
Exit code 1 when a target is missed. Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_summary as bs  # noqa: E402  (data generator of the rules benchmark, reused)

from plans import rules  # noqa: E402
from plans.db import make_engine, upgrade  # noqa: E402
from tests import factories as f  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, free_port, start_streamlit  # noqa: E402

BARE_APP = '''import plotly.graph_objects as go
import streamlit as st
st.set_page_config(layout="wide")
st.title("Bare")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), key="c")
'''
AXES = 6


def build(path: Path, n_measures: int, n_snapshots: int) -> float:
    eng = make_engine(f"sqlite:///{path}")
    t0 = time.perf_counter()
    upgrade(eng)
    f.make_plan(eng, bs.PLAN, title_fr="Plan de mesure de performance", measures_declared=n_measures)
    for a in range(1, AXES + 1):
        f.add_axis(eng, bs.PLAN, f"AX{a}", f"Axe {a} : thème numéro {a} de la performance")
    measures, assessments = bs.generate(n_measures, n_snapshots)
    bs.load_sqlite(eng, measures, assessments)
    del measures, assessments
    bs.add_extras(eng, n_measures)
    raw = eng.raw_connection()
    try:
        raw.cursor().execute(f"UPDATE measures SET axis_id = (SELECT min(id) FROM axes) + (id % {AXES})")  # noqa: S608 - a constant
        raw.commit()
    finally:
        raw.close()
    eng.dispose()
    return time.perf_counter() - t0


def time_rules(url: str, as_of) -> dict[str, float]:
    eng = make_engine(url)
    out = {}
    calls = {"summary": lambda: rules.summary(eng, bs.PLAN, as_of),
             "measures_table": lambda: rules.measures_table(eng, bs.PLAN, as_of),
             "progress_by(axis)": lambda: rules.progress_by(eng, bs.PLAN, as_of, by="axis"),
             "progress_history": lambda: rules.progress_history(eng, bs.PLAN, as_of)}
    for name, fn in calls.items():
        t0 = time.perf_counter()
        fn()
        out[name] = time.perf_counter() - t0
    eng.dispose()
    return out


def first_chart(browser, url: str) -> float:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=180_000)
    dt_s = time.perf_counter() - t0
    ctx.close()
    return dt_s


def browser_filter(browser, base: str) -> float:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    page.goto(f"{base}/measures")
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=180_000)
    page.wait_for_selector("text=/mesure\\(s\\) affichée\\(s\\) sur/", timeout=60_000)
    box = page.get_by_placeholder("ex. formation, MIPROF, F07…")
    t0 = time.perf_counter()
    box.fill("M0199")
    box.press("Enter")
    page.wait_for_selector("text=/^10 mesure\\(s\\) affichée\\(s\\)/", timeout=60_000)
    dt_s = time.perf_counter() - t0
    ctx.close()
    return dt_s


def apptest_filter(url: str, as_of, repeat: int = 5) -> tuple[float, float]:
    """Server time of the measures page rerun after a filter change (warm caches), in this process."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=300)
    at.session_state["as_of"] = as_of
    at.run()
    at.switch_page("app_pages/measures.py").run()
    times = []
    for i in range(repeat):
        box = at.text_input(key="f_q").input(f"M{1990 + i}")
        t0 = time.perf_counter()
        box.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    axis = at.multiselect(key="f_axis").select(at.multiselect(key="f_axis").options[0])
    t0 = time.perf_counter()
    axis.run()
    times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times)


def rss_mb(pid: int) -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--measures", type=int, default=20_000)
    ap.add_argument("--snapshots", type=int, default=50)
    ap.add_argument("--visits", type=int, default=5)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="vigie-bench-"))
    db, bare = tmp / "bench.db", tmp / "bare_app.py"
    bare.write_text(BARE_APP)
    print(f"Building {args.measures:,} measures × {args.snapshots} snapshots…", flush=True)
    build_s = build(db, args.measures, args.snapshots)
    url = f"sqlite:///{db}"
    as_of = bs.snapshot_dates(args.snapshots)[-1]
    print(f"  built in {build_s:.1f} s; as of {as_of}", flush=True)
    rules_s = time_rules(url, as_of)
    for k, v in rules_s.items():
        print(f"  plans.rules.{k}: {v:.2f} s", flush=True)

    p_vigie, p_bare = free_port(), free_port()
    env = {"TZ": "UTC"}
    vigie = start_streamlit(url, p_vigie, env=env)
    bare_srv = start_streamlit(url, p_bare, app=str(bare), env=env)
    results: dict[str, list[float]] = {"vigie": [], "bare": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # the as-of date is fixed through the URL-less default (today); data end earlier, which is fine
            cold_bare = first_chart(browser, f"http://127.0.0.1:{p_bare}")
            cold_vigie = first_chart(browser, f"http://127.0.0.1:{p_vigie}")
            for _ in range(args.visits):
                results["bare"].append(first_chart(browser, f"http://127.0.0.1:{p_bare}"))
                results["vigie"].append(first_chart(browser, f"http://127.0.0.1:{p_vigie}"))
            filt_browser = browser_filter(browser, f"http://127.0.0.1:{p_vigie}")
            browser.close()
        rss, hwm = rss_mb(vigie.pid)
    finally:
        for proc in (vigie, bare_srv):
            proc.terminate()
            proc.wait(timeout=20)
    filt_med, filt_max = apptest_filter(url, dt_today())

    v, b = statistics.median(results["vigie"]), statistics.median(results["bare"])
    print("\nResults")
    print(f"  first visit after server start: Vigie {cold_vigie:.2f} s, bare {cold_bare:.2f} s")
    print(f"  warm time to first chart (median of {args.visits}): Vigie {v:.2f} s, bare {b:.2f} s "
          f"→ ratio {v / b:.2f}× (target ≤ 1.5×); all Vigie: {', '.join(f'{x:.2f}' for x in results['vigie'])}")
    print(f"  filter change, server rerun (AppTest, warm): median {filt_med * 1000:.0f} ms, max "
          f"{filt_max * 1000:.0f} ms (target ≤ 300 ms)")
    print(f"  filter change seen in the browser (type → new count shown): {filt_browser * 1000:.0f} ms")
    print(f"  Vigie server memory: RSS {rss:.0f} MB, peak {hwm:.0f} MB (target ≤ 1536 MB)")
    ok = v / b <= 1.5 and filt_med <= 0.3 and hwm <= 1536
    print("  targets met" if ok else "  TARGET MISSED")
    return 0 if ok else 1


def dt_today():
    import datetime as dt

    return dt.date.today()


if __name__ == "__main__":
    raise SystemExit(main())
