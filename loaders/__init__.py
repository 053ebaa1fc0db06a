"""Spreadsheet loaders: read a coordinator's follow-up file (.xlsx, .xlsm, .ods, .csv), validate
everything, then write one dated snapshot in one transaction (plans.snapshots).

Public API (used by the dashboard upload page and the CLI ``python -m loaders``)::

    from loaders import import_file, ImportReport, Issue
    report = import_file(path, "pna-2024-2027", engine, actor=CLI, as_of=None, dry_run=False)  # plans.access.CLI
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.issues import Issue
from loaders.report import ImportReport

if TYPE_CHECKING:
    from plans.access import Actor

__all__ = ["ImportReport", "Issue", "import_file"]


def import_file(
    path: str | Path,
    plan_id: str,
    engine,
    *,
    actor: Actor,
    as_of: dt.date | None = None,
    dry_run: bool = False,
    lang: str = "fr",
    original_name: str | None = None,
    mapping: dict[str, str] | None = None,
    profile: dict | None = None,
    association: str | None = None,
) -> ImportReport:
    """Import one spreadsheet as a dated snapshot of ``plan_id``; never raises for a bad file.

    ``original_name`` is the name shown in messages (the upload's name, not the temp path);
    ``mapping`` maps a header as written to a field (``{"Colonne X": "status"}``) and is
    remembered for the plan when the import succeeds; ``profile`` (``loaders.profile``: sheet, header row,
    columns, joined refs, dated columns, spellings) updates the plan's import profile for this file, and what a
    successful import used becomes the plan's profile; ``actor`` (``plans.access``) is who imports: checked
    before anything is read, and recorded with the run; ``association`` the association the file speaks for (a
    contributor's own by default: rows recorded as the civil society's voice under it).
    """
    from loaders.pipeline import run_import

    return run_import(Path(path), plan_id, engine, actor=actor, as_of=as_of, dry_run=dry_run, lang=lang,
                      original_name=original_name, mapping=mapping, profile=profile, association=association)
