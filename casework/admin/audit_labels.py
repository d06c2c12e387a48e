"""Words for the audit log's action codes, so readers never see "letter.sent"."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "api_token.create": _l("Created an API token"),
    "api_token.revoke": _l("Revoked an API token"),
    "auth.failure": _l("Sign-in failed"),
    "auth.login": _l("Signed in"),
    "calendar.off": _l("Turned off a calendar feed"),
    "calendar.on": _l("Turned on a calendar feed"),
    "calendar.renewed": _l("Renewed a calendar feed's address"),
    "case.add_employer": _l("Added an employer to a case"),
    "case.add_worker": _l("Added a worker to a case"),
    "case.assign": _l("Assigned a case"),
    "case.create": _l("Opened a case"),
    "case.edit": _l("Edited a case"),
    "case.export": _l("Exported a case"),
    "case.shred": _l("Shredded a case"),
    "case.status": _l("Changed a case's status"),
    "case.view": _l("Viewed a case"),
    "deadline.create": _l("Added a deadline"),
    "deadline.done": _l("Marked a deadline done"),
    "disbursement.record": _l("Recorded a disbursement to a worker"),
    "employer.edit": _l("Edited an employer"),
    "employer.view": _l("Viewed an employer's details"),
    "enforcement.record": _l("Recorded an enforcement step"),
    "enforcement.update": _l("Updated an enforcement step"),
    "export.full": _l("Made a full encrypted export"),
    "installment.missed": _l("Flagged a missed installment"),
    "installment_plan.add": _l("Added an installment plan"),
    "judgment.record": _l("Recorded a judgment"),
    "letter.approve": _l("Approved a letter"),
    "letter.generate": _l("Generated a letter"),
    "letter.mail_day": _l("Printed the mail day"),
    "letter.return": _l("Returned a letter to the advocate"),
    "letter.sent": _l("Marked a letter sent"),
    "letter.view": _l("Viewed a letter"),
    "note.create": _l("Added a note"),
    "payment.record": _l("Recorded a payment"),
    "retention.shred": _l("Shredded records due under the retention policy"),
    "settings.retention": _l("Changed the retention policy"),
    "time.record": _l("Recorded time on a case"),
    "user.activate": _l("Activated or deactivated an account"),
    "user.create": _l("Created an account"),
    "user.password_change": _l("Changed a password"),
    "user.role": _l("Changed an account's role"),
    "user.totp_enroll": _l("Set up two-step sign-in"),
    "user.totp_policy": _l("Changed the two-step sign-in rule"),
    "user.totp_reset": _l("Reset two-step sign-in"),
    "wage_claim.calculate": _l("Calculated a wage claim"),
    "worker.edit": _l("Edited a worker"),
    "worker.merge": _l("Merged two records of the same worker"),
    "worker.shred": _l("Shredded a worker's details"),
    "worker.view": _l("Viewed a worker's details"),
}


def action_label(code: str | None) -> str:
    """The action in words; an unknown code is named as such, never shown raw alone."""
    if not code:
        return ""
    label = ACTION_LABELS.get(code)
    if label is not None:
        return str(label)
    return _("Other action (%(code)s)", code=code)
