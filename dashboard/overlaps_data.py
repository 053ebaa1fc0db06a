"""Cached wrappers over ``plans.overlaps`` for the « Recoupements » page, and its pure Plotly figures.

Every wrapper takes ``_engine`` (not hashed; pass ``dashboard.data.engine()``) so the cache key is
the plan id and the rerun's data version (``dashboard.data.versioned``: a decision made on another server is
seen at the next rerun). Writes (a decision, a refresh of suggestions) clear the data caches.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy import Engine

from dashboard.charts import esc
from dashboard.data import versioned
from dashboard.i18n import t
from plans import config, outputs
from plans import overlaps as ov
from plans.access import Actor
from plans.overlaps import labels as L

TTL = int(config.get("cache_ttl_seconds"))  # seconds (setting cache_ttl_seconds)


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def overview(version: int, _engine: Engine, plan_id: str, lang: str = "fr") -> dict:
    return ov.overview(_engine, plan_id, lang=lang)


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def matrix(version: int, _engine: Engine, plan_id: str, confirmed_only: bool = False, lang: str = "fr") -> pd.DataFrame:
    """Links per axis (rows, labelled in ``lang`` like the links of ``overview``) and related plan (columns)."""
    states = ("confirmed",) if confirmed_only else ("suggested", "confirmed")
    return ov.matrix(_engine, plan_id, states=states, lang=lang)


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def review_queue(version: int, _engine: Engine, plan_id: str) -> list[dict]:
    return ov.review_queue(_engine, plan_id)


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def links_for_measure(version: int, _engine: Engine, plan_id: str, ref: str) -> list[dict]:
    return ov.links_for_measure(_engine, plan_id, ref)


@versioned
@st.cache_data(ttl=TTL, show_spinner=False)
def search(version: int, _engine: Engine, text: str, exclude_plan: str, top_k: int = 5) -> list[dict]:
    return ov.rank_text(_engine, text, top_k=top_k, exclude_plans=(exclude_plan,))


def clear() -> None:
    st.cache_data.clear()


def decide(engine: Engine, link_id: int, state: str, actor: Actor) -> None:
    ov.decide_link(engine, link_id, state, actor)
    clear()


def refresh(engine: Engine, plan_id: str, actor: Actor) -> int:
    n = ov.refresh_suggestions(engine, plan_id, actor)
    clear()
    return n


def csv_bytes(df: pd.DataFrame, lang: str = "fr") -> bytes:
    """A table of the page as CSV (headers as shown) by the one output rule of `plans/outputs.py`: control
    characters removed, formula-like texts (``=HYPERLINK(…)``, ``+…``, ``-…``, ``@…``) neutralised."""
    return outputs.to_csv_bytes(df, booleans=(t("export.yes", lang), t("export.no", lang)))


# --------------------------------------------------------------------------- figures (pure)


def r_title(rows: list[dict], plan_id: str) -> str:
    """The name the links give a related plan (never its identifier when one of them names it)."""
    return next((r["other_plan_title"] for r in rows if r["other_plan_id"] == plan_id and r.get("other_plan_title")),
                plan_id)


def _short(text: str | None, width: int = 38) -> str:
    """Shortened, and escaped for Plotly (which reads tags in labels and hovers)."""
    return esc(textwrap.shorten(text or "", width=width, placeholder="…"))


def plan_names(overview: dict, lang: str = "fr") -> dict[str, str]:
    """Related plan id → the name people know it by: its short name (« PNA-TEH 2019-2021 », « GRETA »), else
    its title (English in English when known): what pages, charts and downloads show instead of an identifier."""
    names = {r["other_plan_id"]: r["other_plan_title"] for r in overview.get("links") or []
             if r.get("other_plan_title")}
    for r in overview.get("related_plans") or []:
        title = (r.get("title_en") if lang == "en" else None) or r["title_fr"]
        names[r["id"]] = r.get("short_title") or names.get(r["id"]) or title
    return names


def matrix_figure(m: pd.DataFrame, plan_titles: dict[str, str] | None = None, lang: str = "fr",
                  names: dict[str, str] | None = None) -> go.Figure:
    """Bubble matrix (axes × related plans, by their names); each point carries [axis label, plan id] as
    customdata."""
    plan_titles, names = plan_titles or {}, names or {}
    xs, ys, sizes, texts, custom, hover = [], [], [], [], [], []
    cols = [c for c in m.columns if m[c].sum() > 0]
    for axis in m.index:
        for pid in cols:
            n = int(m.loc[axis, pid])
            if not n:
                continue
            xs.append(_short(names.get(pid, pid), 30))
            ys.append(_short(axis, 45))
            sizes.append(14 + 10 * n)
            texts.append(str(n))
            custom.append([axis, pid])
            hover.append(f"{esc(axis)}<br>{esc(plan_titles.get(pid, pid))}<br>{t('ol.n_links', lang, n=n)}")
    fig = go.Figure(go.Scatter(
        x=xs, y=ys, mode="markers+text", text=texts, textfont={"color": "white"},
        marker={"size": sizes, "color": "#0072B2", "line": {"color": "#000000", "width": 1}},
        customdata=custom, hovertext=hover, hoverinfo="text", name="liens"))
    fig.update_layout(
        xaxis={"title": t("ol.matrix_x", lang),
               "categoryorder": "array", "categoryarray": [_short(names.get(c, c), 30) for c in cols],
               "tickangle": -35, "automargin": True},
        yaxis={"title": t("ol.matrix_y", lang), "categoryorder": "array", "automargin": True,
               "categoryarray": [_short(a, 45) for a in reversed(list(m.index))]},
        height=max(320, 70 * len(m.index) + 160), margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=False, plot_bgcolor="white")
    fig.update_xaxes(showgrid=True, gridcolor="#DDDDDD")
    fig.update_yaxes(showgrid=True, gridcolor="#DDDDDD")
    return fig


def sankey_figure(links: list[dict], names: dict[str, str] | None = None) -> go.Figure:
    """Measures of this plan → other plans (by their names); one colour per link kind (a palette readable by
    colour-blind readers), suggested links lighter than confirmed ones."""
    names = names or {}
    rows = [r for r in links if r["state"] != "rejected"]
    left = sorted({r["ref"] or "plan" for r in rows})
    right = sorted({r["other_plan_id"] for r in rows})
    titles = {r["ref"] or "plan": r["title_fr"] or "" for r in rows}
    labels = [f"{esc(ref)} — {_short(titles.get(ref), 40)}" for ref in left] + \
        [_short(names.get(x) or r_title(rows, x), 40) for x in right]
    index = {("l", x): i for i, x in enumerate(left)} | {("r", x): len(left) + i for i, x in enumerate(right)}
    src, dst, val, col, lab = [], [], [], [], []
    for r in rows:
        src.append(index[("l", r["ref"] or "plan")])
        dst.append(index[("r", r["other_plan_id"])])
        val.append(1)
        h = L.LINK_KIND_COLOURS[r["kind"]].lstrip("#")
        alpha = 0.8 if r["state"] == "confirmed" else 0.35
        col.append(f"rgba({int(h[0:2], 16)}, {int(h[2:4], 16)}, {int(h[4:6], 16)}, {alpha})")
        lab.append(f"{r['kind_label']} ({r['state_label']})")
    fig = go.Figure(go.Sankey(
        node={"label": labels, "pad": 12, "thickness": 14, "color": "#999999"},
        link={"source": src, "target": dst, "value": val, "color": col, "label": lab}))
    fig.update_layout(height=max(360, 24 * max(len(left), len(right)) + 120), margin={"l": 10, "r": 10, "t": 20, "b": 10})
    return fig
