"""Read and validate the announcements sheet (meetings announced, postponed, held) into records and ledgers."""

from __future__ import annotations

import datetime as dt

from loaders.issues import Collector
from loaders.rows import _is_note, _row_get, date_refused, report_controls
from loaders.table import Table
from loaders.values import cell_text, date_value
from plans.dates import DateRange, parse_vague
from plans.limits import FIELD_LIMITS
from plans.normalize import fold, slug

KIND_WORDS = {"announced": ("annonce", "annoncee", "announced", "annonce initiale", "prevu", "prevue"),
              "postponed": ("report", "reporte", "reportee", "postponed", "decale", "nouvelle date", "repoussee"),
              "held": ("tenu", "tenue", "realise", "realisee", "held", "a eu lieu", "fait"),
              "not_held": ("non tenu", "non tenue", "annule", "annulee", "not held", "cancelled", "pas eu lieu")}
_KINDS = {w: k for k, ws in KIND_WORDS.items() for w in ws}


class AnnouncementReader:
    def __init__(self, table: Table, issues: Collector, *, plan_period: tuple):
        self.t, self.issues, self.period = table, issues, plan_period

    def read(self) -> list[dict]:
        t, out = self.t, []
        report_controls(t, self.issues, None)
        col = {f: t.column_of(f) for f in ("subject", "announced_on", "expected", "held_on", "kind", "notes", "source")}
        for i in range(t.header_index + 1, len(t.rows)):
            row = t.rows[i]
            subject = cell_text(_row_get(row, col["subject"]))
            if subject is None:
                note, text = _is_note(row, [col["subject"]])
                if text is None:
                    continue
                if note:
                    self.issues.warn("skipped-note", sheet=t.sheet, row=t.excel_row(i), value=text)
                else:
                    self.issues.error("missing-value", sheet=t.sheet, row=t.excel_row(i),
                                      column=t.column_label(t.column("subject")))
                continue
            rec = {"row": t.excel_row(i), "subject": subject, "event_key": slug(subject, fallback="annonce", max_len=FIELD_LIMITS["event_key"]),
                   "summary": cell_text(_row_get(row, col["notes"])),
                   "source_url": cell_text(_row_get(row, col["source"])) or ""}
            rec["announced_on"], rec["announced_on_text"] = self._date(row, col["announced_on"], i, vague_ok=True)
            rec["held_on"], held_text = self._date(row, col["held_on"], i, vague_ok=False)
            exp = _row_get(row, col["expected"])
            rec["expected_text"] = cell_text(exp)
            rng = parse_vague(date_value(exp) or rec["expected_text"], plan_start=self.period[0],
                              plan_end=self.period[1]) if rec["expected_text"] else None
            if date_refused(self.issues, t, t.excel_row(i), t.column("expected"), rec["expected_text"], rng):
                continue
            if rec["expected_text"] and rng is None:
                self.issues.warn("unread-date", sheet=t.sheet, row=t.excel_row(i),
                                 column=t.column_label(t.column("expected")),
                                 value=rec["expected_text"])
            rec["expected_start"], rec["expected_end"] = (rng.start, rng.end) if rng else (None, None)
            kind_text = cell_text(_row_get(row, col["kind"]))
            rec["kind"] = _KINDS.get(fold(kind_text).strip(" .")) if kind_text else None
            if not (rec["expected_text"] or rec["held_on"] or rec["kind"] == "not_held"):
                if held_text is None:  # a held day written but refused is already reported
                    j = col["expected"] if col["expected"] is not None else col["held_on"]
                    self.issues.error("missing-value", sheet=t.sheet, row=t.excel_row(i),
                                      column=t.column_label(j) if j is not None else None)
                continue
            out.append(rec)
        return ledgers(out)

    def _date(self, row, j, i, *, vague_ok: bool):
        value = _row_get(row, j)
        text = cell_text(value)
        if text is None:
            return None, None
        d = date_value(value)
        rng = DateRange(d, d, "day") if d else parse_vague(text)
        if date_refused(self.issues, self.t, self.t.excel_row(i), j, text, rng):
            return None, text
        if d:
            return d, text
        if rng and (rng.precision == "day" or vague_ok):
            return (rng.start if rng.precision == "day" else None), text
        self.issues.error("bad-date", sheet=self.t.sheet, row=self.t.excel_row(i), column=self.t.column_label(j),
                          value=text)
        return None, text


def ledgers(records: list[dict]) -> list[dict]:
    """Rows with the same subject form one ledger, in order of announcement; kinds inferred."""
    groups: dict[str, list[dict]] = {}
    for r in records:
        groups.setdefault(r["event_key"], []).append(r)
    out = []
    for rows in groups.values():
        if all(r["announced_on"] or r["held_on"] for r in rows):
            rows.sort(key=lambda r: (r["announced_on"] or r["held_on"] or dt.date.max, r["row"]))
        for n, r in enumerate(rows):
            if r["kind"] is None:
                r["kind"] = "held" if r["held_on"] else ("announced" if n == 0 else "postponed")
            r["outcome"] = {"held": "held", "not_held": "not_held"}.get(r["kind"])
            r["seq"] = n + 1
            out.append(r)
    return out
