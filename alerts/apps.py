from django.apps import AppConfig


def alert_changed(sender, instance, **kwargs):
    """post_save and post_delete of Alert: its unit's count of open alerts is read again."""
    from .selectors import OPEN_COUNTS, unit_token

    OPEN_COUNTS.touched({unit_token(instance.unit_id)})


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from .models import Alert
        from .selectors import OPEN_COUNTS

        post_save.connect(alert_changed, sender=Alert, dispatch_uid="alert-count")
        post_delete.connect(alert_changed, sender=Alert, dispatch_uid="alert-count")
        post_migrate.connect(OPEN_COUNTS.changed, dispatch_uid="alert-count-migrated")
