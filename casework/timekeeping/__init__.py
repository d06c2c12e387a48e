"""Time spent on cases: staff record it, the case shows its total, supervisors report it."""
