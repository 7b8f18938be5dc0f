"""The legal catalogue as the rest of RETA reads it: which article applies on a date.

The catalogue changes a few times a year and every complaint form shows all of it, so its
elements and periods are kept in each process (``remembered``) under a version held in
the shared cache. Saving or deleting an element, a law or an article (the admin, a
migration) gives the catalogue a new version, at once and again after the commit, and
every process reads the catalogue afresh at its next look (within VERSION_CHECK_SECONDS).
A change made without the ORM's signals (``QuerySet.update``, SQL) is not seen until the
next one: the catalogue is changed through the admin.
"""

import logging
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from redis.exceptions import RedisError

from reporting.rules import ArticleRef, law_in_force_from_rows

from .models import ElementArticle, Law, LegalElement

logger = logging.getLogger(__name__)
VERSION_KEY = "catalogue:version"
# How long a process trusts the version it last read: another process's change shows
# within this time, the changing process's own at once.
VERSION_CHECK_SECONDS = 2.0


def articles_in_force(on: date) -> dict[str, ArticleRef]:
    """Element code -> the Penal Code article and law in force on ``on``.

    Also answers for trafficking itself (codes ``trata`` and ``trata_agravada``). Read
    from the database every time: the classifier judges by the catalogue as committed."""
    rows = ElementArticle.objects.filter(valid_from__lte=on).values(
        "element", "article", "law_id", "valid_from", "valid_to", "degree"
    )
    laws = [{"code": law.pk, "name": law.name} for law in Law.objects.all()]
    return law_in_force_from_rows(({**row, "law": row["law_id"]} for row in rows), laws, on)


def article_for(element: str, on: date) -> ArticleRef | None:
    """Which article applies on date ``on`` for element ``element`` (None: no article)."""
    return articles_in_force(on).get(element)


# --- The remembered catalogue ----------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    elements: tuple  # every LegalElement, by group and position
    periods: dict  # element code -> [(valid from, valid to, ArticleRef)], ISO dates
    changes: tuple  # the days the articles in force change, ascending


class _Memo:
    """This process's copy of what was built from the catalogue, for one version."""

    def __init__(self):
        self.lock = threading.Lock()
        self.version = None
        self.checked_at = 0.0
        self.values = {}

    def clear(self):
        with self.lock:
            self.version, self.checked_at, self.values = None, 0.0, {}


_memo = _Memo()


def _current_version() -> str | None:
    """The catalogue's version in the shared cache (None when the cache is down)."""
    now = time.monotonic()
    if _memo.version and now - _memo.checked_at < VERSION_CHECK_SECONDS:
        return _memo.version
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
    except RedisError:
        logger.warning("catalogue read without its copy: the cache does not answer")
        return None
    with _memo.lock:
        if version != _memo.version:
            _memo.version, _memo.values = version, {}
        _memo.checked_at = now
    return version


def remembered(key, build):
    """``build()``, built once per catalogue version in this process."""
    version = _current_version()
    if version is None:
        return build()
    with _memo.lock:
        if _memo.version == version and key in _memo.values:
            return _memo.values[key]
    value = build()
    with _memo.lock:
        if _memo.version == version:
            _memo.values[key] = value
    return value


def forget_catalogue():
    """Read the catalogue afresh at the next look (this process only)."""
    _memo.clear()


def _new_version():
    _memo.clear()
    try:
        # A fresh token, never a counter: a flushed cache cannot bring an old one back.
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except RedisError:
        logger.warning("catalogue change not announced: the cache does not answer")


def catalogue_changed(**kwargs):
    """At once (this transaction reads its own change) and after the commit (a process
    that read the old rows in between reads them again)."""
    _new_version()
    transaction.on_commit(_new_version)


def connect_signals(app_config):
    for model in (LegalElement, Law, ElementArticle):
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-{model}")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-d-{model}")
    post_migrate.connect(catalogue_changed, sender=app_config, dispatch_uid="catalogue-migrate")


def snapshot() -> Snapshot:
    return remembered("snapshot", _read_snapshot)


def _read_snapshot() -> Snapshot:
    periods: dict[str, list[tuple[str, str, ArticleRef]]] = {}
    changes = set()
    for row in ElementArticle.objects.select_related("law").order_by("valid_from"):
        periods.setdefault(row.element, []).append(
            (
                row.valid_from.isoformat(),
                row.valid_to.isoformat() if row.valid_to else "",
                ArticleRef(article=row.article, law=row.law.name, degree=row.degree),
            )
        )
        changes.add(row.valid_from)
        if row.valid_to and row.valid_to < date.max:
            changes.add(row.valid_to + timedelta(days=1))
    return Snapshot(
        elements=tuple(LegalElement.objects.order_by("group", "position", "pk")),
        periods=periods,
        changes=tuple(sorted(changes)),
    )


def period_of(on: date) -> date:
    """The first day of the period of ``on``: the same articles are in force on every day
    of it (date.min before the first law)."""
    first = date.min
    for day in snapshot().changes:
        if day > on:
            break
        first = day
    return first


def elements_by_group() -> dict[str, list[LegalElement]]:
    grouped: dict[str, list[LegalElement]] = {code: [] for code, _label in LegalElement.GROUPS}
    for element in snapshot().elements:
        grouped[element.group].append(element)
    return grouped


def article_periods() -> dict[str, list[tuple[str, str, ArticleRef]]]:
    """Element code -> [(valid from, valid to, article)] with ISO dates ("" when open),
    so a page can show the article for any date typed without asking the server."""
    return snapshot().periods


def element_labels(spanish: bool = False) -> dict[str, str]:
    """Element code -> label, in the active language (or in Spanish, for documents)."""
    return {e.code: e.label_es if spanish else e.label for e in snapshot().elements}


def tickable_elements(group: str) -> list[LegalElement]:
    """The boxes of a group an officer ticks, in form order (derived ones are computed)."""
    return [e for e in elements_by_group()[group] if not e.derived]


def derived_elements(group: str) -> list[LegalElement]:
    """The elements of a group worked out from the victims, never ticked."""
    return [e for e in elements_by_group()[group] if e.derived]
