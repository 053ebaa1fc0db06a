"""The app's texts: ``t(id, lang, **values)`` over dashboard/texts.toml, and the labels pages compose.

The texts live in dashboard/texts.toml (French and English side by side, see plans/i18n.py); the tables
below are views of it, ``{lang: {code: text}}``. Dates, numbers and percentages are plans/formatting.py.
"""

from __future__ import annotations

from pathlib import Path

from plans.i18n import LANGS, Catalogue
from plans.vocab import STATUS_LABELS, STATUS_SYMBOLS, VOICE_LABELS

TEXTS = Catalogue(Path(__file__).with_name("texts.toml"))
LABELS: dict[str, dict[str, str]] = {lang: TEXTS.texts(lang) for lang in LANGS}

# State of an announced event (held / pending / no meeting known), lower case as in a table cell.
EVENT_STATES = TEXTS.tables("event_state")
EVENT_SYMBOLS = {"held": "●", "not_held": "✕", "pending": "…"}
CHANGE_KINDS = TEXTS.tables("change_kind")


def t(key: str, lang: str = "fr", /, **values: object) -> str:
    """The text ``key`` of dashboard/texts.toml in ``lang``, formatted with ``values``; KeyError if unknown."""
    return TEXTS.text(key, lang, **values)


def colon(lang: str = "fr") -> str:
    """« : » with a no-break space before it in French, «: » in English."""
    return t("colon", lang)


def status_text(code: str | None, lang: str = "fr") -> str:
    """Status as symbol + label, so it is never conveyed by colour alone."""
    if not code:
        return ""
    labels = STATUS_LABELS.get(lang, STATUS_LABELS["fr"])
    return f"{STATUS_SYMBOLS.get(code, '')} {labels.get(code, code)}".strip()


def voice_text(code: str | None, lang: str = "fr") -> str:
    if not code:
        return ""
    return VOICE_LABELS.get(lang, VOICE_LABELS["fr"]).get(code, code)
