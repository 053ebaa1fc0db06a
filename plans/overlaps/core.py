"""Overlaps between a plan and the other plans, strategies and recommendation sets (issue 6).

Everything reads the store (``plans``, ``measures``, ``axes``, ``links``, ``assessments``); the only
writes are :func:`refresh_suggestions`, :func:`decide_link` and :func:`add_link`.

Rules that protect people's decisions:

- a link with ``decided_by`` set (confirmed or rejected in the app) is never modified by the seed
  nor by :func:`refresh_suggestions`;
- :func:`refresh_suggestions` never creates a suggestion for a pair of items that already has a
  link of any kind, state or origin (in either direction): a rejected suggestion is never
  resurrected, a confirmed one never downgraded;
- it only deletes or rescores its own undecided rows (``origin='suggestion'``,
  ``state='suggested'``, ``decided_by`` empty).

Plan-level links (``to_ref`` empty) that are refined by an item-level link with the same source
item, target plan and kind are counted once (the item-level link).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select

from plans import schema as s
from plans.overlaps import labels as L
from plans.vocab import LINK_STATES, THEMES

MIN_SCORE = 0.12
DEFAULT_TOP_K = 3


class OverlapError(ValueError):
    """A user-facing error (French message)."""


# --------------------------------------------------------------------------- snapshot of the store


@dataclass
class _Snap:
    plans: dict[str, dict]
    measures: dict[tuple[str, str], dict]
    axes: dict[int, dict]
    links: list[dict]
    axes_by_plan: dict[str, list[dict]] = field(default_factory=dict)


def _snapshot(conn: Connection) -> _Snap:
    plans = {r["id"]: dict(r) for r in conn.execute(select(s.plans)).mappings()}
    mcols = [s.measures.c[c] for c in ("id", "plan_id", "ref", "official_number", "kind", "title_fr", "title_en",
                                       "axis_id", "axis_text", "themes", "carried_over_from", "carried_over_to",
                                       "source_url", "confidence", "origin")]
    measures = {(r["plan_id"], r["ref"]): dict(r) for r in conn.execute(select(*mcols)).mappings()}
    axes = {r["id"]: dict(r) for r in conn.execute(select(s.axes).order_by(s.axes.c.id)).mappings()}
    links = [dict(r) for r in conn.execute(select(s.links).order_by(s.links.c.id)).mappings()]
    by_plan: dict[str, list[dict]] = {}
    for a in axes.values():
        by_plan.setdefault(a["plan_id"], []).append(a)
    return _Snap(plans, measures, axes, links, by_plan)


def _snap(engine: Engine) -> _Snap:
    with engine.connect() as conn:
        return _snapshot(conn)


def _require_plan(snap: _Snap, plan_id: str) -> dict:
    plan = snap.plans.get(plan_id)
    if plan is None:
        known = ", ".join(sorted(p for p, r in snap.plans.items() if r["tracked"])) or "aucun"
        raise OverlapError(f"Plan inconnu : « {plan_id} ». Plans suivis : {known}.")
    return plan


def _iso(v):
    return v.isoformat() if isinstance(v, dt.date | dt.datetime) else v


def _themes(value) -> list[str]:
    return [t for t in (value or "").split(";") if t]


# --------------------------------------------------------------------------- links, normalised


def _plan_short(p: dict | None) -> str:
    if not p:
        return ""
    return p.get("short_title") or p["title_fr"]


def _normalised_links(snap: _Snap, plan_id: str, *, lang="fr", states=LINK_STATES) -> list[dict]:
    """Links touching ``plan_id`` seen from that plan: this side / other side."""
    out = []
    for ln in snap.links:
        if ln["state"] not in states:
            continue
        if ln["from_plan_id"] == plan_id and ln["to_plan_id"] != plan_id:
            this_ref, other_plan, other_ref, direction = ln["from_ref"], ln["to_plan_id"], ln["to_ref"], "out"
        elif ln["to_plan_id"] == plan_id and ln["from_plan_id"] != plan_id:
            this_ref, other_plan, other_ref, direction = ln["to_ref"], ln["from_plan_id"], ln["from_ref"], "in"
        else:
            continue
        out.append({**ln, "this_ref": this_ref, "other_plan_id": other_plan, "other_ref": other_ref,
                    "direction": direction})
    # a plan-level link refined by an item-level one (same this item, other plan, kind) counts once
    # (only by a confirmed item-level link, or one in the same state: a mere suggestion never
    # hides a confirmed plan-level link)
    refined = {(x["this_ref"], x["other_plan_id"], x["kind"], x["state"]) for x in out if x["other_ref"] is not None}

    def _is_refined(x):
        key = (x["this_ref"], x["other_plan_id"], x["kind"])
        return (*key, "confirmed") in refined or (*key, x["state"]) in refined

    out = [x for x in out if x["other_ref"] is not None or not _is_refined(x)]
    rows = []
    for x in out:
        m = snap.measures.get((plan_id, x["this_ref"])) if x["this_ref"] else None
        o = snap.measures.get((x["other_plan_id"], x["other_ref"])) if x["other_ref"] else None
        op = snap.plans.get(x["other_plan_id"])
        rows.append({
            "id": x["id"], "plan_id": plan_id, "ref": x["this_ref"], "title_fr": m["title_fr"] if m else None,
            "axis": _axis_label(snap, plan_id, m, lang) if x["this_ref"] else L.WHOLE_PLAN.get(lang, L.WHOLE_PLAN["fr"]),
            "other_plan_id": x["other_plan_id"], "other_plan_title": _plan_short(op),
            "other_plan_kind": op["kind"] if op else None,
            "other_ref": x["other_ref"], "other_title_fr": (o["title_fr"] if o else None),
            "kind": x["kind"], "kind_label": L.label(L.LINK_KIND_LABELS, x["kind"], lang),
            "state": x["state"], "state_label": L.label(L.LINK_STATE_LABELS, x["state"], lang),
            "score": x["score"], "note": x["note"], "origin": x["origin"],
            "decided_by": x["decided_by"], "decided_at": _iso(x["decided_at"]), "direction": x["direction"],
            "source_url": x["source_url"], "confidence": x["confidence"],
        })
    return rows


def _axis_label(snap: _Snap, plan_id: str, m: dict | None, lang="fr") -> str:
    if m and m.get("axis_id") and m["axis_id"] in snap.axes:
        return snap.axes[m["axis_id"]]["label_fr"]
    return L.UNKNOWN_AXIS.get(lang, L.UNKNOWN_AXIS["fr"])


def links(engine: Engine, plan_id: str, *, lang="fr", states=LINK_STATES) -> list[dict]:
    """Every link touching ``plan_id`` (all states by default), seen from that plan."""
    snap = _snap(engine)
    _require_plan(snap, plan_id)
    return _normalised_links(snap, plan_id, lang=lang, states=states)


def links_for_measure(engine: Engine, plan_id: str, ref: str, *, lang="fr", include_rejected=False) -> list[dict]:
    """Links of one measure (for the measure page): the other side's plan, item, kind and state."""
    states = LINK_STATES if include_rejected else ("suggested", "confirmed")
    snap = _snap(engine)
    return [r for r in _normalised_links(snap, plan_id, lang=lang, states=states) if r["ref"] == ref]


# --------------------------------------------------------------------------- matrix


def matrix(engine: Engine, plan_id: str, *, states=("suggested", "confirmed"), lang="fr"):
    """Overlap matrix: index = this plan's axis labels (plus « Axe non identifié »), columns = the
    other plans' ids, values = number of links (rejected links excluded by default)."""
    import pandas as pd

    snap = _snap(engine)
    _require_plan(snap, plan_id)
    rows = _normalised_links(snap, plan_id, lang=lang, states=states)
    index = [a["label_fr"] for a in snap.axes_by_plan.get(plan_id, [])]
    unknown = L.UNKNOWN_AXIS.get(lang, L.UNKNOWN_AXIS["fr"])
    index.append(unknown)
    if any(r["ref"] is None for r in rows):
        index.append(L.WHOLE_PLAN.get(lang, L.WHOLE_PLAN["fr"]))
    others = _other_plans_order(snap, plan_id)
    df = pd.DataFrame(0, index=pd.Index(index, name="axe"), columns=pd.Index(others, name="plan"), dtype="int64")
    for r in rows:
        df.loc[r["axis"], r["other_plan_id"]] += 1
    return df


def _other_plans_order(snap: _Snap, plan_id: str) -> list[str]:
    order = {"plan": 0, "strategy": 1, "law": 2, "eu": 3, "bill": 4, "rec": 5}
    others = [p for p in snap.plans.values() if p["id"] != plan_id]
    others.sort(key=lambda p: (not p["tracked"], order.get(p["kind"], 9), p["id"]))
    return [p["id"] for p in others]


# --------------------------------------------------------------------------- views


def shared_actions(engine: Engine, plan_id: str, *, lang="fr") -> list[dict]:
    """« Same action promised in several plans »: non-rejected ``same_action`` links."""
    snap = _snap(engine)
    _require_plan(snap, plan_id)
    rows = [r for r in _normalised_links(snap, plan_id, lang=lang, states=("suggested", "confirmed"))
            if r["kind"] == "same_action"]
    for r in rows:
        r["other_plan_known_shared_actions"] = (snap.plans.get(r["other_plan_id"]) or {}).get("known_shared_actions")
    return rows


def _find_measure(snap: _Snap, ref: str, exclude_plan: str) -> dict | None:
    for (pid, r), m in snap.measures.items():
        if r == ref and pid != exclude_plan and snap.plans[pid]["tracked"]:
            return m
    return None


def _earlier(snap: _Snap, m: dict) -> list[dict]:
    """Measures of earlier plans this measure is carried over from (catalogue field + confirmed links)."""
    found: dict[tuple[str, str], dict] = {}
    for ref in [x.strip() for x in (m.get("carried_over_from") or "").replace(",", ";").split(";") if x.strip()]:
        e = _find_measure(snap, ref, m["plan_id"])
        if e:
            found[(e["plan_id"], e["ref"])] = e
    for ln in snap.links:
        if ln["kind"] != "carried_over" or ln["state"] != "confirmed":
            continue
        if (ln["from_plan_id"], ln["from_ref"]) == (m["plan_id"], m["ref"]) and ln["to_ref"]:
            e = snap.measures.get((ln["to_plan_id"], ln["to_ref"]))
            if e:
                found[(e["plan_id"], e["ref"])] = e
    start = snap.plans[m["plan_id"]]["period_start"]
    return [e for e in found.values()
            if start is None or snap.plans[e["plan_id"]]["period_start"] is None
            or snap.plans[e["plan_id"]]["period_start"] < start]


def _latest_assessments(conn: Connection, measure_ids: list[int]) -> dict[int, dict]:
    if not measure_ids:
        return {}
    q = (select(s.assessments).where(s.assessments.c.measure_id.in_(measure_ids))
         .order_by(s.assessments.c.measure_id, s.assessments.c.as_of, s.assessments.c.id))
    latest: dict[int, dict] = {}
    with conn:
        for r in conn.execute(q).mappings():
            latest[r["measure_id"]] = dict(r)  # last one wins (most recent as_of)
    return latest


def recycled(engine: Engine, plan_id: str, *, as_of: dt.date | None = None, lang="fr") -> list[dict]:
    """Measures of ``plan_id`` carried over from earlier plan generations, with the chain of earlier
    promises, their last rating (e.g. CNCDH « Non réalisée ») and the cumulative age of the promise."""
    as_of = as_of or dt.date.today()
    snap = _snap(engine)
    _require_plan(snap, plan_id)
    out = []
    for (pid, _ref), m in sorted(snap.measures.items(), key=lambda kv: kv[0][1]):
        if pid != plan_id:
            continue
        chain, todo, seen = [], _earlier(snap, m), set()
        while todo:
            e = todo.pop()
            if (e["plan_id"], e["ref"]) in seen:
                continue
            seen.add((e["plan_id"], e["ref"]))
            chain.append(e)
            todo.extend(_earlier(snap, e))
        if not chain:
            continue
        chain.sort(key=lambda e: snap.plans[e["plan_id"]]["period_start"] or dt.date.min)
        out.append((m, chain))
    ids = [x["id"] for m, chain in out for x in [m, *chain]]
    latest = _latest_assessments(engine.connect(), ids)
    rows = []
    for m, chain in out:
        first_plan = snap.plans[chain[0]["plan_id"]]
        first = first_plan["period_start"]
        age = round((as_of - first).days / 365.25, 1) if first else None
        cur = latest.get(m["id"])
        rows.append({
            "plan_id": plan_id, "ref": m["ref"], "title_fr": m["title_fr"],
            "current_status": cur["status"] if cur else None,
            "current_status_as_of": _iso(cur["as_of"]) if cur else None,
            "first_plan_id": first_plan["id"], "first_promised": _iso(first),
            "generations": len(chain) + 1, "age_years": age, "as_of": as_of.isoformat(),
            "earlier": [{
                "plan_id": e["plan_id"], "plan_title": _plan_short(snap.plans[e["plan_id"]]), "ref": e["ref"],
                "title_fr": e["title_fr"],
                "rating": (latest.get(e["id"]) or {}).get("status_as_reported"),
                "rating_status": (latest.get(e["id"]) or {}).get("status"),
                "rating_date": _iso((latest.get(e["id"]) or {}).get("as_of")),
                "rating_source_url": (latest.get(e["id"]) or {}).get("source_url"),
            } for e in chain],
            "source_url": m["source_url"], "confidence": m["confidence"],
        })
    return rows


def theme_gaps(engine: Engine, plan_id: str, *, lang="fr") -> list[dict]:
    """Themes covered by other plans (their declared themes or their known items) for which this
    plan has no documented measure. ``declared_in_plan`` tells whether the plan itself announces
    the theme (then the gap may only be a gap in what is documented)."""
    snap = _snap(engine)
    plan = _require_plan(snap, plan_id)
    covered = {t for (pid, _), m in snap.measures.items() if pid == plan_id for t in _themes(m["themes"])}
    declared = set(_themes(plan["themes"]))
    elsewhere: dict[str, set[str]] = {}
    items: dict[str, int] = {}
    for p in snap.plans.values():
        if p["id"] == plan_id:
            continue
        for t in _themes(p["themes"]):
            elsewhere.setdefault(t, set()).add(p["id"])
    for (pid, _), m in snap.measures.items():
        if pid == plan_id:
            continue
        for t in _themes(m["themes"]):
            elsewhere.setdefault(t, set()).add(pid)
            items[t] = items.get(t, 0) + 1
    rows = []
    for t in THEMES:
        if t in covered or t not in elsewhere:
            continue
        rows.append({
            "theme": t, "theme_label": L.theme_label(t, lang), "declared_in_plan": t in declared,
            "covered_by": sorted(elsewhere[t]), "plans_count": len(elsewhere[t]), "items_elsewhere": items.get(t, 0),
            "explanation": ("Thème annoncé par le plan, mais aucune mesure documentée ne le couvre"
                            if t in declared else "Thème absent du plan et de ses mesures documentées"),
        })
    rows.sort(key=lambda r: (r["declared_in_plan"], -r["plans_count"], r["theme"]))
    return rows


def related_plans(engine: Engine, plan_id: str, *, lang="fr") -> list[dict]:
    snap = _snap(engine)
    _require_plan(snap, plan_id)
    nlinks: dict[str, int] = {}
    for r in _normalised_links(snap, plan_id, states=("suggested", "confirmed")):
        nlinks[r["other_plan_id"]] = nlinks.get(r["other_plan_id"], 0) + 1
    items: dict[str, int] = {}
    for (pid, _), m in snap.measures.items():
        if m["title_fr"]:
            items[pid] = items.get(pid, 0) + 1
    out = []
    for pid in _other_plans_order(snap, plan_id):
        p = snap.plans[pid]
        out.append({
            "id": pid, "kind": p["kind"], "kind_label": L.label(L.PLAN_KIND_LABELS, p["kind"], lang),
            "title_fr": p["title_fr"], "period_text": p["period_text"], "steering_body": p["steering_body"],
            "themes": _themes(p["themes"]), "measures_declared_text": p["measures_declared_text"],
            "items_known": items.get(pid, 0), "links": nlinks.get(pid, 0), "tracked": bool(p["tracked"]),
            "known_shared_actions": p["known_shared_actions"], "source_url": p["source_url"],
            "confidence": p["confidence"],
        })
    return out


def overview(engine: Engine, plan_id: str, *, lang="fr", as_of: dt.date | None = None) -> dict:
    """Everything the CLI prints: related plans, links (all states), shared actions, recycled
    measures and theme gaps."""
    snap = _snap(engine)
    plan = _require_plan(snap, plan_id)
    return {
        "plan": {"id": plan_id, "title_fr": plan["title_fr"], "short_title": plan["short_title"]},
        "related_plans": related_plans(engine, plan_id, lang=lang),
        "links": _normalised_links(snap, plan_id, lang=lang),
        "shared_actions": shared_actions(engine, plan_id, lang=lang),
        "recycled": recycled(engine, plan_id, as_of=as_of, lang=lang),
        "theme_gaps": theme_gaps(engine, plan_id, lang=lang),
    }


# --------------------------------------------------------------------------- suggestions


def _targets(snap: _Snap, plan_id: str) -> list[dict]:
    """Items of every other plan with a known title, plus the plan itself for related plans
    whose items are unknown."""
    out, with_items = [], set()
    for (pid, ref), m in snap.measures.items():
        if pid == plan_id or not m["title_fr"]:
            continue
        with_items.add(pid)
        out.append({"plan_id": pid, "ref": ref, "text": m["title_fr"], "themes": m["themes"]})
    for p in snap.plans.values():
        if p["id"] == plan_id or p["tracked"] or p["id"] in with_items:
            continue
        out.append({"plan_id": p["id"], "ref": None, "text": p["title_fr"], "themes": p["themes"]})
    return out


def _kind_for(snap: _Snap, plan_id: str, target_plan: str) -> str:
    t = snap.plans[target_plan]
    if t["kind"] == "rec":
        return "answers_recommendation"
    this = snap.plans[plan_id]
    if (t["tracked"] and t["kind"] == "plan" and t["period_start"] and this["period_start"]
            and t["period_start"] < this["period_start"]):
        return "carried_over"
    return "overlap"


def _pair(a_plan, a_ref, b_plan, b_ref):
    return tuple(sorted([(a_plan, a_ref or ""), (b_plan, b_ref or "")]))


def _suggest(snap: _Snap, plan_id: str, top_k: int, min_score: float) -> list[dict]:
    from plans.overlaps.text import combined_scores
    from plans.overlaps.text import top_k as best

    queries = [m for (pid, _), m in sorted(snap.measures.items()) if pid == plan_id and m["title_fr"]]
    targets = _targets(snap, plan_id)
    if not queries or not targets:
        return []
    scores = combined_scores([q["title_fr"] for q in queries], [t["text"] for t in targets],
                             [q["themes"] for q in queries], [t["themes"] for t in targets])
    linked = {}
    for ln in snap.links:
        linked[_pair(ln["from_plan_id"], ln["from_ref"], ln["to_plan_id"], ln["to_ref"])] = ln
    out = []
    for q, row in zip(queries, best(scores, top_k, min_score), strict=True):
        for rank, (j, score) in enumerate(row, start=1):
            t = targets[j]
            existing = linked.get(_pair(plan_id, q["ref"], t["plan_id"], t["ref"]))
            out.append({
                "from_plan_id": plan_id, "from_ref": q["ref"], "from_title_fr": q["title_fr"],
                "to_plan_id": t["plan_id"], "to_ref": t["ref"], "to_title_fr": t["text"],
                "kind": _kind_for(snap, plan_id, t["plan_id"]), "score": round(score, 4), "rank": rank,
                "existing_link_id": existing["id"] if existing else None,
                "existing_state": existing["state"] if existing else None,
            })
    return out


def suggest(engine: Engine, plan_id: str, *, top_k: int = DEFAULT_TOP_K, min_score: float = MIN_SCORE) -> list[dict]:
    """Best counterparts of each titled measure of ``plan_id`` among the items of other plans:
    French TF-IDF similarity (words + character n-grams, accents folded, stop words removed)
    combined with shared themes. Read-only; pairs already linked carry ``existing_state``."""
    snap = _snap(engine)
    _require_plan(snap, plan_id)
    return _suggest(snap, plan_id, top_k, min_score)


def rank_text(engine: Engine, text: str, *, themes: str | None = None, top_k: int = DEFAULT_TOP_K,
              exclude_plans: tuple[str, ...] = ()) -> list[dict]:
    """Best catalogue items for a free French text (search box, tests)."""
    from plans.overlaps.text import combined_scores
    from plans.overlaps.text import top_k as best

    snap = _snap(engine)
    targets = [{"plan_id": pid, "ref": ref, "text": m["title_fr"], "themes": m["themes"]}
               for (pid, ref), m in snap.measures.items() if m["title_fr"] and pid not in exclude_plans]
    with_items = {t["plan_id"] for t in targets}
    targets += [{"plan_id": p["id"], "ref": None, "text": p["title_fr"], "themes": p["themes"]}
                for p in snap.plans.values()
                if not p["tracked"] and p["id"] not in with_items and p["id"] not in exclude_plans]
    if not targets:
        return []
    scores = combined_scores([text], [t["text"] for t in targets], [themes] if themes is not None else None,
                             [t["themes"] for t in targets] if themes is not None else None)
    return [{**targets[j], "score": round(sc, 4), "rank": i}
            for i, (j, sc) in enumerate(best(scores, top_k)[0], start=1)]


def refresh_suggestions(engine: Engine, plan_id: str, *, top_k: int = DEFAULT_TOP_K,
                        min_score: float = MIN_SCORE) -> int:
    """Store the current suggestions of ``plan_id`` as ``links`` rows (state ``suggested``,
    origin ``suggestion``). Returns the number of rows inserted, rescored or removed (0 when
    nothing changed). Decided links and pairs already linked are never touched."""
    with engine.begin() as conn:
        snap = _snapshot(conn)
        _require_plan(snap, plan_id)
        sugg = _suggest(snap, plan_id, top_k, min_score)
        mine = {}
        others = set()
        for ln in snap.links:
            pair = _pair(ln["from_plan_id"], ln["from_ref"], ln["to_plan_id"], ln["to_ref"])
            if (ln["origin"] == "suggestion" and ln["state"] == "suggested" and ln["decided_by"] is None
                    and ln["from_plan_id"] == plan_id):
                mine[pair] = ln
            else:
                others.add(pair)
        wanted = {}
        for sg in sugg:
            pair = _pair(sg["from_plan_id"], sg["from_ref"], sg["to_plan_id"], sg["to_ref"])
            if pair in others:
                continue
            wanted[pair] = sg
        changed = 0
        for pair, ln in mine.items():
            sg = wanted.get(pair)
            if sg is None:
                conn.execute(s.links.delete().where(s.links.c.id == ln["id"]))
                changed += 1
            elif ln["score"] is None or abs(ln["score"] - sg["score"]) > 1e-6 or ln["kind"] != sg["kind"]:
                conn.execute(s.links.update().where(s.links.c.id == ln["id"]).values(score=sg["score"], kind=sg["kind"]))
                changed += 1
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        new_rows = [{
            "from_plan_id": sg["from_plan_id"], "from_ref": sg["from_ref"], "to_plan_id": sg["to_plan_id"],
            "to_ref": sg["to_ref"], "kind": sg["kind"], "state": "suggested", "score": sg["score"],
            "origin": "suggestion",
            "note": f"Suggestion automatique (similarité {sg['score']:.2f}, rang {sg['rank']}) du {now:%Y-%m-%d}",
            "source_url": "", "confidence": "suggestion (similarité des textes + thèmes communs) ; non vérifiée",
        } for pair, sg in wanted.items() if pair not in mine]
        if new_rows:
            conn.execute(s.links.insert(), new_rows)
        return changed + len(new_rows)


def decide_link(engine: Engine, link_id: int, state: str, by: str, *, kind: str | None = None) -> dict:
    """Record a person's decision on a link (« Confirmer » / « Rejeter »). The decision survives
    re-seeding, re-importing and refreshing suggestions. ``kind`` optionally corrects the link type
    (e.g. a suggested « recoupement » confirmed as « même action »)."""
    from plans.vocab import LINK_KINDS

    if kind is not None and kind not in LINK_KINDS:
        raise OverlapError(f"Type de lien inconnu : « {kind} ».")
    if state not in LINK_STATES:
        raise OverlapError(f"État inconnu : « {state} » (attendu : {', '.join(LINK_STATES)}).")
    if not (by or "").strip():
        raise OverlapError("Indiquez qui prend la décision.")
    with engine.begin() as conn:
        row = conn.execute(select(s.links).where(s.links.c.id == link_id)).mappings().first()
        if row is None:
            raise OverlapError(f"Lien introuvable : {link_id}.")
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        values = {"state": state, "decided_by": by.strip(), "decided_at": now}
        if kind is not None:
            values["kind"] = kind
        conn.execute(s.links.update().where(s.links.c.id == link_id).values(**values))
        return dict(conn.execute(select(s.links).where(s.links.c.id == link_id)).mappings().first())


def add_link(engine: Engine, from_plan_id: str, from_ref: str | None, to_plan_id: str, to_ref: str | None,
             kind: str, by: str, *, note: str | None = None, source_url: str = "") -> int:
    """A link entered by a person (origin ``user``, confirmed). Returns its id."""
    from plans.vocab import LINK_KINDS

    if kind not in LINK_KINDS:
        raise OverlapError(f"Type de lien inconnu : « {kind} ».")
    if not (by or "").strip():
        raise OverlapError("Indiquez qui crée le lien.")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with engine.begin() as conn:
        res = conn.execute(s.links.insert().values(
            from_plan_id=from_plan_id, from_ref=from_ref, to_plan_id=to_plan_id, to_ref=to_ref, kind=kind,
            state="confirmed", origin="user", note=note, decided_by=by.strip(), decided_at=now,
            source_url=source_url, confidence="saisi par une personne"))
        return res.inserted_primary_key[0]


def review_queue(engine: Engine, plan_id: str, *, limit: int | None = None, lang="fr") -> list[dict]:
    """Links touching ``plan_id`` still waiting for a decision, best score first."""
    rows = [r for r in links(engine, plan_id, lang=lang, states=("suggested",)) if r["decided_by"] is None]
    rows.sort(key=lambda r: (-(r["score"] or 0), r["ref"] or "", r["other_plan_id"]))
    return rows[:limit] if limit else rows
