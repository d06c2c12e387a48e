"""Amount demanded filled in from the demand letters already sent; the dashboard's figures table.

Revision ID: c41e7a2d9b10
Revises: c4e1a7d9b2f0
Create Date: 2026-12-02 15:10:00

"""

import sqlalchemy as sa
from alembic import op

from casework.models.base import UTCDateTime

# revision identifiers, used by Alembic.
revision = "c41e7a2d9b10"
down_revision = "c4e1a7d9b2f0"
branch_labels = None
depends_on = None

#: The latest sent demand (the original, not a worker's copy) of each case.
LATEST_SENT_DEMAND = """
    SELECT letters.amount FROM letters
    WHERE letters.case_id = cases.id
      AND letters.kind IN ('demand', 'retaliation_demand')
      AND letters.status = 'sent'
      AND letters.copy_of_id IS NULL
      AND letters.amount IS NOT NULL
    ORDER BY letters.sent_on DESC, letters.sent_at DESC
    LIMIT 1
"""


BACKFILL_DEMANDED = (
    f"UPDATE cases SET amount_demanded = CAST(({LATEST_SENT_DEMAND}) AS NUMERIC(12, 2)) "
    f"WHERE amount_demanded IS NULL AND EXISTS ({LATEST_SENT_DEMAND})"
)


def upgrade():
    op.execute(BACKFILL_DEMANDED)
    op.create_table(
        "dashboard_figures",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_dashboard_figures")),
    )


def downgrade():
    op.drop_table("dashboard_figures")
    # The amounts filled in cannot be told from the ones sent since; they stay.
