"""``python -m plans overlaps --plan ID [--json] [--lang fr|en]``."""

from __future__ import annotations

import json
import sys

from plans.overlaps import labels as L


def _report(ov: dict, lang: str = "fr") -> str:
    p = ov["plan"]
    out = [f"Recoupements — {p['short_title'] or p['title_fr']}", ""]
    linked = [r for r in ov["related_plans"] if r["links"]]
    out.append(f"Plans, stratégies et recommandations liés : {len(linked)} sur {len(ov['related_plans'])} "
               "ont au moins un lien (hors liens rejetés).")
    for r in linked:
        out.append(f"  - {r['id']} ({r['kind_label']}) : {r['links']} lien(s)")
    active = [x for x in ov["links"] if x["state"] != "rejected"]
    by_state = {}
    for x in ov["links"]:
        by_state[x["state_label"]] = by_state.get(x["state_label"], 0) + 1
    out += ["", f"Liens : {len(active)} actifs (" + ", ".join(f"{k} : {v}" for k, v in sorted(by_state.items())) + ")"]
    for x in active:
        other = f"{x['other_plan_id']}" + (f" / {x['other_ref']}" if x["other_ref"] else " (plan entier)")
        score = f", score {x['score']:.2f}" if x["score"] is not None else ""
        arrow = "→" if x["direction"] == "out" else "←"
        out.append(f"  - {x['ref'] or 'plan'} {arrow} {other} : {x['kind_label']} [{x['state_label']}{score}]")
    out += ["", "Même action promise dans plusieurs plans :"]
    if not ov["shared_actions"]:
        out.append("  (aucune connue)")
    for x in ov["shared_actions"]:
        out.append(f"  - {x['ref']} « {x['title_fr'] or 'intitulé inconnu'} » aussi dans {x['other_plan_title']}"
                   + (f" ({x['other_ref']})" if x["other_ref"] else ""))
    out += ["", "Mesures recyclées (reprises de plans précédents) :"]
    if not ov["recycled"]:
        out.append("  (aucune connue)")
    for x in ov["recycled"]:
        earlier = " ; ".join(f"{e['ref']} ({e['plan_id']}" + (f", évaluée « {e['rating']} »" if e["rating"] else "") + ")"
                             for e in x["earlier"])
        out.append(f"  - {x['ref']} « {x['title_fr']} » : promise depuis {x['first_promised']} "
                   f"({x['age_years']} ans, {x['generations']} plans) — {earlier}")
    out += ["", "Thèmes couverts ailleurs sans mesure documentée ici :"]
    if not ov["theme_gaps"]:
        out.append("  (aucun)")
    for g in ov["theme_gaps"]:
        out.append(f"  - {g['theme_label']} : {g['explanation'].lower()} ; couvert par {g['plans_count']} plan(s)")
    out += ["", "Attention : seules les mesures documentées sont prises en compte ; un thème « manquant » peut "
            "être couvert par une mesure dont l'intitulé n'est pas connu."]
    return "\n".join(out)


def overlaps_cmd(args) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from plans.db import make_engine
    from plans.overlaps.core import OverlapError, overview

    lang = getattr(args, "lang", "fr") or "fr"
    try:
        engine = make_engine()
        ov = overview(engine, args.plan, lang=lang)
    except OverlapError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError:
        print("Erreur : base de données illisible ou non initialisée. "
              "Lancez `python -m plans migrate` puis `python -m plans seed`.", file=sys.stderr)
        return 2
    if getattr(args, "json", False):
        print(json.dumps(ov, ensure_ascii=False, indent=2, default=str))
    else:
        print(_report(ov, lang))
    return 0


__all__ = ["overlaps_cmd", "L"]
