"""Markdown rendering of the brief (control characters removed, as in every output: `plans/outputs.py`)."""

from __future__ import annotations

import re

from dashboard.brief.compose import Block
from dashboard.brief.texts import _t
from plans.normalize import slug
from plans.outputs import clean_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~])")  # no emphasis, code, link, image, HTML, table cell, maths, strike
_MD_LINE_START = re.compile(r"^(?:([#+=-])|(\d+)([.)]))")  # no heading, list or rule made by a text's first word
# as dashboard.components.plain: Streamlit's preview (GFM) autolinks addresses once escapes are read
_AUTOLINK = re.compile(r"(?<=https:)|(?<=http:)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
_WEB_URL = re.compile(r"https?://[^\s<>\\\x00-\x1f\x7f]+", re.IGNORECASE)


def _md_escape(text: str) -> str:
    """Text (imported titles, notes, lead bodies… as well as the brief's own sentences) shown as written: on one
    line, Markdown's characters escaped, an address not made a link (an invisible word joiner)."""
    one_line = _AUTOLINK.sub("\u2060", re.sub(r"\s*[\r\n]+\s*", " ", str(text)).strip())
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", _MD_SPECIAL.sub(r"\\\1", one_line))


def _md_source(url: str) -> str:
    """A numbered source: a link when it is an http(s) address, else its text."""
    return f"<{url}>" if _WEB_URL.fullmatch(url) else _md_escape(url)


def _refs(ns) -> str:
    """Footnote references ``[^1][^2]``."""
    return "".join(f"[^{n}]" for n in ns)


# ---------------------------------------------------------------- one renderer per block kind
# Each takes (block, images) and returns its lines, the blank line after it included.


def _md_title(b: Block, images: dict[str, str] | None) -> list[str]:
    return [f"# {_md_escape(b.text)}", ""]


def _md_meta(b: Block, images: dict[str, str] | None) -> list[str]:
    return [f"*{_md_escape(b.text)}*", ""]


def _md_h1(b: Block, images: dict[str, str] | None) -> list[str]:
    return [f"## {_md_escape(b.text)}", ""]


def _md_h2(b: Block, images: dict[str, str] | None) -> list[str]:
    return [f"### {_md_escape(b.text)}", ""]


def _md_paragraph(b: Block, images: dict[str, str] | None) -> list[str]:
    return [_md_escape(b.text) + _refs(b.refs), ""]


def _md_note(b: Block, images: dict[str, str] | None) -> list[str]:
    prefix = f"**{_md_escape(b.bold_prefix.strip())}** " if b.bold_prefix else ""
    return [f"> {prefix}*{_md_escape(b.text)}*", ""]


def _md_bullets(b: Block, images: dict[str, str] | None) -> list[str]:
    return [f"- {_md_escape(text)}{_refs(ns)}" for text, ns in b.items] + [""]


def _md_table(b: Block, images: dict[str, str] | None) -> list[str]:
    """Header, rule, then one row per item (its last element: the source numbers, after the 2nd cell)."""
    out = ["| " + " | ".join(_md_escape(h) for h in b.header) + " |",
           "|" + "|".join("---" for _ in b.header) + "|"]
    for row in b.items:
        *vals, ns = row
        cells = [_md_escape(v) for v in vals]
        cells[1] += _refs(ns)
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def _md_chart(b: Block, images: dict[str, str] | None) -> list[str]:
    if images and images.get(b.chart):
        return [f"![{_md_escape(b.caption)}]({images[b.chart]})", ""]
    return []


def _md_charts(b: Block, images: dict[str, str] | None) -> list[str]:
    out: list[str] = []
    if images:
        for key, caption in b.items:  # one paragraph each: a figure of its own once pasted or converted
            if images.get(key):
                out += [f"![{_md_escape(caption)}]({images[key]})", ""]
    return out


_MD_BLOCKS = {"title": _md_title, "meta": _md_meta, "h1": _md_h1, "h2": _md_h2, "p": _md_paragraph,
              "note": _md_note, "bullets": _md_bullets, "table": _md_table, "chart": _md_chart,
              "charts": _md_charts}


def to_markdown(blocks: list[Block], sources: list[str], *, images: dict[str, str] | None = None,
                lang: str = "fr") -> str:
    """Markdown of the same content; ``images`` maps chart keys to relative image paths."""
    out: list[str] = []
    for b in blocks:
        render = _MD_BLOCKS.get(b.kind)
        if render is not None:
            out += render(b, images)
    if sources:
        out += [f"## {_t(lang)['h_sources']}", ""]
        out += [f"[^{i}]: {_md_source(url)}" for i, url in enumerate(sources, start=1)] + [""]
    return clean_text("\n".join(out))


# ---------------------------------------------------------------- Markdown with its charts (ZIP)


def image_paths(blocks: list[Block], charts: dict[str, bytes], folder: str) -> dict[str, str]:
    """Chart key → relative path ``folder/NN-caption.png`` for every chart the brief shows, in reading order."""
    pairs = []
    for b in blocks:
        if b.kind == "chart":
            pairs.append((b.chart, b.caption))
        elif b.kind == "charts":
            pairs.extend(b.items)
    out: dict[str, str] = {}
    for key, caption in pairs:
        if charts.get(key) and key not in out:
            out[key] = f"{folder}/{len(out) + 1:02d}-{slug(caption) or slug(key)}.png"
    return out


def markdown_files(blocks: list[Block], sources: list[str], charts: dict[str, bytes], *, lang: str = "fr",
                   name: str = "note", folder: str | None = None) -> dict[str, bytes]:
    """``{relative path: bytes}``: ``name.md`` and the PNG files it references (relative paths)."""
    folder = folder or _t(lang)["zip_folder"]
    paths = image_paths(blocks, charts, folder)
    files = {f"{name}.md": to_markdown(blocks, sources, images=paths, lang=lang).encode("utf-8")}
    for key, path in paths.items():
        files[path] = charts[key]
    return files


def markdown_zip(blocks: list[Block], sources: list[str], charts: dict[str, bytes], *, lang: str = "fr",
                 name: str = "note") -> bytes:
    """ZIP « Markdown + graphiques »: the note, its charts as PNG in a folder, and a short read-me."""
    import io
    import zipfile

    folder = _t(lang)["zip_folder"]
    files = markdown_files(blocks, sources, charts, lang=lang, name=name, folder=folder)
    readme_name, readme = _t(lang)["zip_readme_name"], _t(lang)["zip_readme"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(readme_name, readme.format(md=f"{name}.md", folder=folder), compress_type=zipfile.ZIP_DEFLATED)
        for path, data in files.items():
            kind = zipfile.ZIP_STORED if path.endswith(".png") else zipfile.ZIP_DEFLATED  # PNG is compressed already
            z.writestr(path, data, compress_type=kind)
    return buf.getvalue()
