"""The questions the brief asks, grouped by the body they are for: :func:`questions`."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.brief.collect import BriefData
from dashboard.brief.common import _int, _s, _short, steering_short
from dashboard.brief.texts import _t
from plans.formatting import fmt_date, fmt_num, format_since
from plans.normalize import fold


@dataclass
class QuestionGroup:
    """Questions addressed to one body. ``kind``: ``lead`` (a measure's recorded lead body), ``steering`` (the
    plan's coordinator, from the plan data: governance, the list of measures, events tied to no measure) or
    ``unknown`` (measures whose lead body is not recorded: to be asked of the coordinator, who is not their lead)."""

    kind: str
    body: str
    heading: str
    questions: list[str] = field(default_factory=list)


class _Groups:
    """The groups being filled, in the order they were first asked a question."""

    def __init__(self, data: BriefData):
        self.data, self.steering = data, steering_short(data.plan)
        self.groups: dict[tuple[str, str], QuestionGroup] = {}

    def group(self, kind: str, body: str) -> QuestionGroup:
        t, steering = _t(self.data.lang), self.steering
        leads_too = kind == "lead" and bool(steering) and fold(body) == fold(steering)
        if leads_too:
            kind, body = "steering", steering  # the coordinator also leads measures: one group
        key = (kind, fold(body))
        if key not in self.groups:
            if kind == "lead":
                heading = t["q_h_lead"].format(lead=body)
            elif kind == "steering":
                heading = t["q_h_steering"].format(steering=body) if body else t["q_h_steering_none"]
            else:
                heading = t["q_h_unknown"].format(steering=steering) if steering else t["q_h_unknown_none"]
            self.groups[key] = QuestionGroup(kind, body, heading)
        if leads_too:
            self.groups[key].heading = t["q_h_steering_lead"].format(steering=steering)
        return self.groups[key]

    def lead(self, lead: str, text: str):
        """To a lead body, or to the « no known lead » group when ``lead`` is empty."""
        (self.group("lead", lead) if lead else self.group("unknown", "")).questions.append(text)

    def steering_body(self, text: str):
        self.group("steering", self.steering).questions.append(text)

    def ask(self, ref, text: str):
        """A question about measure ``ref`` goes to its lead body (or to the « no known lead » group);
        a question about no measure goes to the plan's coordinator."""
        if ref:
            self.lead(self.data.lead_of(ref), text)
        else:
            self.steering_body(text)

    def result(self) -> list[QuestionGroup]:
        order = {"lead": 0, "steering": 1, "unknown": 2}
        out = [g for g in self.groups.values() if g.questions]
        return sorted(out, key=lambda g: (order[g.kind], -len(g.questions) if g.kind == "lead" else 0, fold(g.body)))


def _overdue(data: BriefData, q: _Groups):
    t = _t(data.lang)
    for o in data.overdue:
        row = data.row(o.get("ref"))
        q.ask(o.get("ref"), t["q_overdue"].format(
            ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 70),
            deadline=_s(row.get("deadline_text")) or fmt_date(o.get("deadline_end") or o.get("deadline"), data.lang),
            days=fmt_num(_int(o.get("days_overdue")) or 0, data.lang, 0)))


def _stalled(data: BriefData, q: _Groups):
    t = _t(data.lang)
    for o in data.stalled:
        q.ask(o.get("ref"), t["q_stalled"].format(
            ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 70),
            since=format_since(o.get("since"), data.lang, o.get("since_precision"))))


def _events(data: BriefData, q: _Groups):
    """Events not held, then events postponed and still pending."""
    t = _t(data.lang)
    for e in data.not_held:
        q.ask(e.get("ref"), t["q_not_held"].format(subject=_s(e.get("subject")), expected=_s(e.get("expected"))))
    for e in data.slipped:
        if e.get("state") == "pending" and (_int(e.get("postponements")) or 0) > 0:
            ups = _int(e.get("postponements"))
            q.ask(e.get("ref"), (t["q_pending_one"] if ups == 1 else t["q_pending"]).format(
                subject=_s(e.get("subject")), ups=ups))


def _recycled(data: BriefData, q: _Groups):
    """Measures not done that repeat a promise an earlier plan did not keep (the last such one is named)."""
    t = _t(data.lang)
    ov = data.overlaps if isinstance(data.overlaps, dict) else {}
    for e in ov.get("recycled") or []:
        if not isinstance(e, dict) or not data._in_scope(e.get("ref")) or e.get("current_status") == "done":
            continue
        failed = [x for x in e.get("earlier") or [] if x.get("rating_status") in ("not_started", "abandoned")]
        if failed:
            x = failed[-1]
            q.ask(e.get("ref"), t["q_recycled"].format(
                ref=e.get("ref"), old=t["quoted"].format(text=_short(_s(x.get("title_fr")) or _s(x.get("ref")), 60)), plan=_s(x.get("plan_title")) or _s(x.get("plan_id")),
                rating=_s(x.get("rating"))))


def _unknown_status(data: BriefData, q: _Groups):
    """One question per lead body for its measures with no known status."""
    t = _t(data.lang)
    counted = data.counted
    if counted.empty:
        return
    unknown = counted[counted["status"].fillna("unknown") == "unknown"]
    for lead, grp in unknown.groupby(unknown["lead_body"].fillna("").map(_s), sort=True):
        q.lead(lead, t["q_unknown"].format(refs=", ".join(grp["ref"].astype(str))))


def _coordinator(data: BriefData, q: _Groups):
    """For the whole plan or the coordinator's scope: years the governance rule was not met, missing measures."""
    steering, t = q.steering, _t(data.lang)
    if not (data.scope.kind == "plan" or (steering and fold(data.scope_name) == fold(steering))):
        return
    for year, g in sorted(data.governance.items(), key=lambda kv: str(kv[0])):
        if g.get("met") is False and g.get("complete_year", True):
            held = _int(g.get("held")) or 0
            q.steering_body(t["q_gov"].format(held=t["times"].get(held) or t["times_n"].format(n=held), year=year,
                                              required=g.get("required")))
    declared = _int(data.summary.get("measures_declared"))
    documented = _int(data.summary.get("measures_documented")) or 0
    if declared and documented < declared:
        q.steering_body(t["q_list"].format(declared=declared, doc=documented))


_ASKED = (_overdue, _stalled, _events, _recycled, _unknown_status, _coordinator)


def questions(data: BriefData) -> list[QuestionGroup]:
    """Questions per body, generated only from overdue / stalled / not-held / unknown items.

    Known lead bodies first (most questions first), then the plan coordinator, then the measures without a
    known lead body under their own heading."""
    q = _Groups(data)
    for ask in _ASKED:
        ask(data, q)
    return q.result()
