"""Rows written before the registry signed anything are signed now, once: the audit log
becomes a chain in the order it was written, the history rows and corrections get their
signatures, and one sealing event vouches for the change log as it stood. From here on,
verify_audit holds every row to the same rule.

A database with such rows needs AUDIT_SIGNING_KEY while it migrates; an empty one (a new
installation) does not.
"""

from django.db import migrations

from administration import integrity

SEAL_DETAIL = "rows written before signing began"


def _history_models(apps):
    return [
        model
        for model in apps.get_models()
        if model._meta.db_table.startswith(("administration_historical", "reporting_historical"))
    ]


def _needs_signing(apps) -> bool:
    AuditEvent = apps.get_model("administration", "AuditEvent")
    Correction = apps.get_model("reporting", "Correction")
    RowChange = apps.get_model("reporting", "RowChange")
    return (
        AuditEvent.objects.filter(seq__isnull=True).exists()
        or Correction.objects.exists()
        or RowChange.objects.exists()
        or any(model.objects.exists() for model in _history_models(apps))
    )


def _update_without_triggers(schema_editor, model, column, rows):
    """The append-only triggers refuse every UPDATE; the owner lifts them for this once."""
    table = schema_editor.quote_name(model._meta.db_table)
    pk = schema_editor.quote_name(model._meta.pk.column)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for row_id, value in rows:
            cursor.execute(f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", [value, row_id])  # noqa: S608
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def sign_existing_rows(apps, schema_editor):
    if not _needs_signing(apps):
        return
    integrity.signing_key()  # a clear error when the key is missing

    for model in [*_history_models(apps), apps.get_model("reporting", "Correction")]:
        signatures = [(obj.pk, integrity.row_signature(obj)) for obj in model.objects.all()]
        _update_without_triggers(schema_editor, model, "signature", signatures)

    AuditEvent = apps.get_model("administration", "AuditEvent")
    table = schema_editor.quote_name(AuditEvent._meta.db_table)
    prev_hash, seq = integrity.GENESIS, 0
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for event in AuditEvent.objects.filter(seq__isnull=True).order_by("at", "id"):
            seq += 1
            values = {name: getattr(event, name) for name in integrity.EVENT_FIELDS}
            values.update(seq=seq, prev_hash=prev_hash, covers=[])
            row_hash = integrity.event_hash(values)
            cursor.execute(
                f"UPDATE {table} SET seq = %s, prev_hash = %s, row_hash = %s, signature = %s, "  # noqa: S608
                "covers = '[]' WHERE id = %s",
                [seq, prev_hash, row_hash, integrity.event_signature(row_hash), event.pk],
            )
            prev_hash = row_hash
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        # One event vouches for the rows the triggers wrote before signing began.
        covers = []
        for vouched in ("reporting_correction", "reporting_rowchange"):
            cursor.execute(
                f"SELECT id, {integrity.ROW_DIGEST} FROM {vouched} t ORDER BY id"  # noqa: S608
            )
            covers += [[vouched, row_id, digest] for row_id, digest in cursor.fetchall()]
        cursor.execute("SELECT clock_timestamp()")
        values = {
            "seq": seq + 1,
            "at": cursor.fetchone()[0],
            "user_id": None,
            "username": "",
            "unit_id": None,
            "unit_code": "",
            "action": "verify",
            "object_type": "",
            "object_id": "",
            "address": None,
            "outcome": "success",
            "detail": SEAL_DETAIL,
            "covers": covers,
            "prev_hash": prev_hash,
        }
        row_hash = integrity.event_hash(values)
        AuditEvent.objects.create(
            **values, row_hash=row_hash, signature=integrity.event_signature(row_hash)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("administration", "0008_signed_audit_chain"),
        ("reporting", "0007_signed_corrections_and_history"),
    ]

    operations = [migrations.RunPython(sign_existing_rows, migrations.RunPython.noop)]
