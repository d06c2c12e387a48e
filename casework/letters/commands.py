"""`flask casework letters ...` and `flask casework intake-sheet` commands."""

import click

from casework.letters import intake_sheet, samples


def register(group: click.Group) -> None:
    samples.register(group)
    intake_sheet.register(group)
