from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from .models import Alert
        from .selectors import OPEN_COUNTS, alert_changed

        post_save.connect(alert_changed, sender=Alert, dispatch_uid="alert-count")
        post_delete.connect(alert_changed, sender=Alert, dispatch_uid="alert-count")
        post_migrate.connect(OPEN_COUNTS.changed, dispatch_uid="alert-count-migrated")
