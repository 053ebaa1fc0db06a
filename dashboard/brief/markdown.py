"""Markdown rendering of the brief."""

from __future__ import annotations

import re

from dashboard.brief.compose import Block
from dashboard.brief.texts import _t


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
            pics = [f"![{_md_escape(caption)}]({images[key]})" for key, caption in b.items if images.get(key)]
            if pics:
                out += [" ".join(pics), ""]
    if sources:
        out += [f"## {_t(lang)['h_sources']}", ""]
        out += [f"[^{i}]: <{url}>" for i, url in enumerate(sources, start=1)] + [""]
    return "\n".join(out)
