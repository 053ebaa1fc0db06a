"""Command line: ``python -m dashboard.brief --plan ID --out note.docx|note.pdf|note.md``."""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.brief import pdf as _pdf
from dashboard.brief.common import BriefError
from dashboard.brief.document import build, check_out, documents, write
from dashboard.brief.texts import text
from dashboard.cli import FrenchArgumentParser, error
from dashboard.i18n import t
from plans.runtime import quiet_on_closed_pipe


@quiet_on_closed_pipe
def main(argv: list[str] | None = None) -> int:
    p = FrenchArgumentParser(prog="python -m dashboard.brief", description=text("cli.help.description"))
    p.add_argument("--plan", required=True, help=t("cli.help.plan"))
    p.add_argument("--since", help=text("cli.help.since"))
    p.add_argument("--as-of", dest="as_of", help=text("cli.help.as_of"))
    p.add_argument("--meeting", help=text("cli.help.meeting"))
    p.add_argument("--scope", default="plan", help=text("cli.help.scope"))
    p.add_argument("--lang", default="fr", choices=["fr", "en"], help=text("cli.help.lang"))
    p.add_argument("--out", required=True, help=text("cli.help.out"))
    p.add_argument("--no-charts", action="store_true", help=text("cli.help.no_charts"))
    args = p.parse_args(argv)
    try:
        from plans.db import make_engine

        out = Path(args.out)
        check_out(out)
        options = {"as_of": args.as_of, "since": args.since, "scope": args.scope, "lang": args.lang,
                   "with_charts": not args.no_charts, "meeting": args.meeting}
        engine = make_engine()
        if out.suffix.lower() == ".pdf":
            if not _pdf.find_soffice():
                _pdf.docx_to_pdf(b"")  # raises the French message
            made = documents(engine, args.plan, **options)  # LibreOffice starts while the charts are drawn
            if made.pdf is None:
                raise BriefError(made.pdf_error or text("error.pdf"))
            out.write_bytes(made.pdf)
            written = [out]
        else:
            written = write(build(engine, args.plan, **options), out)
    except BrokenPipeError:  # `… | head`: not a failed brief (quiet_on_closed_pipe ends it)
        raise
    except BriefError as exc:
        print(error(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - no traceback reaches the user
        from dashboard.charts.browser import ExportError

        if isinstance(exc, ExportError):
            print(error(text("cli.no_charts_hint", message=exc)), file=sys.stderr)
        elif type(exc).__name__ == "PlanNotFound":
            print(error(exc), file=sys.stderr)
        else:
            print(error(_unexpected(exc)), file=sys.stderr)
        return 1
    print(text("cli.written", path=written[0]) + (text("cli.images", n=len(written) - 1, folder=written[1].parent)
                                                  if len(written) > 1 else ""))
    return 0




def _unexpected(exc: Exception) -> str:
    """One readable line for an unexpected error (a database error carries its whole SQL query)."""
    from plans.db import database_url, friendly_error

    return text("cli.unexpected", error=friendly_error(exc, database_url()))
