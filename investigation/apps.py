from django.apps import AppConfig


class InvestigationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "investigation"
    # Handed over when an investigator rotates (administration/rotation.py).
    rotation_holders = ("investigation.rotation.CasesLed", "investigation.rotation.CaseAssignments")
