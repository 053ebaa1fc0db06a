"""Errors and small value helpers shared by the brief's modules."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from dashboard.brief.texts import text as brief_text
from plans.dates import parse_day


class BriefError(RuntimeError):
    """A problem the user can act on; the message is in French and shown as is."""


def parse_date(text: str | None, option: str = "date") -> dt.date | None:
    """ISO (2025-12-31) or French (31/12/2025) date; BriefError in French otherwise."""
    try:
        return parse_day(text)
    except ValueError:
        raise BriefError(brief_text("error.bad_date", option=option, value=str(text).strip())) from None


def _d(value) -> dt.date | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    try:
        return parse_date(value)
    except BriefError:
        return None


def _s(value) -> str:
    """Text of a cell; '' for None/NaN."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _short(text: str, n: int = 110) -> str:
    """``text`` on one line, at most ``n`` characters: cut at the last whole word that fits, then « … » (a single
    word longer than ``n`` is the only one cut inside)."""
    text = " ".join(str(text).split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    if text[n - 1] != " " and " " in cut:  # the room ends inside a word: leave that word out
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-(«") + "…"


def _int(value) -> int | None:
    try:
        if value is None or pd.isna(value):
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def split_urls(value) -> list[str]:
    return [u.strip() for u in re.split(r"\s+;\s+|\s*;\s*(?=https?://)|\s+(?=https?://)", _s(value))
            if u.strip().startswith(("http://", "https://"))]


def steering_short(plan: dict) -> str:
    """« MIPROF » from « MIPROF (Mission …), comité de coordination »."""
    text = _s(plan.get("steering_body"))
    if not text:
        return ""
    return re.split(r"[(,;]", text, maxsplit=1)[0].strip()
