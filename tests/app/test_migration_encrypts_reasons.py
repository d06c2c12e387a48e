"""The migration that encrypts typed-in texts moves what was stored in plain text: a
judgment's rate-override reason and a typed-in deadline label are read back the same,
and neither is left in the raw database; the downgrade puts the reason back in plain.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from tests.privacy.test_canary_typed_texts import _raw_hits
from tests.scratch_postgres import scratch_database

pytestmark = pytest.mark.pure  # builds its own apps; runs once, not once per database

BEFORE = "c7a2e91d4b10"
REASON = "Canaryoldreason: rate agreed in the stipulation"
LEGACY_LABEL = "Canaryoldlabel: bring the pay stubs"


@pytest.fixture
def restore_keystore():
    from casework.crypto import columns

    before = columns._keystore
    yield
    columns.install_keystore(before)


def round_trip(url: str) -> None:
    from flask_migrate import downgrade, upgrade

    from casework import create_app
    from casework.cases.deadlines import add_deadline
    from casework.extensions import db
    from casework.messages import deadline_label
    from casework.models import Deadline, Judgment
    from tests.factories import Factories

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        try:
            upgrade()
            make = Factories(app)
            case = make.case(assigned_to=make.user("advocate"))
            judgment = make.judgment(case, rate_override_reason=REASON)
            deadline = add_deadline(case, "placeholder", date(2031, 3, 4))
            db.session.commit()
            ids = {"judgment": judgment.id, "deadline": deadline.id, "case": case.id}
            db.session.remove()

            # The revision before: the reason in plain text; a label as old rows kept it.
            downgrade(revision=BEFORE)
            with db.engine.begin() as connection:
                plain = connection.execute(
                    text("SELECT rate_override_reason FROM judgments")
                ).scalar_one()
                assert plain == REASON
                connection.execute(
                    text("UPDATE deadlines SET label = :label, typed_label = NULL"),
                    {"label": LEGACY_LABEL},
                )

            upgrade()
            assert _raw_hits([REASON, LEGACY_LABEL, "Canaryold"]) == []
            db.session.remove()
            judgment = db.session.get(Judgment, ids["judgment"])
            assert judgment.rate_override_reason == REASON
            deadline = db.session.get(Deadline, ids["deadline"])
            assert deadline.label == "" and deadline_label(deadline) == LEGACY_LABEL
            # The scan can fail: it finds the case's id where it is stored.
            assert _raw_hits([ids["case"].hex]) or _raw_hits([str(ids["case"])])
        finally:
            db.session.remove()
            db.engine.dispose()


def test_sqlite_migration_encrypts_reasons_and_old_labels(tmp_path, restore_keystore):
    round_trip(f"sqlite:///{tmp_path / 'reasons.db'}")


def test_postgres_migration_encrypts_reasons_and_old_labels(restore_keystore):
    with scratch_database("casework_reasons") as url:
        round_trip(url)
