"""Export every chart of a plan for print: python -m dashboard.charts --plan ID [--as-of D] --out DIR [--format png,svg,pdf]

Writes <DIR>/<chart>.<format> for each chart and format, plus <chart>.csv with the chart's data; with
--zip, a single report pack <DIR>/graphiques-<plan>-<date>.zip instead. French messages, no traceback:
exit 1 when the export fails, 2 on a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.cli import FrenchArgumentParser


def main(argv: list[str] | None = None) -> int:
    p = FrenchArgumentParser(prog="python -m dashboard.charts",
                description="Exporte les graphiques d'un plan (PNG 2 500 px, SVG, PDF) avec le CSV de leurs données.")
    p.add_argument("--plan", required=True, help="identifiant du plan, ex. pna-2024-2027")
    p.add_argument("--as-of", dest="as_of", help="données au (AAAA-MM-JJ ou JJ/MM/AAAA ; défaut : aujourd'hui)")
    p.add_argument("--out", required=True, help="dossier de sortie (créé s'il n'existe pas)")
    p.add_argument("--format", default="png,svg,pdf", help="formats séparés par des virgules (défaut : png,svg,pdf)")
    p.add_argument("--lang", default="fr", choices=["fr", "en"], help="langue des titres (défaut : fr)")
    p.add_argument("--zip", action="store_true", help="écrire un seul pack ZIP (graphiques + CSV)")
    args = p.parse_args(argv)
    try:
        from dashboard.brief import BriefError, parse_date
        from dashboard.charts.browser import FORMATS, ChartRenderer
        from plans.db import make_engine

        formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
        bad = [f for f in formats if f not in FORMATS]
        if bad or not formats:
            print(f"Erreur : format inconnu : {', '.join(bad) or '(aucun)'} (formats possibles : png, svg, pdf).",
                  file=sys.stderr)
            return 2
        try:
            as_of = parse_date(args.as_of, "--as-of")
        except BriefError as exc:
            print(f"Erreur : {exc}", file=sys.stderr)
            return 2
        out = Path(args.out)
        if out.exists() and not out.is_dir():
            print(f"Erreur : « {out} » existe et n'est pas un dossier.", file=sys.stderr)
            return 2
        with ChartRenderer() as renderer:  # one browser for every chart and format
            renderer.prewarm()  # Chromium starts while the data are read and the charts built
            return _export(args, formats, as_of, make_engine)
    except Exception as exc:  # noqa: BLE001 - no traceback reaches the user
        from plans.db import database_url, friendly_error

        msg = str(exc) if type(exc).__name__ in ("ExportError", "PlanNotFound", "BriefError") else (
            f"l'export n'a pas pu être fait : {friendly_error(exc, database_url())}")
        print(f"Erreur : {msg}", file=sys.stderr)
        return 1


def _export(args, formats, as_of, make_engine) -> int:
    from dashboard.charts import pack

    out = Path(args.out)
    data = pack.plan_chart_data(make_engine(), args.plan, as_of)
    charts = pack.build_charts(data, args.lang)
    if args.zip:
        out.mkdir(parents=True, exist_ok=True)
        name = data["plan"].get("short_title") or data["plan"].get("title_fr") or args.plan
        target = out / f"graphiques-{args.plan}-{data['as_of'].isoformat()}.zip"
        target.write_bytes(pack.chart_pack(charts, formats, readme=pack.pack_readme(name, data["as_of"], args.lang)))
        print(f"Pack écrit : {target} ({len(charts)} graphiques)")
    else:
        written = pack.export_charts(charts, out, formats)
        print(f"{len(charts)} graphiques exportés dans {out} ({len(written)} fichiers).")
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
