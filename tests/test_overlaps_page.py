"""AppTest of the « Recoupements » page on a seeded SQLite file, and its pure figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from plans import overlaps as ov
from plans.access import CLI

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "dashboard" / "app_pages" / "overlaps.py"
PLAN = "pna-2024-2027"


@pytest.fixture
def app_env(sqlite_seeded, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", sqlite_seeded.url.render_as_string(hide_password=False))
    monkeypatch.syspath_prepend(str(ROOT))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield sqlite_seeded
    st.cache_data.clear()
    st.cache_resource.clear()


def _metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_page_renders_matrix_and_tables(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.run()
    assert not at.exception
    metrics = _metrics(at)
    active = [r for r in ov.links(app_env, PLAN) if r["state"] != "rejected"]
    assert int(metrics["Liens confirmés"]) == sum(r["state"] == "confirmed" for r in active) == 8
    assert int(metrics["Même action dans plusieurs plans"]) == 1
    assert int(metrics["Mesures recyclées"]) == 3
    frames = [d.value for d in at.dataframe]
    matrix_tables = [f for f in frames if list(f.columns) == ["Axe", "Plan lié", "Liens"]]
    assert matrix_tables, "matrix table missing (one row per axis × related plan, by its name)"
    table = matrix_tables[0].set_index(["Axe", "Plan lié"])["Liens"]
    m = ov.matrix(app_env, PLAN)
    assert int(table.sum()) == int(m.to_numpy().sum()) == len(active)
    assert int(table.loc[("Axe non identifié", "PNA-TEH 2019-2021")]) == int(m.loc["Axe non identifié", "pna-2019-2021"])
    recycled = next(f for f in frames if "Âge cumulé (ans)" in f.columns)
    assert set(recycled["Réf."]) == {"F03", "F04", "F06"}
    assert "« Non réalisée » (12 janvier 2023)" in set(recycled["Évaluation précédente"])
    shared = next(f for f in frames if "Aussi dans" in f.columns)
    assert list(shared["Réf."]) == ["F07"]
    at.text_input(key="ov_search").input("pénaliser les clients de la prostitution").run()
    assert not at.exception
    found = next(d.value for d in at.dataframe if "Intitulé du plan" in d.value.columns)
    assert "client" in found.iloc[0].to_string().lower() and "LOI16-CLIENTS" not in found.to_string()


def test_review_queue_buttons_write_decisions(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.run()
    next(b for b in at.button if b.label == "Recalculer les suggestions").click().run()
    assert not at.exception
    queue = ov.review_queue(app_env, PLAN)
    assert queue
    first = queue[0]
    at.button(key=f"ov_no_{first['id']}").click().run()
    assert not at.exception
    state = {r["id"]: r for r in ov.links(app_env, PLAN)}[first["id"]]
    # no editor password configured: open (single-user), recorded as such
    assert state["state"] == "rejected" and state["decided_by"] == "local (sans mot de passe)"
    assert int(_metrics(at)["Suggestions à valider"]) == len(queue) - 1


def test_figures_are_built_from_the_data(sqlite_seeded):
    from dashboard import overlaps_data as od

    ov.refresh_suggestions(sqlite_seeded, PLAN, CLI)
    m = ov.matrix(sqlite_seeded, PLAN)
    fig = od.matrix_figure(m)
    trace = fig.data[0]
    assert sum(int(t) for t in trace.text) == int(m.to_numpy().sum())
    assert all(len(c) == 2 for c in trace.customdata)
    links = ov.links(sqlite_seeded, PLAN)
    sk = od.sankey_figure(links).data[0]
    assert len(sk.link.source) == sum(r["state"] != "rejected" for r in links)


def test_no_identifier_where_a_name_is_known(app_env):
    """Related plans and recommendations by their names in the page's tables and charts (never pna-2019-2021,
    rec-us-tip-2023 or an item's code such as SPS24-DGCS-AAP), and no developer word."""
    import json
    import re

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.run()
    assert not at.exception
    ids = {r["id"] for r in ov.overview(app_env, PLAN)["related_plans"]}
    items = {r["other_ref"] for r in ov.links(app_env, PLAN) if r.get("other_ref")}
    def seen(spec: dict) -> dict:  # what a reader sees: not the customdata that carries a point's keys
        spec["data"] = [{k: v for k, v in trace.items() if k != "customdata"} for trace in spec["data"]]
        return spec

    specs = " ".join(json.dumps(seen(json.loads(c.proto.spec)), ensure_ascii=False) for c in at.get("plotly_chart"))
    shown = " ".join(d.value.to_string() for d in at.dataframe) + " " + " ".join(
        str(x) for f in at.dataframe for x in f.value.columns)
    for ident in ids | items:
        assert not re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", specs), ident
        assert ident not in shown, ident
    words = " ".join(str(c.value) for c in at.caption) + " ".join(str(m.value) for m in at.markdown)
    assert "Okabe" not in words and "TF-IDF" not in words and "python -m" not in words
