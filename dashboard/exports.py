"""CSV and XLSX exports of any table, as shown in the app.

- French headers (columns are renamed with :data:`HEADERS_FR` when they are internal names);
- dates stay real dates (XLSX date cells with a ``jj/mm/aaaa`` format; ISO ``aaaa-mm-jj`` in CSV);
- every text cell that a spreadsheet could read as a formula (leading ``=``, ``+``, ``-``, ``@``,
  tab or carriage return) is neutralised with a leading apostrophe (OWASP "CSV injection").

CSV is UTF-8 with a BOM and ``;`` as separator, with a decimal comma, so that French Excel
opens it directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Mapping

import pandas as pd

from dashboard.i18n import TEXTS, t
from plans.dates import parse_iso_day

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Internal column names → French headers (dashboard/texts.toml export.header.*). Columns not listed are kept
# as they are.
HEADERS_FR: dict[str, str] = TEXTS.table("export.header", "fr")
SHEET_NAME = t("export.sheet")


def neutralise(value):
    """Return ``value`` made harmless for a spreadsheet.

    Strings starting with ``= + - @``, a tab or a carriage return get a leading apostrophe,
    so Excel/LibreOffice show them as text instead of evaluating them. Other values
    (numbers, dates, None) are returned unchanged: a negative *number* is not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _bool_fr(value):
    if value is True:
        return t("export.yes")
    if value is False:
        return t("export.no")
    return value


def _cell(value):
    """Normalise one cell: NaN/NaT → None, numpy scalars → Python, lists → text, booleans → oui/non."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = " → ".join("" if v is None else str(v) for v in value)
    elif isinstance(value, Mapping):
        value = "; ".join(f"{k} : {v}" for k, v in value.items())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
        if value.hour == value.minute == value.second == value.microsecond == 0:
            value = value.date()
    elif hasattr(value, "item") and not isinstance(value, (str, bytes)):
        with contextlib.suppress(ValueError, AttributeError):
            value = value.item()
    if isinstance(value, bool):
        return _bool_fr(value)
    return neutralise(value)


def _prepare(df: pd.DataFrame, headers: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Copy of ``df`` with French headers and every cell normalised and neutralised."""
    mapping = dict(HEADERS_FR)
    if headers:
        mapping.update(headers)
    out = df.copy()
    if isinstance(out.index, pd.MultiIndex) or out.index.name is not None:
        out = out.reset_index()
    out.columns = [neutralise(str(mapping.get(str(c), c))) for c in out.columns]
    data = {c: _iso_dates([_cell(v) for v in out.iloc[:, i].tolist()]) for i, c in enumerate(out.columns)}
    return pd.DataFrame(data, columns=list(out.columns), dtype=object)


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_dates(values: list) -> list:
    """A column whose every filled cell is an ISO day (« 2024-03-21 ») becomes real dates."""
    filled = [v for v in values if v is not None]
    if not filled or not all(isinstance(v, str) and _ISO_DAY.match(v) for v in filled):
        return values
    try:
        return [None if v is None else parse_iso_day(v) for v in values]
    except ValueError:
        return values


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        text = f"{value:.6g}" if abs(value) < 1e15 else repr(value)
        return text.replace(".", ",")
    return value


def to_csv_bytes(df: pd.DataFrame, headers: Mapping[str, str] | None = None) -> bytes:
    """The table as CSV for French Excel: UTF-8 with BOM, ``;`` separator, decimal comma."""
    prepared = _prepare(df, headers)
    prepared = prepared.apply(lambda col: col.map(_csv_value)) if len(prepared) else prepared
    text = prepared.to_csv(sep=";", index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = SHEET_NAME,
                  headers: Mapping[str, str] | None = None) -> bytes:
    """The table as an XLSX workbook: bold frozen header, real date cells, neutralised text."""
    import xlsxwriter

    prepared = _prepare(df, headers)
    buf = io.BytesIO()
    # strings_to_formulas=False: xlsxwriter must never turn a string into a formula.
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})
    safe_name = "".join(ch for ch in str(sheet_name) if ch not in "[]:*?/\\")[:31] or SHEET_NAME
    ws = wb.add_worksheet(safe_name)
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    dtime_fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    widths = []
    for j, col in enumerate(prepared.columns):
        ws.write_string(0, j, str(col), bold)
        widths.append(max(8, min(60, len(str(col)) + 2)))
    for i, row in enumerate(prepared.itertuples(index=False, name=None), start=1):
        for j, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                ws.write_datetime(i, j, value.replace(tzinfo=None), dtime_fmt)
                width = 16
            elif isinstance(value, dt.date):
                ws.write_datetime(i, j, dt.datetime.combine(value, dt.time()), date_fmt)
                width = 12
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(i, j, value)
                width = len(str(value)) + 2
            else:
                text = str(value)
                ws.write_string(i, j, text)
                width = len(text) + 2
            widths[j] = max(widths[j], min(60, width))
    for j, width in enumerate(widths):
        ws.set_column(j, j, width)
    ws.freeze_panes(1, 0)
    if len(prepared.columns):
        ws.autofilter(0, 0, max(len(prepared), 1), len(prepared.columns) - 1)
    wb.close()
    return buf.getvalue()


__all__ = ["HEADERS_FR", "neutralise", "to_csv_bytes", "to_xlsx_bytes"]
