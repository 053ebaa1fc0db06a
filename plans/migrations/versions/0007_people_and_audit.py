"""people (roles by e-mail) and audit_log (every write, append-only); each assessment's and run's association

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

``audit_log`` refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) by triggers: no page or command edits the
trail, and neither can a mistaken SQL statement.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""",
    """CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
]


def upgrade() -> None:
    op.create_table("audit_log",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("at", sa.DateTime(), nullable=False),
    sa.Column("kind", sa.String(length=40), nullable=False),
    sa.Column("plan_id", sa.String(length=80), nullable=True),
    sa.Column("actor", sa.Text(), nullable=False),
    sa.Column("email", sa.String(length=254), nullable=True),
    sa.Column("role", sa.String(length=20), nullable=True),
    sa.Column("association", sa.Text(), nullable=True),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.Column("run_id", sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log"))
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_plan_at", ["plan_id", "at"], unique=False)

    op.create_table("people",
    sa.Column("email", sa.String(length=254), nullable=False),
    sa.Column("name", sa.Text(), nullable=True),
    sa.Column("role", sa.String(length=20), nullable=False),
    sa.Column("association", sa.Text(), nullable=True),
    sa.Column("added_at", sa.DateTime(), nullable=False),
    sa.Column("added_by", sa.Text(), nullable=True),
    sa.CheckConstraint("role IN ('reader', 'contributor', 'coordinator', 'admin')", name=op.f("ck_people_role")),
    sa.PrimaryKeyConstraint("email", name=op.f("pk_people"))
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("association", sa.Text(), nullable=True))

    with op.batch_alter_table("import_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("association", sa.Text(), nullable=True))

    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("import_runs", schema=None) as batch_op:
        batch_op.drop_column("association")

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_column("association")

    op.drop_table("people")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_plan_at")

    op.drop_table("audit_log")  # its triggers go with it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
