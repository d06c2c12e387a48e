"""Time spent on cases (date, minutes, activity, an encrypted optional note).

Revision ID: f5c2d8e1a9b3
Revises: e3f1a8c2d7b4
Create Date: 2026-12-03 14:30:00

"""

import sqlalchemy as sa
from alembic import op

import casework.models.base

# revision identifiers, used by Alembic.
revision = "f5c2d8e1a9b3"
down_revision = "e3f1a8c2d7b4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "time_entries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("worked_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=24), nullable=False),
        sa.Column("created_at", casework.models.base.UTCDateTime(), nullable=False),
        sa.Column("note", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_time_entries_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_time_entries_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_time_entries")),
    )
    op.create_index(op.f("ix_time_entries_case_id"), "time_entries", ["case_id"])
    op.create_index("ix_time_entries_worked_on_case_id", "time_entries", ["worked_on", "case_id"])


def downgrade():
    op.drop_index("ix_time_entries_worked_on_case_id", table_name="time_entries")
    op.drop_index(op.f("ix_time_entries_case_id"), table_name="time_entries")
    op.drop_table("time_entries")
