"""The dashboard's computed figures, kept in the database so every process and server shares them.

One row per period shown (today, from, to): the figures as JSON and when they were
computed. Any write that changes a figure (payments, judgments, disbursements,
deadlines, a case's status or facts, a letter marked sent) deletes the rows in the
same transaction, so the next page view recomputes them. Rows also expire after
``CASEWORK_DASHBOARD_CACHE_SECONDS``.

The JSON holds only what the dashboard shows (counts, sums, advocates' and
businesses' names, case references); it is decoded into a fixed list of classes,
never by unpickling.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import String, Text, delete, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from casework.extensions import db
from casework.models.base import Base, utcnow
from casework.models.case import Case, Deadline
from casework.models.judgment import Disbursement, Judgment, Payment
from casework.models.letter import Letter


class DashboardFigures(Base):
    """The dashboard's figures for one period, as computed at ``computed_at``."""

    __tablename__ = "dashboard_figures"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    computed_at: Mapped[datetime]
    payload: Mapped[str] = mapped_column(Text)


def _classes() -> dict[str, type]:
    from casework.dashboard import service

    return {
        cls.__name__: cls
        for cls in (
            service.Dashboard,
            service.AdvocateLoad,
            service.DeadlineBoard,
            service.DeadlineRow,
            service.MoneyReport,
            service.MoneyLine,
            service.Offender,
        )
    }


def _encode(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"~c": type(value).__name__, "f": fields}
    if isinstance(value, datetime):
        return {"~dt": value.isoformat()}
    if isinstance(value, date):
        return {"~d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"~n": str(value)}
    if isinstance(value, uuid.UUID):
        return {"~u": value.hex}
    if isinstance(value, tuple):
        return {"~t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"~m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    return value


def _decode(value, classes):
    if isinstance(value, list):
        return [_decode(v, classes) for v in value]
    if not isinstance(value, dict):
        return value
    if "~c" in value:
        cls = classes[value["~c"]]  # KeyError: an unknown class is refused
        return cls(**{k: _decode(v, classes) for k, v in value["f"].items()})
    if "~dt" in value:
        return datetime.fromisoformat(value["~dt"])
    if "~d" in value:
        return date.fromisoformat(value["~d"])
    if "~n" in value:
        return Decimal(value["~n"])
    if "~u" in value:
        return uuid.UUID(value["~u"])
    if "~t" in value:
        return tuple(_decode(v, classes) for v in value["~t"])
    if "~m" in value:
        return {_decode(k, classes): _decode(v, classes) for k, v in value["~m"]}
    raise ValueError("unknown value in stored dashboard figures")


def dumps(figures) -> str:
    return json.dumps(_encode(figures), separators=(",", ":"))


def loads(text: str):
    return _decode(json.loads(text), _classes())


def key_for(today: date, date_from: date, date_to: date) -> str:
    return f"{today.isoformat()}:{date_from.isoformat()}:{date_to.isoformat()}"


def load(key: str, max_age_seconds: float):
    """The stored figures for this period if younger than max_age_seconds, else None."""
    if max_age_seconds <= 0:
        return None
    row = db.session.execute(
        select(DashboardFigures.computed_at, DashboardFigures.payload).where(
            DashboardFigures.key == key
        )
    ).first()
    if row is None or utcnow() - row.computed_at > timedelta(seconds=max_age_seconds):
        return None
    try:
        return loads(row.payload)
    except (KeyError, TypeError, ValueError):
        return None


def store(key: str, figures) -> None:
    """Keep the figures for every process; another process storing the same key first wins."""
    payload = dumps(figures)
    try:
        with db.session.begin_nested():
            db.session.execute(delete(DashboardFigures).where(DashboardFigures.key == key))
            db.session.add(
                DashboardFigures(key=key, computed_at=figures.computed_at, payload=payload)
            )
    except IntegrityError:
        pass


def invalidate(session: Session | None = None) -> None:
    """Forget every stored figure (in the current transaction)."""
    (session or db.session).execute(delete(DashboardFigures))


#: Rows whose change alters a dashboard figure.
_FIGURE_ROWS = (Case, Deadline, Judgment, Payment, Disbursement)


def _changes_figures(session: Session) -> bool:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, _FIGURE_ROWS):
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            return True
        if isinstance(obj, Letter) and obj.status == "sent" and obj.copy_of_id is None:
            if obj in session.new or session.is_modified(obj, include_collections=False):
                return True
    return False


@event.listens_for(Session, "before_flush")
def _invalidate_on_change(session: Session, _context, _instances) -> None:
    if session.info.get("dashboard_figures_stale"):
        return
    if _changes_figures(session):
        session.info["dashboard_figures_stale"] = True


@event.listens_for(Session, "after_flush")
def _invalidate_after_flush(session: Session, _context) -> None:
    if session.info.pop("dashboard_figures_stale", False):
        session.connection().execute(delete(DashboardFigures))
        from casework.cases import stale

        stale.forget_counts()
