"""``manage.py`` as people meet it: a missing setting or a database it cannot use is one
clear line on standard error and exit status 1, never a traceback."""

import sys

from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, ProgrammingError

_UNDEFINED_TABLE = "42P01"


def _sqlstate(error: BaseException) -> str | None:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def database_problem(error: BaseException) -> str | None:
    """The one line that explains ``error``, or None when it is not a set-up problem."""
    state = _sqlstate(error)
    # A connection that never opened has no SQLSTATE (or class 08); psycopg's message
    # names the host and port, never the password in DATABASE_URL.
    if isinstance(error, OperationalError) and (state is None or state.startswith("08")):
        return (
            f"cannot connect to the database ({_first_line(error)}): "
            "start it (scripts/services start) or check DATABASE_URL."
        )
    if isinstance(error, ProgrammingError) and state == _UNDEFINED_TABLE:
        return "the database has no RETA tables yet: run manage.py migrate (make run does)."
    return None


def run(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line

    name = " ".join(["manage.py", *argv[1:2]])
    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        sys.exit(f"{name}: {error}")
    except (OperationalError, ProgrammingError) as error:
        problem = database_problem(error)
        if problem is None:
            raise
        sys.exit(f"{name}: {problem}")
