"""French/English labels and French formatting (dates « 21 mars 2024 », numbers « 1 234,5 »)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from plans.vocab import STATUS_LABELS, STATUS_SYMBOLS, VOICE_LABELS

LOCALES = {"fr": "fr_FR", "en": "en_GB"}

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "nav.overview": "Vue d'ensemble", "nav.measures": "Mesures", "nav.measure": "Fiche mesure",
        "nav.deadlines": "Échéances et blocages", "nav.changes": "Changements", "nav.data": "Données",
        "nav.overlaps": "Recoupements", "nav.brief": "Note de réunion",
        "side.plan": "Plan suivi", "side.as_of": "Données au", "side.lang": "Langue",
        "side.as_of_help": "Les chiffres sont calculés tels qu'ils étaient connus à cette date.",
        "kpi.documented": "Mesures documentées", "kpi.done": "Réalisées", "kpi.in_progress": "En cours",
        "kpi.overdue": "En retard", "kpi.stalled": "Bloquées", "kpi.not_held": "Annoncées, non tenues",
        "completeness": "{documented} mesures documentées sur {declared}",
        "completeness_nodecl": "{documented} mesures documentées (total déclaré inconnu)",
        "freshness": "dernière mise à jour : {date}",
        "no_data": "Pas encore de données pour ce plan.",
        "import_cta": "Importez votre tableau de suivi",
        "go_data": "Aller à la page Données",
        "error": "Cette page n'a pas pu s'afficher. Réessayez ; si le problème persiste, "
                 "signalez-le en indiquant la page et l'heure.",
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
        "side.plan": "Plan", "side.as_of": "Data as of", "side.lang": "Language",
        "side.as_of_help": "Figures are computed as they were known on that date.",
        "kpi.documented": "Documented measures", "kpi.done": "Done", "kpi.in_progress": "In progress",
        "kpi.overdue": "Overdue", "kpi.stalled": "Stalled", "kpi.not_held": "Announced, not held",
        "completeness": "{documented} of {declared} measures documented",
        "completeness_nodecl": "{documented} measures documented (declared total unknown)",
        "freshness": "last update: {date}",
        "no_data": "No data for this plan yet.",
        "import_cta": "Import your monitoring spreadsheet",
        "go_data": "Go to the Data page",
        "error": "This page could not be displayed. Try again; if it persists, report the page and the time.",
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
           "vanished": "Mesure disparue du tableau", "held": "Tenu", "not_held": "Non tenu"},
    "en": {"status": "Status", "information": "New information", "overdue": "Became overdue",
           "postponement": "Postponement", "deadline": "Deadline changed", "added": "Measure added",
           "vanished": "Measure dropped from the sheet", "held": "Held", "not_held": "Not held"},
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


def _as_date(value) -> dt.date | None:
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
    d = _as_date(value)
    if d is None:
        return str(value) if value not in (None, "") and str(value) != "NaT" else ""
    return format_date(d, fmt, locale=LOCALES.get(lang, "fr_FR"))


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
