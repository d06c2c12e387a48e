"""Accounts that must set their own password at first sign-in.

Revision ID: c4e8a2d1f7b3
Revises: 5fbfa9ffe546
Create Date: 2026-12-02 15:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e8a2d1f7b3"
down_revision = "5fbfa9ffe546"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
