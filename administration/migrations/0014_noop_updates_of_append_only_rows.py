"""An UPDATE that changes nothing in a row of an append-only table changes nothing: let it
pass. (Reloading a snapshot of the database saves each row again as it is — the test
suite's reference data does — and a row-for-row rewrite by the owner is no forgery.)"""

from django.db import migrations

FORWARD = r"""
CREATE OR REPLACE FUNCTION reta_refuse_change() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND pg_has_role(
        current_user,
        (SELECT tableowner FROM pg_tables
         WHERE schemaname = TG_TABLE_SCHEMA AND tablename = TG_TABLE_NAME),
        'MEMBER'
    ) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND ROW(NEW.*) IS NOT DISTINCT FROM ROW(OLD.*) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'RETA: % on % is not allowed: the table is append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""

BACKWARD = r"""
CREATE OR REPLACE FUNCTION reta_refuse_change() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, public AS $$
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
"""


class Migration(migrations.Migration):
    dependencies = [("administration", "0013_readable_json")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
