"""Pure wage-and-hour law: rates, workweek pay, claims, penalties, interest and deadlines.

Nothing here imports Flask or a database: dataclasses in, dataclasses out,
Decimal money rounded half-up to cents.
"""
