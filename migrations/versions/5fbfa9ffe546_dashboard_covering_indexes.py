"""Dashboard covering indexes: open cases per advocate, an employer's cases, payments.

Revision ID: 5fbfa9ffe546
Revises: 9632fbde6583
Create Date: 2026-11-21 16:54:17

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "5fbfa9ffe546"
down_revision = "9632fbde6583"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case_employers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_employers_employer_id_case_id", ["employer_id", "case_id"], unique=False
        )

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cases_status_assigned_to_id_case_type",
            ["status", "assigned_to_id", "case_type", "last_activity_at"],
            unique=False,
        )

    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payments_judgment_id_received_on_amount",
            ["judgment_id", "received_on", "amount"],
            unique=False,
        )
        batch_op.create_index(
            "ix_payments_received_on_case_id_amount",
            ["received_on", "case_id", "amount"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_received_on_case_id_amount")
        batch_op.drop_index("ix_payments_judgment_id_received_on_amount")

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_status_assigned_to_id_case_type")

    with op.batch_alter_table("case_employers", schema=None) as batch_op:
        batch_op.drop_index("ix_case_employers_employer_id_case_id")
