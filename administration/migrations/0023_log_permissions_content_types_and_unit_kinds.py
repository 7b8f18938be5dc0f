"""Who may do what also hangs on three tables the change log did not watch: a permission
renamed (a station officer's "view" made "correct_records"), a content type moved, a unit
kind given national scope. An attack with the application's password changed them and
verify_audit found nothing. Every change to them is now logged by the database
(reta_log_table_change, migration 0015): the owner's (migrations) as a notice, the
application's vouched for by its audit event (the Django admin's unit kinds,
administration/admin.py), any other as a row no signed event vouches for."""

from django.db import migrations

LOGGED = ("auth_permission", "django_content_type", "administration_unitkind")

FORWARD = "".join(
    f"""
CREATE TRIGGER permission_log AFTER INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION reta_log_table_change();
CREATE TRIGGER permission_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION reta_refuse_change();
"""
    for table in LOGGED
)

BACKWARD = "".join(
    f"DROP TRIGGER permission_log ON {t}; DROP TRIGGER permission_no_truncate ON {t};"
    for t in LOGGED
)


class Migration(migrations.Migration):
    dependencies = [
        ("administration", "0022_audit_next_in_chain"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
