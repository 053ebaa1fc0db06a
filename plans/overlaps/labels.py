"""Labels and colour-blind-safe colours of the overlap views.

The labels are views of plans/texts.toml (ids theme.<code>, link_kind.<code>, link_state.<code>,
plan_kind.<code>, axis.*), shaped ``{lang: {code: label}}``.
"""

from __future__ import annotations

from plans.i18n import LANGS, PLANS, text

THEME_LABELS = PLANS.tables("theme")
LINK_KIND_LABELS = PLANS.tables("link_kind")
LINK_STATE_LABELS = PLANS.tables("link_state")
PLAN_KIND_LABELS = PLANS.tables("plan_kind")
UNKNOWN_AXIS = {lang: text("axis.unknown", lang) for lang in LANGS}
WHOLE_PLAN = {lang: text("axis.whole_plan", lang) for lang in LANGS}

# Okabe-Ito palette (colour-blind safe), one colour per link kind; always shown with a label.
LINK_KIND_COLOURS = {
    "same_action": "#D55E00",
    "overlap": "#0072B2",
    "complements": "#009E73",
    "carried_over": "#E69F00",
    "answers_recommendation": "#CC79A7",
}
LINK_STATE_SYMBOLS = {"suggested": "?", "confirmed": "✓", "rejected": "✕"}


def label(table: dict[str, dict[str, str]], code: str | None, lang: str = "fr") -> str:
    if code is None:
        return ""
    return table.get(lang, {}).get(code) or table["fr"].get(code, code)


def theme_label(code: str, lang: str = "fr") -> str:
    return label(THEME_LABELS, code, lang)
