"""The one database schema of Vigie, declared once (SQLAlchemy Core).

Every fact row carries ``source_url`` and ``confidence``. Status assessments and
announcements are append-only logs: nothing is ever updated in place by an import.
Migrations (``plans/migrations``) are generated from this metadata.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from plans.limits import FIELD_LIMITS
from plans.vocab import LINK_KINDS, LINK_STATES, STATUS_CODES, VOICES

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _in(column: str, values) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


def _fact_columns() -> list[Column]:
    return [
        Column("source_url", Text, nullable=False, default=""),
        Column("confidence", Text, nullable=False, default=""),
    ]


plans = Table(
    "plans",
    metadata,
    Column("id", String(FIELD_LIMITS["plan_id"]), primary_key=True),
    Column("kind", String(20), nullable=False, default="plan"),  # plan|strategy|law|eu|bill|rec
    Column("title_fr", Text, nullable=False),
    Column("title_en", Text),
    Column("short_title", Text),
    Column("period_text", Text),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("steering_body", Text),
    Column("measures_declared", Integer),
    Column("measures_declared_text", Text),
    Column("axes_declared", Integer),
    Column("themes", Text),  # ';'-separated theme codes
    Column("known_shared_actions", Text),
    Column("tracked", Boolean, nullable=False, default=False),  # has its own measure list in Vigie
    Column("settings", JSON),  # thresholds, governance rule, evaluation summary...
    Column("notes", Text),
    *_fact_columns(),
)

axes = Table(
    "axes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("ref", String(80), nullable=False),
    Column("number", String(20)),
    Column("label_fr", Text, nullable=False),
    Column("label_en", Text),
    Column("description", Text),
    Column("themes", Text),
    *_fact_columns(),
    UniqueConstraint("plan_id", "ref", name="uq_axes_plan_ref"),
)

measures = Table(
    "measures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("ref", String(FIELD_LIMITS["ref"]), nullable=False),
    Column("official_number", String(40)),
    Column("kind", String(40), nullable=False, default="measure"),  # measure|commitment|related_action
    Column("title_fr", Text),  # NULL = title unknown (the measure is known by its number only)
    Column("title_en", Text),
    Column("axis_id", Integer, ForeignKey("axes.id", ondelete="SET NULL")),
    Column("axis_text", Text),  # axis as reported (may be uncertain)
    Column("lead_body", Text),
    Column("partner_bodies", Text),
    Column("deadline_text", Text),
    Column("deadline_start", Date),
    Column("deadline_end", Date),
    Column("carried_over_from", Text),  # ref of the equivalent measure in an earlier plan
    Column("carried_over_to", Text),
    Column("themes", Text),
    Column("evidence_summary", Text),
    Column("origin", String(20), nullable=False, default="catalogue"),  # catalogue|import
    Column("first_seen", Date),
    Column("notes", Text),
    *_fact_columns(),
    UniqueConstraint("plan_id", "ref", name="uq_measures_plan_ref"),
)

import_runs = Table(
    "import_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE")),
    Column("file_name", Text, nullable=False),
    Column("file_hash", String(64)),
    Column("sheet", Text),
    Column("as_of", Date),
    Column("as_of_origin", String(20)),  # option|title|today
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("outcome", String(20), nullable=False),  # imported|rejected|noop|dry_run
    Column("counts", JSON),
    Column("issues_count", Integer, nullable=False, default=0),
    Column("errors_count", Integer, nullable=False, default=0),
    Column("imported_by", Text),  # who made the run (plans.access.Actor.recorded); empty for runs before it was kept
    Column("association", Text),  # the association the run writes for (a contributor's); NULL = the collective
    CheckConstraint(_in("outcome", ("imported", "rejected", "noop", "dry_run")), name="outcome"),
)
# a file is imported into a plan once: two uploads of it at the same time store it once (plans.snapshots checks
# in the write's transaction; this is the database's own guarantee). Other outcomes of the same file are history.
Index("uq_import_runs_imported_file", import_runs.c.plan_id, import_runs.c.file_hash, unique=True,
      sqlite_where=import_runs.c.outcome == "imported", postgresql_where=import_runs.c.outcome == "imported")

import_issues = Table(
    "import_issues",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("import_run_id", Integer, ForeignKey("import_runs.id", ondelete="CASCADE"), nullable=False),
    Column("severity", String(10), nullable=False),  # error|warning|info
    Column("file", Text),
    Column("sheet", Text),
    Column("row", Integer),
    Column("column", Text),
    Column("value", Text),
    Column("code", String(60), nullable=False),
    Column("message", Text, nullable=False),
    Column("hint", Text),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("measure_id", Integer, ForeignKey("measures.id", ondelete="CASCADE"), nullable=False),
    Column("as_of", Date, nullable=False),
    # how precisely the source dates the status: NULL = the day; 'month' or 'year' = as_of is the
    # last day of that month or year (the status is known by then, not said to date from that day)
    Column("as_of_precision", String(8)),
    Column("status", String(20), nullable=False),
    Column("status_as_reported", Text),
    Column("voice", String(20), nullable=False, default="civil_society"),
    Column("summary", Text),
    Column("comment", Text),
    Column("extra", JSON),  # unrecognised spreadsheet columns, kept verbatim
    Column("origin", String(20), nullable=False, default="catalogue"),  # catalogue|import|manual
    Column("import_run_id", Integer, ForeignKey("import_runs.id", ondelete="SET NULL")),
    Column("recorded_at", DateTime),
    # a civil-society row's association; NULL = the collective's voice (every row written before revision 0007)
    Column("association", Text),
    *_fact_columns(),
    # derived from the row's chain (measure × voice, up to this row), kept by every writer
    # (plans.history): the later of the last status change and the last new information, and the
    # chain's first date — the change dates at any D whose latest row this is
    Column("last_change", Date),
    Column("first_as_of", Date),
    CheckConstraint(_in("status", STATUS_CODES), name="status"),
    CheckConstraint(_in("voice", VOICES), name="voice"),
)
Index("ix_assessments_measure_asof", assessments.c.measure_id, assessments.c.as_of)
Index("ix_assessments_measure_voice_asof", assessments.c.measure_id, assessments.c.voice, assessments.c.as_of)

measure_revisions = Table(
    "measure_revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("measure_id", Integer, ForeignKey("measures.id", ondelete="CASCADE"), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("field", String(40), nullable=False),  # title_fr|deadline_text|lead_body|axis_text|vanished|added
    Column("old_value", Text),
    Column("new_value", Text),
    Column("import_run_id", Integer, ForeignKey("import_runs.id", ondelete="SET NULL")),
    *_fact_columns(),
)
Index("ix_measure_revisions_measure", measure_revisions.c.measure_id, measure_revisions.c.as_of)

announcements = Table(
    "announcements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE")),
    Column("event_key", String(FIELD_LIMITS["event_key"]), nullable=False),  # groups the rows of one announced event
    Column("subject", Text, nullable=False),
    Column("measure_id", Integer, ForeignKey("measures.id", ondelete="SET NULL")),
    Column("kind", String(40), nullable=False),  # announced|postponed|held|not_held|planned
    Column("announced_on", Date),  # when the announcement was made (if known)
    Column("announced_on_text", Text),
    Column("expected_text", Text),  # the date announced, as written
    Column("expected_start", Date),
    Column("expected_end", Date),
    Column("held_on", Date),
    Column("outcome", String(20)),  # held|not_held|pending
    Column("summary", Text),
    Column("origin", String(20), nullable=False, default="catalogue"),
    Column("import_run_id", Integer, ForeignKey("import_runs.id", ondelete="SET NULL")),
    Column("seq", Integer, nullable=False, default=0),  # order inside the event's chain
    *_fact_columns(),
)
Index("ix_announcements_event", announcements.c.plan_id, announcements.c.event_key)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="SET NULL")),
    Column("date_text", Text),
    Column("date_iso", String(40)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(10)),
    Column("kind", String(40), nullable=False),
    Column("subject", Text, nullable=False),
    Column("summary", Text),
    Column("measure_refs", Text),
    *_fact_columns(),
    UniqueConstraint("date_iso", "kind", "subject", "summary", name="uq_events_natural"),
)

links = Table(
    "links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("from_plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("from_ref", String(FIELD_LIMITS["ref"])),  # measure ref in from_plan (NULL = the plan as a whole)
    Column("to_plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("to_ref", String(FIELD_LIMITS["ref"])),
    Column("kind", String(30), nullable=False),
    Column("state", String(20), nullable=False, default="suggested"),
    Column("score", Float),
    Column("note", Text),
    Column("origin", String(20), nullable=False, default="catalogue"),  # catalogue|suggestion|user|import
    Column("decided_by", Text),
    Column("decided_at", DateTime),
    *_fact_columns(),
    CheckConstraint(_in("kind", LINK_KINDS), name="kind"),
    CheckConstraint(_in("state", LINK_STATES), name="state"),
    UniqueConstraint("from_plan_id", "from_ref", "to_plan_id", "to_ref", "kind", name="uq_links_natural"),
)

import_profiles = Table(  # how a plan's files are read (loaders.profile): every saved version kept, the latest applies
    "import_profiles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("profile", JSON, nullable=False),
    Column("origin", String(20), nullable=False),  # import|edit|upload|cli
    Column("saved_at", DateTime, nullable=False),
    Column("saved_by", Text),  # plans.access.Actor.recorded
    CheckConstraint(_in("origin", ("import", "edit", "upload", "cli")), name="origin"),
)

column_mappings = Table(
    "column_mappings",
    metadata,
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("header", Text, primary_key=True),  # header as normalised by loaders
    Column("field", String(40), nullable=False),
)

people = Table(  # who may do what on a shared instance (plans.people), by e-mail address; no password is stored
    "people",
    metadata,
    Column("email", String(FIELD_LIMITS["email"]), primary_key=True),  # lower-cased, trimmed
    Column("name", Text),
    Column("role", String(20), nullable=False),  # plans.access.ROLES
    Column("association", Text),  # NULL = none (a coordinator or admin of the collective)
    Column("added_at", DateTime, nullable=False),  # UTC
    Column("added_by", Text),  # plans.access.Actor.recorded
    CheckConstraint(_in("role", ("reader", "contributor", "coordinator", "admin")), name="role"),
)

audit_log = Table(  # every write, append-only (plans.audit): triggers of revision 0007 refuse UPDATE and DELETE
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),  # UTC
    Column("kind", String(40), nullable=False),  # plans.audit.KINDS
    Column("plan_id", String(FIELD_LIMITS["plan_id"])),  # no foreign key: the trail outlives what it names
    Column("actor", Text, nullable=False),  # plans.access.Actor.recorded
    Column("email", String(FIELD_LIMITS["email"])),
    Column("role", String(20)),
    Column("association", Text),
    Column("summary", Text, nullable=False, default=""),  # French, short: before → after
    Column("run_id", Integer),  # the import run written, if any (no foreign key, as plan_id)
)
Index("ix_audit_log_plan_at", audit_log.c.plan_id, audit_log.c.at)

meeting_positions = Table(  # the collective's positions for a meeting (plans.meetings): every saved version kept
    "meeting_positions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("meeting_on", Date, nullable=False),  # a meeting = plan + date
    Column("text", Text, nullable=False),  # as written in the app, shown as text (never Markdown or HTML)
    Column("saved_at", DateTime, nullable=False),  # UTC
    Column("saved_by", Text, nullable=False),  # plans.access.Actor.recorded
)
Index("ix_meeting_positions_plan_meeting", meeting_positions.c.plan_id, meeting_positions.c.meeting_on)

meeting_questions = Table(  # the questions a brief asked at a meeting, and what became of each (plans.meetings)
    "meeting_questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", String(FIELD_LIMITS["plan_id"]), ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("meeting_on", Date, nullable=False),
    Column("body", Text, nullable=False),  # the body asked, as the brief's heading names it
    Column("question", Text, nullable=False),
    Column("saved_at", DateTime, nullable=False),
    Column("saved_by", Text, nullable=False),
    Column("state", String(20), nullable=False, default="asked"),  # asked | answered | unanswered | deferred
    Column("answer", Text),
    Column("answered_on", Date),
    Column("marked_at", DateTime),
    Column("marked_by", Text),
    CheckConstraint(_in("state", ("asked", "answered", "unanswered", "deferred")), name="state"),
)
Index("ix_meeting_questions_plan_meeting", meeting_questions.c.plan_id, meeting_questions.c.meeting_on)
