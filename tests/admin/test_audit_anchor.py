"""A chain cut from its end, with the head moved to match, is caught against an anchor."""

from __future__ import annotations

import logging

from sqlalchemy import delete, update

from casework import audit
from casework.cli import casework_cli
from casework.models.audit import AuditEvent, AuditHead


def _events(make, n):
    case = make.case(assigned_to=make.user("advocate"))
    for _ in range(n):
        audit.record("case.view", case)


def _cut_tail(db_session, keep: int) -> None:
    """What someone with the database would do: delete the last events, rewind the head."""
    kept = db_session.get(AuditEvent, keep)
    db_session.execute(delete(AuditEvent).where(AuditEvent.seq > keep))
    db_session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=keep, hash=kept.hash))
    db_session.expire_all()


def _verify(app, *anchors):
    args = ["audit", "verify"]
    for anchor in anchors:
        args += ["--anchor", anchor]
    return app.test_cli_runner().invoke(casework_cli, args)


def test_a_tail_cut_passes_alone_and_is_reported_against_an_anchor(app, make, db_session):
    _events(make, 6)
    db_session.flush()
    anchor = audit.current_anchor()
    assert anchor.seq >= 6
    intact = _verify(app, str(anchor))
    assert intact.exit_code == 0 and "1 anchor(s)" in intact.output, intact.output

    _cut_tail(db_session, anchor.seq - 3)
    alone = _verify(app)
    assert alone.exit_code == 0  # internally consistent: this is why anchors exist
    result = _verify(app, str(anchor))
    assert result.exit_code != 0
    assert "events were cut from its end" in result.output
    assert f"recorded {anchor.seq}" in result.output


def test_a_rewritten_chain_does_not_contain_the_anchor(app, make, db_session):
    _events(make, 3)
    db_session.flush()
    anchor = audit.current_anchor()
    forged = audit.Anchor(anchor.seq, "f" * 64)
    result = _verify(app, str(forged))
    assert result.exit_code != 0 and "is not the one the anchor" in result.output
    bad = _verify(app, "not an anchor")
    assert bad.exit_code != 0 and "cannot be used" in bad.output


def test_the_server_log_prints_an_anchor_a_day(app, client, make, db_session, caplog):
    _events(make, 2)
    db_session.flush()
    audit._logged_on.clear()
    with caplog.at_level(logging.INFO, logger="casework"):
        client.get("/login")
        client.get("/login")
    lines = [r.getMessage() for r in caplog.records if "audit anchor" in r.getMessage()]
    assert len(lines) == 1
    logged = audit.parse_anchor(lines[0])
    assert logged == audit.Anchor(audit.current_anchor().seq, audit.current_anchor().hash, lines[0])
    assert _verify(app, lines[0]).exit_code == 0
