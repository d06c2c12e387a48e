"""Plain values that describe a printed intake sheet, already translated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetQuestion:
    """One question, already translated."""

    kind: str  # "line" | "lines" | "date" | "choice" | "tick"
    label: str
    description: str = ""
    choices: tuple[str, ...] = ()
    lines: int = 1
    short: bool = False


@dataclass(frozen=True)
class SheetGroup:
    heading: str
    questions: tuple[SheetQuestion, ...]
    note: str = ""  # a short line under the heading


@dataclass(frozen=True)
class SheetDocument:
    """Everything printed on the sheet, already translated."""

    title: str
    organization: str = ""
    intro: str = ""
    statement: str = ""  # the promise that nothing of the kind is asked, printed in a panel
    notice: str = ""  # e.g. how to ask for an interpreter
    groups: tuple[SheetGroup, ...] = ()
    language: str = "en"
    rtl: bool = False
