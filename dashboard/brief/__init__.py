"""Meeting brief (« Note de réunion »): a 2–4 page A4 document built only from the data.

    python -m dashboard.brief --plan pna-2024-2027 [--since 2025-06-27] [--as-of 2025-12-31]
                              [--meeting 2026-01-15] [--scope plan|axis:REF|lead:NAME] [--lang fr|en]
                              --out note.docx|note.pdf|note.md|note.zip

Pipeline: ``collect`` (monitoring rules → :class:`BriefData`) → ``compose`` (neutral blocks: headings,
paragraphs, bullets, tables, charts, sources; ``questions``: the questions per body) → one renderer per format:
``docx`` (python-docx, A4, built-in Word styles a person can restyle), ``pdf`` (that DOCX converted by LibreOffice
headless, one private profile per call) and ``markdown`` (also the ZIP « Markdown + graphiques »).
``document`` ties them together: :func:`build` gives a :class:`Brief`; :func:`documents` makes its DOCX and PDF
with the slow steps overlapped (LibreOffice started ahead while Chromium starts). ``texts`` holds the French
and English wording, ``figures`` the four charts, ``cli`` the command line. Every statement comes from the
rules' output; completeness is stated. The collective's own voice — its positions for the meeting, the questions
of earlier meetings still unanswered — comes from ``plans.meetings``, shown as text.
"""

from dashboard.brief.cli import main
from dashboard.brief.collect import BriefData, Scope, collect
from dashboard.brief.common import BriefError, parse_date, split_urls, steering_short
from dashboard.brief.compose import Block, Sources, compose
from dashboard.brief.document import Brief, Documents, build, documents, write
from dashboard.brief.docx import to_docx
from dashboard.brief.figures import brief_charts
from dashboard.brief.markdown import to_markdown
from dashboard.brief.pdf import OfficeAhead, docx_to_pdf, find_soffice, pdf_pages
from dashboard.brief.questions import questions
from dashboard.brief.texts import T

__all__ = ["Block", "Brief", "BriefData", "BriefError", "Documents", "OfficeAhead", "Scope", "Sources", "T",
           "brief_charts", "build", "collect", "compose", "documents", "docx_to_pdf", "find_soffice", "main",
           "parse_date", "pdf_pages", "questions", "split_urls", "steering_short", "to_docx", "to_markdown", "write"]
