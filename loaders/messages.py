"""French and English texts of every issue code (message + hint) and of the summary."""

from __future__ import annotations

FIELD_LABELS = {
    "fr": {"ref": "Réf.", "title": "Intitulé", "axis": "Axe", "lead_body": "Pilote", "deadline": "Échéance",
           "status": "Statut", "comment": "Commentaire", "source": "Source", "voice": "Voix",
           "confidence": "Confiance", "subject": "Sujet", "announced_on": "Date de l'annonce",
           "expected": "Date annoncée", "held_on": "Tenue le", "notes": "Notes", "kind": "Type"},
    "en": {"ref": "Ref.", "title": "Title", "axis": "Axis", "lead_body": "Lead", "deadline": "Deadline",
           "status": "Status", "comment": "Comment", "source": "Source", "voice": "Voice",
           "confidence": "Confidence", "subject": "Subject", "announced_on": "Announced on",
           "expected": "Date announced", "held_on": "Held on", "notes": "Notes", "kind": "Kind"},
}

_SAVE_XLSX_FR = "Ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx, .ods ou .csv."
_SAVE_XLSX_EN = "Open it in Excel or LibreOffice and save it as .xlsx, .ods or .csv."

# code -> lang -> (message, hint); placeholders come from the issue (file, sheet, row, column, value)
# and its params.
MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "empty-file": {
        "fr": ("Le fichier « {file} » est vide (0 octet).", "Vérifiez que le bon fichier a été choisi et qu'il a été enregistré."),
        "en": ("File \"{file}\" is empty (0 bytes).", "Check that you chose the right file and that it was saved."),
    },
    "truncated-file": {
        "fr": ("Le fichier « {file} » est abîmé ou incomplet (archive tronquée) : il ne peut pas être lu.", "Téléchargez-le ou copiez-le de nouveau, puis " + _SAVE_XLSX_FR[0].lower() + _SAVE_XLSX_FR[1:]),
        "en": ("File \"{file}\" is damaged or incomplete (truncated archive) and cannot be read.", "Download or copy it again, then " + _SAVE_XLSX_EN[0].lower() + _SAVE_XLSX_EN[1:]),
    },
    "not-a-spreadsheet": {
        "fr": ("Le fichier « {file} » n'est pas un tableur ({detail}).", "Formats acceptés : .xlsx, .xlsm, .ods et .csv. " + _SAVE_XLSX_FR),
        "en": ("File \"{file}\" is not a spreadsheet ({detail}).", "Accepted formats: .xlsx, .xlsm, .ods and .csv. " + _SAVE_XLSX_EN),
    },
    "legacy-xls": {
        "fr": ("Le fichier « {file} » est au format Excel 97-2003 (.xls), qui n'est pas accepté.", _SAVE_XLSX_FR),
        "en": ("File \"{file}\" is in the Excel 97-2003 format (.xls), which is not accepted.", _SAVE_XLSX_EN),
    },
    "encrypted-file": {
        "fr": ("Le fichier « {file} » est protégé par un mot de passe : il ne peut pas être lu.", "Dans Excel : Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe, videz le mot de passe puis enregistrez."),
        "en": ("File \"{file}\" is protected by a password and cannot be read.", "In Excel: File > Info > Protect Workbook > Encrypt with Password, clear the password, then save."),
    },
    "file-too-large": {
        "fr": ("Le fichier « {file} » est trop gros ({size} Mo ; limite {limit} Mo).", "Supprimez les feuilles et colonnes inutiles, ou découpez le fichier."),
        "en": ("File \"{file}\" is too large ({size} MB; limit {limit} MB).", "Remove unneeded sheets and columns, or split the file."),
    },
    "suspicious-compression": {
        "fr": ("Le fichier « {file} » se décompresse en un volume anormal ({detail}) : il est refusé par sécurité.", "Enregistrez de nouveau le fichier depuis Excel ou LibreOffice ; s'il vient d'un inconnu, ne l'ouvrez pas."),
        "en": ("File \"{file}\" unpacks to an abnormal size ({detail}) and is refused for safety.", "Save the file again from Excel or LibreOffice; if it comes from a stranger, do not open it."),
    },
    "too-complex": {
        "fr": ("Le fichier « {file} » est trop complexe à lire ({detail}) : lecture interrompue par sécurité.", "Le fichier déclare sans doute des millions de cellules vides. Copiez le tableau utile dans un nouveau classeur et enregistrez-le."),
        "en": ("File \"{file}\" is too complex to read ({detail}); reading was stopped for safety.", "It probably declares millions of empty cells. Copy the useful table into a new workbook and save it."),
    },
    "unreadable-file": {
        "fr": ("Le fichier « {file} » ne peut pas être lu : {detail}.", _SAVE_XLSX_FR),
        "en": ("File \"{file}\" cannot be read: {detail}.", _SAVE_XLSX_EN),
    },
    "no-table": {
        "fr": ("Aucun tableau de mesures ni d'annonces reconnu dans « {file} ». Colonnes attendues : {expected}. Colonnes trouvées : {found}.", "Ajoutez une ligne d'en-têtes avec au moins « Réf. » et « Statut », ou indiquez la correspondance (option --map \"Colonne X=status\")."),
        "en": ("No table of measures or announcements recognised in \"{file}\". Expected columns: {expected}. Columns found: {found}.", "Add a header row with at least \"Ref.\" and \"Status\", or give the mapping (option --map \"Column X=status\")."),
    },
    "missing-column": {
        "fr": ("« {file} »{where} : colonne obligatoire absente : {expected}. Colonnes trouvées : {found}.", "Ajoutez cette colonne ou indiquez laquelle la remplace (option --map \"Colonne X={field}\")."),
        "en": ("\"{file}\"{where}: required column missing: {expected}. Columns found: {found}.", "Add this column or say which one replaces it (option --map \"Column X={field}\")."),
    },
    "hidden-sheet": {
        "fr": ("Feuille masquée « {sheet} » ignorée.", "Affichez-la (clic droit sur les onglets > Afficher) si elle doit être importée."),
        "en": ("Hidden sheet \"{sheet}\" ignored.", "Unhide it (right-click the tabs > Unhide) if it should be imported."),
    },
    "empty-sheet": {
        "fr": ("Feuille vide « {sheet} » ignorée.", "Rien à faire."),
        "en": ("Empty sheet \"{sheet}\" ignored.", "Nothing to do."),
    },
    "ignored-sheet": {
        "fr": ("Feuille « {sheet} » ignorée : ni mesures ni annonces reconnues.", "Si elle doit être importée, donnez-lui une ligne d'en-têtes (« Réf. », « Statut »… ou « Sujet », « Date annoncée »)."),
        "en": ("Sheet \"{sheet}\" ignored: no measures or announcements recognised.", "If it should be imported, give it a header row (\"Ref.\", \"Status\"… or \"Subject\", \"Date announced\")."),
    },
    "unknown-column": {
        "fr": ("Colonne non reconnue « {column} » : ses valeurs sont conservées telles quelles.", "Si elle correspond à un champ, indiquez-le : --map \"{header}=status\" (champs : {fields})."),
        "en": ("Unrecognised column \"{column}\": its values are kept as they are.", "If it matches a field, say so: --map \"{header}=status\" (fields: {fields})."),
    },
    "duplicate-column": {
        "fr": ("Colonne « {column} » : le champ « {field} » est déjà lu dans la colonne {other} ; celle-ci est conservée telle quelle.", "Renommez l'une des deux colonnes."),
        "en": ("Column \"{column}\": field \"{field}\" is already read from column {other}; this one is kept as is.", "Rename one of the two columns."),
    },
    "skipped-note": {
        "fr": ("Ligne {row} ignorée : note ou renvoi sous le tableau (« {value} »).", "Rien à faire si c'est une note ; sinon remplissez « Réf. » et « Statut »."),
        "en": ("Row {row} skipped: note or footnote under the table (\"{value}\").", "Nothing to do if it is a note; otherwise fill in \"Ref.\" and \"Status\"."),
    },
    "missing-value": {
        "fr": ("Ligne {row}, colonne {column} : valeur obligatoire manquante.", "Remplissez la cellule (la ligne a d'autres valeurs)."),
        "en": ("Row {row}, column {column}: required value missing.", "Fill in the cell (the row has other values)."),
    },
    "duplicate-row": {
        "fr": ("Ligne {row}, colonne {column} : la mesure « {value} » figure déjà ligne {other}.", "Gardez une seule ligne par mesure."),
        "en": ("Row {row}, column {column}: measure \"{value}\" already appears on row {other}.", "Keep one row per measure."),
    },
    "unknown-status": {
        "fr": ("Ligne {row}, colonne {column} : « {value} » n'est pas un statut connu.", "Utilisez l'un de : {accepted}. Une autre orthographe peut être déclarée dans le plan (statuses.extra_spellings)."),
        "en": ("Row {row}, column {column}: \"{value}\" is not a known status.", "Use one of: {accepted}. Another spelling can be declared in the plan (statuses.extra_spellings)."),
    },
    "unknown-voice": {
        "fr": ("Ligne {row}, colonne {column} : « {value} » n'est pas une voix connue.", "Utilisez : gouvernement, société civile ou indépendant."),
        "en": ("Row {row}, column {column}: \"{value}\" is not a known voice.", "Use: government, civil society or independent."),
    },
    "bad-date": {
        "fr": ("Ligne {row}, colonne {column} : date « {value} » non comprise.", "Écrivez par exemple 18/10/2024, « fin 2025 », « T2 2024 » ou « durée du plan »."),
        "en": ("Row {row}, column {column}: date \"{value}\" not understood.", "Write for example 18/10/2024, \"end 2025\", \"Q2 2024\" or \"plan duration\"."),
    },
    "deadline-read": {
        "fr": ("Colonne {column} : « {value} » lu comme {range} (première occurrence ligne {row}).", "Rien à faire si c'est juste ; sinon précisez la date."),
        "en": ("Column {column}: \"{value}\" read as {range} (first seen on row {row}).", "Nothing to do if this is right; otherwise make the date precise."),
    },
    "missing-deadline": {
        "fr": ("Ligne {row}, colonne {column} : pas d'échéance.", "La mesure n'aura pas d'échéance ; indiquez-en une si elle est connue."),
        "en": ("Row {row}, column {column}: no deadline.", "The measure will have no deadline; give one if it is known."),
    },
    "nul-byte": {
        "fr": ("Le fichier contient des caractères nuls (NUL), supprimés à la lecture.", "Rien à faire, sauf si des valeurs paraissent tronquées."),
        "en": ("The file contains NUL characters, removed when reading.", "Nothing to do unless values look truncated."),
    },
    "encoding-guessed": {
        "fr": ("Fichier CSV lu avec l'encodage {encoding}.", "Si des accents sont faux, enregistrez le CSV en « UTF-8 »."),
        "en": ("CSV file read with the {encoding} encoding.", "If accents look wrong, save the CSV as \"UTF-8\"."),
    },
    "as-of-today": {
        "fr": ("Aucune date de situation trouvée : la date du jour ({as_of}) est utilisée.", "Indiquez la date avec --as-of AAAA-MM-JJ ou écrivez « Situation au JJ/MM/AAAA » au-dessus du tableau."),
        "en": ("No snapshot date found: today's date ({as_of}) is used.", "Give the date with --as-of YYYY-MM-DD or write \"Situation au DD/MM/YYYY\" above the table."),
    },
    "measure-vanished": {
        "fr": ("La mesure « {value} » du plan n'apparaît plus dans le fichier : elle est conservée et signalée comme disparue.", "Vérifiez qu'aucune ligne n'a été supprimée par erreur."),
        "en": ("Measure \"{value}\" of the plan no longer appears in the file: it is kept and flagged as vanished.", "Check that no row was deleted by mistake."),
    },
    "plan-created": {
        "fr": ("Le plan « {value} » n'existait pas : il est créé.", "Vérifiez l'identifiant du plan (option --plan) s'il devait déjà exister."),
        "en": ("Plan \"{value}\" did not exist: it is created.", "Check the plan id (option --plan) if it should already exist."),
    },
    "bad-mapping": {
        "fr": ("Correspondance de colonnes invalide : {detail}.", "Écrivez --map \"En-tête=champ\", par exemple --map \"Colonne X=status\"."),
        "en": ("Invalid column mapping: {detail}.", "Write --map \"Header=field\", for example --map \"Column X=status\"."),
    },
    "internal-error": {
        "fr": ("Erreur inattendue en lisant « {file} » ({detail}) : rien n'a été enregistré.", "Signalez-la à l'équipe Vigie avec le fichier si possible."),
        "en": ("Unexpected error while reading \"{file}\" ({detail}); nothing was saved.", "Report it to the Vigie team, with the file if possible."),
    },
}


class _Safe(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render(code: str, lang: str, context: dict) -> tuple[str, str]:
    entry = MESSAGES.get(code)
    if entry is None:
        return code, ""
    msg, hint = entry.get(lang) or entry["fr"]
    ctx = _Safe(context)
    return msg.format_map(ctx), hint.format_map(ctx)


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


def summary_sentence(report, lang: str = "fr") -> str:
    c = report.counts
    ne, nw = len(report.errors) + report.dropped.get("error", 0), len(report.warnings) + report.dropped.get("warning", 0)
    when = report.as_of.strftime("%d/%m/%Y") if report.as_of else "?"
    hidden = sum(report.dropped.values())
    more = (f" ({hidden} not listed beyond the first 1,000 of each kind)" if lang == "en" else
            f" ({hidden} non détaillés au-delà des 1 000 premiers de chaque sorte)") if hidden else ""
    if lang == "en":
        origin = {"option": "given", "title": "read in the title", "today": "today's date"}.get(report.as_of_origin, "")
        if report.outcome == "noop":
            return f"\"{report.file}\" was already imported for plan {report.plan_id}: nothing to do."
        if report.outcome == "rejected":
            return (f"Import of \"{report.file}\" refused: {_n(ne, 'error', 'errors')}, "
                    f"{_n(nw, 'warning', 'warnings')}{more}. Nothing was saved; fix the file and import it again.")
        head = "Check only (nothing saved)" if report.outcome == "dry_run" else "Imported"
        return (f"{head}: \"{report.file}\", situation as of {when} ({origin}). {c['rows_read']} rows read; "
                f"{c['assessments']} assessments, {c['measures_added']} new measures, {c['measures_changed']} "
                f"changed, {c['measures_vanished']} vanished, {c['announcements']} announcement rows. "
                f"{_n(nw, 'warning', 'warnings')}{more}.")
    origin = {"option": "indiquée", "title": "lue dans le titre", "today": "date du jour"}.get(report.as_of_origin, "")
    if report.outcome == "noop":
        return f"« {report.file} » a déjà été importé pour le plan {report.plan_id} : rien à faire."
    if report.outcome == "rejected":
        return (f"Import de « {report.file} » refusé : {_n(ne, 'erreur', 'erreurs')}, "
                f"{_n(nw, 'avertissement', 'avertissements')}{more}. Rien n'a été enregistré ; corrigez le fichier "
                "puis importez-le de nouveau.")
    head = "Vérification seule (rien n'a été enregistré)" if report.outcome == "dry_run" else "Import réussi"
    return (f"{head} : « {report.file} », situation au {when} ({origin}). {_n(c['rows_read'], 'ligne lue', 'lignes lues')} ; "
            f"{_n(c['assessments'], 'évaluation', 'évaluations')}, {_n(c['measures_added'], 'mesure nouvelle', 'mesures nouvelles')}, "
            f"{_n(c['measures_changed'], 'mesure modifiée', 'mesures modifiées')}, "
            f"{_n(c['measures_vanished'], 'mesure disparue', 'mesures disparues')}, "
            f"{_n(c['announcements'], 'ligne d’annonce', 'lignes d’annonces')}. "
            f"{_n(nw, 'avertissement', 'avertissements')}{more}.")
