"""Benchmark of the monitoring rules: the rules vs the single « state at D » query.

Builds 20,000 measures × 50 snapshots (1,000,000 assessments) in SQLite — and in a throw-away
PostgreSQL 15 when the binaries exist (tests/pgtemp.py) — with bulk inserts (schema at head, so
with the index assessments (measure_id, voice, as_of) of revision 0002), then measures, side by
side, the first and the warm time (interleaved rounds) of the single SQL query that fetches the latest assessment per
measure and voice at D (portable form, and the form chosen for this database), of the state query
with change dates, and of ``summary``, ``measures_table``, ``progress_by``, ``changes`` (since
the last committee meeting) and ``progress_history``; the peak allocations of one call of each
(tracemalloc) and the peak memory of this process.

    .venv/bin/python benchmarks/bench_summary.py [--measures 20000] [--snapshots 50] [--repeat 5]

Targets: summary ≤ 1 s warm and ≤ 3 × the single query; peak memory ≤ 1 GB.
Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plans import rules  # noqa: E402
from plans import schema as s  # noqa: E402
from plans.db import make_engine, upgrade  # noqa: E402
from plans.history import chain_dates, information  # noqa: E402
from plans.rules import queries as q  # noqa: E402
from tests import factories as f  # noqa: E402

PLAN = "bench-plan"
STATUSES = ["not_started", "initiated", "in_progress", "partial", "done", "postponed", "abandoned", "unknown"]
START = dt.date(2024, 1, 1)


def snapshot_dates(n: int) -> list[dt.date]:
    return [START + dt.timedelta(days=14 * i) for i in range(n)]


def generate(n_measures: int, n_snapshots: int, seed: int = 4):
    """Rows for measures and assessments (plain tuples, ids assigned here)."""
    rnd = random.Random(seed)
    dates = snapshot_dates(n_snapshots)
    measures, assessments = [], []
    aid = 0
    for i in range(1, n_measures + 1):
        year = 2024 + i % 4
        deadline = (f"fin {year}", dt.date(year, 10, 1), dt.date(year, 12, 31)) if i % 3 else (None, None, None)
        measures.append((i, PLAN, f"M{i:05d}", "measure", f"Mesure {i}", f"Pilote {i % 12}", *deadline, "", ""))
        level = 0
        text = "début"
        rows = []
        for k, day in enumerate(dates):
            if rnd.random() < 0.15:
                level = min(4, max(0, level + rnd.choice((-1, 1, 1))))
            if rnd.random() < 0.2:
                text = f"note {k}"
            voice = "government" if (i % 10 == 0 and k % 2) else "civil_society"
            aid += 1
            rows.append((aid, i, day, STATUSES[level], voice, text, "", ""))
        # the change dates each row carries, as every writer stores them (plans.history)
        chains = sorted(rows, key=lambda a: (a[4], a[2], a[0]))
        stored = dict(zip((a[0] for a in chains),
                          chain_dates((a[4], a[2], a[3], information(a[5], None)) for a in chains), strict=True))
        assessments.extend((*a, *stored[a[0]]) for a in rows)
    return measures, assessments


def load_sqlite(engine, measures, assessments) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.executemany("INSERT INTO measures (id, plan_id, ref, kind, title_fr, lead_body, deadline_text, "
                        "deadline_start, deadline_end, source_url, confidence, origin) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,'catalogue')",
                        [(*m[:7], m[7].isoformat() if m[7] else None, m[8].isoformat() if m[8] else None, *m[9:])
                         for m in measures])
        cur.executemany("INSERT INTO assessments (id, measure_id, as_of, status, voice, summary, source_url, "
                        "confidence, last_change, first_as_of, origin) VALUES (?,?,?,?,?,?,?,?,?,?,'import')",
                        [(a[0], a[1], a[2].isoformat(), *a[3:8], a[8].isoformat(), a[9].isoformat())
                         for a in assessments])
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def load_postgres(engine, measures, assessments) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()

        def copy(table, cols, rows):  # in chunks: the text of a million rows at once costs ~100 MB
            with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                buf = io.StringIO()
                for k, r in enumerate(rows, 1):
                    buf.write("\t".join("\\N" if v is None else str(v) for v in r) + "\n")
                    if k % 50_000 == 0:
                        cp.write(buf.getvalue())
                        buf = io.StringIO()
                cp.write(buf.getvalue())

        copy("measures", ["id", "plan_id", "ref", "kind", "title_fr", "lead_body", "deadline_text", "deadline_start",
                          "deadline_end", "source_url", "confidence", "origin"], ((*m, "catalogue") for m in measures))
        copy("assessments", ["id", "measure_id", "as_of", "status", "voice", "summary", "source_url", "confidence",
                             "last_change", "first_as_of", "origin"], ((*a, "import") for a in assessments))
        cur.execute("SELECT setval('measures_id_seq', (SELECT max(id) FROM measures))")
        cur.execute("SELECT setval('assessments_id_seq', (SELECT max(id) FROM assessments))")
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def add_extras(engine, n_measures: int) -> None:
    """A few announcements and deadline revisions so that every rule has work to do."""

    def ann(e, m, seq, kind, text=None, start=None, end=None, held=None):
        return {"plan_id": PLAN, "event_key": f"comite-{e}", "seq": seq, "subject": f"Réunion {e}",
                "measure_id": m, "kind": kind, "expected_text": text, "expected_start": start,
                "expected_end": end, "held_on": held, "origin": "catalogue", "source_url": "", "confidence": ""}

    rows = []
    for e in range(200):
        m = 1 + (e * 97) % n_measures
        rows.append(ann(e, m, 1, "announced", "mars 2025", dt.date(2025, 3, 1), dt.date(2025, 3, 31)))
        rows.append(ann(e, m, 2, "postponed", "juin 2025", dt.date(2025, 6, 1), dt.date(2025, 6, 30)))
        if e % 2:
            rows.append(ann(e, m, 3, "held", held=dt.date(2025, 6, 20)))
    revisions = [{"measure_id": m, "as_of": dt.date(2025, 2, 1), "field": "deadline_text", "old_value": "fin 2024",
                  "new_value": "fin 2025", "source_url": "", "confidence": ""} for m in range(3, n_measures, 10)]
    with engine.begin() as c:
        c.execute(s.announcements.insert(), rows)
        c.execute(s.measure_revisions.insert(), revisions)


def timed(fns: dict, repeat: int) -> dict[str, tuple[float, float]]:
    """{name: (first call, median of ``repeat`` warm calls)}: the first call of each function in
    turn, then ``repeat`` rounds that call every function once. Interleaved, so that a burst of
    load from other processes hits every function alike and the ratios compare like with like."""
    first, warm = {}, {name: [] for name in fns}
    for name, fn in fns.items():
        t0 = time.perf_counter()
        fn()
        first[name] = time.perf_counter() - t0
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            warm[name].append(time.perf_counter() - t0)
    return {name: (first[name], statistics.median(warm[name])) for name in fns}


def peak_mb(fn) -> float:
    """Peak of Python + numpy allocations during one call (tracemalloc), in MB."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(engine, label: str, as_of: dt.date, since: dt.date, repeat: int) -> dict:
    def run(make):
        def fn():
            with engine.connect() as conn:
                return conn.execute(make(conn)).fetchall()
        return fn

    def state_rows():
        with engine.connect() as conn:
            return q.load_state_rows(conn, PLAN, as_of)

    queries = {  # the single « state at D » query in its forms, and the state + change dates
        "single query (portable)": run(lambda conn: q.latest_state_query(PLAN, as_of)),
        "single query (this db)": run(lambda conn: q.latest_state_query_for(conn, PLAN, as_of)),
        "ROW_NUMBER query": run(lambda conn: q.plain_state_query(PLAN, as_of)),
        "state + change dates": state_rows,  # as the rules run it (on PostgreSQL after q.pg_session_settings)
    }
    if engine.dialect.name == "postgresql":
        queries["DISTINCT ON query"] = run(lambda conn: q.distinct_on_state_query(PLAN, as_of))
    calls = {
        "summary": lambda: rules.summary(engine, PLAN, as_of),
        "measures_table": lambda: rules.measures_table(engine, PLAN, as_of),
        "progress_by": lambda: rules.progress_by(engine, PLAN, as_of),
        "changes": lambda: rules.changes(engine, PLAN, since, as_of),
        "progress_history": lambda: rules.progress_history(engine, PLAN, as_of),
    }
    out = {"db": label, "rows_at_d": len(queries["single query (this db)"]()), "times": {}, "peak_mb": {}}
    out["times"] = timed({**queries, **calls}, repeat)
    for name, fn in calls.items():
        out["peak_mb"][name] = peak_mb(fn)
    res = calls["summary"]()
    out.update(documented=res["measures_documented"], stalled=len(res["stalled"]), overdue=len(res["overdue"]),
               changes=len(calls["changes"]()), history_rows=len(calls["progress_history"]()))
    return out


def bench(engine, label: str, n_measures: int, n_snapshots: int, repeat: int, loader) -> dict:
    upgrade(engine)  # schema head: includes ix_assessments_measure_voice_asof (revision 0002)
    f.make_plan(engine, PLAN, measures_declared=n_measures)
    measures, assessments = generate(n_measures, n_snapshots)
    t0 = time.perf_counter()
    loader(engine, measures, assessments)
    load_s = time.perf_counter() - t0
    del measures, assessments
    add_extras(engine, n_measures)
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    dates = snapshot_dates(n_snapshots)
    since = LAST_MEETING if dates[0] < LAST_MEETING < dates[-1] else dates[len(dates) // 2]
    out = measure(engine, label, dates[-1], since, repeat)
    out.update(load_s=load_s, since=since, as_of=dates[-1], rss_loaded=rss_loaded,
               rss_after=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


LAST_MEETING = dt.date(2025, 6, 20)  # the committee meetings of add_extras: changes() since the last one


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--measures", type=int, default=20_000)
    ap.add_argument("--snapshots", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-postgres", action="store_true")
    args = ap.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        eng = make_engine(f"sqlite:///{tmp}/bench.db")
        results.append(bench(eng, f"SQLite {sqlite3.sqlite_version}", args.measures, args.snapshots, args.repeat,
                             load_sqlite))
        eng.dispose()
    from tests import pgtemp

    if not args.no_postgres and pgtemp.available():
        with pgtemp.TempPostgres() as server:
            eng = make_engine(server.create_database("bench"))
            results.append(bench(eng, "PostgreSQL 15", args.measures, args.snapshots, args.repeat, load_postgres))
            eng.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = args.measures * args.snapshots
    r0 = results[0]
    print(f"{args.measures} measures × {args.snapshots} snapshots = {n:,} assessments; D = {r0['as_of']}, "
          f"changes() since {r0['since']} (last committee meeting); first call / median of {args.repeat} warm "
          "calls, in seconds; ratio = warm ÷ warm single query (this db)")
    names = list(r0["times"])
    print("| function | " + " | ".join(f"{r['db']} first | warm | ratio" for r in results) + " |")
    print("|---|" + "---|---|---|" * len(results))
    for name in names:
        cells = []
        for r in results:
            if name not in r["times"]:
                cells.append("— | — | —")
                continue
            first, warm = r["times"][name]
            ref = r["times"]["single query (this db)"][1]
            cells.append(f"{first:.3f} | {warm:.3f} | {warm / ref:.1f}×")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    for r in results:
        t = r["times"]
        warm, ref = t["summary"][1], t["single query (this db)"][1]
        print(f"{r['db']}: load {r['load_s']:.1f} s, {r['rows_at_d']} rows at D; summary ≤ 1 s warm: "
              f"{'yes' if warm <= 1 else 'NO'} ({warm:.3f} s); ≤ 3× single query: "
              f"{'yes' if warm <= 3 * ref else 'NO'} ({warm / ref:.1f}×); found {r['documented']} documented, "
              f"{r['stalled']} stalled, {r['overdue']} overdue, {r['changes']} changes, "
              f"{r['history_rows']} history dates")
        print(f"  process peak (ru_maxrss) after generating and loading the data: {r['rss_loaded']:.0f} MB, "
              f"after the rules: {r['rss_after']:.0f} MB")
        print("  peak allocations per call (tracemalloc, MB): "
              + ", ".join(f"{k} {v:.0f}" for k, v in r["peak_mb"].items()))
    print(f"\npeak memory (this process, ru_maxrss, includes generating the 1 M rows): {peak:.0f} MB "
          f"{'(≤ 1 GB: yes)' if peak <= 1024 else '(> 1 GB: NO)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
