"""Rotation as one action: the assignment ends on a date and everything the officer held
is handed over, listed first on a confirmation page; nothing is left orphaned."""

from datetime import date

import pytest
from django.urls import reverse

from administration import rotation
from administration.models import AuditEvent, RotationItem, UnitAssignment
from alerts.models import Alert
from alerts.services import alert_take
from reporting.models import Complaint
from reporting.services import complaint_save_draft, document_issue
from tests.factories import complaint_input, sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap)


@pytest.fixture
def leaving(tree):
    return user_with_role("regional_investigator", tree.cusco_department, last_name="Saliente")


@pytest.fixture
def successor(tree):
    return user_with_role("regional_investigator", tree.cusco_department, last_name="Sucesora")


@pytest.fixture
def holdings(tree, leaving):
    """A draft, an alert taken and a request waiting for its answer."""
    station = user_with_role("station_officer", tree.cusco_station)
    complaint = sent_complaint(station)
    alert = alert_take(alert=complaint.alerts.get(unit=tree.cusco_department), user=leaving)
    draft = complaint_save_draft(user=leaving, unit=leaving.unit, data=complaint_input())
    request = document_issue(
        complaint=complaint, user=leaving, kind="medico", victim=complaint.victims.first()
    )
    return {"alert": alert, "draft": draft, "request": request}


def rotate(leaving, admin, *, to_unit, successor, ended_on=date(2026, 11, 30)):
    held = rotation.held_work(leaving)
    return rotation.rotation_perform(
        user=leaving,
        ended_on=ended_on,
        to_unit=to_unit,
        role=None,
        successor=successor,
        by=admin,
        confirmed=rotation.fingerprint(held),
    )


def test_the_confirmation_lists_every_kind_of_thing_the_officer_holds(leaving, holdings):
    held = {holder.kind: items for holder, items in rotation.held_work(leaving)}
    assert [i.object_id for i in held["draft"]] == [holdings["draft"].pk]
    assert [i.object_id for i in held["alert"]] == [holdings["alert"].pk]
    assert [i.object_id for i in held["document_request"]] == [holdings["request"].pk]


def test_after_the_rotation_the_officer_holds_nothing(tree, admin, leaving, successor, holdings):
    rotate(leaving, admin, to_unit=tree.puno_department, successor=successor)
    assert all(not items for _holder, items in rotation.held_work(leaving))


def test_the_successor_holds_the_drafts_and_the_alerts(tree, admin, leaving, successor, holdings):
    rotate(leaving, admin, to_unit=tree.puno_department, successor=successor)
    assert Complaint.objects.get(pk=holdings["draft"].pk).registered_by == successor
    assert Alert.objects.get(pk=holdings["alert"].pk).taken_by == successor


def test_every_item_handed_over_is_recorded_with_who_received_it(
    tree, admin, leaving, successor, holdings
):
    rotate(leaving, admin, to_unit=tree.puno_department, successor=successor)
    items = RotationItem.objects.all()
    assert {i.kind for i in items} == {"draft", "alert", "document_request"}
    assert {i.to_user for i in items} == {successor}


def test_the_assignment_ends_on_the_date_and_the_new_one_starts_the_next_day(
    tree, admin, leaving, successor, holdings
):
    rotate(leaving, admin, to_unit=tree.puno_department, successor=successor)
    old = UnitAssignment.objects.get(user=leaving, unit=tree.cusco_department)
    new = UnitAssignment.objects.get(user=leaving, ended__isnull=True)
    assert (old.ended, new.unit, new.started) == (
        date(2026, 11, 30),
        tree.puno_department,
        date(2026, 12, 1),
    )


def test_alerts_handed_to_the_unit_go_back_to_its_inbox(tree, admin, leaving):
    station = user_with_role("station_officer", tree.cusco_station)
    complaint = sent_complaint(station)
    alert = alert_take(alert=complaint.alerts.get(unit=tree.cusco_department), user=leaving)
    rotate(leaving, admin, to_unit=tree.puno_department, successor=None)
    alert.refresh_from_db()
    assert (alert.status, alert.taken_by, alert.unit) == (
        "acknowledged",
        None,
        tree.cusco_department,
    )


def test_drafts_are_never_handed_to_nobody(tree, admin, leaving, holdings):
    with pytest.raises(ValueError):
        rotate(leaving, admin, to_unit=tree.puno_department, successor=None)
    assert Complaint.objects.get(pk=holdings["draft"].pk).registered_by == leaving


def test_something_new_held_after_the_confirmation_page_stops_the_rotation(
    tree, admin, leaving, successor
):
    listed = rotation.fingerprint(rotation.held_work(leaving))
    complaint_save_draft(user=leaving, unit=leaving.unit, data=complaint_input())
    with pytest.raises(rotation.HandoverChanged):
        rotation.rotation_perform(
            user=leaving,
            ended_on=date(2026, 11, 30),
            to_unit=tree.puno_department,
            role=None,
            successor=successor,
            by=admin,
            confirmed=listed,
        )


def test_leaving_without_a_new_unit_closes_the_account(tree, admin, leaving):
    rotate(leaving, admin, to_unit=None, successor=None)
    leaving.refresh_from_db()
    assert not leaving.is_active
    assert not UnitAssignment.objects.filter(user=leaving, ended__isnull=True).exists()


def test_the_rotation_is_in_the_audit_log(tree, admin, leaving, successor, holdings):
    rotate(leaving, admin, to_unit=tree.puno_department, successor=successor)
    event = AuditEvent.objects.get(object_type="administration.rotation")
    assert "items=3" in event.detail and event.username == admin.username


def test_the_confirmation_page_lists_the_handover_before_anything_happens(
    client, tree, admin, leaving, successor, holdings
):
    sign_in_verified(client, admin)
    response = client.post(
        reverse("user-rotate", kwargs={"pk": leaving.pk}),
        {
            "ended_on": "30/11/2026",
            "to_unit": tree.puno_department.pk,
            "successor": successor.pk,
        },
    )
    page = response.content.decode()
    assert "Confirmar la rotación" in page and holdings["request"].number in page
    assert Complaint.objects.get(pk=holdings["draft"].pk).registered_by == leaving


def test_confirming_the_page_rotates(client, tree, admin, leaving, successor, holdings):
    sign_in_verified(client, admin)
    data = {"ended_on": "30/11/2026", "to_unit": tree.puno_department.pk, "successor": successor.pk}
    data["confirmed"] = rotation.fingerprint(rotation.held_work(leaving))
    response = client.post(reverse("user-rotate", kwargs={"pk": leaving.pk}), data)
    leaving.refresh_from_db()
    assert response.status_code == 302 and leaving.unit == tree.puno_department
