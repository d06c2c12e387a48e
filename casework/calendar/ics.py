"""An iCalendar document of deadlines (RFC 5545), built with the icalendar library.

Pure: takes the events and the words to use, returns bytes. No Flask, no database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event


def render(
    events: Iterable,
    *,
    name: str,
    link: Callable[[str], str],
    description: Callable[[str], str],
    stamp: datetime,
) -> bytes:
    """One all-day event per deadline: "REFERENCE: label", with a link to the case."""
    cal = Calendar()
    cal.add("prodid", "-//Casework//Deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    # Calendar apps refresh about hourly when asked.
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_on)
        event.add("dtend", item.due_on + timedelta(days=1))
        event.add("summary", f"{item.reference}: {item.label}")
        url = link(item.case_id)
        event.add("url", url)
        event.add("description", description(url))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
