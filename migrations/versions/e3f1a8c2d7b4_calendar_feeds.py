"""Personal calendar feeds of deadlines (the token is kept only as its SHA-256).

Revision ID: e3f1a8c2d7b4
Revises: d3b9f1a7c2e5
Create Date: 2026-12-03 14:10:00

"""

import sqlalchemy as sa
from alembic import op

import casework.models.base

# revision identifiers, used by Alembic.
revision = "e3f1a8c2d7b4"
down_revision = "d3b9f1a7c2e5"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", casework.models.base.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", casework.models.base.UTCDateTime(), nullable=True),
        sa.Column("last_fetched_at", casework.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_calendar_feeds_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feeds_token_hash")),
    )
    op.create_index(op.f("ix_calendar_feeds_user_id"), "calendar_feeds", ["user_id"])


def downgrade():
    op.drop_index(op.f("ix_calendar_feeds_user_id"), table_name="calendar_feeds")
    op.drop_table("calendar_feeds")
