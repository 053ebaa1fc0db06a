"""The brief's texts (dashboard/brief/texts.toml) as the composers read them: ``_t(lang)["key"]``; ``text(id)``
for one text by its full id.

Ids with a dot are grouped: ``what.<change kind>`` → ``t["what"]`` (a dict), ``times.<count>`` →
``t["times"]`` (int keys), ``table_overdue.<column>`` → ``t["table_overdue"]`` (the header row, in order).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plans.i18n import LANGS, Catalogue

TEXTS = Catalogue(Path(__file__).with_name("texts.toml"))


def _view(lang: str) -> dict[str, Any]:
    view: dict[str, Any] = {}
    for key, value in TEXTS.texts(lang).items():
        group, dot, code = key.partition(".")
        if dot:
            view.setdefault(group, {})[int(code) if group == "times" else code] = value
        else:
            view[key] = value
    view["table_overdue"] = list(view["table_overdue"].values())
    return view


T: dict[str, dict[str, Any]] = {lang: _view(lang) for lang in LANGS}


def _t(lang: str) -> dict[str, Any]:
    return T.get(lang, T["fr"])


def text(key: str, lang: str = "fr", /, **values: object) -> str:
    """A text of dashboard/brief/texts.toml by its full id (see ``plans.i18n.Catalogue.text``); the command
    line's words and the errors a person can act on are French whatever the brief's language."""
    return TEXTS.text(key, lang, **values)
