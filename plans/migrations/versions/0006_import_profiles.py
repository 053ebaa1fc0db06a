"""import_profiles: how a plan’s files are read (loaders.profile), every saved version kept with who and when

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("import_profiles",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("plan_id", sa.String(length=80), nullable=False),
    sa.Column("profile", sa.JSON(), nullable=False),
    sa.Column("origin", sa.String(length=20), nullable=False),
    sa.Column("saved_at", sa.DateTime(), nullable=False),
    sa.Column("saved_by", sa.Text(), nullable=True),
    sa.CheckConstraint("origin IN ('import', 'edit', 'upload', 'cli')", name=op.f("ck_import_profiles_origin")),
    sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_import_profiles_plan_id_plans"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_import_profiles"))
    )
    with op.batch_alter_table("import_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_profiles_plan_id"), ["plan_id"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("import_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_profiles_plan_id"))

    op.drop_table("import_profiles")
