"""Meeting brief (« Note de réunion »): a 2–4 page A4 document built only from the data.

    python -m dashboard.brief --plan pna-2024-2027 [--since 2025-06-27] [--as-of 2025-12-31]
                              [--scope plan|axis:REF|lead:NAME] [--lang fr|en] --out note.docx|note.pdf|note.md

Pipeline: :func:`collect` (monitoring rules → :class:`BriefData`) → :func:`compose` (a list of
neutral blocks: headings, paragraphs, bullets, tables, charts, sources) → one renderer per format:
:func:`to_docx` (python-docx, A4, built-in Word styles a person can restyle), :func:`to_pdf`
(the same DOCX converted by LibreOffice headless, one private profile per call) and
:func:`to_markdown`. Every statement comes from the rules' output; completeness is stated.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.cli import FrenchArgumentParser
from dashboard.i18n import fmt_date, fmt_num, fmt_pct
from plans.dates import fold, parse_day
from plans.vocab import STATUS_CODES, STATUS_LABELS, VOICE_LABELS

SOFFICE_TIMEOUT = 90
MAX_PAGES = 4
MAX_CHANGES = 18
MAX_QUESTIONS_PER_LEAD = 12


class BriefError(RuntimeError):
    """A problem the user can act on; the message is in French and shown as is."""


# ----------------------------------------------------------------------------- texts

T = {
    "fr": {
        "title": "Note de réunion — {plan}",
        "meta": "Données au {as_of} · changements depuis le {since} ({since_origin}) · périmètre : {scope}",
        "since_meeting": "dernier comité tenu", "since_chosen": "date choisie", "since_start": "début du plan",
        "scope_plan": "l'ensemble du plan", "scope_axis": "axe « {name} »", "scope_lead": "pilote « {name} »",
        "completeness_h": "État des données",
        "complete_plan": "{doc} mesures documentées sur {declared} annoncées ({cov}).",
        "complete_nodecl": "{doc} mesures documentées (nombre total de mesures inconnu).",
        "complete_scope": "{n} mesures documentées dans ce périmètre ; pour l'ensemble du plan : {doc} sur {declared}.",
        "no_status": "{n} d'entre elles n'ont encore aucune information de statut ({refs}).",
        "no_status_one": "1 d'entre elles n'a encore aucune information de statut ({refs}).",
        "official_numbers": "Numéros officiels des mesures connus : {known} sur {declared}.",
        "figures_only": "Les chiffres ci-dessous portent uniquement sur les mesures documentées.",
        "h_figures": "Chiffres clés",
        "statuses": "Statuts : {items}.",
        "progress": "Avancement : {progress} (mesures réalisées, les partiellement réalisées comptant pour moitié) ;"
                    " temps écoulé : {elapsed} de la période du plan ({start} – {end}).",
        "progress_unknown": "Avancement : non calculable (aucune mesure documentée avec un statut).",
        "freshness": "Fraîcheur : {fresh} des mesures documentées ont une information de moins de {days} jours.",
        "projection": "Au rythme observé, toutes les mesures documentées seraient réalisées le {date}{late}.",
        "projection_late": ", après la fin du plan",
        "counts": "En retard : {overdue} · à l'arrêt : {stalled} · événements annoncés non tenus : {not_held}.",
        "h_changes": "Ce qui a changé depuis le {since}",
        "no_changes": "Aucun changement enregistré dans les données entre le {since} et le {as_of}.",
        "more_changes": "… et {n} autres changements (liste complète dans l'application, page « Changements »).",
        "h_overdue": "Mesures en retard",
        "no_overdue": "Aucune mesure documentée n'a dépassé son échéance au {as_of}.",
        "no_deadline": "Sans échéance connue ({n}) : {refs}.",
        "h_stalled": "Points à l'arrêt",
        "no_stalled": "Aucune mesure à l'arrêt selon les règles de suivi au {as_of}.",
        "stalled_item": "{ref} — {title} : {reason} (depuis le {since}).",
        "h_slipped": "Dates glissées",
        "no_slipped": "Aucune date annoncée n'a glissé selon les données.",
        "slip_held": "tenu le {date}", "slip_not_held": "non tenu", "slip_pending": "en attente",
        "slip_tail": "{ups} report(s), {days} jours de glissement",
        "h_not_held": "Événements annoncés non tenus",
        "no_not_held": "Aucun événement annoncé et non tenu au {as_of}.",
        "not_held_item": "{subject} — date annoncée : « {expected} » ; aucune tenue connue ({days} jours "
                         "après la date annoncée).",
        "h_gov": "Règle de gouvernance",
        "gov_year": "{year} : {held} réunion(s) tenue(s) sur {required} requises — {mark}",
        "gov_met": "règle respectée", "gov_not_met": "règle non respectée", "gov_ongoing": "année en cours",
        "gov_last": "Dernier comité tenu : {date}.", "gov_none": "Aucune réunion du comité enregistrée.",
        "gov_no_rule": "Aucune règle de gouvernance enregistrée pour ce plan.",
        "h_overlaps": "Recoupements à signaler",
        "no_overlaps": "Aucun recoupement enregistré pour ce périmètre.",
        "carried": "{ref} ({title}) reprend la mesure {src} d'un plan précédent.",
        "has_overlaps": "Mesures ayant des recoupements enregistrés avec d'autres plans : {refs}.",
        "h_questions": "Questions à poser",
        "no_questions": "Les données ne soulèvent pas de question particulière pour ce périmètre.",
        "q_overdue": "où en est la mesure {ref} « {title} », dont l'échéance « {deadline} » est dépassée de {days} jours ?",
        "q_stalled": "aucune information nouvelle sur la mesure {ref} « {title} » depuis le {since} : où en est-elle ?",
        "q_not_held": "quelle nouvelle date pour « {subject} » ? La date annoncée (« {expected} ») est passée sans "
                      "que l'événement se tienne.",
        "q_pending": "quelle date ferme pour « {subject} » ? L'événement a déjà été reporté {ups} fois.",
        "q_unknown": "quel est l'état d'avancement de {refs} (aucune information de statut) ?",
        "q_gov": "le comité de coordination ne s'est réuni que {held} fois en {year} pour {required} requises :"
                 " quel calendrier de réunions pour la suite ?",
        "q_list": "quand la liste officielle des {declared} mesures, avec leurs pilotes et échéances, sera-t-elle "
                  "publiée ? ({doc} sont documentées à ce jour.)",
        "q_recycled": "la mesure {ref} reprend {old} du {plan}, évaluée « {rating} » : qu'est-ce qui garantit sa "
                      "réalisation cette fois (calendrier, moyens) ?",
        "lead_unknown": " (pilote non renseigné)",
        "h_sources": "Sources",
        "footer": "Note générée par Vigie le {today} à partir des données enregistrées ; elle ne contient que ce que "
                  "ces données établissent.",
        "table_overdue": ["Réf.", "Intitulé", "Pilote", "Échéance annoncée", "Retard (jours)"],
        "what": {"status": "statut", "information": "information mise à jour", "overdue": "passe en retard",
                 "postponement": "report", "deadline": "échéance modifiée", "added": "ajoutée au suivi",
                 "vanished": "disparue du tableau de suivi", "held": "tenu", "not_held": "non tenu"},
        "chart_status": "Statut des mesures documentées", "chart_time": "Temps écoulé et avancement",
        "chart_slip": "Dates annoncées, reportées, tenues", "chart_gov": "Réunions du comité de coordination",
        "page": "Page",
    },
    "en": {
        "title": "Meeting brief — {plan}",
        "meta": "Data as of {as_of} · changes since {since} ({since_origin}) · scope: {scope}",
        "since_meeting": "last committee meeting held", "since_chosen": "chosen date", "since_start": "plan start",
        "scope_plan": "whole plan", "scope_axis": "axis “{name}”", "scope_lead": "lead body “{name}”",
        "completeness_h": "State of the data",
        "complete_plan": "{doc} measures documented out of {declared} announced ({cov}).",
        "complete_nodecl": "{doc} measures documented (total number of measures unknown).",
        "complete_scope": "{n} documented measures in this scope; for the whole plan: {doc} of {declared}.",
        "no_status": "{n} of them have no status information yet ({refs}).",
        "no_status_one": "1 of them has no status information yet ({refs}).",
        "official_numbers": "Official measure numbers known: {known} of {declared}.",
        "figures_only": "The figures below only cover documented measures.",
        "h_figures": "Headline figures",
        "statuses": "Statuses: {items}.",
        "progress": "Progress: {progress} (measures done, partly done counting half); time elapsed: {elapsed} of"
                    " the plan period ({start} – {end}).",
        "progress_unknown": "Progress: cannot be computed (no documented measure with a status).",
        "freshness": "Freshness: {fresh} of documented measures have information less than {days} days old.",
        "projection": "At the observed pace, all documented measures would be done on {date}{late}.",
        "projection_late": ", after the plan ends",
        "counts": "Overdue: {overdue} · stalled: {stalled} · announced events not held: {not_held}.",
        "h_changes": "What changed since {since}",
        "no_changes": "No change recorded in the data between {since} and {as_of}.",
        "more_changes": "… and {n} more changes (full list in the app, « Changes » page).",
        "h_overdue": "Overdue measures",
        "no_overdue": "No documented measure is past its deadline as of {as_of}.",
        "no_deadline": "No known deadline ({n}): {refs}.",
        "h_stalled": "Stalled items",
        "no_stalled": "No measure is stalled under the monitoring rules as of {as_of}.",
        "stalled_item": "{ref} — {title}: {reason} (since {since}).",
        "h_slipped": "Slipped dates",
        "no_slipped": "No announced date slipped according to the data.",
        "slip_held": "held on {date}", "slip_not_held": "not held", "slip_pending": "pending",
        "slip_tail": "{ups} postponement(s), {days} days slipped",
        "h_not_held": "Announced events not held",
        "no_not_held": "No announced event left unheld as of {as_of}.",
        "not_held_item": "{subject} — announced for “{expected}”; no record of it being held ({days} days after the announced date).",
        "h_gov": "Governance rule",
        "gov_year": "{year}: {held} meeting(s) held of {required} required — {mark}",
        "gov_met": "rule met", "gov_not_met": "rule not met", "gov_ongoing": "current year",
        "gov_last": "Last committee meeting held: {date}.", "gov_none": "No committee meeting recorded.",
        "gov_no_rule": "No governance rule recorded for this plan.",
        "h_overlaps": "Overlaps worth raising",
        "no_overlaps": "No overlap recorded for this scope.",
        "carried": "{ref} ({title}) carries over measure {src} from an earlier plan.",
        "has_overlaps": "Measures with recorded overlaps with other plans: {refs}.",
        "h_questions": "Questions to ask",
        "no_questions": "The data raises no specific question for this scope.",
        "q_overdue": "what is the state of measure {ref} “{title}”, whose deadline “{deadline}” passed {days} days ago?",
        "q_stalled": "no new information on measure {ref} “{title}” since {since}: where does it stand?",
        "q_not_held": "what date for “{subject}”, announced for “{expected}” and not held?",
        "q_pending": "what firm date for “{subject}”, postponed {ups} time(s)?",
        "q_unknown": "what is the progress of {refs} (no status information)?",
        "q_gov": "the coordination committee met only {held} time(s) in {year} for {required} required: what "
                 "meeting schedule from now on?",
        "q_list": "when will the official list of the {declared} measures, with lead bodies and deadlines, be "
                  "published? ({doc} are documented so far.)",
        "q_recycled": "measure {ref} carries over {old} from {plan}, rated “{rating}”: what guarantees it is "
                      "delivered this time (schedule, means)?",
        "lead_unknown": " (lead body not recorded)",
        "h_sources": "Sources",
        "footer": "Brief generated by Vigie on {today} from the recorded data; it only states what these data "
                  "establish.",
        "table_overdue": ["Ref.", "Title", "Lead body", "Announced deadline", "Days overdue"],
        "what": {"status": "status", "information": "information updated", "overdue": "became overdue",
                 "postponement": "postponed", "deadline": "deadline changed", "added": "added to the monitoring",
                 "vanished": "vanished from the monitoring table", "held": "held", "not_held": "not held"},
        "chart_status": "Status of documented measures", "chart_time": "Time elapsed and progress",
        "chart_slip": "Announced, postponed and held dates", "chart_gov": "Coordination committee meetings",
        "page": "Page",
    },
}


def _t(lang: str) -> dict:
    return T.get(lang, T["fr"])


# ----------------------------------------------------------------------------- helpers

def parse_date(text: str | None, option: str = "date") -> dt.date | None:
    """ISO (2025-12-31) or French (31/12/2025) date; BriefError in French otherwise."""
    try:
        return parse_day(text)
    except ValueError:
        raise BriefError(f"Date illisible pour {option} : « {str(text).strip()} ». "
                         "Écrivez-la 2025-12-31 ou 31/12/2025.") from None


def _d(value) -> dt.date | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    try:
        return parse_date(value)
    except BriefError:
        return None


def _s(value) -> str:
    """Text of a cell; '' for None/NaN."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _short(text: str, n: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _int(value) -> int | None:
    try:
        if value is None or pd.isna(value):
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def split_urls(value) -> list[str]:
    return [u.strip() for u in re.split(r"\s+;\s+|\s*;\s*(?=https?://)|\s+(?=https?://)", _s(value))
            if u.strip().startswith(("http://", "https://"))]


def steering_short(plan: dict) -> str:
    """« MIPROF » from « MIPROF (Mission …), comité de coordination »."""
    text = _s(plan.get("steering_body"))
    if not text:
        return ""
    return re.split(r"[(,;]", text, maxsplit=1)[0].strip()


# ----------------------------------------------------------------------------- data

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
        raise BriefError(f"Périmètre illisible : « {text} ». Utilisez plan, axis:REF ou lead:NOM.")

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
        """Events whose date actually moved (postponed, or held/not held after the announced date)."""
        out = []
        for e in self.summary.get("slipped") or []:
            if not self._in_scope(e.get("ref")):
                continue
            if (_int(e.get("postponements")) or 0) > 0 or (_int(e.get("days_slipped")) or 0) > 0:
                out.append(e)
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
    def governance(self) -> dict:
        """Years of the plan period up to the as-of date."""
        gov = self.summary.get("governance") or {}
        start = _d(self.plan.get("period_start"))
        first = start.year if start else None
        return {y: v for y, v in gov.items() if first is None or int(str(y)) >= first}

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


def collect(engine, plan_id: str, *, as_of=None, since=None, scope: str | Scope | None = "plan",
            lang: str = "fr") -> BriefData:
    """Everything the brief states, computed by the monitoring rules (read-only)."""
    from plans import rules, store

    if lang not in T:
        raise BriefError(f"Langue inconnue : « {lang} » (fr ou en).")
    as_of = parse_date(as_of, "--as-of") if as_of is not None else dt.date.today()
    since = parse_date(since, "--since") if since is not None else None
    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    plan = store.get_plan(engine, plan_id)
    if plan is None:
        known = ", ".join(p["id"] for p in store.list_plans(engine)) or "aucun"
        raise BriefError(f"Plan inconnu : « {plan_id} ». Plans en base : {known}.")
    summary = rules.summary(engine, plan_id, as_of=as_of)
    table = rules.measures_table(engine, plan_id, as_of=as_of)
    scope_name = ""
    if scope.kind == "axis":
        mask = _match(table["axis_ref"], scope.value) | _match(table["axis_label"], scope.value)
        if not mask.any():
            axes = sorted({f"{r} ({lbl})" for r, lbl in zip(table["axis_ref"], table["axis_label"], strict=False)
                           if _s(r)})
            raise BriefError(f"Axe inconnu : « {scope.value} ». Axes disponibles : {', '.join(axes) or 'aucun'}.")
        table = table[mask]
        scope_name = _s(table.iloc[0]["axis_label"]) or scope.value
    elif scope.kind == "lead":
        mask = _match(table["lead_body"], scope.value)
        steering = steering_short(plan)
        if not mask.any() and fold(scope.value) != fold(steering):
            leads = sorted({_s(v) for v in table["lead_body"] if _s(v)})
            raise BriefError(f"Pilote inconnu : « {scope.value} ». Pilotes disponibles : {', '.join(leads) or 'aucun'}.")
        table = table[mask]
        scope_name = _s(table.iloc[0]["lead_body"]) if mask.any() else steering
    table = table.reset_index(drop=True)

    last = _d(summary.get("last_meeting_held"))
    if since is not None:
        origin = "chosen"
    elif last is not None:
        since, origin = last, "meeting"
    else:
        since, origin = _d(plan.get("period_start")) or as_of, "start"
    if since > as_of:
        raise BriefError(f"La date « depuis » ({since.isoformat()}) est postérieure à la date des données "
                         f"({as_of.isoformat()}).")
    items = rules.changes(engine, plan_id, since, as_of)

    data = BriefData(plan=plan, summary=summary, table=table, changes=[], as_of=as_of, since=since,
                     since_origin=origin, scope=scope, scope_name=scope_name, lang=lang)
    data.changes = [c for c in items if data._in_scope(c.get("ref"))]

    if scope.kind == "plan":
        data.scope_progress = summary.get("progress")
    else:
        try:
            roll = rules.progress_by(engine, plan_id, as_of, by="axis" if scope.kind == "axis" else "lead_body")
            hit = roll[_match(roll["group"], scope_name)]
            data.scope_progress = None if hit.empty or pd.isna(hit.iloc[0]["progress"]) else float(
                hit.iloc[0]["progress"])
        except Exception:  # noqa: BLE001 - progress is then reported as not computable
            data.scope_progress = None
    try:
        from plans import overlaps

        data.overlaps = overlaps.overview(engine, plan_id, lang=lang, as_of=as_of)
    except Exception:  # noqa: BLE001 - the overlaps module is optional; the table's columns remain
        data.overlaps = None
    return data


# ----------------------------------------------------------------------------- content model

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
    date = fmt_date(c.get("date"), lang)
    before, after = c.get("before"), c.get("after")
    if what == "status":
        voice = VOICE_LABELS.get(lang, VOICE_LABELS["fr"]).get(c.get("voice") or "", "")
        first = "première information" if lang == "fr" else "first information"
        detail = (f"{_status_label(before, lang)} → {_status_label(after, lang)}" if before
                  else f"{_status_label(after, lang)} ({first})")
        if voice:
            detail += f" — {voice}"
        return f"{date} — {who} : {label} {detail}" if lang == "fr" else f"{date} — {who}: {label} {detail}"
    if what in ("postponement", "deadline"):
        detail = f"« {_s(before) or '—'} » → « {_s(after) or '—'} »"
    elif what == "information":
        detail = f"« {_short(_s(after), 120)} »" if _s(after) else ""
    elif what == "overdue":
        detail = f"(« {_s(before)} »)" if _s(before) else ""
    else:
        detail = ""
    sep = " : " if lang == "fr" else ": "
    return f"{date} — {who}{sep}{label} {detail}".rstrip()


def _chain_text(e: dict, lang: str) -> str:
    t = _t(lang)
    steps = [(f"« {_s(x)} »" if lang == "fr" else f"“{_s(x)}”") for x in e.get("announced") or [] if _s(x)]
    state = e.get("state")
    if state == "held" and e.get("held_on"):
        steps.append(t["slip_held"].format(date=fmt_date(e.get("held_on"), lang)))
    elif state == "not_held":
        steps.append(t["slip_not_held"])
    elif state == "pending":
        steps.append(t["slip_pending"])
    tail = t["slip_tail"].format(ups=_int(e.get("postponements")) or 0, days=fmt_num(_int(e.get("days_slipped")) or 0,
                                                                                       lang, 0))
    sep = " : " if lang == "fr" else ": "
    return f"{_s(e.get('subject'))}{sep}{' → '.join(steps)} ({tail})."


def questions(data: BriefData) -> dict[str, list[str]]:
    """Questions per lead body, generated only from overdue / stalled / not-held / unknown items."""
    t = _t(data.lang)
    steering = steering_short(data.plan) or "?"
    out: dict[str, list[str]] = {}

    def ask(lead: str, text: str, note_unknown: bool = False):
        key = lead or steering
        out.setdefault(key + (t["lead_unknown"] if (not lead and note_unknown) else ""), []).append(text)

    for o in data.overdue:
        row = data.row(o.get("ref"))
        ask(data.lead_of(o.get("ref")), t["q_overdue"].format(
            ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 70),
            deadline=_s(row.get("deadline_text")) or fmt_date(o.get("deadline_end") or o.get("deadline"), data.lang),
            days=fmt_num(_int(o.get("days_overdue")) or 0, data.lang, 0)), True)
    for o in data.stalled:
        ask(data.lead_of(o.get("ref")), t["q_stalled"].format(
            ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 70), since=fmt_date(o.get("since"), data.lang)), True)
    for e in data.not_held:
        ask(data.lead_of(e.get("ref")), t["q_not_held"].format(subject=_s(e.get("subject")),
                                                               expected=_s(e.get("expected"))), False)
    for e in data.slipped:
        if e.get("state") == "pending" and (_int(e.get("postponements")) or 0) > 0:
            ask(data.lead_of(e.get("ref")), t["q_pending"].format(subject=_s(e.get("subject")),
                                                                  ups=e.get("postponements")))
    ov = data.overlaps if isinstance(data.overlaps, dict) else {}
    for e in ov.get("recycled") or []:
        if not isinstance(e, dict) or not data._in_scope(e.get("ref")) or e.get("current_status") == "done":
            continue
        failed = [x for x in e.get("earlier") or [] if x.get("rating_status") in ("not_started", "abandoned")]
        if failed:
            x = failed[-1]
            ask(data.lead_of(e.get("ref")), t["q_recycled"].format(
                ref=e.get("ref"), old=_s(x.get("ref")), plan=_s(x.get("plan_title")) or _s(x.get("plan_id")),
                rating=_s(x.get("rating"))), True)
    counted = data.counted
    if not counted.empty:
        unknown = counted[counted["status"].fillna("unknown") == "unknown"]
        for lead, grp in unknown.groupby(unknown["lead_body"].fillna(""), sort=True):
            refs = ", ".join(grp["ref"].astype(str))
            ask(_s(lead), t["q_unknown"].format(refs=refs), True)
    if data.scope.kind == "plan" or fold(data.scope_name) == fold(steering):
        for year, g in sorted(data.governance.items(), key=lambda kv: str(kv[0])):
            if g.get("met") is False and g.get("complete_year", True):
                ask(steering, t["q_gov"].format(held=g.get("held"), year=year, required=g.get("required")))
        declared = _int(data.summary.get("measures_declared"))
        documented = _int(data.summary.get("measures_documented")) or 0
        if declared and documented < declared:
            ask(steering, t["q_list"].format(declared=declared, doc=documented))
    return out


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
    B.append(Block("note", " ".join(parts), bold_prefix=t["completeness_h"] + " : " if lang == "fr"
                   else t["completeness_h"] + ": "))

    # -- headline figures
    B.append(Block("h1", t["h_figures"]))
    by_status = data.by_status
    items = [f"{_status_label(c, lang)} : {by_status[c]}" if lang == "fr" else f"{_status_label(c, lang)}: "
             f"{by_status[c]}" for c in STATUS_CODES if by_status.get(c)]
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
        days = (summ.get("thresholds") or {}).get("freshness_days", 90)
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
            reason = _s(o.get("reason_en") if lang == "en" else o.get("reason")) or _s(o.get("reason"))
            items.append((t["stalled_item"].format(ref=o.get("ref"), title=_short(data.title(o.get("ref"), o.get("title")), 90),
                                                   reason=reason, since=fmt_date(o.get("since"), lang)),
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
    qs = questions(data)
    if qs:
        bl = []
        for lead, texts in sorted(qs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            shown = texts[:MAX_QUESTIONS_PER_LEAD]
            for q in shown:
                bl.append((f"{lead} : {q}" if lang == "fr" else f"{lead}: {q}", []))
            if len(texts) > len(shown):
                bl.append((f"{lead} : … (+{len(texts) - len(shown)})", []))
        B.append(Block("bullets", items=bl))
    else:
        B.append(Block("p", t["no_questions"]))

    B.append(Block("note", t["footer"].format(today=fmt_date(dt.date.today(), lang))))
    S.cite(plan.get("source_url"))
    return B, S.urls


def _overlap_items(data: BriefData, S: Sources) -> list[tuple[str, list[int]]]:
    """Shared actions, recycled promises and theme gaps from ``plans.overlaps``; without that module,
    the carried-over / has-overlaps columns of the measures table."""
    t, lang, fr = _t(data.lang), data.lang, data.lang == "fr"
    items: list[tuple[str, list[int]]] = []
    ov = data.overlaps
    if isinstance(ov, dict) and ov:
        q = ("« ", " »") if fr else ("“", "”")
        for e in ov.get("shared_actions") or []:
            if not isinstance(e, dict) or not data._in_scope(e.get("ref")) or e.get("state") == "rejected":
                continue
            other = _s(e.get("other_plan_title")) or _s(e.get("other_plan_id"))
            other_item = f"{_s(e.get('other_ref'))} " if _s(e.get("other_ref")) else ""
            state = "" if e.get("state") == "confirmed" else (" (rapprochement suggéré, à confirmer)" if fr
                                                               else " (suggested, to be confirmed)")
            text = (f"{e.get('ref')} {q[0]}{_short(data.title(e.get('ref'), e.get('title_fr')), 70)}{q[1]} : "
                    f"{(_s(e.get('kind_label')) or 'même action').lower()} {other_item}dans {q[0]}{other}{q[1]}{state}."
                    if fr else
                    f"{e.get('ref')} {q[0]}{_short(data.title(e.get('ref'), e.get('title_fr')), 70)}{q[1]}: "
                    f"{(_s(e.get('kind_label')) or 'same action').lower()} {other_item}in {q[0]}{other}{q[1]}{state}.")
            items.append((text, S.cite(e.get("source_url"))))
        for e in ov.get("recycled") or []:
            if not isinstance(e, dict) or not data._in_scope(e.get("ref")):
                continue
            earlier = []
            refs = S.cite(e.get("source_url"))
            for x in e.get("earlier") or []:
                rating = ""
                if _s(x.get("rating")):
                    rating = (f", évaluée {q[0]}{_s(x['rating'])}{q[1]} le {fmt_date(x.get('rating_date'), lang)}" if fr
                              else f", rated {q[0]}{_s(x['rating'])}{q[1]} on {fmt_date(x.get('rating_date'), lang)}")
                    refs += S.cite(x.get("rating_source_url"))
                earlier.append(f"{_s(x.get('ref'))} {q[0]}{_short(_s(x.get('title_fr')), 60)}{q[1]} "
                               f"({_s(x.get('plan_title')) or _s(x.get('plan_id'))}{rating})")
            age = e.get("age_years")
            age_txt = ""
            if isinstance(age, int | float):
                age_txt = (f" ; promesse faite pour la première fois il y a {fmt_num(age, lang, 1)} ans" if fr
                           else f"; first promised {fmt_num(age, lang, 1)} years ago")
            text = (f"{e.get('ref')} {q[0]}{_short(data.title(e.get('ref'), e.get('title_fr')), 60)}{q[1]} reprend "
                    f"{' puis '.join(earlier) or 'une mesure antérieure'}{age_txt}." if fr else
                    f"{e.get('ref')} {q[0]}{_short(data.title(e.get('ref'), e.get('title_fr')), 60)}{q[1]} carries over "
                    f"{' then '.join(earlier) or 'an earlier measure'}{age_txt}.")
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
                items.append(((f"Thèmes traités par d'autres plans ou recommandations (nombre entre parenthèses) mais "
                               f"absents de ce plan et de ses mesures documentées : {fmt_gaps(absent)}." if fr else
                               f"Themes covered by other plans or recommendations (count in brackets) but absent from "
                               f"this plan and its documented measures: {fmt_gaps(absent)}."), []))
            if undocumented:
                items.append(((f"Thèmes annoncés par le plan mais sans mesure documentée à ce jour (nombre de plans "
                               f"ou recommandations qui les traitent) : "
                               f"{fmt_gaps(undocumented)}." if fr else
                               f"Themes announced by the plan with no documented measure so far (number of plans or "
                               f"recommendations covering them): "
                               f"{fmt_gaps(undocumented)}."), []))
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


# ----------------------------------------------------------------------------- charts

def brief_charts(data: BriefData, renderer=None) -> dict[str, bytes]:
    """PNG bytes of the brief's charts (status, time vs progress, slippage, governance), one warm browser."""
    from dashboard import charts as c
    from dashboard.charts.export import ChartRenderer, decorate

    lang, t = data.lang, _t(data.lang)
    plan_name = _s(data.plan.get("short_title")) or _s(data.plan.get("title_fr"))
    figs = {}
    summary_scoped = dict(data.summary, progress=data.scope_progress)
    # (figure, title, width px, height px or None = automatic); status and time sit side by side
    figs["status"] = (c.status_donut(data.by_status, lang), t["chart_status"], 560, 430)
    figs["time"] = (c.time_vs_progress(summary_scoped, lang), t["chart_time"], 560, 430)
    if data.slipped:
        figs["slippage"] = (c.slippage_timeline(data.slipped, lang), t["chart_slip"], 900, None)
    if data.governance:
        figs["governance"] = (c.governance_bars(data.governance, lang), t["chart_gov"], 900, 400)
    out = {}
    with ChartRenderer() as own:
        r = renderer or own
        for key, (fig, title, width, height) in figs.items():
            fig = decorate(fig, title=title, plan_name=plan_name, as_of=data.as_of, lang=lang, height=height,
                           width=width)
            out[key] = r.render(fig, "png", width=width, height=fig.layout.height, scale=2.2)
    return out


# ----------------------------------------------------------------------------- DOCX

def _add_hyperlink(paragraph, url: str, text: str):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.append(style)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    rpr.append(color)
    u = OxmlElement("w:u")
    u.set(qn("w:val"), "single")
    rpr.append(u)
    run.append(rpr)
    txt = OxmlElement("w:t")
    txt.text = text
    txt.set(qn("xml:space"), "preserve")
    run.append(txt)
    link.append(run)
    paragraph._p.append(link)


def _add_page_field(paragraph):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for tag, attr in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if attr:
            el.set(qn("w:fldCharType"), attr)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = "PAGE"
        run._r.append(el)


def _refs_run(paragraph, refs: list[int]):
    if refs:
        run = paragraph.add_run(" [" + ", ".join(str(n) for n in refs) + "]")
        run.font.superscript = True


def _set_language(doc, lang: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), "fr-FR" if lang == "fr" else "en-GB")
    rpr.append(el)


def to_docx(blocks: list[Block], sources: list[str], charts: dict[str, bytes], *, lang: str = "fr",
            footer_text: str = "", compact: bool = False) -> bytes:
    """A4 DOCX with built-in styles (Title, Heading 1, List Bullet, a table style).

    ``compact``: smaller type and charts, used when the normal layout runs past :data:`MAX_PAGES` pages.
    """
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(1.8), Cm(1.8)
    sec.header_distance = sec.footer_distance = Cm(0.9)
    styles = doc.styles
    styles["Normal"].font.size = Pt(9 if compact else 10)
    styles["Normal"].paragraph_format.space_after = Pt(3)
    styles["Title"].font.size = Pt(20)
    styles["Heading 1"].font.size = Pt(12 if compact else 13)
    styles["Heading 1"].paragraph_format.space_before = Pt(6 if compact else 10)
    styles["Heading 1"].paragraph_format.space_after = Pt(3)
    styles["List Bullet"].paragraph_format.space_after = Pt(2)
    _set_language(doc, lang)
    title = next((b.text for b in blocks if b.kind == "title"), "")
    doc.core_properties.title = title
    doc.core_properties.language = "fr-FR" if lang == "fr" else "en-GB"
    doc.core_properties.author = "Vigie"

    fp = sec.footer.paragraphs[0]
    fp.text = f"{footer_text} — {_t(lang)['page']} "
    _add_page_field(fp)
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in fp.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    for b in blocks:
        if b.kind == "title":
            doc.add_paragraph(b.text, style="Title")
        elif b.kind == "meta":
            p = doc.add_paragraph(style="Subtitle")
            p.add_run(b.text)
        elif b.kind == "h1":
            doc.add_heading(b.text, level=1)
        elif b.kind == "h2":
            doc.add_heading(b.text, level=2)
        elif b.kind in ("p", "note"):
            p = doc.add_paragraph()
            if b.bold_prefix:
                p.add_run(b.bold_prefix).bold = True
            run = p.add_run(b.text)
            if b.kind == "note":
                run.italic = True
            _refs_run(p, b.refs)
        elif b.kind == "bullets":
            for text, refs in b.items:
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(text)
                _refs_run(p, refs)
        elif b.kind == "table":
            table = doc.add_table(rows=1, cols=len(b.header))
            table.style = "Light Grid Accent 1"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, text in zip(table.rows[0].cells, b.header, strict=False):
                cell.text = text
            for row in b.items:
                cells = table.add_row().cells
                *vals, refs = row
                for i, (cell, text) in enumerate(zip(cells, vals, strict=False)):
                    cell.text = str(text)
                    if i == 1:
                        _refs_run(cell.paragraphs[0], refs)
            widths = [Cm(1.5), Cm(7.5), Cm(2.8), Cm(3.2), Cm(2.0)]
            for row in table.rows:
                for cell, w in zip(row.cells, widths, strict=False):
                    cell.width = w
                    for par in cell.paragraphs:
                        for run in par.runs:
                            run.font.size = Pt(9)
        elif b.kind == "chart":
            png = charts.get(b.chart)
            if png:
                doc.add_picture(io.BytesIO(png), width=Cm(11.5 if compact else 15.5))
                doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "charts":
            pngs = [(charts.get(key), caption) for key, caption in b.items if charts.get(key)]
            if pngs:
                grid = doc.add_table(rows=1, cols=len(pngs))
                grid.alignment = WD_TABLE_ALIGNMENT.CENTER
                for cell, (png, _caption) in zip(grid.rows[0].cells, pngs, strict=False):
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    total = 13.0 if compact else 16.5
                    cell.paragraphs[0].add_run().add_picture(io.BytesIO(png), width=Cm(total / len(pngs) - 0.3))
    if sources:
        doc.add_heading(_t(lang)["h_sources"], level=1)
        for i, url in enumerate(sources, start=1):
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            r = p.add_run(f"[{i}] ")
            r.font.size = Pt(8)
            _add_hyperlink(p, url, url)
            for run in p.runs:
                run.font.size = Pt(8)
            for el in p._p.iter():
                if el.tag.endswith("}rPr"):
                    from docx.oxml import OxmlElement
                    from docx.oxml.ns import qn

                    sz = OxmlElement("w:sz")
                    sz.set(qn("w:val"), "16")
                    el.append(sz)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ----------------------------------------------------------------------------- PDF

def pdf_pages(pdf: bytes) -> int:
    """Number of pages of a PDF written by LibreOffice (page objects are not compressed there)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def find_soffice() -> str | None:
    for cand in (shutil.which("soffice"), shutil.which("libreoffice"), "/usr/bin/soffice",
                 "/usr/lib/libreoffice/program/soffice"):
        if cand and os.path.exists(cand):
            return cand
    return None


def docx_to_pdf(docx_bytes: bytes, *, timeout: int = SOFFICE_TIMEOUT) -> bytes:
    """Convert with LibreOffice headless; a private profile per call (parallel-safe)."""
    soffice = find_soffice()
    if not soffice:
        raise BriefError("Conversion en PDF impossible : LibreOffice (soffice) est introuvable. Installez le paquet "
                         "Debian « libreoffice-writer-nogui » (make test l'installe), ou téléchargez le DOCX.")
    profile = Path(tempfile.gettempdir()) / f"lo_{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory(prefix="vigie_brief_") as tmp:
        src = Path(tmp) / "note.docx"
        src.write_bytes(docx_bytes)
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
               "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", tmp, str(src)]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    start_new_session=True, env={**os.environ, "HOME": os.environ.get("HOME", tmp)})
            try:
                _out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                raise BriefError(f"Conversion en PDF abandonnée : LibreOffice n'a pas répondu en {timeout} s. "
                                 "Réessayez, ou téléchargez le DOCX.") from None
            pdf = Path(tmp) / "note.pdf"
            if proc.returncode != 0 or not pdf.exists():
                detail = (err or b"").decode("utf-8", "replace").replace("Warning: failed to launch javaldx", "")
                detail = " ".join(detail.split())[:200]
                raise BriefError("Conversion en PDF impossible : LibreOffice a échoué"
                                 + (f" ({detail})." if detail else ".") + " Téléchargez le DOCX.")
            return pdf.read_bytes()
        finally:
            shutil.rmtree(profile, ignore_errors=True)


# ----------------------------------------------------------------------------- Markdown

def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", str(text))


def to_markdown(blocks: list[Block], sources: list[str], *, images: dict[str, str] | None = None,
                lang: str = "fr") -> str:
    """Markdown of the same content; ``images`` maps chart keys to relative image paths."""
    out: list[str] = []

    def refs(ns):
        return "".join(f"[^{n}]" for n in ns)

    for b in blocks:
        if b.kind == "title":
            out += [f"# {_md_escape(b.text)}", ""]
        elif b.kind == "meta":
            out += [f"*{_md_escape(b.text)}*", ""]
        elif b.kind == "h1":
            out += [f"## {_md_escape(b.text)}", ""]
        elif b.kind == "h2":
            out += [f"### {_md_escape(b.text)}", ""]
        elif b.kind == "p":
            out += [_md_escape(b.text) + refs(b.refs), ""]
        elif b.kind == "note":
            prefix = f"**{_md_escape(b.bold_prefix.strip())}** " if b.bold_prefix else ""
            out += [f"> {prefix}*{_md_escape(b.text)}*", ""]
        elif b.kind == "bullets":
            out += [f"- {_md_escape(text)}{refs(ns)}" for text, ns in b.items] + [""]
        elif b.kind == "table":
            out.append("| " + " | ".join(_md_escape(h) for h in b.header) + " |")
            out.append("|" + "|".join("---" for _ in b.header) + "|")
            for row in b.items:
                *vals, ns = row
                cells = [_md_escape(v) for v in vals]
                cells[1] += refs(ns)
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
        elif b.kind == "chart" and images and images.get(b.chart):
            out += [f"![{_md_escape(b.caption)}]({images[b.chart]})", ""]
        elif b.kind == "charts" and images:
            pics = [f"![{_md_escape(caption)}]({images[key]})" for key, caption in b.items if images.get(key)]
            if pics:
                out += [" ".join(pics), ""]
    if sources:
        out += [f"## {_t(lang)['h_sources']}", ""]
        out += [f"[^{i}]: <{url}>" for i, url in enumerate(sources, start=1)] + [""]
    return "\n".join(out)


# ----------------------------------------------------------------------------- one call

@dataclass
class Brief:
    data: BriefData
    blocks: list[Block]
    sources: list[str]
    charts: dict[str, bytes]

    @property
    def footer_text(self) -> str:
        plan_name = _s(self.data.plan.get("short_title")) or _s(self.data.plan.get("title_fr"))
        word = "données au" if self.data.lang == "fr" else "data as of"
        return f"Vigie — {plan_name} — {word} {fmt_date(self.data.as_of, self.data.lang)}"

    compact: bool = False

    def docx(self, compact: bool | None = None) -> bytes:
        return to_docx(self.blocks, self.sources, self.charts, lang=self.data.lang, footer_text=self.footer_text,
                       compact=self.compact if compact is None else compact)

    def pdf(self, docx_bytes: bytes | None = None) -> bytes:
        return self.docx_and_pdf(docx_bytes)[1]

    def docx_and_pdf(self, docx_bytes: bytes | None = None) -> tuple[bytes, bytes]:
        """DOCX and its PDF; when the PDF runs past MAX_PAGES, both are redone in the compact layout."""
        docx = docx_bytes or self.docx()
        pdf = docx_to_pdf(docx)
        if pdf_pages(pdf) > MAX_PAGES and not self.compact:
            self.compact = True
            docx = self.docx()
            pdf = docx_to_pdf(docx)
        return docx, pdf

    def markdown(self, images: dict[str, str] | None = None) -> str:
        return to_markdown(self.blocks, self.sources, images=images, lang=self.data.lang)

    def text(self) -> str:
        """All the words of the brief (for checks)."""
        return self.markdown()


def build(engine, plan_id: str, *, as_of=None, since=None, scope="plan", lang: str = "fr",
          with_charts: bool = True) -> Brief:
    """Collect, compose and (optionally) render the charts; the browser starts while the data is read."""
    if not with_charts:
        data = collect(engine, plan_id, as_of=as_of, since=since, scope=scope, lang=lang)
        blocks, sources = compose(data)
        return Brief(data, blocks, sources, {})
    from dashboard.charts.export import ChartRenderer

    with ChartRenderer() as renderer:
        renderer.prewarm()
        data = collect(engine, plan_id, as_of=as_of, since=since, scope=scope, lang=lang)
        blocks, sources = compose(data)
        charts = brief_charts(data, renderer=renderer)
    return Brief(data, blocks, sources, charts)


def write(brief: Brief, out: str | Path) -> list[Path]:
    """Write the brief in the format given by the file extension; returns the written files."""
    out = Path(out)
    ext = out.suffix.lower()
    if ext not in (".docx", ".pdf", ".md"):
        raise BriefError(f"Format de sortie inconnu : « {out.name} ». Utilisez .docx, .pdf ou .md.")
    if not out.parent.exists():
        raise BriefError(f"Le dossier « {out.parent} » n'existe pas.")
    if ext == ".docx":
        out.write_bytes(brief.docx())
        return [out]
    if ext == ".pdf":
        out.write_bytes(brief.docx_and_pdf()[1])
        return [out]
    written = [out]
    images = {}
    if brief.charts:
        img_dir = out.with_name(out.stem + "_graphiques")
        img_dir.mkdir(exist_ok=True)
        for key, png in brief.charts.items():
            (img_dir / f"{key}.png").write_bytes(png)
            images[key] = f"{img_dir.name}/{key}.png"
            written.append(img_dir / f"{key}.png")
    out.write_text(brief.markdown(images), encoding="utf-8")
    return written


# ----------------------------------------------------------------------------- CLI

def main(argv: list[str] | None = None) -> int:
    p = FrenchArgumentParser(prog="python -m dashboard.brief",
                      description="Note de réunion (DOCX, PDF ou Markdown) à partir des données de Vigie.")
    p.add_argument("--plan", required=True, help="identifiant du plan, ex. pna-2024-2027")
    p.add_argument("--since", help="changements depuis cette date (défaut : dernier comité tenu)")
    p.add_argument("--as-of", dest="as_of", help="données au (défaut : aujourd'hui)")
    p.add_argument("--scope", default="plan", help="plan, axis:REF ou lead:NOM (défaut : plan)")
    p.add_argument("--lang", default="fr", choices=["fr", "en"], help="langue de la note (défaut : fr)")
    p.add_argument("--out", required=True, help="fichier de sortie .docx, .pdf ou .md")
    p.add_argument("--no-charts", action="store_true", help="sans graphiques (pas besoin de Chromium)")
    args = p.parse_args(argv)
    try:
        from plans.db import make_engine

        out = Path(args.out)
        if out.suffix.lower() not in (".docx", ".pdf", ".md"):
            raise BriefError(f"Format de sortie inconnu : « {out.name} ». Utilisez .docx, .pdf ou .md.")
        if not out.parent.exists():
            raise BriefError(f"Le dossier « {out.parent} » n'existe pas.")
        if out.suffix.lower() == ".pdf" and not find_soffice():
            docx_to_pdf(b"")  # raises the French message
        engine = make_engine()
        brief = build(engine, args.plan, as_of=args.as_of, since=args.since, scope=args.scope, lang=args.lang,
                      with_charts=not args.no_charts)
        written = write(brief, out)
    except BriefError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - no traceback reaches the user
        from dashboard.charts.export import ExportError

        if isinstance(exc, ExportError):
            print(f"Erreur : {exc} Relancez avec --no-charts pour une note sans graphiques.", file=sys.stderr)
        elif type(exc).__name__ == "PlanNotFound":
            print(f"Erreur : {exc}", file=sys.stderr)
        else:
            print(f"Erreur : la note n'a pas pu être produite ({type(exc).__name__} : {exc}).", file=sys.stderr)
        return 1
    print(f"Note écrite : {', '.join(str(w) for w in written[:1])}"
          + (f" (+ {len(written) - 1} image(s))" if len(written) > 1 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
