from django.apps import AppConfig


class InvestigationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "investigation"
    # Handed over when an investigator rotates (administration/rotation.py).
    rotation_holders = ("investigation.rotation.CasesLed", "investigation.rotation.CaseAssignments")

    def ready(self):
        from django.db.models.signals import post_save

        from reporting.models import Complaint

        from .crossing import CROSSINGS, complaint_saved
        from .models import Account, CasePerson, Phone, Place, Route, Vehicle
        from .network import NETWORKS

        # What the crossing found is remembered until a record it reads changes anywhere:
        # a case's identifiers, or a sent complaint (sent, or corrected with its people).
        CROSSINGS.changes_with(Account, CasePerson, Phone, Place, Route, Vehicle)
        # What a case's identifiers reach, two hops deep, until one changes anywhere.
        NETWORKS.changes_with(CasePerson, Phone, Place, Vehicle)
        post_save.connect(complaint_saved, sender=Complaint, dispatch_uid="crossed-complaint")
