"""The lock's functions read tables by name: pin their search_path so that nobody can put
a look-alike table (a temporary "reporting_correction") in front of the real one. The
application's role also loses TEMPORARY on the database (administration/database.py)."""

from django.db import migrations

FUNCTIONS = (
    "reporting_correction_open(bigint)",
    "reporting_complaint_is_sent(bigint)",
    "reporting_guard_complaint()",
    "reporting_guard_child()",
    "reporting_stamp_correction()",
    "reporting_log_change()",
    "reta_refuse_change()",
)

FORWARD = "\n".join(
    f"ALTER FUNCTION {name} SET search_path = pg_catalog, public;" for name in FUNCTIONS
)
BACKWARD = "\n".join(f"ALTER FUNCTION {name} RESET search_path;" for name in FUNCTIONS)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_issued_documents")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
