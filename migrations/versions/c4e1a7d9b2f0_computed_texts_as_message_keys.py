"""Computed texts as message keys: deadline labels and rules, timeline event values.

Deadlines get the message keys of their label and rule and the values that fill them,
and typed-in labels an encrypted column (the case's key). Rows stored before keep their
plain text, which is still shown.

Revision ID: c4e1a7d9b2f0
Revises: 5fbfa9ffe546
Create Date: 2026-12-02 15:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e1a7d9b2f0"
down_revision = "5fbfa9ffe546"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("label_key", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("rule_text_key", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("params", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("typed_label", sa.LargeBinary(), nullable=True))

    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("params", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.drop_column("params")

    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.drop_column("typed_label")
        batch_op.drop_column("params")
        batch_op.drop_column("rule_text_key")
        batch_op.drop_column("label_key")
