"""Benchmark of the monitoring rules (issue 4): summary() vs the single « state at D » query.

Builds 20,000 measures × 50 snapshots (1,000,000 assessments) in SQLite — and in a throw-away
PostgreSQL 15 when the binaries exist (tests/pgtemp.py) — with bulk inserts, then measures,
side by side, the warm time of ``plans.rules.summary`` and of the single SQL query that fetches
the latest assessment per measure and voice at D, and the peak memory of this process.

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
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plans import rules  # noqa: E402
from plans import schema as s  # noqa: E402
from plans.db import make_engine, upgrade  # noqa: E402
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
        for k, day in enumerate(dates):
            if rnd.random() < 0.15:
                level = min(4, max(0, level + rnd.choice((-1, 1, 1))))
            if rnd.random() < 0.2:
                text = f"note {k}"
            voice = "government" if (i % 10 == 0 and k % 2) else "civil_society"
            aid += 1
            assessments.append((aid, i, day, STATUSES[level], voice, text, "", ""))
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
                        "confidence, origin) VALUES (?,?,?,?,?,?,?,?,'import')",
                        [(a[0], a[1], a[2].isoformat(), *a[3:]) for a in assessments])
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def load_postgres(engine, measures, assessments) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()

        def copy(table, cols, rows):
            buf = io.StringIO()
            for r in rows:
                buf.write("\t".join("\\N" if v is None else str(v) for v in r) + "\n")
            with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                cp.write(buf.getvalue())

        copy("measures", ["id", "plan_id", "ref", "kind", "title_fr", "lead_body", "deadline_text", "deadline_start",
                          "deadline_end", "source_url", "confidence", "origin"], [(*m, "catalogue") for m in measures])
        copy("assessments", ["id", "measure_id", "as_of", "status", "voice", "summary", "source_url", "confidence",
                             "origin"], [(*a, "import") for a in assessments])
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


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def measure(engine, label: str, as_of: dt.date, repeat: int) -> dict:
    def latest_query():  # the single « state at D » query (index-driven, no change dates)
        with engine.connect() as conn:
            return conn.execute(q.latest_state_query(PLAN, as_of)).fetchall()

    def rownum_query():  # the same with ROW_NUMBER() over a full scan
        with engine.connect() as conn:
            return conn.execute(q.plain_state_query(PLAN, as_of)).fetchall()

    def state_with_changes():  # what summary() runs: state + last change date
        with engine.connect() as conn:
            return conn.execute(q.state_query(PLAN, as_of)).fetchall()

    def summary():
        return rules.summary(engine, PLAN, as_of)

    n_rows = len(latest_query())
    q_med, _ = timed(latest_query, repeat)
    r_med, _ = timed(rownum_query, repeat)
    w_med, _ = timed(state_with_changes, repeat)
    s_med, _ = timed(summary, repeat)
    res = summary()
    return {"db": label, "rows_at_d": n_rows, "query_s": q_med, "rownum_s": r_med, "state_query_s": w_med,
            "summary_s": s_med, "ratio": s_med / q_med, "ratio_rownum": s_med / r_med,
            "documented": res["measures_documented"], "stalled": len(res["stalled"]), "overdue": len(res["overdue"])}


PROPOSED_INDEX = "CREATE INDEX ix_bench_assessments_measure_voice_asof ON assessments (measure_id, voice, as_of)"


def bench(engine, label: str, n_measures: int, n_snapshots: int, repeat: int, loader) -> list[dict]:
    upgrade(engine)
    f.make_plan(engine, PLAN, measures_declared=n_measures)
    measures, assessments = generate(n_measures, n_snapshots)
    t0 = time.perf_counter()
    loader(engine, measures, assessments)
    load_s = time.perf_counter() - t0
    del measures, assessments
    add_extras(engine, n_measures)
    as_of = snapshot_dates(n_snapshots)[-1]
    out = [measure(engine, f"{label} (schema 0001)", as_of, repeat)]
    out[0]["load_s"] = load_s
    with engine.begin() as conn:  # the index proposed for a future migration (not in the schema yet)
        conn.exec_driver_sql(PROPOSED_INDEX)
        conn.exec_driver_sql("ANALYZE")
    out.append(measure(engine, f"{label} + index (measure_id, voice, as_of)", as_of, repeat))
    out[1]["load_s"] = load_s
    return out


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
        results += bench(eng, "SQLite", args.measures, args.snapshots, args.repeat, load_sqlite)
        eng.dispose()
    from tests import pgtemp

    if not args.no_postgres and pgtemp.available():
        with pgtemp.TempPostgres() as server:
            eng = make_engine(server.create_database("bench"))
            results += bench(eng, "PostgreSQL 15", args.measures, args.snapshots, args.repeat, load_postgres)
            eng.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = args.measures * args.snapshots
    print(f"{args.measures} measures × {args.snapshots} snapshots = {n:,} assessments; median of {args.repeat} "
          "warm runs; times in seconds")
    print("| database | load | rows at D | single query (latest) | ROW_NUMBER query | state + changes query "
          "| summary | summary ÷ single | summary ÷ ROW_NUMBER | ≤ 1 s | ≤ 3× single |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['db']} | {r['load_s']:.1f} | {r['rows_at_d']} | {r['query_s']:.3f} | {r['rownum_s']:.3f} "
              f"| {r['state_query_s']:.3f} | {r['summary_s']:.3f} | {r['ratio']:.2f}× | {r['ratio_rownum']:.2f}× "
              f"| {'yes' if r['summary_s'] <= 1 else 'NO'} | {'yes' if r['ratio'] <= 3 else 'NO'} |")
    print(f"\npeak memory (this process, ru_maxrss): {peak_mb:.0f} MB "
          f"{'(≤ 1 GB: yes)' if peak_mb <= 1024 else '(> 1 GB: NO)'}")
    for r in results:
        print(f"  {r['db']}: summary found {r['documented']} documented, {r['stalled']} stalled, "
              f"{r['overdue']} overdue")
    return 0


if __name__ == "__main__":
    sys.exit(main())
