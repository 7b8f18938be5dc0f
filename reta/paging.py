"""Keyset pagination for the long lists (complaints, alerts, audit...).

A page is the rows just after (or before) a cursor on the list's order, read through the
index of that order: page 2 and page 2,000 cost the same, and no page counts or skips the
whole scope. The total is counted up to COUNT_CAP ("more than 10,000" beyond). A cursor
holds the last row's sort value and id, never anything a person typed, and a tampered one
is simply the first page.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 10_000
A_MOMENT = datetime.min.replace(tzinfo=UTC)  # the type of a timestamp cursor


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    count: int
    count_capped: bool
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


def _encode(row, field: str) -> str:
    value = getattr(row, field)
    raw = json.dumps([value.isoformat() if isinstance(value, datetime) else value, row.pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str | None, sample) -> tuple | None:
    if not cursor or len(cursor) > 200:
        return None
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(sample, datetime):
            value = datetime.fromisoformat(value)
            # RETA writes its instants with their offset: one without cannot be compared.
            if (value.tzinfo is None) != (sample.tzinfo is None):
                return None
        return value, int(pk)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None


def _beyond(field: str, key: tuple, older: bool) -> Q:
    # Written as a range on the order's first column, so the index serves it.
    value, pk = key
    if older:
        return Q(**{f"{field}__lte": value}) & (Q(**{f"{field}__lt": value}) | Q(pk__lt=pk))
    return Q(**{f"{field}__gte": value}) & (Q(**{f"{field}__gt": value}) | Q(pk__gt=pk))


def keyset_page(
    queryset: QuerySet,
    *,
    field: str,
    after: str | None = None,
    before: str | None = None,
    size: int = 25,
    sample=A_MOMENT,
    count=None,
) -> KeysetPage:
    """The page of ``queryset``, newest first by ``field`` then id, after or before a
    cursor. ``sample`` is a value of ``field``'s type (for reading cursors). ``count``,
    when given, counts the rows of ``queryset`` up to the number it is given, faster than
    counting the queryset itself.

    A list known to hold few rows (at most COUNT_CAP: a name search) is cut from its
    sort keys instead (sort_keys, page_of_keys)."""
    newest_first = queryset.order_by(f"-{field}", "-pk")
    back = _decode(before, sample)
    forward = None if back else _decode(after, sample)
    if back:
        rows = list(
            queryset.filter(_beyond(field, back, older=False)).order_by(field, "pk")[: size + 1]
        )
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        previous_cursor = _encode(rows[0], field) if more_before and rows else None
        next_cursor = _encode(rows[-1], field) if rows else None
    else:
        selected = (
            newest_first.filter(_beyond(field, forward, older=True)) if forward else newest_first
        )
        rows = list(selected[: size + 1])
        more_after = len(rows) > size
        rows = rows[:size]
        next_cursor = _encode(rows[-1], field) if more_after else None
        previous_cursor = _encode(rows[0], field) if forward and rows else None
    if count is None:
        count = queryset.order_by().values("pk")[: COUNT_CAP + 1].count()
    else:
        count = count(COUNT_CAP + 1)
    return KeysetPage(
        rows=rows,
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
        next_cursor=next_cursor,
        previous_cursor=previous_cursor,
    )


def sort_keys(queryset: QuerySet, field: str) -> list[tuple]:
    """Every (``field``, id) of ``queryset`` (up to COUNT_CAP + 1), newest first: read in
    one query and sorted here, where an ORDER BY could make PostgreSQL walk the whole
    order's index for a few rows."""
    return sorted(queryset.order_by().values_list(field, "pk")[: COUNT_CAP + 1], reverse=True)


def page_of_keys(
    keys: list[tuple], *, field: str, after=None, before=None, size=25, sample=A_MOMENT, rows_of
) -> KeysetPage:
    """The page cut from ``keys`` (sort_keys of a list), its rows read by id with
    ``rows_of(pks)``: the keys give the page and its count."""
    back = _decode(before, sample)
    forward = None if back else _decode(after, sample)
    if back:
        # The rows just newer than the cursor: the last ``size`` of those before it.
        end = next((n for n, key in enumerate(keys) if key <= back), len(keys))
        start = max(end - size, 0)
    else:
        start = (
            next((n for n, key in enumerate(keys) if key < forward), len(keys)) if forward else 0
        )
        end = start + size
    chosen = keys[start:end]
    by_pk = {row.pk: row for row in rows_of([pk for _value, pk in chosen])}
    # A row gone between the two reads is left out, never shown as another.
    rows = [by_pk[pk] for _value, pk in chosen if pk in by_pk]
    if back:
        previous_cursor = _encode(rows[0], field) if start > 0 and rows else None
        next_cursor = _encode(rows[-1], field) if rows else None
    else:
        next_cursor = _encode(rows[-1], field) if end < len(keys) and rows else None
        previous_cursor = _encode(rows[0], field) if forward and rows else None
    return KeysetPage(
        rows=rows,
        count=min(len(keys), COUNT_CAP),
        count_capped=len(keys) > COUNT_CAP,
        next_cursor=next_cursor,
        previous_cursor=previous_cursor,
    )


class CappedPaginator(Paginator):
    """Pages by number for a list read from its top (an inbox), counting no further than
    COUNT_CAP rows: a unit with 900,000 alerts does not count them on every visit."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[: COUNT_CAP + 1].count()

    @property
    def count_capped(self) -> bool:
        return self.count > COUNT_CAP
