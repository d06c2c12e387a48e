"""Put the demo together: staff, the case grid, collection, letters, a shredded worker."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from casework.demo import cases as demo_cases
from casework.demo import collections, letters
from casework.demo.staff import DEMO_PASSWORD, create_staff
from casework.extensions import db
from casework.models.case import Case
from casework.models.letter import Letter
from casework.models.user import User

__all__ = ["DEMO_PASSWORD", "Demo", "seed"]


@dataclass
class Demo:
    staff: list[User]
    cases: list[Case]
    letters: list[Letter] = field(default_factory=list)
    collections: collections.Collections | None = None
    shredded_worker_id: object = None

    def __iter__(self):  # ``staff, cases = seed()`` keeps working
        return iter((self.staff, self.cases))


def seed(today: date | None = None, rng_seed: int = 2026) -> Demo:
    """Create the demo staff and cases; flushes, never commits."""
    from casework.services.shredding import shred_worker

    random.seed(rng_seed)
    today = today or date.today()
    staff = create_staff()
    grid = demo_cases.grid(staff, today)
    money = collections.build(staff, today, first_n=len(grid))
    every = grid + money.cases
    demo_cases.compute_wages(every)

    wage_open = [c for c in grid if c.case_type == "wage_theft" and c.status == "open"]
    wage_more = [
        c for c in grid if c.case_type == "wage_theft" and c.status in ("negotiating", "filed")
    ]
    others = [money.ny.case, money.settlement.case] + [
        c for c in grid if c.status == "closed" or c.case_type == "retaliation"
    ]
    # The sent demand is on a case already collecting, so no case leaves its status.
    wage = [money.ny.case] + wage_open + wage_more + [money.ca.case]
    made = letters.build(staff, today, wage=wage, others=others)
    letters.bulk_run(staff, grid)

    # A worker who asked to be forgotten: their data key is destroyed, the case facts stay.
    advocate = next(u for u in staff if u.role == "advocate")
    gone = demo_cases.open_case(len(every), "wage_theft", "NY-NYC", advocate, today)
    gone.assigned_to_id = advocate.id
    db.session.flush()
    worker_id = gone.workers[0].id
    shred_worker(worker_id, commit=False)
    db.session.flush()
    return Demo(staff, every + [gone], made, money, worker_id)
