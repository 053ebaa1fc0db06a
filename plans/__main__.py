"""Command line: ``python -m plans {migrate,downgrade,seed,list,summary,changes,overlaps}``.

Set ``DATABASE_URL`` to use PostgreSQL (default: SQLite file data/vigie.db).
"""

from __future__ import annotations

import argparse
import logging
import sys

from plans.db import database_url, downgrade, make_engine, upgrade
from plans.i18n import text

log = logging.getLogger("vigie")


def _cmd_migrate(args) -> int:
    upgrade(make_engine(), args.revision)
    print(text("cli.migrated", revision=args.revision, url=_safe(database_url())))
    return 0


def _cmd_downgrade(args) -> int:
    downgrade(make_engine(), args.revision)
    print(text("cli.downgraded", revision=args.revision))
    return 0


def _cmd_seed(args) -> int:
    from plans.seed import changed, seed

    engine = make_engine()
    upgrade(engine)
    counts = seed(engine)
    n = changed(counts)
    if n:
        print(text("cli.seeded", n=n))
    else:
        print(text("cli.seed_unchanged"))
    if args.verbose:
        for k in sorted(counts):
            print(f"  {k}: {counts[k]}")
    return 0


def _cmd_list(args) -> int:
    from plans.store import list_plans

    rows = list_plans(make_engine(), tracked_only=not args.all)
    if not rows:
        print(text("cli.no_plan"))
        return 0
    for r in rows:
        declared = r["measures_declared"] if r["measures_declared"] is not None else "?"
        print(text("cli.list_row", id=r["id"], title=r["title_fr"], declared=declared,
                   documented=r["measures_documented"]))
    return 0


def _delegate(module: str, func: str):
    def run(args) -> int:
        import importlib

        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError:
            print(text("cli.not_available", module=module), file=sys.stderr)
            return 2
        return getattr(mod, func)(args)

    return run


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m plans", description=text("cli.help.description"))
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("migrate", help=text("cli.help.migrate"))
    m.add_argument("--revision", default="head")
    m.set_defaults(func=_cmd_migrate)
    d = sub.add_parser("downgrade", help=text("cli.help.downgrade"))
    d.add_argument("--revision", default="base")
    d.set_defaults(func=_cmd_downgrade)
    sd = sub.add_parser("seed", help=text("cli.help.seed"))
    sd.add_argument("-v", "--verbose", action="store_true")
    sd.set_defaults(func=_cmd_seed)
    ls = sub.add_parser("list", help=text("cli.help.list"))
    ls.add_argument("--all", action="store_true", help=text("cli.help.list_all"))
    ls.set_defaults(func=_cmd_list)
    sm = sub.add_parser("summary", help=text("cli.help.summary"))
    sm.add_argument("--plan", required=True)
    sm.add_argument("--as-of")
    sm.add_argument("--json", action="store_true")
    sm.add_argument("--lang", default="fr", choices=["fr", "en"])
    sm.set_defaults(func=_delegate("plans.rules.cli", "summary_cmd"))
    ch = sub.add_parser("changes", help=text("cli.help.changes"))
    ch.add_argument("--plan", required=True)
    ch.add_argument("--since", required=True)
    ch.add_argument("--until")
    ch.add_argument("--json", action="store_true")
    ch.add_argument("--lang", default="fr", choices=["fr", "en"])
    ch.set_defaults(func=_delegate("plans.rules.cli", "changes_cmd"))
    ov = sub.add_parser("overlaps", help=text("cli.help.overlaps"))
    ov.add_argument("--plan", required=True)
    ov.add_argument("--json", action="store_true")
    ov.add_argument("--lang", default="fr", choices=["fr", "en"])
    ov.set_defaults(func=_delegate("plans.overlaps", "overlaps_cmd"))
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception as exc:  # no traceback reaches a user
        log.debug("command failed", exc_info=True)
        from plans.db import friendly_error

        print(text("cli.error", message=friendly_error(exc, database_url())), file=sys.stderr)
        print(text("cli.database_hint", url=_safe(database_url())), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
