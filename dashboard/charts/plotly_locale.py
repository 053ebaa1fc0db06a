"""Plotly's own words in French: the chart toolbar's tooltips and the dates on axes (« janv. 2025 »), as
Plotly.js's French locale (``lib/locales/fr.js``) says them, handed to each chart in its config."""

from __future__ import annotations

FR = {
    "dictionary": {
        "Autoscale": "Échelle automatique",
        "Box Select": "Sélection rectangulaire",
        "Compare data on hover": "Comparer les données au survol",
        "Double-click to zoom back out": "Double-cliquez pour dézoomer",
        "Download plot": "Télécharger le graphique",
        "Download plot as a png": "Télécharger le graphique en image PNG",
        "Download plot as a PNG": "Télécharger le graphique en image PNG",  # the spelling of recent Plotly.js
        "Lasso Select": "Sélection lasso",
        "Pan": "Déplacer",
        "Produced with Plotly.js": "Généré avec Plotly.js",
        "Reset": "Réinitialiser",
        "Reset axes": "Réinitialiser les axes",
        "Reset view": "Réinitialiser",
        "Reset views": "Réinitialiser",
        "Show closest data on hover": "Afficher la donnée la plus proche au survol",
        "Snapshot succeeded": "Image enregistrée",
        "Taking snapshot - this may take a few seconds": "Image en cours, quelques secondes…",
        "Toggle Spike Lines": "Afficher ou masquer les lignes de repère",
        "Toggle show closest data on hover": "Afficher ou masquer la donnée la plus proche au survol",
        "Zoom": "Zoom",
        "Zoom in": "Zoom avant",
        "Zoom out": "Zoom arrière",
        "close:": "fermeture :",
        "high:": "haut :",
        "low:": "bas :",
        "open:": "ouverture :",
        "trace": "série",
    },
    "format": {
        "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
        "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                   "novembre", "décembre"],
        "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
                        "déc."],
        "date": "%d/%m/%Y",
        "decimal": ",",
        "thousands": "\u202f",
    },
}


def config(lang: str) -> dict:
    """What a chart's Plotly config needs for ``lang``: the locale and, for French, its words."""
    if lang != "fr":
        return {"locale": "en"}
    return {"locale": "fr", "locales": {"fr": FR}}
