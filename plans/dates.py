"""Vague French (and English) dates → a normalised date range.

``parse_vague("fin février 2024")`` → ``DateRange(2024-02-21, 2024-02-29, "month")``.
Deadlines keep their text as written; the range (earliest, latest) is what the rules use:
a measure is overdue only after the *latest* date of its range.

English is read as its French twin: « Q2 2025 » as « T2 2025 », « H1 2025 » as « S1 2025 », « end of 2025 »
as « fin 2025 », « by 2026 » as « d'ici 2026 », « end of March 2025 » as « fin mars 2025 ». A season is its three
meteorological months in either language (« spring 2025 » = March–May, a « period »). A fiscal year
(« FY2025 ») is left unread: its months depend on the body. A day that does not exist (« 31/02/2026 ») is
unread too; ``impossible_day`` tells it apart so that the loaders report it as an error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from plans.normalize import fold

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "avril": 4, "avr": 4, "apr": 4, "april": 4,
    "mai": 5, "may": 5,
    "juin": 6, "jun": 6, "june": 6,
    "juillet": 7, "juil": 7, "jul": 7, "july": 7,
    "aout": 8, "aug": 8, "august": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}
SEASONS = {  # meteorological seasons: (start month, end month, year offset of end)
    "printemps": (3, 5), "spring": (3, 5),
    "ete": (6, 8), "summer": (6, 8),
    "automne": (9, 11), "autumn": (9, 11), "fall": (9, 11),
    "hiver": (12, 2), "winter": (12, 2),
}
PLAN_DURATION = re.compile(r"(duree|fin|terme|echeance) du plan|plan duration|end of (the )?plan|"
                           r"pendant (toute )?la duree|tout au long du plan|throughout the plan")


@dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date
    precision: str  # day|month|period

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _last(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_part(year: int, month: int, part: str | None) -> DateRange:
    last = _last(year, month)
    if part in ("debut", "early", "beginning of", "start of", "tout debut"):
        return DateRange(dt.date(year, month, 1), dt.date(year, month, 10), "month")
    if part in ("mi", "mid", "milieu", "mid of", "middle of"):
        return DateRange(dt.date(year, month, 11), dt.date(year, month, 20), "month")
    if part in ("fin", "end", "end of", "late", "tout fin"):
        return DateRange(dt.date(year, month, 21), last, "month")
    return DateRange(dt.date(year, month, 1), last, "month")


def _year_part(year: int, part: str | None) -> DateRange:
    if part in ("debut", "early", "beginning of", "start of"):
        return DateRange(dt.date(year, 1, 1), dt.date(year, 3, 31), "period")
    if part in ("mi", "mid", "milieu", "middle of"):
        return DateRange(dt.date(year, 4, 1), dt.date(year, 9, 30), "period")
    if part in ("fin", "end", "end of", "late"):
        return DateRange(dt.date(year, 10, 1), dt.date(year, 12, 31), "period")
    return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "period")


def _year(token: str) -> int:
    """« 25 » → 2025; four digits are the year as written (« 0001 » is year 1, not 2001)."""
    y = int(token)
    return y + 2000 if len(token) <= 2 else y


YEAR_MIN, YEAR_MAX = 1990, 2100  # the years a date of a follow-up table can fall in (outside: a typo)


def plausible(rng: DateRange) -> bool:
    """Whether ``rng`` lies within the years YEAR_MIN to YEAR_MAX."""
    return rng.start.year >= YEAR_MIN and rng.end.year <= YEAR_MAX


_PART = r"(?:(?P<part>tout debut|tout fin|debut|fin|mi|milieu|early|mid|late|end of|end|beginning of|start of|middle of)[\s-]*(?:de |d')?)?"
_BY = r"^(?:(?:d'ici|avant|au plus tard|by|before|jusqu'a|jusqu'en|pour|en|in|au|a|le|from|courant|during|des|dans le)\s+(?:la |le |l'|the )?)*"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

_ORDINALS = {"premier": "1er", "deuxieme": "2e", "second": "2e", "seconde": "2e", "troisieme": "3e",
             "quatrieme": "4e", "first": "1er", "third": "3e", "fourth": "4e"}
RX_ORDINAL = re.compile(r"\b(premier|deuxieme|seconde|second|troisieme|quatrieme|first|third|fourth)\b"
                        r"(?=\s+(?:semestre|trimestre|half|quarter))")
RX_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[t ][\d:.]+)?$")
RX_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
RX_YEAR = re.compile(_BY + _PART + r"(\d{4})\.?$")
RX_YEARS = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{4})$")
RX_NUMERIC = re.compile(r"^(?:le\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
RX_MONTH_YEAR_NUM = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
RX_DAY_MONTH = re.compile(_BY + r"(\d{1,2})(?:er|st|nd|rd|th)?\s+(" + _MONTH_NAMES + r")\.?\s+(\d{4})$")
RX_MONTH_DAY = re.compile(_BY + r"(" + _MONTH_NAMES + r")\.?\s+(\d{1,2}),?\s+(\d{4})$")
RX_MONTH = re.compile(_BY + _PART + r"(" + _MONTH_NAMES + r")\.?\s+(\d{4})$")
RX_QUARTER = re.compile(_BY + r"(?:t|q)([1-4])\s*[-/ ]?\s*(\d{4})$")
RX_QUARTER_WORDS = re.compile(_BY + r"([1-4])(?:er|e|eme|st|nd|rd|th)?\s+(?:trimestre|quarter)\s+(?:de |d'|of )?(\d{4})$")
RX_SEMESTER = re.compile(_BY + r"s([12])\s*[-/ ]?\s*(\d{4})$")
RX_SEMESTER_WORDS = re.compile(_BY + r"([12])(?:er|e|eme|nd|st)?\s+(?:semestre|half)\s+(?:de |d'|of )?(\d{4})$")
RX_HALF = re.compile(_BY + r"h([12])\s*[-/ ]?\s*(\d{4})$")
RX_SEASON = re.compile(_BY + _PART + r"(?:l')?(" + "|".join(SEASONS) + r")\s+(?:de |d')?(\d{4})$")


def _try_numeric(t: str) -> DateRange | None:
    if m := RX_ISO_DAY.match(t):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return DateRange(d, d, "day")
    if m := RX_ISO_MONTH.match(t):
        return _month_part(int(m[1]), int(m[2]), None)
    if m := RX_NUMERIC.match(t):
        d = dt.date(_year(m[3]), int(m[2]), int(m[1]))
        return DateRange(d, d, "day")
    if m := RX_MONTH_YEAR_NUM.match(t):
        return _month_part(int(m[2]), int(m[1]), None)
    if m := RX_YEARS.match(t):
        return DateRange(dt.date(int(m[1]), 1, 1), dt.date(int(m[2]), 12, 31), "period")
    return None


def _try_words(t: str) -> DateRange | None:
    if m := RX_DAY_MONTH.match(t):
        d = dt.date(int(m[3]), MONTHS[m[2]], int(m[1]))
        return DateRange(d, d, "day")
    if m := RX_MONTH_DAY.match(t):
        d = dt.date(int(m[3]), MONTHS[m[1]], int(m[2]))
        return DateRange(d, d, "day")
    if m := RX_MONTH.match(t):
        return _month_part(int(m[3]), MONTHS[m[2]], m["part"])
    if m := (RX_QUARTER.match(t) or RX_QUARTER_WORDS.match(t)):
        q, y = int(m[1]), int(m[2])
        return DateRange(dt.date(y, 3 * q - 2, 1), _last(y, 3 * q), "period")
    if m := (RX_SEMESTER.match(t) or RX_SEMESTER_WORDS.match(t) or RX_HALF.match(t)):
        s, y = int(m[1]), int(m[2])
        return DateRange(dt.date(y, 6 * s - 5, 1), _last(y, 6 * s), "period")
    if m := RX_SEASON.match(t):
        first, last = SEASONS[m[2]]
        y = int(m[3])
        end_year = y + 1 if last < first else y
        return DateRange(dt.date(y, first, 1), _last(end_year, last), "period")
    if m := RX_YEAR.match(t):
        return _year_part(int(m[2]), m["part"])
    return None


def parse_vague(
    value,
    *,
    plan_start: dt.date | None = None,
    plan_end: dt.date | None = None,
) -> DateRange | None:
    """Read a date or a vague deadline; ``None`` when blank or not understood.

    ``plan_start``/``plan_end`` give meaning to « durée du plan ».
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DateRange(value, value, "day")
    text = fold(value).strip(" .;,")
    if not text:
        return None
    text = RX_ORDINAL.sub(lambda m: _ORDINALS[m[1]], text)
    if ("/" in text and text.count("/") == 1 and RX_ISO_DAY.match(text.split("/")[0].strip())) or (
        "/" in text and re.match(r"^\d{4}(-\d{2}){0,2}/\d{4}(-\d{2}){0,2}$", text)
    ):
        left, right = (parse_vague(p) for p in text.split("/"))
        if left and right:
            return DateRange(left.start, right.end, "day" if left.precision == right.precision == "day" else "period")
    if PLAN_DURATION.search(text):
        if plan_end is None:
            return None
        return DateRange(plan_start or plan_end, plan_end, "period")
    try:
        return _try_numeric(text) or _try_words(text)
    except ValueError:  # 31/02/2024 and the like
        return None


def impossible_day(value) -> bool:
    """Whether ``value`` is written as one exact day that does not exist — a real month of a real year but
    no such day in it: « 31/02/2026 », « 2026-02-30 », « 29/02/2025 », « 30 février 2026 ». ``parse_vague``
    reads these as ``None`` (like any text it does not understand); the loaders tell them apart to report
    an error rather than keep the text. A month that does not exist (« 13/13/2025 », a month-first
    « 12/31/2025 ») is not called an impossible day: it stays unread."""
    if value is None or isinstance(value, dt.date):
        return False
    text = fold(value).strip(" .;,")
    if m := RX_ISO_DAY.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := RX_NUMERIC.match(text):
        year, month, day = _year(m[3]), int(m[2]), int(m[1])
    elif m := RX_DAY_MONTH.match(text):
        year, month, day = int(m[3]), MONTHS[m[2]], int(m[1])
    elif m := RX_MONTH_DAY.match(text):
        year, month, day = int(m[3]), MONTHS[m[1]], int(m[2])
    else:
        return False
    if not (dt.MINYEAR <= year <= dt.MAXYEAR and 1 <= month <= 12):
        return False
    return not 1 <= day <= calendar.monthrange(year, month)[1]


DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def parse_day(value) -> dt.date | None:
    """An exact day typed by a person: ISO (2025-12-31) or French numeric (31/12/2025, 31-12-2025,
    31.12.2025). ``None`` for blank; ``ValueError`` when it is not such a day (callers word the
    message for their users)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for fmt in DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_iso_day(text: str) -> dt.date:
    """An ISO day (2025-12-31) and no other spelling: a snapshot date is never guessed from a day-first
    one (31/12/2025 is refused). ``ValueError`` otherwise (callers word the message for their users)."""
    return dt.date.fromisoformat(text)


def as_date(value: object) -> dt.date | None:
    """A date from a date, datetime, pandas Timestamp or ISO text (a stored value, not typed by a person);
    ``None`` when missing or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    to_pydatetime = getattr(value, "to_pydatetime", None)  # pandas Timestamp
    if to_pydatetime is not None:
        try:
            return to_pydatetime().date()
        except ValueError:  # NaT
            return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# The month words of column headers (« Statut juin 2025 », « Estado DIC 2025 », « Status March 2024 »): those of
# parse_vague and the Spanish ones, which only headers are read with (a deadline stays French or English).
HEADER_MONTHS = {**MONTHS, "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
                 "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "set": 9,
                 "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12}
_HEADER_MONTH = "|".join(sorted(HEADER_MONTHS, key=len, reverse=True))
_NO_DIGIT_BEFORE, _NO_DIGIT_AFTER = r"(?<![0-9])", r"(?![0-9])"
RX_HEADER_DAY = re.compile(_NO_DIGIT_BEFORE + r"(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))"
                           + _NO_DIGIT_AFTER)
RX_HEADER_DAY_WORDS = re.compile(r"(?<![a-z0-9])(?:(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+)?(" + _HEADER_MONTH
                                 + r")\.?\s+(?:de\s+|del\s+)?(\d{4})|(" + _HEADER_MONTH
                                 + r")\.?\s+(\d{1,2}),?\s+(\d{4}))" + _NO_DIGIT_AFTER)
RX_HEADER_QUARTER = re.compile(r"(?<![a-z0-9])(?:[tq]([1-4])|([1-4])(?:er|e|eme|st|nd|rd|th)?\s+(?:trimestre|quarter)"
                               r"(?:\s+(?:de|d'|of|del))?)\s*[-/ ]?\s*(\d{4})" + _NO_DIGIT_AFTER)
RX_HEADER_HALF = re.compile(r"(?<![a-z0-9])[sh]([12])\s*[-/ ]?\s*(\d{4})" + _NO_DIGIT_AFTER)
RX_HEADER_MONTH = re.compile(r"(?<![a-z])(" + _HEADER_MONTH + r")\.?(?:\s+(?:de|del|of)\s+|[\s'/-]*)(\d{4}|\d{2})"
                             + _NO_DIGIT_AFTER)
RX_HEADER_YEAR = re.compile(_NO_DIGIT_BEFORE + r"(\d{4})" + _NO_DIGIT_AFTER)
RX_HEADER_MONTH_NUM = re.compile(r"(?<![0-9/.-])(?:(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{2}))(?![0-9/.-])")


def _in_years(day: dt.date) -> bool:
    return YEAR_MIN <= day.year <= YEAR_MAX


def header_date(text) -> tuple[dt.date, str] | None:
    """The date a column header says, with its precision ('day', 'month', 'quarter' — a quarter or a half-year —
    or 'year'): the last day of the period it names. « Statut juin 2025 » → (2025-06-30, 'month'), « Estado DIC
    2025 » → (2025-12-31, 'month'), « status_2019 » → (2019-12-31, 'year'), « T2 2025 » / « Q2 2025 » →
    (2025-06-30, 'quarter'), « Statut au 15/03/2024 » → (2024-03-15, 'day'); months in French, English and
    Spanish, a two-digit year only after a month name (« mars 24 »). None when the header says no date, or a
    date outside YEAR_MIN–YEAR_MAX, or a day that does not exist."""
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        return (text, "day") if _in_years(text) else None
    folded = fold(text).replace("_", " ")
    if not folded or not any(c.isdigit() for c in folded):
        return None
    day = _header_day(folded)
    found = _header_period(folded) if day is False else day
    return found if found is not None and _in_years(found[0]) else None


def _header_day(t: str) -> tuple[dt.date, str] | Literal[False] | None:
    """The day a header says; None when it writes one that does not exist (« 31/02/2024 »); False when it writes none."""
    try:
        if m := RX_HEADER_DAY.search(t):
            rng = parse_vague(m[1])
            return (rng.end, "day") if rng is not None and rng.precision == "day" else None
        if m := RX_HEADER_DAY_WORDS.search(t):
            if m[1]:
                return dt.date(int(m[3]), HEADER_MONTHS[m[2]], int(m[1])), "day"
            return dt.date(int(m[6]), HEADER_MONTHS[m[4]], int(m[5])), "day"
    except ValueError:  # 31 février: no such day
        return None
    return False


def _header_period(t: str) -> tuple[dt.date, str] | None:
    if m := RX_HEADER_QUARTER.search(t):
        return _last(int(m[3]), 3 * int(m[1] or m[2])), "quarter"
    if m := RX_HEADER_HALF.search(t):
        return _last(int(m[2]), 6 * int(m[1])), "quarter"
    if m := RX_HEADER_MONTH.search(t):
        return _last(_year(m[2]), HEADER_MONTHS[m[1]]), "month"
    if m := RX_HEADER_MONTH_NUM.search(t):  # « 06/2025 », « 2025-06 »
        year, month = (int(m[2]), int(m[1])) if m[1] else (int(m[3]), int(m[4]))
        return (_last(year, month), "month") if 1 <= month <= 12 else None
    years = [int(y) for y in RX_HEADER_YEAR.findall(t) if YEAR_MIN <= int(y) <= YEAR_MAX]
    if years:  # « Statut 2019-2020 »: the later one
        return dt.date(max(years), 12, 31), "year"
    return None
