"""A code suggested for a spelling Vigie does not understand (the mapping step pre-fills its lists with it):
the built-in vocabulary first, then words trackers use that Vigie does not accept without asking (Spanish ones,
« sûr »…), then similarity (a typo: « delivred » → done, « in progres » → in_progress). Only a suggestion: the
person confirms it before a file is read with it."""

from __future__ import annotations

import difflib
import functools
import re

from loaders import values
from plans.normalize import spelling_key

CUTOFF = 0.75  # difflib ratio of two keys for a suggestion by similarity
NEGATIONS = frozenset({"non", "not", "pas", "no", "sin", "never", "jamais", "nunca"})

# Suggested, never accepted as they are: the words of trackers in other languages, or that a plan may mean
# otherwise (a plan declares them in its profile once confirmed).
_STATUS_HINTS = {
    "done": ("cumplido", "cumplida", "completado", "completada", "realizado", "realizada", "finalizado",
             "finalizada", "ejecutado", "ejecutada", "logrado", "terminado", "terminada", "ok", "fait", "faite",
             "fini", "finie", "oui", "yes", "closed", "clos", "cloture", "cloturee"),
    "in_progress": ("en proceso", "en curso", "en ejecucion", "en marcha", "en progreso", "avanzando",
                    "en desarrollo", "in corso", "under implementation", "in process"),
    "not_started": ("no iniciado", "no iniciada", "sin iniciar", "no comenzado", "sin avance", "sin avances",
                    "not yet", "non", "no"),
    "initiated": ("iniciado", "iniciada", "comenzado", "comenzada", "lanzado", "lanzada"),
    "partial": ("parcialmente cumplido", "parcialmente cumplida", "cumplimiento parcial", "avance parcial",
                "parcial", "parcialmente", "in part"),
    "postponed": ("retrasado", "retrasada", "aplazado", "aplazada", "postergado", "postergada", "demorado",
                  "late", "overdue"),
    "abandoned": ("incumplido", "incumplida", "no cumplido", "no cumplida", "cancelado", "cancelada",
                  "abandonado", "abandonada", "not kept", "not done"),
    "unknown": ("sin informacion", "sin datos", "desconocido", "no disponible"),
}
_VOICE_HINTS = {
    "government": ("gobierno", "ministerio", "gouv", "govt", "official"),
    "civil_society": ("sociedad civil", "asociacion", "asociaciones", "osc", "csos", "cso"),
    "independent": ("independiente", "auditor", "observatoire", "defenseur des droits"),
}
# The domain's confidence labels (see /work/shared/domain/README.md) and their usual spellings; the layouts'
# own vocabulary (loaders.values.CONFIDENCE_SPELLINGS, a key → code dict) wins when it is there.
_CONFIDENCE_WORDS = {
    "confirmed": ("confirmed", "confirme", "confirmee", "verified", "verifie", "verifiee", "certain", "sur",
                  "sure", "high", "haute", "elevee", "forte", "confirmado", "confirmada", "alta"),
    "secondary": ("secondary", "secondaire", "source secondaire", "medium", "moyenne", "indirect", "indirecte",
                  "secundaria", "media"),
    "inferred": ("inferred", "deduit", "deduite", "infere", "inferee", "estimated", "estime", "estimee", "low",
                 "faible", "basse", "probable", "inferido", "baja"),
    "not_found": ("not found", "non trouve", "non trouvee", "introuvable", "absent", "absente", "no encontrado",
                  "none", "aucune"),
}


def _keys(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {spelling_key(w): code for code, ws in words.items() for w in ws}


@functools.cache
def vocabulary(kind: str) -> dict[str, str]:
    """Key (``plans.normalize.spelling_key``) → code of the spellings Vigie accepts for ``kind`` (status, voice,
    confidence) without asking; empty for another kind."""
    if kind == "status":
        return dict(values.STATUS_SPELLINGS)
    if kind == "voice":
        return _keys(values.VOICE_SPELLINGS)
    if kind == "confidence":
        known = getattr(values, "CONFIDENCE_SPELLINGS", None)
        return dict(known) if isinstance(known, dict) else _keys({c: w[:1] for c, w in _CONFIDENCE_WORDS.items()})
    return {}


@functools.cache
def _hints(kind: str) -> dict[str, str]:
    hints = {"status": _STATUS_HINTS, "voice": _VOICE_HINTS, "confidence": _CONFIDENCE_WORDS}.get(kind, {})
    return {**_keys(hints), **vocabulary(kind)}


_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def suggest(kind: str, spelling: object) -> str | None:
    """The code to suggest for ``spelling`` of a ``kind`` column (status, voice, confidence), or None."""
    if spelling is None or _HEX.fullmatch(str(spelling).strip()):
        return None
    return _suggest(kind, spelling_key(spelling))


@functools.lru_cache(maxsize=4096)
def _suggest(kind: str, key: str) -> str | None:
    known = _hints(kind)
    if not key:
        return None
    if key in known:
        return known[key]
    negated = bool(NEGATIONS.intersection(key.split()))
    close = [k for k in difflib.get_close_matches(key, list(known), n=5, cutoff=CUTOFF)
             if bool(NEGATIONS.intersection(k.split())) == negated]
    if close:
        return known[close[0]]
    return _contained(known, key, negated)


def _contained(known: dict[str, str], key: str, negated: bool) -> str | None:
    """The code of the longest known spelling of two words or more written whole inside ``key`` (« en cours
    (retard) » → in_progress), when the negations agree; None when none, or when two such give two codes."""
    padded = f" {key} "
    found = sorted((k for k in known if " " in k and f" {k} " in padded
                    and bool(NEGATIONS.intersection(k.split())) == negated), key=len, reverse=True)
    if not found:
        return None
    codes = {known[k] for k in found if len(k) == len(found[0])}
    return codes.pop() if len(codes) == 1 else None
