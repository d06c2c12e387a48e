"""The caseload sorted by next deadline puts cases without one last, in both directions."""

from __future__ import annotations

from datetime import date

import pytest

from casework.cases import search


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_cases_without_a_deadline_sort_last(make, db_session, direction):
    supervisor = make.user("supervisor")
    undated = make.case(reference="CW-T-NONE", next_deadline_on=None)
    early = make.case(reference="CW-T-EARLY", next_deadline_on=date(2026, 4, 1))
    late = make.case(reference="CW-T-LATE", next_deadline_on=date(2026, 9, 1))
    db_session.flush()

    page = search.list_cases(supervisor, search.CaseQuery(sort="deadline", direction=direction))

    dated = [early, late] if direction == "asc" else [late, early]
    assert [c.reference for c in page.cases] == [c.reference for c in [*dated, undated]]
