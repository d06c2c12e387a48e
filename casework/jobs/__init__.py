"""Background work on a kept job runner (Huey): bulk letters, retention, installment checks.

`runner` holds the one queue and binds it to the app's configuration; `tasks` holds the
tasks and the schedule; `commands` starts the consumer (`flask casework jobs consume`, which
`make run` starts beside gunicorn). A job's state lives in the database, never only in the
queue, so a restarted consumer carries on where the last one stopped.
"""
