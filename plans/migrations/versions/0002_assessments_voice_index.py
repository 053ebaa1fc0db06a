"""index assessments (measure_id, voice, as_of) for the state-at-D query

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_assessments_measure_voice_asof", "assessments", ["measure_id", "voice", "as_of"])


def downgrade() -> None:
    op.drop_index("ix_assessments_measure_voice_asof", table_name="assessments")
