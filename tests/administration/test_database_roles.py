import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from administration.audit import Action, audit_record
from administration.models import AuditEvent

pytestmark = pytest.mark.django_db


def run(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_application_connects_as_a_role_that_is_not_superuser():
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False, False)


def test_the_application_role_owns_no_table():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname = 'public' AND tableowner = current_user"
        )
        assert cursor.fetchone()[0] == 0


def test_the_application_role_cannot_disable_triggers():
    with pytest.raises(DatabaseError):
        run("ALTER TABLE administration_auditevent DISABLE TRIGGER ALL")


def test_the_application_role_cannot_drop_the_audit_trigger():
    with pytest.raises(DatabaseError):
        run("DROP TRIGGER audit_no_update_delete ON administration_auditevent")


@pytest.fixture
def event(tree):
    return audit_record(action=Action.LOGIN, detail="test")


def test_an_audit_row_cannot_be_updated_by_the_application(event):
    with pytest.raises(DatabaseError):
        run("UPDATE administration_auditevent SET detail = 'changed' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.detail == "test"


def test_an_audit_row_cannot_be_updated_through_the_orm(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(at=timezone.now())


def test_an_audit_row_cannot_be_deleted(event):
    with pytest.raises(DatabaseError):
        run("DELETE FROM administration_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_audit_table_cannot_be_truncated(event):
    with pytest.raises(DatabaseError):
        run("TRUNCATE administration_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()
