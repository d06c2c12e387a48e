"""Right-to-left lines: the Unicode bidirectional algorithm's levels and visual order.

Pure: no Flask, no database. Arabic and Urdu read right to left, but the numbers,
amounts, dates and Latin names inside them read left to right. The levels come from
python-bidi's implementation of UAX #9 (rules X1-I2); the reordering of a line
(rule L2) is done here, on runs, so each run can still be shaped in logical order.
"""

from __future__ import annotations

import unicodedata

from bidi import algorithm
from bidi.mirror import MIRRORED

_STRONG_RTL = frozenset({"R", "AL"})


def is_rtl_text(text: str) -> bool:
    """Whether text's first strong character reads right to left (rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _STRONG_RTL:
            return True
        if kind == "L":
            return False
    return False


def has_rtl(text: str) -> bool:
    """Whether any character of text reads right to left."""
    return any(unicodedata.bidirectional(char) in _STRONG_RTL for char in text)


def levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of every character of one line (odd: right to left)."""
    # Boundary neutrals (joiners) would be dropped by rule X9 and shift the indices:
    # a no-break space stands in for them while the levels are worked out.
    probe = "".join("\u00a0" if unicodedata.bidirectional(c) == "BN" else c for c in text)
    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(probe, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    found = [int(ch["level"]) for ch in storage["chars"]]
    if len(found) != len(text):  # cannot happen after the stand-in; stay safe
        return [1 if rtl else 0] * len(text)
    base = 1 if rtl else 0
    if rtl:
        _isolate_left_to_right(text, found)
    # Rule L1: whitespace at the end of the line goes back to the paragraph level.
    index = len(text) - 1
    while index >= 0 and text[index].isspace():
        found[index] = base
        index -= 1
    return found


_ISLAND_ENDS = frozenset({"L", "EN", "ET"})
_OPENING = {"(": ")", "[": "]"}


def _isolate_left_to_right(text: str, found: list[int]) -> None:
    """Lay each stretch of left-to-right text inside a right-to-left line out as one unit.

    A phone number "(718) 555-0100", an amount "15,866.27 US$", a name or a case
    reference reads left to right as a whole, as if it were wrapped in a
    left-to-right isolate: without this, the spaces between its numbers take the
    line's direction and "(718) 555-0100" would print as "555-0100 (718)".
    """
    kinds = [unicodedata.bidirectional(char) for char in text]
    start = 0
    while start < len(text):
        if kinds[start] in _STRONG_RTL or kinds[start] == "AN":
            start += 1
            continue
        end = start
        while end < len(text) and not (kinds[end] in _STRONG_RTL or kinds[end] == "AN"):
            end += 1
        low, high = start, end
        while low < high and kinds[low] not in _ISLAND_ENDS:
            low += 1
        while high > low and kinds[high - 1] not in _ISLAND_ENDS:
            high -= 1
        if low > start and text[low - 1] in _OPENING and _OPENING[text[low - 1]] in text[low:end]:
            low -= 1
            closing = text.index(_OPENING[text[low]], low)
            high = max(high, closing + 1)
        if high > low and any(kinds[i] == "L" or kinds[i] == "EN" for i in range(low, high)):
            for i in range(low, high):
                found[i] = 2
        start = end


def visual_order(run_levels: list[int]) -> list[int]:
    """Indices of runs (or characters) in the order they are drawn, left to right (rule L2)."""
    order = list(range(len(run_levels)))
    if not run_levels:
        return order
    highest = max(run_levels)
    lowest_odd = min(level for level in run_levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and run_levels[order[position]] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = reversed(order[start:position])
                start = None
    return order


def mirrored(text: str) -> str:
    """text reversed for drawing right to left, brackets turned to face the right way."""
    return "".join(MIRRORED.get(char, char) for char in reversed(text))
