"""Cell values → canonical values: statuses, voices, refs, text, dates."""

from __future__ import annotations

import datetime as dt

from plans.normalize import spelling_key
from plans.vocab import CONFIDENCE_CODES, CONFIDENCE_LABELS, CONFIDENCE_TEXT, STATUS_CODES, STATUS_LABELS, VOICES

# The built-in spellings of each status: French, and the English of commitment trackers. Not here, on
# purpose: « stalled » / « bloquée » / « au point mort » (a state Vigie computes from the dates of the news,
# never a status a file sets), « planned » / « prévue » (not started, or begun?), « pending » / « en attente »
# (a bill pending is under way), « on hold » / « suspended » (paused, not moved to a later date): a plan
# declares them in ``statuses.extra_spellings`` when its trackers use them.
_STATUS_WORDS = {
    "not_started": ("non engagee", "non engage", "non engagees", "non demarree", "non demarre", "non commencee",
                    "pas commencee", "pas engagee", "pas demarree", "a engager", "a lancer", "a venir",
                    "non lancee", "not started", "non initiee", "non commence", "pas commence",
                    "pas encore engagee", "pas encore commencee", "pas encore demarree", "pas encore lancee",
                    "aucune avancee", "not yet started", "not begun", "not yet begun", "no progress",
                    "not initiated"),
    "initiated": ("engagee", "engage", "engagees", "en construction", "engagee en construction", "initiee",
                  "lancee", "amorcee", "demarree", "commencee", "commence", "initiated", "started", "launched",
                  "begun", "en preparation", "en projet", "in preparation", "under construction"),
    "in_progress": ("en cours", "en cours de realisation", "en cours de mise en oeuvre", "en cours de deploiement",
                    "en cours d'execution", "en avancement", "en bonne voie", "in progress", "ongoing", "on going",
                    "underway", "under way", "in the works", "work in progress", "being implemented",
                    "on track", "progressing"),
    "partial": ("partiellement realisee", "partiellement realise", "partiellement mise en oeuvre",
                "realisee partiellement", "partielle", "partiel", "partiellement", "partiellement atteint",
                "partiellement tenue", "en partie realisee", "realisee en partie", "en grande partie realisee",
                "partial", "partly", "partially", "partly done", "partially done", "partially implemented",
                "partially achieved", "partly achieved", "partially completed", "partly completed",
                "partially fulfilled", "partially kept", "partly kept", "largely", "largely done",
                "largely achieved", "largely completed", "mostly done", "compromise"),
    "done": ("realisee", "realise", "realisees", "effective", "effectif", "terminee", "termine", "achevee",
             "acheve", "finalisee", "mise en oeuvre", "accomplie", "atteint", "atteinte", "livree", "livre",
             "tenue", "tenu", "promesse tenue", "engagement tenu", "done", "completed", "complete",
             "implemented", "delivered", "achieved", "fulfilled", "kept", "promise kept", "finished",
             "accomplished"),
    "postponed": ("reportee", "reporte", "differee", "ajournee", "retardee", "en retard", "repoussee", "repousse",
                  "decalee", "reprogrammee", "postponed", "delayed", "deferred", "rescheduled",
                  "behind schedule"),
    "abandoned": ("abandonnee", "abandonne", "abandon", "supprimee", "supprime", "annulee", "annule", "retiree",
                  "non tenue", "promesse non tenue", "abandoned", "cancelled", "canceled", "dropped", "withdrawn",
                  "broken", "promise broken"),
    "unknown": ("inconnu", "inconnue", "non renseigne", "non renseignee", "nc", "n/c", "?", "ne sait pas",
                "pas d'information", "sans information", "non evalue", "non evaluee", "unknown", "n/a", "na",
                "nd", "-", "\u2013", "\u2014", "not yet rated", "not rated", "no information"),
}

# Codes as written (« not_started », « IN-PROGRESS »), then the labels of plans/texts.toml in both languages.
STATUS_SPELLINGS: dict[str, str] = {spelling_key(w): code for code, words in _STATUS_WORDS.items() for w in words}
for _lang in STATUS_LABELS.values():
    STATUS_SPELLINGS.update({spelling_key(label): code for code, label in _lang.items()})
STATUS_SPELLINGS.update({spelling_key(c): c for c in STATUS_CODES})

VOICE_SPELLINGS = {
    "government": ("gouvernement", "government", "etat", "ministere", "ministeres", "administration", "officiel",
                   "officielle", "miprof", "gov"),
    "civil_society": ("societe civile", "civil society", "association", "associations", "ong", "collectif",
                      "ngo", "ngos"),
    "independent": ("independant", "independante", "independent", "cncdh", "grevio", "greta", "autorite independante",
                    "rapporteur national", "evaluation independante"),
}
_VOICES = {spelling_key(w): code for code, words in VOICE_SPELLINGS.items() for w in words}

# The built-in spellings of a confidence cell (the domain's labels, French and English); a cell understood is
# stored as its code's text as the domain writes it (plans.vocab.CONFIDENCE_TEXT), any other kept as written.
CONFIDENCE_WORDS = {
    "confirmed": ("confirme", "confirmee", "confirmed", "verifie", "verifiee", "verified", "certain", "certaine"),
    "secondary": ("confirme (source secondaire)", "confirmee (source secondaire)", "confirmed (secondary)",
                  "confirmed (secondary source)", "source secondaire", "secondary", "secondaire", "indirect",
                  "indirecte"),
    "inferred": ("deduit", "deduite", "inferred", "estime", "estimee", "probable"),
    "not_found": ("non trouve", "non trouvee", "not found", "introuvable"),
}
CONFIDENCE_SPELLINGS: dict[str, str] = {spelling_key(w): code for code, words in CONFIDENCE_WORDS.items()
                                        for w in words}
for _lang in CONFIDENCE_LABELS.values():
    CONFIDENCE_SPELLINGS.update({spelling_key(label): code for code, label in _lang.items()})
CONFIDENCE_SPELLINGS.update({spelling_key(c): c for c in CONFIDENCE_CODES})
CONFIDENCE_SPELLINGS.update({spelling_key(t): c for c, t in CONFIDENCE_TEXT.items()})
VALUE_CODES: dict[str, tuple[str, ...]] = {"status": STATUS_CODES, "voice": VOICES, "confidence": CONFIDENCE_CODES}


def profile_spellings(profile: dict, kind: str) -> dict[str, str]:
    """The spellings an import profile maps for ``kind`` (status, voice, confidence), keyed by
    :func:`plans.normalize.spelling_key` (« #00b050 » for a colour), the codes as given."""
    given = ((profile or {}).get("values") or {}).get(kind) or {}
    return {spelling_key(spelling): code for spelling, code in given.items() if code in VALUE_CODES[kind]}


def accepted_statuses(lang: str = "fr") -> str:
    return ", ".join(STATUS_LABELS.get(lang, STATUS_LABELS["fr"]).values())


def status_code(value, extra: dict[str, str]) -> str | None:
    """Canonical code for a status cell; 'unknown' for blank; None when not understood. ``extra`` (the plan's
    ``statuses.extra_spellings``) is keyed by :func:`plans.normalize.spelling_key` and wins over the built-in words."""
    text = cell_text(value)
    if text is None:
        return "unknown"
    k = spelling_key(text)
    return extra.get(k) or STATUS_SPELLINGS.get(k)


def voice_code(value, extra: dict[str, str] | None = None) -> str | None:
    """Canonical voice of a cell; civil society for blank; None when not understood. ``extra`` (an import
    profile's spellings, see :func:`profile_spellings`) wins over the built-in words."""
    text = cell_text(value)
    if text is None:
        return "civil_society"
    k = spelling_key(text)
    return (extra.get(k) if extra else None) or _VOICES.get(k)


def confidence_code(text: str, extra: dict[str, str] | None = None) -> str | None:
    """The confidence code of a cell's text (an import profile's spelling first, then the built-in words);
    None when not understood."""
    k = spelling_key(text)
    return (extra.get(k) if extra else None) or CONFIDENCE_SPELLINGS.get(k)


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
