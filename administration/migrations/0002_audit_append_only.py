"""The audit log is append-only, enforced by PostgreSQL: UPDATE and DELETE raise whoever
runs them, and TRUNCATE raises for anyone but the table's owner (who could drop the
trigger anyway; the application's role can do neither). The app role also loses those
privileges (database.py)."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

APPEND_ONLY = """
CREATE FUNCTION reta_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND pg_has_role(
        current_user,
        (SELECT tableowner FROM pg_tables
         WHERE schemaname = TG_TABLE_SCHEMA AND tablename = TG_TABLE_NAME),
        'MEMBER'
    ) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'RETA: % on % is not allowed: the table is append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_no_update_delete
    BEFORE UPDATE OR DELETE ON administration_auditevent
    FOR EACH ROW EXECUTE FUNCTION reta_refuse_change();
CREATE TRIGGER audit_no_truncate
    BEFORE TRUNCATE ON administration_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();
"""

UNDO = """
DROP TRIGGER audit_no_truncate ON administration_auditevent;
DROP TRIGGER audit_no_update_delete ON administration_auditevent;
DROP FUNCTION reta_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("administration", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(APPEND_ONLY, UNDO),
    ]
