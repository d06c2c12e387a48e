"""Personal calendar feeds of deadlines (iCalendar), for the calendar staff already use."""
