"""French/English labels and French formatting (dates « 21 mars 2024 », numbers « 1 234,5 »)."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from plans.vocab import STATUS_LABELS, STATUS_SYMBOLS, VOICE_LABELS

LOCALES = {"fr": "fr_FR", "en": "en_GB"}

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "nav.overview": "Vue d'ensemble", "nav.measures": "Mesures", "nav.measure": "Fiche mesure",
        "nav.deadlines": "Échéances et blocages", "nav.changes": "Changements", "nav.data": "Données",
        "nav.overlaps": "Recoupements", "nav.brief": "Note de réunion",
        "nav.section.follow": "Suivi", "nav.section.admin": "Gestion",
        "side.plan": "Plan suivi", "side.as_of": "Données au", "side.lang": "Langue",
        "side.as_of_help": "Les chiffres sont calculés tels qu'ils étaient connus à cette date.",
        "kpi.documented": "Mesures documentées", "kpi.done": "Réalisées", "kpi.in_progress": "En cours",
        "kpi.overdue": "En retard", "kpi.stalled": "Au point mort", "kpi.not_held": "Annoncées, sans tenue connue",
        "help.documented": "Mesures dont l'intitulé et le statut sont connus, sur le total annoncé par le plan.",
        "help.in_progress": "Engagées, en cours ou partiellement réalisées.",
        "help.overdue": "Calculé\u00a0: l'échéance annoncée (fin de la période) est passée et aucune réalisation "
                        "n'est connue dans les données.",
        "help.stalled": "Calculé, pas un constat\u00a0: aucune information nouvelle dans les données depuis {days} jours "
                        "ou plus, ou date reportée au moins {postponements} fois.",
        "help.not_held": "Calculé\u00a0: réunions ou échéances annoncées dont la date est passée sans qu'aucune tenue "
                         "ne soit connue dans les données (elles ont pu avoir lieu sans être signalées).",
        "stalled.title": "Mesures au point mort",
        "stalled.none": "Aucune mesure au point mort selon les règles de suivi.",
        "stalled.flag": "Au point mort (calculé)",
        "stalled.filter": "Au point mort",
        "not_held.title": "Annoncé, aucune tenue connue",
        "not_held.none": "Aucun événement annoncé dont la date est passée sans tenue connue.",
        "not_held.caption": "« Aucune tenue connue à la date annoncée »\u00a0: les données ne signalent ni la tenue ni un "
                            "nouveau report. Si l'événement a eu lieu, importez un tableau qui l'indique.",
        "overdue.flag": "En retard de {days} jours (calculé\u00a0: échéance passée, aucune réalisation connue)",
        "div.title": "Les voix divergent",
        "div.intro": "Le gouvernement et la société civile ne donnent pas le même statut à cette mesure "
                     "(dernière information de chaque source à la date choisie)\u00a0:",
        "div.row": "**{voice}**\u00a0: {status} — au {date}{source}",
        "div.source": " · [source]({url})",
        "div.help": "Vigie n'arbitre pas\u00a0: les deux statuts sont conservés. Le statut affiché en tête est "
                    "l'information la plus récente.",
        "div.unknown": "pas d'évaluation",
        "div.column": "Voix divergentes",
        "div.overview": "**{n}** mesure(s) où le gouvernement et la société civile ne donnent pas le même statut\u00a0: "
                        "{refs}. Voir la fiche de chaque mesure.",
        "colon": "\u00a0: ",
        "fresh_note": " · {pct} vérifiées depuis moins de {days} jours",
        "no_plan": "Aucun plan en base. Lancez `make run` (ou `python -m plans seed`) pour charger le catalogue, "
                   "puis rechargez cette page.",
        "template": "Télécharger le modèle",
        "template_help": "Le tableau à remplir, avec les mesures du plan et les statuts acceptés.",
        "progress": "Avancement", "computed_on": "calculé sur",
        "ov.by_axis": "Avancement par axe", "ov.no_axis": "Axe non renseigné", "ov.breakdown": "Répartition des statuts",
        "ov.time": "Temps écoulé et avancement", "ov.history": "Avancement dans le temps",
        "ov.projection_note": "La projection prolonge le rythme observé (ce n'est pas une prévision)\u00a0; ",
        "ov.history_note": "Chaque point est un état des données importé (instantané). ",
        "completeness": "{documented} mesures documentées sur {declared}",
        "completeness_nodecl": "{documented} mesures documentées (total déclaré inconnu)",
        "freshness": "dernière mise à jour\u00a0: {date}",
        "no_data": "Aucune mesure de ce plan n'est encore documentée (intitulé et statut connus).",
        "import_cta": "Importez votre tableau de suivi (page Données\u00a0: téléchargez le modèle, remplissez-le, déposez-le)",
        "go_data": "Aller à la page Données",
        "error": "Cette page n'a pas pu s'afficher. Rechargez la page (touche F5) ou changez la date « Données au »\u00a0; "
                 "si le problème persiste, signalez-le en indiquant la page, la date choisie et l'heure.",
        "download_csv": "CSV", "download_xlsx": "Excel",
        "download_help": "Télécharger exactement les données du graphique",
        "status": "Statut", "axis": "Axe", "lead": "Pilote", "ref": "Réf.", "title": "Intitulé",
        "deadline": "Échéance", "days_overdue": "Jours de retard", "reason": "Motif", "since": "Depuis",
        "date": "Date", "open": "Ouvrir", "all": "Tous",
    },
    "en": {
        "nav.overview": "Overview", "nav.measures": "Measures", "nav.measure": "Measure",
        "nav.deadlines": "Deadlines and blockages", "nav.changes": "Changes", "nav.data": "Data",
        "nav.overlaps": "Overlaps", "nav.brief": "Meeting brief",
        "nav.section.follow": "Monitoring", "nav.section.admin": "Admin",
        "side.plan": "Plan", "side.as_of": "Data as of", "side.lang": "Language",
        "side.as_of_help": "Figures are computed as they were known on that date.",
        "kpi.documented": "Documented measures", "kpi.done": "Done", "kpi.in_progress": "In progress",
        "kpi.overdue": "Overdue", "kpi.stalled": "No recent news", "kpi.not_held": "Announced, no meeting known",
        "help.documented": "Measures whose title and status are known, out of the total announced by the plan.",
        "help.in_progress": "Initiated, in progress or partly done.",
        "help.overdue": "Computed: the announced deadline (end of the range) has passed and no completion is known "
                        "in the data.",
        "help.stalled": "Computed, not a finding: no new information in the data for {days} days or more, or the "
                        "date was postponed at least {postponements} times.",
        "help.not_held": "Computed: announced meetings or deadlines whose date has passed with no known meeting in "
                         "the data (they may have happened without being reported).",
        "stalled.title": "Measures with no recent news",
        "stalled.none": "No measure without recent news according to the monitoring rules.",
        "stalled.flag": "No recent news (computed)",
        "stalled.filter": "No recent news",
        "not_held.title": "Announced, no meeting known",
        "not_held.none": "No announced event whose date passed without a known meeting.",
        "not_held.caption": "« No meeting known on the announced date »: the data report neither the meeting nor a "
                            "new postponement. If it took place, import a spreadsheet that says so.",
        "overdue.flag": "Overdue by {days} days (computed: deadline passed, no completion known)",
        "div.title": "Voices disagree",
        "div.intro": "The government and civil society do not give this measure the same status "
                     "(latest information from each source at the chosen date):",
        "div.row": "**{voice}**: {status} — as of {date}{source}",
        "div.source": " · [source]({url})",
        "div.help": "Vigie does not arbitrate: both statuses are kept. The status shown at the top is the most "
                    "recent information.",
        "div.unknown": "no assessment",
        "div.column": "Voices disagree",
        "div.overview": "**{n}** measure(s) where the government and civil society give different statuses: {refs}. "
                        "See each measure's page.",
        "colon": ": ",
        "fresh_note": " · {pct} checked in the last {days} days",
        "no_plan": "No plan in the database. Run `make run` (or `python -m plans seed`) to load the catalogue, "
                   "then reload this page.",
        "template": "Download the template",
        "template_help": "The spreadsheet to fill, with the plan's measures and accepted statuses.",
        "progress": "Progress", "computed_on": "computed on",
        "ov.by_axis": "Progress by axis", "ov.no_axis": "No axis", "ov.breakdown": "Status breakdown",
        "ov.time": "Time elapsed and progress", "ov.history": "Progress over time",
        "ov.projection_note": "The projection extends the observed pace (it is not a forecast); ",
        "ov.history_note": "Each point is an imported snapshot. ",
        "completeness": "{documented} of {declared} measures documented",
        "completeness_nodecl": "{documented} measures documented (declared total unknown)",
        "freshness": "last update: {date}",
        "no_data": "No measure of this plan is documented yet (title and status known).",
        "import_cta": "Import your monitoring spreadsheet (Data page: download the template, fill it, drop it)",
        "go_data": "Go to the Data page",
        "error": "This page could not be displayed. Reload the page (F5) or change the « Data as of » date; if it "
                 "persists, report the page, the date chosen and the time.",
        "download_csv": "CSV", "download_xlsx": "Excel",
        "download_help": "Download exactly the data shown in the chart",
        "status": "Status", "axis": "Axis", "lead": "Lead", "ref": "Ref.", "title": "Title",
        "deadline": "Deadline", "days_overdue": "Days overdue", "reason": "Reason", "since": "Since",
        "date": "Date", "open": "Open", "all": "All",
    },
}


CHANGE_KINDS = {
    "fr": {"status": "Statut", "information": "Nouvelle information", "overdue": "Passée en retard",
           "postponement": "Report", "deadline": "Échéance modifiée", "added": "Mesure ajoutée",
           "vanished": "Mesure disparue du tableau", "held": "Tenu", "not_held": "Aucune tenue connue"},
    "en": {"status": "Status", "information": "New information", "overdue": "Became overdue",
           "postponement": "Postponement", "deadline": "Deadline changed", "added": "Measure added",
           "vanished": "Measure dropped from the sheet", "held": "Held", "not_held": "No meeting known"},
}
LINK_KINDS = {
    "fr": {"same_action": "Même action", "overlap": "Recoupement", "complements": "Complète",
           "carried_over": "Reprise d'un plan précédent", "answers_recommendation": "Répond à une recommandation"},
    "en": {"same_action": "Same action", "overlap": "Overlap", "complements": "Complements",
           "carried_over": "Carried over", "answers_recommendation": "Answers a recommendation"},
}


def t(key: str, lang: str = "fr", **kwargs) -> str:
    text = LABELS.get(lang, LABELS["fr"]).get(key) or LABELS["fr"].get(key, key)
    return text.format(**kwargs) if kwargs else text


def as_date(value) -> dt.date | None:
    """A date from a date, datetime, pandas Timestamp or ISO text; ``None`` when missing or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        try:
            return value.to_pydatetime().date()
        except ValueError:  # NaT
            return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def fmt_date(value, lang: str = "fr", fmt: str = "long") -> str:
    """« 21 mars 2024 » (fr) / « 21 March 2024 » (en); empty string for missing dates."""
    d = as_date(value)
    if d is None:
        return str(value) if value not in (None, "") and str(value) != "NaT" else ""
    text = format_date(d, fmt, locale=LOCALES.get(lang, "fr_FR"))
    if lang == "fr" and d.day == 1 and fmt in ("long", "full"):  # « 1er décembre 2026 »
        text = re.sub(r"(?<!\d)1 ", "1er ", text, count=1)
    return text


def fmt_num(value, lang: str = "fr", decimals: int = 1) -> str:
    """« 1 234,5 » (fr, narrow no-break space) / « 1,234.5 » (en)."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "fr_FR"))


def fmt_pct(value, lang: str = "fr") -> str:
    """« 42 % »; « — » when unknown (never invent a figure)."""
    if value is None:
        return "—"
    pattern = "#,##0\u202f%" if lang == "fr" else "#,##0%"
    return format_percent(value, format=pattern, locale=LOCALES.get(lang, "fr_FR"))


def colon(lang: str = "fr") -> str:
    """« : » with a no-break space before it in French, «: » in English."""
    return t("colon", lang)


def status_text(code: str | None, lang: str = "fr") -> str:
    """Status as symbol + label, so it is never conveyed by colour alone."""
    if not code:
        return ""
    labels = STATUS_LABELS.get(lang, STATUS_LABELS["fr"])
    return f"{STATUS_SYMBOLS.get(code, '')} {labels.get(code, code)}".strip()


def voice_text(code: str | None, lang: str = "fr") -> str:
    if not code:
        return ""
    return VOICE_LABELS.get(lang, VOICE_LABELS["fr"]).get(code, code)
