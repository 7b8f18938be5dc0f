from django.contrib import admin

from .models import Alert, AlertRoute


@admin.register(AlertRoute)
class AlertRouteAdmin(admin.ModelAdmin):
    list_display = ("department", "unit", "valid_from", "valid_to")
    list_filter = ("department",)
    raw_id_fields = ("unit",)


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("complaint", "unit", "kind", "priority", "status", "created_at", "delivered_at")
    list_filter = ("kind", "priority", "status")
    readonly_fields = [f.name for f in Alert._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
