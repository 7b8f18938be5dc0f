from django.apps import AppConfig


class InvestigationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "investigation"
    # Handed over when an investigator rotates (administration/rotation.py).
    rotation_holders = ("investigation.rotation.CasesLed", "investigation.rotation.CaseAssignments")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save, pre_save

        from . import crossing_changes
        from .crossing import CROSSINGS
        from .models import CasePerson, Phone, Place, Vehicle
        from .network import NETWORKS

        # What the crossing found is remembered until an identifier it looked for is
        # touched anywhere: a record of a case, or a sent complaint (sent, or corrected).
        for model in crossing_changes.WATCHED:
            uid = f"crossing-{model._meta.label_lower}"
            pre_save.connect(crossing_changes.before_save, sender=model, dispatch_uid=uid)
            post_save.connect(crossing_changes.after_change, sender=model, dispatch_uid=uid)
            post_delete.connect(crossing_changes.after_change, sender=model, dispatch_uid=uid)
        post_migrate.connect(CROSSINGS.changed, dispatch_uid="crossing-migrated")
        # What a case's identifiers reach, two hops deep, until one changes anywhere.
        NETWORKS.changes_with(CasePerson, Phone, Place, Vehicle)
