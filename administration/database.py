"""The two database roles. Migrations run as the owner; the application connects as
DATABASE_APP_ROLE, which owns nothing, is no superuser and so cannot disable triggers.
After every migrate the owner makes the history tables append-only and grants that role
what the application needs, and no more."""

from django.conf import settings
from django.db import connections, transaction
from psycopg2 import sql

from .integrity import signed_models

# Tables whose rows the application may add but never change or remove (besides every
# history table, found from the models).
APPEND_ONLY_TABLES = (
    "administration_auditevent",
    "administration_tablechange",
    "reporting_correction",
    "reporting_rowchange",
    # A case's signed changes of state: its timeline's backbone (a wrong step is followed
    # by another, never removed).
    "investigation_casetransition",
)


def history_tables() -> list[str]:
    # simple-history's models are the signed ones that stand for an instance of another.
    return sorted(m._meta.db_table for m in signed_models() if hasattr(m, "instance_type"))


def append_only_tables() -> list[str]:
    return [*APPEND_ONLY_TABLES, *history_tables()]


def protect_application_tables(using="default", **kwargs):
    with connections[using].cursor() as cursor:
        # History rows are the record as it was: nobody rewrites them (the owner may
        # still TRUNCATE, as for the audit log; reta_refuse_change lets only it).
        for table in history_tables():
            name = sql.Identifier(table)
            cursor.execute(
                sql.SQL(
                    "CREATE OR REPLACE TRIGGER history_append_only BEFORE UPDATE OR DELETE "
                    "ON {} FOR EACH ROW EXECUTE FUNCTION reta_refuse_change()"
                ).format(name)
            )
            cursor.execute(
                sql.SQL(
                    "CREATE OR REPLACE TRIGGER history_no_truncate BEFORE TRUNCATE "
                    "ON {} FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change()"
                ).format(name)
            )
    grant_application_role(using)
    seal_reference_data()


def seal_reference_data() -> None:
    """Rows migrations loaded get their first signed history (integrity.py), its reason
    "recorded at migration"; without the signing key there is nothing to sign with yet."""
    if not settings.AUDIT_SIGNING_KEY:
        return
    from .integrity import seal_rows_written_by_migrations

    with transaction.atomic():
        seal_rows_written_by_migrations()


def grant_application_role(using="default"):
    role = settings.DATABASE_APP_ROLE
    if not role:
        return
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == role:
            return
        name = sql.Identifier(role)
        cursor.execute(
            sql.SQL(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}"
            ).format(name)
        )
        cursor.execute(
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(name)
        )
        # No temporary tables: one could shadow a table a trigger reads.
        database = sql.Identifier(connections[using].settings_dict["NAME"])
        cursor.execute(sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(database))
        cursor.execute(sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM {}").format(database, name))
        for table in append_only_tables():
            cursor.execute(
                sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
                    sql.Identifier(table), name
                )
            )
