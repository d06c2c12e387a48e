"""Caseload indexes: region and type by next deadline; the cases a team member is on.

Revision ID: 9632fbde6583
Revises: a1d17c0e5b3f
Create Date: 2026-11-21 16:35:34

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "9632fbde6583"
down_revision = "a1d17c0e5b3f"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_team", schema=None) as batch_op:
        batch_op.create_index("ix_case_team_user_id", ["user_id"], unique=False)

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cases_jurisdiction_case_type_next_deadline_on",
            ["jurisdiction", "case_type", "next_deadline_on"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_jurisdiction_case_type_next_deadline_on")

    with op.batch_alter_table("case_team", schema=None) as batch_op:
        batch_op.drop_index("ix_case_team_user_id")
