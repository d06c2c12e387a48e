"""In Chromium: an advocate attaches a phone photo to a case and downloads it, GPS gone."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from tests.browser_fixtures import browser_login, create_user
from tests.evidence import fixtures as fx

pytestmark = pytest.mark.browser


def _case_for(live_server, email: str) -> str:
    from casework.auth import service as accounts
    from casework.extensions import db
    from tests.factories import Factories

    with live_server.app.app_context():
        make = Factories(live_server.app)
        case = make.case(
            workers=[make.worker(name="Rosa Fictitia")], assigned_to=accounts.find_user(email)
        )
        case_id = str(case.id)
        db.session.commit()
        db.session.remove()
    return case_id


def test_attach_a_phone_photo_and_download_it(live_server, page, tmp_path):
    email, password = create_user(live_server, "advocate")
    case_id = _case_for(live_server, email)
    browser_login(page, live_server, email, password)
    page.goto(f"{live_server.url}/cases/{case_id}")
    assert "0 files" in page.locator("#evidence").inner_text()
    page.get_by_role("link", name="See or attach evidence").click()
    page.wait_for_url(f"**/cases/{case_id}/evidence")

    photo = fx.jpeg_with_gps(size=(120, 80), orientation=6)
    page.set_input_files(
        "#file", files=[{"name": "IMG_2291.HEIC.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    page.select_option("#about", label="Rosa Fictitia")
    page.fill("#description", "The time clock by the back door")
    page.get_by_role("button", name="Attach file").click()
    page.wait_for_load_state()
    assert "File attached: IMG_2291.HEIC.jpg." in page.locator(".alert").inner_text()
    row = page.locator("#evidence-files tbody tr").first
    text = row.inner_text()
    assert "Photo (JPEG)" in text and "Rosa Fictitia" in text
    assert "The time clock by the back door" in text
    shown_hash = row.locator("code.hash").inner_text().strip()

    with page.expect_download() as waiting:
        row.get_by_role("link", name="IMG_2291.HEIC.jpg").click()
    download = waiting.value
    assert download.suggested_filename == "IMG_2291.HEIC.jpg"
    saved = tmp_path / "download.jpg"
    download.save_as(saved)
    data = saved.read_bytes()
    assert hashlib.sha256(data).hexdigest() == shown_hash
    with Image.open(io.BytesIO(data)) as image:
        assert image.getexif().get_ifd(fx.GPS_IFD) == {}
        assert image.size == (80, 120)  # turned upright as the phone was held
    assert fx.SERIAL.encode() not in data and fx.OWNER.encode() not in data

    page.goto(f"{live_server.url}/cases/{case_id}")
    assert "1 file" in page.locator("#evidence").inner_text()
