"""Page objects for the browser walks: what a person does on each page, in one place.

A test says "sign in", "record a case", "add a note"; when a page changes, the page object
is mended here and every walk follows.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from tests.browser_fixtures import _user_totp, totp_code

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def main_text(page) -> str:
    return page.inner_text("main")


def pdf_text(page, url: str) -> str:
    """Fetch a PDF with the page's session and return its text, as a reader would see it."""
    from pypdf import PdfReader

    if url.startswith("/"):
        url = re.match(r"https?://[^/]+", page.url).group(0) + url
    response = page.request.get(url)
    assert response.status == 200, (url, response.status)
    assert response.headers["content-type"].startswith("application/pdf")
    reader = PdfReader(io.BytesIO(response.body()))
    return "\n".join(p.extract_text() or "" for p in reader.pages)


@dataclass
class Staff:
    email: str
    password: str
    secret: str | None = None


class Session:
    """Signing in and out, and the language switch in the page header."""

    def __init__(self, page, live_server):
        self.page = page
        self.live = live_server
        self.base = live_server.url

    def goto(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 500, (path, response and response.status)
        return response

    def sign_in(self, staff: Staff, new_password: str | None = None) -> None:
        page = self.page
        self.goto("/login")
        page.fill("input[name=email]", staff.email)
        page.fill("input[name=password]", staff.password)
        page.click("form[action$='/login'] button[type=submit]")
        page.wait_for_load_state()
        if "/login/totp/enroll" in page.url:
            staff.secret = page.locator("[data-testid=totp-secret]").inner_text().strip()
            page.fill("input[name=code]", totp_code(staff.secret))
            page.click("form[action$='/login/totp/enroll'] button[type=submit]")
            page.wait_for_load_state()
        elif "/login/totp" in page.url:
            secret, last_step = _user_totp(self.live, staff.email)
            assert secret, f"{staff.email} has no authenticator enrolled"
            page.fill("input[name=code]", _fresh_code(secret, last_step))
            page.click("form[action$='/login/totp'] button[type=submit]")
            page.wait_for_load_state()
        if "/first-password" in page.url:
            assert new_password, f"{staff.email} must choose a password at first sign-in"
            page.fill("input[name=new_password]", new_password)
            page.fill("input[name=confirm]", new_password)
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
            staff.password = new_password
        assert "/login" not in page.url, f"sign-in did not finish: still at {page.url}"
        assert "/first-password" not in page.url, main_text(page)[:400]

    def sign_out(self) -> None:
        self.page.locator("form[action$='/logout'] button[type=submit]").click()
        self.page.wait_for_url("**/login")

    def switch_language(self, code: str) -> None:
        self.page.locator(f".lang-switch button[value={code}]").click()
        self.page.wait_for_load_state()
        assert self.page.locator("html").get_attribute("lang") == code


def _fresh_code(secret: str, last_step: int | None) -> str:
    """A code the server has not seen yet: waits for the next time step when both are used."""
    import time

    try:
        return totp_code(secret, last_step)
    except AssertionError:
        time.sleep(30 - time.time() % 30 + 0.5)
        return totp_code(secret, last_step)


class Admin:
    def __init__(self, session: Session):
        self.s = session
        self.page = session.page

    def create_account(self, name: str, email: str, role: str, password: str) -> Staff:
        page = self.page
        self.s.goto("/admin/users/new")
        page.fill("input[name=name]", name)
        page.fill("input[name=email]", email)
        page.select_option("select[name=role]", role)
        page.fill("input[name=password]", password)
        page.locator("main form button[type=submit], main form input[type=submit]").first.click()
        page.wait_for_load_state()
        assert email in main_text(page) or "/admin/users" in page.url
        return Staff(email, password)


class Intake:
    def __init__(self, session: Session):
        self.s = session
        self.page = session.page

    def record(self, case_type: str, jurisdiction: str, workers, employers, facts) -> str:
        """Fill the intake form: workers [(name, phone, language)], employers [dict]."""
        page = self.page
        self.s.goto("/cases/new")
        page.select_option("#case_type", case_type)
        page.select_option("#jurisdiction", jurisdiction)
        for i, (name, phone, language) in enumerate(workers):
            if i and page.locator(f"#workers-{i}-name").count() == 0:
                page.get_by_role("button", name="Add another worker").click()
            page.fill(f"#workers-{i}-name", name)
            page.fill(f"#workers-{i}-phone", phone)
            page.select_option(f"#workers-{i}-preferred_language", language)
        for i, employer in enumerate(employers):
            if i and page.locator(f"#employers-{i}-business_name").count() == 0:
                page.get_by_role("button", name="Add another employer").click()
            page.fill(f"#employers-{i}-business_name", employer["name"])
            page.select_option(f"#employers-{i}-role", employer.get("role", "employer"))
            page.select_option(f"#employers-{i}-entity_type", employer.get("entity", "unknown"))
            if "address" in employer:
                page.fill(f"#employers-{i}-address", employer["address"])
            if "owners" in employer:
                page.fill(f"#employers-{i}-owner_names", employer["owners"])
        for field, value in facts.items():
            locator = page.locator(f"#{field}")
            if locator.get_attribute("type") == "checkbox":
                locator.set_checked(bool(value))
            elif locator.evaluate("e => e.tagName") == "SELECT":
                locator.select_option(value)
            else:
                locator.fill(value)
        page.get_by_role("button", name="Save intake").click()
        page.wait_for_url(re.compile(rf"/cases/{UUID}$"))
        return re.search(UUID, page.url).group(0)


class CasePage:
    """The case page and the actions it offers (inline or on their own pages)."""

    def __init__(self, session: Session, case_id: str):
        self.s = session
        self.page = session.page
        self.case_id = case_id

    def open(self) -> str:
        self.s.goto(f"/cases/{self.case_id}")
        return main_text(self.page)

    def _reveal(self, form_action: str) -> None:
        """Open a form that sits behind a button or on its own page."""
        page = self.page
        form = page.locator(f"form[action*='{form_action}']")
        if form.count() and form.first.is_visible():
            return
        opener = page.locator(f"[data-opens*='{form_action}'], a[href*='{form_action}']")
        if opener.count():
            opener.first.click()
            page.wait_for_load_state()

    def assign(self, advocate_name: str) -> None:
        page = self.page
        self.open()
        self._reveal(f"/cases/{self.case_id}/assign")
        form = page.locator(f"form[action*='/cases/{self.case_id}/assign']")
        form.locator("select[name=assigned_to]").select_option(label=advocate_name)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()

    def change_status(self, status: str, **closing) -> str:
        page = self.page
        self.open()
        self._reveal(f"/cases/{self.case_id}/status")
        form = page.locator(f"form[action*='/cases/{self.case_id}/status']")
        form.locator("select[name=status]").select_option(status)
        for name, value in closing.items():
            field = form.locator(f"[name={name}]")
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        return main_text(page)

    def add_note(self, body: str) -> str:
        page = self.page
        self.open()
        self._reveal(f"/cases/{self.case_id}/notes")
        form = page.locator(f"form[action*='/cases/{self.case_id}/notes']")
        form.locator("textarea[name=body]").fill(body)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        return main_text(page)

    def worker_link_ids(self) -> list[str]:
        """The case-worker ids behind each worker's "Hours and pay" link, in page order."""
        self.open()
        hrefs = self.page.locator(f"a[href*='/cases/{self.case_id}/workers/'][href$='/wages']")
        return [
            re.search(rf"/workers/({UUID})/wages", h).group(1)
            for h in hrefs.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        ]


class Calculator:
    def __init__(self, session: Session, case_id: str):
        self.s = session
        self.page = session.page
        self.case_id = case_id

    def weekly_flat_pay(
        self,
        case_worker_id: str,
        start: str,
        end: str,
        hours: str,
        pay: str,
        *,
        notices: str = "no",
        hospitality: bool = True,
    ) -> str:
        page = self.page
        self.s.goto(f"/cases/{self.case_id}/workers/{case_worker_id}/wages")
        page.fill("#periods-0-start", start)
        page.fill("#periods-0-end", end)
        page.fill("#periods-0-hours_per_week", hours)
        page.fill("#periods-0-days_per_week", "6")
        page.fill("#periods-0-pay_per_week", pay)
        for name in ("wage_notice_given", "wage_statements_given"):
            page.locator(f"input[name={name}][value={notices}]").check()
        page.locator("input[name=hospitality]").set_checked(hospitality)
        page.get_by_role("button", name="Save and calculate").click()
        page.wait_for_url("**/wages/result")
        return main_text(page)


def money_values(text: str) -> list[str]:
    return re.findall(r"\$[\d,]+\.\d\d", text)


class Letters:
    def __init__(self, session: Session, case_id: str):
        self.s = session
        self.page = session.page
        self.case_id = case_id

    def generate(self, kind: str, recipient_label: str | None = None) -> str:
        """Write a draft; returns the letter's id (the letter page's address)."""
        page = self.page
        self.s.goto(f"/cases/{self.case_id}/letters/new")
        page.locator("select[name$=kind]").select_option(kind)
        recipient = page.locator("select[name$=recipient]")
        if recipient_label:
            options = recipient.locator("option").all_inner_texts()
            label = next(o for o in options if recipient_label in o)
            recipient.select_option(label=label)
        else:
            recipient.select_option(index=1)
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_url(re.compile(rf"/letters/{UUID}$"))
        return re.search(rf"/letters/({UUID})$", page.url).group(1)

    def open(self, letter_id: str) -> str:
        self.s.goto(f"/letters/{letter_id}")
        return main_text(self.page)

    def copy_ids(self, letter_id: str) -> list[str]:
        self.open(letter_id)
        hrefs = self.page.locator("a[href$='/pdf']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        ids = [re.search(rf"/letters/({UUID})/pdf", h).group(1) for h in hrefs]
        return [i for i in dict.fromkeys(ids) if i != letter_id]

    def ask_for_approval(self, letter_id: str) -> None:
        page = self.page
        self.open(letter_id)
        button = page.locator("form[action$='/request-approval'] button[type=submit]")
        if button.count():
            button.click()
            page.wait_for_load_state()

    def approve(self, letter_id: str) -> str:
        page = self.page
        self.open(letter_id)
        page.locator(f"form[action$='/letters/{letter_id}/approve'] button[type=submit]").click()
        page.wait_for_load_state()
        return main_text(page)

    def mark_sent(self, letter_id: str, method: str = "mail") -> str:
        page = self.page
        self.open(letter_id)
        form = page.locator(f"form[action$='/letters/{letter_id}/sent']")
        sent_on = form.locator("input[name$=sent_on]")
        if not sent_on.input_value():
            from datetime import date

            sent_on.fill(date.today().isoformat())
        radio = form.locator(f"input[name$=method][value={method}]")
        (radio if radio.count() else form.locator("input[name$=method]").first).check()
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        return main_text(page)


class Judgments:
    def __init__(self, session: Session, case_id: str):
        self.s = session
        self.page = session.page
        self.case_id = case_id

    def _submit(self) -> str:
        self.page.locator("main form button[type=submit]").last.click()
        self.page.wait_for_load_state()
        return main_text(self.page)

    def record(
        self, forum: str, entered_on: str, principal: str, docket: str, shares: dict[str, str]
    ) -> str:
        """Record a judgment with each worker's share; returns the judgment's id."""
        page = self.page
        self.s.goto(f"/cases/{self.case_id}/judgments/new")
        page.select_option("select[name=forum]", forum)
        page.fill("input[name=entered_on]", entered_on)
        page.fill("input[name=principal]", principal)
        page.fill("input[name=docket_number]", docket)
        rows = page.locator("main .form-group").filter(
            has=page.locator("input[name^=shares-][name$=amount]")
        )
        for i in range(rows.count()):
            row = rows.nth(i)
            for name, amount in shares.items():
                if name in row.inner_text():
                    row.locator("input[name^=shares-]").fill(amount)
        self._submit()
        found = re.search(rf"/judgments/({UUID})$", page.url)
        assert found, f"judgment not recorded: {page.url}\n{main_text(page)[:600]}"
        return found.group(1)

    def base(self, judgment_id: str) -> str:
        return f"/cases/{self.case_id}/judgments/{judgment_id}"

    def payment(self, judgment_id: str, received_on: str, amount: str) -> str:
        page = self.page
        self.s.goto(self.base(judgment_id) + "/payments/new")
        page.fill("input[name='rows-0-received_on']", received_on)
        page.fill("input[name='rows-0-amount']", amount)
        return self._submit()

    def plan(self, judgment_id: str, amount: str, first_due_on: str, count: str) -> str:
        page = self.page
        self.s.goto(self.base(judgment_id) + "/plans/new")
        page.fill("input[name=amount]", amount)
        page.select_option("select[name=every]", "month")
        page.fill("input[name=first_due_on]", first_due_on)
        page.fill("input[name=count]", count)
        return self._submit()

    def disburse(self, judgment_id: str, worker: str, paid_on: str, amount: str) -> str:
        page = self.page
        self.s.goto(self.base(judgment_id) + "/disbursements/new")
        page.select_option("select[name=worker_id]", label=worker)
        page.fill("input[name=paid_on]", paid_on)
        page.fill("input[name=amount]", amount)
        page.fill("input[name=reference]", "1001")
        return self._submit()

    def enforce(self, judgment_id: str, kind: str, taken_on: str) -> str:
        page = self.page
        self.s.goto(self.base(judgment_id) + "/enforcement/new")
        page.select_option("select[name=kind]", kind)
        page.fill("input[name=taken_on]", taken_on)
        page.select_option("select[name=status]", "served")
        return self._submit()
