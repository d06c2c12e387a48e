"""Wage claims: tipped work (tips a week, days of untipped work, the tip-credit notice),
the work location and industry that set a local or industry minimum wage, and how often a
New York manual worker was paid; days sent home early and split shifts; pay received when it
differs from the agreed pay, the hours a weekly pay covers and a fluctuating-workweek agreement.

Revision ID: a8d4f2c6e1b7
Revises: b8d2e6f4a1c9
Create Date: 2026-12-03 15:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a8d4f2c6e1b7"
down_revision = "b8d2e6f4a1c9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("work_periods", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tipped", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("tips_per_week", sa.Numeric(12, 2), nullable=True))
        batch_op.add_column(
            sa.Column("untipped_days_per_week", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("short_days_per_week", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("short_day_hours", sa.Numeric(6, 2), nullable=True))
        batch_op.add_column(sa.Column("paid_per_week", sa.Numeric(12, 2), nullable=True))
        batch_op.add_column(sa.Column("salary_hours", sa.Numeric(6, 2), nullable=True))
        batch_op.add_column(
            sa.Column(
                "fluctuating_workweek", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column("short_day_scheduled_hours", sa.Numeric(6, 2), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "split_shift_days_per_week", sa.Integer(), nullable=False, server_default="0"
            )
        )
    with op.batch_alter_table("wage_claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tip_credit_notice_given", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("work_city", sa.String(40), nullable=True))
        batch_op.add_column(sa.Column("wage_industry", sa.String(40), nullable=True))
        batch_op.add_column(
            sa.Column("manual_worker", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("paid_every", sa.String(12), nullable=False, server_default="weekly")
        )
        batch_op.add_column(
            sa.Column(
                "prior_late_pay_finding", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade():
    with op.batch_alter_table("wage_claims", schema=None) as batch_op:
        batch_op.drop_column("prior_late_pay_finding")
        batch_op.drop_column("paid_every")
        batch_op.drop_column("manual_worker")
        batch_op.drop_column("wage_industry")
        batch_op.drop_column("work_city")
        batch_op.drop_column("tip_credit_notice_given")
    with op.batch_alter_table("work_periods", schema=None) as batch_op:
        batch_op.drop_column("split_shift_days_per_week")
        batch_op.drop_column("short_day_scheduled_hours")
        batch_op.drop_column("fluctuating_workweek")
        batch_op.drop_column("salary_hours")
        batch_op.drop_column("paid_per_week")
        batch_op.drop_column("short_day_hours")
        batch_op.drop_column("short_days_per_week")
        batch_op.drop_column("untipped_days_per_week")
        batch_op.drop_column("tips_per_week")
        batch_op.drop_column("tipped")
