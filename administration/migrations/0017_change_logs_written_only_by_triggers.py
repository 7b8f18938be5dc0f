"""The change logs (reporting_rowchange, administration_tablechange) are written only by
their triggers. An outside attack inserted rows directly with the application's password,
choosing their transaction id (so that the next real transaction's signed audit event
vouched for them) and their database user (the owner's, which verify_audit only noted).
A row now comes only from a trigger (pg_trigger_depth() > 1), or from the owner, who owns
the table anyway."""

from django.db import migrations

TABLES = ["reporting_rowchange", "administration_tablechange"]

FORWARD = """
CREATE FUNCTION reta_logged_only_by_triggers() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
    IF pg_trigger_depth() < 2 AND current_user <> (
        SELECT tableowner FROM pg_tables WHERE tablename = TG_TABLE_NAME
    ) THEN
        RAISE EXCEPTION 'RETA: % is written only by the database''s triggers', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
"""


def forward(table):
    return (
        f"CREATE TRIGGER logged_only_by_triggers BEFORE INSERT ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION reta_logged_only_by_triggers();"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("administration", "0016_password_seal"),
        ("reporting", "0010_guards_the_audit_asked_for"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, "DROP FUNCTION reta_logged_only_by_triggers()"),
        *(
            migrations.RunSQL(forward(t), f"DROP TRIGGER logged_only_by_triggers ON {t}")
            for t in TABLES
        ),
    ]
