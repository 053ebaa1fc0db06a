"""The import profile: how a plan's files are read, as the user mapped it once (the Données page's mapping step,
or the command line's options) — then applied to the plan's next file automatically.

A profile is a plain dict (JSON in the database, ``plans.profiles``; pickled to the reading child):

    {"sheet": "Suivi" | None, "header_row": 3 | None,         # the header's row as Excel shows it
     "columns": {"Réf.": "ref", "Colonne inutile": "-"},     # header as written → field, "-" ignores it
     "joins": {"ref": ["N°", "Lettre"]},                      # « 34 » + « a » → « 34a »
     "dated": {"Statut juin 2025": ["status", "2025-06-30"]}, # one snapshot per date
     "values": {"status": {"delivered": "done"}, "voice": {…}, "confidence": {…}}}

Written down, it is the command line's options, one per line (the profile file the page offers to download and
upload, and ``python -m loaders profile --export / --import``)::

    --sheet "Suivi"
    --header-row 3
    --map "Réf.=ref"
    --map "N°+Lettre=ref"
    --map "Statut juin 2025=status@2025-06-30"
    --value "status:delivered=done"

Headers are compared by :func:`loaders.headers.norm_header`, spellings by :func:`plans.normalize.spelling_key`.
"""

from __future__ import annotations

import copy
import datetime as dt
import shlex

from loaders.headers import ALL_FIELDS, norm_header
from loaders.messages import text
from plans.normalize import spelling_key
from plans.vocab import STATUS_CODES, VOICES

IGNORE = "-"
FIELDS = tuple(f for f in ALL_FIELDS if f != "ignore")
DATED_FIELDS = ("status", "comment")
JOINED_FIELDS = ("ref",)
CONFIDENCE_CODES = ("confirmed", "secondary", "inferred", "not_found")
CODES: dict[str, tuple[str, ...]] = {"status": tuple(STATUS_CODES), "voice": tuple(VOICES),
                                     "confidence": CONFIDENCE_CODES}
HEADER_ROW_MAX = 1_048_576  # Excel's last row


class ProfileError(ValueError):
    """An option or a line of a profile file that is not valid; ``str()`` is the message in French (or the
    language asked), naming the option (and the line of a file)."""

    def __init__(self, code: str, lang: str = "fr", **params: object):
        self.code, self.params, self.lang = code, params, lang
        super().__init__(text(f"profile.{code}", lang, **params))

    def at_line(self, line: int) -> ProfileError:
        return ProfileError("at_line", self.lang, line=line, message=str(self))


def empty() -> dict:
    return {"sheet": None, "header_row": None, "columns": {}, "joins": {}, "dated": {},
            "values": {"status": {}, "voice": {}, "confidence": {}}}


def normal(profile: dict | None) -> dict:
    """``profile`` with every key present (a stored or older profile may lack some)."""
    out = empty()
    for key, value in (profile or {}).items():
        if key == "values":
            for kind, spellings in (value or {}).items():
                out["values"].setdefault(kind, {}).update(spellings or {})
        elif key in out:
            out[key] = copy.deepcopy(value)
    return out


def is_empty(profile: dict | None) -> bool:
    p = normal(profile)
    return (p["sheet"] is None and p["header_row"] is None and not p["columns"] and not p["joins"]
            and not p["dated"] and not any(p["values"].values()))


def _drop_header(p: dict, header: str) -> None:
    """Forget what ``p`` said of ``header`` (a new mapping of it replaces the old one, wherever it was)."""
    key = norm_header(header)
    p["columns"] = {h: f for h, f in p["columns"].items() if norm_header(h) != key}
    p["dated"] = {h: v for h, v in p["dated"].items() if norm_header(h) != key}


def add_map(p: dict, item: str, lang: str = "fr") -> None:
    """Apply one ``--map`` option to ``p``: "HEADER=FIELD", "HEADER=-", "H1+H2=ref", "HEADER=status@YYYY-MM-DD"."""
    header, sep, target = item.rpartition("=")
    header, target = header.strip(), target.strip()
    if not sep or not header or not target:
        raise ProfileError("bad_map", lang, item=item, fields=", ".join(FIELDS))
    fieldname, at, day = target.partition("@")
    fieldname = fieldname.strip()
    if at:
        if fieldname not in DATED_FIELDS:
            raise ProfileError("bad_dated_field", lang, item=item, fields=", ".join(DATED_FIELDS))
        try:
            when = dt.date.fromisoformat(day.strip())
        except ValueError:
            raise ProfileError("bad_map_date", lang, item=item, value=day.strip()) from None
        _drop_header(p, header)
        p["dated"][header] = [fieldname, when.isoformat()]
        return
    if fieldname in JOINED_FIELDS and "+" in header:
        parts = [h.strip() for h in header.split("+")]
        if len(parts) < 2 or not all(parts):
            raise ProfileError("bad_map", lang, item=item, fields=", ".join(FIELDS))
        p["joins"][fieldname] = parts
        p["columns"] = {h: f for h, f in p["columns"].items() if f != fieldname}
        for h in parts:
            _drop_header(p, h)
        return
    if fieldname == "ignore":
        fieldname = IGNORE
    if fieldname != IGNORE and fieldname not in FIELDS:
        raise ProfileError("bad_map", lang, item=item, fields=", ".join(FIELDS))
    _drop_header(p, header)
    if fieldname in JOINED_FIELDS:
        p["joins"].pop(fieldname, None)
    p["columns"][header] = fieldname


def add_value(p: dict, item: str, lang: str = "fr") -> None:
    """Apply one ``--value`` option to ``p``: "status:SPELLING=CODE" (also voice: and confidence:)."""
    kind, colon, rest = item.partition(":")
    kind = kind.strip()
    spelling, sep, code = rest.rpartition("=")
    spelling, code = spelling.strip(), code.strip()
    if not colon or kind not in CODES or not sep or not spelling:
        raise ProfileError("bad_value", lang, item=item, kinds=", ".join(CODES))
    if code not in CODES[kind]:
        raise ProfileError("bad_code", lang, item=item, kind=kind, codes=", ".join(CODES[kind]))
    spellings = p["values"].setdefault(kind, {})
    for old in [s for s in spellings if spelling_key(s) == spelling_key(spelling)]:
        del spellings[old]
    spellings[spelling] = code


def set_header_row(p: dict, value: object, lang: str = "fr") -> None:
    try:
        row = int(str(value).strip())
    except ValueError:
        row = 0
    if not 1 <= row <= HEADER_ROW_MAX:
        raise ProfileError("bad_header_row", lang, value=value)
    p["header_row"] = row


def parse_options(maps: list[str] | None = None, values: list[str] | None = None, sheet: str | None = None,
                  header_row: object = None, lang: str = "fr") -> dict:
    """The profile the command line's options say (ProfileError on the first one that is not valid)."""
    p = empty()
    if sheet is not None and str(sheet).strip():
        p["sheet"] = str(sheet).strip()
    if header_row is not None:
        set_header_row(p, header_row, lang)
    for item in maps or []:
        add_map(p, item, lang)
    for item in values or []:
        add_value(p, item, lang)
    return p


def merge(base: dict | None, new: dict | None) -> dict:
    """``base`` updated by ``new``: what ``new`` says of a header, a joined field, a spelling or the sheet and
    header row replaces what ``base`` said of it; the rest of ``base`` stays."""
    out, add = normal(base), normal(new)
    for key in ("sheet", "header_row"):
        if add[key] is not None:
            out[key] = add[key]
    for fieldname, parts in add["joins"].items():
        out["joins"][fieldname] = list(parts)
        out["columns"] = {h: f for h, f in out["columns"].items() if f != fieldname}
        for h in parts:
            _drop_header(out, h)
    for header, fieldname in add["columns"].items():
        _drop_header(out, header)
        if fieldname in out["joins"]:
            del out["joins"][fieldname]
        out["columns"][header] = fieldname
    for header, dated in add["dated"].items():
        _drop_header(out, header)
        out["dated"][header] = list(dated)
    for kind, spellings in add["values"].items():
        mine = out["values"].setdefault(kind, {})
        for spelling, code in spellings.items():
            for old in [s for s in mine if spelling_key(s) == spelling_key(spelling)]:
                del mine[old]
            mine[spelling] = code
    return out


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'  # read back by shlex.split (POSIX)


def options(profile: dict | None) -> list[str]:
    """The profile as command-line options (each a whole option with its quoted value), in a stable order."""
    p = normal(profile)
    out = []
    if p["sheet"] is not None:
        out.append(f"--sheet {_quote(p['sheet'])}")
    if p["header_row"] is not None:
        out.append(f"--header-row {int(p['header_row'])}")
    for header, fieldname in p["columns"].items():
        out.append(f"--map {_quote(f'{header}={fieldname}')}")
    for fieldname, parts in p["joins"].items():
        out.append(f"--map {_quote('+'.join(parts) + '=' + fieldname)}")
    for header, (fieldname, day) in p["dated"].items():
        out.append(f"--map {_quote(f'{header}={fieldname}@{day}')}")
    for kind in CODES:
        for spelling, code in p["values"].get(kind, {}).items():
            out.append(f"--value {_quote(f'{kind}:{spelling}={code}')}")
    return out


def to_text(profile: dict | None, *, plan_id: str = "", lang: str = "fr") -> str:
    """The profile file: a comment saying what it is, then one option per line."""
    head = [f"# {line}" for line in text("profile.file_head", lang, plan=plan_id).splitlines()]
    return "\n".join([*head, *options(profile)]) + "\n"


_OPTIONS = ("--sheet", "--header-row", "--map", "--value")


def from_text(content: str, lang: str = "fr") -> dict:
    """The profile a file says; ProfileError naming the line for anything not valid (every line is an option
    of the command line with its value, or blank, or a ``#`` comment)."""
    p = empty()
    for n, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            try:
                words = shlex.split(line, comments=False, posix=True)
            except ValueError:
                raise ProfileError("bad_line", lang, value=line.strip()[:80]) from None
            if len(words) != 2 or words[0] not in _OPTIONS:
                raise ProfileError("bad_line", lang, value=line.strip()[:80])
            option, value = words
            if option == "--sheet":
                p["sheet"] = value.strip() or None
            elif option == "--header-row":
                set_header_row(p, value, lang)
            elif option == "--map":
                add_map(p, value, lang)
            else:
                add_value(p, value, lang)
        except ProfileError as exc:
            raise exc.at_line(n) from None
    return p


def from_mapping(mapping: dict[str, str] | None, lang: str = "fr") -> dict:
    """The profile of the older ``mapping`` argument ({"Colonne X": "status"}): its columns."""
    return parse_options([f"{header}={fieldname}" for header, fieldname in (mapping or {}).items()], lang=lang)


__all__ = ["CODES", "IGNORE", "ProfileError", "add_map", "add_value", "empty", "from_mapping", "from_text",
           "is_empty", "merge", "normal", "options", "parse_options", "to_text"]
