"""Letter rendering speed: reportlab (ours) beside WeasyPrint from HTML, in one run.

`run(results)` adds its figures to `results` and writes a Markdown table to
/tmp/readme_performance_letters.md. Run alone: `python -m bench.letters_bench`.
"""

from __future__ import annotations

import html
import statistics
import time
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

SINGLE_RUNS = 50
BATCH = 1000
WEASY_RUNS = 20
WEASY_BATCH = 100
OUT = "/tmp/readme_performance_letters.md"


def demand_document():
    """A realistic two-page New York demand letter, built by the app's letter content code."""
    from casework import create_app
    from casework.law.wages import Claim, Period, calculate
    from casework.letters import content

    app = create_app("testing", SQLALCHEMY_DATABASE_URI="sqlite://")
    periods = (
        Period(
            start=date(2025, 3, 2),
            end=date(2025, 8, 30),
            hours_per_week=Decimal(60),
            days_per_week=6,
            pay_per_week=Decimal("600.00"),
        ),
    )
    as_of = date(2026, 2, 18)
    breakdown = calculate(Claim(periods=periods, region="NY-NYC", as_of=as_of))
    claim = content.WorkerClaim(
        worker_id="w1", name="María José Núñez", breakdown=breakdown, periods=periods
    )
    case = SimpleNamespace(reference="CW-2026-0042", jurisdiction="NY-NYC")
    employer = SimpleNamespace(
        business_name="Sunrise Diner LLC",
        address="12 Commerce St, Brooklyn, NY 11201",
        owner_names="Pat Owner",
    )
    sender = content.Sender("Dana Advocate", "Advocate", "(212) 555-0100", "dana@center.test")
    with app.app_context(), app.test_request_context():
        return content.demand_letter(
            case=case,
            employer=employer,
            claims=[claim],
            sender=sender,
            letter_date=as_of,
            pay_by=date(2026, 3, 4),
            as_of=as_of,
        )


def letter_html(doc) -> str:
    """The same letter as HTML and print CSS, the way a WeasyPrint implementation would."""
    from casework.letters.pdf import Bullets, Heading, Para, Signature, Table

    e = html.escape
    body = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(f"<h2>{e(block.text)}</h2>")
        elif isinstance(block, Para):
            body.append(f"<p{' class=b' if block.bold else ''}>{e(block.text)}</p>")
        elif isinstance(block, Bullets):
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            rows = "".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in block.rows
            )
            total = "".join(f"<th>{e(c)}</th>" for c in block.total or ())
            head = "".join(f"<th>{e(c)}</th>" for c in block.headers)
            body.append(
                f"<h3>{e(block.caption)}</h3><table><thead><tr>{head}</tr></thead>"
                f"<tbody>{rows}</tbody><tfoot><tr>{total}</tr></tfoot></table>"
            )
        elif isinstance(block, Signature):
            body.append("<div class=sig>" + "<br>".join(e(x) for x in block.lines) + "</div>")
    head = doc.letterhead
    return f"""<!doctype html><html lang="{doc.language}"><head><meta charset="utf-8"><style>
@page {{ size: letter; margin: 0.9in 1in; @bottom-right {{ content: "Page " counter(page)
  " of " counter(pages); font-size: 8pt; }} }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.4; }}
.org {{ font-size: 16pt; font-weight: bold; }} .addr {{ margin-top: 0.6in; height: 1in; }}
td:last-child, th:last-child {{ text-align: right; }} table {{ width: 100%;
  border-collapse: collapse; }} td, th {{ border-bottom: 0.5pt solid #999; padding: 3pt; }}
.b {{ font-weight: bold; }} .sig {{ margin-top: 24pt; break-inside: avoid; }}
</style></head><body><div class=org>{e(head.name)}</div>
<div>{"<br>".join(e(x) for x in head.address_lines)}<br>{e(head.phone)}</div>
<p style="text-align:right">{e(doc.date_text)}<br>{e(doc.reference)}</p>
<div class=addr>{"<br>".join(e(x) for x in doc.recipient_lines)}</div>
<p class=b>{e(doc.subject)}</p>{"".join(body)}</body></html>"""


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(results: dict) -> dict:
    from casework.letters.pdf import render, render_many

    doc = demand_document()
    render(doc)  # fonts registered, caches warm
    single = statistics.median(_timed(lambda: render(doc)) for _ in range(SINGLE_RUNS))
    batch = _timed(lambda: render_many([doc] * BATCH))
    figures = {
        "letters.reportlab_single_ms": round(single * 1000, 1),
        "letters.reportlab_batch_1000_s": round(batch, 2),
        "letters.reportlab_pages": _pages(render(doc)),
    }
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # pango missing
        figures["letters.weasyprint"] = f"not available: {exc.__class__.__name__}"
    else:
        page = letter_html(doc)
        HTML(string=page).write_pdf()
        w_single = statistics.median(
            _timed(lambda: HTML(string=page).write_pdf()) for _ in range(WEASY_RUNS)
        )
        w_batch = _timed(lambda: [HTML(string=page).write_pdf() for _ in range(WEASY_BATCH)])
        figures["letters.weasyprint_single_ms"] = round(w_single * 1000, 1)
        figures[f"letters.weasyprint_batch_{WEASY_BATCH}_s"] = round(w_batch, 2)
        figures["letters.weasyprint_batch_1000_s_extrapolated"] = round(
            w_batch * BATCH / WEASY_BATCH, 1
        )
        figures["letters.weasyprint_pages"] = _pages(HTML(string=page).write_pdf())
    results.update(figures)
    _write(figures)
    return figures


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _write(f: dict) -> None:
    w_single = f.get("letters.weasyprint_single_ms", "n/a")
    w_batch = f.get("letters.weasyprint_batch_1000_s_extrapolated", "n/a")
    lines = [
        "### Letters",
        "",
        "One two-page New York demand letter (one worker, breakdown table, legal basis), "
        f"rendered in one process; single = median of {SINGLE_RUNS} (WeasyPrint: "
        f"{WEASY_RUNS}) renders.",
        "",
        "| renderer | one letter | 1,000 letters |",
        "| --- | ---: | ---: |",
        f"| reportlab (Casework) | {f['letters.reportlab_single_ms']} ms | "
        f"{f['letters.reportlab_batch_1000_s']} s (one combined PDF) |",
        f"| WeasyPrint from HTML | {w_single} ms | {w_batch} s (measured on "
        f"{WEASY_BATCH}, times 10) |",
        "",
        f"Pages per letter: reportlab {f['letters.reportlab_pages']}, WeasyPrint "
        f"{f.get('letters.weasyprint_pages', 'n/a')} (the HTML version of the same text).",
        "",
    ]
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))


if __name__ == "__main__":
    import json

    print(json.dumps(run({}), indent=2))
