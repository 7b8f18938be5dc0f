"""The periodic task raises monitoring alerts in the Secretariat's and the national
division's inboxes, once per finding."""

from datetime import date

import pytest
from django.urls import reverse

from administration.statistics import services
from alerts.models import Alert
from tests.factories import sign_in_verified, user_with_role
from tests.statistics.conftest import send_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_cusco(tree):
    """Cusco's station registered 4 complaints a month in 2025, then nothing in 2026."""
    officer = user_with_role("station_officer", tree.cusco_station)
    for month in range(1, 13):
        for day in (3, 10, 17, 24):
            send_on(date(2025, month, day), officer, date_of_facts=date(2025, month, 1))
    user_with_role("analyst", tree.secretariat)
    user_with_role("national_investigator", tree.divintrap)
    return tree


def test_a_silent_station_raises_an_alert_for_the_secretariat_and_the_division(silent_cusco):
    services.monitoring_run(today=date(2026, 8, 15))
    alerts = Alert.objects.filter(
        kind="monitoring", subject=f"unit:{silent_cusco.cusco_station.pk}"
    )
    assert {a.unit for a in alerts} == {silent_cusco.secretariat, silent_cusco.divintrap}
    assert "no ha registrado ninguna denuncia" in alerts[0].summary


def test_running_twice_raises_each_alert_once(silent_cusco):
    services.monitoring_run(today=date(2026, 8, 15))
    services.monitoring_run(today=date(2026, 8, 16))
    subject = f"unit:{silent_cusco.cusco_station.pk}"
    assert Alert.objects.filter(kind="monitoring", subject=subject).count() == 2


def test_a_station_registering_as_usual_raises_nothing(silent_cusco):
    assert services.monitoring_run(today=date(2026, 1, 15)) == 0


def test_the_analyst_sees_the_monitoring_alert_in_the_inbox(silent_cusco, client):
    services.monitoring_run(today=date(2026, 8, 15))
    analyst = user_with_role("analyst", silent_cusco.secretariat)
    sign_in_verified(client, analyst)
    page = client.get(reverse("alert-inbox")).content.decode()
    assert "no ha registrado ninguna denuncia" in page
