"""What a demand letter says of the law in each state: its basis, and what happens if unpaid."""

from __future__ import annotations

from flask_babel import gettext as _


def legal_basis(state: str) -> list[str]:
    basis = [
        _(
            "The Fair Labor Standards Act requires the minimum wage and overtime pay "
            "(29 U.S.C. 206, 207) and makes an employer who does not pay them liable for the "
            "unpaid wages and an equal amount as liquidated damages (29 U.S.C. 216(b))."
        )
    ]
    if state == "NY":
        basis.append(
            _(
                "New York Labor Law requires timely payment of wages (Labor Law 191), forbids "
                "deductions from wages (193), requires a written wage notice and wage statements "
                "(195), and makes the employer liable for unpaid wages, liquidated damages of "
                "100 percent, damages for missing notices and statements, interest and attorney's "
                "fees (198, 663)."
            )
        )
    elif state == "CA":
        basis.append(
            _(
                "The California Labor Code requires all wages to be paid when employment ends "
                "(Labor Code 201, 202), imposes a waiting-time penalty of up to 30 days' wages "
                "when they are not (203), requires overtime pay (510), and entitles a worker paid "
                "less than the minimum wage to liquidated damages in an equal amount (1194.2)."
            )
        )
    return basis


def consequences(state: str, *, wage: bool, owners_item: str = "") -> list[str]:
    items = [
        _(
            "a complaint with the %(agency)s, which can investigate and order payment",
            agency={
                "NY": _("New York State Department of Labor"),
                "CA": _("California Labor Commissioner"),
            }.get(state, _("U.S. Department of Labor, Wage and Hour Division")),
        ),
        _(
            "a lawsuit, in which we will also ask for liquidated damages, interest, "
            "attorney's fees and costs"
        ),
    ]
    if wage and owners_item:
        items.append(owners_item)
    if wage and state == "NY":
        items.append(
            _(
                "an automatic increase of fifteen percent of any judgment that remains unpaid "
                "90 days after it is entered or after the time to appeal expires, whichever is "
                "later (Labor Law 198(4))"
            )
        )
    if wage and state == "CA":
        items.append(
            _(
                "after a judgment, the obligation to post a bond of up to $150,000 to keep "
                "doing business (Labor Code 238)"
            )
        )
    # One sentence: items end with ";", the last with ".".
    return [item + (";" if i < len(items) - 1 else ".") for i, item in enumerate(items)]
