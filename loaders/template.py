"""``python -m loaders template`` (and the Données page's « Télécharger le modèle »): a workbook for coordinators —
French headers, the plan's measures prefilled, dropdown lists, date formats, frozen header, instructions,
announcements.

The whole plan: below the measures Vigie knows come as many empty rows as the plan declares measures it does
not document yet (``plans.measures_declared`` minus the documented ones, as counted by
``plans.store.documented_clause``), bordered, with the axis column offering the plan's axes (listed on the
instructions sheet, the list's source) and the status column its list; nothing is invented in them (no ref,
title, date or status): left empty they are blank rows, which the import skips.

Its words (sheet names, title lines, headers, announcement kinds, instructions) are the ``template.*`` texts of
loaders/texts.toml, in French; each header is keyed by the field the loaders read it back as.

Every cell is written by :func:`plans.outputs.write_cell` (the one output rule): a stored text is cleaned of control
characters and written as text, never as a formula (``=HYPERLINK(…)`` stays the title it is, with no visible
apostrophe, and is read back unchanged)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.borders import Border, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine

from loaders.messages import TEXTS, text
from plans.outputs import write_cell
from plans.store import plan_axis_labels, plan_contents
from plans.vocab import COUNTED_KINDS, STATUS_CODES, STATUS_LABELS, VOICE_LABELS

LANG = "fr"
MEASURE_HEADERS = tuple(TEXTS.table("template.measure_header", LANG).values())
ANN_HEADERS = tuple(TEXTS.table("template.ann_header", LANG).values())
KIND_LABELS = TEXTS.table("template.kind", LANG)
HEADER_ROW = 4
INSTRUCTIONS = tuple(TEXTS.table("template.instruction", LANG).values())
ROOM_BORDER = Border(*(Side(style="hair", color="A6A6A6"),) * 4)  # the rows kept for undocumented measures


def _header(ws, headers, widths) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for j, (h, w) in enumerate(zip(headers, widths, strict=True), start=1):
        c = write_cell(ws, HEADER_ROW, j, h)
        c.font, c.fill = bold, fill
        ws.column_dimensions[c.column_letter].width = w
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def write_template(engine: Engine, plan_id: str, out: str | Path, *, today: dt.date | None = None) -> Path:
    c = plan_contents(engine, plan_id)
    plan, measures, latest, anns = c.plan, c.measures, c.latest, c.announcements
    axes = plan_axis_labels(engine, plan_id)
    today = today or dt.date.today()
    labels = STATUS_LABELS[LANG]
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook's one (active) sheet
    ws.title = text("template.sheet.measures", LANG)
    write_cell(ws, 1, 1, text("template.heading", LANG, plan=plan["title_fr"])).font = Font(bold=True, size=14)
    write_cell(ws, 2, 1, text("template.as_of", LANG, day=f"{today:%d/%m/%Y}"))
    _header(ws, MEASURE_HEADERS, (10, 60, 30, 20, 18, 26, 50, 30, 16))
    for i, m in enumerate(measures, start=HEADER_ROW + 1):
        # the latest status keeps its voice: re-importing the file unchanged never attributes a
        # government statement to civil society
        status, voice = latest.get(m["id"], ("unknown", None))
        values = (m["ref"], m["title_fr"], m["axis_text"], m["lead_body"], m["deadline_text"],
                  labels[status], None, None, VOICE_LABELS[LANG].get(voice) if voice else None)
        for j, v in enumerate(values, start=1):
            write_cell(ws, i, j, v)
        ws.cell(i, 5).number_format = "@"
        ws.cell(i, 2).alignment = Alignment(wrap_text=True, vertical="top")
    room = undocumented_count(plan, measures)
    first_free = HEADER_ROW + len(measures) + 1
    for i in range(first_free, first_free + room):  # nothing written in them: borders and formats only
        for j in range(1, len(MEASURE_HEADERS) + 1):
            ws.cell(i, j).border = ROOM_BORDER
        ws.cell(i, 5).number_format = "@"
        ws.cell(i, 2).alignment = Alignment(wrap_text=True, vertical="top")
    last = max(first_free + room + 200, 500)
    status_dv = DataValidation(type="list", formula1='"' + ",".join(labels[c] for c in STATUS_CODES) + '"',
                               allow_blank=True, showErrorMessage=True, errorTitle=text("template.status_error_title", LANG),
                               error=text("template.status_error", LANG))
    status_dv.add(f"F{HEADER_ROW + 1}:F{last}")
    voice_dv = DataValidation(type="list", formula1='"' + ",".join(VOICE_LABELS[LANG].values()) + '"',
                              allow_blank=True)
    voice_dv.add(f"I{HEADER_ROW + 1}:I{last}")
    ws.add_data_validation(status_dv)
    ws.add_data_validation(voice_dv)
    _announcements_sheet(wb, anns)
    listed = _instructions_sheet(wb, axes, documented=_documented(measures), declared=plan["measures_declared"],
                                 room=room)
    if listed:
        # not an inline list: the axes' labels are long (a list is at most 255 characters) and may hold commas
        axis_dv = DataValidation(type="list", formula1=listed, allow_blank=True, showErrorMessage=False)
        axis_dv.add(f"C{HEADER_ROW + 1}:C{last}")
        ws.add_data_validation(axis_dv)
    out = Path(out)
    wb.save(out)
    return out


def _documented(measures) -> int:
    """How many of the measures count as documented (the test of ``plans.store.documented_clause``)."""
    return sum(1 for m in measures if m["kind"] in COUNTED_KINDS and m["title_fr"] is not None)


def undocumented_count(plan, measures) -> int:
    """Empty rows the template keeps for the measures the plan declares but Vigie does not document: the
    declared total minus the documented ones; none when the plan declares no total."""
    declared = plan["measures_declared"]
    return max(int(declared) - _documented(measures), 0) if declared else 0


def _announcements_sheet(wb, anns) -> None:
    ws = wb.create_sheet(text("template.sheet.announcements", LANG))
    write_cell(ws, 1, 1, text("template.announcements_heading", LANG)).font = Font(bold=True, size=14)
    _header(ws, ANN_HEADERS, (40, 16, 28, 14, 12, 50, 30))
    for i, a in enumerate(anns, start=HEADER_ROW + 1):
        values = (a["subject"], a["announced_on"], a["expected_text"], a["held_on"], KIND_LABELS.get(a["kind"]),
                  a["summary"], a["source_url"] or None)
        for j, v in enumerate(values, start=1):
            write_cell(ws, i, j, v)
    last = max(HEADER_ROW + len(anns) + 200, 500)
    for col in ("B", "D"):
        for r in range(HEADER_ROW + 1, last):
            ws[f"{col}{r}"].number_format = "DD/MM/YYYY"
    for r in range(HEADER_ROW + 1, last):
        ws[f"C{r}"].number_format = "@"
    kind_dv = DataValidation(type="list", formula1='"' + ",".join(KIND_LABELS.values()) + '"', allow_blank=True)
    kind_dv.add(f"E{HEADER_ROW + 1}:E{last}")
    ws.add_data_validation(kind_dv)


def _instructions_sheet(wb, axes: list[str], *, documented: int, declared: int | None, room: int) -> str | None:
    """The instructions, then what the rows kept for undocumented measures are for, then the plan's axes (the
    source of the « Axe » list: returned as a range, None when the plan has no known axis)."""
    ws = wb.create_sheet(text("template.sheet.instructions", LANG), 0)
    row = 0
    for row, line in enumerate(INSTRUCTIONS, start=1):
        write_cell(ws, row, 1, line)
    if room:
        row += 1
        write_cell(ws, row, 1, text("template.room", LANG, documented=documented, declared=declared, room=room))
    listed = None
    if axes:
        row += 2
        write_cell(ws, row, 1, text("template.axes_heading", LANG)).font = Font(bold=True)
        for k, label in enumerate(axes, start=row + 1):
            write_cell(ws, k, 1, label)
        col = get_column_letter(1)
        listed = f"{quote_sheetname(ws.title)}!${col}${row + 1}:${col}${row + len(axes)}"
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120
    wb.active = 1
    return listed
