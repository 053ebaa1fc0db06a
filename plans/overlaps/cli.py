"""``python -m plans overlaps --plan ID [--json] [--lang fr|en]``."""

from __future__ import annotations

import json
import sys

from plans.i18n import text
from plans.overlaps import labels as L


def _report(ov: dict) -> str:
    """The text report, in French (the --json output follows ``--lang``)."""
    p = ov["plan"]
    out = [text("overlaps.title", plan=p["short_title"] or p["title_fr"]), ""]
    linked = [r for r in ov["related_plans"] if r["links"]]
    out.append(text("overlaps.related", linked=len(linked), total=len(ov["related_plans"])))
    for r in linked:
        out.append(text("overlaps.related_row", id=r["id"], kind=r["kind_label"], n=r["links"]))
    active = [x for x in ov["links"] if x["state"] != "rejected"]
    by_state: dict[str, int] = {}
    for x in ov["links"]:
        by_state[x["state_label"]] = by_state.get(x["state_label"], 0) + 1
    states = ", ".join(text("overlaps.count", label=k, n=v) for k, v in sorted(by_state.items()))
    out += ["", text("overlaps.links", n=len(active), states=states)]
    for x in active:
        other = f"{x['other_plan_id']}" + (f" / {x['other_ref']}" if x["other_ref"] else text("overlaps.whole_plan"))
        score = text("overlaps.score", score=x["score"]) if x["score"] is not None else ""
        arrow = "→" if x["direction"] == "out" else "←"
        out.append(text("overlaps.link_row", ref=x["ref"] or text("overlaps.plan"), arrow=arrow, other=other,
                        kind=x["kind_label"], state=x["state_label"], score=score))
    out += ["", text("overlaps.shared")]
    if not ov["shared_actions"]:
        out.append(text("overlaps.none_known"))
    for x in ov["shared_actions"]:
        out.append(text("overlaps.shared_row", ref=x["ref"], title=x["title_fr"] or text("overlaps.unknown_title"),
                        plan=x["other_plan_title"]) + (f" ({x['other_ref']})" if x["other_ref"] else ""))
    out += ["", text("overlaps.recycled")]
    if not ov["recycled"]:
        out.append(text("overlaps.none_known"))
    for x in ov["recycled"]:
        earlier = " ; ".join(f"{e['ref']} ({e['plan_id']}" + (text("overlaps.rated", rating=e["rating"]) if e["rating"]
                                                               else "") + ")" for e in x["earlier"])
        out.append(text("overlaps.recycled_row", ref=x["ref"], title=x["title_fr"], since=x["first_promised"],
                        age=x["age_years"], generations=x["generations"], earlier=earlier))
    out += ["", text("overlaps.gaps")]
    if not ov["theme_gaps"]:
        out.append(text("overlaps.none"))
    for g in ov["theme_gaps"]:
        out.append(text("overlaps.gap_row", theme=g["theme_label"], explanation=g["explanation"].lower(),
                        n=g["plans_count"]))
    out += ["", text("overlaps.caveat")]
    return "\n".join(out)


def overlaps_cmd(args) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from plans.db import make_engine
    from plans.overlaps.snapshot import OverlapError
    from plans.overlaps.views import overview

    lang = getattr(args, "lang", "fr") or "fr"
    try:
        engine = make_engine()
        ov = overview(engine, args.plan, lang=lang)
    except OverlapError as exc:
        print(text("cli.error", message=exc), file=sys.stderr)
        return 2
    except SQLAlchemyError:
        print(text("cli.error", message=text("cli.database_unreadable")), file=sys.stderr)
        return 2
    if getattr(args, "json", False):
        print(json.dumps(ov, ensure_ascii=False, indent=2, default=str))
    else:
        print(_report(ov))
    return 0


__all__ = ["L", "overlaps_cmd"]
