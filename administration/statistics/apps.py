from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    # Nested in administration (DOMAIN.md puts statistics there) but an app of its own, so
    # its migrations are its own; never a top-level ``statistics`` (the standard library's).
    name = "administration.statistics"
    label = "statistics"
    verbose_name = _("Statistics and monitoring")
    default_auto_field = "django.db.models.BigAutoField"
