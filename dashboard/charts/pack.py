"""A plan's charts for reports and the report pack: a ZIP of every chart (PNG ≥ 2 000 px, SVG, PDF) and its CSV.

:func:`plan_chart_data` computes what the charts need once (monitoring rules), :func:`build_charts`
makes the decorated :class:`Chart` list (figure + the table of its data), and :func:`render_charts`,
:func:`export_charts` and :func:`chart_pack` draw them all with one warm browser and write files or a
ZIP with its README (:func:`pack_readme`). Files are named in the pack's language after the chart, the plan and
the « données au » date (« statut-des-mesures-documentees-pna-2024-2027-2025-12-31.png »), like every download
of the app. :func:`render_one` draws one chart shown in the app, decorated the same way, in one format, when
someone asks for it (cached by what is drawn). No Streamlit here.

Each chart's CSV is written by `dashboard/exports.py`, that is by the one output rule of `plans/outputs.py`
(control characters removed, formula-like texts neutralised, numbers and dates kept).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts as c
from dashboard import rollups
from dashboard.charts import browser
from dashboard.charts.browser import FORMATS, ExportError
from dashboard.charts.decorate import decorate
from dashboard.i18n import TEXTS, status_text, t
from plans.dates import as_date
from plans.formatting import fmt_date
from plans.i18n import text
from plans.normalize import slug
from plans.outputs import clean_text
from plans.vocab import STATUS_CODES
from plans.wording import event_subject

TITLES = {key: (title, TEXTS.table("chart_title", "en")[key])
          for key, title in TEXTS.table("chart_title", "fr").items()}  # key → (French, English)


@dataclass
class Chart:
    """One exportable chart: a stable key, its decorated figure, the data it shows and the stem of its file names
    (its title, the plan and the date; the key when there is none)."""

    key: str
    title: str
    figure: go.Figure
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    height: int = 560
    stem: str = ""

    def file_name(self, fmt: str) -> str:
        return f"{self.stem or self.key}.{fmt}"


def file_stem(title: str, plan_id: str | None, as_of) -> str:
    """« Statut des mesures documentées », pna-2024-2027, 31/12/2025 → « statut-des-mesures-documentees-pna-2024-
    2027-2025-12-31 » (as ``dashboard.components.download_name`` names the app's downloads)."""
    day = as_date(as_of)
    return slug(" ".join(x for x in (title, plan_id or "", day.isoformat() if day else "") if x), fallback="graphique")


def coverage_text(summary: dict, lang: str = "fr") -> str:
    """« 12 mesures documentées sur 60 »: how many measures the figures rest on."""
    documented, declared = summary.get("measures_documented") or 0, summary.get("measures_declared")
    return (t("completeness", lang, documented=documented, declared=declared) if declared
            else t("completeness_nodecl", lang, documented=documented))


def plan_label(plan: dict | None, summary: dict | None = None) -> str:
    """The plan as a chart names it (its short title)."""
    plan, summary = plan or {}, summary or {}
    return plan.get("short_title") or summary.get("plan_title") or plan.get("title_fr") or plan.get("id") or ""


# ---------------------------------------------------------------- rendering and packing

def _export_height(chart: Chart) -> int:
    return max(int(chart.figure.layout.height or chart.height), 420)


def render_charts(charts: Iterable[Chart], formats: Iterable[str] = FORMATS) -> dict[str, bytes]:
    """``{"<key>.<fmt>": bytes}`` for every chart and format, with one warm browser."""
    formats = [f.strip().lower() for f in formats if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ExportError(t("chart.export.bad_format", formats=", ".join(bad)))
    out: dict[str, bytes] = {}
    with browser.ChartRenderer() as r:
        for chart in charts:
            h = _export_height(chart)
            for fmt in formats:
                out[chart.file_name(fmt)] = r.render(chart.figure, fmt, height=h)
    return out


_RENDERED: OrderedDict[tuple[str, str], bytes] = OrderedDict()
_RENDERED_LOCK = threading.Lock()
RENDERED_MAX = 48  # images kept (≈ 150 KB each for a PNG)


def render_one(fig: go.Figure, fmt: str, *, title: str, plan_name: str, as_of, coverage: str | None = None,
               lang: str = "fr", source: str | None = None) -> bytes:
    """One chart as shown in the app, dressed for a report (title, plan, « données au », coverage, source), in one
    format: PNG 2 500 px wide, SVG or PDF. Drawn only when called (a download button's click), with the process's
    warm browser; the same chart with the same data is drawn once (cached by the decorated figure and format)."""
    if fmt not in FORMATS:
        raise ExportError(t("chart.export.bad_format", formats=fmt))
    dressed = decorate(fig, title=title, plan_name=plan_name, as_of=as_of, lang=lang, source=source,
                       coverage=coverage)
    key = (hashlib.sha256(dressed.to_json().encode("utf-8")).hexdigest(), fmt)
    with _RENDERED_LOCK:
        if key in _RENDERED:
            _RENDERED.move_to_end(key)
            return _RENDERED[key]
    browser.keep_warm()  # the app server keeps one browser: later charts skip Chromium's start
    with browser.ChartRenderer() as r:
        data = r.render(dressed, fmt, height=max(int(dressed.layout.height or 560), 420))
    with _RENDERED_LOCK:
        _RENDERED[key] = data
        while len(_RENDERED) > RENDERED_MAX:
            _RENDERED.popitem(last=False)
    return data


def export_charts(charts: list[Chart], out_dir: str | Path, formats: Iterable[str] = FORMATS,
                  with_csv: bool = True) -> list[Path]:
    """Write every chart (each format) and its CSV to ``out_dir``; returns the written paths."""
    from dashboard.exports import to_csv_bytes

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in render_charts(charts, formats).items():
        (out / name).write_bytes(data)
        written.append(out / name)
    if with_csv:
        for chart in charts:
            p = out / chart.file_name("csv")
            p.write_bytes(to_csv_bytes(chart.table))
            written.append(p)
    return written


def chart_pack(charts: list[Chart], formats: Iterable[str] = FORMATS, *, readme: str | None = None) -> bytes:
    """The report pack: a ZIP of every chart (each format) and the CSV of its data."""
    from dashboard.exports import to_csv_bytes

    files = render_charts(charts, formats)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        if readme:
            z.writestr("LISEZMOI.txt", clean_text(readme))
        for name, data in files.items():
            z.writestr(name, data)
        for chart in charts:
            z.writestr(chart.file_name("csv"), to_csv_bytes(chart.table))
    return buf.getvalue()


def pack_readme(plan_name: str, as_of, lang: str = "fr") -> str:
    return t("pack.readme", lang, plan=plan_name, date=fmt_date(as_of, lang))


# ---------------------------------------------------------------- the app's charts for one plan

def _safe(builder: Callable[[], go.Figure], lang: str) -> go.Figure:
    try:
        return builder()
    except Exception:  # noqa: BLE001 - a broken builder must not break the whole pack
        return c.empty_figure(lang)


def _by_status_table(by_status: dict, lang: str) -> pd.DataFrame:
    return pd.DataFrame([{"status": status_text(code, lang), "count": int((by_status or {}).get(code) or 0)}
                         for code in STATUS_CODES])


def _slipped_table(slipped: list[dict]) -> pd.DataFrame:
    rows = []
    for ev in slipped or []:
        rows.append({"subject": event_subject(ev), "ref": ev.get("ref"), "announced": list(ev.get("announced") or []),
                     "held_on": as_date(ev.get("held_on")), "postponements": ev.get("postponements"),
                     "days_slipped": ev.get("days_slipped"), "state": ev.get("state")})
    return pd.DataFrame(rows, columns=["subject", "ref", "announced", "held_on", "postponements", "days_slipped",
                                       "state"])


def _governance_table(governance: dict) -> pd.DataFrame:
    rows = [{"year": str(y), "held": v.get("held"), "required": v.get("required"), "met": v.get("met")}
            for y, v in sorted((governance or {}).items(), key=lambda kv: str(kv[0]))]
    return pd.DataFrame(rows, columns=["year", "held", "required", "met"])


def _progress_table(summary: dict) -> pd.DataFrame:
    indicator, value = t("pack.col.indicator"), t("pack.col.value")
    return pd.DataFrame([{indicator: t("chart.elapsed"), value: summary.get("time_elapsed")},
                         {indicator: t("chart.progress"), value: summary.get("progress")}])


def build_charts(data: dict, lang: str = "fr", keys: Iterable[str] | None = None) -> list[Chart]:
    """Decorated charts from already computed data.

    ``data``: summary (dict), plan (dict), as_of, and optionally by_axis, by_lead, history (DataFrames).
    """
    summary = data.get("summary") or {}
    plan = data.get("plan") or {}
    as_of = data.get("as_of") or summary.get("as_of")
    plan_name = plan_label(plan, summary)
    coverage = coverage_text(summary, lang) if summary else None
    idx = 0 if lang == "fr" else 1
    specs: dict[str, tuple[Callable[[], go.Figure], Callable[[], pd.DataFrame]]] = {
        "status_donut": (lambda: c.status_donut(summary.get("by_status") or {}, lang),
                         lambda: _by_status_table(summary.get("by_status") or {}, lang)),
        "status_by_axis": (lambda: c.status_by_axis(data.get("by_axis"), lang),
                           lambda: data.get("by_axis") if data.get("by_axis") is not None else pd.DataFrame()),
        "status_by_lead": (lambda: c.status_by_axis(data.get("by_lead"), lang),
                           lambda: data.get("by_lead") if data.get("by_lead") is not None else pd.DataFrame()),
        "progress_over_time": (lambda: c.progress_over_time(data.get("history"), plan, as_of, lang),
                               lambda: data.get("history") if data.get("history") is not None else pd.DataFrame()),
        "time_vs_progress": (lambda: c.time_vs_progress(summary, lang), lambda: _progress_table(summary)),
        "slippage_timeline": (lambda: c.slippage_timeline(summary.get("slipped") or [], lang),
                              lambda: _slipped_table(summary.get("slipped") or [])),
        "governance_bars": (lambda: c.governance_bars(summary.get("governance") or {}, lang),
                            lambda: _governance_table(summary.get("governance") or {})),
    }
    wanted = list(keys) if keys is not None else list(specs)
    out = []
    for key in wanted:
        if key not in specs:
            continue
        make_fig, make_table = specs[key]
        if key in ("status_by_axis", "status_by_lead", "progress_over_time") and data.get(
                {"status_by_axis": "by_axis", "status_by_lead": "by_lead",
                 "progress_over_time": "history"}[key]) is None:
            continue
        fig = _safe(make_fig, lang)
        title = TITLES[key][idx]
        try:
            table = make_table()
        except Exception:  # noqa: BLE001
            table = pd.DataFrame()
        out.append(Chart(key=key, title=title,
                         figure=decorate(fig, title=title, plan_name=plan_name, as_of=as_of, lang=lang,
                                         coverage=coverage),
                         table=table, stem=file_stem(title, plan.get("id"), as_of)))
    return out


def plan_chart_data(engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Everything the plan's charts need, computed once by the monitoring rules."""
    from plans import rules, store

    plan = store.get_plan(engine, plan_id)
    if plan is None:
        raise ExportError(text("plan.unknown", plan=plan_id))
    summary = rules.summary(engine, plan_id, as_of=as_of)
    as_of = as_date(summary.get("as_of")) or as_of or dt.date.today()
    data = {"summary": summary, "plan": plan, "as_of": as_of}
    for key, fn in (("by_axis", lambda: rollups.shown(rules.progress_by(engine, plan_id, as_of, by="axis"), "axis")),
                    ("by_lead", lambda: rollups.shown(rules.progress_by(engine, plan_id, as_of, by="lead_body"),
                                                      "lead_body")),
                    ("history", lambda: rules.progress_history(engine, plan_id, until=as_of))):
        try:
            data[key] = fn()
        except Exception:  # noqa: BLE001 - a missing roll-up only drops one chart
            data[key] = None
    return data


def plan_charts(engine, plan_id: str, as_of: dt.date | None = None, lang: str = "fr") -> list[Chart]:
    """Every chart of the app for one plan, decorated for print."""
    return build_charts(plan_chart_data(engine, plan_id, as_of), lang)


__all__ = ["TITLES", "Chart", "build_charts", "chart_pack", "coverage_text", "export_charts", "file_stem",
           "pack_readme", "plan_chart_data", "plan_charts", "plan_label", "render_charts", "render_one"]
