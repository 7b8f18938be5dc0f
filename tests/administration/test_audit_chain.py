"""The audit log is a signed hash chain; history rows and corrections are signed."""

import logging
import threading

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from administration import integrity
from administration.audit import Action, audit_record
from administration.models import AuditEvent
from administration.tasks import export_audit_chain_head
from reporting.models import Correction, RowChange, Victim
from reporting.services import ComplaintInput, complaint_correct
from tests.factories import sent_complaint, sign_in_verified, user_with_role


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap)


def correct(complaint, admin, **fields):
    return complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="Corrección pedida por la fiscalía.",
        data=ComplaintInput(
            fields=fields,
            victims=[{"id": v.pk} for v in complaint.victims.all()],
            suspects=[{"id": s.pk} for s in complaint.suspects.all()],
        ),
    )


@pytest.mark.django_db
def test_each_event_links_to_the_one_before_it(officer):
    first = audit_record(action=Action.VIEW, user=officer)
    second = audit_record(action=Action.VIEW, user=officer)
    assert (second.seq, second.prev_hash) == (first.seq + 1, first.row_hash)


@pytest.mark.django_db
def test_the_first_event_follows_the_genesis_hash(officer):
    audit_record(action=Action.VIEW, user=officer)
    assert AuditEvent.objects.get(seq=1).prev_hash == integrity.GENESIS


@pytest.mark.django_db
def test_an_event_is_signed_with_the_key_outside_the_database(officer, settings):
    event = audit_record(action=Action.VIEW, user=officer)
    assert event.signature == integrity.event_signature(event.row_hash)
    settings.AUDIT_SIGNING_KEY = "another key entirely, held by nobody"
    assert event.signature != integrity.event_signature(event.row_hash)


@pytest.mark.django_db
def test_the_correction_event_vouches_for_the_rows_its_transaction_wrote(officer, admin):
    complaint = sent_complaint(officer)
    correct(complaint, admin, narrative="Relato completado por la fiscalía.")
    event = AuditEvent.objects.get(action=Action.CORRECTION)
    vouched = {(table, row_id) for table, row_id, _digest in event.covers}
    correction = Correction.objects.get()
    changes = RowChange.objects.filter(txid=correction.txid)
    assert ("reporting_correction", correction.pk) in vouched
    assert {("reporting_rowchange", c.pk) for c in changes} <= vouched and changes.exists()


@pytest.mark.django_db
def test_a_correction_is_signed_by_the_application(officer, admin):
    correct(sent_complaint(officer), admin, narrative="Relato completado por la fiscalía.")
    assert integrity.row_signature_is_valid(Correction.objects.get())


@pytest.mark.django_db
def test_history_rows_are_signed_when_they_are_written(officer):
    complaint = sent_complaint(officer)
    rows = [*complaint.history.all(), *Victim.history.filter(complaint_id=complaint.pk)]
    assert rows and all(integrity.row_signature_is_valid(row) for row in rows)


@pytest.mark.django_db
def test_the_history_page_marks_an_entry_not_signed_by_reta(client, officer, admin):
    complaint = sent_complaint(officer)
    history = complaint.history.model
    columns = [f.column for f in history._meta.concrete_fields if f.column != "history_id"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO reporting_historicalcomplaint ({', '.join(columns)}) SELECT "
            + ", ".join("''" if c == "signature" else c for c in columns)
            + " FROM reporting_historicalcomplaint WHERE id = %s",
            [complaint.pk],
        )
    sign_in_verified(client, admin)
    page = client.get(reverse("complaint-history", kwargs={"pk": complaint.pk})).content.decode()
    assert page.count("No firmado por RETA") == 1


@pytest.mark.django_db
def test_the_daily_task_writes_the_chain_head_to_a_file_and_the_log(
    officer, settings, tmp_path, caplog
):
    settings.AUDIT_HEAD_FILE = tmp_path / "heads" / "audit-heads.jsonl"
    event = audit_record(action=Action.VIEW, user=officer)
    with caplog.at_level(logging.INFO, logger="administration.tasks"):
        head = export_audit_chain_head()
    assert (head["seq"], head["row_hash"]) == (event.seq, event.row_hash)
    assert event.row_hash in settings.AUDIT_HEAD_FILE.read_text()
    assert event.row_hash in caplog.text


def waiting_on_the_chain_lock() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_writers_at_once_never_fork_the_chain(officer):
    written, release = threading.Event(), threading.Event()
    events, errors = {}, []

    def first_writer():
        try:
            with transaction.atomic():
                events["first"] = audit_record(action=Action.VIEW, user=officer)
                written.set()
                release.wait(timeout=30)
        except Exception as error:  # noqa: BLE001 (reported by the main thread)
            errors.append(error)
            written.set()
        finally:
            connections.close_all()

    def second_writer():
        try:
            events["second"] = audit_record(action=Action.VIEW, user=officer)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    one = threading.Thread(target=first_writer)
    one.start()
    assert written.wait(timeout=60) and not errors, errors
    two = threading.Thread(target=second_writer)
    two.start()
    # The second writer waits for the first one's transaction, not for a guess of the head.
    deadline = 10_000
    while not waiting_on_the_chain_lock() and deadline:
        deadline -= 1
    release.set()
    one.join(timeout=30)
    two.join(timeout=30)
    assert not errors, errors
    assert deadline, "the second writer never waited for the chain's lock"
    assert events["second"].prev_hash == events["first"].row_hash
    assert events["second"].seq == events["first"].seq + 1
