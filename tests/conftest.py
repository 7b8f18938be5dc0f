"""Test set-up: real PostgreSQL and real Redis (make test starts private ones).

The test database is created and migrated as the owner role, exactly as in production;
then every test connects as the application's role, so the database-level rules
(append-only audit, locked complaints) are tested against the role that must obey them.
"""

import os
from types import SimpleNamespace

import dj_database_url
import pytest
from django.db import connections
from django.test.utils import setup_databases, teardown_databases

from tests.factories import UnitFactory, tree_of_command


def _credentials(url: str) -> tuple[str, str]:
    parsed = dj_database_url.parse(url)
    return parsed["USER"], parsed["PASSWORD"]


def _connect_as(user: str, password: str) -> None:
    connection = connections["default"]
    connection.close()
    connection.settings_dict["USER"], connection.settings_dict["PASSWORD"] = user, password


@pytest.fixture(scope="session")
def django_db_setup(
    django_test_environment, django_db_modify_db_settings, django_db_blocker, request
):
    settings_dict = connections["default"].settings_dict
    app = settings_dict["USER"], settings_dict["PASSWORD"]
    owner = _credentials(os.environ.get("DATABASE_OWNER_URL") or os.environ["DATABASE_URL"])
    with django_db_blocker.unblock():
        _connect_as(*owner)
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases={"default"}
        )
        _connect_as(*app)
    yield
    with django_db_blocker.unblock():
        _connect_as(*owner)
        teardown_databases(config, verbosity=0)


@pytest.fixture(autouse=True)
def _chain_heads_of_the_test(settings, tmp_path):
    """Each test exports and reads chain heads in a file of its own: the checkout's
    (.local/audit-heads.jsonl, written by `make run`'s scheduler for its own database)
    holds heads no test database has."""
    settings.AUDIT_HEAD_FILE = tmp_path / "audit-heads.jsonl"


@pytest.fixture(autouse=True)
def _remembered_read_afresh():
    """Each test reads the catalogue (and the rest reta/remembered.py keeps) from its own
    database: a change a test made and rolled back must not stay in the process's copy."""
    from reporting.selectors import PAST_THE_CAP
    from reta.remembered import forget_everything

    forget_everything()
    PAST_THE_CAP.clear()
    yield
    forget_everything()
    PAST_THE_CAP.clear()


@pytest.fixture(scope="session", autouse=True)
def _static_files_from_the_source(django_test_environment):
    """Production hashes static file names after collectstatic; tests (and the browser
    tests' live server) read them straight from static/, always current."""
    from django.conf import settings
    from django.test import override_settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise looks there
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _flush_as_owner(django_db_setup):
    """Transactional tests (browser, Celery) end with a flush: a TRUNCATE, which only the
    owner may run. The application's role never can. Restoring the reference data after it
    (serialized_rollback) saves rows of append-only tables (the history of the catalogue):
    the owner does that too."""
    from django.core.management.commands import flush
    from django.db.backends.base.creation import BaseDatabaseCreation

    settings_dict = connections["default"].settings_dict
    app = settings_dict["USER"], settings_dict["PASSWORD"]
    owner = _credentials(os.environ.get("DATABASE_OWNER_URL") or os.environ["DATABASE_URL"])
    originals = flush.Command.handle, BaseDatabaseCreation.deserialize_db_from_string

    def as_owner(method):
        def run(self, *args, **kwargs):
            _connect_as(*owner)
            try:
                return method(self, *args, **kwargs)
            finally:
                _connect_as(*app)

        return run

    flush.Command.handle = as_owner(originals[0])
    BaseDatabaseCreation.deserialize_db_from_string = as_owner(originals[1])
    yield
    flush.Command.handle, BaseDatabaseCreation.deserialize_db_from_string = originals


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing(django_test_environment):
    """Argon2 costs about 0.15 s a password by design, and the suite creates thousands of
    users. Tests hash with MD5 (a test checks production's hasher list stays Argon2 first);
    hashes made either way still verify."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            *settings.PASSWORD_HASHERS,
        ]
    ):
        yield


@pytest.fixture(autouse=True)
def _interface_language():
    """Each test starts in the interface language: a request made in English by an earlier
    test leaves English active in the thread, and the next test must not depend on order."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _clean_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def tree(db) -> SimpleNamespace:
    return tree_of_command()


@pytest.fixture
def unit(db):
    return UnitFactory()
