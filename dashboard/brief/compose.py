"""The brief as neutral blocks (headings, paragraphs, bullets, tables, charts) plus numbered sources, section by
section (:data:`_SECTIONS`); the questions to ask each body come from :mod:`dashboard.brief.questions`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dashboard.brief.collect import BriefData
from dashboard.brief.common import _d, _int, _s, _short, split_urls
from dashboard.brief.questions import questions
from dashboard.brief.texts import _t
from plans import config
from plans.formatting import fmt_date, fmt_num, fmt_pct, format_day, format_since
from plans.vocab import STATUS_CODES, STATUS_LABELS, VOICE_LABELS
from plans.wording import governance_year, stalled_reason

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
    tail = _slip_tail(_int(e.get("postponements")) or 0, _int(e.get("days_slipped")) or 0, lang)
    return f"{_s(e.get('subject'))}{t['colon']}{' → '.join(steps)}" + (f" ({tail})." if tail else ".")


def _slip_tail(ups: int, days: int, lang: str) -> str:
    """« 2 reports, 50 jours de glissement », « 1 report », « 6 jours de glissement »: only what there is, with
    the plural right."""
    t = _t(lang)
    parts = []
    if ups:
        parts.append(t["slip_ups_one"] if ups == 1 else t["slip_ups"].format(n=ups))
    if days:
        parts.append(t["slip_days_one"] if days == 1 else t["slip_days"].format(n=fmt_num(days, lang, 0)))
    return ", ".join(parts)


def _plural(t: dict, key: str, n: int, **values) -> str:
    """The text ``key`` for ``n`` (``key_one`` when ``n`` is 1)."""
    return (t[f"{key}_one"] if n == 1 else t[key]).format(n=n, **values)


def elapsed(start: dt.date, end: dt.date, lang: str) -> str:
    """How long from ``start`` to ``end`` in words: « 12 jours », « 3 mois », « 1 an et 2 mois », « 2 ans »."""
    dur = _t(lang)["dur"]
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    if months < 1:
        days = max((end - start).days, 0)
        return dur["day_one"] if days == 1 else dur["day"].format(n=days)
    if months < 12:
        return dur["month_one"] if months == 1 else dur["month"].format(n=months)
    years, rest = divmod(months, 12)
    said = dur["year_one"] if years == 1 else dur["year"].format(n=years)
    if rest:
        said += dur["and"] + (dur["month_one"] if rest == 1 else dur["month"].format(n=rest))
    return said


def _completeness(data: BriefData, S: Sources) -> list[Block]:
    """The state of the data: measures documented out of those declared, those with no status, what is known."""
    lang, t, summ = data.lang, _t(data.lang), data.summary
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
    completeness = (data.plan.get("settings") or {}).get("completeness") or {}
    if "official_numbers_known" in completeness and declared:
        parts.append(t["official_numbers"].format(known=completeness["official_numbers_known"], declared=declared))
    parts.append(t["figures_only"])
    return [Block("note", " ".join(parts), bold_prefix=t["completeness_h"] + t["colon"])]


def _figures(data: BriefData, S: Sources) -> list[Block]:
    """Headline figures: statuses, progress against time, freshness, projection, counts; the two charts."""
    lang, t, plan, summ = data.lang, _t(data.lang), data.plan, data.summary
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
    return [Block("h1", t["h_figures"]), Block("bullets", items=bullets),
            Block("charts", items=[("status", t["chart_status"]), ("time", t["chart_time"])])]


def _changes(data: BriefData, S: Sources) -> list[Block]:
    """The last :data:`MAX_CHANGES` changes since the « since » date."""
    lang, t = data.lang, _t(data.lang)
    out = [Block("h1", t["h_changes"].format(since=fmt_date(data.since, lang)))]
    if not data.changes:
        return [*out, Block("p", t["no_changes"].format(since=fmt_date(data.since, lang),
                                                        as_of=fmt_date(data.as_of, lang)))]
    shown = data.changes[-MAX_CHANGES:] if len(data.changes) > MAX_CHANGES else data.changes
    out.append(Block("bullets", items=[(_change_text(c, lang, data), []) for c in shown]))
    if len(data.changes) > len(shown):
        out.append(Block("p", _plural(t, "more_changes", len(data.changes) - len(shown))))
    return out


def _overdue(data: BriefData, S: Sources) -> list[Block]:
    """The table of overdue measures, then the measures with no deadline."""
    lang, t = data.lang, _t(data.lang)
    out = [Block("h1", t["h_overdue"])]
    if data.overdue:
        rows = []
        for o in data.overdue:
            row = data.row(o.get("ref"))
            n = S.cite(row.get("source_url"))
            rows.append([_s(o.get("ref")), _short(data.title(o.get("ref"), o.get("title")), 90),
                         _s(row.get("lead_body")) or "—",
                         _s(row.get("deadline_text")) or fmt_date(o.get("deadline_end") or o.get("deadline"), lang),
                         fmt_num(_int(o.get("days_overdue")) or 0, lang, 0), n])
        out.append(Block("table", header=t["table_overdue"], items=rows))
    else:
        out.append(Block("p", t["no_overdue"].format(as_of=fmt_date(data.as_of, lang))))
    if data.no_deadline:
        out.append(Block("p", t["no_deadline"].format(n=len(data.no_deadline), refs=", ".join(data.no_deadline))))
    return out


def _stalled(data: BriefData, S: Sources) -> list[Block]:
    lang, t = data.lang, _t(data.lang)
    if not data.stalled:
        return [Block("h1", t["h_stalled"]), Block("p", t["no_stalled"].format(as_of=fmt_date(data.as_of, lang)))]
    items = []
    for o in data.stalled:
        reason = stalled_reason(o.get("unchanged_days"), o.get("times_postponed"), lang) or ""
        since = format_since(o.get("since"), lang, o.get("since_precision"))
        text = t["stalled_item"].format(ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 90),
                                        reason=reason, since=since)
        items.append((text, S.cite(data.row(o.get("ref")).get("source_url"))))
    return [Block("h1", t["h_stalled"]), Block("bullets", items=items)]


def _slipped(data: BriefData, S: Sources) -> list[Block]:
    t = _t(data.lang)
    if not data.slipped:
        return [Block("h1", t["h_slipped"]), Block("p", t["no_slipped"])]
    return [Block("h1", t["h_slipped"]),
            Block("bullets", items=[(_chain_text(e, data.lang), S.cite(e.get("source_url"))) for e in data.slipped]),
            Block("chart", chart="slippage", caption=t["chart_slip"])]


def _not_held(data: BriefData, S: Sources) -> list[Block]:
    lang, t = data.lang, _t(data.lang)
    if not data.not_held:
        return [Block("h1", t["h_not_held"]), Block("p", t["no_not_held"].format(as_of=fmt_date(data.as_of, lang)))]
    return [Block("h1", t["h_not_held"]), Block("bullets", items=[(t["not_held_item"].format(
        subject=_s(e.get("subject")), expected=_s(e.get("expected")),
        days=fmt_num(_int(e.get("days_late")) or 0, lang, 0)), S.cite(e.get("source_url"))) for e in data.not_held])]


def _governance(data: BriefData, S: Sources) -> list[Block]:
    """The governance rule, the meetings held each year against it, the last meeting held and its chart."""
    lang, t, summ = data.lang, _t(data.lang), data.summary
    out = [Block("h1", t["h_gov"])]
    gov_settings = (data.plan.get("settings") or {}).get("governance") or {}
    rule = _s(summ.get("governance_rule")) or _s(gov_settings.get("rule_text"))
    if rule:
        out.append(Block("p", rule, refs=S.cite(gov_settings.get("source_url"))))
    gov = data.governance
    if gov:
        items = [(governance_year(year, g, lang), []) for year, g in sorted(gov.items(), key=lambda kv: str(kv[0]))]
        out.append(Block("bullets", items=items))
    elif not rule:
        out.append(Block("p", t["gov_no_rule"]))
    last = _d(summ.get("last_meeting_held"))
    out.append(Block("p", t["gov_last"].format(date=fmt_date(last, lang)) if last else t["gov_none"]))
    if gov:
        out.append(Block("chart", chart="governance", caption=t["chart_gov"]))
    return out


def _positions(data: BriefData, S: Sources) -> list[Block]:
    """« Positions du collectif »: the text written in the app for this meeting, one paragraph per line, as text
    (every renderer escapes or cleans it); nothing when none was written."""
    pos = data.positions or {}
    paras = [" ".join(line.split()) for line in str(pos.get("text") or "").splitlines()]
    paras = [p for p in paras if p]
    if not paras or data.meeting_on is None:
        return []
    lang, t = data.lang, _t(data.lang)
    saved = _d(pos.get("saved_at"))
    note = t["positions_note"].format(meeting=fmt_date(data.meeting_on, lang), saved=fmt_date(saved, lang))
    return [Block("h1", t["h_positions"]), *(Block("p", p) for p in paras), Block("note", note)]


def _divergences(data: BriefData, S: Sources) -> list[Block]:
    """The measures on which government and civil society (or an independent body) give different statuses, each
    voice with its status and date; nothing when they all agree."""
    if not data.divergences:
        return []
    lang, t = data.lang, _t(data.lang)
    voices = VOICE_LABELS.get(lang, VOICE_LABELS["fr"])
    items = []
    for dv in data.divergences:
        ref, dates = dv.get("ref"), dv.get("dates") or {}
        assos, asso_dates = dv.get("associations") or {}, dv.get("association_dates") or {}
        # the civil society's pooled view is one association's latest when associations wrote: said once, named
        pooled = {(st, asso_dates.get(a)) for a, st in assos.items()}
        said = [t["div_voice"].format(voice=voices.get(v, v), status=_status_label(dv.get(v), lang),
                                      date=fmt_date(dates.get(v), lang) or "—")
                for v in ("government", "civil_society", "independent") if dv.get(v)
                and not (v == "civil_society" and (dv.get(v), dates.get(v)) in pooled)]
        said += [t["div_voice"].format(voice=a, status=_status_label(st, lang), date=fmt_date(asso_dates.get(a), lang)
                                       or "—") for a, st in assos.items()]
        items.append((t["div_item"].format(ref=ref, title=_short(data.title(ref), 70), voices=t["div_sep"].join(said)),
                      S.cite(data.row(ref).get("source_url"))))
    return [Block("h1", t["h_div"]), Block("p", t["div_intro"]), Block("bullets", items=items)]


def _open_questions(data: BriefData, S: Sources) -> list[Block]:
    """The questions earlier meetings asked that are still without an answer, per body, with how long."""
    if not data.open_questions or data.meeting_on is None:
        return []
    lang, t = data.lang, _t(data.lang)
    groups: dict[str, list[tuple[str, list[int]]]] = {}
    for q in data.open_questions:
        asked = _d(q.get("meeting_on"))
        if asked is None:
            continue
        state = t["oq_deferred"] if q.get("state") == "deferred" else ""
        groups.setdefault(_s(q.get("body")) or t["oq_no_body"], []).append((t["oq_item"].format(
            question=_s(q.get("question")), asked=fmt_date(asked, lang), state=state,
            since=elapsed(asked, data.meeting_on, lang)), []))
    out = [Block("h1", t["h_open_questions"])]
    for body, items in groups.items():
        out += [Block("h2", body), Block("bullets", items=items)]
    return out


def _overlaps(data: BriefData, S: Sources) -> list[Block]:
    t = _t(data.lang)
    items = _overlap_items(data, S)
    return [Block("h1", t["h_overlaps"]), Block("bullets", items=items) if items else Block("p", t["no_overlaps"])]


def _questions(data: BriefData, S: Sources) -> list[Block]:
    """One heading per body and its first :data:`MAX_QUESTIONS_PER_LEAD` questions."""
    t = _t(data.lang)
    out = [Block("h1", t["h_questions"])]
    groups = questions(data)
    for g in groups:
        out.append(Block("h2", g.heading))
        shown = g.questions[:MAX_QUESTIONS_PER_LEAD]
        items = [(q, []) for q in shown]
        if len(g.questions) > len(shown):
            items.append((_plural(t, "more_questions", len(g.questions) - len(shown)), []))
        out.append(Block("bullets", items=items))
    if not groups:
        out.append(Block("p", t["no_questions"]))
    return out


_SECTIONS = (_completeness, _figures, _positions, _changes, _overdue, _stalled, _divergences, _slipped, _not_held,
             _governance, _overlaps, _open_questions, _questions)


def compose(data: BriefData) -> tuple[list[Block], list[str]]:
    """The brief as neutral blocks plus the numbered source list (numbered in the order :data:`_SECTIONS` cite)."""
    lang, t, S = data.lang, _t(data.lang), Sources()
    plan = data.plan
    plan_name = _s(plan.get("short_title")) or _s(plan.get("title_fr"))
    B: list[Block] = [
        Block("title", t["title"].format(plan=plan_name)),
        Block("meta", t["meta"].format(as_of=fmt_date(data.as_of, lang), since=fmt_date(data.since, lang),
                                       since_origin=t[f"since_{data.since_origin}"],
                                       scope=data.scope.label(lang, data.scope_name))),
    ]
    for section in _SECTIONS:
        B += section(data, S)
    B.append(Block("note", t["footer"].format(today=fmt_date(dt.date.today(), lang))))
    S.cite(plan.get("source_url"))
    return B, S.urls


# ---------------------------------------------------------------- overlaps


def _shared_action_items(data: BriefData, ov: dict, S: Sources) -> list[tuple[str, list[int]]]:
    """Actions this plan shares with another (suggested or confirmed; rejected links left out)."""
    t, items = _t(data.lang), []
    for e in ov.get("shared_actions") or []:
        if not isinstance(e, dict) or not data._in_scope(e.get("ref")) or e.get("state") == "rejected":
            continue
        other = _s(e.get("other_plan_title")) or _s(e.get("other_plan_id"))
        # the other plan's item by its title, never by Vigie's code for it (« SPS24-DGCS-AAP »)
        other_title = _s(e.get("other_title_fr"))
        other_item = f"{t['quoted'].format(text=_short(other_title, 60))} " if other_title else ""
        state = "" if e.get("state") == "confirmed" else t["ov_suggested"]
        text = t["ov_shared"].format(ref=e.get("ref"), title=_short(data.title(e.get("ref"), e.get("title_fr")), 70),
                                     kind=(_s(e.get("kind_label")) or t["ov_same_action"]).lower(),
                                     other_ref=other_item, other=other, state=state)
        items.append((text, S.cite(e.get("source_url"))))
    return items


def _recycled_item(data: BriefData, e: dict, S: Sources) -> tuple[str, list[int]]:
    """A measure that repeats earlier plans' promises: each earlier one with its rating, the age of the promise."""
    t, lang = _t(data.lang), data.lang
    earlier = []
    refs = S.cite(e.get("source_url"))
    for x in e.get("earlier") or []:
        rating = ""
        if _s(x.get("rating")):
            rating = t["ov_rated"].format(rating=_s(x["rating"]), date=fmt_date(x.get("rating_date"), lang))
            refs += S.cite(x.get("rating_source_url"))
        earlier.append(f"{t['quoted'].format(text=_short(_s(x.get('title_fr')) or _s(x.get('ref')), 60))} "
                       f"({_s(x.get('plan_title')) or _s(x.get('plan_id'))}{rating})")
    age = e.get("age_years")
    age_txt = ""
    if isinstance(age, int | float):
        age_txt = t["ov_age"].format(age=fmt_num(age, lang, 1))
    text = t["ov_recycled"].format(ref=e.get("ref"),
                                   title=_short(data.title(e.get("ref"), e.get("title_fr")), 60),
                                   earlier=t["ov_then"].join(earlier) or t["ov_earlier_measure"], age=age_txt)
    return text, sorted(set(refs))


def _theme_gap_items(data: BriefData, ov: dict) -> list[tuple[str, list[int]]]:
    """For the whole plan: themes other plans cover that this one lacks, or declares without documenting."""
    t, items = _t(data.lang), []
    if data.scope.kind != "plan":
        return items
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


def _table_overlap_items(data: BriefData, S: Sources) -> list[tuple[str, list[int]]]:
    """Without ``plans.overlaps``: the carried-over / has-overlaps columns of the measures table."""
    t, tab, items = _t(data.lang), data.table, []
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


def _overlap_items(data: BriefData, S: Sources) -> list[tuple[str, list[int]]]:
    """Shared actions, recycled promises and theme gaps from ``plans.overlaps``; without that module,
    the carried-over / has-overlaps columns of the measures table."""
    ov = data.overlaps
    if not (isinstance(ov, dict) and ov):
        return _table_overlap_items(data, S)
    items = _shared_action_items(data, ov, S)  # first: the sources are numbered in the order they are cited
    items += [_recycled_item(data, e, S) for e in ov.get("recycled") or []
              if isinstance(e, dict) and data._in_scope(e.get("ref"))]
    return items + _theme_gap_items(data, ov)
