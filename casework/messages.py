"""Computed texts: stored as a message key with named parameters, translated when shown.

A deadline's label and rule, a timeline event and a breakdown line are stored as a
key of this registry plus the values that fill it (dates, amounts, codes), never as
words. The words are looked up and translated when a page shows them. The only
format strings are the registry's msgids, which come from the code; nothing stored
or typed in by staff is ever used as one, so a "%" in a label cannot break a page.

Rows stored before keys existed keep their plain text and are shown as it is
(translated when it is one of the registry's msgids).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from flask_babel import gettext

from casework.law import deadlines as law_deadlines
from casework.law import wages
from casework.law.i18n import N_

log = logging.getLogger("casework.messages")

#: Named parameters a message may take, and how each is shown.
PARAM_KINDS = ("text", "number", "date", "money", "status", "letter_kind", "case_type")


@dataclass(frozen=True)
class Message:
    """A msgid and the named parameters (with their kinds) it takes."""

    msgid: str
    params: Mapping[str, str] = field(default_factory=dict)


#: Timeline events by kind. "who" is filled in when shown, from the event's user.
EVENTS: dict[str, Message] = {
    "status_changed": Message(
        N_("%(who)s changed the status from %(old)s to %(new)s"),
        {"who": "text", "old": "status", "new": "status"},
    ),
    "opened": Message(N_("%(who)s recorded the intake"), {"who": "text"}),
    "facts_changed": Message(N_("%(who)s edited the case facts"), {"who": "text"}),
    "note_added": Message(N_("%(who)s added a note"), {"who": "text"}),
    "assigned": Message(N_("%(who)s changed the assignment"), {"who": "text"}),
    "deadline_added": Message(N_("%(who)s added a deadline"), {"who": "text"}),
    "deadline_done": Message(N_("%(who)s marked a deadline done"), {"who": "text"}),
    "worker_added": Message(N_("%(who)s added a worker"), {"who": "text"}),
    "employer_added": Message(N_("%(who)s added an employer"), {"who": "text"}),
    "worker_edited": Message(N_("%(who)s edited a worker's details"), {"who": "text"}),
    "employer_edited": Message(N_("%(who)s edited an employer's details"), {"who": "text"}),
    "worker_shredded": Message(
        N_(
            "%(who)s shredded a worker's data: their name and contact details can no longer be read"
        ),
        {"who": "text"},
    ),
    "worker_merged": Message(
        N_(
            "%(who)s merged two records of the same worker: this case now uses one of them, "
            "and the other was shredded"
        ),
        {"who": "text"},
    ),
    "letter_generated": Message(N_("%(who)s generated a letter"), {"who": "text"}),
    "letter_approved": Message(N_("%(who)s approved a letter"), {"who": "text"}),
    "letter_returned": Message(N_("%(who)s returned a letter for changes"), {"who": "text"}),
    "letter_sent": Message(N_("%(who)s marked a letter sent"), {"who": "text"}),
    "payment_recorded": Message(N_("%(who)s recorded a payment"), {"who": "text"}),
    "judgment_recorded": Message(N_("%(who)s recorded a judgment"), {"who": "text"}),
    "disbursement": Message(N_("%(who)s recorded a disbursement to a worker"), {"who": "text"}),
    "enforcement": Message(N_("%(who)s recorded an enforcement step"), {"who": "text"}),
    "installment_plan": Message(N_("%(who)s set an installment plan"), {"who": "text"}),
    "installment_missed": Message(N_("An installment was missed")),
    "wages_calculated": Message(N_("%(who)s calculated the wages owed"), {"who": "text"}),
}

#: Events whose stored particulars (a letter kind, an amount) are shown after the words.
EVENTS_WITH_DETAIL = frozenset(
    {
        "worker_edited",
        "employer_edited",
        "letter_generated",
        "letter_approved",
        "letter_returned",
        "letter_sent",
        "payment_recorded",
        "judgment_recorded",
        "disbursement",
        "enforcement",
        "installment_plan",
    }
)

#: Deadlines computed outside the law package (the judgments area's follow-ups).
OTHER_DEADLINES: dict[str, Message] = {
    "deadline.installment_missed.label": Message(
        N_("Installment missed: follow up with the employer")
    ),
    "deadline.installment_missed.rule": Message(
        N_("installment %(number)s of %(count)s, due %(due_on)s"),
        {"number": "number", "count": "number", "due_on": "date"},
    ),
}


def deadline_label_key(rule_key: str) -> str:
    return f"deadline.{rule_key}.label"


def deadline_rule_key(rule_key: str) -> str:
    return f"deadline.{rule_key}.rule"


def line_key(key: str) -> str:
    return f"line.{key}"


def event_key(kind: str) -> str:
    return f"event.{kind}"


@cache
def registry() -> dict[str, Message]:
    """Every message key the application stores, with its msgid and parameters."""
    found: dict[str, Message] = {}
    for rule_key, (label, rule) in law_deadlines.all_texts().items():
        found[deadline_label_key(rule_key)] = Message(label)
        found[deadline_rule_key(rule_key)] = Message(rule)
    for key, label in wages.LABELS.items():
        found[line_key(key)] = Message(label)
    for kind, message in EVENTS.items():
        found[event_key(kind)] = message
    found.update(OTHER_DEADLINES)
    return found


@cache
def known_msgids() -> frozenset[str]:
    return frozenset(m.msgid for m in registry().values() if not m.params)


def is_known(key: str | None) -> bool:
    return bool(key) and key in registry()


def fills(key: str | None, params: Mapping[str, Any] | None) -> bool:
    """True when ``key`` is registered and ``params`` has every value it takes."""
    message = registry().get(key or "")
    return message is not None and set(message.params) - {"who"} <= set(params or {})


# -- showing ------------------------------------------------------------------


def _labels(kind: str) -> Mapping[str, Any]:
    if kind == "status":
        from casework.cases.forms import STATUS_LABELS

        return STATUS_LABELS
    if kind == "case_type":
        from casework.cases.forms import CASE_TYPE_LABELS

        return CASE_TYPE_LABELS
    from casework.letters.forms import KIND_LABELS

    return KIND_LABELS


def _show_param(kind: str, value: Any) -> str:
    from casework.i18n import day, money, number

    if value is None:
        return "—"
    try:
        if kind == "date":
            return day(value if isinstance(value, date) else date.fromisoformat(str(value)))
        if kind == "money":
            return money(Decimal(str(value)))
        if kind == "number":
            return number(Decimal(str(value)))
    except (ValueError, TypeError, InvalidOperation):
        return str(value)
    if kind in ("status", "case_type", "letter_kind"):
        return str(_labels(kind).get(str(value), str(value)))
    return str(value)


def text(key: str | None, params: Mapping[str, Any] | None = None, default: str = "") -> str:
    """The message ``key`` in the reader's language, filled with ``params``.

    Unknown keys show ``default`` (plain text, never formatted); a message whose
    translation cannot be filled falls back to the English words. Never raises.
    """
    message = registry().get(key or "")
    if message is None:
        return default
    if not message.params:
        return gettext(message.msgid)
    values = {
        name: _show_param(kind, (params or {}).get(name)) for name, kind in message.params.items()
    }
    try:
        return gettext(message.msgid) % values
    except (KeyError, ValueError, TypeError):
        log.error("message %s: its translation does not take its parameters", key)
        try:
            return message.msgid % values
        except (KeyError, ValueError, TypeError):
            return message.msgid


def plain(stored: str | None) -> str:
    """Text stored before keys existed: translated when it is a known msgid, else as it is."""
    if not stored:
        return ""
    if stored in known_msgids():
        return gettext(stored)
    return stored


# -- the things that carry messages --------------------------------------------


def deadline_label(deadline) -> str:
    """What a deadline is, in the reader's language; a typed-in label exactly as typed."""
    key = getattr(deadline, "label_key", None)
    if key and is_known(key):
        return text(key, getattr(deadline, "params", None))
    typed = getattr(deadline, "typed_label", None)
    if typed is not None:
        return typed
    label = getattr(deadline, "label", "")
    return plain(label) if getattr(deadline, "computed", False) else (label or "")


def deadline_rule(deadline) -> str:
    """The rule a computed deadline follows; "" for typed-in deadlines."""
    key = getattr(deadline, "rule_text_key", None)
    if key and is_known(key):
        return text(key, getattr(deadline, "params", None))
    return plain(getattr(deadline, "rule", None))


def line_label(line) -> str:
    """A breakdown line's label, by its key."""
    key = line_key(getattr(line, "key", ""))
    if is_known(key):
        return text(key)
    return plain(getattr(line, "label", ""))


def event_text(event, who: str) -> str:
    """A timeline event in words: who did what, with its particulars."""
    kind = event.kind or ""
    params = dict(event.params or {}) if getattr(event, "params", None) else {}
    detail = event.detail
    if kind == "status_changed" and not params and detail and ">" in detail:
        old, _, new = detail.partition(">")
        params = {"old": old, "new": new}
    params["who"] = who
    key = event_key(kind)
    if not is_known(key):
        words = f"{who}: {kind.replace('_', ' ')}"
        return f"{words} ({detail})" if detail else words
    words = text(key, params)
    if kind in EVENTS_WITH_DETAIL and detail:
        return f"{words} ({_event_detail(detail)})"
    return words


def _event_detail(detail: str) -> str:
    """A stored particular: a letter kind is named in words, anything else shown as it is."""
    from casework.letters.forms import KIND_LABELS

    head, sep, tail = detail.partition(":")
    if head in KIND_LABELS:
        return str(KIND_LABELS[head]) + (f", {tail}" if sep else "")
    return detail


def init_app(app) -> None:
    """Jinja filters: ``d|deadline_label``, ``d|deadline_rule``, ``line|line_label``."""
    app.jinja_env.filters["deadline_label"] = deadline_label
    app.jinja_env.filters["deadline_rule"] = deadline_rule
    app.jinja_env.filters["line_label"] = line_label
    app.jinja_env.filters["message"] = text
    # A sentence from the law package, translated but never used as a format string.
    app.jinja_env.filters["translated"] = lambda sentence: gettext(sentence) if sentence else ""
    app.jinja_env.globals["event_text"] = event_text
