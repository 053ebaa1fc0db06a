"""Command line: ``python -m dashboard.brief --plan ID --out note.docx|note.pdf|note.md``."""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.brief import pdf as _pdf
from dashboard.brief.common import BriefError
from dashboard.brief.document import build, check_out, documents, write
from dashboard.cli import FrenchArgumentParser


def main(argv: list[str] | None = None) -> int:
    p = FrenchArgumentParser(prog="python -m dashboard.brief",
                      description="Note de réunion (DOCX, PDF ou Markdown) à partir des données de Vigie.")
    p.add_argument("--plan", required=True, help="identifiant du plan, ex. pna-2024-2027")
    p.add_argument("--since", help="changements depuis cette date (défaut : dernier comité tenu)")
    p.add_argument("--as-of", dest="as_of", help="données au (défaut : aujourd'hui)")
    p.add_argument("--scope", default="plan", help="plan, axis:REF ou lead:NOM (défaut : plan)")
    p.add_argument("--lang", default="fr", choices=["fr", "en"], help="langue de la note (défaut : fr)")
    p.add_argument("--out", required=True, help="fichier de sortie .docx, .pdf, .md (graphiques à côté, dans "
                   "NOM_graphiques/) ou .zip (Markdown + graphiques)")
    p.add_argument("--no-charts", action="store_true", help="sans graphiques (pas besoin de Chromium)")
    args = p.parse_args(argv)
    try:
        from plans.db import make_engine

        out = Path(args.out)
        check_out(out)
        options = {"as_of": args.as_of, "since": args.since, "scope": args.scope, "lang": args.lang,
                   "with_charts": not args.no_charts}
        engine = make_engine()
        if out.suffix.lower() == ".pdf":
            if not _pdf.find_soffice():
                _pdf.docx_to_pdf(b"")  # raises the French message
            made = documents(engine, args.plan, **options)  # LibreOffice starts while the charts are drawn
            if made.pdf is None:
                raise BriefError(made.pdf_error or "Conversion en PDF impossible.")
            out.write_bytes(made.pdf)
            written = [out]
        else:
            written = write(build(engine, args.plan, **options), out)
    except BriefError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - no traceback reaches the user
        from dashboard.charts.browser import ExportError

        if isinstance(exc, ExportError):
            print(f"Erreur : {exc} Relancez avec --no-charts pour une note sans graphiques.", file=sys.stderr)
        elif type(exc).__name__ == "PlanNotFound":
            print(f"Erreur : {exc}", file=sys.stderr)
        else:
            print(f"Erreur : {_unexpected(exc)}", file=sys.stderr)
        return 1
    print(f"Note écrite : {written[0]}" + (f" (+ {len(written) - 1} image(s) dans {written[1].parent})"
                                            if len(written) > 1 else ""))
    return 0




def _unexpected(exc: Exception) -> str:
    """One readable line for an unexpected error (a database error carries its whole SQL query)."""
    from plans.db import database_url, friendly_error

    return f"la note n'a pas pu être produite : {friendly_error(exc, database_url())}"
