"""The only writes of the overlaps: :func:`refresh_suggestions`, :func:`decide_link`, :func:`add_link`.

Rules that protect people's decisions:

- a link with ``decided_by`` set (confirmed or rejected in the app) is never modified by the seed
  nor by :func:`refresh_suggestions`;
- :func:`refresh_suggestions` never creates a suggestion for a pair of items that already has a
  link of any kind, state or origin (in either direction): a rejected suggestion is never
  resurrected, a confirmed one never downgraded;
- it only deletes or rescores its own undecided rows (``origin='suggestion'``,
  ``state='suggested'``, ``decided_by`` empty).

Each write takes the :class:`plans.access.Actor` making it, refuses one who may not write
(:class:`plans.access.AccessDenied`) and records it: ``decided_by`` is ``actor.recorded``
(« éditeur (mot de passe partagé) », « ligne de commande », « local (sans mot de passe) »), never a
free-text name; a refreshed suggestion's note says who asked for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, select

from plans import access, audit
from plans import schema as s
from plans.access import Actor
from plans.i18n import text
from plans.overlaps.snapshot import OverlapError, Row, load, require_plan
from plans.overlaps.suggest import DEFAULT_TOP_K, MIN_SCORE, Pair, pair, suggestions
from plans.vocab import LINK_KINDS, LINK_STATES


def refresh_suggestions(engine: Engine, plan_id: str, actor: Actor, *, top_k: int = DEFAULT_TOP_K,
                        min_score: float = MIN_SCORE) -> int:
    """Store the current suggestions of ``plan_id`` as ``links`` rows (state ``suggested``,
    origin ``suggestion``). Returns the number of rows inserted, rescored or removed (0 when
    nothing changed). Decided links and pairs already linked are never touched."""
    by = access.require(engine, actor, "decide_overlap", plan_id=plan_id).recorded
    with engine.begin() as conn:
        snap = load(conn)
        require_plan(snap, plan_id)
        sugg = suggestions(snap, plan_id, top_k, min_score)
        mine: dict[Pair, Row] = {}
        others: set[Pair] = set()
        for ln in snap.links:
            key = pair(ln["from_plan_id"], ln["from_ref"], ln["to_plan_id"], ln["to_ref"])
            if (ln["origin"] == "suggestion" and ln["state"] == "suggested" and ln["decided_by"] is None
                    and ln["from_plan_id"] == plan_id):
                mine[key] = ln
            else:
                others.add(key)
        wanted: dict[Pair, Row] = {}
        for sg in sugg:
            key = pair(sg["from_plan_id"], sg["from_ref"], sg["to_plan_id"], sg["to_ref"])
            if key in others:
                continue
            wanted[key] = sg
        changed = 0
        for key, ln in mine.items():
            want = wanted.get(key)
            if want is None:
                conn.execute(s.links.delete().where(s.links.c.id == ln["id"]))
                changed += 1
            elif ln["score"] is None or abs(ln["score"] - want["score"]) > 1e-6 or ln["kind"] != want["kind"]:
                conn.execute(s.links.update().where(s.links.c.id == ln["id"])
                             .values(score=want["score"], kind=want["kind"]))
                changed += 1
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        new_rows = [{
            "from_plan_id": sg["from_plan_id"], "from_ref": sg["from_ref"], "to_plan_id": sg["to_plan_id"],
            "to_ref": sg["to_ref"], "kind": sg["kind"], "state": "suggested", "score": sg["score"],
            "origin": "suggestion",
            "note": f"Suggestion automatique (similarité {sg['score']:.2f}, rang {sg['rank']}) du {now:%Y-%m-%d}, "
                    f"demandée par : {by}",
            "source_url": "", "confidence": "suggestion (similarité des textes + thèmes communs) ; non vérifiée",
        } for key, sg in wanted.items() if key not in mine]
        if new_rows:
            conn.execute(s.links.insert(), new_rows)
        if changed or new_rows:
            audit.record(conn, actor, "overlap_decided", plan_id=plan_id, summary=text(
                "audit.summary.suggestions_refreshed", added=len(new_rows), changed=changed))
        return changed + len(new_rows)


def decide_link(engine: Engine, link_id: int, state: str, actor: Actor, *, kind: str | None = None) -> Row:
    """Record a person's decision on a link (« Confirmer » / « Rejeter »). The decision survives
    re-seeding, re-importing and refreshing suggestions. ``kind`` optionally corrects the link type
    (e.g. a suggested « recoupement » confirmed as « même action »). ``decided_by`` records ``actor``, and so
    does the audit trail."""
    by = access.require(engine, actor, "decide_overlap").recorded
    if kind is not None and kind not in LINK_KINDS:
        raise OverlapError(text("overlaps.error.unknown_kind", kind=kind))
    if state not in LINK_STATES:
        raise OverlapError(text("overlaps.error.unknown_state", state=state, expected=", ".join(LINK_STATES)))
    with engine.begin() as conn:
        row = conn.execute(select(s.links).where(s.links.c.id == link_id)).mappings().first()
        if row is None:
            raise OverlapError(text("overlaps.error.no_link", link=link_id))
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        values: dict[str, Any] = {"state": state, "decided_by": by, "decided_at": now}
        if kind is not None:
            values["kind"] = kind
        conn.execute(s.links.update().where(s.links.c.id == link_id).values(**values))
        audit.record(conn, actor, "overlap_decided", plan_id=row["from_plan_id"], summary=text(
            "audit.summary.link_decided", link=_link_words(row), before=text(f"link_state.{row['state']}"),
            after=text(f"link_state.{state}")))
        return dict(conn.execute(select(s.links).where(s.links.c.id == link_id)).mappings().one())


def _link_words(row: Any) -> str:
    """« G04 (pna-2024-2027) ↔ PNLTI-TEH (plan-travail-illegal-2023-2027) »: what a journal line names."""
    def end(plan: str, ref: str | None) -> str:
        return f"{ref} ({plan})" if ref else plan
    return f"{end(row['from_plan_id'], row['from_ref'])} ↔ {end(row['to_plan_id'], row['to_ref'])}"


def add_link(engine: Engine, from_plan_id: str, from_ref: str | None, to_plan_id: str, to_ref: str | None,
             kind: str, actor: Actor, *, note: str | None = None, source_url: str = "") -> int:
    """A link entered by a person (origin ``user``, confirmed, ``decided_by`` = ``actor``, recorded in the audit
    trail). Returns its id."""
    by = access.require(engine, actor, "decide_overlap", plan_id=from_plan_id).recorded
    if kind not in LINK_KINDS:
        raise OverlapError(text("overlaps.error.unknown_kind", kind=kind))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with engine.begin() as conn:
        res = conn.execute(s.links.insert().values(
            from_plan_id=from_plan_id, from_ref=from_ref, to_plan_id=to_plan_id, to_ref=to_ref, kind=kind,
            state="confirmed", origin="user", note=note, decided_by=by, decided_at=now,
            source_url=source_url, confidence="saisi par une personne"))
        pk = res.inserted_primary_key
        assert pk is not None
        audit.record(conn, actor, "overlap_decided", plan_id=from_plan_id, summary=text(
            "audit.summary.link_added", link=_link_words({"from_plan_id": from_plan_id, "from_ref": from_ref,
                                                         "to_plan_id": to_plan_id, "to_ref": to_ref}),
            kind=text(f"link_kind.{kind}")))
        return int(pk[0])
