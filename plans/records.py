"""The plain data of a validated snapshot (no database, no SQLAlchemy): what the loaders' check builds in the
guarded reading child (``loaders.check``) and sends back pickled, and what ``plans.snapshots`` writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class JSONText(str):
    """A value of a JSON column already encoded (the loaders build ``assessments.extra`` column by column)."""

    __slots__ = ()


MEASURE_COLUMNS = ("ref", "key", "row", "title_fr", "axis_text", "lead_body", "comment", "source_url", "confidence",
                   "status", "status_as_reported", "voice", "deadline_text", "deadline_start", "deadline_end", "extra")


@dataclass
class Measures:
    """The measures of a snapshot column by column: ``columns[name]`` lists one value per measure for every
    name of MEASURE_COLUMNS (``key`` = :func:`ref_key` of ``ref``; ``extra`` = dict or JSONText or None).
    Columns rather than a dict per measure: 200,000 dicts cost more to build and take apart than to write."""

    columns: dict[str, list] = field(default_factory=lambda: {c: [] for c in MEASURE_COLUMNS})

    def __post_init__(self):
        n = len(self.columns["key"])
        assert all(len(self.columns[c]) == n for c in MEASURE_COLUMNS), "columns of unequal length"

    @classmethod
    def from_records(cls, recs: list[dict]) -> Measures:
        return cls({c: [r.get(c) for r in recs] for c in MEASURE_COLUMNS})

    def __len__(self) -> int:
        return len(self.columns["key"])

    def __getitem__(self, name: str) -> list:
        return self.columns[name]


@dataclass
class Snapshot:
    plan_id: str
    as_of: dt.date
    as_of_origin: str
    file_name: str
    file_hash: str
    sheet: str | None = None
    plan_title: str | None = None  # used only when the plan is created
    has_measures: bool = False  # a measures sheet was read (vanished refs are detected only then)
    measures: Measures = field(default_factory=Measures)
    announcements: list[dict] = field(default_factory=list)
    mappings: dict[str, str] = field(default_factory=dict)  # normalised header → field
    issues: list[dict] = field(default_factory=list)  # warnings kept with the run
    rows_read: int = 0
    earlier: list[Snapshot] = field(default_factory=list)  # older dated snapshots of the same file, oldest first
    profile: dict = field(default_factory=dict)  # the import profile the check applied (loaders.profile's dict)
    association: str | None = None  # written for this association: every row civil society, under its name
