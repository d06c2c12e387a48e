"""Bulk letter runs: the selected cases of each run, and the run that made a letter.

Revision ID: b8d2e6f4a1c9
Revises: e3b5a0c2d8f1
Create Date: 2026-12-03 14:19:13.806842

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b8d2e6f4a1c9"
down_revision = "e3b5a0c2d8f1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bulk_letter_runs",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("touched_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_bulk_letter_runs_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_letter_runs")),
    )
    with op.batch_alter_table("bulk_letter_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bulk_letter_runs_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_bulk_letter_runs_user_id"), ["user_id"], unique=False)

    op.create_table(
        "bulk_letter_items",
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("letters", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Uuid(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_bulk_letter_items_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_bulk_letter_items_letter_id_letters"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["bulk_letter_runs.id"],
            name=op.f("fk_bulk_letter_items_run_id_bulk_letter_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bulk_letter_items")),
        sa.UniqueConstraint("run_id", "case_id", name="uq_bulk_letter_items_run_id_case_id"),
    )
    with op.batch_alter_table("bulk_letter_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bulk_letter_items_run_id_status", ["run_id", "status"], unique=False
        )

    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bulk_run_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_letters_bulk_run_id"), ["bulk_run_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_letters_bulk_run_id_bulk_letter_runs"),
            "bulk_letter_runs",
            ["bulk_run_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_letters_bulk_run_id_bulk_letter_runs"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_letters_bulk_run_id"))
        batch_op.drop_column("bulk_run_id")

    with op.batch_alter_table("bulk_letter_items", schema=None) as batch_op:
        batch_op.drop_index("ix_bulk_letter_items_run_id_status")

    op.drop_table("bulk_letter_items")
    with op.batch_alter_table("bulk_letter_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bulk_letter_runs_user_id"))
        batch_op.drop_index(batch_op.f("ix_bulk_letter_runs_status"))

    op.drop_table("bulk_letter_runs")
