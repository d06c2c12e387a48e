"""The judgments area's refusals in words: one message per code a service raises.

Amounts are shown as dollars in the reader's language, dates as dates, and ``rate``
as a percentage (``casework.web.refusal_message`` formats the values).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.judgments.forms import rate_percent

MESSAGES = {
    "amount_format": _l("Enter an amount in dollars and cents."),
    "cents": _l("Use at most two decimals (cents)."),
    "overpayment": _l("This payment (%(amount)s) is more than the %(due)s due on %(day)s."),
    "judgment_status": _l("A judgment can be recorded once the case is filed or in negotiation."),
    "forum": _l("Choose where the judgment was entered."),
    "entered_future": _l("The date entered cannot be in the future."),
    "principal": _l("Enter the amount of the judgment."),
    "federal_rate": _l("Enter the federal post-judgment rate (the 1-year Treasury yield)."),
    "rate_range": _l("Enter a yearly rate between 0% and 100%."),
    "rate_reason": _l("Say why the rate differs from the %(rate)s the law sets."),
    "appeal_before": _l("The appeal deadline is before the entry date."),
    "shares_workers": _l("Shares must be for workers on this case."),
    "share_negative": _l("A share cannot be negative."),
    "shares_total": _l(
        "The workers' shares add up to %(total)s; they must add up to the principal, %(principal)s."
    ),
    "payments_none": _l("Enter at least one payment."),
    "amount_received": _l("Enter the amount received."),
    "payment_method": _l("Choose how the payment was made."),
    "payment_source": _l("Choose where the money came from."),
    "received_future": _l("A payment cannot be dated in the future."),
    "received_before": _l("A payment cannot be dated before the judgment was entered."),
    "payment_race": _l(
        "Someone recorded a payment on this judgment at the same moment. "
        "Check the balance and try again."
    ),
    "installment_amount": _l("Enter the amount of each installment."),
    "every": _l("Choose every week or every month."),
    "count": _l("Enter a number of installments between 1 and 600."),
    "first_due": _l("The first installment cannot be due before the judgment."),
    "disbursement_amount": _l("Enter the amount passed on to the worker."),
    "disbursement_method": _l("Choose how the money was passed on."),
    "paid_future": _l("A disbursement cannot be dated in the future."),
    "no_share": _l("This worker has no share of this judgment."),
    "nothing_collected": _l(
        "%(amount)s cannot be passed on: nothing has been collected for this worker yet "
        "(their share of the judgment is %(share)s). Record the payment received first."
    ),
    "all_passed_on": _l(
        "%(amount)s cannot be passed on: all %(collected)s collected for this worker "
        "has already been passed on to them."
    ),
    "over_held": _l(
        "%(amount)s is more than the %(held)s available for this worker: %(collected)s "
        "collected for them, of which %(disbursed)s was already passed on. Pass on "
        "%(held)s or less."
    ),
    "judgment_race": _l("Someone changed this judgment at the same moment. Try again."),
    "enforcement_kind": _l("Choose the kind of enforcement."),
    "enforcement_status": _l("Choose a status."),
}

#: How values that are not amounts or dates are shown.
FORMATS = {"rate": rate_percent}
