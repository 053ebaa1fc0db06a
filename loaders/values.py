"""Cell values → canonical values: statuses, voices, refs, text, dates."""

from __future__ import annotations

import datetime as dt

from plans.normalize import fold
from plans.vocab import STATUS_CODES, STATUS_LABELS

_STATUS_WORDS = {
    "not_started": ("non engagee", "non engage", "non engagees", "non demarree", "non demarre", "non commencee",
                    "pas commencee", "pas engagee", "pas demarree", "a engager", "a lancer", "a venir",
                    "non lancee", "not started", "not_started", "non initiee"),
    "initiated": ("engagee", "engage", "engagees", "en construction", "engagee / en construction",
                  "engagee en construction", "initiee", "lancee", "amorcee", "demarree", "initiated", "started",
                  "en preparation", "en projet"),
    "in_progress": ("en cours", "en cours de realisation", "en cours de mise en oeuvre", "en cours de deploiement",
                    "in progress", "in_progress", "ongoing", "en avancement"),
    "partial": ("partiellement realisee", "partiellement realise", "partiellement mise en oeuvre",
                "realisee partiellement", "partielle", "partiel", "partial", "partly done", "partially done",
                "partially implemented"),
    "done": ("realisee", "realise", "realisees", "effective", "effectif", "terminee", "termine", "achevee",
             "mise en oeuvre", "accomplie", "done", "completed", "complete", "implemented"),
    "postponed": ("reportee", "reporte", "differee", "ajournee", "retardee", "en retard", "postponed", "delayed"),
    "abandoned": ("abandonnee", "abandonne", "abandon", "supprimee", "annulee", "abandoned", "cancelled",
                  "canceled", "dropped"),
    "unknown": ("inconnu", "inconnue", "non renseigne", "non renseignee", "nc", "n/c", "?", "ne sait pas",
                "pas d'information", "sans information", "unknown", "n/a", "na", "nd", "-"),
}


def _key(text: str) -> str:
    return fold(text).strip(" .;:,!")


STATUS_SPELLINGS: dict[str, str] = {_key(w): code for code, words in _STATUS_WORDS.items() for w in words}
for _lang in STATUS_LABELS.values():
    STATUS_SPELLINGS.update({_key(label): code for code, label in _lang.items()})
STATUS_SPELLINGS.update({c: c for c in STATUS_CODES})

VOICE_SPELLINGS = {
    "government": ("gouvernement", "government", "etat", "ministere", "ministeres", "administration", "officiel",
                   "officielle", "miprof", "gov"),
    "civil_society": ("societe civile", "civil society", "association", "associations", "ong", "collectif",
                      "ngo", "civil_society"),
    "independent": ("independant", "independante", "independent", "cncdh", "grevio", "greta", "autorite independante",
                    "rapporteur national", "evaluation independante"),
}
_VOICES = {_key(w): code for code, words in VOICE_SPELLINGS.items() for w in words}


def accepted_statuses(lang: str = "fr") -> str:
    return ", ".join(STATUS_LABELS.get(lang, STATUS_LABELS["fr"]).values())


def status_code(value, extra: dict[str, str]) -> str | None:
    """Canonical code for a status cell; 'unknown' for blank; None when not understood."""
    text = cell_text(value)
    if text is None:
        return "unknown"
    k = _key(text)
    return extra.get(k) or STATUS_SPELLINGS.get(k) or STATUS_SPELLINGS.get(k.replace("-", " "))


def voice_code(value) -> str | None:
    text = cell_text(value)
    if text is None:
        return "civil_society"
    return _VOICES.get(_key(text))


_DATE_TEXT: dict[dt.date, str] = {}


def cell_text(value) -> str | None:
    """Text of a cell as a person reads it; None when blank."""
    if type(value) is str:  # the common case, kept fast
        if "\xa0" in value:
            value = value.replace("\xa0", " ")
        return value.strip() or None
    if value is None:
        return None
    if type(value) is dt.date:  # a date column repeats a few hundred days over 200,000 rows
        text = _DATE_TEXT.get(value)
        if text is None:
            if len(_DATE_TEXT) > 10_000:
                _DATE_TEXT.clear()
            text = _DATE_TEXT[value] = value.strftime("%d/%m/%Y")
        return text
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    text = str(value).replace("\xa0", " ").strip()
    return text or None



def date_value(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
