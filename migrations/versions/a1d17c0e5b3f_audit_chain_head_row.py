"""Create the audit chain's head row, so concurrent first events never race to insert it

Revision ID: a1d17c0e5b3f
Revises: f26183942c2e
Create Date: 2026-11-21 16:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = "a1d17c0e5b3f"
down_revision = "f26183942c2e"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade():
    audit_head = sa.table(
        "audit_head",
        sa.column("id", sa.Integer),
        sa.column("seq", sa.Integer),
        sa.column("hash", sa.String),
    )
    bind = op.get_bind()
    exists = bind.execute(sa.text("SELECT count(*) FROM audit_head WHERE id = 1")).scalar()
    if not exists:
        seq, last = bind.execute(
            sa.text("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
        ).first() or (0, GENESIS)
        op.bulk_insert(audit_head, [{"id": 1, "seq": seq, "hash": last}])


def downgrade():
    pass
