"""Demo letters in every state (draft, returned, approved, sent) and both languages.

Employer letters come with each worker's copy in the worker's language; the
workers' own letters (case opened, what you are owed, payment received, case
closed) go to English- and Spanish-speaking workers.
"""

from __future__ import annotations

from datetime import date

from casework.extensions import db
from casework.models.case import Case
from casework.models.letter import Letter
from casework.models.user import User


def _generate(case: Case, kind: str, recipient: str, user: User, today: date) -> Letter:
    from casework.letters import service

    [letter, *_copies] = service.generate_letter(case, kind, recipient, user=user, today=today)
    db.session.flush()
    return letter


def build(staff: list[User], today: date, *, wage: list[Case], others: list[Case]) -> list[Letter]:
    """Letters on the given cases; ``wage`` are calculated wage cases (two or more)."""
    from casework.letters import service

    supervisor = next(u for u in staff if u.role == "supervisor")
    made: list[Letter] = []

    first_advocate = next(u for u in staff if u.role == "advocate")

    def advocate(case: Case) -> User:
        # An advocate writes, a supervisor approves: nobody approves their own letter.
        return next((u for u in staff if u.id == case.assigned_to_id), first_advocate)

    def employer(case: Case) -> str:
        return f"employer:{case.employers[0].id}"

    def worker(case: Case, i: int = 0) -> str:
        return f"worker:{case.workers[i % len(case.workers)].id}"

    sent_case, approved_case, *rest = wage
    # A demand sent (the case moves to demand sent), one approved, one returned, one draft.
    demand = _generate(sent_case, "demand", employer(sent_case), advocate(sent_case), today)
    service.approve_letter(demand, user=supervisor)
    service.mark_sent(demand, user=advocate(sent_case), sent_on=today, method="certified_mail")
    approved = _generate(
        approved_case, "demand", employer(approved_case), advocate(approved_case), today
    )
    service.approve_letter(approved, user=supervisor)
    made += [demand, approved]
    if rest:
        returned = _generate(rest[0], "demand", employer(rest[0]), advocate(rest[0]), today)
        service.return_letter(
            returned, user=supervisor, comment="Check the hours in the second period (demo)."
        )
        made.append(returned)
        if len(rest) > 1:
            made.append(_generate(rest[1], "demand", employer(rest[1]), advocate(rest[1]), today))

    # Workers' letters, to the first (Spanish) and second (English) worker.
    for i, case in enumerate([sent_case, approved_case]):
        calc = _generate(case, "worker_calculation", worker(case, i), advocate(case), today)
        opened = _generate(case, "worker_case_opened", worker(case, i + 1), advocate(case), today)
        service.approve_letter(calc, user=supervisor)
        made += [calc, opened]
    for case in others:
        kinds = service.kinds_for(case)
        for kind in ("retaliation_demand", "worker_payment_received", "worker_case_closed"):
            if kind not in kinds:
                continue
            recipient = employer(case) if kind == "retaliation_demand" else worker(case)
            try:
                letter = _generate(case, kind, recipient, advocate(case), today)
            except service.LetterError:
                continue  # e.g. no payment yet, or the case is not closed
            service.approve_letter(letter, user=supervisor)
            if kind != "worker_case_closed":
                service.mark_sent(letter, user=advocate(case), sent_on=today, method="mail")
            made.append(letter)
    db.session.flush()
    return made


def bulk_run(staff: list[User], cases: list[Case]) -> None:
    """A finished bulk run of case-opened letters on an advocate's open cases, one approved."""
    from casework.letters import bulk, service

    advocate = next(u for u in staff if u.role == "advocate")
    supervisor = next(u for u in staff if u.role == "supervisor")
    mine = [
        c for c in cases if c.assigned_to_id == advocate.id and c.status not in ("intake", "closed")
    ][:4]
    if not mine:
        return
    run = bulk.create_run(advocate, "worker_case_opened", [str(c.id) for c in mine])
    for item_id in bulk.pending_items(run.id):
        bulk.make_item(item_id)
    bulk.finish(run.id)
    db.session.flush()
    first = next((item.letter for item in run.items if item.letter is not None), None)
    if first is not None:
        service.approve_letter(first, user=supervisor)
    db.session.flush()
