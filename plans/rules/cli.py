"""``python -m plans summary``, ``python -m plans changes`` and ``python -m plans measures``: readable
French (or English) reports, or JSON with ``--json``. Usage errors → French message on stderr, exit code 2."""

from __future__ import annotations

import datetime as dt
import json
import sys

from plans.dates import parse_day
from plans.formatting import format_day, format_since
from plans.i18n import PLANS, text
from plans.vocab import STATUS_CODES, status_label
from plans.wording import days_overdue, event_subject, governance_year, stalled_reason


def _err(msg: str) -> int:
    print(msg, file=sys.stderr)
    return 2


def parse_date(value: str | None, option: str) -> dt.date | None:
    """ISO (2025-12-31) or French numeric (31/12/2025) date; ValueError with a French message."""
    if value is None:
        return None
    try:
        day = parse_day(value)
        if day is None:  # blank text given to an option
            raise ValueError(value)
        return day
    except ValueError:
        raise ValueError(text("cli.bad_date", option=option, value=value)) from None


def _pct(x) -> str:
    return "—" if x is None else f"{round(100 * x)} %"


def _engine():
    from plans.db import make_engine

    return make_engine()


def _plan_check(engine, plan_id: str) -> str | None:
    from plans.store import get_plan, list_plans

    if get_plan(engine, plan_id) is None:
        known = ", ".join(p["id"] for p in list_plans(engine, tracked_only=True)) or text("plan.none_yet")
        return f"{text('plan.unknown', plan=plan_id)} {text('plan.tracked', plans=known)}"
    return None


def summary_cmd(args) -> int:
    from plans.rules import summary

    try:
        as_of = parse_date(args.as_of, "--as-of")
    except ValueError as exc:
        return _err(str(exc))
    engine = _engine()
    if msg := _plan_check(engine, args.plan):
        return _err(msg)
    data = summary(engine, args.plan, as_of)
    if getattr(args, "json", False):
        print(json.dumps(worded_summary(data), ensure_ascii=False, indent=2))
    else:
        print(render_summary(data, getattr(args, "lang", "fr") or "fr"))
    return 0


def _worded_stalled(row: dict) -> dict:
    """A stalled row as the JSON has it: ``reason`` and ``reason_en`` where the rules give ``unchanged_days``
    and ``times_postponed``."""
    out = {}
    for key, value in row.items():
        if key == "unchanged_days":
            out["reason"] = stalled_reason(value, row.get("times_postponed"), "fr")
            out["reason_en"] = stalled_reason(value, row.get("times_postponed"), "en")
        elif key != "times_postponed":
            out[key] = value
    return out


def worded_summary(s: dict) -> dict:
    """The rules' summary as ``--json`` prints it: each stalled row's reason in French and English, a
    deadline's subject in the slipped dates (French, whatever the language: as the JSON always had it)."""
    return {**s, "stalled": [_worded_stalled(x) for x in s["stalled"]],
            "slipped": [{**x, "subject": event_subject(x)} for x in s["slipped"]]}


def worded_changes(items: list[dict]) -> list[dict]:
    """The rules' changes as ``--json`` prints them: an « overdue » change's ``after`` (its days overdue)
    worded « N jour(s) de retard » (French, whatever the language: as the JSON always had it)."""
    return [{**it, "after": days_overdue(it["after"])} if it["what"] == "overdue" else it for it in items]


def render_summary(s: dict, lang: str = "fr") -> str:
    states = PLANS.table("report.state", lang)
    title = s["plan_title"] if lang == "fr" else (s.get("plan_title_en") or s["plan_title"])
    def day(value, precision=None):
        return format_day(value, lang, precision) or text("report.none", lang)

    out = [text("report.title", lang, title=title, as_of=day(s["as_of"]), start=day(s["period_start"]),
                end=day(s["period_end"])), ""]
    out.append(text("report.documented", lang, doc=s["measures_documented"], declared=s["measures_declared"] or "?",
                    coverage=_pct(s["coverage"])))
    out.append(text("report.progress", lang, progress=_pct(s["progress"])))
    out.append(text("report.fresh", lang, fresh=_pct(s["freshness"]), days=s["thresholds"]["freshness_days"]))
    out.append(text("report.time", lang, time=_pct(s["time_elapsed"]), proj=day(s["projection"])))
    out.append(text("report.status", lang))
    for code in STATUS_CODES:
        out.append(f"  {status_label(code, lang)} : {s['by_status'][code]}")
    out.append("")
    out.append(text("report.overdue", lang, n=len(s["overdue"])))
    out += [text("report.overdue_row", lang, ref=o["ref"], title=o["title"], deadline=o["deadline"],
                 days=o["days_overdue"])
            for o in s["overdue"]]
    out.append(text("report.no_deadline", lang, n=len(s["no_deadline"]),
                    refs=", ".join(s["no_deadline"]) or text("report.none", lang)))
    out.append(text("report.stalled", lang, n=len(s["stalled"])))
    out += [text("report.stalled_row", lang, ref=x["ref"], reason=stalled_reason(x["unchanged_days"],
                                                                                 x["times_postponed"], lang),
                 since=format_since(x["since"], lang, x.get("since_precision")))
            for x in s["stalled"]]
    out.append("")
    out.append(text("report.slipped", lang, n=len(s["slipped"])))
    for x in s["slipped"]:
        chain = " → ".join(f"« {a} »" for a in x["announced"])
        if x["held_on"]:
            chain += f" → {day(x['held_on'])}"
        ups = x["postponements"] or 0
        slip = text(f"report.slip.{'none' if not ups else 'one' if ups == 1 else 'many'}", lang, ups=ups,
                    days=x["days_slipped"])
        out.append(text("report.slipped_row", lang, subject=event_subject(x), chain=chain, slip=slip,
                        state=states.get(x["state"], x["state"])))
    out.append(text("report.not_held", lang, n=len(s["not_held"])))
    out += [text("report.not_held_row", lang, subject=x["subject"], expected=x["expected"], days=x["days_late"])
            for x in s["not_held"]]
    out.append("")
    out.append(text("report.gov", lang))
    out += ["  " + governance_year(year, g, lang) for year, g in s["governance"].items()]
    out.append(text("report.last", lang, date=day(s["last_meeting_held"])))
    out.append(text("report.div", lang, n=len(s["divergences"])))
    for dv in s["divergences"]:
        voices = ", ".join(f"{k} : {status_label(v, lang)}" for k, v in dv.items()
                           if k in ("government", "civil_society", "independent") and v)
        if dv.get("associations"):  # each association's view, named (their divergence is flagged alike)
            voices = ", ".join([voices] * bool(voices) + [f"{a} : {status_label(v, lang)}"
                                                          for a, v in dv["associations"].items()])
        out.append(f"  {dv['ref']} — {voices}")
    return "\n".join(out)


def changes_cmd(args) -> int:
    from plans.rules import changes

    try:
        since = parse_date(args.since, "--since")
        assert since is not None  # --since is required (plans/__main__.py)
        until = parse_date(args.until, "--until") or dt.date.today()
    except ValueError as exc:
        return _err(str(exc))
    if until < since:
        return _err(text("cli.until_before_since", until=format_day(until), since=format_day(since)))
    engine = _engine()
    if msg := _plan_check(engine, args.plan):
        return _err(msg)
    items = worded_changes(changes(engine, args.plan, since, until))
    if getattr(args, "json", False):
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    lang = getattr(args, "lang", "fr") or "fr"
    states, changes_text = PLANS.table("report.state", lang), PLANS.table("report.change", lang)
    fs, fu = format_day(since, lang), format_day(until, lang)
    if not items:
        print(text("report.no_changes", lang, since=fs, until=fu))
        return 0
    print(text("report.changes", lang, since=fs, until=fu, n=len(items)))
    for it in items:
        what = changes_text.get(it["what"], it["what"])
        before, after = it["before"], it["after"]
        if it["what"] in ("held", "not_held"):
            before = states.get(before, before) if before else None
            after = states.get(after, after)
        if it["what"] == "status":
            before = status_label(before, lang) if before else "—"
            after = status_label(after, lang)
        who = it["ref"] or ""
        label = f"{who} {it['subject'] or ''}".strip()
        if len(label) > 90:
            label = label[:89] + "…"
        day = dt.date.fromisoformat(it["date"]).strftime("%d/%m/%Y" if lang == "fr" else "%d %b %Y")
        print(f"  {day}  {what:<18} {label}")
        if before or after:
            b = (str(before)[:80] if before else "—")
            a = (str(after)[:80] if after else "—")
            print(f"              {b} → {a}")
    return 0


def measure_rows(table) -> list[dict]:
    """The per-measure table (``plans.rules.measures_table``) as ``--json`` prints it, in the table's order:
    every measure (``counted`` says whether it counts toward the declared total), the database's texts as
    they are, dates ISO; ``as_of`` is the date of the status at D (``as_of_precision``: None for a day,
    'month' or 'year' when the source dates it only that precisely)."""
    from plans.rules.compute import clean, iso

    cols = ["ref", "title_fr", "axis_label", "axis_ref", "lead_body", "deadline_text", "status", "status_date",
            "status_date_precision", "summary", "counted"]
    out = []
    for (ref, title, axis_label, axis_ref, lead, deadline, status, sdate, sprec, info, counted) in zip(
            *[table[col].tolist() for col in cols], strict=True):
        out.append({"ref": ref, "title": clean(title), "axis": clean(axis_label) or clean(axis_ref),
                    "lead_body": clean(lead), "deadline": clean(deadline), "status": clean(status) or "unknown",
                    "as_of": iso(clean(sdate)), "as_of_precision": clean(sprec), "information": clean(info),
                    "counted": bool(counted)})
    return out


def _one_line(value, width: int | None = None) -> str:
    """A database text on one line (its line breaks as spaces), shortened to ``width`` characters."""
    if not value:
        return "—"
    line = " ".join(str(value).split())
    return line if width is None or len(line) <= width else line[:width - 1] + "…"


def render_measures(plan: dict, as_of: dt.date, rows: list[dict], lang: str = "fr") -> str:
    """The plan as a table: one line per measure (ref, title, status at D, deadline as written, axis, lead
    body, last information shortened)."""
    out = [text("report.measures_title", lang, title=plan["title_fr"], as_of=format_day(as_of, lang),
                n=len(rows), counted=sum(r["counted"] for r in rows)), ""]
    width = max((len(r["ref"]) for r in rows), default=0)
    for r in rows:
        status = status_label(r["status"], lang)
        if r["as_of"]:
            status = text("report.measures_status", lang, status=status,
                          date=format_day(r["as_of"], lang, r["as_of_precision"]))
        title = _one_line(r["title"])
        if not r["counted"]:
            title = text("report.measures_related", lang, title=title)
        out.append(text("report.measures_row", lang, ref=r["ref"].ljust(width), title=title, status=status,
                        deadline=_one_line(r["deadline"]), axis=_one_line(r["axis"]), lead=_one_line(r["lead_body"]),
                        information=_one_line(r["information"], 80)))
    return "\n".join(out)


def measures_cmd(args) -> int:
    from plans.rules import measures_table
    from plans.store import get_plan

    try:
        as_of = parse_date(args.as_of, "--as-of") or dt.date.today()
    except ValueError as exc:
        return _err(str(exc))
    engine = _engine()
    if msg := _plan_check(engine, args.plan):
        return _err(msg)
    rows = measure_rows(measures_table(engine, args.plan, as_of))
    if getattr(args, "json", False):
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    plan = get_plan(engine, args.plan)
    assert plan is not None  # checked above
    print(render_measures(plan, as_of, rows, getattr(args, "lang", "fr") or "fr"))
    return 0
