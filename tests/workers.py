"""Tests run in parallel (pytest-xdist, `make test` starts one worker a core): each worker
has its own test database (pytest-django names it test_reta_gw0, test_reta_gw1…) and here
its own Redis database, so that one worker's cache flush, locks or Celery queue never reach
another's. Loaded as a plugin (pyproject.toml) before Django reads its settings."""

import os
from urllib.parse import urlsplit, urlunsplit

DEFAULT_REDIS_URL = "redis://127.0.0.1:63799/0"


def redis_database_of_worker(url: str, worker: str) -> str:
    """The worker's own database on the same Redis: gw0 → 1, gw1 → 2… (0 is the
    application's own, for `make run`)."""
    number = int(worker.removeprefix("gw")) + 1
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


worker = os.environ.get("PYTEST_XDIST_WORKER")
if worker:
    os.environ["REDIS_URL"] = redis_database_of_worker(
        os.environ.get("REDIS_URL", DEFAULT_REDIS_URL), worker
    )
