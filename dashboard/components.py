"""Small UI blocks shared by the pages: KPI row, status badges, completeness notes, empty states,
charts with their downloads (« Télécharger »: PNG, SVG, PDF dressed for a report; CSV/XLSX of the data), and the
friendly error wrapper."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy.exc import DBAPIError

from dashboard import state
from dashboard.i18n import status_text, t
from plans import config
from plans.formatting import fmt_date, fmt_pct
from plans.normalize import is_web_url, slug
from plans.vocab import STATUS_CODES, status_label

log = logging.getLogger("vigie.dashboard")
DATA_PAGE = "app_pages/data_page.py"


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character: CommonMark escapes each one
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# Streamlit's GFM autolinks « http://… », « www.… » and e-mail addresses in the text once escapes are read
# (remarkjs/remark-gfm#33): an invisible word joiner after « : », « www » or « @ » keeps them text.
_AUTOLINK = re.compile(r"(?<=https:)|(?<=http:)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
_JOINER = "\u2060"


def plain(text: object) -> str:
    """Text from a file or the database as Markdown that shows exactly that text, on one line.

    Streamlit renders Markdown (and LaTeX, ``:red[…]`` directives, links, images) in ``st.markdown``,
    captions, titles, alerts and every widget label: an imported title « ![x](http://…) » would load a
    remote image. Each ASCII punctuation character is backslash-escaped (CommonMark shows it as is: no
    emphasis, link, image, HTML, ``$`` maths, list or heading can start), line breaks become spaces and an
    address is not turned into a link (``_AUTOLINK``). None / NaN → ``""``."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    one_line = _AUTOLINK.sub(_JOINER, _LINE_BREAKS.sub(" ", str(text)).strip())
    return _PUNCTUATION.sub(r"\\\1", one_line)


def source_link(url: object, label: str | None = None) -> str:
    """Markdown for a source: a link when it is an http(s) address, else the plain text (an imported file's
    name, a ``javascript:`` address)."""
    if not is_web_url(url):
        return plain(url)
    return f"[{plain(label or url)}](<{str(url).strip()}>)"


def web_urls(values: pd.Series) -> pd.Series:
    """A source column for ``st.column_config.LinkColumn``: http(s) addresses only, anything else ``""``."""
    return values.map(lambda v: str(v).strip() if is_web_url(v) else "")


def download_name(name: str) -> str:
    """A downloaded file's name (no extension): what it is, the plan and the « données au » date
    (« avancement-par-axe-pna-2024-2027-2025-06-30 »), so two downloads never get mixed up."""
    return slug(" ".join(x for x in (name, state.plan_id() or "", state.as_of().isoformat()) if x), fallback="vigie")


def plotly_config(filename: str) -> dict:
    """Keep Plotly's PNG download, named after the chart, the plan and the date, at twice the screen resolution;
    Plotly's toolbar in the page's language."""
    from dashboard.charts.plotly_locale import config as locale

    return {"displaylogo": False, **locale(state.lang()),
            "toImageButtonOptions": {"format": "png", "filename": download_name(filename), "scale": 2}}


# the columns the rules name with codes, as people read them in a download (status codes take their labels)
READABLE_COLUMNS = {"group": "col.group", "documented": "col.documented", "progress": "col.progress",
                    "coverage_note": "col.coverage", "date": "col.date", "year": "col.year", "held": "col.held",
                    "required": "col.required", "met": "col.met", "complete_year": "col.complete_year"}
PERCENT_COLUMNS = ("progress", "time_elapsed", "freshness")


def readable(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` as a download shows it: codes in column names replaced by their words, shares as « 45 % »."""
    out = df.copy()
    for col in PERCENT_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(lambda v: fmt_pct(v, lang) if isinstance(v, int | float) and v == v else "")
    names = {c: status_label(c, lang) for c in out.columns if c in STATUS_CODES}
    names |= {c: t(key, lang) for c, key in READABLE_COLUMNS.items() if c in out.columns}
    return out.rename(columns=names)


def _csv(df: pd.DataFrame) -> bytes:
    from dashboard.exports import to_csv_bytes

    return to_csv_bytes(df)


def _xlsx(df: pd.DataFrame) -> bytes:
    from dashboard.exports import to_xlsx_bytes

    return to_xlsx_bytes(df, sheet_name=t("nav.data", state.lang()))


def downloads(df: pd.DataFrame, name: str, key: str, row=None) -> None:
    """CSV and XLSX buttons for exactly the data shown (built only when clicked), in ``row`` or a row of their own."""
    lang = state.lang()
    base = download_name(name)
    df = readable(df, lang)
    row = row if row is not None else st.container(horizontal=True, gap="small")
    row.download_button(t("download_csv", lang), data=lambda: _csv(df), file_name=f"{base}.csv",
                            mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
                            help=t("download_help", lang))
    row.download_button(t("download_xlsx", lang), data=lambda: _xlsx(df), file_name=f"{base}.xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
                            help=t("download_help", lang))


def chart_file_name(name: str, fmt: str) -> str:
    """« avancement-par-axe-pna-2024-2027-2025-06-30.png »: a chart's file, named like every download."""
    return f"{download_name(name)}.{fmt}"


CHART_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def _report_context(plan_id: str | None, lang: str) -> dict:
    """What a chart exported for a report says besides its title: the plan, « données au », the coverage."""
    from dashboard import data
    from dashboard.charts.pack import coverage_text, plan_label

    as_of = state.as_of()
    plan_id = plan_id or state.plan_id()
    headline = data.headline(plan_id, as_of) if plan_id else {}
    return {"plan_name": plan_label(data.plan(plan_id) if plan_id else None, headline) or plan_id or "",
            "as_of": headline.get("as_of") or as_of, "coverage": coverage_text(headline, lang) if headline else None,
            "lang": lang}


def _chart_bytes(fig: go.Figure, name: str, fmt: str, context: dict) -> bytes:
    from dashboard.charts.pack import render_one

    try:
        return render_one(fig, fmt, title=name, **context)
    except Exception:
        log.exception("chart export failed (%s, %s)", name, fmt)
        raise


def chart_export(fig: go.Figure, name: str, key: str, *, plan_id: str | None = None, row=None) -> None:
    """« Télécharger »: the chart as shown, dressed for a report (title, plan, « données au », coverage, source) in
    PNG 2 500 px wide, SVG and PDF. Each file is drawn only when its button is clicked (a deferred download: no
    rendering while the page runs), then kept for the same chart and data (``pack.render_one``)."""
    lang = state.lang()
    context = _report_context(plan_id, lang)
    where = row if row is not None else st.container(horizontal=True, gap="small")
    with where.popover(t("chart.download", lang), icon=":material/download:", help=t("chart.download_help", lang)):
        st.caption(t("chart.download_note", lang))
        for fmt in ("png", "svg", "pdf"):
            st.download_button(t(f"chart.download_{fmt}", lang),
                               data=lambda fmt=fmt: _chart_bytes(fig, name, fmt, context),
                               file_name=chart_file_name(name, fmt), mime=CHART_MIME[fmt], key=f"{key}_{fmt}",
                               on_click="ignore", icon=":material/image:", width="stretch")


def chart(fig: go.Figure, df: pd.DataFrame | None, name: str, key: str, *, plan_id: str | None = None) -> None:
    """A Plotly chart with its « Télécharger » (PNG, SVG, PDF for a report) and the CSV/XLSX of the data it shows."""
    st.plotly_chart(fig, key=key, theme=None, config=plotly_config(name), width="stretch")
    row = st.container(horizontal=True, gap="small")
    chart_export(fig, name, key, plan_id=plan_id, row=row)
    if df is not None and not df.empty:
        downloads(df, name, key, row=row)


def status_badge(code: str | None, lang: str = "fr") -> str:
    """Markdown badge: symbol + label (never colour alone)."""
    return f":gray-badge[{status_text(code, lang)}]" if code else ""


def completeness_note(summary: dict, lang: str) -> str:
    """« 12 mesures documentées sur 60 (20 %) · 0 % vérifiées depuis moins de 90 jours »."""
    documented, declared = summary.get("measures_documented") or 0, summary.get("measures_declared")
    text = (t("completeness", lang, documented=documented, declared=declared) if declared
            else t("completeness_nodecl", lang, documented=documented))
    fresh = summary.get("freshness")
    days = config.with_defaults("thresholds", summary.get("thresholds"))["freshness_days"]
    if isinstance(fresh, int | float):
        text += t("fresh_note", lang, pct=fmt_pct(fresh, lang), days=days)
    return text


def kpi_row(items: list[tuple[str, str, str | None]]) -> None:
    """items: (label, value, help), side by side in equal columns (a long label never pushes a card onto a
    line of its own)."""
    for column, (label, value, help_text) in zip(st.columns(len(items)), items, strict=True):
        column.metric(label, value, help=help_text, border=True)


def empty_state(message: str | None = None) -> None:
    lang = state.lang()
    st.info(message or f"{t('no_data', lang)} {t('import_cta', lang)}.", icon=":material/upload_file:")
    st.page_link(DATA_PAGE, label=t("go_data", lang), icon=":material/database:")


def run_safely(body: Callable[[], None]) -> None:
    """Run a page; on any error show a French message and log the traceback (never shown to users)."""
    try:
        body()
    except Exception as exc:  # Streamlit's rerun/stop signals are BaseException and pass through
        log.exception("page error")
        from plans.db import database_url, schema_outdated

        outdated = schema_outdated(exc, database_url()) if isinstance(exc, DBAPIError) else None
        if outdated:  # data/vigie.db from an earlier version: say how to update it
            st.error(t("error.db_outdated", state.lang(), current=outdated[0] or "?", head=outdated[1]),
                     icon=":material/database:")
        else:
            st.error(t("error", state.lang()), icon=":material/error:")


def context() -> tuple[str, object, str]:
    """(plan_id, as_of, lang) chosen in the sidebar; stops the page with an empty state when no plan exists."""
    lang, plan_id = state.lang(), state.plan_id()
    if not plan_id:
        st.title("Vigie")
        empty_state(t("no_plan", lang))
        st.stop()
    return plan_id, state.as_of(), lang


def as_of_caption(summary: dict, lang: str) -> None:
    title = (summary.get("plan_title_en") if lang == "en" else None) or summary.get("plan_title") or summary.get("plan") or ""
    label = t("side.as_of", lang)
    st.caption(f"{plain(title)} · {label} {fmt_date(summary.get('as_of'), lang)} · {completeness_note(summary, lang)}")


def french_widget_texts(lang: str, upload_types: list[str]) -> None:
    """Streamlit writes some of its widgets' own words in English — the file uploader's button and limits
    (« Upload », « 50MB per file ») and an empty date field's placeholders (« dd / mm / yyyy ») — with no
    option to change them (streamlit/streamlit#13500): in French, CSS shows French words in their place.
    A style-only ``st.html`` takes no room on the page. The browser test checks that the selectors still
    match the pinned Streamlit's markup."""
    if lang == "en":
        return
    limit = t("widget.upload_limit", lang, mb=config.get("upload_max_mb"), types=", ".join(x.upper() for x in upload_types))
    zone = '[data-testid="stFileUploaderDropzone"]'
    rules = [(f'{zone} button [data-testid="stMarkdownContainer"] p', t("dp.browse", lang)),
             ('[data-testid="stFileUploaderDropzoneInstructions"] span', limit)]
    rules += [(f'[data-testid="stDateInput"] [data-type="{part}"][data-placeholder="true"]', t(f"widget.{part}", lang))
              for part in ("day", "month", "year")]
    css = "\n".join(f'{sel} {{ font-size: 0; }}\n{sel}::after {{ content: "{text}"; font-size: 0.875rem; }}'
                    for sel, text in rules)  # 0.875rem: the size Streamlit gives all five texts
    st.html(f"<style>\n{css}\n</style>")


def _template_bytes(plan_id: str) -> bytes:
    import tempfile
    from pathlib import Path

    from dashboard import data
    from loaders.template import write_template

    with tempfile.TemporaryDirectory() as tmp:
        return Path(write_template(data.engine(), plan_id, Path(tmp) / "modele.xlsx")).read_bytes()


def template_button(plan_id: str) -> None:
    """« Télécharger le modèle »: the plan's spreadsheet template, built on click."""
    lang = state.lang()
    st.download_button(t("template", lang), data=lambda: _template_bytes(plan_id),
                       file_name=f"modele-{plan_id}.xlsx", icon=":material/download:", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_template",
                       help=t("template_help", lang))
