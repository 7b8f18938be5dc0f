import time

import pytest
from django.test import override_settings
from django.urls import reverse

from administration import twofactor
from tests.factories import PASSWORD, totp_code, totp_device, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def investigator(tree):
    return user_with_role("regional_investigator", tree.cusco_department, username="investigador")


def sign_in(client, username):
    return client.post("/ingresar/", {"username": username, "password": PASSWORD})


def verify(client, code):
    return client.post(reverse("otp-verify"), {"token": code})


def test_an_investigator_without_the_second_factor_is_sent_to_verify_it(client, investigator):
    totp_device(investigator)
    sign_in(client, "investigador")
    response = client.get(reverse("unit-list"))
    assert response.status_code == 302 and response.url.startswith(reverse("otp-verify"))


def test_the_django_admin_also_requires_the_second_factor(client, tree):
    admin = user_with_role("administrator", tree.divintrap, username="admin")
    totp_device(admin)
    sign_in(client, "admin")
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("otp-verify"))


def test_a_station_officer_is_exempt_by_default(client, tree):
    user_with_role("station_officer", tree.cusco_station, username="oficial")
    sign_in(client, "oficial")
    assert client.get(reverse("unit-list")).status_code == 200


@override_settings(OTP_REQUIRED_ROLES=["station_officer"])
def test_which_roles_need_the_second_factor_is_configuration(client, tree):
    user_with_role("station_officer", tree.cusco_station, username="oficial")
    sign_in(client, "oficial")
    assert client.get(reverse("unit-list")).status_code == 302


def test_a_valid_code_opens_the_pages(client, investigator):
    device = totp_device(investigator)
    sign_in(client, "investigador")
    verify(client, totp_code(device))
    assert client.get(reverse("unit-list")).status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client, investigator):
    device = totp_device(investigator)
    sign_in(client, "investigador")
    wrong = f"{(int(totp_code(device)) + 1) % 1000000:06d}"
    response = verify(client, wrong)
    assert response.status_code == 200
    assert client.get(reverse("unit-list")).status_code == 302


def test_a_used_code_cannot_be_replayed(client, investigator):
    device = totp_device(investigator)
    code = totp_code(device)
    assert twofactor.verify(investigator, code) is not None
    assert twofactor.verify(investigator, code) is None


def test_a_recovery_code_works_once(investigator):
    totp_device(investigator)
    codes = twofactor.new_recovery_codes(investigator)
    assert twofactor.verify(investigator, codes[0]) is not None
    assert twofactor.verify(investigator, codes[0]) is None


def test_a_first_sign_in_sets_up_the_authenticator_and_shows_recovery_codes(client, investigator):
    sign_in(client, "investigador")
    assert client.get(reverse("home")).url.startswith(reverse("otp-verify"))
    assert client.get(reverse("otp-verify")).url == reverse("otp-setup")
    client.get(reverse("otp-setup"))
    device = investigator.totpdevice_set.get(confirmed=False)
    response = client.post(reverse("otp-setup"), {"token": totp_code(device, time.time())})
    assert len(response.context["codes"]) == twofactor.RECOVERY_CODES
    assert client.get(reverse("unit-list")).status_code == 200


def test_the_session_key_changes_once_the_second_factor_is_verified(client, investigator):
    device = totp_device(investigator)
    sign_in(client, "investigador")
    before = client.session.session_key
    verify(client, totp_code(device))
    assert client.session.session_key != before
    assert client.get(reverse("unit-list")).status_code == 200


def replace_second_factor(client, investigator, password):
    device = totp_device(investigator)
    sign_in(client, "investigador")
    verify(client, totp_code(device))
    client.get(reverse("otp-setup"))
    pending = investigator.totpdevice_set.get(confirmed=False)
    return client.post(
        reverse("otp-setup"), {"password": password, "token": totp_code(pending)}
    ), pending


def test_replacing_the_second_factor_asks_for_the_password_again(client, investigator):
    response, pending = replace_second_factor(client, investigator, "not-my-password-at-all")
    pending.refresh_from_db()
    assert response.status_code == 200 and not pending.confirmed
    assert "Esa no es su contraseña" in response.content.decode()


def test_the_second_factor_is_replaced_with_the_password_and_audited(client, investigator):
    from administration.models import AuditEvent

    _response, pending = replace_second_factor(client, investigator, PASSWORD)
    pending.refresh_from_db()
    assert pending.confirmed
    assert AuditEvent.objects.filter(detail="second factor replaced").exists()
