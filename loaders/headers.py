"""Map a column header, however it is worded, to a canonical field."""

from __future__ import annotations

import functools
import re

from plans.normalize import fold

MEASURE_FIELDS = ("ref", "title", "axis", "lead_body", "deadline", "status", "comment", "source", "voice",
                  "confidence")
ANNOUNCEMENT_FIELDS = ("subject", "announced_on", "expected", "held_on", "kind", "notes", "source")
ALL_FIELDS = tuple(dict.fromkeys((*MEASURE_FIELDS, *ANNOUNCEMENT_FIELDS, "ignore")))
REQUIRED = {"measures": ("ref", "status"), "announcements": ("subject",)}

_STOP = {"de", "la", "le", "les", "des", "du", "l", "d", "a", "au", "aux", "en", "et", "of", "the", "par", "un", "une"}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "reference", "n", "no", "nr", "num", "numero", "id", "identifiant", "code", "number",
            "n mesure", "numero mesure", "ref mesure", "measure id", "measure number"),
    "title": ("mesure", "intitule", "libelle", "titre", "title", "measure", "action", "intitule mesure",
              "libelle mesure", "objet mesure", "name", "nom mesure", "compromiso", "commitment", "promise", "promesa",
              "medida", "accion"),
    "axis": ("axe", "axis", "axe plan", "axe strategique", "volet", "pilier", "eje"),
    "lead_body": ("pilote", "ministere pilote", "porteur", "responsable", "chef file", "pilotage", "lead",
                  "owner", "lead body", "administration pilote", "service pilote", "porteur mesure"),
    "deadline": ("echeance", "date cible", "calendrier", "deadline", "due date", "target date", "delai",
                 "date butoir", "echeancier", "date limite", "date prevue", "horizon", "target", "plazo",
                 "fecha limite"),
    "status": ("etat", "statut", "etat avancement", "avancement", "status", "statut mesure", "etat mesure",
               "niveau avancement", "progress status", "etat realisation", "statut avancement", "estado", "situacion",
               "estatus"),
    "comment": ("commentaire", "commentaires", "observations", "observation", "remarques", "remarque",
                "comment", "comments", "derniere information", "dernieres informations", "derniere info",
                "precisions", "last update", "latest information", "informations", "suivi", "analyse",
                "appreciation", "comentario", "comentarios", "observaciones"),
    "source": ("source", "sources", "lien", "liens", "url", "link", "justificatif", "reference source", "fuente",
               "fuentes"),
    "voice": ("voix", "voice", "source evaluation", "evaluateur", "evalue par", "assessed by",
              "source appreciation", "auteur evaluation"),
    "confidence": ("confiance", "fiabilite", "confidence", "niveau confiance", "degre confiance", "certitude"),
    "subject": ("sujet", "objet", "evenement", "subject", "event", "annonce", "instance", "reunion"),
    "announced_on": ("date annonce", "annonce le", "annonce faite le", "announced on", "date of announcement",
                     "announcement date", "date communication"),
    "expected": ("date annoncee", "echeance annoncee", "prevu pour", "prevue pour", "date prevue annoncee",
                 "expected", "expected date", "date announced", "annonce pour"),
    "held_on": ("tenu le", "tenue le", "date tenue", "date effective", "held on", "held", "realise le",
                "date reelle", "reunion tenue le", "tenu"),
    "kind": ("type", "nature", "kind", "type annonce"),
    "notes": ("notes", "note", "commentaire", "commentaires", "observations", "remarques", "comment"),
}


def norm_header(text) -> str:
    """« Libellé de la mesure » → « libelle mesure »: folded, punctuation and small words removed."""
    words = re.sub(r"[^a-z0-9]+", " ", fold("" if text is None else str(text))).split()
    kept = [w for w in words if w not in _STOP]
    return " ".join(kept or words)


_NORM_SYN = {f: tuple(dict.fromkeys(norm_header(s) for s in syns)) for f, syns in SYNONYMS.items()}
# the fields of each synonym (exact match, or the header starts with its words) and the synonyms of several
# words (all in the header): a header is scored against every field at once with a few lookups, not by a loop
# over fields × synonyms (which cost seconds on a sheet of 1,000 columns)
_BY_WORDS: dict[tuple[str, ...], tuple[str, ...]] = {}
for _f, _syns in _NORM_SYN.items():
    for _s in _syns:
        _BY_WORDS[tuple(_s.split())] = (*_BY_WORDS.get(tuple(_s.split()), ()), _f)
_LONGEST = max(map(len, _BY_WORDS))
_MULTI = tuple((frozenset(words), fields) for words, fields in _BY_WORDS.items() if len(words) > 1)


@functools.lru_cache(maxsize=8192)
def field_scores(header_norm: str) -> dict[str, int]:
    """Field → score of a normalised header, for the fields it scores above 0: 3 exact, 2 header starts with a
    synonym, 1 synonym words all in the header."""
    if not header_norm:
        return {}
    out: dict[str, int] = {}
    words = tuple(header_norm.split())
    present = set(words)
    for syn, fields in _MULTI:
        if syn <= present:
            out.update(dict.fromkeys(fields, 1))
    for k in range(1, min(len(words), _LONGEST) + 1):
        for f in _BY_WORDS.get(words[:k], ()):
            out[f] = 2
    for f in _BY_WORDS.get(words, ()):
        out[f] = 3
    return out


def match_fields(headers: list, fields: tuple[str, ...], mapping: dict[str, str]) -> dict[int, tuple[str, int]]:
    """Column index → (field, score), one column per field (the best one); ``mapping`` maps a
    normalised header to a field and wins over recognition."""
    candidates = []
    for j, h in enumerate(headers):
        n = norm_header(h)
        if not n:
            continue
        if n in mapping:
            candidates.append((9, j, mapping[n]))
            continue
        known = field_scores(n)
        scores = [(known.get(f, 0), -i, f) for i, f in enumerate(fields)]
        best = max(scores)
        if best[0] > 0:
            candidates.append((best[0], j, best[2]))
    chosen: dict[int, tuple[str, int]] = {}
    taken: dict[str, int] = {}
    for sc, j, f in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if f in taken and f != "ignore":
            continue
        taken[f] = j
        chosen[j] = (f, sc)
    return chosen
