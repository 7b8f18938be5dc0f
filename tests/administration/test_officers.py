"""The administrators' screens for accounts: create, disable, enable, place, reset the
password (changed at the next sign-in) and the second factor; regional administrators
kept inside their directorate's subtree."""

from datetime import date

import pytest
from django.urls import reverse

from administration.models import AuditEvent, User
from administration.selectors import assignable_roles, users_managed_by
from tests.factories import (
    PASSWORD,
    role,
    sign_in_verified,
    totp_device,
    user_with_role,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "otra frase de paso muy larga"


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap, username="admin")


@pytest.fixture
def regional_admin(tree):
    return user_with_role("regional_administrator", tree.cusco_directorate, username="reg")


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station, username="oficial")


def signed_in(client, user):
    sign_in_verified(client, user)
    return client


def test_an_administrator_creates_an_account_with_unit_and_role(client, tree, admin):
    response = signed_in(client, admin).post(
        reverse("user-new"),
        {
            "username": "nuevo.cusco",
            "first_name": "Juan",
            "last_name": "Mamani",
            "unit": tree.cusco_station.pk,
            "role": role("station_officer").pk,
            "started": "01/12/2026",
            "password": NEW_PASSWORD,
        },
    )
    user = User.objects.get(username="nuevo.cusco")
    assert response.status_code == 302
    assert (user.unit, user.role.code, user.must_change_password) == (
        tree.cusco_station,
        "station_officer",
        True,
    )
    assert user.assignments.get().started == date(2026, 12, 1)


def test_a_taken_username_is_refused_in_spanish_and_nothing_typed_is_lost(client, tree, admin):
    response = signed_in(client, admin).post(
        reverse("user-new"),
        {"username": "admin", "first_name": "Juan", "last_name": "Mamani Ccori"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ese nombre de usuario ya está en uso." in page and "Mamani Ccori" in page


def test_disabling_an_account_from_its_page_is_audited(client, admin, officer):
    signed_in(client, admin).post(reverse("user-active", kwargs={"pk": officer.pk}))
    officer.refresh_from_db()
    assert not officer.is_active
    assert AuditEvent.objects.filter(object_id=str(officer.pk), detail="deactivated").exists()


def test_a_disabled_account_is_enabled_again_and_signs_in(client, admin, officer):
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    signed_in(client, admin).post(
        reverse("user-active", kwargs={"pk": officer.pk}), {"active": "1"}
    )
    client.logout()
    client.post(reverse("login"), {"username": "oficial", "password": PASSWORD})
    assert client.get(reverse("home")).status_code == 200


def test_an_administrator_cannot_disable_their_own_account(client, admin):
    signed_in(client, admin).post(reverse("user-active", kwargs={"pk": admin.pk}))
    admin.refresh_from_db()
    assert admin.is_active


def test_an_administrator_moves_an_officer_to_another_unit(client, tree, admin, officer):
    signed_in(client, admin).post(
        reverse("user-move", kwargs={"pk": officer.pk}),
        {"unit": tree.puno_station.pk, "role": officer.role_id, "on": "01/12/2026"},
    )
    officer.refresh_from_db()
    assert officer.unit == tree.puno_station


def test_after_a_password_reset_the_next_sign_in_must_change_it(client, admin, officer):
    signed_in(client, admin).post(
        reverse("user-password", kwargs={"pk": officer.pk}),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    client.logout()
    client.post(reverse("login"), {"username": "oficial", "password": NEW_PASSWORD})
    response = client.get(reverse("complaint-list"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")


def test_once_changed_the_password_is_no_longer_temporary(client, admin, officer):
    signed_in(client, admin).post(
        reverse("user-password", kwargs={"pk": officer.pk}),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    client.logout()
    client.post(reverse("login"), {"username": "oficial", "password": NEW_PASSWORD})
    client.post(
        reverse("password_change"),
        {
            "old_password": NEW_PASSWORD,
            "new_password1": PASSWORD + " nueva",
            "new_password2": PASSWORD + " nueva",
        },
    )
    officer.refresh_from_db()
    assert not officer.must_change_password
    assert client.get(reverse("complaint-list")).status_code == 200


def test_a_reset_password_that_is_too_short_is_refused_in_spanish(client, admin, officer):
    response = signed_in(client, admin).post(
        reverse("user-password", kwargs={"pk": officer.pk}),
        {"password1": "corta", "password2": "corta"},
    )
    assert "La contraseña es demasiado corta" in response.content.decode()


def test_resetting_the_second_factor_removes_the_app_and_audits_the_reason(client, tree, admin):
    investigator = user_with_role("regional_investigator", tree.cusco_department)
    totp_device(investigator)
    signed_in(client, admin).post(
        reverse("user-second-factor", kwargs={"pk": investigator.pk}),
        {"reason": "Perdió el teléfono en un operativo"},
    )
    assert not investigator.totpdevice_set.exists()
    event = AuditEvent.objects.get(
        object_id=str(investigator.pk),
        action="permission_change",
        detail__startswith="second factor reset",
    )
    assert "Perdió el teléfono" in event.detail


def test_a_second_factor_reset_without_a_reason_is_refused(client, tree, admin):
    investigator = user_with_role("regional_investigator", tree.cusco_department)
    totp_device(investigator)
    response = signed_in(client, admin).post(
        reverse("user-second-factor", kwargs={"pk": investigator.pk}), {"reason": ""}
    )
    assert response.status_code == 200 and investigator.totpdevice_set.exists()


def test_a_station_officer_does_not_see_the_users_pages(client, officer):
    assert signed_in(client, officer).get(reverse("user-list")).status_code == 404


def test_a_regional_administrator_manages_only_the_people_of_their_subtree(tree, regional_admin):
    cusco = user_with_role("station_officer", tree.cusco_station)
    madre_de_dios = user_with_role("station_officer", tree.madre_de_dios)
    puno = user_with_role("station_officer", tree.puno_station)
    managed = set(users_managed_by(regional_admin))
    assert {cusco, madre_de_dios} <= managed and puno not in managed


def test_a_regional_administrator_cannot_disable_an_officer_of_another_directorate(
    client, tree, regional_admin
):
    puno = user_with_role("station_officer", tree.puno_station)
    response = signed_in(client, regional_admin).post(
        reverse("user-active", kwargs={"pk": puno.pk})
    )
    puno.refresh_from_db()
    assert response.status_code == 404 and puno.is_active


def test_a_regional_administrator_cannot_place_anyone_in_another_directorate(
    client, tree, regional_admin, officer
):
    response = signed_in(client, regional_admin).post(
        reverse("user-move", kwargs={"pk": officer.pk}),
        {"unit": tree.puno_station.pk, "role": officer.role_id, "on": "01/12/2026"},
    )
    officer.refresh_from_db()
    assert response.status_code == 200 and officer.unit == tree.cusco_station


def test_a_regional_administrator_cannot_give_a_national_role(regional_admin):
    assert not assignable_roles(regional_admin).filter(scope="national").exists()


def test_a_regional_administrator_never_reaches_the_django_admin(client, regional_admin):
    assert not regional_admin.is_staff
    assert signed_in(client, regional_admin).get("/admin/").status_code == 302


def test_the_users_list_of_a_regional_administrator_has_no_one_from_elsewhere(
    client, tree, regional_admin
):
    user_with_role("station_officer", tree.puno_station, last_name="Condori de Puno")
    page = signed_in(client, regional_admin).get(reverse("user-list")).content.decode()
    assert "Condori de Puno" not in page
