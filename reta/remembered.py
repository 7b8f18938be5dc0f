"""Values read from the database that rarely change, kept in each process.

A ``Remembered`` keeps what was built from some tables (the legal catalogue, the
complaints alerted across the tree) under a version held in the shared cache. A change
to those tables calls ``changed()``: a new version at once (the changing transaction reads
its own change) and again after the commit (a process that read the old rows in between
reads them again). Other processes see the new version within ``check_seconds``. When the
cache does not answer, everything is read from the database, and a change made meanwhile
is announced as a new version once it answers again.

What the changing transaction itself builds is kept apart, for its own thread, until it
ends: it may roll back, and a rolled back change must not stay in the process (a
permission or a scope that was never committed).
"""

import functools
import hashlib
import logging
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
_everything: list["Remembered"] = []


def _hook_pending(hook) -> bool:
    """Whether ``hook`` still waits for this thread's transaction to commit (a rolled
    back transaction dropped it; a committed one ran it)."""
    return any(func is hook for _savepoints, func, _robust in connection.run_on_commit)


def _token_in_cache(key: str) -> str:
    """The token under ``key``, put there fresh when the cache has none (flushed) or holds
    one that is not JSON (written before, or planted)."""
    cache.add(key, uuid.uuid4().hex, timeout=None)
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        cache.set(key, token, timeout=None)
    return token


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
        # A change this process could not announce (the cache did not answer): a new
        # version as soon as it answers again, for every process.
        self._unannounced = False
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
        if _hook_pending(hook):
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
            if self._unannounced:
                cache.set(self.key, uuid.uuid4().hex, timeout=None)
                self._unannounced = False
            version = cache.get(self.key) or _token_in_cache(self.key)
        except RedisError:
            logger.warning("%s read from the database: the cache does not answer", self.key)
            # A change made meanwhile by a process that never reads (a worker) was not
            # announced either: a new version once the cache answers, for every process.
            self._unannounced = True
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
            self._unannounced = True


@functools.cache
def _secret_of(secret_key: str) -> bytes:
    return hashlib.blake2b(secret_key.encode(), digest_size=32, person=b"reta-watched").digest()


def _token_secret() -> bytes:
    return _secret_of(settings.SECRET_KEY)


def forget_everything() -> None:
    for remembered in _everything:
        remembered.forget()


def everything_changed() -> None:
    """A new version of everything, in every process: rows were written in SQL, which no
    signal hears (the synthetic data of the benchmarks)."""
    for remembered in _everything:
        remembered.changed()


class Watched:
    """Values kept in each process, each under the tokens it was read from (a crossing's
    phones, plates, documents and names): a change announces the tokens it touches
    (``touched``), and only the values read from one of them are read again. A phone
    saved in Loreto leaves every case page of Cusco remembered.

    Each token's stamp lives in the shared cache, read with every look (one round trip):
    every process sees a change at once. The stamps are read before the value is built,
    so a change committed while it is built leaves it stale by one look, never longer.
    An epoch, renewed by ``changed()`` and whenever the cache has lost it (flushed),
    stands beside the tokens. The cache must keep what it is given (Redis's default,
    noeviction): a token evicted alone would read as never touched. When the cache does
    not answer, everything is read from the database; a change it could not announce then
    is announced, when it answers again, as a new epoch."""

    # A token lives in the cache a week after its last touch; a value lives in a process a
    # day at most: a token that expired (read as never touched) is younger than any value
    # built before its touch, so no value outlives the touch that made it stale.
    TOKEN_SECONDS = 7 * 24 * 3600
    KEEP_SECONDS = 24 * 3600

    def __init__(self, name: str, most: int = 256):
        self.name = name
        self.most = most
        self._lock = threading.Lock()
        self._values = {}  # key -> (stamp, value, built at), the least recently read first
        self._changing = threading.local()
        # A change this process could not announce (the cache did not answer): a new epoch
        # as soon as it answers again, for every process.
        self._unannounced = False
        _everything.append(self)

    def get(self, key, tokens, build):
        """``build()``, read again only when one of ``tokens`` was touched since. What a
        transaction that touched tokens builds is kept apart, for its own thread, until it
        ends (it may roll back)."""
        return self.get_many({key: tokens}, lambda _keys: {key: build()})[key]

    def get_many(self, wanted: dict, build) -> dict:
        """The value of each key of ``wanted`` (key -> its tokens), with one look at the
        cache for all: those never built, or whose tokens were touched since, built
        together by ``build(keys) -> {key: value}`` (a case's identifiers: only those a
        change touched are looked up again, in one look-up)."""
        stamps = self._stamps(wanted)
        if stamps is None:
            return build(list(wanted))
        # Built from committed rows, with none of its tokens touched since: the changing
        # transaction reads it as well.
        changing = self._in_changing_transaction()
        kept_in = (self._changing.values, self._values) if changing else (self._values,)
        values = kept_in[0]
        now = time.monotonic()
        found = {}
        with self._lock:
            for key, stamp in stamps.items():
                for place in kept_in:
                    kept = place.get(key)
                    if kept is not None and kept[0] == stamp and now - kept[2] < self.KEEP_SECONDS:
                        found[key] = kept[1]
                        place[key] = place.pop(key)  # read last, forgotten last
                        break
        missing = [key for key in wanted if key not in found]
        if not missing:
            return found
        built = build(missing)
        with self._lock:
            for key in missing:
                values.pop(key, None)
                while len(values) >= self.most:
                    del values[next(iter(values))]
                values[key] = (stamps[key], built[key], now)
        return {**found, **built}

    def touched(self, tokens) -> None:
        """A change to what ``tokens`` stand for: announced at once (the changing
        transaction reads its own change) and again after the commit (a process that read
        the old rows in between reads them again)."""
        keys = [self._key(token) for token in set(tokens)]
        if keys:
            self._announce(functools.partial(self._renew, keys))

    def changed(self, **_signal_arguments) -> None:
        """Everything changed (a migration, rows written in SQL, a fixture loaded): a new
        epoch at once and again after the commit, as ``touched`` announces its tokens."""
        with self._lock:
            self._values = {}
        self._announce(self._new_epoch)

    def _announce(self, renew) -> None:
        """``renew()`` now and after the commit; until then this thread's transaction
        keeps what it builds apart."""
        renew()
        committed = functools.partial(renew)  # this change's own hook
        transaction.on_commit(committed)
        if connection.in_atomic_block:
            if not self._in_changing_transaction():
                self._changing.values = {}
            self._changing.hook = committed

    def _new_epoch(self) -> None:
        try:
            cache.set(self._epoch_key(), uuid.uuid4().hex, timeout=None)
        except RedisError:
            logger.warning("%s: change not announced, the cache does not answer", self.name)
            self._unannounced = True

    def forget(self) -> None:
        """Build everything afresh at the next look (this process only)."""
        with self._lock:
            self._values = {}
        self._changing.hook, self._changing.values = None, {}

    def _in_changing_transaction(self) -> bool:
        hook = getattr(self._changing, "hook", None)
        if hook is None:
            return False
        if _hook_pending(hook):
            return True
        self._changing.hook, self._changing.values = None, {}
        return False

    def _prefix(self) -> str:
        database = connection.settings_dict["NAME"]
        return f"watched:{database}:{self.name}"

    def _epoch_key(self) -> str:
        return f"{self._prefix()}:epoch"

    def _key(self, token) -> str:
        # Hashed with a key drawn from SECRET_KEY: a token holds a name, a document or a
        # phone, which stay out of the cache, and which no one reading the cache can find
        # again by hashing every DNI.
        text = "\x1f".join(str(part) for part in token).encode()
        digest = hashlib.blake2b(text, digest_size=12, key=_token_secret()).hexdigest()
        return f"{self._prefix()}:{digest}"

    def _stamps(self, wanted: dict) -> dict | None:
        """Each key's stamp: the epoch and the stamps of its tokens, all read in one round
        trip; None when the cache does not answer."""
        epoch = self._epoch_key()
        keys = {key: sorted({self._key(t) for t in tokens}) for key, tokens in wanted.items()}
        try:
            if self._unannounced:
                cache.set(epoch, uuid.uuid4().hex, timeout=None)
                self._unannounced = False
            every = {token_key for token_keys in keys.values() for token_key in token_keys}
            found = cache.get_many([epoch, *every])
            found[epoch] = found.get(epoch) or _token_in_cache(epoch)
        except RedisError:
            logger.warning("%s read from the database: the cache does not answer", self.name)
            # A change made meanwhile by a process that never reads (a worker) was not
            # announced either: a new epoch once the cache answers, for every process.
            self._unannounced = True
            return None
        return {
            key: (found[epoch], *(found.get(token_key) for token_key in token_keys))
            for key, token_keys in keys.items()
        }

    def _renew(self, keys) -> None:
        try:
            # Fresh tokens, never counters: a flushed cache cannot bring an old one back.
            cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=self.TOKEN_SECONDS)
        except RedisError:
            logger.warning("%s: change not announced, the cache does not answer", self.name)
            self.forget()
            self._unannounced = True
