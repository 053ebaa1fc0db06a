"""Command line: ``python -m plans {migrate,downgrade,seed,list,summary,changes,measures,overlaps,backup,restore,users,
audit}``. Commands that write take ``--as EMAIL`` (a person of ``plans.people``, checked against their role and
recorded under their name); without it they write as ``plans.access.CLI`` (« ligne de commande »).

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
    _backup_first(engine, args.backup_to, "downgrade", actor_from(engine, args.as_email))
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


class Refused(Exception):
    """A command refused before it writes (unknown person, bad e-mail or role, a role that may not): its French
    message, exit code 2."""


def actor_from(engine, email: str | None):
    """The actor of ``--as EMAIL`` (``plans.people.actor_for``), ``plans.access.CLI`` without it; :class:`Refused`
    for an unknown person."""
    from plans import access, people

    if email is None:
        return access.CLI
    try:
        key = people.clean_email(email)
    except people.PersonError as exc:
        raise Refused(exc.message()) from None
    actor = people.actor_for(engine, key)
    if actor is None:
        raise Refused(text("cli.unknown_person", email=key))
    return actor


def _as_option(parser) -> None:
    parser.add_argument("--as", dest="as_email", metavar=text("cli.help.email_metavar"), help=text("cli.help.as"))


def _backup_first(engine, target: str | None, command: str, actor=None) -> None:
    """Back up the database before a command that destroys data (nothing to keep when it has no schema)."""
    from plans.backup import write_backup
    from plans.db import current_revision

    if current_revision(engine) is None:
        return
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(target) if target else BACKUPS / f"vigie-avant-{command}-{stamp}.zip"
    write_backup(engine, path, actor=actor or actor_from(engine, None))
    print(text("cli.backup_before", path=path))


def _cmd_backup(args) -> int:
    from plans.backup import write_backup

    engine = make_engine()
    manifest = write_backup(engine, args.out, actor=actor_from(engine, args.as_email))
    print(text("cli.backup_written", path=args.out, tables=len(manifest["tables"]),
               rows=sum(t["rows"] for t in manifest["tables"])))
    return 0


def _cmd_restore(args) -> int:
    from plans.backup import is_empty, restore, verify

    if args.replace and not args.yes:
        print(text("cli.restore_needs_yes"), file=sys.stderr)
        return 2
    engine = make_engine()
    actor = actor_from(engine, args.as_email) if args.as_email else actor_from(engine, None)
    verify(args.archive)  # a damaged archive is refused before the current base is touched or backed up
    if args.replace and not is_empty(engine):
        _backup_first(engine, args.backup_to, "restauration", actor)
    manifest = restore(engine, args.archive, replace=args.replace, actor=actor)
    print(text("cli.restored", path=args.archive, tables=len(manifest["tables"]),
               rows=sum(t["rows"] for t in manifest["tables"]), url=_safe(database_url())))
    return 0


def _cmd_users(args) -> int:
    import json

    from plans import access, people

    engine = make_engine()
    if args.users_command == "list":
        rows = people.list_people(engine)
        if args.json:
            out = [{**r, "role_label": access.role_label(r["role"]),
                    "added_at": r["added_at"].isoformat() if r["added_at"] else None} for r in rows]
            print(json.dumps(out, ensure_ascii=False, indent=1))
        elif not rows:
            print(text("cli.users_none"))
        for r in rows if not args.json else []:
            print(text("cli.users_row", email=r["email"], name=r["name"] or "—", role=access.role_label(r["role"]),
                       association=r["association"] or text("access.collective")))
        return 0
    actor = actor_from(engine, args.as_email)
    try:
        if args.users_command == "add":
            before = people.find(engine, args.email)
            row = people.add(engine, actor, args.email, args.role, association=args.association, name=args.name)
            print(text("cli.users_changed" if before else "cli.users_added", email=row["email"],
                       role=access.role_label(row["role"]), association=row["association"] or text("access.collective")))
        else:
            if not people.remove(engine, actor, args.email):
                raise Refused(text("cli.unknown_person", email=people.clean_email(args.email)))
            print(text("cli.users_removed", email=people.clean_email(args.email)))
    except people.PersonError as exc:
        raise Refused(exc.message()) from None
    return 0


def _cmd_audit(args) -> int:
    import json

    from plans import audit
    from plans.rules.cli import parse_date
    from plans.store import get_plan

    engine = make_engine()
    try:
        since = parse_date(args.since, "--since")
    except ValueError as exc:
        raise Refused(str(exc)) from None
    if get_plan(engine, args.plan) is None:
        raise Refused(text("plan.unknown", plan=args.plan))
    rows = audit.entries(engine, plan_id=args.plan, since=since)
    if args.json:
        out = [{**r, "at": r["at"].isoformat() + "Z", "kind_label": audit.kind_label(r["kind"], args.lang)}
               for r in rows]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print(text("cli.audit_none", args.lang))
    for r in rows:
        who = r["actor"] + (f" ({r['association']})" if r["association"] else "")
        print(text("cli.audit_row", args.lang, at=r["at"].strftime("%d/%m/%Y %H:%M"),
                   kind=audit.kind_label(r["kind"], args.lang), who=who, summary=r["summary"] or "—"))
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
    _as_option(d)
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
    _as_option(bk)
    bk.set_defaults(func=_cmd_backup)
    rs = sub.add_parser("restore", help=text("cli.help.restore"))
    rs.add_argument("archive", metavar=text("cli.help.file_metavar"))
    rs.add_argument("--replace", action="store_true", help=text("cli.help.replace"))
    rs.add_argument("--yes", action="store_true", help=text("cli.help.yes"))
    rs.add_argument("--backup-to", metavar=text("cli.help.file_metavar"), help=text("cli.help.backup_to"))
    _as_option(rs)
    rs.set_defaults(func=_cmd_restore)
    us = sub.add_parser("users", help=text("cli.help.users"))
    users = us.add_subparsers(dest="users_command", required=True)
    ua = users.add_parser("add", help=text("cli.help.users_add"))
    ua.add_argument("email", metavar=text("cli.help.email_metavar"))
    ua.add_argument("--role", required=True, help=text("cli.help.role"))
    ua.add_argument("--association", help=text("cli.help.association"))
    ua.add_argument("--name", help=text("cli.help.name"))
    _as_option(ua)
    ul = users.add_parser("list", help=text("cli.help.users_list"))
    ul.add_argument("--json", action="store_true")
    ur = users.add_parser("remove", help=text("cli.help.users_remove"))
    ur.add_argument("email", metavar=text("cli.help.email_metavar"))
    _as_option(ur)
    us.set_defaults(func=_cmd_users)
    au = sub.add_parser("audit", help=text("cli.help.audit"))
    au.add_argument("--plan", required=True)
    au.add_argument("--since")
    au.add_argument("--json", action="store_true")
    au.add_argument("--lang", default="fr", choices=["fr", "en"])
    au.set_defaults(func=_cmd_audit)
    return p


@quiet_on_closed_pipe
def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    from plans.access import AccessDenied
    from plans.backup import BackupError

    try:
        return args.func(args)
    except BrokenPipeError:  # `… | head`: not a database error (quiet_on_closed_pipe ends it)
        raise
    except BackupError as exc:  # a refused archive or target: its own message, not a database error
        print(text("cli.error", message=exc.message()), file=sys.stderr)
        return 1
    except (Refused, AccessDenied) as exc:  # refused before writing: who, or what was typed
        print(text("cli.error", message=str(exc)), file=sys.stderr)
        return 2
    except Exception as exc:  # no traceback reaches a user
        log.debug("command failed", exc_info=True)
        from plans.db import friendly_error

        print(text("cli.error", message=friendly_error(exc, database_url())), file=sys.stderr)
        print(text("cli.database_hint", url=_safe(database_url())), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
