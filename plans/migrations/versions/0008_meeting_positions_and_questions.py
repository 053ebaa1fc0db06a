"""meeting_positions (the collective's positions per plan and meeting, every version kept) and meeting_questions
(the questions a brief asked at a meeting, answered / unanswered / deferred)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("meeting_positions",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("plan_id", sa.String(length=80), nullable=False),
    sa.Column("meeting_on", sa.Date(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("saved_at", sa.DateTime(), nullable=False),
    sa.Column("saved_by", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_meeting_positions_plan_id_plans"),
                            ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_positions"))
    )
    with op.batch_alter_table("meeting_positions", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_positions_plan_meeting", ["plan_id", "meeting_on"], unique=False)

    op.create_table("meeting_questions",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("plan_id", sa.String(length=80), nullable=False),
    sa.Column("meeting_on", sa.Date(), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("question", sa.Text(), nullable=False),
    sa.Column("saved_at", sa.DateTime(), nullable=False),
    sa.Column("saved_by", sa.Text(), nullable=False),
    sa.Column("state", sa.String(length=20), nullable=False),
    sa.Column("answer", sa.Text(), nullable=True),
    sa.Column("answered_on", sa.Date(), nullable=True),
    sa.Column("marked_at", sa.DateTime(), nullable=True),
    sa.Column("marked_by", sa.Text(), nullable=True),
    sa.CheckConstraint("state IN ('asked', 'answered', 'unanswered', 'deferred')",
                       name=op.f("ck_meeting_questions_state")),
    sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_meeting_questions_plan_id_plans"),
                            ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_questions"))
    )
    with op.batch_alter_table("meeting_questions", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_questions_plan_meeting", ["plan_id", "meeting_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meeting_questions", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_questions_plan_meeting")
    op.drop_table("meeting_questions")
    with op.batch_alter_table("meeting_positions", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_positions_plan_meeting")
    op.drop_table("meeting_positions")
