"""One brief: :func:`build` (collect → compose → charts) gives a :class:`Brief` that renders to DOCX, PDF
and Markdown; :func:`write` writes it in the format of a file name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard.brief import pdf as _pdf
from dashboard.brief.collect import BriefData, collect
from dashboard.brief.common import BriefError, _s
from dashboard.brief.compose import Block, compose
from dashboard.brief.docx import to_docx
from dashboard.brief.figures import brief_charts
from dashboard.brief.markdown import to_markdown
from dashboard.i18n import fmt_date

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
        word = "données au" if self.data.lang == "fr" else "data as of"
        return f"Vigie — {plan_name} — {word} {fmt_date(self.data.as_of, self.data.lang)}"

    compact: bool = False

    def docx(self, compact: bool | None = None) -> bytes:
        return to_docx(self.blocks, self.sources, self.charts, lang=self.data.lang, footer_text=self.footer_text,
                       compact=self.compact if compact is None else compact)

    def pdf(self, docx_bytes: bytes | None = None) -> bytes:
        return self.docx_and_pdf(docx_bytes)[1]

    def docx_and_pdf(self, docx_bytes: bytes | None = None) -> tuple[bytes, bytes]:
        """DOCX and its PDF; when the PDF runs past MAX_PAGES, both are redone in the compact layout."""
        docx = docx_bytes or self.docx()
        pdf = _pdf.docx_to_pdf(docx)
        if _pdf.pdf_pages(pdf) > MAX_PAGES and not self.compact:
            self.compact = True
            docx = self.docx()
            pdf = _pdf.docx_to_pdf(docx)
        return docx, pdf

    def markdown(self, images: dict[str, str] | None = None) -> str:
        return to_markdown(self.blocks, self.sources, images=images, lang=self.data.lang)

    def text(self) -> str:
        """All the words of the brief (for checks)."""
        return self.markdown()


def build(engine, plan_id: str, *, as_of=None, since=None, scope="plan", lang: str = "fr",
          with_charts: bool = True) -> Brief:
    """Collect, compose and (optionally) render the charts; the browser starts while the data is read."""
    if not with_charts:
        data = collect(engine, plan_id, as_of=as_of, since=since, scope=scope, lang=lang)
        blocks, sources = compose(data)
        return Brief(data, blocks, sources, {})
    from dashboard.charts.export import ChartRenderer

    with ChartRenderer() as renderer:
        renderer.prewarm()
        data = collect(engine, plan_id, as_of=as_of, since=since, scope=scope, lang=lang)
        blocks, sources = compose(data)
        charts = brief_charts(data, renderer=renderer)
    return Brief(data, blocks, sources, charts)


def write(brief: Brief, out: str | Path) -> list[Path]:
    """Write the brief in the format given by the file extension; returns the written files."""
    out = Path(out)
    ext = out.suffix.lower()
    if ext not in (".docx", ".pdf", ".md"):
        raise BriefError(f"Format de sortie inconnu : « {out.name} ». Utilisez .docx, .pdf ou .md.")
    if not out.parent.exists():
        raise BriefError(f"Le dossier « {out.parent} » n'existe pas.")
    if ext == ".docx":
        out.write_bytes(brief.docx())
        return [out]
    if ext == ".pdf":
        out.write_bytes(brief.docx_and_pdf()[1])
        return [out]
    written = [out]
    images = {}
    if brief.charts:
        img_dir = out.with_name(out.stem + "_graphiques")
        img_dir.mkdir(exist_ok=True)
        for key, png in brief.charts.items():
            (img_dir / f"{key}.png").write_bytes(png)
            images[key] = f"{img_dir.name}/{key}.png"
            written.append(img_dir / f"{key}.png")
    out.write_text(brief.markdown(images), encoding="utf-8")
    return written
