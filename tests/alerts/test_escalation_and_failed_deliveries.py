"""The national division's overdue alerts stay in the division (its chief and
administrators are told), and a delivery that keeps failing is given up, shown and retried
by hand."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from administration.models import AuditEvent
from alerts import services
from alerts.models import Alert
from alerts.tasks import deliver_alert
from tests.factories import sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(tree):
    tree.cusco_department.email = "depintrap.cusco@example.pe"
    tree.cusco_department.save(update_fields=["email"])
    return user_with_role("station_officer", tree.cusco_station)


@pytest.fixture
def national_alert(officer):
    alert = sent_complaint(officer).alerts.get(unit__code="DIVINTRAP")
    services.alert_deliver(alert.pk)
    return alert


@pytest.fixture
def chief(tree):
    user = user_with_role(
        "national_investigator", tree.divintrap, email="jefe.divintrap@example.pe"
    )
    user.user_permissions.add(Permission.objects.get(codename="receive_escalations"))
    return user


@pytest.fixture
def administrator(tree):
    return user_with_role("administrator", tree.divintrap, email="admin.divintrap@example.pe")


def two_hours_later():
    return time_machine.travel(timezone.now() + timedelta(hours=2, minutes=5), tick=False)


def test_an_overdue_alert_of_the_national_division_does_not_go_to_the_directorate_above(
    national_alert, chief, administrator
):
    with two_hours_later():
        assert services.escalate_overdue() >= 1
    national_alert.refresh_from_db()
    assert national_alert.escalated_at is not None
    assert not Alert.objects.filter(escalated_from=national_alert).exists()
    assert not Alert.objects.filter(unit__code="DIRINCRI").exists()


def test_the_chief_and_the_administrators_of_the_division_are_mailed(
    national_alert, chief, administrator, django_capture_on_commit_callbacks
):
    with two_hours_later(), django_capture_on_commit_callbacks(execute=True):
        services.escalate_overdue()
    (message,) = [m for m in mail.outbox if "no tiene acuse" in m.subject]
    assert set(message.to) == {"jefe.divintrap@example.pe", "admin.divintrap@example.pe"}
    assert national_alert.complaint.number in message.subject


def test_an_investigator_of_the_division_without_the_permission_is_not_mailed(
    tree, national_alert, chief, django_capture_on_commit_callbacks
):
    user_with_role("national_investigator", tree.divintrap, email="otro@example.pe")
    with two_hours_later(), django_capture_on_commit_callbacks(execute=True):
        services.escalate_overdue()
    assert all("otro@example.pe" not in m.to for m in mail.outbox)


def test_the_chief_sees_the_overdue_alert_on_the_home_page(client, national_alert, chief):
    with two_hours_later():
        services.escalate_overdue()
    sign_in_verified(client, chief)
    page = client.get(reverse("home")).content.decode()
    assert "Alertas de su unidad sin acuse de recibo a tiempo" in page
    assert national_alert.complaint.number in page
    assert reverse("alert-detail", kwargs={"pk": national_alert.pk}) in page


def test_an_investigator_without_the_permission_sees_no_such_notice(client, tree, national_alert):
    with two_hours_later():
        services.escalate_overdue()
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))
    page = client.get(reverse("home")).content.decode()
    assert "sin acuse de recibo a tiempo" not in page


def test_an_acknowledged_alert_leaves_the_home_page(client, national_alert, chief):
    with two_hours_later():
        services.escalate_overdue()
    services.alert_acknowledge(alert=national_alert, user=chief)
    sign_in_verified(client, chief)
    assert "sin acuse de recibo a tiempo" not in client.get(reverse("home")).content.decode()


def test_a_regional_alert_still_goes_to_the_directorate_above(officer):
    alert = sent_complaint(officer).alerts.get(unit__code="DEPINTRAP-CUSCO")
    services.alert_deliver(alert.pk)
    with two_hours_later():
        services.escalate_overdue()
    assert Alert.objects.get(escalated_from=alert).unit.code == "DIRTEPOL-CUSCO"


# --- Deliveries that keep failing ---------------------------------------------------


@pytest.fixture
def alert(officer):
    return sent_complaint(officer).alerts.get(unit__code="DEPINTRAP-CUSCO")


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(services, "send_mail", refuse)
    return monkeypatch


def fail_until_given_up(alert, settings):
    for _attempt in range(settings.ALERT_DELIVERY_MAX_ATTEMPTS):
        services.relay_pending()
    alert.refresh_from_db()
    return alert


def test_a_delivery_is_given_up_after_the_set_number_of_failed_attempts(
    alert, mail_server_down, settings
):
    settings.ALERT_DELIVERY_MAX_ATTEMPTS = 3
    services.relay_pending()
    services.relay_pending()
    alert.refresh_from_db()
    assert alert.failures == 2 and alert.failed_at is None
    services.relay_pending()
    alert.refresh_from_db()
    assert alert.failures == 3 and alert.failed_at is not None


def test_a_given_up_delivery_keeps_its_last_error(alert, mail_server_down, settings):
    settings.ALERT_DELIVERY_MAX_ATTEMPTS = 2
    alert = fail_until_given_up(alert, settings)
    assert alert.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"


def test_the_relay_no_longer_tries_a_given_up_delivery(alert, mail_server_down, settings):
    settings.ALERT_DELIVERY_MAX_ATTEMPTS = 2
    alert = fail_until_given_up(alert, settings)
    attempts = alert.attempts
    services.relay_pending()
    alert.refresh_from_db()
    assert alert.attempts == attempts


def test_a_given_up_alert_is_still_in_the_units_inbox(alert, mail_server_down, settings):
    settings.ALERT_DELIVERY_MAX_ATTEMPTS = 2
    alert = fail_until_given_up(alert, settings)
    assert alert.delivered_at is not None


def test_the_delivery_task_stops_retrying_once_given_up(alert, mail_server_down, settings):
    settings.ALERT_DELIVERY_MAX_ATTEMPTS = 1
    assert deliver_alert.apply(args=(alert.pk,)).get() is False
    alert.refresh_from_db()
    assert alert.failed_at is not None


@pytest.fixture
def given_up(alert, mail_server_down, settings):
    settings.ALERT_DELIVERY_MAX_ATTEMPTS = 2
    alert = fail_until_given_up(alert, settings)
    mail_server_down.undo()
    return alert


def test_the_monitoring_page_shows_a_given_up_delivery_as_failed_with_its_error(
    client, tree, given_up
):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    page = client.get(reverse("alert-deliveries")).content.decode()
    assert given_up.complaint.number in page and ">fallida<" in page
    assert "ConnectionRefusedError" in page
    assert reverse("delivery-retry", kwargs={"pk": given_up.pk}) in page


def test_the_alerts_by_region_page_tells_administrators_of_failed_deliveries(
    client, tree, given_up
):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    page = client.get(reverse("alert-monitoring")).content.decode()
    assert "1 entrega falló y ya no se reintenta." in page


def test_an_administrator_retries_a_given_up_delivery_by_hand(
    client, tree, given_up, django_capture_on_commit_callbacks, monkeypatch
):
    delivered = []
    monkeypatch.setattr(services, "dispatch", lambda ids: delivered.extend(ids) or True)
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    url = reverse("delivery-retry", kwargs={"pk": given_up.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "La entrega se puso de nuevo en cola." in response.content.decode()
    given_up.refresh_from_db()
    assert given_up.failed_at is None and given_up.failures == 0 and delivered == [given_up.pk]


def test_a_retried_delivery_is_sent_by_the_relay(client, tree, given_up):
    services.alert_retry_delivery(
        alert=given_up, user=user_with_role("administrator", tree.divintrap)
    )
    services.relay_pending()
    assert [m for m in mail.outbox if given_up.complaint.number in m.subject]


def test_retrying_by_hand_is_audited(client, tree, given_up):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    client.post(reverse("delivery-retry", kwargs={"pk": given_up.pk}))
    assert AuditEvent.objects.filter(object_id=str(given_up.pk), detail="retry delivery").exists()


def test_only_administrators_may_retry_a_delivery(client, tree, given_up):
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))
    response = client.post(reverse("delivery-retry", kwargs={"pk": given_up.pk}))
    assert response.status_code == 404
    given_up.refresh_from_db()
    assert given_up.failed_at is not None


def test_retrying_is_a_post_only(client, tree, given_up):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    assert client.get(reverse("delivery-retry", kwargs={"pk": given_up.pk})).status_code == 405


def test_a_delivery_still_being_tried_is_not_reset_by_hand(client, tree, alert):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    response = client.post(reverse("delivery-retry", kwargs={"pk": alert.pk}), follow=True)
    assert "RETA sigue intentándola" in response.content.decode()
