"""DOCX rendering (python-docx, A4, built-in Word styles a person can restyle).

Every text is cleaned first (:func:`plans.outputs.clean`): a stored title with a control character (``\x01``)
would make python-docx refuse the whole document, and LibreOffice then has no DOCX to make the PDF from."""

from __future__ import annotations

import dataclasses
import io

from dashboard.brief.compose import Block
from dashboard.brief.texts import _t
from plans.outputs import clean, clean_text

# widths (cm) the charts are printed at, (normal, compact): a single chart across the page, the two charts side by
# side (the pair's total; each gets half less 0.3 cm). dashboard.brief.figures draws their labels for these.
SINGLE_CM = (15.5, 13.0)
PAIR_TOTAL_CM = (16.5, 15.0)
PRINT_CM = {"single": SINGLE_CM, "pair": tuple(total / 2 - 0.3 for total in PAIR_TOTAL_CM)}


def _add_hyperlink(paragraph, url: str, text: str):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.append(style)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    rpr.append(color)
    u = OxmlElement("w:u")
    u.set(qn("w:val"), "single")
    rpr.append(u)
    run.append(rpr)
    txt = OxmlElement("w:t")
    txt.text = text
    txt.set(qn("xml:space"), "preserve")
    run.append(txt)
    link.append(run)
    paragraph._p.append(link)


def _add_page_field(paragraph):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if attr:
            el.set(qn("w:fldCharType"), attr)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = "PAGE"
        run._r.append(el)


def _refs_run(paragraph, refs: list[int]):
    if refs:
        run = paragraph.add_run(" [" + ", ".join(str(n) for n in refs) + "]")
        run.font.superscript = True


def _set_language(doc, lang: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), "fr-FR" if lang == "fr" else "en-GB")
    rpr.append(el)


def _page_and_styles(doc, lang: str, compact: bool):
    """A4 page, margins and the sizes of the built-in styles (smaller when ``compact``)."""
    from docx.shared import Cm, Pt

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(1.8), Cm(1.8)
    sec.header_distance = sec.footer_distance = Cm(0.9)
    styles = doc.styles
    styles["Normal"].font.size = Pt(9 if compact else 10)
    styles["Normal"].paragraph_format.space_after = Pt(3)
    styles["Title"].font.size = Pt(20)
    styles["Heading 1"].font.size = Pt(12 if compact else 13)
    styles["Heading 1"].paragraph_format.space_before = Pt(6 if compact else 10)
    styles["Heading 1"].paragraph_format.space_after = Pt(3)
    styles["Heading 2"].font.size = Pt(10 if compact else 11)
    styles["Heading 2"].paragraph_format.space_before = Pt(4 if compact else 6)
    styles["Heading 2"].paragraph_format.space_after = Pt(2)
    styles["List Bullet"].paragraph_format.space_after = Pt(2)
    _set_language(doc, lang)


def _properties(doc, blocks: list[Block], lang: str):
    title = next((b.text for b in blocks if b.kind == "title"), "")
    doc.core_properties.title = title
    doc.core_properties.language = "fr-FR" if lang == "fr" else "en-GB"
    doc.core_properties.author = "Vigie"


def _footer(doc, footer_text: str, lang: str):
    """« footer_text — Page N », centred, small and grey."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    fp = doc.sections[0].footer.paragraphs[0]
    fp.text = f"{footer_text} — {_t(lang)['page']} "
    _add_page_field(fp)
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in fp.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


# ---------------------------------------------------------------- one renderer per block kind
# Each takes (doc, block, charts, compact).


def _docx_title(doc, b: Block, charts: dict[str, bytes], compact: bool):
    doc.add_paragraph(b.text, style="Title")


def _docx_meta(doc, b: Block, charts: dict[str, bytes], compact: bool):
    p = doc.add_paragraph(style="Subtitle")
    p.add_run(b.text)


def _docx_h1(doc, b: Block, charts: dict[str, bytes], compact: bool):
    doc.add_heading(b.text, level=1)


def _docx_h2(doc, b: Block, charts: dict[str, bytes], compact: bool):
    doc.add_heading(b.text, level=2)


def _docx_paragraph(doc, b: Block, charts: dict[str, bytes], compact: bool):
    """``p`` and ``note`` (in italics), after an optional bold prefix, with their source numbers."""
    p = doc.add_paragraph()
    if b.bold_prefix:
        p.add_run(b.bold_prefix).bold = True
    run = p.add_run(b.text)
    if b.kind == "note":
        run.italic = True
    _refs_run(p, b.refs)


def _docx_bullets(doc, b: Block, charts: dict[str, bytes], compact: bool):
    for text, refs in b.items:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(text)
        _refs_run(p, refs)


def _docx_table(doc, b: Block, charts: dict[str, bytes], compact: bool):
    """Header row, then one row per item (its last element: the source numbers, shown after the 2nd cell)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=1, cols=len(b.header))
    table.style = "Light Grid Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, b.header, strict=False):
        cell.text = text
    for row in b.items:
        cells = table.add_row().cells
        *vals, refs = row
        for i, (cell, text) in enumerate(zip(cells, vals, strict=False)):
            cell.text = clean_text(str(text))
            if i == 1:
                _refs_run(cell.paragraphs[0], refs)
    widths = [Cm(1.5), Cm(7.5), Cm(2.8), Cm(3.2), Cm(2.0)]
    table.autofit = False
    for col, w in zip(table.columns, widths, strict=False):
        col.width = w  # the grid, which LibreOffice follows (cell widths alone were ignored)
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = w
            for par in cell.paragraphs:
                for run in par.runs:
                    run.font.size = Pt(9)


def _docx_chart(doc, b: Block, charts: dict[str, bytes], compact: bool):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    png = charts.get(b.chart)
    if png:
        doc.add_picture(io.BytesIO(png), width=Cm(SINGLE_CM[compact]))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _docx_charts(doc, b: Block, charts: dict[str, bytes], compact: bool):
    """The charts that were drawn, side by side in a one-row table."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    pngs = [(charts.get(key), caption) for key, caption in b.items if charts.get(key)]
    if pngs:
        grid = doc.add_table(rows=1, cols=len(pngs))
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, (png, _caption) in zip(grid.rows[0].cells, pngs, strict=False):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            total = PAIR_TOTAL_CM[compact]
            cell.paragraphs[0].add_run().add_picture(io.BytesIO(png), width=Cm(total / len(pngs) - 0.3))


_DOCX_BLOCKS = {"title": _docx_title, "meta": _docx_meta, "h1": _docx_h1, "h2": _docx_h2, "p": _docx_paragraph,
                "note": _docx_paragraph, "bullets": _docx_bullets, "table": _docx_table, "chart": _docx_chart,
                "charts": _docx_charts}


def _sources(doc, sources: list[str], lang: str):
    """« Sources » heading and the numbered links, in 8 pt."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc.add_heading(_t(lang)["h_sources"], level=1)
    for i, url in enumerate(sources, start=1):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        r = p.add_run(f"[{i}] ")
        r.font.size = Pt(8)
        _add_hyperlink(p, url, url)
        for run in p.runs:
            run.font.size = Pt(8)
        for el in p._p.iter():
            if el.tag.endswith("}rPr"):
                sz = OxmlElement("w:sz")
                sz.set(qn("w:val"), "16")
                el.append(sz)


def _clean_block(b: Block) -> Block:
    """The block with every text it holds cleaned (titles, paragraphs, bullets, table cells, captions)."""
    return dataclasses.replace(b, text=clean(b.text), items=clean(b.items), header=clean(b.header),
                               caption=clean(b.caption), bold_prefix=clean(b.bold_prefix))


def to_docx(blocks: list[Block], sources: list[str], charts: dict[str, bytes], *, lang: str = "fr",
            footer_text: str = "", compact: bool = False) -> bytes:
    """A4 DOCX with built-in styles (Title, Heading 1 and 2, List Bullet, a table style).

    ``compact``: smaller type and charts, used when the normal layout runs past :data:`MAX_PAGES` pages.
    """
    from docx import Document

    blocks = [_clean_block(b) for b in blocks]
    sources, footer_text = clean(list(sources)), clean_text(footer_text)
    doc = Document()
    _page_and_styles(doc, lang, compact)
    _properties(doc, blocks, lang)
    _footer(doc, footer_text, lang)
    for b in blocks:
        render = _DOCX_BLOCKS.get(b.kind)
        if render is not None:
            render(doc, b, charts, compact)
    if sources:
        _sources(doc, sources, lang)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
