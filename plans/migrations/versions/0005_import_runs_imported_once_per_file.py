"""import_runs: a file is imported into a plan once — unique (plan_id, file_hash) where outcome = 'imported';
and who made each run (imported_by)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

IMPORTED = sa.text("outcome = 'imported'")


def upgrade() -> None:
    # two uploads of one file at the same time could both be stored before this revision: the later runs keep
    # their outcome and rows, and lose their hash (so the index can be built; the first run still has it)
    op.execute("UPDATE import_runs SET file_hash = NULL WHERE outcome = 'imported' AND file_hash IS NOT NULL "
               "AND id > (SELECT MIN(r.id) FROM import_runs r WHERE r.outcome = 'imported' "
               "AND r.plan_id = import_runs.plan_id AND r.file_hash = import_runs.file_hash)")
    with op.batch_alter_table("import_runs") as batch:
        batch.add_column(sa.Column("imported_by", sa.Text(), nullable=True))
        batch.create_index("uq_import_runs_imported_file", ["plan_id", "file_hash"], unique=True,
                           sqlite_where=IMPORTED, postgresql_where=IMPORTED)


def downgrade() -> None:
    with op.batch_alter_table("import_runs") as batch:
        batch.drop_index("uq_import_runs_imported_file")
        batch.drop_column("imported_by")
