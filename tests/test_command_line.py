"""manage.py as people meet it: without SECRET_KEY, or without a database it can use, a
command says what is wrong in one line on standard error, never with a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import ProgrammingError, connection, transaction

from reta.cli import database_problem

ROOT = Path(__file__).resolve().parent.parent
FACTS = {"date_of_facts": "2026-10-05", "acts": ["captacion"], "purposes": ["explotacion_sexual"]}
BASE_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DATABASE_URL": os.environ["DATABASE_URL"],
    "REDIS_URL": os.environ.get("REDIS_URL", ""),
}
# A URL with a password, to a port where nothing listens.
UNREACHABLE = "postgres://reta_app:do-not-print-me@127.0.0.1:1/reta"


def manage(*args, env, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def migrated_database_url() -> str:
    """The migrated test database, for a command run in another process."""
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.mark.django_db
def test_classify_runs_without_a_secret_key_since_it_signs_nothing():
    env = {**BASE_ENV, "DATABASE_URL": migrated_database_url()}
    result = manage("classify", "-", env=env, stdin=json.dumps(FACTS))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "none"


def test_a_command_that_needs_the_secret_key_says_so_in_one_line():
    result = manage("check", env=BASE_ENV)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        (
            "manage.py check: SECRET_KEY must be set (DEBUG is off): export SECRET_KEY=... "
            "(make run and make test set one)."
        )
    ]


def test_classify_without_a_reachable_database_says_so_in_one_line():
    result = manage(
        "classify", "-", env={**BASE_ENV, "DATABASE_URL": UNREACHABLE}, stdin=json.dumps(FACTS)
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("manage.py classify: cannot connect to the database (")
    assert "port 1 failed" in lines[0]


def test_the_database_password_never_appears_in_the_message():
    result = manage(
        "classify", "-", env={**BASE_ENV, "DATABASE_URL": UNREACHABLE}, stdin=json.dumps(FACTS)
    )
    assert "do-not-print-me" not in result.stderr


@pytest.mark.django_db
def test_a_database_without_the_tables_is_told_to_migrate():
    with (
        pytest.raises(ProgrammingError) as raised,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT 1 FROM a_table_that_is_not_there")
    assert database_problem(raised.value) == (
        "the database has no RETA tables yet: run manage.py migrate (make run does)."
    )


@pytest.mark.django_db
def test_an_error_in_a_query_is_not_mistaken_for_a_set_up_problem():
    with (
        pytest.raises(ProgrammingError) as raised,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELEC 1")
    assert database_problem(raised.value) is None
