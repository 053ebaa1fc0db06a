"""The suggestion engine: best counterparts of a plan's measures among the items of other plans
(French TF-IDF similarity from :mod:`plans.overlaps.text`, combined with shared themes). Read-only;
:func:`plans.overlaps.writes.refresh_suggestions` stores what :func:`suggestions` returns.
"""

from __future__ import annotations

from sqlalchemy import Engine

from plans.overlaps.snapshot import Row, Snapshot, require_plan, snapshot

MIN_SCORE = 0.12
DEFAULT_TOP_K = 3

Pair = tuple[tuple[str, str], ...]


def pair(a_plan: str, a_ref: str | None, b_plan: str, b_ref: str | None) -> Pair:
    """The two ends of a link, in either direction (``None`` ref = the whole plan)."""
    return tuple(sorted([(a_plan, a_ref or ""), (b_plan, b_ref or "")]))


def _targets(snap: Snapshot, plan_id: str) -> list[Row]:
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


def _kind_for(snap: Snapshot, plan_id: str, target_plan: str) -> str:
    t = snap.plans[target_plan]
    if t["kind"] == "rec":
        return "answers_recommendation"
    this = snap.plans[plan_id]
    if (t["tracked"] and t["kind"] == "plan" and t["period_start"] and this["period_start"]
            and t["period_start"] < this["period_start"]):
        return "carried_over"
    return "overlap"


def suggestions(snap: Snapshot, plan_id: str, top_k: int, min_score: float) -> list[Row]:
    """The ``top_k`` best targets (score ≥ ``min_score``) of each titled measure of ``plan_id``."""
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
        linked[pair(ln["from_plan_id"], ln["from_ref"], ln["to_plan_id"], ln["to_ref"])] = ln
    out = []
    for q, row in zip(queries, best(scores, top_k, min_score), strict=True):
        for rank, (j, score) in enumerate(row, start=1):
            t = targets[j]
            existing = linked.get(pair(plan_id, q["ref"], t["plan_id"], t["ref"]))
            out.append({
                "from_plan_id": plan_id, "from_ref": q["ref"], "from_title_fr": q["title_fr"],
                "to_plan_id": t["plan_id"], "to_ref": t["ref"], "to_title_fr": t["text"],
                "kind": _kind_for(snap, plan_id, t["plan_id"]), "score": round(score, 4), "rank": rank,
                "existing_link_id": existing["id"] if existing else None,
                "existing_state": existing["state"] if existing else None,
            })
    return out


def suggest(engine: Engine, plan_id: str, *, top_k: int = DEFAULT_TOP_K, min_score: float = MIN_SCORE) -> list[Row]:
    """Best counterparts of each titled measure of ``plan_id`` among the items of other plans:
    French TF-IDF similarity (words + character n-grams, accents folded, stop words removed)
    combined with shared themes. Read-only; pairs already linked carry ``existing_state``."""
    snap = snapshot(engine)
    require_plan(snap, plan_id)
    return suggestions(snap, plan_id, top_k, min_score)


def rank_text(engine: Engine, text: str, *, themes: str | None = None, top_k: int = DEFAULT_TOP_K,
              exclude_plans: tuple[str, ...] = ()) -> list[Row]:
    """Best catalogue items for a free French text (search box, tests)."""
    from plans.overlaps.text import combined_scores
    from plans.overlaps.text import top_k as best

    snap = snapshot(engine)
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
