"""Who answers personally for a business's unpaid wages, said only where the case's facts show it.

New York makes the ten largest shareholders of a corporation (Business Corporation
Law 630) and the ten members with the largest interests in a limited liability
company (Limited Liability Company Law 609(c)) liable for its wages; California
makes an owner, director, officer or managing agent who causes a wage violation
liable for it (Labor Code 558.1). The letter names the basis only when an owner
or officer is on the case and, in New York, the business's entity type is recorded.
Call inside the recipient's `force_locale`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

#: Roles on a case that are the business the workers worked for.
BUSINESS_ROLES = ("employer", "joint_employer", "successor")


@dataclass(frozen=True)
class Parties:
    """The business a letter is about, the owner it is addressed to, the owners on the case."""

    business: object  # the Employer the workers worked for
    addressed_owner: object | None = None  # an owner or officer the letter is addressed to
    owners: tuple[str, ...] = ()  # names of the owners or officers the letter gives notice to


def parties(case, recipient) -> Parties:
    """The business behind a letter to `recipient` (itself, unless it is an owner or officer)."""
    links = list(case.employer_links)
    role = next((link.role for link in links if link.employer_id == recipient.id), "employer")
    owners = [link.employer for link in links if link.role == "owner_officer"]
    if role == "owner_officer":
        business = next((link.employer for link in links if link.role in BUSINESS_ROLES), None)
        if business is not None:
            return Parties(business, recipient, (recipient.business_name,))
        return Parties(recipient)
    return Parties(recipient, None, tuple(owner.business_name for owner in owners))


def _names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s", first=", ".join(names[:-1]), last=names[-1])


def personal_liability(state: str, entity_type: str, business: str, owners: Sequence[str]) -> str:
    """The paragraph stating the owners' personal liability and its basis, or ""."""
    if not owners:
        return ""
    who = _names(owners)
    if state == "NY" and entity_type == "corporation":
        return _(
            "This case names %(owners)s as an owner or officer of %(business)s, a corporation. The "
            "ten largest shareholders of a corporation are jointly and severally personally "
            "liable for the wages it owes its employees (New York Business Corporation Law 630). "
            "This letter gives %(owners)s notice that the workers will hold them personally "
            "liable for the wages owed.",
            owners=who,
            business=business,
        )
    if state == "NY" and entity_type == "llc":
        return _(
            "This case names %(owners)s as an owner or officer of %(business)s, a limited "
            "liability company. The ten members with the largest ownership interests in a limited "
            "liability company are jointly and severally personally liable for the wages it "
            "owes its employees (New York Limited Liability Company Law 609(c)). This letter "
            "gives %(owners)s notice that the workers will hold them personally liable for the "
            "wages owed.",
            owners=who,
            business=business,
        )
    if state == "CA":
        return _(
            "This case names %(owners)s as an owner or officer of %(business)s. An owner, "
            "director, officer or managing agent of an employer who violates, or causes to be "
            "violated, the laws on minimum wage, overtime and the payment of wages may be held "
            "personally liable for the violation (California Labor Code 558.1).",
            owners=who,
            business=business,
        )
    return ""


def shareholder_consequence(state: str, entity_type: str) -> str:
    """The "next steps" item on New York owners' liability that fits the business, or ""."""
    if state != "NY":
        return ""
    if entity_type == "corporation":
        return _(
            "the personal liability of the ten largest shareholders of the corporation for the "
            "unpaid wages (Business Corporation Law 630)"
        )
    if entity_type == "llc":
        return _(
            "the personal liability of the ten members with the largest ownership interests in "
            "the limited liability company for the unpaid wages (Limited Liability Company Law "
            "609(c))"
        )
    if entity_type == "unknown":
        return _(
            "the personal liability of the ten largest shareholders of a corporation "
            "(Business Corporation Law 630) or members of a limited liability company "
            "(Limited Liability Company Law 609(c)) for the unpaid wages; this letter gives "
            "them notice of that claim"
        )
    return ""
