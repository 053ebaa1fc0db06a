"""Export every chart of a plan for print: python -m dashboard.charts --plan ID [--as-of D] --out DIR [--format png,svg,pdf]

Writes <DIR>/<chart>.<format> for each chart and format, plus <chart>.csv with the chart's data; with
--zip, a single report pack <DIR>/graphiques-<plan>-<date>.zip instead. French messages, no traceback:
exit 1 when the export fails, 2 on a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.cli import FrenchArgumentParser, error
from dashboard.i18n import t
from plans.runtime import quiet_on_closed_pipe


@quiet_on_closed_pipe
def main(argv: list[str] | None = None) -> int:
    p = FrenchArgumentParser(prog="python -m dashboard.charts",
                             description=t("charts_cli.help.description"))
    p.add_argument("--plan", required=True, help=t("cli.help.plan"))
    p.add_argument("--as-of", dest="as_of", help=t("charts_cli.help.as_of"))
    p.add_argument("--out", required=True, help=t("charts_cli.help.out"))
    p.add_argument("--format", default="png,svg,pdf", help=t("charts_cli.help.format"))
    p.add_argument("--lang", default="fr", choices=["fr", "en"], help=t("charts_cli.help.lang"))
    p.add_argument("--zip", action="store_true", help=t("charts_cli.help.zip"))
    args = p.parse_args(argv)
    try:
        from dashboard.brief import BriefError, parse_date
        from dashboard.charts.browser import FORMATS, ChartRenderer
        from plans.db import make_engine

        formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
        bad = [f for f in formats if f not in FORMATS]
        if bad or not formats:
            print(error(t("charts_cli.bad_format", formats=", ".join(bad) or t("charts_cli.no_format"))),
                  file=sys.stderr)
            return 2
        try:
            as_of = parse_date(args.as_of, "--as-of")
        except BriefError as exc:
            print(error(exc), file=sys.stderr)
            return 2
        out = Path(args.out)
        if out.exists() and not out.is_dir():
            print(error(t("charts_cli.not_a_folder", path=out)), file=sys.stderr)
            return 2
        with ChartRenderer() as renderer:  # one browser for every chart and format
            renderer.prewarm()  # Chromium starts while the data are read and the charts built
            return _export(args, formats, as_of, make_engine)
    except BrokenPipeError:  # `… | head`: not a failed export (quiet_on_closed_pipe ends it)
        raise
    except Exception as exc:  # noqa: BLE001 - no traceback reaches the user
        from plans.db import database_url, friendly_error

        msg = str(exc) if type(exc).__name__ in ("ExportError", "PlanNotFound", "BriefError") else (
            t("charts_cli.failed", error=friendly_error(exc, database_url())))
        print(error(msg), file=sys.stderr)
        return 1


def _export(args, formats, as_of, make_engine) -> int:
    from dashboard.charts import pack

    out = Path(args.out)
    data = pack.plan_chart_data(make_engine(), args.plan, as_of)
    charts = pack.build_charts(data, args.lang)
    if args.zip:
        out.mkdir(parents=True, exist_ok=True)
        name = data["plan"].get("short_title") or data["plan"].get("title_fr") or args.plan
        target = out / f"{t('pack.zip_name', args.lang)}-{args.plan}-{data['as_of'].isoformat()}.zip"
        target.write_bytes(pack.chart_pack(charts, formats, readme=pack.pack_readme(name, data["as_of"], args.lang)))
        print(t("charts_cli.pack_written", path=target, n=len(charts)))
    else:
        written = pack.export_charts(charts, out, formats)
        print(t("charts_cli.exported", n=len(charts), path=out, files=len(written)))
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
