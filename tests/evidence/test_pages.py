"""The evidence page through the test client: upload, list, download, remove, refusals."""

from __future__ import annotations

import base64
import io
import json
import zipfile

from PIL import Image
from sqlalchemy import func, select, text

from casework.crypto.archive import decrypt_archive
from casework.extensions import db
from casework.models import Attachment, AuditEvent
from tests.evidence import fixtures as fx

CANARY = b"CANARY-7f3e9a pay stub text: $412.50 for 52 hours\n"


def _upload(client, case, data: bytes, name: str, **form):
    fields = {"file": (io.BytesIO(data), name), "about": "case", "description": ""}
    fields.update(form)
    return client.post(
        f"/cases/{case.id}/evidence", data=fields, content_type="multipart/form-data"
    )


def _setup(make, login_as, role="advocate"):
    advocate = make.user(role)
    case = make.case(assigned_to=advocate)
    return login_as(advocate), case, advocate


def _attachments(case):
    return list(db.session.scalars(select(Attachment).where(Attachment.case_id == case.id)))


def test_a_phone_photo_is_attached_listed_and_downloaded_without_gps(make, login_as):
    client, case, advocate = _setup(make, login_as)
    response = _upload(
        client, case, fx.jpeg_with_gps(), "IMG_0412.JPG", description="Photo of the time clock"
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    (attachment,) = _attachments(case)
    assert "File attached: IMG_0412.jpg." in page
    assert "IMG_0412.jpg" in page and "Photo of the time clock" in page
    assert "Photo (JPEG)" in page and advocate.name in page
    assert attachment.sha256 in page
    download = client.get(f"/cases/{case.id}/evidence/{attachment.id}/download")
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "image/jpeg"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert 'filename="IMG_0412.jpg"' in download.headers["Content-Disposition"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Cache-Control"] == "no-store"
    body = download.get_data()
    import hashlib

    assert hashlib.sha256(body).hexdigest() == attachment.sha256
    with Image.open(io.BytesIO(body)) as image:
        assert image.getexif().get_ifd(fx.GPS_IFD) == {}
        assert dict(image.getexif()) == {}
    assert fx.OWNER.encode() not in body and fx.SERIAL.encode() not in body
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.case_id == case.id)
    ).all()
    assert "evidence.add" in actions and "evidence.download" in actions


def test_the_database_holds_no_plaintext_of_an_uploaded_file(make, login_as):
    client, case, _ = _setup(make, login_as)
    assert _upload(client, case, CANARY, "stub.txt", description="Canary note").status_code == 303
    (attachment,) = _attachments(case)
    raw = db.session.execute(
        text("SELECT content, file_name, description FROM attachments WHERE id = :id"),
        {"id": attachment.id if db.engine.dialect.name == "postgresql" else attachment.id.hex},
    ).one()
    for column in raw:
        assert column is not None
        assert b"CANARY" not in bytes(column) and b"stub" not in bytes(column)
        assert b"Canary note" not in bytes(column)
    assert client.get(f"/cases/{case.id}/evidence/{attachment.id}/download").get_data() == CANARY


def test_a_ciphertext_moved_to_another_row_does_not_decrypt(make, login_as):
    client, case, _ = _setup(make, login_as)
    _upload(client, case, CANARY, "one.txt")
    _upload(client, case, b"second file\n", "two.txt")
    first, second = sorted(_attachments(case), key=lambda a: str(a.file_name))
    first_blob = db.session.scalar(select(Attachment.content).where(Attachment.id == first.id))
    db.session.execute(
        Attachment.__table__.update().where(Attachment.id == second.id).values(content=first_blob)
    )
    db.session.expire_all()
    response = client.get(f"/cases/{case.id}/evidence/{second.id}/download")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "This file cannot be decrypted" in page
    assert CANARY not in response.get_data()


def test_a_disguised_program_is_refused_next_to_the_field(make, login_as):
    client, case, _ = _setup(make, login_as)
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    response = _upload(client, case, program, "paystub.jpg")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Casework keeps photos (JPEG, PNG, HEIC), PDFs and plain text only." in page
    assert 'id="file-error"' in page
    assert _attachments(case) == []


def test_no_file_chosen_says_so(make, login_as):
    client, case, _ = _setup(make, login_as)
    response = client.post(f"/cases/{case.id}/evidence", data={"about": "case"})
    assert response.status_code == 422
    assert "Choose a file to attach." in response.get_data(as_text=True)


def test_size_and_count_limits_come_from_configuration(app, make, login_as, monkeypatch):
    client, case, _ = _setup(make, login_as)
    monkeypatch.setitem(app.config, "CASEWORK_EVIDENCE_MAX_BYTES", 1024 * 1024)
    big = b"a" * (1024 * 1024 + 10)
    response = _upload(client, case, big, "long.txt")
    assert response.status_code == 422
    assert "larger than 1 MB" in response.get_data(as_text=True)
    # Far past the limit, the request itself is refused, with the same message by the field.
    response = _upload(client, case, b"a" * (4 * 1024 * 1024), "huge.txt")
    assert response.status_code == 413
    assert "larger than 1 MB" in response.get_data(as_text=True)
    monkeypatch.setitem(app.config, "CASEWORK_EVIDENCE_MAX_FILES", 2)
    assert _upload(client, case, b"one\n", "1.txt").status_code == 303
    assert _upload(client, case, b"two\n", "2.txt").status_code == 303
    response = _upload(client, case, b"three\n", "3.txt")
    assert response.status_code == 422
    assert "already holds 2 files" in response.get_data(as_text=True)
    assert len(_attachments(case)) == 2


def test_a_description_that_discloses_status_is_refused(make, login_as):
    client, case, _ = _setup(make, login_as)
    response = _upload(client, case, CANARY, "a.txt", description="Worker is undocumented")
    assert response.status_code == 422
    assert "never records immigration status" in response.get_data(as_text=True)
    assert _attachments(case) == []


def test_a_file_about_a_worker_uses_their_key_and_goes_when_they_are_shredded(make, login_as):
    from casework.services.shredding import shred_worker

    client, case, _ = _setup(make, login_as)
    worker = case.worker_links[0].worker
    assert _upload(client, case, CANARY, "a.txt", about=f"worker:{worker.id}").status_code == 303
    assert _upload(client, case, b"about the case\n", "b.txt").status_code == 303
    by_worker = {a.key_kind: a for a in _attachments(case)}
    assert by_worker["worker"].worker_id == worker.id
    page = client.get(f"/cases/{case.id}/evidence").get_data(as_text=True)
    assert worker.name in page
    shred_worker(worker.id, commit=False)
    remaining = _attachments(case)
    assert [a.key_kind for a in remaining] == ["case"]


def test_a_file_about_another_cases_worker_is_refused(make, login_as):
    client, case, _ = _setup(make, login_as)
    stranger = make.worker()
    response = _upload(client, case, CANARY, "a.txt", about=f"worker:{stranger.id}")
    assert response.status_code == 422
    assert _attachments(case) == []


def test_a_file_on_a_note(make, login_as):
    client, case, advocate = _setup(make, login_as)
    note = make.note(case, author=advocate)
    assert _upload(client, case, CANARY, "a.txt", about=f"note:{note.id}").status_code == 303
    (attachment,) = _attachments(case)
    assert attachment.note_id == note.id and attachment.key_kind == "case"
    page = client.get(f"/cases/{case.id}/evidence").get_data(as_text=True)
    assert f"by {advocate.name}" in page


def test_shredding_a_case_removes_its_files(make, login_as):
    from casework.services.shredding import shred_case

    client, case, _ = _setup(make, login_as)
    _upload(client, case, CANARY, "a.txt")
    shred_case(case.id, commit=False)
    assert _attachments(case) == []


def test_removing_a_file_asks_for_confirmation(make, login_as):
    client, case, _ = _setup(make, login_as)
    _upload(client, case, CANARY, "a.txt")
    (attachment,) = _attachments(case)
    url = f"/cases/{case.id}/evidence/{attachment.id}/delete"
    response = client.post(url, data={})
    assert response.status_code == 422
    assert "Tick the box to confirm" in response.get_data(as_text=True)
    assert len(_attachments(case)) == 1
    response = client.post(url, data={f"remove-{attachment.id}-confirm": "y"})
    assert response.status_code == 303
    assert "File removed: a.txt." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert _attachments(case) == []


def test_the_case_page_shows_the_count_and_a_link(make, login_as):
    client, case, _ = _setup(make, login_as)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "0 files" in page and f'href="/cases/{case.id}/evidence"' in page
    _upload(client, case, CANARY, "a.txt")
    _upload(client, case, fx.png_with_gps(), "b.png")
    assert "2 files" in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_the_page_in_spanish(make, login_as):
    client, case, _ = _setup(make, login_as)
    client.post("/language", data={"language": "es"})
    _upload(client, case, CANARY, "a.txt")
    page = client.get(f"/cases/{case.id}/evidence").get_data(as_text=True)
    assert "Adjuntar archivo" in page and "Texto sin formato" in page


def test_who_may_download(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)
    _upload(client, case, CANARY, "a.txt")
    (attachment,) = _attachments(case)
    url = f"/cases/{case.id}/evidence/{attachment.id}/download"
    expected = {
        "advocate on the case": (advocate, 200),
        "another advocate": (make.user("advocate"), 404),
        "supervisor": (make.user("supervisor"), 200),
        "intake": (make.user("intake"), 404),
        "admin": (make.user("admin"), 403),
    }
    for label, (user, status) in expected.items():
        from flask import g

        for name in list(vars(g)):
            delattr(g, name)
        response = login_as(user).get(url)
        assert response.status_code == status, label
        if status != 200:
            assert CANARY not in response.get_data(), label
    # A file of another case under this case's address: 404, even for a supervisor.
    other = make.case(assigned_to=advocate)
    response = login_as(expected["supervisor"][0]).get(
        f"/cases/{other.id}/evidence/{attachment.id}/download"
    )
    assert response.status_code == 404


def test_a_full_export_includes_the_files(make, login_as):
    from casework.dashboard import exports
    from tests.factories import PASSWORD

    client, case, _ = _setup(make, login_as)
    _upload(client, case, CANARY, "a.txt", description="Canary note")
    supervisor = make.user("supervisor")
    blob = exports.full_export(supervisor, PASSWORD, [case.reference], "a long passphrase here")
    archive = zipfile.ZipFile(io.BytesIO(decrypt_archive(blob, "a long passphrase here")))
    record = json.loads(archive.read(f"cases/{case.reference}.json"))
    (item,) = record["evidence"]
    assert item["file_name"] == "a.txt" and item["description"] == "Canary note"
    assert base64.b64decode(item["content_base64"]) == CANARY
    assert db.session.scalar(select(func.count()).select_from(Attachment)) >= 1


def test_a_file_name_that_discloses_status_is_refused(make, login_as):
    client, case, _ = _setup(make, login_as)
    response = _upload(client, case, CANARY, "green card copy.txt")
    assert response.status_code == 422
    assert "never records immigration status" in response.get_data(as_text=True)
    assert _attachments(case) == []


def test_a_pdf_is_stored_without_its_author(make, login_as):
    client, case, _ = _setup(make, login_as)
    assert _upload(client, case, fx.pdf_with_author(), "stub.PDF").status_code == 303
    (attachment,) = _attachments(case)
    assert (attachment.kind, attachment.file_name) == ("pdf", "stub.pdf")
    body = client.get(f"/cases/{case.id}/evidence/{attachment.id}/download").get_data()
    assert body.startswith(b"%PDF") and fx.AUTHOR.encode() not in body
