"""assessments.last_change and first_as_of: the change dates each row carries (plans.history)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("last_change", sa.Date(), nullable=True))
        batch.add_column(sa.Column("first_as_of", sa.Date(), nullable=True))
    from plans.history import refresh_chain_dates

    refresh_chain_dates(op.get_bind(), by_association=False)  # the rows already there: from their history (no
    # association column before revision 0007)


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("first_as_of")
        batch.drop_column("last_change")
