"""What the brief states, read from the monitoring rules: :class:`Scope`, :class:`BriefData`, :func:`collect`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from dashboard.brief.common import BriefError, _d, _int, _s, parse_date, steering_short
from dashboard.brief.texts import T, _t
from dashboard.brief.texts import text as brief_text
from plans.i18n import text
from plans.normalize import fold
from plans.vocab import STATUS_CODES
from plans.wording import event_subject


@dataclass
class Scope:
    kind: str = "plan"  # plan | axis | lead
    value: str = ""

    @classmethod
    def parse(cls, text: str | None) -> Scope:
        text = (text or "plan").strip()
        if text in ("", "plan"):
            return cls()
        kind, sep, value = text.partition(":")
        kind = kind.strip().lower()
        if sep and kind in ("axis", "axe") and value.strip():
            return cls("axis", value.strip())
        if sep and kind in ("lead", "pilote") and value.strip():
            return cls("lead", value.strip())
        raise BriefError(brief_text("error.bad_scope", scope=text))

    def label(self, lang: str, name: str | None = None) -> str:
        t = _t(lang)
        if self.kind == "axis":
            return t["scope_axis"].format(name=name or self.value)
        if self.kind == "lead":
            return t["scope_lead"].format(name=name or self.value)
        return t["scope_plan"]


@dataclass
class BriefData:
    plan: dict
    summary: dict
    table: pd.DataFrame  # measures in scope (counted and related actions)
    changes: list[dict]
    as_of: dt.date
    since: dt.date
    since_origin: str  # meeting | chosen | start
    scope: Scope
    scope_name: str
    lang: str = "fr"
    overlaps: dict | None = None
    scope_progress: float | None = None
    charts: dict = field(default_factory=dict)  # key -> PNG bytes
    meeting_on: dt.date | None = None  # the meeting the brief is for (a meeting = plan + date)
    positions: dict | None = None  # the collective's positions for that meeting (plans.meetings), as written
    open_questions: list[dict] = field(default_factory=list)  # earlier meetings' questions still without an answer

    # -- scoped views of the summary
    @property
    def refs(self) -> set[str]:
        return set(self.table["ref"].astype(str)) if not self.table.empty else set()

    def _in_scope(self, ref) -> bool:
        if self.scope.kind == "plan":
            return True
        if ref:
            return str(ref) in self.refs
        # events without a measure belong to the plan's steering body
        return self.scope.kind == "lead" and fold(self.scope_name) == fold(steering_short(self.plan))

    @property
    def counted(self) -> pd.DataFrame:
        t = self.table
        return t[t["counted"].astype(bool)] if "counted" in t else t

    @property
    def overdue(self) -> list[dict]:
        return [o for o in self.summary.get("overdue") or [] if self._in_scope(o.get("ref"))]

    @property
    def stalled(self) -> list[dict]:
        return [o for o in self.summary.get("stalled") or [] if self._in_scope(o.get("ref"))]

    @property
    def slipped(self) -> list[dict]:
        """Events whose date actually moved (postponed, or held/not held after the announced date); a measure's
        deadline named « Échéance de la mesure … » (``plans.wording.event_subject``, in French as the JSON)."""
        out = []
        for e in self.summary.get("slipped") or []:
            if not self._in_scope(e.get("ref")):
                continue
            if (_int(e.get("postponements")) or 0) > 0 or (_int(e.get("days_slipped")) or 0) > 0:
                out.append({**e, "subject": event_subject(e)})
        return out

    @property
    def not_held(self) -> list[dict]:
        return [o for o in self.summary.get("not_held") or [] if self._in_scope(o.get("ref"))]

    @property
    def no_deadline(self) -> list[str]:
        return [r for r in self.summary.get("no_deadline") or [] if self._in_scope(r)]

    @property
    def by_status(self) -> dict:
        if self.scope.kind == "plan":
            return dict(self.summary.get("by_status") or {})
        counts = self.counted["status"].fillna("unknown").value_counts().to_dict() if not self.counted.empty else {}
        return {code: int(counts.get(code, 0)) for code in STATUS_CODES}

    @property
    def divergences(self) -> list[dict]:
        """Measures of the scope whose voices (government, civil society, independent) give different statuses."""
        return [d for d in self.summary.get("divergences") or [] if d.get("ref") and self._in_scope(d.get("ref"))]

    @property
    def governance(self) -> dict:
        """Years of the plan period up to the as-of date (plans.rules keeps only those)."""
        return self.summary.get("governance") or {}

    def lead_of(self, ref) -> str:
        if ref and not self.table.empty:
            rows = self.table[self.table["ref"].astype(str) == str(ref)]
            if not rows.empty and _s(rows.iloc[0].get("lead_body")):
                return _s(rows.iloc[0]["lead_body"])
        return ""

    def title(self, ref, fallback=None) -> str:
        """The measure's title in the brief's language (French when no English title is recorded)."""
        row = self.row(ref)
        if self.lang == "en" and _s(row.get("title_en")):
            return _s(row["title_en"])
        return _s(fallback) or _s(row.get("title_fr"))

    def row(self, ref) -> dict:
        if ref and not self.table.empty:
            rows = self.table[self.table["ref"].astype(str) == str(ref)]
            if not rows.empty:
                return rows.iloc[0].to_dict()
        return {}


def _match(values: pd.Series, wanted: str) -> pd.Series:
    w = fold(wanted)
    return values.fillna("").astype(str).map(fold) == w


def _plan(engine, plan_id: str) -> dict:
    """The plan's row; BriefError naming the plans in the database when there is no such plan."""
    from plans import store

    plan = store.get_plan(engine, plan_id)
    if plan is None:
        known = ", ".join(p["id"] for p in store.list_plans(engine)) or brief_text("error.none")
        raise BriefError(f"{text('plan.unknown', plan=plan_id)} {text('plan.in_database', plans=known)}")
    return plan


def _scoped(table: pd.DataFrame, scope: Scope, plan: dict) -> tuple[pd.DataFrame, str]:
    """The measures of the scope and the scope's name; BriefError listing the axes or leads when none matches.
    A lead scope may name the plan's coordinator, who leads no measure (the table is then empty)."""
    scope_name = ""
    if scope.kind == "axis":
        mask = _match(table["axis_ref"], scope.value) | _match(table["axis_label"], scope.value)
        if not mask.any():
            axes = sorted({f"{r} ({lbl})" for r, lbl in zip(table["axis_ref"], table["axis_label"], strict=False)
                           if _s(r)})
            raise BriefError(brief_text("error.unknown_axis", axis=scope.value,
                                        axes=", ".join(axes) or brief_text("error.none")))
        table = table[mask]
        scope_name = _s(table.iloc[0]["axis_label"]) or scope.value
    elif scope.kind == "lead":
        mask = _match(table["lead_body"], scope.value)
        steering = steering_short(plan)
        if not mask.any() and fold(scope.value) != fold(steering):
            leads = sorted({_s(v) for v in table["lead_body"] if _s(v)})
            raise BriefError(brief_text("error.unknown_lead", lead=scope.value,
                                        leads=", ".join(leads) or brief_text("error.none")))
        table = table[mask]
        scope_name = _s(table.iloc[0]["lead_body"]) if mask.any() else steering
    return table.reset_index(drop=True), scope_name


def _since(since: dt.date | None, summary: dict, plan: dict, as_of: dt.date) -> tuple[dt.date, str]:
    """The start of the period the brief reports on and where it comes from: the date chosen, else the last
    meeting held, else the plan's start (else the as-of date)."""
    last = _d(summary.get("last_meeting_held"))
    if since is not None:
        origin = "chosen"
    elif last is not None:
        since, origin = last, "meeting"
    else:
        since, origin = _d(plan.get("period_start")) or as_of, "start"
    if since > as_of:
        raise BriefError(brief_text("error.since_after_as_of", since=since.isoformat(), as_of=as_of.isoformat()))
    return since, origin


def _scope_progress(engine, plan_id: str, data: BriefData) -> float | None:
    """The plan's progress, or the axis's / lead body's; None when it cannot be computed."""
    from plans import rules

    scope = data.scope
    if scope.kind == "plan":
        return data.summary.get("progress")
    try:
        roll = rules.progress_by(engine, plan_id, data.as_of, by="axis" if scope.kind == "axis" else "lead_body")
        hit = roll[roll["group"].notna() & _match(roll["group"], data.scope_name)]  # the unnamed group is no scope
        return None if hit.empty or pd.isna(hit.iloc[0]["progress"]) else float(hit.iloc[0]["progress"])
    except Exception:  # noqa: BLE001 - progress is then reported as not computable
        return None


def _overlaps(engine, plan_id: str, lang: str, as_of: dt.date) -> dict | None:
    try:
        from plans import overlaps

        return overlaps.overview(engine, plan_id, lang=lang, as_of=as_of)
    except Exception:  # noqa: BLE001 - the overlaps module is optional; the table's columns remain
        return None


def _voice(engine, plan_id: str, data: BriefData) -> None:
    """The collective's positions for the meeting and the questions of earlier meetings still open
    (``plans.meetings``); a database without them (older revision) gives neither."""
    from plans import meetings

    if data.meeting_on is None:
        return
    data.positions = meetings.positions(engine, plan_id, data.meeting_on)
    data.open_questions = meetings.open_questions(engine, plan_id, data.meeting_on)


def collect(engine, plan_id: str, *, as_of=None, since=None, scope: str | Scope | None = "plan",
            lang: str = "fr", meeting=None) -> BriefData:
    """Everything the brief states, computed by the monitoring rules (read-only). ``meeting``: the date of the
    meeting the brief is for (default: the as-of date) — its « Positions du collectif » and the questions of earlier
    meetings still without an answer."""
    from plans import rules

    if lang not in T:
        raise BriefError(brief_text("error.bad_lang", lang=lang))
    as_of = parse_date(as_of, "--as-of") if as_of is not None else dt.date.today()
    since = parse_date(since, "--since") if since is not None else None
    meeting = parse_date(meeting, "--meeting") if meeting is not None else as_of
    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    plan = _plan(engine, plan_id)
    summary = rules.summary(engine, plan_id, as_of=as_of)
    table, scope_name = _scoped(rules.measures_table(engine, plan_id, as_of=as_of), scope, plan)
    since, origin = _since(since, summary, plan, as_of)
    items = rules.changes(engine, plan_id, since, as_of)

    data = BriefData(plan=plan, summary=summary, table=table, changes=[], as_of=as_of, since=since,
                     since_origin=origin, scope=scope, scope_name=scope_name, lang=lang, meeting_on=meeting)
    data.changes = [c for c in items if data._in_scope(c.get("ref"))]
    data.scope_progress = _scope_progress(engine, plan_id, data)
    data.overlaps = _overlaps(engine, plan_id, lang, as_of)
    _voice(engine, plan_id, data)
    return data
