"""Command line: ``python -m plans {migrate,downgrade,seed,list,summary,changes,measures,overlaps,backup,restore}``.

Set ``DATABASE_URL`` to use PostgreSQL (default: SQLite file data/vigie.db).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from plans.db import database_url, downgrade, make_engine, upgrade
from plans.i18n import text
from plans.runtime import quiet_on_closed_pipe

log = logging.getLogger("vigie")


def _cmd_migrate(args) -> int:
    upgrade(make_engine(), args.revision)
    print(text("cli.migrated", revision=args.revision, url=_safe(database_url())))
    return 0


def _cmd_downgrade(args) -> int:
    if not args.yes:
        print(text("cli.downgrade_needs_yes", revision=args.revision), file=sys.stderr)
        return 2
    engine = make_engine()
    _backup_first(engine, args.backup_to, "downgrade")
    downgrade(engine, args.revision)
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


BACKUPS = Path(__file__).resolve().parents[1] / "data" / "backups"


def _backup_first(engine, target: str | None, command: str) -> None:
    """Back up the database before a command that destroys data (nothing to keep when it has no schema)."""
    from plans.backup import write_backup
    from plans.db import current_revision

    if current_revision(engine) is None:
        return
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(target) if target else BACKUPS / f"vigie-avant-{command}-{stamp}.zip"
    write_backup(engine, path)
    print(text("cli.backup_before", path=path))


def _cmd_backup(args) -> int:
    from plans.backup import write_backup

    manifest = write_backup(make_engine(), args.out)
    print(text("cli.backup_written", path=args.out, tables=len(manifest["tables"]),
               rows=sum(t["rows"] for t in manifest["tables"])))
    return 0


def _cmd_restore(args) -> int:
    from plans.backup import is_empty, restore, verify

    if args.replace and not args.yes:
        print(text("cli.restore_needs_yes"), file=sys.stderr)
        return 2
    engine = make_engine()
    verify(args.archive)  # a damaged archive is refused before the current base is touched or backed up
    if args.replace and not is_empty(engine):
        _backup_first(engine, args.backup_to, "restauration")
    manifest = restore(engine, args.archive, replace=args.replace)
    print(text("cli.restored", path=args.archive, tables=len(manifest["tables"]),
               rows=sum(t["rows"] for t in manifest["tables"]), url=_safe(database_url())))
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


def _report(sub, name: str, module: str, func: str, *dates: tuple[str, bool]) -> None:
    """A report command: ``--plan``, its date options (flag, required), ``--json``, ``--lang``."""
    p = sub.add_parser(name, help=text(f"cli.help.{name}"))
    p.add_argument("--plan", required=True)
    for flag, required in dates:
        p.add_argument(flag, required=required)
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", default="fr", choices=["fr", "en"])
    p.set_defaults(func=_delegate(module, func))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m plans", description=text("cli.help.description"))
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("migrate", help=text("cli.help.migrate"))
    m.add_argument("--revision", default="head")
    m.set_defaults(func=_cmd_migrate)
    d = sub.add_parser("downgrade", help=text("cli.help.downgrade"))
    d.add_argument("--revision", default="base")
    d.add_argument("--yes", action="store_true", help=text("cli.help.yes"))
    d.add_argument("--backup-to", metavar=text("cli.help.file_metavar"), help=text("cli.help.backup_to"))
    d.set_defaults(func=_cmd_downgrade)
    sd = sub.add_parser("seed", help=text("cli.help.seed"))
    sd.add_argument("-v", "--verbose", action="store_true")
    sd.set_defaults(func=_cmd_seed)
    ls = sub.add_parser("list", help=text("cli.help.list"))
    ls.add_argument("--all", action="store_true", help=text("cli.help.list_all"))
    ls.set_defaults(func=_cmd_list)
    _report(sub, "summary", "plans.rules.cli", "summary_cmd", ("--as-of", False))
    _report(sub, "changes", "plans.rules.cli", "changes_cmd", ("--since", True), ("--until", False))
    _report(sub, "measures", "plans.rules.cli", "measures_cmd", ("--as-of", False))
    _report(sub, "overlaps", "plans.overlaps", "overlaps_cmd")
    bk = sub.add_parser("backup", help=text("cli.help.backup"))
    bk.add_argument("out", metavar=text("cli.help.file_metavar"))
    bk.set_defaults(func=_cmd_backup)
    rs = sub.add_parser("restore", help=text("cli.help.restore"))
    rs.add_argument("archive", metavar=text("cli.help.file_metavar"))
    rs.add_argument("--replace", action="store_true", help=text("cli.help.replace"))
    rs.add_argument("--yes", action="store_true", help=text("cli.help.yes"))
    rs.add_argument("--backup-to", metavar=text("cli.help.file_metavar"), help=text("cli.help.backup_to"))
    rs.set_defaults(func=_cmd_restore)
    return p


@quiet_on_closed_pipe
def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    from plans.backup import BackupError

    try:
        return args.func(args)
    except BrokenPipeError:  # `… | head`: not a database error (quiet_on_closed_pipe ends it)
        raise
    except BackupError as exc:  # a refused archive or target: its own message, not a database error
        print(text("cli.error", message=exc.message()), file=sys.stderr)
        return 1
    except Exception as exc:  # no traceback reaches a user
        log.debug("command failed", exc_info=True)
        from plans.db import friendly_error

        print(text("cli.error", message=friendly_error(exc, database_url())), file=sys.stderr)
        print(text("cli.database_hint", url=_safe(database_url())), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
