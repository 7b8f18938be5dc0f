"""The outside audit's attacks, replayed by SQL over a connection of their own, as the
application's role (reta_app: the password in the application's environment) and as the
owner role: verify_audit must name every row they forged, altered or removed.

These tests commit (a real attacker commits), so they run as transactional tests.
"""

import io
import json
import os
from datetime import timedelta

import dj_database_url
import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from administration import integrity
from administration.audit import Action, audit_record
from administration.models import AuditEvent
from reporting.models import Complaint
from reporting.services import ComplaintInput, complaint_correct
from tests.factories import sent_complaint, user_with_role

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def connect(url_variable: str):
    settings = dj_database_url.parse(os.environ[url_variable])
    params = {"dbname": connection.settings_dict["NAME"], "user": settings["USER"]}
    params.update(password=settings["PASSWORD"], host=settings["HOST"], port=settings["PORT"])
    return psycopg2.connect(**params)


def attack(url_variable: str, *statements):
    """Run the statements in one transaction of their own and commit it."""
    attacker = connect(url_variable)
    try:
        with attacker, attacker.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
    finally:
        attacker.close()


def as_app(*statements):
    attack("DATABASE_URL", *statements)


def as_owner(*statements):
    attack("DATABASE_OWNER_URL", *statements)


def as_owner_without_triggers(table: str, *statements):
    """The owner switches a table's triggers off, writes, and switches them on again (in
    a transaction of its own: the foreign keys' checks must have run by then)."""
    as_owner((f"ALTER TABLE {table} DISABLE TRIGGER USER", []))
    try:
        as_owner(*statements)
    finally:
        as_owner((f"ALTER TABLE {table} ENABLE TRIGGER USER", []))


def verify(heads=None) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "verify_audit", *(["--heads", str(heads)] if heads else []), stdout=out, stderr=err
        )
    except SystemExit as exit_:
        return exit_.code, err.getvalue()
    return 0, out.getvalue()


def next_event(**changes) -> dict:
    """An audit event that follows the chain's head, as an attacker can compute it."""
    head = AuditEvent.objects.order_by("-seq").first()
    values = {name: getattr(head, name) for name in integrity.EVENT_FIELDS}
    values.update(seq=head.seq + 1, prev_hash=head.row_hash, **changes)
    return values


def insert_event(values: dict, signature: str):
    """The INSERT an attacker writes; the hash is public arithmetic."""
    row_hash = integrity.event_hash(values)
    columns = [*integrity.EVENT_FIELDS, "row_hash", "signature"]
    row = {**values, "covers": json.dumps(values["covers"]), "row_hash": row_hash}
    return (
        (
            f"INSERT INTO administration_auditevent ({', '.join(columns)})"
            f" VALUES ({', '.join(['%s'] * len(columns))})"
        ),
        [*(row[c] for c in columns[:-1]), signature or integrity.event_signature(row_hash)],
    )


def problems(heads=None) -> str:
    """What verify_audit names, once it has failed as it must."""
    code, err = verify(heads)
    assert code == 1, "verify_audit found nothing wrong"
    return err


@pytest.fixture(autouse=True)
def heads_file(settings, tmp_path):
    settings.AUDIT_HEAD_FILE = tmp_path / "heads.jsonl"
    return settings.AUDIT_HEAD_FILE


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap)


@pytest.fixture
def complaint(tree):
    return sent_complaint(user_with_role("station_officer", tree.cusco_station))


def forged_correction(complaint, admin):
    """The audit's recipe: a correction row naming the administrator opens the lock; the
    complaint and its victim change in the same transaction."""
    victim = complaint.victims.get()
    return [
        (
            (
                "INSERT INTO reporting_correction (complaint_id, corrected_by_id, reason, at,"
                " signature) VALUES (%s, %s, 'error de digitación corregido', now(), '')"
            ),
            [complaint.pk, admin.pk],
        ),
        ("UPDATE reporting_complaint SET narrative = 'Nada grave.' WHERE id = %s", [complaint.pk]),
        ("UPDATE reporting_victim SET age = 19 WHERE id = %s", [victim.pk]),
    ]


def test_the_registry_as_the_application_wrote_it_verifies(complaint, admin):
    complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="Edad mal digitada en la comisaría.",
        data=ComplaintInput(
            fields={"narrative": complaint.narrative + " (corregido)"},
            victims=[{"id": complaint.victims.get().pk, "age": 17}],
            suspects=[{"id": complaint.suspects.get().pk}],
        ),
    )
    code, out = verify()
    assert code == 0 and "all genuine" in out


def test_the_count_of_rows_checked_is_printed(complaint):
    code, out = verify()
    events = AuditEvent.objects.count() - 1  # less the verification's own event
    assert code == 0 and f"audit events {events:,}" in out


def test_a_correction_forged_with_the_application_password_is_named(complaint, admin):
    as_app(*forged_correction(complaint, admin))
    err = problems()
    assert "reporting_correction id=" in err and "not signed by the application" in err


def test_the_change_made_through_a_forged_correction_is_named(complaint, admin):
    as_app(*forged_correction(complaint, admin))
    err = problems()
    assert "reporting_rowchange id=" in err and "no signed audit event vouches for it" in err
    assert f"reporting_complaint id={complaint.pk}: differs from its last signed history" in err


def test_a_history_row_forged_with_the_application_password_is_named(complaint, admin):
    history = Complaint.history.model
    columns = [f.column for f in history._meta.concrete_fields if f.column != "history_id"]
    forged = {"narrative": "'Nada grave.'", "history_user_id": str(admin.pk), "signature": "''"}
    as_app(
        *forged_correction(complaint, admin),
        (
            (
                f"INSERT INTO reporting_historicalcomplaint ({', '.join(columns)})"
                f" SELECT {', '.join(forged.get(c, c) for c in columns)}"
                " FROM reporting_historicalcomplaint WHERE id = %s"
            ),
            [complaint.pk],
        ),
    )
    latest = history.objects.latest("history_id")
    err = problems()
    assert (
        f"reporting_historicalcomplaint history_id={latest.pk}: not signed by the application"
        in err
    )


def test_an_audit_event_forged_with_the_application_password_is_named(complaint, admin):
    values = next_event(user_id=admin.pk, username=admin.username, action="correction")
    as_app(insert_event(values, signature="f" * 64))
    err = problems()
    assert f"audit event seq={values['seq']}" in err and "not the application's (forged)" in err


def test_an_audit_event_without_a_place_in_the_chain_is_named(complaint):
    as_app(
        (
            (
                "INSERT INTO administration_auditevent (at, username, unit_code, action,"
                " object_type, object_id, outcome, detail, covers, prev_hash, row_hash,"
                " signature) VALUES (now(), 'admin.divintrap', 'DIVINTRAP', 'view', '', '',"
                " 'success', '', '[]', '', '', '')"
            ),
            [],
        )
    )
    err = problems()
    assert "has no place in the chain" in err


def test_the_application_role_may_not_update_or_delete_history_rows(complaint):
    with pytest.raises(psycopg2.Error, match="permission denied"):
        as_app(("UPDATE reporting_historicalvictim SET age = 30", []))
    with pytest.raises(psycopg2.Error, match="permission denied"):
        as_app(("DELETE FROM reporting_historicalcomplaint", []))


def test_history_rows_are_append_only_even_for_the_owner_while_its_triggers_stand(complaint):
    with pytest.raises(psycopg2.Error, match="append-only"):
        as_owner(("UPDATE reporting_historicalvictim SET age = 30", []))


def test_an_audit_event_removed_by_the_owner_is_named(complaint):
    for _time in range(3):
        audit_record(action=Action.VIEW, obj=complaint)
    middle = AuditEvent.objects.order_by("seq")[1]
    as_owner_without_triggers(
        "administration_auditevent",
        ("DELETE FROM administration_auditevent WHERE id = %s", [middle.pk]),
    )
    err = problems()
    assert f"audit events seq={middle.seq}..{middle.seq}: missing" in err


def test_an_audit_event_altered_by_the_owner_is_named(complaint):
    event = AuditEvent.objects.order_by("seq").last()
    as_owner_without_triggers(
        "administration_auditevent",
        ("UPDATE administration_auditevent SET username = 'nadie' WHERE id = %s", [event.pk]),
    )
    err = problems()
    assert f"audit event seq={event.seq}" in err and "altered" in err


def test_a_change_log_row_removed_by_the_owner_is_named(complaint, admin):
    complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="Relato incompleto en la comisaría.",
        data=ComplaintInput(
            fields={"narrative": "Relato completo."},
            victims=[{"id": complaint.victims.get().pk}],
            suspects=[{"id": complaint.suspects.get().pk}],
        ),
    )
    as_owner_without_triggers(
        "reporting_rowchange",
        ("DELETE FROM reporting_rowchange WHERE operation = 'UPDATE'", []),
    )
    err = problems()
    assert "reporting_rowchange id=" in err and "missing (removed)" in err


def test_a_sent_complaint_changed_by_the_owner_with_its_triggers_off_is_named(complaint):
    as_owner_without_triggers(
        "reporting_complaint",
        ("UPDATE reporting_complaint SET verdict = 'none' WHERE id = %s", [complaint.pk]),
    )
    err = problems()
    assert (
        f"reporting_complaint id={complaint.pk}: differs from its last signed history (verdict)"
        in err
    )


def test_a_victim_removed_by_the_owner_is_named(complaint):
    victim = complaint.victims.get()
    as_owner_without_triggers(
        "reporting_victim",
        ("DELETE FROM reporting_victim WHERE id = %s", [victim.pk]),
    )
    err = problems()
    assert f"reporting_victim id={victim.pk}: its history says it exists, but it was removed" in err


def test_a_history_row_rewritten_by_the_owner_is_named(complaint):
    as_owner_without_triggers(
        "reporting_historicalvictim",
        ("UPDATE reporting_historicalvictim SET age = 30", []),
    )
    err = problems()
    assert "reporting_historicalvictim history_id=" in err and "does not match its content" in err


def rewrite_chain_with_the_key(from_seq: int):
    """The worst case: someone holding the owner's password AND the signing key removes the
    chain's tail and re-signs what remains, so every signature is valid again."""
    as_owner_without_triggers(
        "administration_auditevent",
        ("DELETE FROM administration_auditevent WHERE seq >= %s", [from_seq]),
    )


def test_a_chain_rewritten_with_the_key_shows_against_the_exported_head(complaint, heads_file):
    head = integrity.export_chain_head(AuditEvent, heads_file)
    rewrite_chain_with_the_key(head["seq"])
    err = problems(heads_file)
    assert f"exported chain head of {head['date']} (seq={head['seq']}): missing" in err


def test_a_chain_verifies_against_its_own_exported_heads(complaint, heads_file):
    integrity.export_chain_head(AuditEvent, heads_file)
    assert verify(heads_file)[0] == 0
    assert json.loads(heads_file.read_text().splitlines()[0])["seq"] >= 1


def test_an_event_inserted_out_of_order_with_the_key_is_named(complaint):
    head = AuditEvent.objects.order_by("-seq").first()
    as_owner(insert_event(next_event(at=head.at - timedelta(days=3)), signature=""))
    err = problems()
    assert f"audit event seq={head.seq + 1}" in err and "inserted out of order" in err


def test_sent_complaints_are_counted(complaint):
    assert Complaint.objects.filter(status="sent").count() == 1
    assert "records of reporting_complaint 1" in verify()[1]


# What the pages and the sign-in make of a forgery, without waiting for verify_audit.


def page_of(client, user, name, complaint) -> str:
    from django.urls import reverse

    from tests.factories import sign_in_verified

    sign_in_verified(client, user)
    return client.get(reverse(name, args=[complaint.pk])).content.decode()


CHANGED_OUTSIDE = "Cambiada fuera de RETA"


def test_a_complaint_changed_by_the_owner_warns_on_its_page(complaint, client):
    as_owner_without_triggers(
        "reporting_complaint",
        ("UPDATE reporting_complaint SET narrative = 'Nada grave.' WHERE id = %s", [complaint.pk]),
    )
    assert CHANGED_OUTSIDE in page_of(
        client, complaint.registered_by, "complaint-detail", complaint
    )


def test_a_victim_changed_by_the_owner_warns_on_the_history_page(complaint, client):
    as_owner_without_triggers(
        "reporting_victim",
        ("UPDATE reporting_victim SET age = 30 WHERE complaint_id = %s", [complaint.pk]),
    )
    page = page_of(client, complaint.registered_by, "complaint-history", complaint)
    assert CHANGED_OUTSIDE in page


def test_a_complaint_as_sent_shows_no_warning(complaint, client):
    assert CHANGED_OUTSIDE not in page_of(
        client, complaint.registered_by, "complaint-detail", complaint
    )


def test_a_rewritten_first_sent_version_is_not_shown_as_the_complaint_as_first_sent(
    complaint, client
):
    as_owner_without_triggers(
        "reporting_historicalcomplaint",
        ("UPDATE reporting_historicalcomplaint SET narrative = 'Versión inventada.'", []),
    )
    page = page_of(client, complaint.registered_by, "complaint-history", complaint)
    assert "No firmado por RETA" in page  # the entry shows, marked as not signed
    assert "La denuncia tal como se envió" not in page


def test_an_account_made_administrator_by_sql_is_named(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    as_app(("UPDATE administration_user SET is_superuser = true WHERE id = %s", [officer.pk]))
    assert f"administration_user id={officer.pk}: differs from its last signed history" in (
        problems()
    )


def test_an_account_made_administrator_by_sql_cannot_sign_in(tree, client):
    from tests.factories import PASSWORD

    officer = user_with_role("station_officer", tree.cusco_station, username="oficial")
    as_app(("UPDATE administration_user SET is_superuser = true WHERE id = %s", [officer.pk]))
    response = client.post("/ingresar/", {"username": "oficial", "password": PASSWORD})
    assert "creada o modificada fuera de RETA" in response.content.decode()


def test_a_group_granted_by_sql_is_named(tree):
    from django.contrib.auth.models import Group

    officer = user_with_role("station_officer", tree.cusco_station)
    admins = Group.objects.filter(permissions__codename="correct_records").first()
    as_app(
        (
            "INSERT INTO administration_user_groups (user_id, group_id) VALUES (%s, %s)",
            [officer.pk, admins.pk],
        )
    )
    err = problems()
    assert "administration_tablechange id=" in err and "no signed audit event vouches" in err


def test_a_legal_article_rewritten_by_sql_is_named():
    from administration.models import LegalElement

    element = LegalElement.objects.order_by("pk").first()
    as_app(("UPDATE administration_legalelement SET label_es = 'x' WHERE id = %s", [element.pk]))
    assert f"administration_legalelement id={element.pk}: differs from its last signed" in (
        problems()
    )


def test_a_victim_moved_by_sql_off_a_sent_complaint_is_refused(complaint):
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    draft = complaint_save_draft(
        user=complaint.registered_by, unit=complaint.unit, data=complaint_input()
    )
    move = (
        "UPDATE reporting_victim SET complaint_id = %s WHERE complaint_id = %s",
        [draft.pk, complaint.pk],
    )
    with pytest.raises(psycopg2.Error, match="sent and locked"):
        as_app(move)


def test_a_victim_moved_off_a_sent_complaint_under_a_forged_correction_is_logged_and_named(
    complaint, admin
):
    from reporting.models import RowChange
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    draft = complaint_save_draft(
        user=complaint.registered_by, unit=complaint.unit, data=complaint_input()
    )
    victim = complaint.victims.get()
    as_app(
        forged_correction(complaint, admin)[0],
        ("UPDATE reporting_victim SET complaint_id = %s WHERE id = %s", [draft.pk, victim.pk]),
    )
    change = RowChange.objects.get(table="reporting_victim", row_id=victim.pk)
    err = problems()
    assert f"reporting_rowchange id={change.pk}: no signed audit event vouches for it" in err


def test_a_deeply_nested_verdict_neither_crashes_the_page_nor_verify_audit(complaint, client):
    deep = "[" * 5000 + "]" * 5000
    as_owner_without_triggers(
        "reporting_complaint",
        (
            "UPDATE reporting_complaint SET verdict_detail = %s::jsonb WHERE id = %s",
            [deep, complaint.pk],
        ),
    )
    assert "reporting_complaint id=" in problems()
    assert CHANGED_OUTSIDE in page_of(
        client, complaint.registered_by, "complaint-detail", complaint
    )


def test_a_password_hash_swapped_in_by_sql_does_not_open_the_account(tree, client):
    from django.contrib.auth.hashers import make_password

    user_with_role("national_investigator", tree.divintrap, username="nacional")
    as_app(
        (
            "UPDATE administration_user SET password = %s WHERE username = 'nacional'",
            [make_password("clave-del-atacante-1")],
        )
    )
    response = client.post(
        "/ingresar/", {"username": "nacional", "password": "clave-del-atacante-1"}
    )
    assert "creada o modificada fuera de RETA" in response.content.decode()


def test_a_password_hash_swapped_in_by_sql_is_named(tree):
    from django.contrib.auth.hashers import make_password

    user = user_with_role("national_investigator", tree.divintrap)
    as_app(
        (
            "UPDATE administration_user SET password = %s WHERE id = %s",
            [make_password("clave-del-atacante-1"), user.pk],
        )
    )
    assert f"administration_user id={user.pk}: its password was set outside the application" in (
        problems()
    )


def test_an_open_session_ends_when_its_account_is_moved_by_sql(tree, client):
    from django.urls import reverse

    from tests.factories import sign_in_verified

    officer = user_with_role("station_officer", tree.cusco_station)
    sign_in_verified(client, officer)
    assert client.get(reverse("complaint-list")).status_code == 200
    as_app(
        (
            "UPDATE administration_user SET unit_id = %s WHERE id = %s",
            [tree.divintrap.pk, officer.pk],
        )
    )
    session = client.session
    session["reta_account_checked_at"] = 0  # the minute the check is remembered for has passed
    session.save()
    response = client.get(reverse("complaint-list"))
    assert response.status_code == 302 and "/ingresar/" in response["Location"]


def test_a_user_changed_by_sql_and_then_saved_by_the_application_stays_named(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    as_app(
        (
            "UPDATE administration_user SET unit_id = %s WHERE id = %s",
            [tree.divintrap.pk, officer.pk],
        )
    )
    officer.refresh_from_db()
    officer.rank = "SO1"
    officer.save()  # an administrator edits the rank, unaware of the change
    err = problems()
    assert "administration_historicaluser history_id=" in err


@pytest.mark.parametrize("table", ["reporting_rowchange", "administration_tablechange"])
def test_the_change_logs_refuse_rows_not_written_by_their_triggers(complaint, table):
    planted = (
        f'INSERT INTO {table} ("table", row_id, operation, txid, at, db_user)'
        " VALUES ('reporting_complaint', 1, 'UPDATE', txid_current() + 1, now(), 'reta_owner')"
    )
    with pytest.raises(psycopg2.Error, match="written only by the database"):
        as_app((planted, []))


def test_an_event_placed_beyond_the_chains_head_is_refused_and_the_chain_goes_on(complaint):
    with pytest.raises(psycopg2.Error, match="takes place"):
        as_app(insert_event({**next_event(), "seq": 2**63 - 1}, signature=""))
    event = audit_record(action=Action.VIEW, obj=complaint)
    assert event.seq == AuditEvent.objects.exclude(pk=event.pk).order_by("-seq").first().seq + 1


def test_a_permission_renamed_by_sql_is_named(tree):
    from django.contrib.auth.models import Permission

    view = Permission.objects.get(codename="register_complaint")
    as_app(("UPDATE auth_permission SET codename = 'correct_records2' WHERE id = %s", [view.pk]))
    err = problems()
    assert "administration_tablechange id=" in err and "no signed audit event vouches" in err


def test_a_unit_kind_given_national_scope_by_sql_is_named(tree):
    as_app(
        (
            (
                "UPDATE administration_unitkind SET national_scope = true"
                " WHERE code = 'departamento_especializado'"
            ),
            [],
        )
    )
    err = problems()
    assert "administration_tablechange id=" in err and "no signed audit event vouches" in err


def test_a_unit_kind_changed_in_the_admin_verifies(tree, client):
    from administration.models import UnitKind

    staff = user_with_role("administrator", tree.divintrap)
    staff.is_staff = staff.is_superuser = True
    staff.save()
    from tests.factories import sign_in_verified

    sign_in_verified(client, staff)
    kind = UnitKind.objects.get(code="comisaria")
    data = {
        field.name: getattr(kind, field.attname)
        for field in UnitKind._meta.concrete_fields
        if field.name != "id"
    }
    data = {
        name: ("on" if value is True else value)
        for name, value in data.items()
        if value not in (False, None)
    }
    data["name_es"] = "Comisaría PNP"
    response = client.post(f"/admin/administration/unitkind/{kind.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert verify()[0] == 0


def test_the_application_role_may_not_remove_a_cases_change_of_state(tree):
    from investigation.models import CaseTransition
    from tests.investigation.factories import investigators, open_case

    cusco, _puno, _national = investigators(tree)
    transition = CaseTransition.objects.get(case=open_case(cusco))
    with pytest.raises(psycopg2.Error, match="permission denied"):
        as_app(("DELETE FROM investigation_casetransition WHERE id = %s", [transition.pk]))


def test_unit_kinds_deleted_together_in_the_admin_verify(tree, client):
    from administration.models import UnitKind
    from tests.factories import sign_in_verified

    staff = user_with_role("administrator", tree.divintrap)
    staff.is_staff = staff.is_superuser = True
    staff.save()
    sign_in_verified(client, staff)
    client.post(
        "/admin/administration/unitkind/add/",
        {"code": "oficina-temporal", "name_es": "Oficina", "name_en": "Office"},
    )
    kind = UnitKind.objects.get(code="oficina-temporal")
    response = client.post(
        "/admin/administration/unitkind/",
        {"action": "delete_selected", "_selected_action": [kind.pk], "post": "yes"},
    )
    assert response.status_code == 302 and not UnitKind.objects.filter(pk=kind.pk).exists()
    assert verify()[0] == 0
