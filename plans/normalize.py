"""Text keys: the one way texts are folded, slugged and refs compared.

* :func:`fold` — how two spellings are compared (headers, statuses, dates, search, similarity):
  lower case, accents and ligatures removed (« Œuvre » → « oeuvre », « ß » → « ss »), curly
  apostrophes straight, runs of spaces (non-breaking ones included) one space, no space at either end.
* :func:`fold_series` — the same, column-wise on a pandas Series of strings (the dashboard's search).
* :func:`slug` — a folded text as ``a-z0-9`` words joined by ``-`` (event keys, file names).
* :func:`ref_key` — refs match whatever the case, accents and spacing: « f 01 » ≡ « F01 ».
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ẞ": "SS",
                           "\u2019": "'", "\u2018": "'"})
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: object) -> str:
    """« L’Œuvre  Éducative » → « l'oeuvre educative »; None → ""."""
    if text is None:
        return ""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(LIGATURES))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text.lower()).strip()


@functools.cache
def _combining_marks() -> str:
    """A regex class of every combining character (what :func:`fold` drops after NFKD)."""
    marks = [c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    ranges: list[list[int]] = []
    for c in marks:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


def fold_series(text: pd.Series) -> pd.Series:
    """:func:`fold` of each string of ``text``, with pandas' string methods (~20,000 strings in a few tens
    of milliseconds); the same steps in the same order, so both agree (property test)."""
    return (text.astype(object).str.translate(LIGATURES).str.normalize("NFKD")
            .str.replace(_combining_marks(), "", regex=True).str.lower()
            .str.replace(_SPACES.pattern, " ", regex=True).str.strip())


def slug(text: object, *, fallback: str = "", max_len: int | None = None) -> str:
    """« Comité de suivi : réunion d’octobre » → « comite-de-suivi-reunion-d-octobre » (cut at ``max_len``
    characters); ``fallback`` when nothing is left."""
    out = _NOT_SLUG.sub("-", fold(text)).strip("-")
    if max_len is not None:
        out = out[:max_len]
    return out or fallback


def ref_key(ref: str) -> str:
    """Refs match whatever the case, accents and spacing: « f 01 » ≡ « F01 »."""
    if ref.isascii():
        return "".join(ref.split()).upper()
    return "".join(fold(ref).split()).upper()
