"""``python -m loaders import FILE… --plan ID [--map …] [--value …] [--sheet …] [--header-row …]``,
``python -m loaders template --plan ID OUT.xlsx`` and
``python -m loaders profile --plan ID [--show | --export FILE | --import FILE]`` (the plan's import profile).

Exit codes: 0 imported (or nothing to do), 1 rejected (nothing written), 2 usage error.
No traceback ever reaches the user."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from loaders import profile as profiles
from loaders.messages import text
from plans import access
from plans.access import CLI, AccessDenied
from plans.dates import parse_iso_day
from plans.i18n import text as plan_text
from plans.runtime import quiet_on_closed_pipe

PROGRESS_MIN_BYTES = 1_000_000  # a progress bar for long files only


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # French usage errors, exit 2
        self.print_usage(sys.stderr)
        print(text("cli.usage_error", message=message), file=sys.stderr)
        raise SystemExit(2)


def _date(value: str) -> dt.date:
    """--as-of: an ISO day only (a snapshot date is never guessed from a day-first spelling)."""
    try:
        return parse_iso_day(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.bad_date", value=value)) from None


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m loaders", description=text("cli.help.description"))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    imp = sub.add_parser("import", help=text("cli.help.import"))
    imp.add_argument("files", nargs="+", metavar=text("cli.metavar.file"))
    imp.add_argument("--plan", required=True, help=text("cli.help.plan"))
    imp.add_argument("--as-of", type=_date, help=text("cli.help.as_of"))
    imp.add_argument("--dry-run", action="store_true", help=text("cli.help.dry_run"))
    imp.add_argument("--lang", choices=("fr", "en"), default="fr")
    imp.add_argument("--map", action="append", default=[], metavar=text("cli.metavar.map"),
                     help=text("cli.help.map"))
    imp.add_argument("--value", action="append", default=[], metavar=text("cli.metavar.value"),
                     help=text("cli.help.value"))
    imp.add_argument("--sheet", metavar=text("cli.metavar.sheet"), help=text("cli.help.sheet"))
    imp.add_argument("--header-row", metavar="N", help=text("cli.help.header_row"))
    imp.add_argument("--database", help=text("cli.help.database"))
    imp.add_argument("--association", metavar=text("cli.metavar.association"), help=text("cli.help.association"))
    _as_option(imp)
    tpl = sub.add_parser("template", help=text("cli.help.template"))
    tpl.add_argument("out", metavar=text("cli.metavar.out"))
    tpl.add_argument("--plan", required=True)
    tpl.add_argument("--database")
    prof = sub.add_parser("profile", help=text("cli.help.profile"))
    prof.add_argument("--plan", required=True, help=text("cli.help.profile_plan"))
    what = prof.add_mutually_exclusive_group()
    what.add_argument("--show", action="store_true", help=text("cli.help.profile_show"))
    what.add_argument("--export", metavar=text("cli.metavar.file"), help=text("cli.help.profile_export"))
    what.add_argument("--import", dest="import_file", metavar=text("cli.metavar.file"),
                      help=text("cli.help.profile_import"))
    prof.add_argument("--database", help=text("cli.help.database"))
    _as_option(prof)
    return p


def _as_option(parser) -> None:
    parser.add_argument("--as", dest="as_email", metavar=plan_text("cli.help.email_metavar"),
                        help=plan_text("cli.help.as"))


def _actor(engine, email: str | None):
    """(the actor of ``--as EMAIL``, None) — ``plans.access.CLI`` without it —, or (None, the French refusal)."""
    from plans import people

    if email is None:
        return CLI, None
    try:
        key = people.clean_email(email)
    except people.PersonError as exc:
        return None, exc.message()
    actor = people.actor_for(engine, key)
    return (actor, None) if actor is not None else (None, plan_text("cli.unknown_person", email=key))


def _print_issues(report, lang: str, limit: int = 50) -> None:
    issues = report.issues
    for i in issues[:limit]:
        where = " ".join(x for x in (f"[{i.sheet}]" if i.sheet else "", text("cli.row", lang, row=i.row) if i.row else "",
                                     i.column or "") if x)
        tag = text("cli.error_tag" if i.severity == "error" else "cli.warning_tag", lang)
        print(f"  {tag:7} {where:30} {i.code:22} {i.message}")
        if i.severity == "error" and i.hint:
            print(f"  {'':7} {'':30} {'':22} → {i.hint}")
    rest = len(issues) - limit + sum(report.dropped.values())
    if rest > 0:
        print(text("cli.more_issues", lang, n=rest))


def _run_import(args) -> int:
    from plans.db import make_engine, upgrade

    try:
        given = profiles.parse_options(args.map, args.value, args.sheet, args.header_row, lang=args.lang)
    except profiles.ProfileError as exc:
        print(text("cli.usage_error", message=exc), file=sys.stderr)
        return 2
    engine = make_engine(args.database)
    upgrade(engine)
    actor, refused = _actor(engine, args.as_email)
    if actor is None:
        print(text("cli.usage_error", message=refused), file=sys.stderr)
        return 2
    worst = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(text("cli.usage_error", message=text("cli.no_file", name=name)), file=sys.stderr)
            worst = max(worst, 2)
            continue
        try:
            report = _import_one(path, args, engine, given, actor)
        except AccessDenied as exc:  # checked before the file is read, and recorded in the audit trail
            print(text("cli.usage_error", message=exc), file=sys.stderr)
            return 2
        print(report.summary(args.lang))
        _print_issues(report, args.lang)
        if report.outcome == "rejected":
            worst = max(worst, 1)
    return worst


def _progress(bar):
    """run_import's progress callback: the stage's name beside the bar, one step further."""
    def step(stage: str) -> None:
        bar.set_postfix_str(stage)
        bar.update(1)
    return step


def _import_one(path: Path, args, engine, given: dict, actor=CLI):
    from loaders.pipeline import run_import

    bar = None
    if path.stat().st_size >= PROGRESS_MIN_BYTES and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=3, desc=path.name, unit=text("cli.progress_unit"), file=sys.stderr, leave=False)
    try:
        return run_import(path, args.plan, engine, actor=actor, as_of=args.as_of, dry_run=args.dry_run, lang=args.lang,
                          profile=given, progress=_progress(bar) if bar else None,
                          association=(getattr(args, "association", None) or "").strip() or None)
    finally:
        if bar:
            bar.close()


def _run_template(args) -> int:
    from loaders.template import write_template
    from plans.db import make_engine, upgrade

    engine = make_engine(args.database)
    upgrade(engine)
    try:
        out = write_template(engine, args.plan, args.out)
    except LookupError:
        print(plan_text("plan.unknown", plan=args.plan), file=sys.stderr)
        return 2
    print(text("cli.template_written", path=out))
    return 0


def _run_profile(args) -> int:
    from plans import profiles as stored
    from plans import store
    from plans.db import make_engine, upgrade

    engine = make_engine(args.database)
    upgrade(engine)
    if store.get_plan(engine, args.plan) is None:
        print(plan_text("plan.unknown", plan=args.plan), file=sys.stderr)
        return 2
    if args.import_file:
        actor, refused = _actor(engine, args.as_email)
        if actor is None:
            print(text("cli.usage_error", message=refused), file=sys.stderr)
            return 2
        try:  # the role is checked (and a refusal recorded) before the file is read; save checks again
            access.require(engine, actor, "edit_profile", plan_id=args.plan)
        except AccessDenied as exc:
            print(text("cli.usage_error", message=exc), file=sys.stderr)
            return 2
        try:
            content = Path(args.import_file).read_text(encoding="utf-8-sig")
            profile = profiles.from_text(content)
        except OSError:
            print(text("cli.usage_error", message=text("cli.no_file", name=args.import_file)), file=sys.stderr)
            return 2
        except (UnicodeDecodeError, profiles.ProfileError) as exc:
            message = exc if isinstance(exc, profiles.ProfileError) else text("cli.profile_not_text")
            print(text("cli.profile_refused", name=args.import_file, message=message), file=sys.stderr)
            return 1
        try:
            saved = stored.save(engine, args.plan, profile, actor=actor, origin="cli")
        except AccessDenied as exc:
            print(text("cli.usage_error", message=exc), file=sys.stderr)
            return 2
        print(text("cli.profile_saved" if saved else "cli.profile_same", plan=args.plan))
        return 0
    current = stored.current(engine, args.plan)
    content = profiles.to_text(current, plan_id=args.plan)
    if args.export:
        Path(args.export).write_text(content, encoding="utf-8")
        print(text("cli.profile_written", path=args.export))
        return 0
    if current is None or profiles.is_empty(current):
        print(text("cli.profile_none", plan=args.plan))
        return 0
    print(content, end="")
    return 0


COMMANDS = {"import": _run_import, "template": _run_template, "profile": _run_profile}


@quiet_on_closed_pipe
def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print(text("cli.interrupted"), file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like: the work is already done (quiet_on_closed_pipe)
        raise
    except Exception as exc:  # never a traceback
        from plans.db import database_url, friendly_error

        print(text("cli.unexpected", message=friendly_error(exc, database_url())), file=sys.stderr)
        return 1
