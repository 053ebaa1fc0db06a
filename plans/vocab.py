"""Controlled vocabularies shared by every layer (codes in English; their French and English labels are in
plans/texts.toml)."""

from __future__ import annotations

from plans.i18n import PLANS

STATUS_CODES: tuple[str, ...] = (
    "not_started",
    "initiated",
    "in_progress",
    "partial",
    "done",
    "postponed",
    "abandoned",
    "unknown",
)

# Labels come from plans/texts.toml (ids status.<code>, voice.<code>): {lang: {code: label}}.
STATUS_LABELS: dict[str, dict[str, str]] = PLANS.tables("status")

# « Engagées »: work has started and is not finished. One definition for every figure that groups these
# statuses (the overview KPI, exports); each status keeps its own label and colour in the charts.
STARTED_STATUSES: tuple[str, ...] = ("initiated", "in_progress", "partial")

# Codes used in ../shared/domain (status_as_reported) -> canonical codes.
DOMAIN_STATUS = {
    "non_engagee": "not_started",
    "engagee_en_construction": "initiated",
    "en_cours": "in_progress",
    "partiellement_realisee": "partial",
    "realisee": "done",
    "reportee": "postponed",
    "abandonnee": "abandoned",
    "inconnu": "unknown",
}

# Okabe-Ito colour-blind-safe palette, one colour per status (never used alone:
# labels and symbols always accompany the colour).
STATUS_COLOURS = {
    "not_started": "#D55E00",
    "initiated": "#E69F00",
    "in_progress": "#56B4E9",
    "partial": "#0072B2",
    "done": "#009E73",
    "postponed": "#CC79A7",
    "abandoned": "#000000",
    "unknown": "#999999",
}
STATUS_SYMBOLS = {
    "not_started": "○",
    "initiated": "◔",
    "in_progress": "◑",
    "partial": "◕",
    "done": "●",
    "postponed": "↻",
    "abandoned": "✕",
    "unknown": "?",
}

# Measure kinds that count toward a plan's declared total (a « related action » does not).
COUNTED_KINDS: tuple[str, ...] = ("measure", "commitment")

VOICES: tuple[str, ...] = ("government", "civil_society", "independent")
VOICE_LABELS: dict[str, dict[str, str]] = PLANS.tables("voice")

LINK_KINDS: tuple[str, ...] = (
    "same_action",
    "overlap",
    "complements",
    "carried_over",
    "answers_recommendation",
)
LINK_STATES: tuple[str, ...] = ("suggested", "confirmed", "rejected")

THEMES: tuple[str, ...] = (
    "sexual_exploitation",
    "labour_exploitation",
    "domestic_servitude",
    "forced_criminality",
    "forced_begging",
    "other_exploitation",
    "children",
    "migrants",
    "women",
    "training",
    "identification",
    "protection",
    "prosecution",
    "data",
    "awareness",
    "international",
    "supply_chains",
    "governance",
)

# How sure a row's information is (the domain's confidence labels): codes, and each code's text as the domain
# writes it (what a confidence cell is stored as once its spelling is understood; labels in plans/texts.toml).
CONFIDENCE_CODES: tuple[str, ...] = ("confirmed", "secondary", "inferred", "not_found")
CONFIDENCE_TEXT: dict[str, str] = {"confirmed": "confirmed", "secondary": "confirmed (secondary)",
                                   "inferred": "inferred", "not_found": "not found"}
CONFIDENCE_LABELS: dict[str, dict[str, str]] = PLANS.tables("confidence")

CONFIDENCE_PREFIXES = ("confirmed", "inferred", "not found", "secondary", "content", "measure", "action",
                       "theme", "existence", "axis", "reported")


def status_label(code: str, lang: str = "fr") -> str:
    return STATUS_LABELS.get(lang, STATUS_LABELS["fr"]).get(code, code)
