"""Every model, imported here so that Alembic and the app see the whole schema."""

from casework.models.api_token import ApiToken
from casework.models.audit import AuditEvent, AuditHead
from casework.models.base import Base, utcnow
from casework.models.bulk import BulkItem, BulkRun
from casework.models.calendar import CalendarFeed
from casework.models.case import (
    Case,
    CaseEmployer,
    CaseEvent,
    CaseWorker,
    Deadline,
    Note,
    case_team,
)
from casework.models.claims import CompClaim, RetaliationClaim, WageClaim, WorkPeriod
from casework.models.evidence import Attachment
from casework.models.judgment import (
    Disbursement,
    EnforcementAction,
    InstallmentPlan,
    Judgment,
    JudgmentShare,
    Payment,
)
from casework.models.keys import DataKey
from casework.models.letter import Letter
from casework.models.party import Employer, Worker, WorkerNameWord
from casework.models.session_data import SessionData
from casework.models.settings import Setting
from casework.models.text_guard import EXEMPT, StatusRefused
from casework.models.throttle import ThrottleHit, ThrottleKey
from casework.models.time_entry import TimeEntry
from casework.models.user import User

__all__ = [
    "EXEMPT",
    "ApiToken",
    "Attachment",
    "AuditEvent",
    "AuditHead",
    "Base",
    "BulkItem",
    "BulkRun",
    "CalendarFeed",
    "Case",
    "CaseEmployer",
    "CaseEvent",
    "CaseWorker",
    "CompClaim",
    "DataKey",
    "Deadline",
    "Disbursement",
    "Employer",
    "EnforcementAction",
    "InstallmentPlan",
    "Judgment",
    "JudgmentShare",
    "Letter",
    "Note",
    "Payment",
    "RetaliationClaim",
    "SessionData",
    "Setting",
    "StatusRefused",
    "ThrottleHit",
    "ThrottleKey",
    "TimeEntry",
    "User",
    "WageClaim",
    "Worker",
    "WorkerNameWord",
    "WorkPeriod",
    "case_team",
    "utcnow",
]
