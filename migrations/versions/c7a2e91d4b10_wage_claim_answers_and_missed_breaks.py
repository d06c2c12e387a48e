"""Wage claims: notice answers may be "not known" (NULL); periods count missed CA breaks.

Revision ID: c7a2e91d4b10
Revises: b7e2c4d9a1f0
Create Date: 2026-12-02 16:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c7a2e91d4b10"
down_revision = "b7e2c4d9a1f0"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("wage_claims", schema=None) as batch_op:
        batch_op.alter_column("wage_notice_given", existing_type=sa.Boolean(), nullable=True)
        batch_op.alter_column("wage_statements_given", existing_type=sa.Boolean(), nullable=True)
    with op.batch_alter_table("work_periods", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("missed_meal_days_per_week", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("missed_rest_days_per_week", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade():
    with op.batch_alter_table("work_periods", schema=None) as batch_op:
        batch_op.drop_column("missed_rest_days_per_week")
        batch_op.drop_column("missed_meal_days_per_week")
    op.execute("UPDATE wage_claims SET wage_notice_given = TRUE WHERE wage_notice_given IS NULL")
    op.execute(
        "UPDATE wage_claims SET wage_statements_given = TRUE WHERE wage_statements_given IS NULL"
    )
    with op.batch_alter_table("wage_claims", schema=None) as batch_op:
        batch_op.alter_column("wage_notice_given", existing_type=sa.Boolean(), nullable=False)
        batch_op.alter_column("wage_statements_given", existing_type=sa.Boolean(), nullable=False)
