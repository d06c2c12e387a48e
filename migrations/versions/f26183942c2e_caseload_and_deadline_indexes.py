"""Caseload and deadline indexes: status or advocate with opening date; open deadlines by date.

Revision ID: f26183942c2e
Revises: 861b5a3adcc1
Create Date: 2026-11-21 16:29:10.982724

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "f26183942c2e"
down_revision = "861b5a3adcc1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cases_assigned_to_id_opened_on", ["assigned_to_id", "opened_on"], unique=False
        )
        batch_op.create_index("ix_cases_status_opened_on", ["status", "opened_on"], unique=False)

    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deadlines_done_due_on_case_id", ["done", "due_on", "case_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_index("ix_deadlines_done_due_on_case_id")

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_status_opened_on")
        batch_op.drop_index("ix_cases_assigned_to_id_opened_on")
