from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from administration.models import AuditEvent
from administration.services import user_deactivate
from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db

LOGIN = "/ingresar/"


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station, username="oficial")


def sign_in(client, username="oficial", password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_a_station_officer_signs_in_with_username_and_password(client, officer):
    response = sign_in(client)
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_signing_in_writes_an_audit_row_with_the_unit_and_address(client, officer):
    sign_in(client, REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action="login")
    assert (event.username, event.unit_code, event.address, event.outcome) == (
        "oficial",
        "CPNP-CUSCO",
        "10.1.2.3",
        "success",
    )


def test_a_failed_sign_in_is_audited_without_the_password(client, officer):
    sign_in(client, password="una contraseña equivocada")
    event = AuditEvent.objects.get(action="login_failed")
    assert event.username == "oficial" and event.outcome == "failure"
    assert "equivocada" not in str(AuditEvent.objects.values_list())


def test_a_failed_sign_in_with_an_unknown_username_keeps_no_username(client, officer):
    # People type their password in the username box: an unknown name is not stored.
    sign_in(client, username="MiClaveSecreta123")
    event = AuditEvent.objects.get(action="login_failed")
    assert event.username == "" and event.detail == "unknown username"


def test_signing_out_is_audited(client, officer):
    sign_in(client)
    client.post(reverse("logout"))
    assert AuditEvent.objects.filter(action="logout", username="oficial").count() == 1


def test_signing_in_gives_a_new_session_id(client, officer):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    sign_in(client)
    assert client.session.session_key != before


def test_five_failures_lock_the_username(client, officer):
    for _attempt in range(5):
        sign_in(client, password="wrong password!!")
    response = sign_in(client)
    assert response.status_code == 429
    assert client.get(reverse("home")).status_code == 302


def test_the_lock_counts_failures_from_different_addresses(client, officer):
    for attempt in range(5):
        sign_in(client, password="wrong password!!", REMOTE_ADDR=f"10.0.0.{attempt}")
    assert sign_in(client, REMOTE_ADDR="10.9.9.9").status_code == 429


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, officer):
    for attempt in range(5):
        sign_in(client, password="wrong password!!", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert sign_in(client, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429


def test_a_locked_username_does_not_lock_a_colleague_on_the_same_station_pc(client, tree, officer):
    user_with_role("station_officer", tree.cusco_station, username="colega")
    for _attempt in range(5):
        sign_in(client, password="wrong password!!", REMOTE_ADDR="10.0.0.1")
    assert sign_in(client, username="colega", REMOTE_ADDR="10.0.0.1").status_code == 302


def test_the_lock_lasts_at_least_ten_minutes(client, officer):
    for _attempt in range(5):
        sign_in(client, password="wrong password!!")
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        assert sign_in(client).status_code == 429


def test_the_lock_ends_by_itself_after_fifteen_minutes(client, officer):
    for _attempt in range(5):
        sign_in(client, password="wrong password!!")
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        assert sign_in(client).status_code == 302


def test_a_password_shorter_than_twelve_characters_is_refused(officer):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Corta-123", officer)


def test_a_common_password_is_refused(officer):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password1234", officer)


def test_a_long_passphrase_is_accepted(officer):
    from django.contrib.auth.password_validation import validate_password

    validate_password("el cóndor pasa sobre el valle del colca " * 5, officer)


def test_passwords_are_hashed_with_argon2(settings, officer):
    from reta import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    officer.set_password("el cóndor pasa sobre el valle")
    assert officer.password.startswith("argon2")


def test_a_session_idle_for_thirty_minutes_ends(client, officer):
    sign_in(client)
    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_a_session_used_within_thirty_minutes_stays_open(client, officer):
    sign_in(client)
    start = timezone.now()
    for minutes in (25, 50, 75):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("home")).status_code == 200


def test_a_busy_session_still_ends_after_twelve_hours(client, officer):
    sign_in(client)
    start = timezone.now()
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            client.get(reverse("home"))
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        assert client.get(reverse("home")).status_code == 302


def test_disabling_a_user_ends_their_sessions(client, officer):
    sign_in(client)
    user_deactivate(user=officer)
    assert client.get(reverse("home")).status_code == 302
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(officer.pk) for s in Session.objects.all()
    )


@override_settings(SIGN_IN_ADDRESS_FAILURES=3)
def test_failures_over_many_usernames_from_one_address_block_that_address(client, officer):
    for name in ("ana", "beto", "carla"):
        client.post(reverse("login"), {"username": name, "password": "Invierno2026!"})
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Demasiados intentos fallidos de ingreso desde esta red" in response.content.decode()


@override_settings(SIGN_IN_ADDRESS_FAILURES=3)
def test_a_blocked_address_does_not_block_another(client, officer):
    for name in ("ana", "beto", "carla"):
        client.post(reverse("login"), {"username": name, "password": "Invierno2026!"})
    client.post(
        reverse("login"),
        {"username": officer.username, "password": PASSWORD},
        REMOTE_ADDR="10.20.30.40",
    )
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_password_changed_through_the_application_still_signs_in(client, officer):
    officer.set_password("una-clave-nueva-larga")
    officer.save()
    assert sign_in(client, password="una-clave-nueva-larga").status_code == 302
