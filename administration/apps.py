from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "administration"
    verbose_name = _("Administration")

    def ready(self):
        from . import database, signals  # noqa: F401 (connects the sign-in audit)

        post_migrate.connect(database.grant_application_role, sender=self)
