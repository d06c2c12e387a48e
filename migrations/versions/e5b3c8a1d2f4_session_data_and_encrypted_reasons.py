"""Server-side session data: search terms and pending authenticator secrets, encrypted.

The session cookie is signed but readable, so what a session keeps between requests
that could identify anyone lives in ``session_data``: one row per purpose, encrypted
with a data key of its own, bound to its user, expiring.

Revision ID: e5b3c8a1d2f4
Revises: c7a2e91d4b10
Create Date: 2026-12-03 10:00:00

"""

import sqlalchemy as sa
from alembic import op

import casework.models.base

revision = "e5b3c8a1d2f4"
down_revision = "c7a2e91d4b10"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "session_data",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", casework.models.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", casework.models.base.UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_session_data_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_data")),
    )
    op.create_index(op.f("ix_session_data_user_id"), "session_data", ["user_id"])
    op.create_index(op.f("ix_session_data_expires_at"), "session_data", ["expires_at"])


def downgrade():
    op.drop_index(op.f("ix_session_data_expires_at"), table_name="session_data")
    op.drop_index(op.f("ix_session_data_user_id"), table_name="session_data")
    op.drop_table("session_data")
