"""The one output encoder: every cell of every CSV or XLSX file Vigie writes goes through here (the table
downloads and the charts' data through `dashboard/exports.py`, the « Recoupements » CSV, the import template),
and every text of the brief (DOCX, its PDF, Markdown) and of a chart drawn to PNG, SVG or PDF is cleaned here.

The rule:

* :func:`clean_text` — control characters are removed from any text: U+0000–U+001F except tab, line feed and
  carriage return (the line ends), U+007F, U+FFFE, U+FFFF and lone surrogates. They are invisible, and XML
  (XLSX, DOCX) cannot hold them: one ``\\x01`` in a stored title made the template and the brief fail.
* :func:`formula_like` — a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is one a
  spreadsheet could run as a formula (OWASP « CSV injection »: ``=HYPERLINK(…)``). It stays text, always:

  - in CSV it gets a leading apostrophe (:func:`neutralise`): ``'=HYPERLINK(…)``, ``'-5``;
  - in XLSX it is written unchanged as a *string* cell with the *quotePrefix* style (:func:`to_xlsx_bytes`,
    :func:`write_cell` for openpyxl): never a formula, no visible apostrophe, and Excel and LibreOffice keep it
    text even when someone edits the cell.

* numbers, dates and booleans stay what they are: the number -5 is written as the number -5, untouched; only
  texts are ever changed.

CSV is for French Excel: UTF-8 with a BOM, ``;`` between cells, a decimal comma, ISO dates (``2024-03-21``).
A column whose every filled cell is an ISO day becomes real dates (XLSX date cells shown ``jj/mm/aaaa``).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from plans.dates import parse_iso_day

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 cannot hold (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; surrogates) and DEL.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
XLSX_MAX_TEXT = 32_767  # characters a spreadsheet cell holds
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Cell = str | int | float | bool | dt.date | dt.datetime | None


def clean_text(text: str) -> str:
    """``text`` without its control characters (see the module's rule); everything else is kept."""
    return CONTROL_CHARACTERS.sub("", text)


def clean(value: Any) -> Any:
    """:func:`clean_text` of every text in ``value`` (a text, or lists, tuples, dicts, numpy arrays of them, as in a
    Plotly figure's dict); the rest as is."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean(v) for v in value)
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, np.ndarray) and value.dtype.kind in "OU":
        return np.array([clean(v) for v in value.ravel().tolist()], dtype=value.dtype).reshape(value.shape)
    return value


def has_control(value: Any) -> bool:
    """True when a text in ``value`` (walked as :func:`clean` does) holds a control character."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.search(value) is not None
    if isinstance(value, (list, tuple)):
        return any(has_control(v) for v in value)
    if isinstance(value, dict):
        return any(has_control(k) or has_control(v) for k, v in value.items())
    if isinstance(value, np.ndarray) and value.dtype.kind in "OU":
        return any(has_control(v) for v in value.ravel().tolist())
    return False


def formula_like(value: object) -> bool:
    """True for a text a spreadsheet could evaluate (leading ``= + - @``, tab or carriage return)."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise(value: Any) -> Any:
    """The CSV form of a cell: a text cleaned (:func:`clean_text`) and, when :func:`formula_like`, with a leading
    apostrophe, so Excel and LibreOffice show it as text. Numbers, dates and ``None`` are returned unchanged: a
    negative *number* is not a formula."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    return "'" + value if formula_like(value) else value


def _joined(value: Any) -> str:
    if isinstance(value, Mapping):
        return "; ".join(f"{k} : {v}" for k, v in value.items())
    return " → ".join("" if v is None else str(v) for v in value)


def _scalar(value: Any) -> Any:
    """A pandas or numpy scalar as the plain Python value (Timestamp → date or datetime)."""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
        return value.date() if value.hour == value.minute == value.second == value.microsecond == 0 else value
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        with contextlib.suppress(ValueError, AttributeError, TypeError):
            return value.item()
    return value


def cell_value(value: Any, booleans: tuple[str, str] | None = None) -> Cell:
    """One cell made plain: missing (None, NaN, NaT) → None; numpy and pandas scalars → Python; lists → « a → b »;
    dicts → « k : v; … »; booleans → ``booleans`` (yes, no) when given; texts cleaned (:func:`clean_text`);
    a number that is not finite → its text. Formula-like texts are *not* neutralised here (each writer does)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, Mapping)):
        value = _joined(value)
    elif getattr(value, "ndim", 0) and hasattr(value, "tolist"):  # a numpy array or a Series in a cell
        value = _joined(value.tolist())
    with contextlib.suppress(TypeError, ValueError):
        if pd.isna(value):
            return None
    value = _scalar(value)
    if isinstance(value, bool):
        return value if booleans is None else booleans[0 if value else 1]
    if isinstance(value, decimal.Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, (int, float, dt.date)):  # dt.datetime is a dt.date
        return value
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return clean_text(str(value))


def _iso_dates(values: list[Cell]) -> list[Cell]:
    """A column whose every filled cell is an ISO day (« 2024-03-21 ») becomes real dates."""
    filled = [v for v in values if v is not None]
    if not filled or not all(isinstance(v, str) and _ISO_DAY.match(v) for v in filled):
        return values
    try:
        return [parse_iso_day(v) if isinstance(v, str) else v for v in values]
    except ValueError:
        return values


def frame_cells(df: pd.DataFrame, booleans: tuple[str, str] | None = None) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows of ``df`` with every cell through :func:`cell_value` (a named or multiple index becomes
    columns; a column of ISO days becomes dates). Texts are cleaned, not yet neutralised."""
    if isinstance(df.index, pd.MultiIndex) or df.index.name is not None:
        df = df.reset_index()
    header = [clean_text(str(c)) for c in df.columns]
    columns = [_iso_dates([cell_value(v, booleans) for v in df.iloc[:, j].tolist()]) for j in range(df.shape[1])]
    rows = [list(r) for r in zip(*columns, strict=True)] if columns else [[] for _ in range(len(df))]
    return header, rows


# ---------------------------------------------------------------- CSV

def csv_text(value: Cell) -> str:
    """One cell as CSV text for French Excel: ISO dates, decimal comma, formula-like texts neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        text = f"{value:.6g}" if abs(value) < 1e15 else repr(value)
        return text.replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """A table as CSV for French Excel (UTF-8 with BOM, ``;``, CRLF), every cell through the rule."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_text(cell_value(h)) for h in header])
    for row in rows:
        writer.writerow([csv_text(cell_value(v)) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_csv_bytes(df: pd.DataFrame, booleans: tuple[str, str] | None = None) -> bytes:
    """``df`` as CSV for French Excel (:func:`csv_bytes` of :func:`frame_cells`)."""
    return csv_bytes(*frame_cells(df, booleans))


# ---------------------------------------------------------------- XLSX (xlsxwriter)

def sheet_title(name: str, fallback: str = "Vigie") -> str:
    """A valid sheet name: no ``[ ] : * ? / \\``, no control character, at most 31 characters."""
    return "".join(ch for ch in clean_text(str(name)) if ch not in "[]:*?/\\").strip("'")[:31] or fallback


def xlsx_bytes(header: Sequence[Any], rows: Sequence[Sequence[Any]], sheet_name: str = "Vigie") -> bytes:
    """A table as an XLSX workbook: bold frozen header with a filter, real numbers and dates, texts as string
    cells (quotePrefix when :func:`formula_like`, so nothing is ever a formula and nothing shows an apostrophe)."""
    import xlsxwriter  # type: ignore[import-untyped]

    buf = io.BytesIO()
    # xlsxwriter must never turn a string into a formula, a link or a number
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    ws = wb.add_worksheet(sheet_title(sheet_name))
    bold = {"bold": True, "text_wrap": True, "valign": "top"}
    fmt = {"head": wb.add_format(bold), "head_quoted": wb.add_format({**bold, "quote_prefix": True}),
           "text_quoted": wb.add_format({"quote_prefix": True}), "date": wb.add_format({"num_format": "dd/mm/yyyy"}),
           "datetime": wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})}

    def text(i: int, j: int, value: str, head: bool = False) -> int:
        """A string cell (quotePrefix when formula-like); returns the width it needs."""
        value = clean_text(value)[:XLSX_MAX_TEXT]
        key = ("head" if head else "text") + ("_quoted" if formula_like(value) else "")
        ws.write_string(i, j, value, fmt.get(key))
        return len(value) + 2

    names = [cell_value(h) for h in header]
    widths = [max(8, min(60, text(0, j, "" if h is None else str(h), head=True))) for j, h in enumerate(names)]
    n_rows = 0
    for i, row in enumerate(rows, start=1):
        n_rows = i
        for j, raw in enumerate(row):
            value = cell_value(raw)
            if value is None:
                continue
            if isinstance(value, bool):
                ws.write_boolean(i, j, value)
                width = 6
            elif isinstance(value, dt.datetime):
                ws.write_datetime(i, j, value.replace(tzinfo=None), fmt["datetime"])
                width = 16
            elif isinstance(value, dt.date):
                ws.write_datetime(i, j, dt.datetime.combine(value, dt.time()), fmt["date"])
                width = 12
            elif isinstance(value, (int, float)):
                ws.write_number(i, j, value)
                width = len(str(value)) + 2
            else:
                width = text(i, j, str(value))
            if j < len(widths):
                widths[j] = max(widths[j], min(60, width))
    for j, width in enumerate(widths):
        ws.set_column(j, j, width)
    ws.freeze_panes(1, 0)
    if header:
        ws.autofilter(0, 0, max(n_rows, 1), len(header) - 1)
    wb.close()
    return buf.getvalue()


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "Vigie", booleans: tuple[str, str] | None = None) -> bytes:
    """``df`` as an XLSX workbook (:func:`xlsx_bytes` of :func:`frame_cells`)."""
    header, rows = frame_cells(df, booleans)
    return xlsx_bytes(header, rows, sheet_name)


# ---------------------------------------------------------------- XLSX cells written with openpyxl

def write_cell(ws: Any, row: int, column: int, value: Any) -> Any:
    """Put ``value`` in an openpyxl sheet by the rule and return the cell. openpyxl turns any text starting
    with ``=`` into a formula and refuses control characters: texts are cleaned and always written as string
    cells, with the quotePrefix style when :func:`formula_like` (no visible apostrophe)."""
    cell = ws.cell(row, column)
    value = cell_value(value)
    if isinstance(value, str):
        value = value[:XLSX_MAX_TEXT]
        cell.value = value
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


__all__ = ["CONTROL_CHARACTERS", "FORMULA_PREFIXES", "clean", "clean_text", "csv_bytes", "csv_text", "formula_like",
           "frame_cells", "has_control", "neutralise", "sheet_title", "to_csv_bytes", "to_xlsx_bytes", "write_cell",
           "xlsx_bytes"]
