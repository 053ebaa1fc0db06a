"""One brief: :func:`build` (collect → compose → charts) gives a :class:`Brief` that renders to DOCX, PDF
and Markdown; :func:`write` writes it in the format of a file name."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from dashboard.brief import pdf as _pdf
from dashboard.brief.collect import BriefData, collect
from dashboard.brief.common import BriefError, _s
from dashboard.brief.compose import Block, compose
from dashboard.brief.docx import to_docx
from dashboard.brief.figures import brief_charts
from dashboard.brief.markdown import markdown_files, markdown_zip, to_markdown
from dashboard.brief.texts import _t, text
from plans.formatting import fmt_date

MAX_PAGES = 4


@dataclass
class Brief:
    data: BriefData
    blocks: list[Block]
    sources: list[str]
    charts: dict[str, bytes]

    @property
    def footer_text(self) -> str:
        plan_name = _s(self.data.plan.get("short_title")) or _s(self.data.plan.get("title_fr"))
        lang = self.data.lang
        return _t(lang)["footer_line"].format(plan=plan_name, date=fmt_date(self.data.as_of, lang))

    compact: bool = False

    def docx(self, compact: bool | None = None) -> bytes:
        return to_docx(self.blocks, self.sources, self.charts, lang=self.data.lang, footer_text=self.footer_text,
                       compact=self.compact if compact is None else compact)

    def pdf(self, docx_bytes: bytes | None = None) -> bytes:
        return self.docx_and_pdf(docx_bytes)[1]

    def docx_and_pdf(self, docx_bytes: bytes | None = None, *,
                     ahead: _pdf.OfficeAhead | None = None) -> tuple[bytes, bytes]:
        """DOCX and its PDF; when the PDF runs past MAX_PAGES, both are redone in the compact layout.
        ``ahead``: a LibreOffice started beforehand (see :func:`documents`)."""
        docx = docx_bytes or self.docx()
        pdf = _pdf.docx_to_pdf(docx, ahead=ahead)
        if _pdf.pdf_pages(pdf) > MAX_PAGES and not self.compact:
            self.compact = True
            docx = self.docx()
            pdf = _pdf.docx_to_pdf(docx)
        return docx, pdf

    def markdown(self, images: dict[str, str] | None = None) -> str:
        return to_markdown(self.blocks, self.sources, images=images, lang=self.data.lang)

    def markdown_files(self, name: str = "note", folder: str | None = None) -> dict[str, bytes]:
        """The Markdown file and the PNG charts it references, by relative path."""
        return markdown_files(self.blocks, self.sources, self.charts, lang=self.data.lang, name=name, folder=folder)

    def markdown_zip(self, name: str = "note") -> bytes:
        """ZIP « Markdown + graphiques »: ``name.md`` + ``graphiques/*.png`` (relative links) + a read-me."""
        return markdown_zip(self.blocks, self.sources, self.charts, lang=self.data.lang, name=name)

    def text(self) -> str:
        """All the words of the brief (for checks)."""
        return self.markdown()

    def asked(self) -> list[tuple[str, str]]:
        """The questions the brief asks, as shown: ``[(heading of the body, question), …]`` — what is saved with
        the meeting (``plans.meetings.save_questions``)."""
        out, body = [], ""
        start = next((i for i, b in enumerate(self.blocks) if b.kind == "h1" and b.text == _t(self.data.lang)[
            "h_questions"]), len(self.blocks))
        for b in self.blocks[start + 1:]:
            if b.kind == "h1":
                break
            if b.kind == "h2":
                body = b.text
            elif b.kind == "bullets" and body:
                out += [(body, q) for q, _refs in b.items if not q.startswith("…")]
        return out


def build(engine, plan_id: str, *, as_of=None, since=None, scope="plan", lang: str = "fr",
          with_charts: bool = True, meeting=None) -> Brief:
    """Collect, compose and (optionally) render the charts; the browser starts while the data is read."""
    if not with_charts:
        data = collect(engine, plan_id, as_of=as_of, since=since, scope=scope, lang=lang, meeting=meeting)
        blocks, sources = compose(data)
        return Brief(data, blocks, sources, {})
    from dashboard.charts.browser import ChartRenderer

    with ChartRenderer() as renderer:
        renderer.prewarm()
        data = collect(engine, plan_id, as_of=as_of, since=since, scope=scope, lang=lang, meeting=meeting)
        blocks, sources = compose(data)
        charts = brief_charts(data, renderer=renderer)
    return Brief(data, blocks, sources, charts)


@dataclass
class Documents:
    """A brief and its files; ``pdf`` is None when it was not asked for or could not be made (``pdf_error``)."""

    brief: Brief
    docx: bytes
    pdf: bytes | None = None
    pdf_error: str | None = None


def documents(engine, plan_id: str, *, as_of=None, since=None, scope="plan", lang: str = "fr",
              with_charts: bool = True, pdf: bool = True, meeting=None) -> Documents:
    """The brief with its DOCX and PDF, the slow steps overlapped: LibreOffice starts (:class:`OfficeAhead`) while
    Chromium starts and the data is read; the browser stops while the DOCX and the PDF are made.

    The DOCX returned is the one the PDF was made from (compact layout if the normal one ran past
    :data:`MAX_PAGES` pages). A PDF failure is reported in ``pdf_error``; every other error is raised."""
    import threading

    stopper: threading.Thread | None = None
    with (_pdf.OfficeAhead() if pdf else contextlib.nullcontext()) as ahead:
        try:
            if with_charts:
                from dashboard.charts.browser import ChartRenderer

                renderer = ChartRenderer().__enter__()
                stopper = threading.Thread(target=renderer.__exit__, args=(None, None, None), daemon=True)
                try:
                    renderer.prewarm()
                    data = collect(engine, plan_id, as_of=as_of, since=since, scope=scope, lang=lang, meeting=meeting)
                    blocks, sources = compose(data)
                    charts = brief_charts(data, renderer=renderer)
                finally:
                    stopper.start()  # the browser stops in the background, while the DOCX and PDF are made
                brief = Brief(data, blocks, sources, charts)
            else:
                brief = build(engine, plan_id, as_of=as_of, since=since, scope=scope, lang=lang, with_charts=False,
                              meeting=meeting)
            out = Documents(brief, brief.docx())
            if pdf:
                try:
                    out.docx, out.pdf = brief.docx_and_pdf(out.docx, ahead=ahead)
                except BriefError as exc:
                    out.pdf_error = str(exc)
        finally:
            if stopper is not None:
                stopper.join()
    return out


OUT_FORMATS = (".docx", ".pdf", ".md", ".zip")


def check_out(out: Path) -> None:
    if out.suffix.lower() not in OUT_FORMATS:
        raise BriefError(text("error.bad_out", name=out.name))
    if not out.parent.exists():
        raise BriefError(text("error.no_folder", folder=out.parent))


def write(brief: Brief, out: str | Path) -> list[Path]:
    """Write the brief in the format given by the file extension; returns the written files.

    ``.md`` writes the charts next to it in ``<name>_graphiques/``; ``.zip`` is the Markdown and its charts."""
    out = Path(out)
    check_out(out)
    ext = out.suffix.lower()
    if ext == ".docx":
        out.write_bytes(brief.docx())
        return [out]
    if ext == ".pdf":
        out.write_bytes(brief.docx_and_pdf()[1])
        return [out]
    if ext == ".zip":
        out.write_bytes(brief.markdown_zip(out.stem))
        return [out]
    written = []
    for rel, data in brief.markdown_files(out.stem, folder=f"{out.stem}_graphiques").items():
        path = out.parent / rel
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
