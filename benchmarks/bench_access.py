"""Benchmark of what the shared instance adds to every page rerun: the role check and the data-version query.

The store: 20,000 measures × 50 snapshots (1,000,000 assessments; generator of ``bench_summary.py``), plus 500
people (roles by e-mail) and a trail of 100,000 audit rows, in SQLite and in a throw-away PostgreSQL 15
(``tests/pgtemp.py``) when its binaries exist.

Side by side, in one process (AppTest, warm caches, interleaved rounds), the server time of two reruns:
* the overview rerun as is, and after a filter change on « Mesures » (a new search word each time);
* **with**: the app as it runs — ``data.read_version()`` (``max(audit_log.id)``) and ``auth.current_actor()``
  (an ``[auth]`` login configured, a person logged in, looked up in ``people``);
* **without**: both replaced by constants (no query), everything else identical.
Then each query alone (median of 300 calls): ``plans.audit.data_version`` and ``plans.people.actor_for``.

    .venv/bin/python benchmarks/bench_access.py [--measures 20000] [--snapshots 50] [--rounds 15] [--no-postgres]

Target: ≤ 20 ms added to a page rerun: the time each « with » rerun spends in the two calls (median; timed inside
the rerun, which the load of a shared machine hardly moves), printed beside the with − without difference of the
whole reruns and their ratio (which that load does move, by tens of ms either way). Exit code 1 when missed.
Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_dashboard as bd  # noqa: E402  (the 20,000 × 50 SQLite store of the dashboard benchmark)
import bench_summary as bs  # noqa: E402

from plans import audit, people  # noqa: E402
from plans import schema as s  # noqa: E402
from plans.access import CLI  # noqa: E402
from plans.db import make_engine, upgrade  # noqa: E402
from tests import factories as f  # noqa: E402

EMAIL = "marie.dupont@asso-exemple.fr"
N_PEOPLE, N_AUDIT = 500, 100_000
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "b" * 32, "client_id": "bench",
        "client_secret": "bench", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
TARGET_MS = 20.0


def add_people_and_trail(url: str) -> None:
    """500 people (the benchmark's user a contributor of her association) and 100,000 audit rows."""
    eng = make_engine(url)
    people.add(eng, CLI, "admin@collectif.example", "admin")
    admin = people.actor_for(eng, "admin@collectif.example")
    people.add(eng, admin, EMAIL, "contributeur", association="Association Exemple", name="Marie Dupont")
    with eng.begin() as conn:
        conn.execute(s.people.insert(), [{"email": f"p{k}@asso{k % 28}.example", "name": f"Personne {k}",
                                          "role": ("reader", "contributor", "coordinator")[k % 3],
                                          "association": f"Association {k % 28}", "added_at": dt.datetime(2026, 1, 1),
                                          "added_by": "ligne de commande"} for k in range(N_PEOPLE - 2)])
        start = dt.datetime(2025, 1, 1)
        for chunk in range(0, N_AUDIT, 20_000):
            conn.execute(s.audit_log.insert(), [
                {"at": start + dt.timedelta(minutes=k), "kind": "assessment_added", "plan_id": bs.PLAN,
                 "actor": f"Personne {k % 498} <p{k % 498}@asso.example>", "email": f"p{k % 498}@asso.example",
                 "role": "contributor", "association": f"Association {k % 28}", "summary": "en cours → réalisée"}
                for k in range(chunk, min(N_AUDIT, chunk + 20_000))])
    eng.dispose()


def build_postgres(url: str, n_measures: int, n_snapshots: int) -> None:
    eng = make_engine(url)
    upgrade(eng)
    f.make_plan(eng, bs.PLAN, title_fr="Plan de mesure de performance", measures_declared=n_measures)
    for a in range(1, bd.AXES + 1):
        f.add_axis(eng, bs.PLAN, f"AX{a}", f"Axe {a} : thème numéro {a} de la performance")
    measures, assessments = bs.generate(n_measures, n_snapshots)
    bs.load_postgres(eng, measures, assessments)
    del measures, assessments
    bs.add_extras(eng, n_measures)
    with eng.begin() as conn:
        conn.exec_driver_sql(f"UPDATE measures SET axis_id = (SELECT min(id) FROM axes) + mod(id, {bd.AXES})")  # noqa: S608 - a constant
    eng.dispose()


def query_ms(url: str, calls: int = 300) -> dict[str, float]:
    eng = make_engine(url)
    out = {}
    for name, fn in (("data_version", lambda: audit.data_version(eng)),
                     ("actor_for", lambda: people.actor_for(eng, EMAIL))):
        fn()
        times = []
        for _ in range(calls):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        out[name] = 1000 * statistics.median(times)
    eng.dispose()
    return out


def reruns(url: str, rounds: int) -> dict[str, dict[str, list[float]]]:
    """{"overview" | "filter": {"with" | "without" | "inside": [seconds]}}: interleaved AppTest reruns, warm caches;
    "inside" is the time each « with » rerun spent in the two calls themselves."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import auth, data

    os.environ["DATABASE_URL"] = url
    os.environ.pop("VIGIE_EDITOR_PASSWORD_HASH", None)
    st.cache_data.clear()
    st.cache_resource.clear()
    real_version, real_actor = data.read_version, auth.current_actor

    def app() -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, "email": EMAIL, "name": "Marie Dupont"}
        at.session_state["as_of"] = bs.snapshot_dates(50)[-1]
        at.run()
        assert not at.exception, at.exception
        return at

    overview, measures = app(), app()
    measures.switch_page("app_pages/measures.py").run()
    assert not measures.exception, measures.exception
    version = audit.data_version(data.engine())
    seen: list = []
    auth.current_actor = lambda: seen.append(real_actor()) or seen[-1]
    overview.run()
    auth.current_actor = real_actor
    actor = seen[-1]
    assert actor.kind == "person" and actor.email == EMAIL, actor  # the role check really looks the person up

    def without() -> None:
        data.read_version = lambda: st.session_state.__setitem__(data.VERSION, version) or version
        auth.current_actor = lambda: actor

    spent = {"version": 0.0, "role": 0.0}

    def timed(fn, part):
        def call():
            t0 = time.perf_counter()
            try:
                return fn()
            finally:
                spent[part] += time.perf_counter() - t0
        return call

    def with_() -> None:
        data.read_version, auth.current_actor = timed(real_version, "version"), timed(real_actor, "role")

    out: dict[str, dict[str, list[float]]] = {
        name: {"with": [], "without": [], "inside": [], "version": [], "role": []} for name in ("overview", "filter")}
    word = 0
    warm_up = 4  # the first reruns of each mode are not counted
    try:
        for k in range(rounds * 2 + warm_up):
            mode = ("with", "without")[(k + k // 2) % 2]  # with, without, without, with, …: no order favoured
            (with_ if mode == "with" else without)()
            word += 1
            box = measures.text_input(key="f_q").input(f"M{1000 + word}")
            for name, run in (("overview", overview.run), ("filter", box.run)):
                spent.update(version=0.0, role=0.0)
                t0 = time.perf_counter()
                at = run()
                out[name][mode].append(time.perf_counter() - t0)
                assert not at.exception, at.exception
                if mode == "with" and k >= warm_up:
                    out[name]["version"].append(spent["version"])
                    out[name]["role"].append(spent["role"])
                    out[name]["inside"].append(spent["version"] + spent["role"])
                if k < warm_up:
                    out[name][mode].pop()
    finally:
        data.read_version, auth.current_actor = real_version, real_actor
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--measures", type=int, default=20_000)
    ap.add_argument("--snapshots", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--no-postgres", action="store_true")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="vigie-bench-access-"))
    stores = []
    t0 = time.perf_counter()
    bd.build(tmp / "bench.db", args.measures, args.snapshots)
    url = f"sqlite:///{tmp / 'bench.db'}"
    add_people_and_trail(url)
    stores.append((f"SQLite {sqlite3.sqlite_version}", url, time.perf_counter() - t0))
    server = None
    from tests import pgtemp

    missed = False
    try:
        if not args.no_postgres and pgtemp.available():
            server = pgtemp.TempPostgres()
            server.start()
            t0 = time.perf_counter()
            url = server.create_database("bench")
            build_postgres(url, args.measures, args.snapshots)
            add_people_and_trail(url)
            stores.append(("PostgreSQL 15", url, time.perf_counter() - t0))
        print(f"{args.measures:,} measures × {args.snapshots} snapshots, {N_PEOPLE} people, {N_AUDIT:,} audit rows; "
              f"AppTest reruns, warm caches, median of {args.rounds} interleaved rounds each; "
              "« without » = version and role check replaced by constants")
        print("| store | rerun | with | without | with − without | ratio | added inside the rerun: median (max) | "
              "of which version / role check (medians) |")
        print("|---|---|---|---|---|---|---|---|")
        queries = {}
        for label, url, _build_s in stores:
            queries[label] = query_ms(url)
            times = reruns(url, args.rounds)
            for name, modes in times.items():
                w, wo = statistics.median(modes["with"]), statistics.median(modes["without"])
                inside, worst = 1000 * statistics.median(modes["inside"]), 1000 * max(modes["inside"])
                missed |= inside > TARGET_MS
                print(f"| {label} | {name} | {1000 * w:.0f} ms | {1000 * wo:.0f} ms | {1000 * (w - wo):+.1f} ms | "
                      f"{w / wo:.3f}× | {inside:.2f} ms ({worst:.1f} ms) | "
                      f"{1000 * statistics.median(modes['version']):.2f} / {1000 * statistics.median(modes['role']):.2f} ms |")
        print("\nEach query alone (median of 300 calls, one pooled engine):")
        print("| store | data_version | actor_for | build (s) |")
        print("|---|---|---|---|")
        for label, _url, build_s in stores:
            q = queries[label]
            print(f"| {label} | {q['data_version']:.2f} ms | {q['actor_for']:.2f} ms | {build_s:.0f} |")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nTarget: ≤ {TARGET_MS:.0f} ms added to a page rerun — {'MISSED' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
