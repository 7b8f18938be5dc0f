"""The audit as administrators read it: the last verification and its result, the nightly
verification alarm, reports by user, unit, record, period and action, the audited CSV
export, "who viewed this complaint and its victims", and the corrections of locked
records with their reasons and before/after."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from administration import integrity
from administration.audit_reports import AuditFilters, apply_filters, events_for
from administration.models import AuditEvent
from administration.tasks import verify_audit
from reporting.services import ComplaintInput, complaint_correct
from tests.factories import sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap, username="admin", email="a@pnp.pe")


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station, username="oficial")


@pytest.fixture
def complaint(officer):
    return sent_complaint(officer)


def page_of(client, user, url, data=None):
    sign_in_verified(client, user)
    return client.get(url, data or {}).content.decode()


def test_the_nightly_verification_is_recorded_with_its_result(tree, admin, tmp_path, settings):
    settings.AUDIT_HEAD_FILE = tmp_path / "heads.jsonl"
    verify_audit()
    event = AuditEvent.objects.filter(action="verify").latest("seq")
    assert event.outcome == "success"


def test_the_administrators_home_shows_when_the_audit_was_last_verified(
    client, tree, admin, tmp_path, settings
):
    settings.AUDIT_HEAD_FILE = tmp_path / "heads.jsonl"
    verify_audit()
    page = page_of(client, admin, reverse("home"))
    assert "Última verificación" in page and "todas las filas son auténticas" in page


def test_a_failed_verification_alerts_the_national_division(
    tree, admin, tmp_path, settings, monkeypatch
):
    settings.AUDIT_HEAD_FILE = tmp_path / "heads.jsonl"
    tree.divintrap.email = "divintrap@pnp.gob.pe"
    tree.divintrap.save(update_fields=["email"])
    real = integrity.verify_chain

    def forged(model, report, heads):
        report.problem("audit event seq=7: signature does not match")
        return real(model, report, heads)

    monkeypatch.setattr(integrity, "verify_chain", forged)
    verify_audit()
    (message,) = mail.outbox
    assert {"divintrap@pnp.gob.pe", "a@pnp.pe"} <= set(message.to)
    assert "seq=7" in message.body
    assert AuditEvent.objects.filter(action="verify").latest("seq").outcome == "failure"


def test_a_failed_verification_shows_on_the_administrators_home(
    client, tree, admin, tmp_path, settings, monkeypatch
):
    settings.AUDIT_HEAD_FILE = tmp_path / "heads.jsonl"
    monkeypatch.setattr(
        integrity, "verify_signed_rows", lambda report: report.problem("history row forged")
    )
    verify_audit()
    assert "SE ENCONTRARON PROBLEMAS" in page_of(client, admin, reverse("home"))


def test_the_report_by_user_has_only_that_users_rows(tree, admin, officer, complaint):
    rows = apply_filters(events_for(admin), AuditFilters(username="oficial"))
    assert rows.exists() and set(rows.values_list("username", flat=True)) == {"oficial"}


def test_the_report_by_unit_and_action(tree, admin, officer, complaint):
    rows = apply_filters(events_for(admin), AuditFilters(unit_code="CPNP-CUSCO", action="create"))
    assert list(rows.values_list("object_id", flat=True)) == [str(complaint.pk)]


def test_the_report_by_period_leaves_out_other_days(tree, admin, officer, complaint):
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert not apply_filters(events_for(admin), AuditFilters(since=tomorrow)).exists()


def test_everyone_who_saw_a_complaint_is_on_its_trail(client, tree, admin, officer, complaint):
    investigator = user_with_role("regional_investigator", tree.cusco_department, username="inv")
    sign_in_verified(client, investigator)
    client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk}))
    client.logout()
    page = page_of(client, admin, reverse("complaint-audit", kwargs={"pk": complaint.pk}))
    assert "inv" in page and "oficial" in page


def test_the_complaint_page_links_to_who_viewed_it_for_the_national_division(
    client, tree, complaint
):
    national = user_with_role("national_investigator", tree.divintrap)
    page = page_of(client, national, reverse("complaint-detail", kwargs={"pk": complaint.pk}))
    assert reverse("complaint-audit", kwargs={"pk": complaint.pk}) in page


def test_a_station_officer_has_no_link_and_no_page_of_who_viewed(client, officer, complaint):
    page = page_of(client, officer, reverse("complaint-detail", kwargs={"pk": complaint.pk}))
    assert reverse("complaint-audit", kwargs={"pk": complaint.pk}) not in page
    response = client.get(reverse("complaint-audit", kwargs={"pk": complaint.pk}))
    assert response.status_code == 404


def test_the_csv_export_has_the_rows_and_is_itself_audited(client, tree, admin, complaint):
    sign_in_verified(client, admin)
    response = client.get(reverse("audit-export"), {"username": "oficial"})
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("fecha y hora,usuario,unidad")
    assert "oficial" in body
    assert AuditEvent.objects.filter(action="export", username="admin").exists()


def test_a_regional_administrator_reads_only_the_audit_of_their_subtree(tree, officer, complaint):
    puno = user_with_role("station_officer", tree.puno_station, username="puneno")
    sent_complaint(puno)
    regional = user_with_role("regional_administrator", tree.cusco_directorate)
    usernames = set(events_for(regional).values_list("username", flat=True))
    assert "oficial" in usernames and "puneno" not in usernames


def test_the_corrections_list_shows_the_reason_and_before_and_after(client, tree, admin, complaint):
    complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="El relato tenía un error de fecha.",
        data=ComplaintInput(
            fields={"narrative": "Relato corregido por la administración."},
            victims=[{"id": v.pk} for v in complaint.victims.all()],
            suspects=[{"id": s.pk} for s in complaint.suspects.all()],
        ),
    )
    page = page_of(client, admin, reverse("correction-list"))
    assert "El relato tenía un error de fecha." in page
    assert "Relato corregido por la administración." in page
    assert "Le ofrecieron trabajo de mesera" in page


def test_the_audit_report_page_is_for_audit_readers_only(client, officer):
    sign_in_verified(client, officer)
    assert client.get(reverse("audit-report")).status_code == 404
