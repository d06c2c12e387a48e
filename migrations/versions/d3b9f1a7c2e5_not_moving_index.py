"""Cases nobody is moving: the dashboard's covering index also holds the next deadline.

Revision ID: d3b9f1a7c2e5
Revises: c7a2e91d4b10
Create Date: 2026-12-03 14:00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "d3b9f1a7c2e5"
down_revision = "c7a2e91d4b10"
branch_labels = None
depends_on = None

NAME = "ix_cases_status_assigned_to_id_case_type"


def upgrade():
    op.drop_index(NAME, table_name="cases")
    op.create_index(
        NAME,
        "cases",
        ["status", "assigned_to_id", "case_type", "last_activity_at", "next_deadline_on"],
        unique=False,
    )


def downgrade():
    op.drop_index(NAME, table_name="cases")
    op.create_index(
        NAME, "cases", ["status", "assigned_to_id", "case_type", "last_activity_at"], unique=False
    )
