"""Texts shown to people, French and English side by side, read from one TOML catalogue per layer.

A catalogue (``plans/texts.toml``, ``loaders/texts.toml``, ``dashboard/texts.toml``,
``dashboard/brief/texts.toml``) maps a dotted message id to its two texts::

    ["plan.tracked"]
    fr = "Plans suivis : {plans}."
    en = "Plans followed: {plans}."

``Catalogue(path)`` reads its file once, on first use; a lookup is then a dict get.
``text(id, lang, **values)`` gives the text in ``lang`` (French for a language Vigie does not speak),
formatted with ``values`` when any are given; an id missing from the file raises ``KeyError``.
``table(prefix, lang)`` gives ``{code: text}`` for the ids ``prefix.code`` (the labels of a vocabulary).
This module holds the catalogue of plans/ (``text``, ``table``); loaders/ and dashboard/ make their own
``Catalogue`` beside their file. tests/test_texts.py checks every catalogue.
"""

from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path

LANGS: tuple[str, ...] = ("fr", "en")


class Catalogue:
    """The texts of one TOML file: ``{id: {"fr": …, "en": …}}``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def entries(self) -> dict[str, dict[str, str]]:
        with self.path.open("rb") as f:
            return tomllib.load(f)

    @cached_property
    def _by_lang(self) -> dict[str, dict[str, str]]:
        return {lang: {key: entry.get(lang) or entry["fr"] for key, entry in self.entries.items()} for lang in LANGS}

    def texts(self, lang: str = "fr") -> dict[str, str]:
        """Every text in ``lang``, by id (read-only use)."""
        return self._by_lang.get(lang) or self._by_lang["fr"]

    def text(self, key: str, lang: str = "fr", /, **values: object) -> str:
        try:
            text = self.texts(lang)[key]
        except KeyError:
            raise KeyError(f"{key!r} is not in {self.path}") from None
        return text.format(**values) if values else text

    def table(self, prefix: str, lang: str = "fr") -> dict[str, str]:
        """``{code: text}`` for the ids ``prefix.code``, in the file's order."""
        head = prefix + "."
        return {key[len(head):]: value for key, value in self.texts(lang).items() if key.startswith(head)}

    def tables(self, prefix: str) -> dict[str, dict[str, str]]:
        """``{lang: {code: text}}``, the shape of the label tables other code indexes."""
        return {lang: self.table(prefix, lang) for lang in LANGS}


PLANS = Catalogue(Path(__file__).with_name("texts.toml"))


def text(key: str, lang: str = "fr", /, **values: object) -> str:
    """A text of plans/texts.toml (see ``Catalogue.text``)."""
    return PLANS.text(key, lang, **values)
