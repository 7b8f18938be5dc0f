"""The count above a scope's list: exact below the cap, and past it, counted no more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.selectors import sent_count_for_user
from tests.factories import sent_complaint, user_with_role

pytestmark = pytest.mark.django_db


def complaints_read(count):
    with CaptureQueriesContext(connection) as queries:
        found = count()
    return found, [q for q in queries if "reporting_complaint" in q["sql"]]


def test_a_scope_past_the_cap_is_not_counted_again(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    sent_complaint(officer)
    assert sent_count_for_user(officer, limit=1) == 1
    assert complaints_read(lambda: sent_count_for_user(officer, limit=1)) == (1, [])


def test_a_scope_below_the_cap_is_counted_afresh_at_every_visit(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    sent_complaint(officer)
    assert sent_count_for_user(officer, limit=5) == 1
    sent_complaint(officer)
    assert sent_count_for_user(officer, limit=5) == 2


def test_the_country_past_the_cap_is_not_counted_again(tree):
    national = user_with_role("national_investigator", tree.divintrap)
    sent_complaint(user_with_role("station_officer", tree.cusco_station))
    assert sent_count_for_user(national, limit=1) == 1
    assert complaints_read(lambda: sent_count_for_user(national, limit=1)) == (1, [])
