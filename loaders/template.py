"""``python -m loaders template``: a workbook for coordinators — French headers, the plan's
measures prefilled, dropdown lists, date formats, frozen header, instructions, announcements."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine

from plans.store import plan_contents
from plans.vocab import STATUS_CODES, STATUS_LABELS, VOICE_LABELS

MEASURE_HEADERS = ("Réf.", "Intitulé", "Axe", "Pilote", "Échéance", "Statut", "Commentaire", "Source", "Voix")
ANN_HEADERS = ("Sujet", "Date de l'annonce", "Date annoncée", "Tenue le", "Type", "Notes", "Source")
KIND_LABELS = {"announced": "Annoncé", "postponed": "Reporté", "held": "Tenu", "not_held": "Non tenu"}
HEADER_ROW = 4
INSTRUCTIONS = (
    "Comment remplir ce classeur",
    "1. Feuille « Mesures » : une ligne par mesure. Ne changez pas la colonne « Réf. » : elle relie la ligne à la mesure.",
    "2. « Statut » : choisissez dans la liste (Non engagée, Engagée / en construction, En cours, "
    "Partiellement réalisée, Réalisée, Reportée, Abandonnée, Inconnu). Vide = inconnu.",
    "3. « Échéance » : écrivez-la comme dans le plan : 18/10/2024, « fin 2025 », « T2 2024 », « durée du plan »…",
    "4. Mettez à jour la date de la ligne 2 (« Situation au JJ/MM/AAAA ») : c'est la date de la situation décrite.",
    "5. « Voix » : qui évalue (Société civile par défaut, Gouvernement, Indépendant).",
    "6. Feuille « Annonces » : une ligne par annonce ; les lignes de même « Sujet » forment l'historique d'un "
    "même événement (annoncé, reporté, tenu).",
    "7. Une nouvelle ligne avec une nouvelle « Réf. » ajoute une mesure ; une ligne supprimée est signalée, jamais effacée.",
    "8. Importez ensuite le fichier : python -m loaders import FICHIER.xlsx --plan ID (ou la page d'import du tableau de bord).",
)


def _header(ws, headers, widths) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for j, (h, w) in enumerate(zip(headers, widths, strict=True), start=1):
        c = ws.cell(HEADER_ROW, j, h)
        c.font, c.fill = bold, fill
        ws.column_dimensions[c.column_letter].width = w
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def write_template(engine: Engine, plan_id: str, out: str | Path, *, today: dt.date | None = None) -> Path:
    c = plan_contents(engine, plan_id)
    plan, measures, latest, anns = c.plan, c.measures, c.latest, c.announcements
    today = today or dt.date.today()
    labels = STATUS_LABELS["fr"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Mesures"
    ws["A1"] = f"Suivi — {plan['title_fr']}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"Situation au {today:%d/%m/%Y}"
    _header(ws, MEASURE_HEADERS, (10, 60, 30, 20, 18, 26, 50, 30, 16))
    for i, m in enumerate(measures, start=HEADER_ROW + 1):
        # the latest status keeps its voice: re-importing the file unchanged never attributes a
        # government statement to civil society
        status, voice = latest.get(m["id"], ("unknown", None))
        values = (m["ref"], m["title_fr"], m["axis_text"], m["lead_body"], m["deadline_text"],
                  labels[status], None, None, VOICE_LABELS["fr"].get(voice) if voice else None)
        for j, v in enumerate(values, start=1):
            ws.cell(i, j, v)
        ws.cell(i, 5).number_format = "@"
        ws.cell(i, 2).alignment = Alignment(wrap_text=True, vertical="top")
    last = max(HEADER_ROW + len(measures) + 200, 500)
    status_dv = DataValidation(type="list", formula1='"' + ",".join(labels[c] for c in STATUS_CODES) + '"',
                               allow_blank=True, showErrorMessage=True, errorTitle="Statut",
                               error="Choisissez un statut dans la liste.")
    status_dv.add(f"F{HEADER_ROW + 1}:F{last}")
    voice_dv = DataValidation(type="list", formula1='"' + ",".join(VOICE_LABELS["fr"].values()) + '"',
                              allow_blank=True)
    voice_dv.add(f"I{HEADER_ROW + 1}:I{last}")
    ws.add_data_validation(status_dv)
    ws.add_data_validation(voice_dv)
    _announcements_sheet(wb, anns)
    _instructions_sheet(wb)
    out = Path(out)
    wb.save(out)
    return out


def _announcements_sheet(wb, anns) -> None:
    ws = wb.create_sheet("Annonces")
    ws["A1"] = "Annonces : une ligne par annonce (annoncé, reporté, tenu)"
    ws["A1"].font = Font(bold=True, size=14)
    _header(ws, ANN_HEADERS, (40, 16, 28, 14, 12, 50, 30))
    for i, a in enumerate(anns, start=HEADER_ROW + 1):
        values = (a["subject"], a["announced_on"], a["expected_text"], a["held_on"], KIND_LABELS.get(a["kind"]),
                  a["summary"], a["source_url"] or None)
        for j, v in enumerate(values, start=1):
            ws.cell(i, j, v)
    last = max(HEADER_ROW + len(anns) + 200, 500)
    for col in ("B", "D"):
        for r in range(HEADER_ROW + 1, last):
            ws[f"{col}{r}"].number_format = "DD/MM/YYYY"
    for r in range(HEADER_ROW + 1, last):
        ws[f"C{r}"].number_format = "@"
    kind_dv = DataValidation(type="list", formula1='"' + ",".join(KIND_LABELS.values()) + '"', allow_blank=True)
    kind_dv.add(f"E{HEADER_ROW + 1}:E{last}")
    ws.add_data_validation(kind_dv)


def _instructions_sheet(wb) -> None:
    ws = wb.create_sheet("Instructions", 0)
    for i, line in enumerate(INSTRUCTIONS, start=1):
        ws.cell(i, 1, line)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120
    wb.active = 1
