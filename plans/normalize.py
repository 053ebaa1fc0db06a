"""Text keys: the one way texts are folded, slugged and refs compared.

* :func:`fold` — how two spellings are compared (headers, statuses, dates, search, similarity):
  lower case, accents and ligatures removed (« Œuvre » → « oeuvre », « ß » → « ss »), curly
  apostrophes straight, runs of spaces (non-breaking ones included) one space, no space at either end.
* :func:`spelling_key` — how a word of a controlled vocabulary (status, voice) is compared: :func:`fold`,
  hyphens, dashes, underscores and slashes read as spaces, no punctuation at either end: « In-Progress »,
  « in_progress », « In  Progress » are one spelling.
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
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: object) -> str:
    """« L’Œuvre  Éducative » → « l'oeuvre educative »; None → ""."""
    if text is None:
        return ""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(LIGATURES))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


_SEPARATORS = str.maketrans(dict.fromkeys("-_/\u2010\u2011\u2012\u2013\u2014\u2015\u2212", " "))
_END_PUNCTUATION = " .;:,!"


def spelling_key(text: object) -> str:
    """« In-Progress », « in_progress », « In  Progress » → « in progress »; « Engagée / en construction » →
    « engagee en construction »; « Réalisée. » → « realisee ». The one key for the spellings of a status or a
    voice, the built-in ones and a plan's own (``statuses.extra_spellings``). A text of separators or
    punctuation only keeps its folded self (« - », « — », « ? »), so a filler stays a filler."""
    folded = fold(text)
    key = " ".join(folded.translate(_SEPARATORS).split()).strip(_END_PUNCTUATION)
    return key or "".join(folded.split())


_ASTRAL = "[\U00010000-\U0010ffff]"


@functools.cache
def _combining_marks() -> tuple[str, str]:
    """Regex classes of the combining characters (what :func:`fold` drops after NFKD): those of the
    Basic Multilingual Plane, then the others (a class of single BMP characters is a fast bitmap; one
    with astral characters is tested range by range, so it is used only on the rare strings that need it)."""
    marks = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    bmp = "".join(re.escape(c) for c in marks if c <= "\uffff")
    astral = "".join(re.escape(c) for c in marks if c > "\uffff")
    return f"[{bmp}]", f"[{astral}]"


def _one_space(text: str) -> str:
    return " ".join(text.split())


def fold_series(text: pd.Series) -> pd.Series:
    """:func:`fold` of each string of ``text``, with pandas' string methods (~20,000 strings in a few tenths
    of a second); the same steps in the same order, so both agree (property test)."""
    bmp, astral = _combining_marks()
    out = text.astype(object).str.translate(LIGATURES).str.normalize("NFKD").str.replace(bmp, "", regex=True)
    far = out.str.contains(_ASTRAL, regex=True, na=False)
    if far.any():
        out = out.where(~far, out[far].str.replace(astral, "", regex=True))
    return out.str.lower().map(_one_space, na_action="ignore")


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


_WEB_URL = re.compile(r"https?://[^\s<>\\\x00-\x1f\x7f]+", re.IGNORECASE)


def is_web_url(url: object) -> bool:
    """An ``http://`` / ``https://`` address with nothing a Markdown link could be broken by (a file name,
    ``javascript:`` or ``data:`` is not one)."""
    return isinstance(url, str) and _WEB_URL.fullmatch(url.strip()) is not None
