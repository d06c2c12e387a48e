"""Sign-in throttling counters in the database, shared by every process

Revision ID: b7e2c4d9a1f0
Revises: 5d0011bf1799
Create Date: 2026-12-02 16:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b7e2c4d9a1f0"
down_revision = "5d0011bf1799"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "throttle_keys",
        sa.Column("key", sa.String(length=96), nullable=False),
        sa.Column("touched_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_throttle_keys")),
    )
    op.create_table(
        "throttle_hits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=96), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_throttle_hits")),
    )
    op.create_index(op.f("ix_throttle_hits_key"), "throttle_hits", ["key"])
    op.create_index(op.f("ix_throttle_hits_at"), "throttle_hits", ["at"])


def downgrade():
    op.drop_index(op.f("ix_throttle_hits_at"), table_name="throttle_hits")
    op.drop_index(op.f("ix_throttle_hits_key"), table_name="throttle_hits")
    op.drop_table("throttle_hits")
    op.drop_table("throttle_keys")
