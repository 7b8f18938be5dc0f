"""PostgreSQL's guards around the send: children added during a send, and the national
number's counter, tried with the application's own role."""

import os
import threading

import dj_database_url
import psycopg2
import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from reporting.models import Complaint, Victim
from reporting.services import complaint_save_draft, complaint_send
from tests.factories import complaint_input, sent_complaint, user_with_role

YEAR = timezone.localdate().year


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


def run(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_a_counter_cannot_jump_ahead(officer):
    sent_complaint(officer)
    with pytest.raises(DatabaseError, match="moves on by one"):
        run("UPDATE reporting_complaintnumber SET last = last + 5")


@pytest.mark.django_db
def test_a_counter_cannot_go_back_to_reuse_a_number(officer):
    sent_complaint(officer)
    with pytest.raises(DatabaseError, match="moves on by one"):
        run("UPDATE reporting_complaintnumber SET last = last - 1")


@pytest.mark.django_db
def test_a_counter_cannot_be_removed(officer):
    sent_complaint(officer)
    with pytest.raises(DatabaseError, match="moves on by one"):
        run("DELETE FROM reporting_complaintnumber")


@pytest.mark.django_db
def test_a_counter_starts_at_zero():
    with pytest.raises(DatabaseError, match="starts at 0"):
        run("INSERT INTO reporting_complaintnumber (year, last) VALUES (2031, 500)")


@pytest.mark.django_db
def test_a_document_counter_moves_on_by_one_only(tree):
    run(
        "INSERT INTO reporting_documentcounter (unit_id, year, series, last)"
        " VALUES (%s, 2026, 'OFICIO', 0)",
        [tree.cusco_station.pk],
    )
    with pytest.raises(DatabaseError, match="moves on by one"):
        run("UPDATE reporting_documentcounter SET last = 40")


@pytest.mark.django_db
def test_the_national_counter_moves_only_within_a_send(officer):
    sent_complaint(officer)
    with pytest.raises(DatabaseError, match="in its send"):
        run("UPDATE reporting_complaintnumber SET last = last + 1")


@pytest.mark.django_db
def test_the_send_takes_the_next_number_of_the_counter(officer):
    sent_complaint(officer)
    assert sent_complaint(officer).number == f"RETA-{YEAR}-000002"


@pytest.mark.django_db
def test_a_complaint_is_never_inserted_already_sent(officer):
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    with pytest.raises(DatabaseError, match="written as a draft"):
        run(
            "INSERT INTO reporting_complaint (draft_key, status, number, sent_at, channel,"
            " unit_id, registered_by_unit_id, registered_by_id, place_detail, complainant_kind,"
            " complainant_name, complainant_document, complainant_phone, officer_name,"
            " officer_cip, narrative, acts, means, purposes, related, aggravating, verdict,"
            " priority, rules_version, created_at, updated_at) SELECT gen_random_uuid(), 'sent',"
            " 'RETA-2026-999999', now(), channel, unit_id, registered_by_unit_id,"
            " registered_by_id, '', '', '', '', '', '', '', '', '{}', '{}', '{}', '{}', '{}', '',"
            " '', '', now(), now() FROM reporting_complaint WHERE id = %s",
            [draft.pk],
        )


@pytest.mark.django_db
def test_a_draft_cannot_be_sent_with_a_number_of_its_own_choosing(officer):
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    with pytest.raises(DatabaseError, match="the next national number"):
        run(
            "UPDATE reporting_complaint SET status = 'sent', number = %s, sent_at = now()"
            " WHERE id = %s",
            [f"RETA-{YEAR}-000777", draft.pk],
        )


# --- A victim added while the complaint is being sent ---------------------------------


def app_connection():
    settings = dj_database_url.parse(os.environ["DATABASE_URL"])
    return psycopg2.connect(
        dbname=connection.settings_dict["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )


def waiting_for_a_row_lock(pid: int) -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = %s AND wait_event_type = 'Lock'",
            [pid],
        )
        return cursor.fetchone()[0] == 1


def lock_waiters() -> list[int]:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        return [row[0] for row in cursor.fetchall()]


def wait_until(condition) -> bool:
    for _attempt in range(20_000):
        if condition():
            return True
    return False


INSERT_VICTIM = (
    "INSERT INTO reporting_victim (complaint_id, position, first_names, last_names, sex,"
    " nationality, document_type, document_number, unidentified, age, age_is_estimate,"
    " disability, relation_to_suspect, rescued)"
    " VALUES (%s, 9, 'Colada', 'Durante el Envío', 'F', '', '', '', false, 15, false, false,"
    " '', false)"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_victim_inserted_while_the_complaint_is_sent_is_refused(officer):
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    sender, intruder = app_connection(), app_connection()
    outcome = {}

    def insert_victim():
        try:
            with intruder, intruder.cursor() as cursor:
                cursor.execute(INSERT_VICTIM, [draft.pk])
            outcome["inserted"] = True
        except psycopg2.Error as error:
            outcome["refused"] = str(error)

    try:
        # The send (as complaint_send does it): lock the complaint, take the number, send.
        with sender.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM reporting_complaint WHERE id = %s FOR UPDATE", [draft.pk]
            )
            number = f"RETA-{YEAR}-000001"
            thread = threading.Thread(target=insert_victim)
            thread.start()
            assert wait_until(lambda: waiting_for_a_row_lock(intruder.get_backend_pid()))
            cursor.execute(
                "UPDATE reporting_complaint SET status = 'sent', number = %s, sent_at = now()"
                " WHERE id = %s",
                [number, draft.pk],
            )
        sender.commit()
        thread.join(timeout=30)
    finally:
        sender.close()
        intruder.close()
    assert "sent and locked" in outcome.get("refused", "")
    assert not Victim.objects.filter(first_names="Colada").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_send_waits_for_a_victim_being_added_and_records_it(officer):
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    intruder = app_connection()
    sent = {}

    def send():
        sent["complaint"] = complaint_send(complaint_id=draft.pk, user=officer)
        connections.close_all()

    try:
        with intruder.cursor() as cursor:
            cursor.execute(INSERT_VICTIM, [draft.pk])
        thread = threading.Thread(target=send)
        thread.start()
        assert wait_until(lock_waiters)
        intruder.commit()
        thread.join(timeout=30)
    finally:
        intruder.close()
    victim = Victim.objects.get(first_names="Colada")
    assert Complaint.objects.get(pk=draft.pk).is_sent
    assert Victim.history.filter(id=victim.pk, history_change_reason="sent").exists()
