"""The result of one import, as the CLI and the upload page show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from loaders.issues import Issue
from loaders.messages import summary_sentence

COUNT_KEYS = ("assessments", "measures_added", "measures_changed", "measures_vanished", "announcements",
              "rows_read", "status_changes", "unchanged")
FRAME_COLUMNS = {
    "fr": ["Fichier", "Feuille", "Ligne", "Colonne", "Valeur", "Code", "Message", "Astuce"],
    "en": ["File", "Sheet", "Row", "Column", "Value", "Code", "Message", "Hint"],
}


@dataclass
class ImportReport:
    file: str
    plan_id: str
    outcome: str = "rejected"  # imported|rejected|noop|dry_run
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    as_of: dt.date | None = None
    as_of_origin: str | None = None  # option|title|today
    run_id: int | None = None
    dropped: dict = field(default_factory=lambda: {"error": 0, "warning": 0})
    lang: str = "fr"
    profile: dict | None = None  # the import profile the file was read with (loaders.profile)
    inspection: dict | None = None  # what the mapping step shows (loaders.inspect), from the same read
    preview: dict | None = None  # what the import changes (plans.snapshots.empty_preview), dry run or not

    @property
    def ok(self) -> bool:
        return not self.errors and not self.dropped.get("error")

    @property
    def confirmable(self) -> bool:
        """Whether the user may confirm the import this report checked: a dry run without errors (a file already
        imported, a refusal or a done import offer nothing to confirm)."""
        return self.outcome == "dry_run" and self.ok

    @property
    def issues(self) -> list[Issue]:
        return [*self.errors, *self.warnings]

    def summary(self, lang: str | None = None) -> str:
        return summary_sentence(self, lang or self.lang)

    def issues_frame(self, lang: str | None = None):
        import pandas as pd

        lang = lang or self.lang
        cols = FRAME_COLUMNS.get(lang, FRAME_COLUMNS["fr"])
        rows = []
        for issue in self.issues:
            i = issue.rendered(lang) if lang != self.lang else issue
            rows.append([i.file, i.sheet, i.row, i.column, i.value, i.code, i.message, i.hint])
        frame = pd.DataFrame(rows, columns=cols)
        frame[cols[2]] = frame[cols[2]].astype("Int64")
        return frame
