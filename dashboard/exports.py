"""CSV and XLSX exports of any table, as shown in the app (the charts' data in the report pack too).

- French headers (columns are renamed with :data:`HEADERS_FR` when they are internal names);
- booleans are « oui » / « non »;
- everything else is the one output rule of `plans/outputs.py`: dates stay real dates (XLSX date cells with a
  ``jj/mm/aaaa`` format; ISO ``aaaa-mm-jj`` in CSV), numbers stay numbers, control characters are removed, and a
  text a spreadsheet could read as a formula (leading ``=``, ``+``, ``-``, ``@``, tab or carriage return) is
  neutralised: a leading apostrophe in CSV, a string cell with the quotePrefix style in XLSX (no visible
  apostrophe) — OWASP « CSV injection ».

CSV is UTF-8 with a BOM and ``;`` as separator, with a decimal comma, so that French Excel opens it directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.i18n import TEXTS, t
from plans import outputs
from plans.outputs import FORMULA_PREFIXES, neutralise

# Internal column names → French headers (dashboard/texts.toml export.header.*). Columns not listed are kept
# as they are.
HEADERS_FR: dict[str, str] = TEXTS.table("export.header", "fr")
SHEET_NAME = t("export.sheet")


def _table(df: pd.DataFrame, headers: Mapping[str, str] | None = None) -> tuple[list[str], list[list]]:
    """Header (French names) and rows of ``df``, every cell through :func:`plans.outputs.cell_value`."""
    mapping = {**HEADERS_FR, **(headers or {})}
    header, rows = outputs.frame_cells(df, booleans=(t("export.yes"), t("export.no")))
    return [mapping.get(h, h) for h in header], rows


def to_csv_bytes(df: pd.DataFrame, headers: Mapping[str, str] | None = None) -> bytes:
    """The table as CSV for French Excel: UTF-8 with BOM, ``;`` separator, decimal comma, formulas neutralised."""
    return outputs.csv_bytes(*_table(df, headers))


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = SHEET_NAME,
                  headers: Mapping[str, str] | None = None) -> bytes:
    """The table as an XLSX workbook: bold frozen header, real date cells, texts never formulas."""
    return outputs.xlsx_bytes(*_table(df, headers), sheet_name=outputs.sheet_title(sheet_name, SHEET_NAME))


__all__ = ["FORMULA_PREFIXES", "HEADERS_FR", "neutralise", "to_csv_bytes", "to_xlsx_bytes"]
