"""French/English labels and French formatting (dates « 21 mars 2024 », numbers « 1 234,5 »)."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from plans.dates import format_day
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
        "kpi.documented": "Mesures documentées", "kpi.done": "Réalisées",
        "kpi.overdue": "En retard", "kpi.stalled": "Au point mort", "kpi.not_held": "Annoncées, sans tenue connue",
        "help.documented": "Mesures dont l'intitulé et le statut sont connus, sur le total annoncé par le plan.",
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
        "kpi.documented": "Documented measures", "kpi.done": "Done",
        "kpi.overdue": "Overdue", "kpi.stalled": "No recent news", "kpi.not_held": "Announced, no meeting known",
        "help.documented": "Measures whose title and status are known, out of the total announced by the plan.",
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


# Texts of the pages, one line per key with its French and English versions side by side (so neither can be
# forgotten); merged into LABELS below. Prefixes: ov. overview, ms. measures table, m. measure page,
# dl. deadlines, ch. changes, ol. overlaps, dp. data page, col. table headers shared by several tables.
PAGE_TEXTS: dict[str, tuple[str, str]] = {
    "computing": ("Calcul en cours… (plus long la première fois sur un gros plan)",
                  "Computing… (longer the first time on a large plan)"),
    "app.title": ("Vigie — suivi des plans nationaux", "Vigie — monitoring national plans"),
    # overview
    "kpi.started": ("Engagées (en cours ou partielles)", "Under way (in progress or partly done)"),
    "help.started": ("Mesures dont la mise en œuvre a commencé sans être achevée\u00a0: {breakdown}. Ce sont les "
                     "mêmes statuts que dans la répartition ci-dessous.",
                     "Measures whose implementation has started and is not finished: {breakdown}. These are the "
                     "same statuses as in the breakdown below."),
    "ov.indicator": ("indicateur", "indicator"), "ov.value": ("valeur", "value"),
    "error.db_outdated": ("La base de données n'est pas à jour (révision {current}, attendue {head}). Arrêtez "
                          "l'application et relancez-la avec « make run » (ou lancez « python -m plans migrate »).",
                          "The database is out of date (revision {current}, expected {head}). Stop the app and "
                          "start it again with “make run” (or run “python -m plans migrate”)."),
    "ch.to_the_month": ("date connue au mois : {month}", "date known to the month: {month}"),
    "ov.why": ("Quelles mesures font ce chiffre ?", "Which measures make this figure?"),
    "ov.why_note": ("Avancement = (réalisées + {w} × partiellement réalisées) ÷ mesures documentées ; chaque ligne "
                    "donne le statut retenu, sa date, sa source et son poids dans le calcul.",
                    "Progress = (done + {w} × partly done) ÷ documented measures; each row gives the status used, "
                    "its date, its source and its weight in the figure."),
    "col.weight": ("Poids", "Weight"),
    "ov.elapsed": ("temps écoulé", "time elapsed"), "ov.progress": ("avancement", "progress"),
    "ov.projection": ("projection (date)", "projection (date)"), "ov.measures": ("mesures", "measures"),
    # measures table
    "ms.carried": ("Reconduites", "Carried over"),
    "ms.carried_help": ("Mesures reprises d'un plan précédent.", "Measures carried over from an earlier plan."),
    "ms.overlaps": ("Avec recoupements", "With overlaps"),
    "ms.overlaps_help": ("Mesures liées à un autre plan, une stratégie ou une recommandation (page Recoupements).",
                         "Measures linked to another plan, strategy or recommendation (Overlaps page)."),
    "ms.search": ("Rechercher", "Search"),
    "ms.search_placeholder": ("ex. formation, MIPROF, F07…", "e.g. formation, MIPROF, F07…"),
    "ms.search_help": ("Sans tenir compte des accents ni des majuscules.", "Ignores accents and case."),
    "ms.shown": ("**{n}** mesure(s) affichée(s) sur {total}", "**{n}** measure(s) shown of {total}"),
    "ms.no_match": ("Aucune mesure ne correspond à ces filtres. Retirez un filtre ou videz la recherche pour "
                    "élargir la liste.",
                    "No measure matches these filters. Remove a filter or clear the search to widen the list."),
    "ms.open_hint": ("Cliquez sur une ligne (case à gauche) ou sur ↗ pour ouvrir la fiche de la mesure.",
                     "Click a row (box on the left) or ↗ to open the measure page."),
    "col.status_date": ("Date du statut", "Status date"),
    "col.status_date_help": ("Quand la source ne date le statut qu'au mois (ou à l'année), c'est le dernier jour "
                             "de ce mois (ou de cette année) qui est affiché.",
                             "When the source dates the status only to the month (or year), the last day of that "
                             "month (or year) is shown."),
    "col.deadline_written": ("Échéance (telle qu'écrite)", "Deadline (as written)"),
    "col.carried_from": ("Reprise de", "Carried over from"), "col.overlaps": ("Recoupements", "Overlaps"),
    # measure page
    "m.pick": ("Mesure", "Measure"), "m.unknown_title": ("Intitulé inconnu", "Unknown title"),
    "m.no_status": ("aucun statut daté n'est connu pour cette mesure", "no dated status is known for this measure"),
    "m.status_as_of": ("au", "as of"), "m.status_in": ("en", "in"), "m.not_given": ("non précisée", "not given"),
    "m.written": ("Écrite", "As written"), "m.read": ("Lue", "Read as"),
    "m.no_deadline": ("sans échéance", "no deadline"),
    "m.history": ("Historique des statuts", "Status history"),
    "m.no_history": ("Aucun statut enregistré pour cette mesure. Importez un tableau de suivi qui la renseigne "
                     "(page Données).",
                     "No status recorded for this measure yet. Import a spreadsheet that covers it (Data page)."),
    "m.deadline_subject": ("Échéance de la mesure", "Measure deadline"),
    "m.successive": ("Dates annoncées successives", "Successive announced dates"),
    "m.overlaps": ("Recoupements avec d'autres plans", "Overlaps with other plans"),
    "m.no_overlap": ("Aucun recoupement enregistré avec un autre plan, une stratégie ou une recommandation.",
                     "No overlap recorded with another plan, strategy or recommendation."),
    "m.origin": ("Origine\u00a0: mesure reprise d'un plan précédent", "Origin: carried over from an earlier plan"),
    "m.revisions": ("Modifications de la fiche", "Revisions"),
    "col.voice": ("Selon", "According to"), "col.evidence": ("Élément de preuve", "Evidence"),
    "col.source": ("Source", "Source"), "col.imported": ("Tableau importé", "Imported spreadsheet"),
    "col.confidence": ("Fiabilité", "Confidence"), "col.other_plan": ("Autre plan", "Other plan"),
    "col.link": ("Lien", "Link"), "col.state": ("État", "State"), "col.note": ("Note", "Note"),
    "col.field": ("Champ", "Field"), "col.old": ("Avant", "Before"), "col.new": ("Après", "After"),
    "col.event": ("Événement", "Event"), "col.announced": ("Dates annoncées successives", "Announced dates"),
    "col.held_on": ("Tenue le", "Held on"),
    # deadlines
    "dl.overdue": ("Mesures en retard", "Overdue measures"),
    "dl.overdue_none": ("Aucune mesure documentée n'a dépassé son échéance.", "No documented measure is overdue."),
    "dl.computed_on": ("Calculé sur {note}\u00a0: une mesure non documentée ne peut pas apparaître ici.",
                       "Computed on {note}: a measure that is not documented cannot appear here."),
    "dl.no_deadline": ("Sans échéance connue", "No known deadline"),
    "dl.slipped": ("Dates annoncées puis reportées", "Announced dates that slipped"),
    "dl.slipped_none": ("Aucune date annoncée n'a glissé.", "No announced date slipped."),
    "dl.slipped_legend": ("○ date annoncée (telle qu'écrite) → ● date de tenue\u00a0; ✕ aucune tenue connue. "
                          "Chaque ligne a sa propre échelle de temps.",
                          "○ announced date (as written) → ● date held; ✕ no meeting known. "
                          "Each row has its own time scale."),
    "dl.slipped_top": (" Graphique\u00a0: les {top} plus reportés sur {n} (tous sont dans le tableau).",
                       " Chart: the {top} most postponed of {n} (all are in the table)."),
    "dl.governance": ("Comité de coordination\u00a0: au moins 2 réunions par an",
                      "Coordination committee: at least 2 meetings a year"),
    "dl.governance_rule": ("Règle\u00a0: décret de 2016 (au moins deux réunions par an). Dernière réunion tenue "
                           "connue\u00a0: {last}. L'année en cours n'est pas terminée. Seules les réunions connues "
                           "dans les données sont comptées.",
                           "Rule: 2016 decree (at least two meetings a year). Last known meeting held: {last}. "
                           "The current year is not over. Only meetings known in the data are counted."),
    "col.deadline_announced": ("Échéance annoncée", "Announced deadline"),
    "col.deadline_end": ("Échéance lue (fin)", "Deadline read (end)"),
    "col.postponements": ("Reports", "Postponements"), "col.days_slipped": ("Jours de glissement", "Days slipped"),
    "col.announced_date": ("Date annoncée", "Announced date"), "col.at_the_latest": ("Au plus tard", "At the latest"),
    "col.days_late": ("Jours depuis la date", "Days since the date"), "col.year": ("Année", "Year"),
    "col.held": ("Réunions tenues", "Meetings held"), "col.required": ("Minimum requis", "Minimum required"),
    "col.met": ("Règle respectée", "Rule met"), "col.complete_year": ("Année terminée", "Year over"),
    # changes
    "ch.since": ("Depuis le", "Since"), "ch.until": ("Jusqu'au", "Until"),
    "ch.default": ("Par défaut\u00a0: depuis la dernière réunion du comité tenue, le {date}.",
                   "Default: since the last committee meeting held, on {date}."),
    "ch.bad_range": ("La date « Depuis le » doit précéder la date « Jusqu'au ». Corrigez l'une des deux dates.",
                     "The « Since » date must come before the « Until » date. Change one of the two dates."),
    "ch.count": ("**{n}** changement(s) entre le {since} et le {until}", "**{n}** change(s) between {since} and {until}"),
    "ch.none": ("Aucun changement enregistré sur cette période. Les changements proviennent des tableaux de suivi "
                "importés à des dates différentes\u00a0: élargissez la période ou importez un tableau plus récent "
                "(page Données).",
                "No change recorded in this period. Changes come from spreadsheets imported at different dates: "
                "widen the period or import a more recent spreadsheet (Data page)."),
    "ch.days_overdue": ("{n} jour(s) de retard", "{n} day(s) overdue"),
    "ch.empty_before": ("« Avant » vide\u00a0: aucune information antérieure de cette source. Un changement est "
                        "calculé en comparant les tableaux importés à des dates différentes.",
                        "Empty « Before »: no earlier information from that source. A change is computed by "
                        "comparing spreadsheets imported at different dates."),
    "col.subject": ("Sujet", "Subject"), "col.change": ("Changement", "Change"),
    # data page
    "dp.import": ("Importer un tableau de suivi", "Import a monitoring spreadsheet"),
    "dp.open": ("Import ouvert\u00a0: aucun mot de passe éditeur n'est configuré (usage local). "
                "Voir `python -m dashboard.auth hash`.",
                "Import open: no editor password configured (local use). See `python -m dashboard.auth hash`."),
    "dp.password": ("Mot de passe éditeur", "Editor password"), "dp.unlock": ("Déverrouiller l'import", "Unlock import"),
    "dp.wrong_password": ("Mot de passe incorrect. Vérifiez les majuscules et réessayez, ou demandez le mot de passe "
                          "à la personne qui administre Vigie pour le collectif.",
                          "Wrong password. Check the capital letters and try again, or ask the person who runs "
                          "Vigie for the collective."),
    "dp.drop": ("Déposez le fichier (.xlsx, .xlsm, .ods, .csv)", "Drop the file (.xlsx, .xlsm, .ods, .csv)"),
    "dp.browse": ("Choisir un fichier", "Upload"),  # Streamlit's own English label
    "dp.drop_help": ("Glissez le fichier dans la zone, ou cliquez sur « Choisir un fichier » pour le choisir sur "
                     "l'ordinateur.",
                     "Drag the file onto the area, or click « Upload » to pick it on the computer."),
    "dp.as_of": ("État des données au (laisser vide\u00a0: date du titre du fichier, sinon aujourd'hui)",
                 "Data as of (leave empty: the date in the file title, else today)"),
    "dp.checking": ("Vérification du fichier…", "Checking the file…"),
    "dp.confirm": ("Confirmer l'import", "Confirm import"), "dp.importing": ("Import en cours…", "Importing…"),
    "dp.done": ("Import terminé\u00a0: les pages sont à jour.", "Import done: pages are up to date."),
    "dp.coverage_title": ("Couverture et fraîcheur", "Coverage and freshness"),
    "dp.coverage": ("Couverture", "Coverage"),
    "dp.coverage_help": ("{documented} / {declared}\u00a0: mesures documentées sur le total annoncé par le plan.",
                         "{documented} / {declared}: documented measures out of the plan's total."),
    "dp.freshness": ("Fraîcheur", "Freshness"),
    "dp.freshness_help": ("Part des mesures documentées dont le statut a été vérifié depuis moins de {days} jours.",
                          "Share of documented measures whose status was checked in the last {days} days."),
    "dp.history": ("Historique des imports", "Import history"),
    "dp.no_import": ("Aucun import pour ce plan\u00a0: les données viennent du catalogue sourcé livré avec Vigie. "
                     "Téléchargez le modèle ci-dessus, remplissez-le et déposez-le pour ajouter vos informations.",
                     "No import yet: data come from the sourced catalogue shipped with Vigie. Download the template "
                     "above, fill it in and drop it to add your information."),
    "dp.issues_of": ("Voir les signalements de l'import n°", "Show the issues of import #"),
    "dp.sources": ("Sources citées", "Sources cited"),
    "dp.sources_caption": ("Pages publiques et tableaux importés sur lesquels reposent les mesures et les statuts "
                           "affichés.",
                           "Public pages and imported spreadsheets on which the measures and statuses shown rest."),
    "dp.no_source": ("Aucune source citée pour ce plan. Importez un tableau de suivi dont la colonne « Source » "
                     "est remplie.",
                     "No source cited for this plan. Import a spreadsheet whose « Source » column is filled in."),
    "dp.imported": ("importé", "imported"), "dp.rejected": ("refusé", "rejected"),
    "dp.noop": ("déjà importé", "already imported"),
    "dp.error": ("erreur", "error"), "dp.warning": ("avertissement", "warning"), "dp.info": ("information", "information"),
    "col.run": ("N°", "#"), "col.file": ("Fichier", "File"), "col.as_of": ("Données au", "Data as of"),
    "col.imported_on": ("Importé le", "Imported on"), "col.outcome": ("Résultat", "Outcome"),
    "col.issues": ("Signalements", "Issues"), "col.errors": ("Erreurs", "Errors"),
    "col.severity": ("Gravité", "Severity"), "col.sheet": ("Feuille", "Sheet"), "col.row": ("Ligne", "Row"),
    "col.column": ("Colonne", "Column"), "col.value": ("Valeur", "Value"), "col.code": ("Code", "Code"),
    "col.message": ("Message", "Message"), "col.hint": ("Astuce", "Hint"),
    "col.source_link": ("Source (lien)", "Source (link)"), "col.facts": ("Faits cités", "Facts citing it"),
    # overlaps
    "ol.title": ("Recoupements avec les autres plans", "Overlaps with other plans"),
    "ol.no_plan": ("Aucun plan en base. Lancez `python -m plans seed` pour charger le catalogue, puis rechargez la "
                   "page.",
                   "No plan in the database. Run `python -m plans seed` to load the catalogue, then reload the page."),
    "ol.caption": ("{plan} · calculé sur les {documented} mesures documentées{declared}\u00a0: un recoupement absent "
                   "peut concerner une mesure dont l'intitulé n'est pas connu. Liens du catalogue sourcés\u00a0; "
                   "suggestions automatiques à confirmer par une personne.",
                   "{plan} · computed on the {documented} documented measures{declared}: a missing overlap may "
                   "concern a measure whose title is unknown. Catalogue links are sourced; automatic suggestions "
                   "must be confirmed by a person."),
    "ol.of_declared": (" (sur {n} déclarées)", " (of {n} declared)"),
    "ol.csv": ("Télécharger (CSV)", "Download (CSV)"),
    "ol.no_link": ("Aucun lien dans cette sélection. Choisissez « Tous » dans les listes ci-dessus.",
                   "No link in this selection. Choose « All » in the lists above."),
    "ol.linked_plans": ("Plans liés", "Linked plans"),
    "ol.linked_plans_help": ("sur {n} plans, stratégies et séries de recommandations connus",
                             "of {n} known plans, strategies and sets of recommendations"),
    "ol.confirmed": ("Liens confirmés", "Confirmed links"), "ol.to_review": ("Suggestions à valider", "Suggestions to review"),
    "ol.same_action": ("Même action dans plusieurs plans", "Same action in several plans"),
    "ol.recycled": ("Mesures recyclées", "Recycled measures"),
    "ol.tab.matrix": ("Matrice", "Matrix"), "ol.tab.network": ("Réseau des liens", "Link network"),
    "ol.tab.same": ("Même action", "Same action"), "ol.tab.gaps": ("Thèmes sans mesure", "Themes without a measure"),
    "ol.tab.review": ("À valider", "To review"),
    "ol.confirmed_only": ("Liens confirmés seulement", "Confirmed links only"),
    "ol.no_link_plan": ("Aucun lien pour ce plan. Ouvrez l'onglet « À valider » et cliquez « Recalculer les "
                        "suggestions ».",
                        "No link for this plan. Open the « To review » tab and click « Recompute suggestions »."),
    "ol.matrix_caption": ("Nombre de liens par axe de ce plan et par plan lié (liens rejetés exclus). Cliquez une "
                          "bulle, ou choisissez ci-dessous, pour voir la liste.",
                          "Number of links per axis of this plan and per linked plan (rejected links excluded). "
                          "Click a bubble, or choose below, to see the list."),
    "ol.selection": ("Sélection\u00a0: ", "Selection: "),
    "ol.n_links": ("{n} lien(s)", "{n} link(s)"),
    "ol.matrix_x": ("Plan, stratégie ou recommandations", "Plan, strategy or recommendations"),
    "ol.matrix_y": ("Axe de ce plan", "Axis of this plan"),
    "ol.matrix_table": ("Matrice en tableau", "Matrix as a table"),
    "ol.no_link_to_show": ("Aucun lien à représenter. Les liens apparaissent ici une fois confirmés ou suggérés "
                           "(onglet « À valider »).",
                           "No link to show. Links appear here once confirmed or suggested (« To review » tab)."),
    "ol.network_caption": ("Couleur = type de lien (palette Okabe-Ito)\u00a0; trait pâle = suggestion non "
                           "confirmée. ",
                           "Colour = link type (Okabe-Ito palette); pale line = unconfirmed suggestion. "),
    "ol.same_caption": ("La même action comptée dans plusieurs plans ou stratégies (double attribution).",
                        "The same action counted in several plans or strategies (double counting)."),
    "ol.no_shared": ("Aucune action commune connue.", "No shared action known."),
    "ol.recycled_caption": ("Mesures déjà promises par un plan précédent (2014-2016 ou 2019-2021), avec l'âge cumulé "
                            "de la promesse et l'évaluation de la version précédente (CNCDH).",
                            "Measures already promised by an earlier plan (2014-2016 or 2019-2021), with the "
                            "cumulative age of the promise and the rating of the earlier version (CNCDH)."),
    "ol.no_recycled": ("Aucune mesure reprise d'un plan précédent n'est connue.",
                       "No measure carried over from an earlier plan is known."),
    "ol.rating_unknown": ("inconnue", "unknown"),
    "ol.gaps_caption": ("Thèmes couverts par d'autres plans ou recommandations pour lesquels aucune mesure "
                        "documentée de ce plan n'existe. Seules les mesures documentées comptent.",
                        "Themes covered by other plans or recommendations with no documented measure in this plan. "
                        "Only documented measures count."),
    "ol.gap_declared": ("Thème annoncé par le plan, mais aucune mesure documentée ne le couvre",
                        "Theme announced by the plan, but no documented measure covers it"),
    "ol.gap_absent": ("Thème absent du plan et de ses mesures documentées",
                      "Theme absent from the plan and its documented measures"),
    "ol.no_gap": ("Aucun thème couvert ailleurs sans mesure documentée ici.",
                  "No theme covered elsewhere lacks a documented measure here."),
    "ol.review_caption": ("Suggestions calculées par similarité de texte (TF-IDF français) et thèmes communs. Une "
                          "décision est conservée lors des recalculs, rechargements du catalogue et imports.",
                          "Suggestions computed from text similarity (French TF-IDF) and shared themes. A decision "
                          "is kept across recomputations, catalogue reloads and imports."),
    "ol.who": ("Votre nom (enregistré avec la décision)", "Your name (saved with the decision)"),
    "ol.refresh": ("Recalculer les suggestions", "Recompute suggestions"),
    "ol.refreshed": ("{n} suggestion(s) ajoutée(s), mise(s) à jour ou retirée(s).",
                     "{n} suggestion(s) added, updated or removed."),
    "ol.no_queue": ("Aucune suggestion en attente. Cliquez « Recalculer les suggestions ».",
                    "No pending suggestion. Click « Recompute suggestions »."),
    "ol.whole_plan": (" (plan entier)", " (whole plan)"), "ol.plan": ("Plan", "Plan"),
    "ol.unknown_title": ("intitulé inconnu", "unknown title"), "ol.question": ("\u00a0?", "?"),
    "ol.confirm": ("Confirmer", "Confirm"), "ol.reject": ("Rejeter", "Reject"),
    "ol.name_needed": ("Indiquez votre nom pour confirmer ou rejeter.", "Enter your name to confirm or reject."),
    "ol.no_related": ("Aucun autre plan, stratégie ou série de recommandations n'est en base. Lancez "
                      "`python -m plans seed` pour charger le catalogue, puis rechargez la page.",
                      "No other plan, strategy or set of recommendations in the database. Run `python -m plans seed` "
                      "to load the catalogue, then reload the page."),
    "ol.empty_cell": ("Cellule vide = inconnu (non trouvé dans les sources publiques consultées).",
                      "Empty cell = unknown (not found in the public sources consulted)."),
    "ol.search": ("Chercher un sujet dans les autres plans et recommandations",
                  "Search a topic in the other plans and recommendations"),
    "ol.search_placeholder": ("ex.\u00a0: mécanisme national d'orientation", "e.g. mécanisme national d'orientation"),
    "ol.no_found": ("Aucun élément proche. Essayez d'autres mots (avec ou sans accents, c'est pareil).",
                    "No close item. Try other words (accents or not, it is the same)."),
    "col.measure": ("Mesure", "Measure"), "col.linked_plan": ("Plan lié", "Linked plan"),
    "col.linked_item": ("Élément lié", "Linked item"), "col.linked_title": ("Intitulé lié", "Linked title"),
    "col.link_kind": ("Type de lien", "Link type"), "col.score": ("Score", "Score"), "col.origin": ("Origine", "Origin"),
    "col.decided_by": ("Décidé par", "Decided by"),
    "col.this_measure": ("Mesure de ce plan", "Measure of this plan"), "col.also_in": ("Aussi dans", "Also in"),
    "col.item": ("Élément", "Item"), "col.other_title": ("Intitulé dans l'autre plan", "Title in the other plan"),
    "col.promised_since": ("Promise depuis", "Promised since"),
    "col.age": ("Âge cumulé (ans)", "Cumulative age (years)"), "col.generations": ("Plans successifs", "Successive plans"),
    "col.earlier": ("Version précédente", "Earlier version"), "col.earlier_rating": ("Évaluation précédente", "Earlier rating"),
    "col.theme": ("Thème", "Theme"), "col.situation": ("Situation", "Situation"),
    "col.plans_count": ("Nombre de plans", "Number of plans"), "col.covered_by": ("Couvert par", "Covered by"),
    "col.id": ("Identifiant", "Id"), "col.kind": ("Type", "Kind"), "col.period": ("Période", "Period"),
    "col.steering": ("Pilotage", "Steering body"), "col.declared": ("Mesures annoncées", "Measures announced"),
    "col.items_known": ("Éléments connus", "Items known"), "col.links": ("Liens", "Links"),
    "col.themes": ("Thèmes", "Themes"), "col.shared_known": ("Recoupements connus", "Known overlaps"),
    "col.plan": ("Plan", "Plan"), "col.plan_title": ("Intitulé du plan", "Plan title"),
}
for _key, (_fr, _en) in PAGE_TEXTS.items():
    LABELS["fr"][_key], LABELS["en"][_key] = _fr, _en

# State of an announced event (held / pending / no meeting known), lower case as in a table cell.
EVENT_STATES = {
    "fr": {"held": "tenu", "pending": "en attente", "not_held": "aucune tenue connue"},
    "en": {"held": "held", "pending": "pending", "not_held": "no meeting known"},
}
EVENT_SYMBOLS = {"held": "●", "not_held": "✕", "pending": "…"}

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


def fmt_date(value, lang: str = "fr", fmt: str = "long", precision: str | None = None) -> str:
    """« 21 mars 2024 » (fr) / « 21 March 2024 » (en); « décembre 2025 » with ``precision="month"``
    (a date the source gives only to the month; plans.dates.format_day); empty string for missing dates."""
    d = as_date(value)
    if d is None:
        return str(value) if value not in (None, "") and str(value) != "NaT" else ""
    if fmt == "long" or precision in ("month", "year"):
        return format_day(d, lang, precision if isinstance(precision, str) else None)
    text = format_date(d, fmt, locale=LOCALES.get(lang, "fr_FR"))
    if lang == "fr" and d.day == 1 and fmt == "full":  # « 1er décembre 2026 »
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
