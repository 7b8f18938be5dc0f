from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"
    # Rows an audit event of the writing transaction must vouch for (integrity.py): the
    # corrections that open the lock, and the change log the triggers write.
    vouched_tables = ("reporting_correction", "reporting_rowchange")
