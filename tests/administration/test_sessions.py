"""The session table holds digests of the cookies, never the cookies (administration/sessions)."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, tree):
    user_with_role("station_officer", tree.cusco_station, username="oficial")
    client.post("/ingresar/", {"username": "oficial", "password": PASSWORD})
    return client


def test_the_cookie_of_a_signed_in_officer_is_not_in_the_session_table(signed_in):
    cookie = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    assert not Session.objects.filter(session_key=cookie).exists()
    assert Session.objects.count() == 1


def test_the_cookie_still_opens_the_officers_pages(signed_in):
    assert signed_in.get(reverse("complaint-list")).status_code == 200


def test_a_key_read_from_the_session_table_signs_nobody_in(signed_in):
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = Session.objects.get().session_key
    response = stolen.get(reverse("complaint-list"))
    assert response.status_code == 302 and "/ingresar/" in response["Location"]


def test_signing_out_removes_the_sessions_row(signed_in):
    signed_in.post(reverse("logout"))
    assert Session.objects.count() == 0
