"""The sentences said about the monitoring rules' data, worded from plans/texts.toml (ids ``rule.*``).

The rules (``plans.rules``) return codes and values; the command line (``plans.rules.cli``), the dashboard's
pages and the brief word them here, one id per sentence, so the three say the same thing:

* ``stalled_reason(unchanged_days, times_postponed, lang)`` — why a measure is stalled (a stalled row's
  ``unchanged_days`` / ``times_postponed``, the table's ``stalled_unchanged_days`` / ``stalled_times_postponed``);
* ``event_subject(event, lang)`` — the subject of a slipped-dates row (a measure's deadline has none of its own);
* ``days_overdue(n, lang)`` — the ``after`` of an « overdue » change;
* ``progress_source(source, lang)`` — where a plan generation's progress comes from;
* ``explain_rule(code, lang)`` — the formula behind an ``explain`` computation row.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from plans.i18n import text

DEADLINE_EVENT = "deadline:"  # event_key prefix of a measure's deadline chain in the slipped-dates ledger


def _count(value: Any) -> int | None:
    """A count from the rules' data: None, NaN and pandas' NA are « no value »."""
    return None if value is None or pd.isna(value) else int(value)


def stalled_reason(unchanged_days: Any, times_postponed: Any, lang: str = "fr") -> str | None:
    """« Ni le statut ni l'information n'ont changé depuis 349 jours; reportée 2 fois » (either part alone),
    or None when neither is given."""
    days, times = _count(unchanged_days), _count(times_postponed)
    parts = ([text("rule.stalled.unchanged", lang, days=days)] if days is not None else []) + \
            ([text("rule.stalled.postponed", lang, n=times)] if times is not None else [])
    return "; ".join(parts).capitalize() if parts else None


def event_subject(event: dict, lang: str = "fr") -> str | None:
    """The subject of a slipped-dates row: the announcement's own, or « Échéance de la mesure F01 » for the
    deadline chain of a measure."""
    if event.get("subject") is None and str(event.get("event_key") or "").startswith(DEADLINE_EVENT):
        return text("rule.deadline_subject", lang, ref=event.get("ref"))
    return event.get("subject")


def days_overdue(n: Any, lang: str = "fr") -> str:
    """« 335 jour(s) de retard »."""
    return text("rule.days_overdue", lang, n=_count(n))


def progress_source(source: dict | None, lang: str = "fr") -> str | None:
    """« évaluation CNCDH 2023-01-12 » or « Vigie au 2026-12-01 (12 mesures documentées) »."""
    if not source:
        return None
    if source.get("kind") == "evaluation":
        return text("rule.progress_source.evaluation", lang, by=source.get("by") or "",
                    date=source.get("date") or "").strip()
    return text("rule.progress_source.computed", lang, as_of=source.get("as_of"), n=source.get("documented"))


def explain_rule(code: str | None, lang: str = "fr") -> str | None:
    """The formula of an ``explain`` computation row (``rule``): « projection = début + jours écoulés / avancement »."""
    return text(f"rule.explain.{code}", lang) if code else None


def governance_year(year: Any, g: dict, lang: str = "fr") -> str:
    """One year of the committee rule: « 2025 : 2 / 2 — respectée », « 2025 : 1 / 2 — non respectée »,
    « 2026 : 0 / 2 — il faudrait deux réunions d'ici le 31 décembre », « … — ne peut plus être respectée »."""
    from plans.formatting import fmt_date

    held, required = _count(g.get("held")) or 0, _count(g.get("required")) or 0
    if g.get("met"):
        mark = text("rule.gov.met", lang)
    elif g.get("complete_year", True):
        mark = text("rule.gov.not_met", lang)
    elif not g.get("possible", True):
        mark = text("rule.gov.impossible", lang)
    else:
        needed = _count(g.get("needed")) or 0
        words = text(f"rule.gov.meetings.{needed}", lang) if needed in (1, 2, 3) else \
            text("rule.gov.meetings.many", lang, n=needed)
        until = fmt_date(g.get("until"), lang)
        mark = text("rule.gov.needed", lang, meetings=words, until=until.removesuffix(f" {year}"))
    return text("rule.gov.year", lang, year=year, held=held, required=required, mark=mark)
