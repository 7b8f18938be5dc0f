from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from reporting.models import Complaint, Correction, RowChange, Victim
from reporting.models.complaints import LockedRecordError
from reporting.rules import RULES_VERSION
from reporting.services import complaint_correct, complaint_save_draft, complaint_send
from tests.factories import complaint_input, sent_complaint, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap)


@pytest.fixture
def complaint(officer):
    return sent_complaint(officer)


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_sending_gives_the_national_number_of_the_year(complaint):
    assert complaint.number == f"RETA-{timezone.localdate().year}-000001"


def test_sending_stores_the_verdict_with_the_rules_version(complaint):
    assert (complaint.verdict, complaint.priority, complaint.rules_version) == (
        "trafficking",
        "urgent",
        RULES_VERSION,
    )
    # The girl of 16: the first degree of art. 129-B.
    assert complaint.verdict_detail["article"] == "129-B"


def test_the_stored_reasons_are_in_spanish(complaint):
    assert complaint.verdict_detail["reasons"][0].startswith("Posible caso de trata")


def test_numbers_follow_each_other(officer, complaint):
    assert sent_complaint(officer).number.endswith("-000002")


def test_a_failed_send_leaves_no_gap_in_the_numbers(officer, complaint):
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input(victims=[]))
    with pytest.raises(ValidationError):
        complaint_send(complaint_id=draft.pk, user=officer)
    assert sent_complaint(officer).number.endswith("-000002")


def test_sending_twice_creates_one_complaint_with_one_number(officer):
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    first = complaint_send(complaint_id=draft.pk, user=officer)
    second = complaint_send(complaint_id=draft.pk, user=officer)
    assert first.number == second.number and Complaint.objects.count() == 1


def test_a_resubmitted_first_save_lands_on_the_same_draft(officer):
    key = "6f1c3a8e-2f67-4f7e-9d65-0a4bd1e5a001"
    one = complaint_save_draft(
        user=officer, unit=officer.unit, data=complaint_input(), draft_key=key
    )
    two = complaint_save_draft(
        user=officer, unit=officer.unit, data=complaint_input(), draft_key=key
    )
    assert one.pk == two.pk and Complaint.objects.count() == 1


def test_sending_without_victims_is_refused_with_a_message(officer):
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input(victims=[]))
    with pytest.raises(ValidationError, match="víctima|victim"):
        complaint_send(complaint_id=draft.pk, user=officer)


def test_a_date_of_facts_in_the_future_cannot_be_sent(officer):
    draft = complaint_save_draft(
        user=officer, unit=officer.unit, data=complaint_input(date_of_facts=date(2099, 1, 1))
    )
    with pytest.raises(ValidationError):
        complaint_send(complaint_id=draft.pk, user=officer)


def test_saving_a_sent_complaint_through_the_orm_fails(complaint):
    complaint.narrative = "cambiado después"
    with pytest.raises(DatabaseError), transaction.atomic():
        complaint.save()


def test_a_queryset_update_is_refused(complaint):
    with pytest.raises(LockedRecordError):
        Complaint.objects.filter(pk=complaint.pk).update(narrative="cambiado")


def test_a_raw_sql_update_by_the_application_role_fails(complaint):
    with pytest.raises(DatabaseError):
        raw("UPDATE reporting_complaint SET narrative = 'x' WHERE id = %s", [complaint.pk])


def test_a_raw_sql_delete_fails(complaint):
    with pytest.raises(DatabaseError):
        raw("DELETE FROM reporting_complaint WHERE id = %s", [complaint.pk])


def test_a_victim_of_a_sent_complaint_cannot_be_changed(complaint):
    with pytest.raises(DatabaseError):
        raw("UPDATE reporting_victim SET age = 30 WHERE complaint_id = %s", [complaint.pk])


def test_a_victim_cannot_be_added_to_a_sent_complaint(complaint):
    with pytest.raises(DatabaseError), transaction.atomic():
        Victim.objects.create(complaint=complaint, first_names="Nueva", sex="F")


def test_a_suspect_of_a_sent_complaint_cannot_be_deleted(complaint):
    with pytest.raises(DatabaseError):
        raw("DELETE FROM reporting_suspect WHERE complaint_id = %s", [complaint.pk])


def test_a_trigger_bypass_setting_set_by_hand_does_not_open_the_lock(complaint):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL pgtrigger.ignore = 'reporting_complaint:complaint_lock'")
        cursor.execute("SET LOCAL reta.correction = 'on'")
        cursor.execute(
            "UPDATE reporting_complaint SET narrative = 'x' WHERE id = %s", [complaint.pk]
        )


def test_the_application_role_cannot_switch_triggers_off_with_replication_role(complaint):
    with pytest.raises(DatabaseError):
        raw("SET LOCAL session_replication_role = replica")


def test_a_correction_row_by_someone_who_may_not_correct_does_not_open_the_lock(complaint, officer):
    with pytest.raises(DatabaseError), transaction.atomic():
        Correction.objects.create(
            complaint=complaint, corrected_by=officer, reason="quiero cambiarlo"
        )
        raw("UPDATE reporting_complaint SET narrative = 'x' WHERE id = %s", [complaint.pk])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_correction_row_of_another_transaction_does_not_open_the_lock(complaint, admin):
    Correction.objects.create(complaint=complaint, corrected_by=admin, reason="corrección previa")
    with pytest.raises(DatabaseError):
        raw("UPDATE reporting_complaint SET narrative = 'x' WHERE id = %s", [complaint.pk])


def test_an_administrator_corrects_with_a_reason_and_the_verdict_is_recomputed(complaint, admin):
    data = complaint_input(purposes=[], related=["proxenetismo"])
    corrected = complaint_correct(
        complaint_id=complaint.pk, by=admin, reason="Se marcó la finalidad por error", data=data
    )
    assert (corrected.verdict, corrected.number) == ("related", complaint.number)


def test_a_correction_needs_a_reason(complaint, admin):
    with pytest.raises(ValidationError):
        complaint_correct(complaint_id=complaint.pk, by=admin, reason="  ", data=complaint_input())


def test_only_an_administrator_may_correct(complaint, officer):
    with pytest.raises(PermissionError):
        complaint_correct(
            complaint_id=complaint.pk,
            by=officer,
            reason="Me equivoqué de edad",
            data=complaint_input(),
        )


def test_a_correction_keeps_before_and_after_with_the_reason(complaint, admin):
    data = complaint_input(narrative="Relato corregido por el administrador.")
    complaint_correct(complaint_id=complaint.pk, by=admin, reason="Error de digitación", data=data)
    latest, before = complaint.history.all()[:2]
    assert latest.history_change_reason == "Error de digitación"
    assert latest.narrative == "Relato corregido por el administrador."
    assert before.narrative.startswith("Le ofrecieron trabajo")


def test_the_version_as_first_sent_stays_readable(complaint, admin):
    complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="Error de digitación",
        data=complaint_input(narrative="otro relato"),
    )
    first = complaint.history.get(history_change_reason="sent")
    assert first.narrative.startswith("Le ofrecieron trabajo")


def test_every_change_of_a_sent_complaint_is_in_the_database_log(complaint, admin):
    complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="Edad mal registrada",
        data=complaint_input(victims=[{"id": complaint.victims.get().pk, "age": 17}]),
    )
    changes = RowChange.objects.filter(operation="UPDATE")
    assert {c.table for c in changes} >= {"reporting_complaint", "reporting_victim"}
    victim_change = changes.get(table="reporting_victim")
    assert (victim_change.old["age"], victim_change.new["age"]) == (16, 17)


def test_the_database_log_of_changes_cannot_be_altered(complaint):
    with pytest.raises(DatabaseError):
        raw("DELETE FROM reporting_rowchange")


def test_a_correction_is_written_to_the_audit_log(complaint, admin):
    from administration.models import AuditEvent

    complaint_correct(
        complaint_id=complaint.pk, by=admin, reason="Error de digitación", data=complaint_input()
    )
    event = AuditEvent.objects.get(action="correction")
    assert (event.object_id, event.username) == (str(complaint.pk), admin.username)


def test_the_application_role_cannot_create_a_look_alike_temporary_table(complaint):
    with pytest.raises(DatabaseError):
        raw("CREATE TEMP TABLE reporting_correction (LIKE public.reporting_correction)")


def test_the_lock_functions_read_only_the_real_tables():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_proc WHERE proname LIKE 'reporting_%%' "
            "AND NOT ('search_path=pg_catalog, public' = ANY(coalesce(proconfig, '{}')))"
        )
        assert cursor.fetchone()[0] == 0
