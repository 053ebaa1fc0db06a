"""The brief as neutral blocks (headings, paragraphs, bullets, tables, charts) plus numbered sources,
and the questions to ask each lead body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dashboard.brief.collect import BriefData
from dashboard.brief.common import _d, _int, _s, _short, split_urls, steering_short
from dashboard.brief.texts import _t
from plans import config
from plans.formatting import fmt_date, fmt_num, fmt_pct, format_day, format_since
from plans.normalize import fold
from plans.vocab import STATUS_CODES, STATUS_LABELS, VOICE_LABELS
from plans.wording import stalled_reason

MAX_CHANGES = 18
MAX_QUESTIONS_PER_LEAD = 12


@dataclass
class Block:
    kind: str  # title | meta | h1 | p | bullets | table | chart | sources | note
    text: str = ""
    items: list = field(default_factory=list)  # bullets: [(text, [source numbers])]; table: rows
    header: list = field(default_factory=list)
    refs: list = field(default_factory=list)  # source numbers for a paragraph
    chart: str = ""  # chart key
    caption: str = ""
    bold_prefix: str = ""


class Sources:
    def __init__(self):
        self.urls: list[str] = []

    def cite(self, value) -> list[int]:
        out = []
        for url in split_urls(value):
            if url not in self.urls:
                self.urls.append(url)
            out.append(self.urls.index(url) + 1)
        return out



def _status_label(code, lang):
    if not code:
        return "—"
    return STATUS_LABELS.get(lang, STATUS_LABELS["fr"]).get(code, code)


def _change_text(c: dict, lang: str, data: BriefData | None = None) -> str:
    t = _t(lang)
    what = c.get("what")
    label = t["what"].get(what, what)
    subject = data.title(c.get("ref"), c.get("subject")) if data is not None and c.get("ref") else _s(c.get("subject"))
    who = " ".join(x for x in (_s(c.get("ref")), _short(subject, 80)) if x)
    date = format_day(c.get("date"), lang, c.get("date_precision")) if c.get("date") else ""
    before, after = c.get("before"), c.get("after")
    if what == "status":
        voice = VOICE_LABELS.get(lang, VOICE_LABELS["fr"]).get(c.get("voice") or "", "")
        detail = (f"{_status_label(before, lang)} → {_status_label(after, lang)}" if before
                  else f"{_status_label(after, lang)} ({t['first_info']})")
        if voice:
            detail += f" — {voice}"
        return f"{date} — {who}{t['colon']}{label} {detail}"
    if what in ("postponement", "deadline"):
        detail = f"« {_s(before) or '—'} » → « {_s(after) or '—'} »"
    elif what == "information":
        detail = f"« {_short(_s(after), 120)} »" if _s(after) else ""
    elif what == "overdue":
        detail = f"(« {_s(before)} »)" if _s(before) else ""
    else:
        detail = ""
    return f"{date} — {who}{t['colon']}{label} {detail}".rstrip()


def _chain_text(e: dict, lang: str) -> str:
    t = _t(lang)
    steps = [t["quoted"].format(text=_s(x)) for x in e.get("announced") or [] if _s(x)]
    state = e.get("state")
    if state == "held" and e.get("held_on"):
        steps.append(t["slip_held"].format(date=fmt_date(e.get("held_on"), lang)))
    elif state == "not_held":
        steps.append(t["slip_not_held"])
    elif state == "pending":
        steps.append(t["slip_pending"])
    tail = t["slip_tail"].format(ups=_int(e.get("postponements")) or 0, days=fmt_num(_int(e.get("days_slipped")) or 0,
                                                                                       lang, 0))
    return f"{_s(e.get('subject'))}{t['colon']}{' → '.join(steps)} ({tail})."


@dataclass
class QuestionGroup:
    """Questions addressed to one body. ``kind``: ``lead`` (a measure's recorded lead body), ``steering`` (the
    plan's coordinator, from the plan data: governance, the list of measures, events tied to no measure) or
    ``unknown`` (measures whose lead body is not recorded: to be asked of the coordinator, who is not their lead)."""

    kind: str
    body: str
    heading: str
    questions: list[str] = field(default_factory=list)


def questions(data: BriefData) -> list[QuestionGroup]:
    """Questions per body, generated only from overdue / stalled / not-held / unknown items.

    Known lead bodies first (most questions first), then the plan coordinator, then the measures without a
    known lead body under their own heading."""
    t = _t(data.lang)
    steering = steering_short(data.plan)
    groups: dict[tuple[str, str], QuestionGroup] = {}

    def group(kind: str, body: str) -> QuestionGroup:
        leads_too = kind == "lead" and bool(steering) and fold(body) == fold(steering)
        if leads_too:
            kind, body = "steering", steering  # the coordinator also leads measures: one group
        key = (kind, fold(body))
        if key not in groups:
            if kind == "lead":
                heading = t["q_h_lead"].format(lead=body)
            elif kind == "steering":
                heading = t["q_h_steering"].format(steering=body) if body else t["q_h_steering_none"]
            else:
                heading = t["q_h_unknown"].format(steering=steering) if steering else t["q_h_unknown_none"]
            groups[key] = QuestionGroup(kind, body, heading)
        if leads_too:
            groups[key].heading = t["q_h_steering_lead"].format(steering=steering)
        return groups[key]

    def ask(ref, text: str):
        """A question about measure ``ref`` goes to its lead body (or to the « no known lead » group);
        a question about no measure goes to the plan's coordinator."""
        if ref:
            lead = data.lead_of(ref)
            (group("lead", lead) if lead else group("unknown", "")).questions.append(text)
        else:
            group("steering", steering).questions.append(text)

    for o in data.overdue:
        row = data.row(o.get("ref"))
        ask(o.get("ref"), t["q_overdue"].format(
            ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 70),
            deadline=_s(row.get("deadline_text")) or fmt_date(o.get("deadline_end") or o.get("deadline"), data.lang),
            days=fmt_num(_int(o.get("days_overdue")) or 0, data.lang, 0)))
    for o in data.stalled:
        ask(o.get("ref"), t["q_stalled"].format(
            ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 70),
            since=format_since(o.get("since"), data.lang, o.get("since_precision"))))
    for e in data.not_held:
        ask(e.get("ref"), t["q_not_held"].format(subject=_s(e.get("subject")), expected=_s(e.get("expected"))))
    for e in data.slipped:
        if e.get("state") == "pending" and (_int(e.get("postponements")) or 0) > 0:
            ask(e.get("ref"), t["q_pending"].format(subject=_s(e.get("subject")), ups=e.get("postponements")))
    ov = data.overlaps if isinstance(data.overlaps, dict) else {}
    for e in ov.get("recycled") or []:
        if not isinstance(e, dict) or not data._in_scope(e.get("ref")) or e.get("current_status") == "done":
            continue
        failed = [x for x in e.get("earlier") or [] if x.get("rating_status") in ("not_started", "abandoned")]
        if failed:
            x = failed[-1]
            ask(e.get("ref"), t["q_recycled"].format(
                ref=e.get("ref"), old=_s(x.get("ref")), plan=_s(x.get("plan_title")) or _s(x.get("plan_id")),
                rating=_s(x.get("rating"))))
    counted = data.counted
    if not counted.empty:
        unknown = counted[counted["status"].fillna("unknown") == "unknown"]
        for lead, grp in unknown.groupby(unknown["lead_body"].fillna("").map(_s), sort=True):
            text = t["q_unknown"].format(refs=", ".join(grp["ref"].astype(str)))
            (group("lead", lead) if lead else group("unknown", "")).questions.append(text)
    if data.scope.kind == "plan" or (steering and fold(data.scope_name) == fold(steering)):
        for year, g in sorted(data.governance.items(), key=lambda kv: str(kv[0])):
            if g.get("met") is False and g.get("complete_year", True):
                held = _int(g.get("held")) or 0
                group("steering", steering).questions.append(t["q_gov"].format(
                    held=t["times"].get(held) or t["times_n"].format(n=held), year=year, required=g.get("required")))
        declared = _int(data.summary.get("measures_declared"))
        documented = _int(data.summary.get("measures_documented")) or 0
        if declared and documented < declared:
            group("steering", steering).questions.append(t["q_list"].format(declared=declared, doc=documented))
    order = {"lead": 0, "steering": 1, "unknown": 2}
    out = [g for g in groups.values() if g.questions]
    return sorted(out, key=lambda g: (order[g.kind], -len(g.questions) if g.kind == "lead" else 0, fold(g.body)))


def compose(data: BriefData) -> tuple[list[Block], list[str]]:
    """The brief as neutral blocks plus the numbered source list."""
    lang, t, S = data.lang, _t(data.lang), Sources()
    plan, summ = data.plan, data.summary
    plan_name = _s(plan.get("short_title")) or _s(plan.get("title_fr"))
    B: list[Block] = [
        Block("title", t["title"].format(plan=plan_name)),
        Block("meta", t["meta"].format(as_of=fmt_date(data.as_of, lang), since=fmt_date(data.since, lang),
                                       since_origin=t[f"since_{data.since_origin}"],
                                       scope=data.scope.label(lang, data.scope_name))),
    ]
    # -- state of the data
    declared = _int(summ.get("measures_declared"))
    documented = _int(summ.get("measures_documented")) or 0
    cov = summ.get("coverage")
    if data.scope.kind == "plan":
        line = (t["complete_plan"].format(doc=documented, declared=declared, cov=fmt_pct(cov, lang))
                if declared else t["complete_nodecl"].format(doc=documented))
    else:
        line = t["complete_scope"].format(n=len(data.counted), doc=documented, declared=declared or "?")
    counted = data.counted
    unknown = counted[counted["status"].fillna("unknown") == "unknown"] if not counted.empty else counted
    parts = [line]
    if len(unknown):
        key = "no_status_one" if len(unknown) == 1 else "no_status"
        parts.append(t[key].format(n=len(unknown), refs=", ".join(unknown["ref"].astype(str))))
    completeness = (plan.get("settings") or {}).get("completeness") or {}
    if "official_numbers_known" in completeness and declared:
        parts.append(t["official_numbers"].format(known=completeness["official_numbers_known"], declared=declared))
    parts.append(t["figures_only"])
    B.append(Block("note", " ".join(parts), bold_prefix=t["completeness_h"] + t["colon"]))

    # -- headline figures
    B.append(Block("h1", t["h_figures"]))
    by_status = data.by_status
    items = [f"{_status_label(c, lang)}{t['colon']}{by_status[c]}" for c in STATUS_CODES if by_status.get(c)]
    bullets = [(t["statuses"].format(items=" · ".join(items) or "—"), [])]
    progress = data.scope_progress
    if progress is None:
        bullets.append((t["progress_unknown"], []))
    else:
        bullets.append((t["progress"].format(progress=fmt_pct(progress, lang),
                                             elapsed=fmt_pct(summ.get("time_elapsed"), lang),
                                             start=fmt_date(plan.get("period_start"), lang),
                                             end=fmt_date(plan.get("period_end"), lang)), []))
    if data.scope.kind == "plan" and isinstance(summ.get("freshness"), int | float):
        days = config.with_defaults("thresholds", summ.get("thresholds"))["freshness_days"]
        bullets.append((t["freshness"].format(fresh=fmt_pct(summ["freshness"], lang), days=days), []))
    proj = _d(summ.get("projection")) if data.scope.kind == "plan" else None
    if proj:
        end = _d(plan.get("period_end"))
        bullets.append((t["projection"].format(date=fmt_date(proj, lang),
                                               late=t["projection_late"] if end and proj > end else ""), []))
    bullets.append((t["counts"].format(overdue=len(data.overdue), stalled=len(data.stalled),
                                       not_held=len(data.not_held)), []))
    B.append(Block("bullets", items=bullets))
    B.append(Block("charts", items=[("status", t["chart_status"]), ("time", t["chart_time"])]))

    # -- changes
    B.append(Block("h1", t["h_changes"].format(since=fmt_date(data.since, lang))))
    if not data.changes:
        B.append(Block("p", t["no_changes"].format(since=fmt_date(data.since, lang), as_of=fmt_date(data.as_of, lang))))
    else:
        shown = data.changes[-MAX_CHANGES:] if len(data.changes) > MAX_CHANGES else data.changes
        B.append(Block("bullets", items=[(_change_text(c, lang, data), []) for c in shown]))
        if len(data.changes) > len(shown):
            B.append(Block("p", t["more_changes"].format(n=len(data.changes) - len(shown))))

    # -- overdue
    B.append(Block("h1", t["h_overdue"]))
    if data.overdue:
        rows = []
        for o in data.overdue:
            row = data.row(o.get("ref"))
            n = S.cite(row.get("source_url"))
            rows.append([_s(o.get("ref")), _short(data.title(o.get("ref"), o.get("title")), 90),
                         _s(row.get("lead_body")) or "—",
                         _s(row.get("deadline_text")) or fmt_date(o.get("deadline_end") or o.get("deadline"), lang),
                         fmt_num(_int(o.get("days_overdue")) or 0, lang, 0), n])
        B.append(Block("table", header=t["table_overdue"], items=rows))
    else:
        B.append(Block("p", t["no_overdue"].format(as_of=fmt_date(data.as_of, lang))))
    if data.no_deadline:
        B.append(Block("p", t["no_deadline"].format(n=len(data.no_deadline), refs=", ".join(data.no_deadline))))

    # -- stalled
    B.append(Block("h1", t["h_stalled"]))
    if data.stalled:
        items = []
        for o in data.stalled:
            reason = stalled_reason(o.get("unchanged_days"), o.get("times_postponed"), lang) or ""
            items.append((t["stalled_item"].format(ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 90),
                                                   reason=reason, since=format_since(o.get("since"), lang, o.get("since_precision"))),
                          S.cite(data.row(o.get("ref")).get("source_url"))))
        B.append(Block("bullets", items=items))
    else:
        B.append(Block("p", t["no_stalled"].format(as_of=fmt_date(data.as_of, lang))))

    # -- slipped
    B.append(Block("h1", t["h_slipped"]))
    if data.slipped:
        B.append(Block("bullets", items=[(_chain_text(e, lang), S.cite(e.get("source_url"))) for e in data.slipped]))
        B.append(Block("chart", chart="slippage", caption=t["chart_slip"]))
    else:
        B.append(Block("p", t["no_slipped"]))

    # -- not held
    B.append(Block("h1", t["h_not_held"]))
    if data.not_held:
        B.append(Block("bullets", items=[(t["not_held_item"].format(
            subject=_s(e.get("subject")), expected=_s(e.get("expected")),
            days=fmt_num(_int(e.get("days_late")) or 0, lang, 0)), S.cite(e.get("source_url"))) for e in data.not_held]))
    else:
        B.append(Block("p", t["no_not_held"].format(as_of=fmt_date(data.as_of, lang))))

    # -- governance
    B.append(Block("h1", t["h_gov"]))
    gov_settings = (plan.get("settings") or {}).get("governance") or {}
    rule = _s(summ.get("governance_rule")) or _s(gov_settings.get("rule_text"))
    if rule:
        B.append(Block("p", rule, refs=S.cite(gov_settings.get("source_url"))))
    gov = data.governance
    if gov:
        items = []
        for year, g in sorted(gov.items(), key=lambda kv: str(kv[0])):
            if not g.get("complete_year", True):
                mark = t["gov_ongoing"]
            else:
                mark = t["gov_met"] if g.get("met") else t["gov_not_met"]
            items.append((t["gov_year"].format(year=year, held=g.get("held"), required=g.get("required"), mark=mark),
                          []))
        B.append(Block("bullets", items=items))
    elif not rule:
        B.append(Block("p", t["gov_no_rule"]))
    last = _d(summ.get("last_meeting_held"))
    B.append(Block("p", t["gov_last"].format(date=fmt_date(last, lang)) if last else t["gov_none"]))
    if gov:
        B.append(Block("chart", chart="governance", caption=t["chart_gov"]))

    # -- overlaps
    B.append(Block("h1", t["h_overlaps"]))
    items = _overlap_items(data, S)
    if items:
        B.append(Block("bullets", items=items))
    else:
        B.append(Block("p", t["no_overlaps"]))

    # -- questions
    B.append(Block("h1", t["h_questions"]))
    groups = questions(data)
    for g in groups:
        B.append(Block("h2", g.heading))
        shown = g.questions[:MAX_QUESTIONS_PER_LEAD]
        items = [(q, []) for q in shown]
        if len(g.questions) > len(shown):
            items.append((t["more_questions"].format(n=len(g.questions) - len(shown)), []))
        B.append(Block("bullets", items=items))
    if not groups:
        B.append(Block("p", t["no_questions"]))

    B.append(Block("note", t["footer"].format(today=fmt_date(dt.date.today(), lang))))
    S.cite(plan.get("source_url"))
    return B, S.urls


def _overlap_items(data: BriefData, S: Sources) -> list[tuple[str, list[int]]]:
    """Shared actions, recycled promises and theme gaps from ``plans.overlaps``; without that module,
    the carried-over / has-overlaps columns of the measures table."""
    t, lang = _t(data.lang), data.lang
    items: list[tuple[str, list[int]]] = []
    ov = data.overlaps
    if isinstance(ov, dict) and ov:
        for e in ov.get("shared_actions") or []:
            if not isinstance(e, dict) or not data._in_scope(e.get("ref")) or e.get("state") == "rejected":
                continue
            other = _s(e.get("other_plan_title")) or _s(e.get("other_plan_id"))
            other_item = f"{_s(e.get('other_ref'))} " if _s(e.get("other_ref")) else ""
            state = "" if e.get("state") == "confirmed" else t["ov_suggested"]
            text = t["ov_shared"].format(ref=e.get("ref"), title=_short(data.title(e.get("ref"), e.get("title_fr")), 70),
                                         kind=(_s(e.get("kind_label")) or t["ov_same_action"]).lower(),
                                         other_ref=other_item, other=other, state=state)
            items.append((text, S.cite(e.get("source_url"))))
        for e in ov.get("recycled") or []:
            if not isinstance(e, dict) or not data._in_scope(e.get("ref")):
                continue
            earlier = []
            refs = S.cite(e.get("source_url"))
            for x in e.get("earlier") or []:
                rating = ""
                if _s(x.get("rating")):
                    rating = t["ov_rated"].format(rating=_s(x["rating"]), date=fmt_date(x.get("rating_date"), lang))
                    refs += S.cite(x.get("rating_source_url"))
                earlier.append(f"{_s(x.get('ref'))} {t['quoted'].format(text=_short(_s(x.get('title_fr')), 60))} "
                               f"({_s(x.get('plan_title')) or _s(x.get('plan_id'))}{rating})")
            age = e.get("age_years")
            age_txt = ""
            if isinstance(age, int | float):
                age_txt = t["ov_age"].format(age=fmt_num(age, lang, 1))
            text = t["ov_recycled"].format(ref=e.get("ref"),
                                           title=_short(data.title(e.get("ref"), e.get("title_fr")), 60),
                                           earlier=t["ov_then"].join(earlier) or t["ov_earlier_measure"], age=age_txt)
            items.append((text, sorted(set(refs))))
        if data.scope.kind == "plan":
            gaps = [g for g in ov.get("theme_gaps") or [] if isinstance(g, dict)]
            gaps.sort(key=lambda g: (-(_int(g.get("plans_count")) or 0), _s(g.get("theme_label"))))

            def fmt_gaps(rows):
                return ", ".join(f"{_s(g.get('theme_label')) or _s(g.get('theme'))} ({_int(g.get('plans_count')) or 0})"
                                 for g in rows[:8])
            absent = [g for g in gaps if not g.get("declared_in_plan")]
            undocumented = [g for g in gaps if g.get("declared_in_plan")]
            if absent:
                items.append((t["gaps_absent"].format(themes=fmt_gaps(absent)), []))
            if undocumented:
                items.append((t["gaps_undocumented"].format(themes=fmt_gaps(undocumented)), []))
        return items
    tab = data.table
    if tab.empty:
        return items
    for r in tab.itertuples(index=False):
        if _s(getattr(r, "carried_over_from", "")):
            items.append((t["carried"].format(ref=r.ref, title=_short(_s(r.title_fr), 70),
                                              src=_s(r.carried_over_from)), S.cite(r.source_url)))
    if "has_overlaps" in tab:
        refs = [str(x) for x in tab.loc[tab["has_overlaps"].fillna(False).astype(bool), "ref"]]
        if refs:
            items.append((t["has_overlaps"].format(refs=", ".join(refs)), []))
    return items
