"""The texts of loaders/ (loaders/texts.toml): issue messages and hints, field names, the import summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plans.i18n import LANGS, Catalogue

TEXTS = Catalogue(Path(__file__).with_name("texts.toml"))
FIELD_LABELS: dict[str, dict[str, str]] = TEXTS.tables("field")


def text(key: str, lang: str = "fr", /, **values: object) -> str:
    """A text of loaders/texts.toml (see ``plans.i18n.Catalogue.text``)."""
    return TEXTS.text(key, lang, **values)


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, lang: str, context: dict[str, Any]) -> tuple[str, str]:
    """(message, hint) of an issue code, its placeholders filled from ``context`` (unknown ones kept as
    ``{name}``); an unknown code is its own message."""
    texts = TEXTS.texts(lang if lang in LANGS else "fr")
    msg = texts.get(f"issue.{code}")
    if msg is None:
        return code, ""
    ctx = _Safe(context)
    return msg.format_map(ctx), texts[f"hint.{code}"].format_map(ctx)


def _n(count: int, name: str, lang: str) -> str:
    return text(f"count.{name}.{'one' if count <= 1 else 'many'}", lang, n=count)


def summary_sentence(report: Any, lang: str = "fr") -> str:
    c = report.counts
    ne, nw = len(report.errors) + report.dropped.get("error", 0), len(report.warnings) + report.dropped.get("warning", 0)
    hidden = sum(report.dropped.values())
    more = text("summary.more", lang, n=hidden) if hidden else ""
    if report.outcome == "noop":
        return text("summary.noop", lang, file=report.file, plan=report.plan_id)
    if report.outcome == "rejected":
        return text("summary.rejected", lang, file=report.file, errors=_n(ne, "error", lang),
                    warnings=_n(nw, "warning", lang), more=more)
    origin = text(f"summary.origin.{report.as_of_origin}", lang) if report.as_of_origin in ("option", "title", "today") \
        else ""
    return text("summary.done", lang, head=text("summary.dry_run" if report.outcome == "dry_run" else "summary.imported",
                                                lang),
                file=report.file, when=report.as_of.strftime("%d/%m/%Y") if report.as_of else "?", origin=origin,
                rows=_n(c["rows_read"], "rows_read", lang), assessments=_n(c["assessments"], "assessments", lang),
                added=_n(c["measures_added"], "measures_added", lang),
                changed=_n(c["measures_changed"], "measures_changed", lang),
                vanished=_n(c["measures_vanished"], "measures_vanished", lang),
                announcements=_n(c["announcements"], "announcements", lang), warnings=_n(nw, "warning", lang), more=more)
