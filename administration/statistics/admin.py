from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import StatisticsSettings


@admin.register(StatisticsSettings)
class StatisticsSettingsAdmin(SimpleHistoryAdmin):
    """k (the smallest count analysts see), the months of silence that raise a monitoring
    alert and the days an export is kept: data an administrator sets, one row."""

    list_display = ("__str__", "k", "silence_months", "export_days")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not StatisticsSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
