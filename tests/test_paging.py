"""Keyset pages (reta/paging.py): every row once, in order, forwards and back, and a
tampered cursor is the first page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from administration.models import AuditEvent
from reta import paging
from reta.paging import keyset_page, page_of_keys, sort_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(db):
    start = timezone.now()
    AuditEvent.objects.bulk_create(
        # Two rows share each instant: the id breaks the tie.
        AuditEvent(at=start - timedelta(minutes=n // 2), action="view", outcome="success")
        for n in range(23)
    )
    return list(AuditEvent.objects.order_by("-at", "-pk"))


def walk_forwards(size=5):
    seen, cursor = [], None
    while True:
        page = keyset_page(AuditEvent.objects.all(), field="at", after=cursor, size=size)
        seen += page.rows
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


def test_walking_forwards_gives_every_row_once_newest_first(events):
    assert walk_forwards() == events


def test_going_back_gives_the_page_before(events):
    first = keyset_page(AuditEvent.objects.all(), field="at", size=5)
    second = keyset_page(AuditEvent.objects.all(), field="at", after=first.next_cursor, size=5)
    back = keyset_page(AuditEvent.objects.all(), field="at", before=second.previous_cursor, size=5)
    assert back.rows == first.rows and back.previous_cursor is None


def test_the_first_page_has_no_way_back(events):
    assert keyset_page(AuditEvent.objects.all(), field="at", size=5).previous_cursor is None


def test_a_tampered_cursor_is_the_first_page(events):
    page = keyset_page(AuditEvent.objects.all(), field="at", after="bm90LWEtY3Vyc29y", size=5)
    assert page.rows == events[:5]


def test_the_count_stops_at_the_cap(events, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    page = keyset_page(AuditEvent.objects.all(), field="at", size=5)
    assert (page.count, page.count_capped) == (10, True)


def test_the_count_is_exact_below_the_cap(events):
    page = keyset_page(AuditEvent.objects.all(), field="at", size=5)
    assert (page.count, page.count_capped) == (23, False)


def by_pk(pks):
    return AuditEvent.objects.filter(pk__in=pks)


def keys_page(**cursor_and_size):
    """The page cut from the keys of every event, its rows read by id."""
    keys = sort_keys(AuditEvent.objects.all(), "at")
    return page_of_keys(keys, field="at", rows_of=by_pk, **cursor_and_size)


def walk_keys(cursor_of, size=5):
    """Every page of the mode that reads the keys once and the rows by id."""
    seen, cursor = [], None
    while True:
        page = keys_page(after=cursor, size=size)
        seen += page.rows
        if not page.next_cursor:
            return seen
        cursor = cursor_of(page)


def test_pages_cut_from_the_keys_give_every_row_once_newest_first(events):
    assert walk_keys(lambda page: page.next_cursor) == events


def test_pages_cut_from_the_keys_go_back_to_the_page_before(events):
    first = keys_page(size=5)
    second = keys_page(after=first.next_cursor, size=5)
    back = keys_page(before=second.previous_cursor, size=5)
    assert (back.rows, back.previous_cursor, back.next_cursor) == (
        first.rows,
        None,
        first.next_cursor,
    )


def test_pages_cut_from_the_keys_count_every_row(events):
    page = keys_page(size=5)
    assert (page.count, page.count_capped, len(page.rows)) == (23, False, 5)


def test_the_last_page_cut_from_the_keys_has_no_way_on(events):
    cursor = paging._encode(events[-3], "at")
    page = keys_page(after=cursor, size=5)
    assert (page.rows, page.next_cursor) == (events[-2:], None)


def test_a_cursor_with_an_instant_without_its_offset_is_the_first_page(events):
    import base64
    import json

    naive = json.dumps([events[3].at.replace(tzinfo=None).isoformat(), events[3].pk])
    cursor = base64.urlsafe_b64encode(naive.encode()).decode().rstrip("=")
    page = keys_page(after=cursor, size=5)
    assert page.rows == events[:5]
