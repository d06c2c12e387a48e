"""Every letter kind prints a first page that is not blank (pdftoppm)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from casework.extensions import db
from casework.letters import service
from casework.models import Payment

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")

TODAY = date(2026, 2, 18)


def first_page_png(pdf: bytes, out: Path) -> Image.Image:
    src = out.with_suffix(".pdf")
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(src), str(out)],
        check=True,
    )
    return Image.open(out.with_suffix(".png")).convert("L")


def ink(image: Image.Image) -> float:
    """Share of pixels darker than light grey."""
    histogram = image.histogram()
    return sum(histogram[:200]) / (image.width * image.height)


def test_each_letter_kind_renders_a_page_with_ink(make, tmp_path):
    out_dir = Path(os.environ.get("CASEWORK_LETTER_PNG_DIR") or tmp_path)
    advocate = make.user("advocate", name="Dana Advocate")
    worker = make.worker(name="María José Núñez", preferred_language="es")
    case = make.case(workers=[worker], assigned_to=advocate)
    make.period(case.worker_links[0].wage_claim)
    judgment = make.judgment(case)
    db.session.add(
        Payment(
            judgment_id=judgment.id,
            case_id=case.id,
            received_on=date(2026, 2, 10),
            amount=Decimal("1500.00"),
            method="check",
            source="employer",
        )
    )
    retaliation = make.case(case_type="retaliation", assigned_to=advocate)
    retaliation.retaliation_claim.threatened_immigration_report = True
    db.session.flush()
    letters = []
    letters += service.generate_letter(
        case, "demand", f"employer:{case.employers[0].id}", user=advocate, today=TODAY
    )
    letters += service.generate_letter(
        retaliation,
        "retaliation_demand",
        f"employer:{retaliation.employers[0].id}",
        user=advocate,
        today=TODAY,
    )
    for kind in ("worker_case_opened", "worker_calculation", "worker_payment_received"):
        letters += service.generate_letter(
            case, kind, f"worker:{worker.id}", user=advocate, today=TODAY
        )
    case.status, case.outcome, case.closed_on = "closed", "recovered", date(2026, 2, 17)
    case.amount_recovered = Decimal("1500.00")
    letters += service.generate_letter(
        case, "worker_case_closed", f"worker:{worker.id}", user=advocate, today=TODAY
    )
    kinds = {letter.kind for letter in letters}
    assert kinds == {
        "demand",
        "retaliation_demand",
        "worker_copy",
        "worker_case_opened",
        "worker_calculation",
        "worker_payment_received",
        "worker_case_closed",
    }
    for i, letter in enumerate(letters):
        pdf, matches = service.letter_pdf(letter)
        assert matches
        image = first_page_png(pdf, out_dir / f"{i:02d}-{letter.kind}-{letter.language}")
        assert image.size[0] > 400
        assert 0.01 < ink(image) < 0.5, letter.kind
