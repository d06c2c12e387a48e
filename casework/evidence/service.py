"""Evidence rules and writes: attach, read back, remove, and the hooks for shredding and export.

Every function changes the session and writes its audit event; the caller commits.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from casework import audit
from casework.crypto.columns import Unreadable
from casework.crypto.errors import DecryptionError
from casework.evidence.files import UnsupportedFile, clean
from casework.extensions import db
from casework.keys import keystore
from casework.models.case import Case, CaseWorker, Note
from casework.models.evidence import Attachment
from casework.models.user import User
from casework.privacy import find_status_disclosures

TABLE = "attachments"
COLUMN = "content"
MAX_FILE_NAME = 120
MAX_DESCRIPTION = 500


class EvidenceRefused(ValueError):
    """A refused attachment; ``field`` names the form field, ``code`` the reason."""

    def __init__(self, field: str, code: str, **params):
        super().__init__(code)
        self.field = field
        self.code = code
        self.params = params


class FileUnreadable(LookupError):
    """The file's data key is gone (shredded) or its bytes were moved or damaged."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_files: int


def shown_file_name(raw: str | None, extension: str) -> str:
    """The name staff see: the uploaded name's stem, cleaned, with the stored kind's extension."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"\s+", " ", stem).strip(" .") or "file"
    return f"{stem[: MAX_FILE_NAME - len(extension) - 1]}.{extension}"


def _check_text(field: str, text: str) -> None:
    if text and find_status_disclosures(text):
        raise EvidenceRefused(field, "status_disclosure")


def _about(case: Case, about: str | None) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The worker or note a file is about ("worker:<id>", "note:<id>"), if on the case."""
    if not about or about == "case":
        return None, None
    kind, _, raw = about.partition(":")
    try:
        key = uuid.UUID(raw)
    except ValueError:
        raise EvidenceRefused("about", "invalid") from None
    if kind == "worker":
        found = db.session.scalar(
            select(CaseWorker.id).where(CaseWorker.case_id == case.id, CaseWorker.worker_id == key)
        )
        if found is None:
            raise EvidenceRefused("about", "invalid")
        return key, None
    if kind == "note":
        found = db.session.scalar(select(Note.id).where(Note.case_id == case.id, Note.id == key))
        if found is None:
            raise EvidenceRefused("about", "invalid")
        return None, key
    raise EvidenceRefused("about", "invalid")


def count_for_case(case_id: uuid.UUID) -> int:
    """How many files a case holds."""
    return (
        db.session.scalar(
            select(func.count()).select_from(Attachment).where(Attachment.case_id == case_id)
        )
        or 0
    )


def list_for_case(case: Case) -> list[Attachment]:
    """A case's files, newest first, without their bytes."""
    keystore().preload(db.session, [case.id])
    return list(
        db.session.scalars(
            select(Attachment)
            .where(Attachment.case_id == case.id)
            .order_by(Attachment.created_at.desc())
        )
    )


def add_attachment(
    case: Case,
    user: User,
    *,
    data: bytes,
    file_name: str | None,
    description: str | None,
    about: str | None,
    limits: Limits,
) -> Attachment:
    """Strip, seal and store one file on a case; refuses what is not kept with a reason."""
    if len(data) > limits.max_bytes:
        raise EvidenceRefused("file", "too_large", megabytes=limits.max_bytes // (1024 * 1024))
    if count_for_case(case.id) >= limits.max_files:
        raise EvidenceRefused("file", "too_many", count=limits.max_files)
    description = (description or "").replace("\x00", "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise EvidenceRefused("description", "too_long", count=MAX_DESCRIPTION)
    _check_text("description", description)
    worker_id, note_id = _about(case, about)
    try:
        cleaned = clean(data)
    except UnsupportedFile as error:
        raise EvidenceRefused("file", error.code) from None
    name = shown_file_name(file_name, cleaned.extension)
    _check_text("file", name)
    attachment = Attachment(
        case_id=case.id,
        worker_id=worker_id,
        note_id=note_id,
        kind=cleaned.kind,
        content_type=cleaned.content_type,
        size=len(cleaned.data),
        sha256=hashlib.sha256(cleaned.data).hexdigest(),
        key_kind="worker" if worker_id else "case",
        added_by_id=user.id,
        file_name=name,
        description=description or None,
    )
    attachment.case = case
    cipher = keystore().cipher(
        db.session, attachment.key_kind, attachment.key_subject_id, create=True
    )
    attachment.content = cipher.encrypt_bytes(
        cleaned.data, table=TABLE, column=COLUMN, row_id=attachment.id
    )
    db.session.add(attachment)
    db.session.flush()
    audit.record("evidence.add", attachment, case_id=case.id, detail=cleaned.kind)
    return attachment


def attachment_on_case(case: Case, attachment_id: str | uuid.UUID) -> Attachment | None:
    """The attachment if it belongs to this case; None for any other id."""
    try:
        key = attachment_id if isinstance(attachment_id, uuid.UUID) else uuid.UUID(attachment_id)
    except ValueError:
        return None
    return db.session.scalar(
        select(Attachment).where(Attachment.id == key, Attachment.case_id == case.id)
    )


def read_content(attachment: Attachment) -> bytes:
    """The stored (stripped) file, decrypted; FileUnreadable when that cannot be done."""
    blob = attachment.content
    cipher = keystore().cipher(db.session, attachment.key_kind, attachment.key_subject_id)
    if cipher is None or blob is None:
        raise FileUnreadable(str(attachment.id))
    try:
        return cipher.decrypt_bytes(blob, table=TABLE, column=COLUMN, row_id=attachment.id)
    except DecryptionError:
        raise FileUnreadable(str(attachment.id)) from None


def move_to_worker(attachment: Attachment, worker_id: uuid.UUID) -> None:
    """Make a file about one worker record about another (a merge): re-sealed with its key."""
    data = read_content(attachment)
    attachment.worker_id = worker_id
    cipher = keystore().cipher(
        db.session, attachment.key_kind, attachment.key_subject_id, create=True
    )
    attachment.content = cipher.encrypt_bytes(
        data, table=TABLE, column=COLUMN, row_id=attachment.id
    )


def record_download(attachment: Attachment) -> None:
    audit.record("evidence.download", attachment, case_id=attachment.case_id)


def download_name(attachment: Attachment) -> str:
    name = attachment.file_name
    if not name or isinstance(name, Unreadable):
        return f"evidence-{attachment.id}.{attachment.kind}"
    return str(name)


def delete_attachment(attachment: Attachment) -> None:
    """Remove a file for good (SQLite overwrites the deleted bytes)."""
    _secure_delete_on()
    audit.record("evidence.delete", attachment, case_id=attachment.case_id)
    db.session.delete(attachment)
    db.session.flush()


def _secure_delete_on() -> None:
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.connection().exec_driver_sql("PRAGMA secure_delete=ON")


def remove_for_case(case_id: uuid.UUID) -> int:
    """Shredding a case: every file on it goes, whoever's key sealed it."""
    _secure_delete_on()
    result = db.session.execute(delete(Attachment).where(Attachment.case_id == case_id))
    return result.rowcount or 0


def remove_for_worker(worker_id: uuid.UUID) -> int:
    """Shredding a worker: every file about them goes, on every case."""
    _secure_delete_on()
    result = db.session.execute(delete(Attachment).where(Attachment.worker_id == worker_id))
    return result.rowcount or 0


def export_records(case: Case) -> list[dict]:
    """The case's files for a full export: what staff see, and the stored bytes in base64."""
    rows = db.session.scalars(
        select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.created_at)
    ).all()
    records = []
    for attachment in rows:
        try:
            content = base64.b64encode(read_content(attachment)).decode("ascii")
        except FileUnreadable:
            content = None
        description = attachment.description
        records.append(
            {
                "file_name": download_name(attachment),
                "kind": attachment.kind,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "sha256": attachment.sha256,
                "description": None if isinstance(description, Unreadable) else description,
                "worker_id": str(attachment.worker_id) if attachment.worker_id else None,
                "note_id": str(attachment.note_id) if attachment.note_id else None,
                "added_by": attachment.added_by.name if attachment.added_by else None,
                "added_at": attachment.created_at.isoformat(),
                "content_base64": content,
            }
        )
    return records
