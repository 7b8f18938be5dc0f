from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "administration"
    verbose_name = _("Administration")
    # Permission changes the triggers log: an audit event of the same transaction must
    # vouch for each (integrity.py).
    vouched_tables = ("administration_tablechange",)

    def ready(self):
        # signals: the sign-in audit; history: signing of every history row.
        from . import backends, catalogue, custom_fields, database, history, scope, signals  # noqa: F401

        backends.connect_signals()
        scope.connect_signals()
        custom_fields.connect_signals()
        catalogue.connect_signals(self)
        post_migrate.connect(database.protect_application_tables, sender=self)
