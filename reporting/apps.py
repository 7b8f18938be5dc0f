from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"
    # Rows an audit event of the writing transaction must vouch for (integrity.py): the
    # corrections that open the lock, and the change log the triggers write.
    vouched_tables = ("reporting_correction", "reporting_rowchange")

    def ready(self):
        from django.db.models.signals import post_save

        from alerts.models import Alert

        from .selectors import alert_written

        # Any path that writes an alert (send, escalation) renews the remembered scopes.
        post_save.connect(alert_written, sender=Alert, dispatch_uid="alert-written")

        from .models import Complaint
        from .selectors import SEARCHES, complaint_saved

        # A complaint sent or corrected, or a migration, renews the remembered searches.
        post_save.connect(complaint_saved, sender=Complaint, dispatch_uid="complaint-saved")
        SEARCHES.changes_with()

        from django.db.models.signals import post_delete

        from administration.models import PhoneOperator

        from .display import operators_changed

        # The blank victim and suspect rows offer the operators: rendered again after a change.
        for signal in (post_save, post_delete):
            signal.connect(operators_changed, sender=PhoneOperator, dispatch_uid=f"ops-{signal}")

        from administration.models import (
            Department,
            District,
            InformationInstitution,
            JusticeOffice,
            Province,
        )
        from administration.scope import UNIT_TREE

        from .models import PaperFormSeries
        from .selectors import DIRECTORY, PLACES

        # A complaint's page shows its district, province and region as remembered, and
        # its document form the directory's offices and institutions.
        PLACES.changes_with(District, Province, Department)
        DIRECTORY.changes_with(JusticeOffice, InformationInstitution)
        # The complaint form's paper series are remembered with the tree (reporting/forms.py).
        UNIT_TREE.changes_with(PaperFormSeries)
