"""Error answers: no secret on any of them, the same security headers as every page, and
no 500 for tampered input."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

SECRET_URL = "postgres://reta_app:s3cr3t-app-pass@127.0.0.1:54329/reta"
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cache-Control",
)


@pytest.fixture
def debug_page(settings):
    """The debug page of a failing request, as `make run` (DEBUG on) serves it, with the
    process environment in META as runserver puts it there."""
    settings.DEBUG = True
    # A copy: the connections' own settings (the live password) stay untouched.
    default = {**settings.DATABASES["default"], "PASSWORD": "s3cr3t-db-pass"}
    settings.DATABASES = {**settings.DATABASES, "default": default}
    settings.CELERY_BROKER_URL = "redis://:s3cr3t-redis-pass@127.0.0.1:63799/0"
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="tests.error_urls"):
        response = client.get(
            "/__fail__/",
            DATABASE_URL=SECRET_URL,
            DATABASE_OWNER_URL=SECRET_URL.replace("reta_app", "reta_owner"),
            AUDIT_SIGNING_KEY="s3cr3t-signing-key",
        )
    assert response.status_code == 500
    return response.content.decode()


@pytest.mark.parametrize(
    "secret",
    ["s3cr3t-app-pass", "s3cr3t-db-pass", "s3cr3t-redis-pass", "s3cr3t-signing-key"],
)
def test_the_debug_page_shows_no_secret(debug_page, secret):
    assert secret not in debug_page


def test_the_debug_page_still_says_what_failed(debug_page):
    assert "boom" in debug_page and "RuntimeError" in debug_page


def test_a_nul_in_the_session_cookie_starts_a_new_session_instead_of_a_500(client):
    client.cookies["sessionid"] = "abc\x00def"
    response = client.get(reverse("login"))
    assert response.status_code == 200


def test_a_bad_request_carries_the_security_headers(client):
    response = client.get(reverse("login"), {"next": "a\x00b"})
    assert response.status_code == 400
    assert all(header in response for header in SECURITY_HEADERS)


@override_settings(ROOT_URLCONF="tests.error_urls")
def test_a_server_error_carries_the_security_headers():
    response = Client(raise_request_exception=False).get("/__fail__/")
    assert response.status_code == 500
    assert all(header in response for header in SECURITY_HEADERS)
