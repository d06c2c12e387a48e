"""Accounts that must set their own password at first sign-in; word indexes of workers' names.

Existing workers get their word indexes from `flask casework index-name-words`, which
`make run`'s setup runs after the migrations (the indexes need the key ring).

Revision ID: c4e8a2d1f7b3
Revises: c41e7a2d9b10
Create Date: 2026-12-02 15:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e8a2d1f7b3"
down_revision = "c41e7a2d9b10"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )

    op.create_table(
        "worker_name_words",
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("word_bidx", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"],
            ["workers.id"],
            name=op.f("fk_worker_name_words_worker_id_workers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("worker_id", "word_bidx", name=op.f("pk_worker_name_words")),
    )
    with op.batch_alter_table("worker_name_words", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_worker_name_words_word_bidx"), ["word_bidx"], unique=False
        )


def downgrade():
    op.drop_table("worker_name_words")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
