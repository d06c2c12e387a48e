"""Records payments in a loop through the real service until it is killed.

Run by tests/ops/test_crash_safety.py:
``python -m tests.ops.crash_writer DB KEYFILE CASE JUDGMENT``.
Prints ``ACK <payment id>`` after each commit returns, and nothing before.
"""

from __future__ import annotations

import sys
import uuid
from datetime import date
from decimal import Decimal


def main(db_file: str, key_file: str, case_id: str, judgment_id: str) -> None:
    from casework import create_app
    from casework.extensions import db
    from casework.judgments import service
    from casework.models import Judgment

    app = create_app(
        "testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}", CASEWORK_KEY_FILE=key_file
    )
    with app.app_context(), app.test_request_context():
        n = 0
        while True:
            judgment = db.session.get(Judgment, uuid.UUID(judgment_id))
            entry = service.PaymentInput(
                date(2025, 2, 1), Decimal("0.01") * (n % 50 + 1), "check", "employer"
            )
            (payment,) = service.record_payments(judgment, [entry])
            payment_id = payment.id
            db.session.commit()
            sys.stdout.write(f"ACK {payment_id}\n")
            sys.stdout.flush()
            db.session.expunge_all()
            n += 1


if __name__ == "__main__":
    main(*sys.argv[1:5])
