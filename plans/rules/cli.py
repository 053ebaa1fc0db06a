"""``python -m plans summary`` and ``python -m plans changes``: readable French (or English)
reports, or JSON with ``--json``. Usage errors → French message on stderr, exit code 2."""

from __future__ import annotations

import datetime as dt
import json
import sys

from plans.dates import format_day, format_since, parse_day
from plans.vocab import STATUS_CODES, status_label

T = {
    "fr": {
        "title": "{title}\nSituation au {as_of} (période {start} → {end})",
        "documented": "Mesures documentées : {doc} sur {declared} déclarées (couverture {coverage})",
        "progress": "Avancement : {progress}  (réalisées + ½ partielles, sur les mesures documentées)",
        "fresh": "Fraîcheur : {fresh} des mesures évaluées dans les {days} derniers jours",
        "time": "Temps écoulé : {time} de la période ; projection au rythme actuel : {proj}",
        "status": "Statuts :",
        "overdue": "En retard sur l'échéance ({n}) :",
        "overdue_row": "  {ref} — {title} (échéance « {deadline} », {days} jours de retard)",
        "no_deadline": "Sans échéance connue ({n}) : {refs}",
        "stalled": "Au point mort ({n}) :",
        "stalled_row": "  {ref} — {reason} (depuis {since})",
        "slipped": "Dates annoncées et reports ({n}) :",
        "slipped_row": "  {subject} : {chain} — {ups} report(s), {days} jours de glissement, {state}",
        "not_held": "Annoncé mais pas tenu ({n}) :",
        "not_held_row": "  {subject} (annoncé pour « {expected} », {days} jours de retard)",
        "gov": "Comité de coordination (réunions tenues / requises par an) :",
        "gov_row": "  {year} : {held} / {required} {mark}",
        "last": "Dernière réunion tenue : {date}",
        "div": "Divergences entre voix ({n}) :",
        "none": "aucune",
        "unknown": "inconnu",
        "states": {"held": "tenu", "pending": "en attente", "not_held": "non tenu"},
        "met": "✓ respecté", "not_met": "✗ non respecté", "ongoing": "(année en cours)",
        "changes": "Changements du {since} au {until} ({n}) :",
        "no_changes": "Aucun changement du {since} au {until}.",
        "what": {"status": "statut", "information": "information", "overdue": "en retard",
                 "postponement": "report", "deadline": "échéance modifiée", "added": "ajoutée",
                 "vanished": "disparue", "held": "tenu", "not_held": "non tenu"},
    },
    "en": {
        "title": "{title}\nSituation as of {as_of} (period {start} → {end})",
        "documented": "Documented measures: {doc} of {declared} declared (coverage {coverage})",
        "progress": "Progress: {progress}  (done + ½ partly done, over documented measures)",
        "fresh": "Freshness: {fresh} of measures assessed in the last {days} days",
        "time": "Time elapsed: {time} of the period; projection at current pace: {proj}",
        "status": "Statuses:",
        "overdue": "Overdue ({n}):",
        "overdue_row": "  {ref} — {title} (deadline “{deadline}”, {days} days overdue)",
        "no_deadline": "No known deadline ({n}): {refs}",
        "stalled": "Stalled ({n}):",
        "stalled_row": "  {ref} — {reason} (since {since})",
        "slipped": "Announced dates and postponements ({n}):",
        "slipped_row": "  {subject}: {chain} — {ups} postponement(s), {days} days slipped, {state}",
        "not_held": "Announced but not held ({n}):",
        "not_held_row": "  {subject} (announced for “{expected}”, {days} days late)",
        "gov": "Coordination committee (meetings held / required per year):",
        "gov_row": "  {year}: {held} / {required} {mark}",
        "last": "Last meeting held: {date}",
        "div": "Diverging voices ({n}):",
        "none": "none",
        "unknown": "unknown",
        "states": {"held": "held", "pending": "pending", "not_held": "not held"},
        "met": "✓ met", "not_met": "✗ not met", "ongoing": "(current year)",
        "changes": "Changes from {since} to {until} ({n}):",
        "no_changes": "No change from {since} to {until}.",
        "what": {},
    },
}


def _err(msg: str) -> int:
    print(msg, file=sys.stderr)
    return 2


def parse_date(text: str | None, option: str) -> dt.date | None:
    """ISO (2025-12-31) or French numeric (31/12/2025) date; ValueError with a French message."""
    if text is None:
        return None
    try:
        day = parse_day(text)
        if day is None:  # blank text given to an option
            raise ValueError(text)
        return day
    except ValueError:
        raise ValueError(f"Date invalide pour {option} : « {text} ». Format attendu : AAAA-MM-JJ "
                         "(par exemple 2025-12-31) ou JJ/MM/AAAA.") from None


def _pct(x) -> str:
    return "—" if x is None else f"{round(100 * x)} %"


def _engine():
    from plans.db import make_engine

    return make_engine()


def _plan_check(engine, plan_id: str) -> str | None:
    from plans.store import get_plan, list_plans

    if get_plan(engine, plan_id) is None:
        known = ", ".join(p["id"] for p in list_plans(engine, tracked_only=True)) or "aucun (lancez python -m plans seed)"
        return f"Plan inconnu : « {plan_id} ». Plans suivis : {known}."
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
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_summary(data, getattr(args, "lang", "fr") or "fr"))
    return 0


def render_summary(s: dict, lang: str = "fr") -> str:
    t = T.get(lang, T["fr"])
    title = s["plan_title"] if lang == "fr" else (s.get("plan_title_en") or s["plan_title"])
    def day(value, precision=None):
        return format_day(value, lang, precision) or t["none"]

    out = [t["title"].format(title=title, as_of=day(s["as_of"]), start=day(s["period_start"]),
                             end=day(s["period_end"])), ""]
    out.append(t["documented"].format(doc=s["measures_documented"], declared=s["measures_declared"] or "?",
                                      coverage=_pct(s["coverage"])))
    out.append(t["progress"].format(progress=_pct(s["progress"])))
    out.append(t["fresh"].format(fresh=_pct(s["freshness"]), days=s["thresholds"]["freshness_days"]))
    out.append(t["time"].format(time=_pct(s["time_elapsed"]), proj=day(s["projection"])))
    out.append(t["status"])
    for code in STATUS_CODES:
        out.append(f"  {status_label(code, lang)} : {s['by_status'][code]}")
    out.append("")
    out.append(t["overdue"].format(n=len(s["overdue"])))
    out += [t["overdue_row"].format(ref=o["ref"], title=o["title"], deadline=o["deadline"], days=o["days_overdue"])
            for o in s["overdue"]]
    out.append(t["no_deadline"].format(n=len(s["no_deadline"]), refs=", ".join(s["no_deadline"]) or t["none"]))
    out.append(t["stalled"].format(n=len(s["stalled"])))
    out += [t["stalled_row"].format(ref=x["ref"], reason=x["reason"] if lang == "fr" else x["reason_en"],
                                    since=format_since(x["since"], lang, x.get("since_precision")))
            for x in s["stalled"]]
    out.append("")
    out.append(t["slipped"].format(n=len(s["slipped"])))
    for x in s["slipped"]:
        chain = " → ".join(f"« {a} »" for a in x["announced"])
        if x["held_on"]:
            chain += f" → {day(x['held_on'])}"
        out.append(t["slipped_row"].format(subject=x["subject"], chain=chain, ups=x["postponements"],
                                           days=x["days_slipped"], state=t["states"].get(x["state"], x["state"])))
    out.append(t["not_held"].format(n=len(s["not_held"])))
    out += [t["not_held_row"].format(subject=x["subject"], expected=x["expected"], days=x["days_late"])
            for x in s["not_held"]]
    out.append("")
    out.append(t["gov"])
    for year, g in s["governance"].items():
        mark = t["met"] if g["met"] else (t["ongoing"] if not g.get("complete_year", True) else t["not_met"])
        out.append(t["gov_row"].format(year=year, held=g["held"], required=g["required"], mark=mark))
    out.append(t["last"].format(date=day(s["last_meeting_held"])))
    out.append(t["div"].format(n=len(s["divergences"])))
    for dv in s["divergences"]:
        voices = ", ".join(f"{k} : {status_label(v, lang)}" for k, v in dv.items()
                           if k in ("government", "civil_society", "independent") and v)
        out.append(f"  {dv['ref']} — {voices}")
    return "\n".join(out)


def changes_cmd(args) -> int:
    from plans.rules import changes

    try:
        since = parse_date(args.since, "--since")
        until = parse_date(args.until, "--until") or dt.date.today()
    except ValueError as exc:
        return _err(str(exc))
    if until < since:
        return _err(f"La date --until ({format_day(until)}) précède la date --since ({format_day(since)}).")
    engine = _engine()
    if msg := _plan_check(engine, args.plan):
        return _err(msg)
    items = changes(engine, args.plan, since, until)
    if getattr(args, "json", False):
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    lang = getattr(args, "lang", "fr") or "fr"
    t = T.get(lang, T["fr"])
    fs, fu = format_day(since, lang), format_day(until, lang)
    if not items:
        print(t["no_changes"].format(since=fs, until=fu))
        return 0
    print(t["changes"].format(since=fs, until=fu, n=len(items)))
    for it in items:
        what = t["what"].get(it["what"], it["what"])
        before, after = it["before"], it["after"]
        if it["what"] in ("held", "not_held"):
            before = t["states"].get(before, before) if before else None
            after = t["states"].get(after, after)
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
