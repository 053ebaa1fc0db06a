"""Server-side export of the app's charts for reports (PNG ≥ 2 000 px, SVG, PDF) and report packs.

* Every exported figure carries, drawn into the image: a French (or English) title, the plan's
  name, « données au <date> » and the source (annotation at the bottom). Colours stay in the
  Okabe-Ito colour-blind-safe palette of ``plans.vocab``.
* Rendering uses kaleido 1.5 with Debian's ``/usr/bin/chromium``. One browser is kept warm for a
  whole batch (:class:`ChartRenderer`) instead of one browser per chart, and its page stays loaded
  from one image to the next (kaleido alone reloads plotly.js after every image).
* :func:`chart_pack` builds the report pack: a ZIP of every chart (each format) and its CSV.

The figures themselves come from the dashboard's pure builders (``dashboard.charts``); this module
only decorates and renders them. No Streamlit here.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import datetime as dt
import io
import re
import threading
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import as_date, fmt_date

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FORMATS = ("png", "svg", "pdf")
EXPORT_WIDTH = 1000          # CSS px; PNG is rendered at PNG_SCALE → 2 500 px wide
PNG_SCALE = 2.5
DEFAULT_SOURCE = {
    "fr": "Vigie, collectif « Ensemble contre la traite des êtres humains », d'après des sources publiques",
    "en": "Vigie, collective « Ensemble contre la traite des êtres humains », from public sources",
}
TITLES = {
    "status_donut": ("Statut des mesures documentées", "Status of documented measures"),
    "status_by_axis": ("Statut des mesures par axe", "Status of measures by axis"),
    "status_by_lead": ("Statut des mesures par pilote", "Status of measures by lead body"),
    "progress_over_time": ("Avancement du plan au fil du temps", "Plan progress over time"),
    "time_vs_progress": ("Temps écoulé et avancement", "Time elapsed and progress"),
    "slippage_timeline": ("Dates annoncées, reportées, tenues", "Announced, postponed and held dates"),
    "governance_bars": ("Réunions du comité de coordination par an", "Coordination committee meetings per year"),
}
TXT = {
    "fr": {"as_of": "données au", "source": "Source"},
    "en": {"as_of": "data as of", "source": "Source"},
}


class ExportError(RuntimeError):
    """Export failed; the message is meant for the user (French)."""


@dataclass
class Chart:
    """One exportable chart: a stable key (file name), its decorated figure and the data it shows."""

    key: str
    title: str
    figure: go.Figure
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    height: int = 560


# ---------------------------------------------------------------- decoration

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "graphique"


TITLE_BLOCK = 78   # px taken by the title and subtitle
LEGEND_ROW = 34    # px for a horizontal legend under the subtitle


def decorate(fig: go.Figure, *, title: str, plan_name: str, as_of, lang: str = "fr",
             source: str | None = None, height: int | None = None, width: int = EXPORT_WIDTH) -> go.Figure:
    """A copy of ``fig`` with title, plan name, « données au … » and the source drawn into it.

    ``height`` is the height of the exported image (default: the figure's height plus room for the
    title block and the provenance line, at least 420 px).
    """
    txt = TXT.get(lang, TXT["fr"])
    out = go.Figure(fig)  # an independent copy (a deepcopy first cost ~0.15 s a chart)
    date_txt = fmt_date(as_of, lang) if as_of else ""
    subtitle = f"{plan_name} — {txt['as_of']} {date_txt}".strip(" —")
    src = source or DEFAULT_SOURCE.get(lang, DEFAULT_SOURCE["fr"])
    margin = out.layout.margin
    h_legend = bool(out.layout.showlegend is not False and out.layout.legend
                    and out.layout.legend.orientation == "h" and len(out.data) > 1)
    top = TITLE_BLOCK + (LEGEND_ROW if h_legend else 0) + max(margin.t or 0, 30)
    n_lines = len(_wrap_words(src, max(40, int(width / 7.2))))
    bottom = max(90, (margin.b or 0) + 75) + 14 * (n_lines - 1)
    if height is None:
        height = max(int(out.layout.height or 360), 300) + top + bottom - (margin.t or 0) - (margin.b or 0)
    height = max(int(height), 420)
    out.update_layout(height=height)
    out.update_layout(
        title={"text": f"<b>{title}</b>", "subtitle": {"text": subtitle, "font": {"size": 14, "color": "#444444"}},
               "x": 0.01, "xanchor": "left", "y": 0.985, "yanchor": "top", "yref": "container",
               "font": {"size": 20, "color": "#111111"}},
        colorway=OKABE_ITO, paper_bgcolor="white", plot_bgcolor="white",
        margin={"l": max(margin.l or 0, 20), "r": max(margin.r or 0, 30), "t": top, "b": bottom},
    )
    # a horizontal legend goes on its own row under the subtitle, clear of the plot's own labels
    if h_legend:
        out.update_layout(legend={"yref": "container", "y": 1 - (TITLE_BLOCK - 4) / height, "yanchor": "top",
                                  "x": 0, "xanchor": "left", "xref": "container"})
    out.add_annotation(
        text=f"{plan_name} · {txt['as_of']} {date_txt}<br>" + "<br>".join(_wrap_words(f"{txt['source']} : {src}",
                                                                                      max(40, int(width / 7.2)))),
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-(bottom - 40),
        showarrow=False, align="left", font={"size": 11, "color": "#555555"}, name="vigie-provenance")
    return out


def _wrap_words(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def figure_texts(fig: go.Figure) -> str:
    """All the text drawn by a figure's title, subtitle and annotations (for checks and tests)."""
    parts = [str(fig.layout.title.text or ""), str(fig.layout.title.subtitle.text or "")]
    parts += [str(a.text or "") for a in fig.layout.annotations or ()]
    return "\n".join(parts)


# ---------------------------------------------------------------- rendering

_LOCK = threading.Lock()
_USERS = 0
_BROWSER: _Browser | None = None
RELOAD_EVERY = 50  # images drawn in kaleido's page before it is loaded again (hygiene only)
START_TIMEOUT = 120.0  # s for Chromium and the plotly.js page to come up


def _friendly(exc: Exception) -> ExportError:
    msg = str(exc)
    if "Chrome" in msg or "chromium" in msg.lower() or "browser" in msg.lower():
        return ExportError("Export des graphiques impossible : le navigateur Chromium est introuvable. "
                           "Installez le paquet Debian « chromium » (make test l'installe).")
    return ExportError(f"Export du graphique impossible ({type(exc).__name__}).")


_KALEIDO_CLASS = None


def _kaleido_class():
    """``kaleido.Kaleido`` that keeps its page loaded between images.

    kaleido 1.5 reloads its page (plotly.js, 4.6 MB, parsed again) after every image: about half of
    each render, and PNG + SVG + PDF of one chart are three renders. Nothing an image leaves in the
    page matters to the next one: plotly draws PNG and SVG in a detached div that it purges, and a PDF
    replaces the page's single ``<img>`` and its ``@page`` size. So the page is reused, and reloaded
    every :data:`RELOAD_EVERY` images only. (With another kaleido, where the private method below no
    longer exists, the override is simply never called: slower, still correct.)
    """
    global _KALEIDO_CLASS
    if _KALEIDO_CLASS is None:
        import kaleido

        class _ReusingKaleido(kaleido.Kaleido):
            _images = 0

            async def _return_kaleido_tab(self, tab) -> None:
                self._images += 1
                if self._images % RELOAD_EVERY == 0:
                    await tab.reload()
                await self.tabs_ready.put(tab)

        _KALEIDO_CLASS = _ReusingKaleido
    return _KALEIDO_CLASS


class _Browser:
    """One headless Chromium driven by kaleido on a private event-loop thread; ``render`` is thread-safe.

    The browser starts in the background as soon as the object exists (``render`` waits for it), with
    MathJax off: the charts use no LaTeX, and kaleido's default would fetch MathJax from a CDN at every
    page load (there is no network on the server)."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="vigie-chromium", daemon=True)
        self._thread.start()
        self._opened = asyncio.run_coroutine_threadsafe(self._open(), self._loop)

    @staticmethod
    async def _open():
        k = _kaleido_class()(n=1, mathjax=False)
        await k.open()
        return k

    def render(self, fig: go.Figure, opts: dict) -> bytes:
        k = self._opened.result(timeout=START_TIMEOUT)
        spec = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
        return asyncio.run_coroutine_threadsafe(k.calc_fig(spec, opts=opts), self._loop).result()

    def close(self) -> None:
        """Stop the browser (after its start if it is still starting: a start cut short leaves Chromium behind)."""
        try:
            with contextlib.suppress(Exception):
                k = self._opened.result(timeout=START_TIMEOUT)
                asyncio.run_coroutine_threadsafe(k.close(), self._loop).result(timeout=30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            if not self._thread.is_alive():
                self._loop.close()


def _stop_browser() -> None:
    global _BROWSER
    browser, _BROWSER = _BROWSER, None
    if browser is not None:
        browser.close()


atexit.register(lambda: _stop_browser() if _BROWSER is not None else None)


class ChartRenderer:
    """Keeps one headless Chromium warm for a batch of exports: every figure and every format is drawn
    in the same browser page (see :func:`_kaleido_class`).

    Reentrant and shared between threads: the browser starts (in the background) with the first user and
    stops when the last user leaves.
    """

    def __enter__(self) -> ChartRenderer:
        global _USERS, _BROWSER
        with _LOCK:
            if _USERS == 0 and _BROWSER is None:
                try:
                    _BROWSER = _Browser()
                except Exception as exc:  # noqa: BLE001 - turned into a French message
                    raise _friendly(exc) from exc
            _USERS += 1
        return self

    def __exit__(self, *exc) -> None:
        global _USERS
        with _LOCK:
            _USERS -= 1
            if _USERS == 0:
                with contextlib.suppress(Exception):
                    _stop_browser()

    def prewarm(self) -> threading.Thread:
        """Load the page in the background (first render) while the caller does other work."""
        th = threading.Thread(target=self._warm, daemon=True)
        th.start()
        self._warming = th
        return th

    def _warm(self) -> None:
        with contextlib.suppress(Exception):
            self.render(go.Figure(layout={"width": 50, "height": 50}), "svg", width=50, height=50)

    def render(self, fig: go.Figure, fmt: str = "png", *, width: int = EXPORT_WIDTH, height: int | None = None,
               scale: float | None = None) -> bytes:
        warming = getattr(self, "_warming", None)
        if warming is not None and warming is not threading.current_thread():
            warming.join()
            self._warming = None
        if fmt not in FORMATS:
            raise ExportError(f"Format d'image inconnu : {fmt} (formats possibles : png, svg, pdf).")
        height = int(height or fig.layout.height or 560)
        if scale is None:
            scale = PNG_SCALE if fmt == "png" else 1
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        for attempt in (1, 2):
            try:
                browser = _BROWSER
                if browser is None:
                    raise ExportError("Export du graphique impossible : navigateur arrêté.")
                return browser.render(fig, opts)
            except Exception as exc:  # noqa: BLE001 - turned into a French message
                if attempt == 2 or isinstance(exc, (ValueError, TypeError)):
                    raise _friendly(exc) from exc
                _restart_browser()  # a browser kept warm may have died: one fresh start, then retry
        raise ExportError("Export du graphique impossible.")


def _restart_browser() -> None:
    global _BROWSER
    with _LOCK:
        with contextlib.suppress(Exception):
            _stop_browser()
        _BROWSER = _Browser()


_KEPT: ChartRenderer | None = None


def keep_warm() -> None:
    """Keep the browser up for the life of the process (the app server): after the first brief or pack,
    later ones skip Chromium's start (2–5 s). The browser starts in the background."""
    global _KEPT
    with contextlib.suppress(ExportError):
        if _KEPT is None:
            _KEPT = ChartRenderer().__enter__()


def render_chart(fig: go.Figure, fmt: str = "png", **kwargs) -> bytes:
    """One figure in one format (starts and stops a browser: prefer :class:`ChartRenderer` for batches)."""
    with ChartRenderer() as r:
        return r.render(fig, fmt, **kwargs)


def _export_height(chart: Chart) -> int:
    return max(int(chart.figure.layout.height or chart.height), 420)


def render_charts(charts: Iterable[Chart], formats: Iterable[str] = FORMATS) -> dict[str, bytes]:
    """``{"<key>.<fmt>": bytes}`` for every chart and format, with one warm browser."""
    formats = [f.strip().lower() for f in formats if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ExportError(f"Format d'image inconnu : {', '.join(bad)} (formats possibles : png, svg, pdf).")
    out: dict[str, bytes] = {}
    with ChartRenderer() as r:
        for chart in charts:
            h = _export_height(chart)
            for fmt in formats:
                out[f"{chart.key}.{fmt}"] = r.render(chart.figure, fmt, height=h)
    return out


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
            p = out / f"{chart.key}.csv"
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
            z.writestr("LISEZMOI.txt", readme)
        for name, data in files.items():
            z.writestr(name, data)
        for chart in charts:
            z.writestr(f"{chart.key}.csv", to_csv_bytes(chart.table))
    return buf.getvalue()


# ---------------------------------------------------------------- the app's charts for one plan

def _safe(builder: Callable[[], go.Figure], lang: str) -> go.Figure:
    from dashboard import charts as c

    try:
        return builder()
    except Exception:  # noqa: BLE001 - a broken builder must not break the whole pack
        return c.empty_figure(lang)


def _by_status_table(by_status: dict, lang: str) -> pd.DataFrame:
    from dashboard.i18n import status_text
    from plans.vocab import STATUS_CODES

    return pd.DataFrame([{"status": status_text(code, lang), "count": int((by_status or {}).get(code) or 0)}
                         for code in STATUS_CODES])


def _slipped_table(slipped: list[dict]) -> pd.DataFrame:
    rows = []
    for ev in slipped or []:
        rows.append({"subject": ev.get("subject"), "ref": ev.get("ref"), "announced": list(ev.get("announced") or []),
                     "held_on": as_date(ev.get("held_on")), "postponements": ev.get("postponements"),
                     "days_slipped": ev.get("days_slipped"), "state": ev.get("state")})
    return pd.DataFrame(rows, columns=["subject", "ref", "announced", "held_on", "postponements", "days_slipped",
                                       "state"])


def _governance_table(governance: dict) -> pd.DataFrame:
    rows = [{"year": str(y), "held": v.get("held"), "required": v.get("required"), "met": v.get("met")}
            for y, v in sorted((governance or {}).items(), key=lambda kv: str(kv[0]))]
    return pd.DataFrame(rows, columns=["year", "held", "required", "met"])


def _progress_table(summary: dict) -> pd.DataFrame:
    return pd.DataFrame([{"Indicateur": "Temps écoulé", "Valeur": summary.get("time_elapsed")},
                         {"Indicateur": "Avancement", "Valeur": summary.get("progress")}])


def build_charts(data: dict, lang: str = "fr", keys: Iterable[str] | None = None) -> list[Chart]:
    """Decorated charts from already computed data.

    ``data``: summary (dict), plan (dict), as_of, and optionally by_axis, by_lead, history (DataFrames).
    """
    from dashboard import charts as c

    summary = data.get("summary") or {}
    plan = data.get("plan") or {}
    as_of = data.get("as_of") or summary.get("as_of")
    plan_name = plan.get("short_title") or summary.get("plan_title") or plan.get("title_fr") or ""
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
                         figure=decorate(fig, title=title, plan_name=plan_name, as_of=as_of, lang=lang),
                         table=table))
    return out


def plan_chart_data(engine, plan_id: str, as_of: dt.date | None = None) -> dict:
    """Everything the plan's charts need, computed once by the monitoring rules."""
    from plans import rules, store

    plan = store.get_plan(engine, plan_id)
    if plan is None:
        raise ExportError(f"Plan inconnu : « {plan_id} ».")
    summary = rules.summary(engine, plan_id, as_of=as_of)
    as_of = as_date(summary.get("as_of")) or as_of or dt.date.today()
    data = {"summary": summary, "plan": plan, "as_of": as_of}
    for key, fn in (("by_axis", lambda: rules.progress_by(engine, plan_id, as_of, by="axis")),
                    ("by_lead", lambda: rules.progress_by(engine, plan_id, as_of, by="lead_body")),
                    ("history", lambda: rules.progress_history(engine, plan_id, until=as_of))):
        try:
            data[key] = fn()
        except Exception:  # noqa: BLE001 - a missing roll-up only drops one chart
            data[key] = None
    return data


def plan_charts(engine, plan_id: str, as_of: dt.date | None = None, lang: str = "fr") -> list[Chart]:
    """Every chart of the app for one plan, decorated for print."""
    return build_charts(plan_chart_data(engine, plan_id, as_of), lang)


def pack_readme(plan_name: str, as_of, lang: str = "fr") -> str:
    if lang == "en":
        return (f"Vigie — chart pack\nPlan: {plan_name}\nData as of {fmt_date(as_of, 'en')}\n\n"
                "Each chart comes as PNG (print, 2,500 px wide), SVG and PDF (vector), with the CSV of its data "
                "(UTF-8, ';' separator).\n")
    return (f"Vigie — pack de graphiques\nPlan : {plan_name}\nDonnées au {fmt_date(as_of, 'fr')}\n\n"
            "Chaque graphique est fourni en PNG (impression, 2 500 px de large), SVG et PDF (vectoriels), "
            "avec le CSV de ses données (UTF-8, séparateur « ; », s'ouvre dans Excel).\n")


__all__ = ["Chart", "ChartRenderer", "ExportError", "FORMATS", "OKABE_ITO", "TITLES", "build_charts",
           "chart_pack", "decorate", "export_charts", "figure_texts", "keep_warm", "pack_readme", "plan_chart_data",
           "plan_charts", "render_chart", "render_charts"]
