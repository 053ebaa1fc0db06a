"""Dates, numbers and percentages as people read them, in French or English (Babel).

« 21 mars 2024 », « 1er décembre 2026 », « décembre 2025 » (a date the source gives only to the month),
« 1 234,5 » (narrow no-break space), « 42 % ». Used by the command lines, the app, the charts and the
brief; reading dates is plans/dates.py.
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from plans.dates import DateRange, as_date

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "fr_FR")


def format_day(value: dt.date | str | None, lang: str = "fr", precision: str | None = None) -> str:
    """A date as people write it: « 21 mars 2024 », « 1er décembre 2026 » (fr) / « 21 March 2024 »
    (en); with ``precision`` 'month' or 'year' only « décembre 2025 » / « 2025 » (a date the source
    gives to the month is never shown as a day). Empty string for a missing date."""
    if value is None or value == "":
        return ""
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if isinstance(d, dt.datetime):
        d = d.date()
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return format_date(d, "LLLL y", locale=_locale(lang))
    return _first_of_month(format_date(d, "long", locale=_locale(lang)), d, lang)


def _first_of_month(text: str, d: dt.date, lang: str) -> str:
    """« 1er décembre 2026 »: French writes the first day of a month as an ordinal."""
    return re.sub(r"(?<!\d)1 ", "1er ", text, count=1) if lang == "fr" and d.day == 1 else text


def format_since(value: dt.date | str | None, lang: str = "fr", precision: str | None = None) -> str:
    """When something stopped moving, to follow « depuis » / « since »: « le 11 juin 2024 », or
    « décembre 2025 » for a source dated to the month; « — » when unknown."""
    if value is None or value == "":
        return "—"
    text = format_day(value, lang, precision)
    return f"le {text}" if lang == "fr" and not precision else text


def format_range(r: DateRange | None, lang: str = "fr") -> str:
    """A range read from a vague date, for an import message, as people write dates: « 1er octobre → 31 décembre
    2025 », « 1er octobre 2025 → 31 mars 2026 », « 18 octobre 2024 » (a single day)."""
    if r is None:
        from plans.i18n import text

        return text("date.unread", lang)
    end = format_day(r.end, lang)
    if r.start == r.end:
        return end
    start = format_day(r.start, lang)
    if r.start.year == r.end.year:
        start = re.sub(rf"\s*{r.start.year}$", "", start)
    return f"{start} → {end}"


def fmt_date(value: object, lang: str = "fr", fmt: str = "long", precision: str | None = None) -> str:
    """Any date-like value (date, datetime, pandas Timestamp, ISO text) with ``format_day``; ``fmt`` another
    Babel format (« short », « full »…). Empty string for missing dates; unreadable text is shown as is."""
    d = as_date(value)
    if d is None:
        return str(value) if value not in (None, "") and str(value) != "NaT" else ""
    if fmt == "long" or precision in ("month", "year"):
        return format_day(d, lang, precision if isinstance(precision, str) else None)
    text = format_date(d, fmt, locale=_locale(lang))
    return _first_of_month(text, d, lang) if fmt == "full" else text


def fmt_num(value: float | None, lang: str = "fr", decimals: int = 1) -> str:
    """« 1 234,5 » (fr, narrow no-break space) / « 1,234.5 » (en); « — » when unknown."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def fmt_pct(value: float | None, lang: str = "fr") -> str:
    """« 42 % »; « — » when unknown (never invent a figure)."""
    if value is None:
        return "—"
    pattern = "#,##0\u202f%" if lang == "fr" else "#,##0%"
    return format_percent(value, format=pattern, locale=_locale(lang))
