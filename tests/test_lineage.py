"""plans.lineage: « carried over from an earlier plan », over rows already loaded."""

from __future__ import annotations

import datetime as dt

from plans.lineage import catalogue_refs, earlier_measures, promise_chain

PLANS = {
    "p1": {"tracked": True, "period_start": dt.date(2014, 1, 1)},
    "p2": {"tracked": True, "period_start": dt.date(2019, 1, 1)},
    "p3": {"tracked": True, "period_start": dt.date(2024, 1, 1)},
    "strategy": {"tracked": False, "period_start": None},
}


def _m(plan_id, ref, cof=None):
    return {"plan_id": plan_id, "ref": ref, "carried_over_from": cof}


MEASURES = {(m["plan_id"], m["ref"]): m for m in [
    _m("p1", "A1"), _m("p2", "B1", "A1"), _m("p2", "B2"), _m("p3", "C1"), _m("p3", "C2", "B2, X9"),
    _m("strategy", "B2"), _m("p3", "C3", "LATER"), _m("p3", "LATER"),
]}


def _link(frm, to, state="confirmed", kind="carried_over"):
    return {"from_plan_id": frm[0], "from_ref": frm[1], "to_plan_id": to[0], "to_ref": to[1],
            "kind": kind, "state": state}


LINKS = [_link(("p3", "C1"), ("p2", "B1")), _link(("p3", "C1"), ("p1", "A1"), state="suggested"),
         _link(("p3", "C2"), ("p1", None)), _link(("p3", "C1"), ("p2", "B2"), kind="overlap")]


def _refs(rows):
    return [(r["plan_id"], r["ref"]) for r in rows]


def _earlier(m, **kw):
    return earlier_measures(m, plans=PLANS, measures=MEASURES, links=LINKS, **kw)


def test_catalogue_refs():
    assert catalogue_refs(" B2, X9;;Y ") == ["B2", "X9", "Y"] and catalogue_refs(None) == []


def test_links_and_catalogue_field():
    assert _refs(_earlier(MEASURES[("p3", "C1")])) == [("p2", "B1")]  # confirmed links only by default
    assert _refs(_earlier(MEASURES[("p3", "C1")], link_states=("suggested", "confirmed"))) == [
        ("p2", "B1"), ("p1", "A1")]
    # a catalogue ref is looked up in the other tracked plans; plan-level links and unknown refs are not origins
    assert _refs(_earlier(MEASURES[("p3", "C2")])) == [("p2", "B2")]
    assert _earlier(MEASURES[("p3", "C3")]) == []  # same plan is never its own origin
    assert _earlier(MEASURES[("p1", "A1")]) == []


def test_only_earlier_plans():
    later = {**MEASURES, ("p3", "A1"): _m("p3", "A1")}
    assert _refs(earlier_measures(_m("p2", "B9", "A1"), plans=PLANS, measures=later, links=[])) == [("p1", "A1")]
    assert earlier_measures(_m("p1", "Z", "C1"), plans=PLANS, measures=MEASURES, links=[]) == []


def test_promise_chain_oldest_first():
    chain = promise_chain(MEASURES[("p3", "C1")], plans=PLANS, measures=MEASURES, links=LINKS)
    assert _refs(chain) == [("p1", "A1"), ("p2", "B1")]
    assert chain[0] is MEASURES[("p1", "A1")]
