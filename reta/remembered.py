"""Values read from the database that rarely change, kept in each process.

A ``Remembered`` keeps what was built from some tables (the legal catalogue, the
complaints alerted across the tree) under a version held in the shared cache. A change
to those tables calls ``changed()``: a new version at once (the changing transaction reads
its own change) and again after the commit (a process that read the old rows in between
reads them again). Other processes see the new version within ``check_seconds``. When the
cache does not answer, everything is read from the database.

What the changing transaction itself builds is kept apart, for its own thread, until it
ends: it may roll back, and a rolled back change must not stay in the process (a
permission or a scope that was never committed).
"""

import functools
import logging
import threading
import time
import uuid

from django.core.cache import cache
from django.db import connection, transaction
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
_everything: list["Remembered"] = []


class Remembered:
    def __init__(self, name: str, check_seconds: float = 2.0, most: int | None = None):
        """``most``: how many values a process keeps, the oldest forgotten first (for
        values keyed by what someone typed); unbounded when None."""
        self.name = name
        self.check_seconds = check_seconds
        self.most = most
        self._lock = threading.Lock()
        self._version = None
        self._checked_at = 0.0
        self._values = {}
        # The thread whose open transaction changed the tables (see changed()).
        self._changing = threading.local()
        _everything.append(self)

    def get(self, key, build):
        """``build()``, built once per version in this process."""
        if self._in_changing_transaction():
            values = self._changing.values
            if key not in values:
                values[key] = build()
            return values[key]
        version = self._current_version()
        if version is None:
            return build()
        with self._lock:
            if self._version == version and key in self._values:
                return self._values[key]
        value = build()
        with self._lock:
            if self._version == version:
                if self.most is not None and len(self._values) >= self.most:
                    del self._values[next(iter(self._values))]
                self._values[key] = value
        return value

    def changed(self, **_signal_arguments) -> None:
        self._new_version()
        committed = functools.partial(self._new_version)  # this change's own hook
        transaction.on_commit(committed)
        if connection.in_atomic_block:
            self._changing.hook, self._changing.values = committed, {}

    def _in_changing_transaction(self) -> bool:
        """Whether this thread is inside a transaction that changed the tables: its
        commit hook is still waiting. Once the transaction has ended, committed (the hook
        ran) or rolled back (the hook was dropped), everything is built afresh."""
        hook = getattr(self._changing, "hook", None)
        if hook is None:
            return False
        if any(func is hook for _savepoints, func, _robust in connection.run_on_commit):
            return True
        self._new_version()
        return False

    def changes_with(self, *models) -> None:
        """A new version whenever a row of one of ``models`` is saved or deleted, and after
        every migration (which changes rows through historical models, whose signals these
        receivers never hear)."""
        from django.db.models.signals import post_delete, post_migrate, post_save

        for model in models:
            post_save.connect(self.changed, sender=model, weak=False)
            post_delete.connect(self.changed, sender=model, weak=False)
        post_migrate.connect(self.changed, weak=False)

    def forget(self) -> None:
        """Build everything afresh at the next look (this process only)."""
        with self._lock:
            self._version, self._checked_at, self._values = None, 0.0, {}
        self._changing.hook, self._changing.values = None, {}

    @property
    def key(self) -> str:
        # One cache may serve several databases (tests, benchmarks): a version each.
        database = connection.settings_dict["NAME"]
        return f"remembered:{database}:{self.name}:version"

    def _current_version(self) -> str | None:
        now = time.monotonic()
        if self._version and now - self._checked_at < self.check_seconds:
            return self._version
        try:
            version = cache.get(self.key)
            if version is None:
                cache.add(self.key, uuid.uuid4().hex, timeout=None)
                version = cache.get(self.key)
        except RedisError:
            logger.warning("%s read from the database: the cache does not answer", self.key)
            return None
        with self._lock:
            if version != self._version:
                self._version, self._values = version, {}
            self._checked_at = now
        return version

    def _new_version(self) -> None:
        self.forget()
        try:
            # A fresh token, never a counter: a flushed cache cannot bring an old one back.
            cache.set(self.key, uuid.uuid4().hex, timeout=None)
        except RedisError:
            logger.warning("%s: change not announced, the cache does not answer", self.key)


def forget_everything() -> None:
    for remembered in _everything:
        remembered.forget()


def everything_changed() -> None:
    """A new version of everything, in every process: rows were written in SQL, which no
    signal hears (the synthetic data of the benchmarks)."""
    for remembered in _everything:
        remembered.changed()
