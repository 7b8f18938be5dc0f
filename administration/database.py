"""The two database roles. Migrations run as the owner; the application connects as
DATABASE_APP_ROLE, which owns nothing, is no superuser and so cannot disable triggers.
After every migrate the owner grants that role what the application needs, and no more."""

from django.conf import settings
from django.db import connections
from psycopg2 import sql

# Tables whose rows the application may add but never change or remove.
APPEND_ONLY_TABLES = (
    "administration_auditevent",
    "reporting_correction",
    "reporting_rowchange",
)


def grant_application_role(using="default", **kwargs):
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
        for table in APPEND_ONLY_TABLES:
            cursor.execute(
                sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
                    sql.Identifier(table), name
                )
            )
