"""What each kind of letter says, built from the case in the recipient's language.

Every function named here returns a `LetterDocument` of plain, already translated and
formatted values; `pdf.render` prints it. Employer letters (``employer_letters``) are in
English; worker letters (``worker_letters``) and the worker's copies of employer letters
are in the worker's preferred language. The building blocks are in ``parts`` and the
document's JSON form in ``storage``. This module names them all for the letters' callers.
"""

from __future__ import annotations

from casework.letters import worker_letters
from casework.letters.employer_letters import demand_letter, retaliation_letter  # noqa: F401
from casework.letters.parts import (  # noqa: F401
    EMPLOYER_KINDS,
    WORKER_KINDS,
    PaymentShare,
    Sender,
    WorkerClaim,
    address_lines,
    citation,
    day,
    hours,
    language_for,
    letterhead,
    money,
    tidy,
    tidy_block,
)
from casework.letters.storage import document_text, from_json, to_json  # noqa: F401

# The worker letters live in worker_letters (the letter-only catalogs); callers find them here.
case_opened_letter = worker_letters.case_opened_letter
calculation_letter = worker_letters.calculation_letter
payment_letter = worker_letters.payment_letter
closed_letter = worker_letters.closed_letter
PLAIN = worker_letters.PLAIN
