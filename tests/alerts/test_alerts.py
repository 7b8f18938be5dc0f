from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from administration.models import AuditEvent, District
from alerts import services
from alerts.models import Alert, AlertRoute, Delivery
from alerts.tasks import deliver_alert
from tests.factories import sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(tree):
    tree.cusco_department.email = "depintrap.cusco@example.pe"
    tree.cusco_department.save(update_fields=["email"])
    return user_with_role("station_officer", tree.cusco_station)


def receivers(complaint):
    return {a.unit.code for a in complaint.alerts.all()}


def test_a_trafficking_complaint_alerts_the_regional_unit_and_the_national_division(officer):
    complaint = sent_complaint(officer)
    assert receivers(complaint) == {"DEPINTRAP-CUSCO", "DIVINTRAP"}


def test_alerts_carry_the_classifiers_priority(officer):
    complaint = sent_complaint(officer)
    assert {a.priority for a in complaint.alerts.all()} == {"urgent"}


def test_alerts_are_pending_until_delivered(officer):
    complaint = sent_complaint(officer)
    assert all(a.delivered_at is None for a in complaint.alerts.all())


def test_a_related_crime_notifies_only_the_regional_unit_with_normal_priority(officer):
    complaint = sent_complaint(officer, acts=[], means=[], purposes=[], related=["proxenetismo"])
    (notice,) = complaint.alerts.all()
    assert (notice.unit.code, notice.kind, notice.priority) == (
        "DEPINTRAP-CUSCO",
        "notice",
        "normal",
    )


def test_a_complaint_that_is_neither_creates_no_alert(officer):
    complaint = sent_complaint(officer, acts=[], means=[], purposes=[])
    assert not complaint.alerts.exists()


def test_facts_in_a_department_without_its_own_unit_alert_the_directorate_above(tree, officer):
    complaint = sent_complaint(officer, district=District.objects.get(code="170101"))
    assert "DEPINTRAP-CUSCO" in receivers(complaint)


def test_an_alert_route_in_force_decides_who_receives_alerts(tree, officer):
    AlertRoute.objects.create(
        department_id="08", unit=tree.cusco_directorate, valid_from=date(2020, 1, 1)
    )
    assert "DIRTEPOL-CUSCO" in receivers(sent_complaint(officer))


def test_an_alert_route_no_longer_in_force_is_ignored(tree, officer):
    AlertRoute.objects.create(
        department_id="08",
        unit=tree.cusco_directorate,
        valid_from=date(2020, 1, 1),
        valid_to=date(2021, 1, 1),
    )
    assert "DEPINTRAP-CUSCO" in receivers(sent_complaint(officer))


@pytest.fixture
def alert(officer):
    return sent_complaint(officer).alerts.get(unit__code="DEPINTRAP-CUSCO")


def test_delivering_shows_the_alert_and_sends_one_mail(alert):
    assert services.alert_deliver(alert.pk)
    alert.refresh_from_db()
    assert alert.delivered_at is not None and len(mail.outbox) == 1


def test_delivering_twice_sends_one_mail(alert):
    services.alert_deliver(alert.pk)
    services.alert_deliver(alert.pk)
    assert len(mail.outbox) == 1 and Delivery.objects.filter(alert=alert).count() == 1


def test_the_mail_carries_no_personal_data_of_the_victim(alert):
    services.alert_deliver(alert.pk)
    message = mail.outbox[0]
    text = message.subject + message.body
    assert alert.complaint.number in text and "Cusco" in text
    assert "María" not in text and "Huamaní" not in text


def test_a_unit_without_an_address_gets_the_alert_without_mail(officer):
    complaint = sent_complaint(officer)
    national = complaint.alerts.get(unit__code="DIVINTRAP")
    assert services.alert_deliver(national.pk) and mail.outbox == []


def test_a_delivery_that_dies_midway_is_delivered_by_the_next_attempt(alert, monkeypatch):
    def crash(alert):
        raise ConnectionResetError("worker killed")

    monkeypatch.setattr(services, "_mail", crash)
    with pytest.raises(ConnectionResetError):
        services.alert_deliver(alert.pk)
    monkeypatch.undo()
    assert services.relay_pending() >= 1
    assert Delivery.objects.filter(alert=alert).count() == 1 and len(mail.outbox) == 1


def test_the_delivery_task_is_acknowledged_late_and_requeued_if_the_worker_is_lost():
    assert deliver_alert.acks_late and deliver_alert.reject_on_worker_lost


def test_the_relay_delivers_every_pending_alert_once(officer):
    complaint = sent_complaint(officer)
    assert services.relay_pending() == 2
    assert services.relay_pending() == 0
    assert complaint.alerts.filter(delivered_at__isnull=True).count() == 0


def test_sending_with_the_broker_down_saves_the_complaint_and_keeps_alerts_pending(
    client, officer, settings, django_capture_on_commit_callbacks
):
    from tests.reporting.test_complaint_pages import form_data

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    sign_in_verified(client, officer)
    data = {**form_data(unit=officer.unit.pk), "action": "send", "confirm": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaint-new"), data)
    assert response.status_code == 302
    assert Alert.objects.filter(delivered_at__isnull=True).count() == 2


def test_an_unacknowledged_urgent_alert_is_escalated_after_two_hours(alert):
    services.alert_deliver(alert.pk)
    with time_machine.travel(timezone.now() + timedelta(hours=2, minutes=5), tick=False):
        assert services.escalate_overdue() >= 1
    upper = Alert.objects.get(escalated_from=alert)
    assert upper.unit.code == "DIRTEPOL-CUSCO" and upper.kind == "escalation"


def test_an_acknowledged_alert_is_not_escalated(alert, officer):
    services.alert_deliver(alert.pk)
    services.alert_acknowledge(alert=alert, user=officer)
    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=False):
        services.escalate_overdue()
    assert not Alert.objects.filter(escalated_from=alert).exists()


def test_an_alert_is_not_escalated_before_its_time(alert):
    services.alert_deliver(alert.pk)
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        assert services.escalate_overdue() == 0


@pytest.fixture
def investigator(client, tree, alert):
    user = user_with_role("regional_investigator", tree.cusco_department)
    services.relay_pending()
    sign_in_verified(client, user)
    return user


def test_every_page_shows_the_count_of_open_alerts(client, investigator):
    page = client.get(reverse("home"))
    assert page.context["open_alerts"] == 1


def test_the_count_of_open_alerts_is_remembered_while_other_units_receive_theirs(
    client, investigator, officer, tree, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("home"))
    puno = user_with_role("station_officer", tree.puno_station)
    sent_complaint(puno, district=District.objects.get(code="210101"))
    services.relay_pending()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home"))
    assert page.context["open_alerts"] == 1
    assert not [q for q in queries.captured_queries if '"alerts_alert"' in q["sql"]]


def test_an_alert_delivered_to_the_unit_counts_at_once(client, investigator, officer):
    client.get(reverse("home"))
    sent_complaint(officer)
    services.relay_pending()
    assert client.get(reverse("home")).context["open_alerts"] == 2


def test_an_alert_acknowledged_leaves_the_count_at_once(client, investigator, alert):
    client.get(reverse("home"))
    alert.refresh_from_db()
    services.alert_acknowledge(alert=alert, user=investigator)
    assert client.get(reverse("home")).context["open_alerts"] == 0


def test_the_inbox_lists_the_units_alerts(client, investigator, alert):
    page = client.get(reverse("alert-inbox"))
    assert [a.pk for a in page.context["page"]] == [alert.pk]


def test_acknowledging_an_alert_is_audited(client, investigator, alert):
    client.post(reverse("alert-act", kwargs={"pk": alert.pk}), {"action": "acknowledge"})
    alert.refresh_from_db()
    assert alert.status == "acknowledged" and alert.acknowledged_by == investigator
    assert AuditEvent.objects.filter(object_id=str(alert.pk), detail="acknowledge").exists()


def test_taking_an_alert_shows_who_is_on_it(client, investigator, alert):
    client.post(reverse("alert-act", kwargs={"pk": alert.pk}), {"action": "take"})
    alert.refresh_from_db()
    assert alert.status == "taken" and alert.taken_by == investigator


def test_a_note_is_added_to_an_alert(client, investigator, alert):
    client.post(
        reverse("alert-act", kwargs={"pk": alert.pk}),
        {"action": "note", "text": "Coordinando con fiscalía"},
    )
    assert alert.notes.get().text == "Coordinando con fiscalía"


def test_an_empty_note_is_refused_with_a_message(client, investigator, alert):
    response = client.post(
        reverse("alert-act", kwargs={"pk": alert.pk}), {"action": "note", "text": ""}
    )
    assert response.status_code == 400 and not alert.notes.exists()


def test_the_national_division_sees_alerts_by_region(client, tree, alert):
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))
    rows = client.get(reverse("alert-monitoring")).context["rows"]
    assert rows[0]["complaint__department__name"] == "Cusco" and rows[0]["total"] == 2


def test_administrators_see_pending_deliveries_flagged_after_five_minutes(client, tree, alert):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=False):
        page = client.get(reverse("alert-deliveries")).content.decode()
    assert alert.complaint.number in page and 'class="badge urgent"' in page


def test_the_unit_alerted_for_facts_in_its_region_can_open_the_complaint(client, tree, officer):
    complaint = sent_complaint(officer, district=District.objects.get(code="210101"))
    assert "DEPINTRAP-PUNO" in receivers(complaint)
    sign_in_verified(client, user_with_role("regional_investigator", tree.puno_department))
    url = reverse("complaint-detail", kwargs={"pk": complaint.pk})
    assert client.get(url).status_code == 200


def test_a_correction_that_makes_it_trafficking_raises_the_alerts(tree, officer):
    from reporting.services import complaint_correct
    from tests.factories import complaint_input

    complaint = sent_complaint(officer, acts=[], means=[], purposes=[])
    admin = user_with_role("administrator", tree.divintrap)
    complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="Faltaba marcar la conducta",
        data=complaint_input(),
    )
    assert receivers(complaint) == {"DEPINTRAP-CUSCO", "DIVINTRAP"}


def test_only_those_who_work_cases_act_on_an_alert(client, tree, alert):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    response = client.post(reverse("alert-act", kwargs={"pk": alert.pk}), {"action": "acknowledge"})
    alert.refresh_from_db()
    assert response.status_code == 404 and alert.acknowledged_at is None
