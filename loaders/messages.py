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


def _dates(report: Any, lang: str) -> str:
    """The snapshot date, or every date a file with dated columns gave (« 30/06/2025 et 31/12/2025 »)."""
    days = list((report.preview or {}).get("dates") or [])
    if len(days) < 2:
        return report.as_of.strftime("%d/%m/%Y") if report.as_of else "?"
    shown = [f"{d[8:10]}/{d[5:7]}/{d[0:4]}" for d in days]
    return text("summary.dates", lang, first=", ".join(shown[:-1]), last=shown[-1])


def _exact(report: Any) -> dict[str, int]:
    """The counts the summary gives, exact: from the preview's lists when the report has them."""
    c, p = report.counts, report.preview
    if not p:
        return {k: c.get(k, 0) for k in ("status_changes", "unchanged", "measures_added", "measures_vanished",
                                         "announcements")}
    new = {m["ref"] for m in p["new"]}  # a new measure's first status is counted with the new measures
    first = sum(1 for s in p["status_changes"] if s["ref"] in new and s["before"] is None)
    return {"status_changes": len(p["status_changes"]) - first, "unchanged": p["unchanged"],
            "measures_added": len(p["new"]),
            "measures_vanished": len(p["missing"]), "announcements": len(p["announcements"])}


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
    origin = text(f"summary.origin.{report.as_of_origin}", lang) \
        if report.as_of_origin in ("option", "title", "today", "column") \
        else ""
    x = _exact(report)
    return text("summary.done", lang, head=text("summary.dry_run" if report.outcome == "dry_run" else "summary.imported",
                                                lang),
                file=report.file, when=_dates(report, lang), origin=origin,
                rows=_n(c.get("rows_read", 0), "rows_read", lang),
                statuses=_n(x["status_changes"], "status_changes", lang),
                unchanged=_n(x["unchanged"], "unchanged", lang),
                assessments=_n(c.get("assessments", 0), "assessments", lang),
                added=_n(x["measures_added"], "measures_added", lang),
                changed=_n(c.get("measures_changed", 0), "measures_changed", lang),
                vanished=_n(x["measures_vanished"], "measures_vanished", lang),
                announcements=_n(x["announcements"], "announcements", lang), warnings=_n(nw, "warning", lang), more=more)
