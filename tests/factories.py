"""Factory functions for tests: realistic, clearly fictitious records."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from casework.crypto import passwords
from casework.extensions import db
from casework.models import (
    Case,
    CaseEmployer,
    CaseWorker,
    CompClaim,
    Employer,
    Judgment,
    Note,
    RetaliationClaim,
    User,
    WageClaim,
    Worker,
    WorkPeriod,
)

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


class Factories:
    """`make.user()`, `make.worker()`, `make.case()`...: each flushes and returns the row."""

    def __init__(self, app):
        self.app = app
        self._password_hash = None

    def _hash(self) -> str:
        if self._password_hash is None:
            self._password_hash = passwords.hash_password(PASSWORD)
        return self._password_hash

    def user(self, role: str = "advocate", **kw) -> User:
        n = next(_seq)
        fields = {
            "email": f"{role}{n}@center.test",
            "name": f"{role.title()} Staff {n}",
            "role": role,
            "password_hash": self._hash(),
            "totp_required": False,
            "active": True,
        }
        fields.update(kw)
        user = User(**fields)
        db.session.add(user)
        db.session.flush()
        return user

    def worker(self, **kw) -> Worker:
        n = next(_seq)
        fields = {
            "name": f"Test Worker {n}",
            "phone": f"(555) 201-{n % 10000:04d}",
            "email": f"worker{n}@example.test",
            "address": f"{n} Example Ave, Queens, NY 11101",
            "preferred_language": "en",
            "contact_ok_by": "phone",
        }
        fields.update(kw)
        worker = Worker(**fields)
        db.session.add(worker)
        db.session.flush()
        return worker

    def employer(self, **kw) -> Employer:
        n = next(_seq)
        fields = {
            "business_name": f"Example Diner {n} LLC",
            "address": f"{n} Commerce St, Brooklyn, NY 11201",
            "owner_names": f"Owner Person {n}",
            "industry": "restaurant",
            "entity_type": "llc",
        }
        fields.update(kw)
        employer = Employer(**fields)
        db.session.add(employer)
        db.session.flush()
        return employer

    def case(
        self,
        *,
        workers=None,
        employers=None,
        assigned_to=None,
        opened_by=None,
        team=(),
        case_type: str = "wage_theft",
        status: str = "open",
        jurisdiction: str = "NY-NYC",
        narrative: str = "Worked six days a week in the kitchen and was paid cash.",
        **kw,
    ) -> Case:
        n = next(_seq)
        workers = list(workers) if workers is not None else [self.worker()]
        employers = list(employers) if employers is not None else [self.employer()]
        case = Case(
            reference=kw.pop("reference", f"CW-T-{n:05d}"),
            case_type=case_type,
            status=status,
            jurisdiction=jurisdiction,
            assigned_to_id=assigned_to.id if assigned_to else None,
            opened_by_id=opened_by.id if opened_by else None,
            opened_on=kw.pop("opened_on", date(2026, 3, 2)),
            narrative=narrative,
            **kw,
        )
        db.session.add(case)
        for i, worker in enumerate(workers):
            link = CaseWorker(case=case, worker=worker, position=i)
            db.session.add(link)
            if case_type == "wage_theft":
                db.session.add(WageClaim(case_worker=link))
        for i, employer in enumerate(employers):
            db.session.add(CaseEmployer(case=case, employer=employer, role="employer", position=i))
        if case_type == "workers_comp":
            db.session.add(CompClaim(case=case, injury_date=date(2026, 2, 10)))
        if case_type == "retaliation":
            db.session.add(
                RetaliationClaim(
                    case=case,
                    protected_activity="Complained to the manager about unpaid overtime.",
                    protected_activity_on=date(2026, 1, 5),
                    adverse_action="Fired the next week.",
                    adverse_action_on=date(2026, 1, 12),
                )
            )
        case.team.extend(team)
        db.session.flush()
        return case

    def period(self, claim: WageClaim, **kw) -> WorkPeriod:
        fields = {
            "start": date(2025, 3, 2),
            "end": date(2025, 8, 30),
            "hours_per_week": Decimal("60"),
            "days_per_week": 6,
            "pay_per_week": Decimal("600.00"),
        }
        fields.update(kw)
        period = WorkPeriod(claim=claim, **fields)
        db.session.add(period)
        db.session.flush()
        return period

    def note(self, case: Case, body: str = "Called the worker back.", author=None) -> Note:
        note = Note(case=case, body=body, author_id=author.id if author else None)
        db.session.add(note)
        db.session.flush()
        return note

    def judgment(self, case: Case, **kw) -> Judgment:
        fields = {
            "forum": "court",
            "entered_on": date(2025, 1, 15),
            "principal": Decimal("10000.00"),
            "interest_rate": Decimal("0.09"),
            "compounding": "simple",
            "docket_number": "Index No. 000000/2025",
        }
        fields.update(kw)
        judgment = Judgment(case=case, **fields)
        db.session.add(judgment)
        db.session.flush()
        return judgment
