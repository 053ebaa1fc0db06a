"""Markdown rendering of the brief."""

from __future__ import annotations

import re

from dashboard.brief.compose import Block
from dashboard.brief.texts import _t
from plans.normalize import slug


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", str(text))


def to_markdown(blocks: list[Block], sources: list[str], *, images: dict[str, str] | None = None,
                lang: str = "fr") -> str:
    """Markdown of the same content; ``images`` maps chart keys to relative image paths."""
    out: list[str] = []

    def refs(ns):
        return "".join(f"[^{n}]" for n in ns)

    for b in blocks:
        if b.kind == "title":
            out += [f"# {_md_escape(b.text)}", ""]
        elif b.kind == "meta":
            out += [f"*{_md_escape(b.text)}*", ""]
        elif b.kind == "h1":
            out += [f"## {_md_escape(b.text)}", ""]
        elif b.kind == "h2":
            out += [f"### {_md_escape(b.text)}", ""]
        elif b.kind == "p":
            out += [_md_escape(b.text) + refs(b.refs), ""]
        elif b.kind == "note":
            prefix = f"**{_md_escape(b.bold_prefix.strip())}** " if b.bold_prefix else ""
            out += [f"> {prefix}*{_md_escape(b.text)}*", ""]
        elif b.kind == "bullets":
            out += [f"- {_md_escape(text)}{refs(ns)}" for text, ns in b.items] + [""]
        elif b.kind == "table":
            out.append("| " + " | ".join(_md_escape(h) for h in b.header) + " |")
            out.append("|" + "|".join("---" for _ in b.header) + "|")
            for row in b.items:
                *vals, ns = row
                cells = [_md_escape(v) for v in vals]
                cells[1] += refs(ns)
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
        elif b.kind == "chart" and images and images.get(b.chart):
            out += [f"![{_md_escape(b.caption)}]({images[b.chart]})", ""]
        elif b.kind == "charts" and images:
            for key, caption in b.items:  # one paragraph each: a figure of its own once pasted or converted
                if images.get(key):
                    out += [f"![{_md_escape(caption)}]({images[key]})", ""]
    if sources:
        out += [f"## {_t(lang)['h_sources']}", ""]
        out += [f"[^{i}]: <{url}>" for i, url in enumerate(sources, start=1)] + [""]
    return "\n".join(out)


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
