"""Server-side session data, and typed-in reasons and labels encrypted with the case's key.

The session cookie is signed but readable, so what a session keeps between requests
that could identify anyone lives in ``session_data``: one row per purpose, encrypted
with a data key of its own, bound to its user, expiring.

The interest-rate override reason of a judgment becomes an encrypted column (the case's
data key); the plain text of existing rows is encrypted into it and the plain column
dropped. Typed-in deadline labels stored as plain text before they had an encrypted
column are moved into it the same way. The migration encrypts with the app's key ring,
as ``flask db upgrade`` installs it; the downgrade decrypts them back.

Revision ID: e5b3c8a1d2f4
Revises: f5c2d8e1a9b3
Create Date: 2026-12-03 10:00:00

"""

import uuid

import sqlalchemy as sa
from alembic import op

import casework.models.base
from casework.models.base import UTCDateTime, utcnow

revision = "e5b3c8a1d2f4"
down_revision = "f5c2d8e1a9b3"
branch_labels = None
depends_on = None


DATA_KEYS = sa.table(
    "data_keys",
    sa.column("subject_id", sa.Uuid()),
    sa.column("kind", sa.String()),
    sa.column("kek_version", sa.Integer()),
    sa.column("wrapped", sa.LargeBinary()),
    sa.column("created_at", UTCDateTime()),
)


class CaseCiphers:
    """Each case's field cipher, from its data key (made when the case has none yet)."""

    def __init__(self, connection):
        from casework.crypto.columns import keystore

        self.connection = connection
        self.store = keystore()
        self.ciphers: dict = {}

    def __call__(self, case_id: uuid.UUID, *, create: bool = True):
        from casework.crypto.envelope import new_data_key
        from casework.crypto.fields import FieldCipher

        if case_id in self.ciphers:
            return self.ciphers[case_id]
        row = self.connection.execute(
            sa.select(DATA_KEYS.c.kind, DATA_KEYS.c.kek_version, DATA_KEYS.c.wrapped).where(
                DATA_KEYS.c.subject_id == case_id
            )
        ).first()
        if row is not None:
            dek = self.store.envelope.unwrap(row.wrapped, "case", case_id, row.kek_version)
        elif create:
            dek = new_data_key()
            version, wrapped = self.store.envelope.wrap(dek, "case", case_id)
            self.connection.execute(
                DATA_KEYS.insert().values(
                    subject_id=case_id,
                    kind="case",
                    kek_version=version,
                    wrapped=wrapped,
                    created_at=utcnow(),
                )
            )
        else:
            return None  # shredded: nothing can be read back
        self.ciphers[case_id] = FieldCipher(dek)
        return self.ciphers[case_id]


def _encrypt_column(table: str, plain: str, column: str, *, cleared, where=None) -> None:
    """Encrypt ``plain`` of every row into ``column`` (the case's key); ``plain`` becomes
    ``cleared``."""
    connection = op.get_bind()
    rows_table = sa.table(
        table,
        sa.column("id", sa.Uuid()),
        sa.column("case_id", sa.Uuid()),
        sa.column(plain, sa.String()),
        sa.column(column, sa.LargeBinary()),
    )
    query = sa.select(rows_table.c.id, rows_table.c.case_id, rows_table.c[plain]).where(
        rows_table.c[plain].is_not(None), rows_table.c[plain] != ""
    )
    if where is not None:
        query = query.where(where)
    rows = connection.execute(query).all()
    if not rows:
        return
    cipher_for = CaseCiphers(connection)
    for row_id, case_id, value in rows:
        blob = cipher_for(case_id).encrypt(value, table=table, column=column, row_id=row_id)
        connection.execute(
            rows_table.update()
            .where(rows_table.c.id == row_id)
            .values({column: blob, plain: cleared})
        )


def _decrypt_column(table: str, column: str, plain: str) -> None:
    """Decrypt ``column`` of every row back into ``plain`` (the downgrade)."""
    connection = op.get_bind()
    rows_table = sa.table(
        table,
        sa.column("id", sa.Uuid()),
        sa.column("case_id", sa.Uuid()),
        sa.column(plain, sa.String()),
        sa.column(column, sa.LargeBinary()),
    )
    query = sa.select(rows_table.c.id, rows_table.c.case_id, rows_table.c[column]).where(
        rows_table.c[column].is_not(None)
    )
    rows = connection.execute(query).all()
    if not rows:
        return
    cipher_for = CaseCiphers(connection)
    for row_id, case_id, blob in rows:
        cipher = cipher_for(case_id, create=False)
        if cipher is None:
            continue
        value = cipher.decrypt(bytes(blob), table=table, column=column, row_id=row_id)
        connection.execute(
            rows_table.update()
            .where(rows_table.c.id == row_id)
            .values({plain: value[:200], column: None})
        )


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

    with op.batch_alter_table("judgments", schema=None) as batch_op:
        batch_op.alter_column(
            "rate_override_reason",
            new_column_name="rate_override_reason_plain",
            existing_type=sa.String(length=200),
            existing_nullable=True,
        )
    with op.batch_alter_table("judgments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rate_override_reason", sa.LargeBinary(), nullable=True))
    _encrypt_column("judgments", "rate_override_reason_plain", "rate_override_reason", cleared=None)
    with op.batch_alter_table("judgments", schema=None) as batch_op:
        batch_op.drop_column("rate_override_reason_plain")

    # Typed-in labels kept as plain text from before they had an encrypted column.
    typed_in = sa.and_(
        sa.column("computed", sa.Boolean()) == sa.false(),
        sa.column("typed_label", sa.LargeBinary()).is_(None),
    )
    _encrypt_column("deadlines", "label", "typed_label", cleared="", where=typed_in)


def downgrade():
    # Typed-in deadline labels stay encrypted: the revision before reads them so too.
    with op.batch_alter_table("judgments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rate_override_reason_plain", sa.String(length=200), nullable=True)
        )
    _decrypt_column("judgments", "rate_override_reason", "rate_override_reason_plain")
    with op.batch_alter_table("judgments", schema=None) as batch_op:
        batch_op.drop_column("rate_override_reason")
    with op.batch_alter_table("judgments", schema=None) as batch_op:
        batch_op.alter_column(
            "rate_override_reason_plain",
            new_column_name="rate_override_reason",
            existing_type=sa.String(length=200),
            existing_nullable=True,
        )

    op.drop_index(op.f("ix_session_data_expires_at"), table_name="session_data")
    op.drop_index(op.f("ix_session_data_user_id"), table_name="session_data")
    op.drop_table("session_data")
