"""Accounts unused for DORMANT_ACCOUNT_DAYS are disabled every night, the unit's
administrator is told; each unit's page says who can sign in there and when each last
did; units where nobody can register complaints any more are flagged on the home page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from administration.models import AuditEvent, User
from administration.selectors import units_losing_registrars
from administration.services import user_deactivate
from administration.tasks import disable_dormant_accounts
from tests.factories import sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


def last_seen(user, days_ago):
    user.last_login = timezone.now() - timedelta(days=days_ago)
    # last_login is kept out of the signed history (as Django's sign-in writes it).
    User.objects.filter(pk=user.pk).update(last_login=user.last_login)
    return user


@pytest.fixture
def regional_admin(tree):
    return user_with_role(
        "regional_administrator", tree.cusco_directorate, email="admin.cusco@pnp.gob.pe"
    )


def test_an_account_unused_for_ninety_days_is_disabled(tree):
    officer = last_seen(user_with_role("station_officer", tree.cusco_station), 91)
    disable_dormant_accounts()
    officer.refresh_from_db()
    assert not officer.is_active


def test_an_account_used_recently_stays_active(tree):
    officer = last_seen(user_with_role("station_officer", tree.cusco_station), 89)
    disable_dormant_accounts()
    officer.refresh_from_db()
    assert officer.is_active


def test_the_number_of_days_is_a_setting(tree, settings):
    settings.DORMANT_ACCOUNT_DAYS = 30
    officer = last_seen(user_with_role("station_officer", tree.cusco_station), 31)
    disable_dormant_accounts()
    officer.refresh_from_db()
    assert not officer.is_active


def test_an_account_never_used_counts_from_its_creation(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    User.objects.filter(pk=officer.pk).update(
        date_joined=timezone.now() - timedelta(days=100), last_login=None
    )
    disable_dormant_accounts()
    officer.refresh_from_db()
    assert not officer.is_active


def test_disabling_a_dormant_account_is_audited(tree):
    officer = last_seen(user_with_role("station_officer", tree.cusco_station), 91)
    disable_dormant_accounts()
    assert AuditEvent.objects.filter(
        object_id=str(officer.pk), detail="deactivated: dormant"
    ).exists()


def test_the_administrator_of_the_unit_is_told_by_mail(tree, regional_admin):
    last_seen(user_with_role("station_officer", tree.cusco_station, username="dormido"), 91)
    disable_dormant_accounts()
    (message,) = [m for m in mail.outbox if "admin.cusco@pnp.gob.pe" in m.to]
    assert "dormido" in message.body and "CPNP-CUSCO" in message.body


def test_the_unit_page_shows_who_can_sign_in_and_when_they_last_did(client, tree):
    officer = last_seen(user_with_role("station_officer", tree.cusco_station), 3)
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    page = client.get(reverse("unit-detail", kwargs={"pk": tree.cusco_station.pk})).content
    page = page.decode()
    assert "Quién puede ingresar aquí" in page and officer.display_name in page
    assert timezone.localtime(officer.last_login).strftime("%d/%m/%Y") in page


def test_a_unit_whose_last_registrar_left_is_flagged(tree):
    admin = user_with_role("administrator", tree.divintrap)
    officer = user_with_role("station_officer", tree.cusco_station)
    user_deactivate(user=officer, by=admin)
    flagged = {f["unit"] for f in units_losing_registrars(admin) if not f["soon"]}
    assert tree.cusco_station in flagged


def test_a_unit_whose_only_registrar_is_about_to_go_dormant_is_flagged_before(tree):
    admin = user_with_role("administrator", tree.divintrap)
    last_seen(user_with_role("station_officer", tree.cusco_station), 80)
    flagged = {f["unit"] for f in units_losing_registrars(admin) if f["soon"]}
    assert tree.cusco_station in flagged


def test_a_unit_with_an_active_registrar_is_not_flagged(tree):
    admin = user_with_role("administrator", tree.divintrap)
    last_seen(user_with_role("station_officer", tree.cusco_station), 2)
    assert tree.cusco_station not in {f["unit"] for f in units_losing_registrars(admin)}


def test_the_administrators_home_names_the_unit_nobody_can_register_in(client, tree):
    admin = user_with_role("administrator", tree.divintrap)
    officer = user_with_role("station_officer", tree.puno_station)
    user_deactivate(user=officer, by=admin)
    sign_in_verified(client, admin)
    page = client.get(reverse("home")).content.decode()
    assert "Unidades donde nadie puede registrar denuncias" in page and "CPNP-PUNO" in page


def test_a_regional_administrator_is_not_told_about_other_directorates(tree, regional_admin):
    officer = user_with_role("station_officer", tree.puno_station)
    user_deactivate(user=officer, by=None)
    assert tree.puno_station not in {f["unit"] for f in units_losing_registrars(regional_admin)}
