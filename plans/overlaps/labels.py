"""French (and English) labels and colour-blind-safe colours for the overlap views."""

from __future__ import annotations

THEME_LABELS = {
    "fr": {
        "sexual_exploitation": "Exploitation sexuelle",
        "labour_exploitation": "Exploitation par le travail",
        "domestic_servitude": "Servitude domestique",
        "forced_criminality": "Contrainte à commettre des délits",
        "forced_begging": "Mendicité forcée",
        "other_exploitation": "Autres formes (mariage forcé, adoption illégale…)",
        "children": "Mineurs",
        "migrants": "Personnes migrantes",
        "women": "Femmes, violences faites aux femmes",
        "training": "Formation des professionnels",
        "identification": "Identification et orientation",
        "protection": "Protection et accompagnement",
        "prosecution": "Enquêtes et poursuites",
        "data": "Données et connaissance",
        "awareness": "Sensibilisation et prévention",
        "international": "Coopération internationale",
        "supply_chains": "Entreprises et chaînes d'approvisionnement",
        "governance": "Gouvernance, budget, évaluation",
    },
    "en": {
        "sexual_exploitation": "Sexual exploitation", "labour_exploitation": "Labour exploitation",
        "domestic_servitude": "Domestic servitude", "forced_criminality": "Forced criminality",
        "forced_begging": "Forced begging", "other_exploitation": "Other forms", "children": "Children",
        "migrants": "Migrants", "women": "Women", "training": "Training", "identification": "Identification",
        "protection": "Protection", "prosecution": "Prosecution", "data": "Data", "awareness": "Awareness",
        "international": "International cooperation", "supply_chains": "Supply chains",
        "governance": "Governance",
    },
}

LINK_KIND_LABELS = {
    "fr": {
        "same_action": "Même action",
        "overlap": "Recoupement",
        "complements": "Complémentaire",
        "carried_over": "Reprise d'un plan précédent",
        "answers_recommendation": "Répond à une recommandation",
    },
    "en": {
        "same_action": "Same action", "overlap": "Overlap", "complements": "Complements",
        "carried_over": "Carried over", "answers_recommendation": "Answers a recommendation",
    },
}

LINK_STATE_LABELS = {
    "fr": {"suggested": "Suggéré", "confirmed": "Confirmé", "rejected": "Rejeté"},
    "en": {"suggested": "Suggested", "confirmed": "Confirmed", "rejected": "Rejected"},
}

ORIGIN_LABELS = {
    "fr": {"catalogue": "Catalogue (sourcé)", "suggestion": "Suggestion automatique", "user": "Saisie manuelle",
           "import": "Import"},
    "en": {"catalogue": "Catalogue", "suggestion": "Suggestion", "user": "User", "import": "Import"},
}

PLAN_KIND_LABELS = {
    "fr": {"plan": "Plan", "strategy": "Stratégie", "law": "Loi", "eu": "Droit de l'UE", "bill": "Proposition de loi",
           "rec": "Recommandations"},
    "en": {"plan": "Plan", "strategy": "Strategy", "law": "Law", "eu": "EU law", "bill": "Bill",
           "rec": "Recommendations"},
}

ITEM_KIND_LABELS = {
    "fr": {"measure": "Mesure", "commitment": "Engagement", "related_action": "Action liée", "action": "Action",
           "orientation": "Axe ou orientation", "provision": "Disposition", "recommendation": "Recommandation",
           "finding": "Constat", "pledge": "Engagement pris"},
    "en": {},
}

UNKNOWN_AXIS = {"fr": "Axe non identifié", "en": "Axis not identified"}
WHOLE_PLAN = {"fr": "Plan dans son ensemble", "en": "Whole plan"}

# Okabe-Ito palette (colour-blind safe), one colour per link kind; always shown with a label.
LINK_KIND_COLOURS = {
    "same_action": "#D55E00",
    "overlap": "#0072B2",
    "complements": "#009E73",
    "carried_over": "#E69F00",
    "answers_recommendation": "#CC79A7",
}
LINK_STATE_SYMBOLS = {"suggested": "?", "confirmed": "✓", "rejected": "✕"}


def label(table: dict, code: str | None, lang: str = "fr") -> str:
    if code is None:
        return ""
    return table.get(lang, {}).get(code) or table["fr"].get(code, code)


def theme_label(code: str, lang: str = "fr") -> str:
    return label(THEME_LABELS, code, lang)
