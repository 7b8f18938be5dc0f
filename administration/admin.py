from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AuditEvent,
    Department,
    District,
    ElementArticle,
    InformationInstitution,
    JusticeOffice,
    Law,
    LegalElement,
    Province,
    Role,
    Unit,
    UnitAssignment,
    UnitKind,
    User,
)


class AssignmentInline(admin.TabularInline):
    model = UnitAssignment
    fk_name = "user"
    extra = 0
    can_delete = False
    readonly_fields = ("unit", "role", "started", "ended", "recorded_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "last_name", "first_name", "unit", "role", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "last_name", "first_name", "unit__code")
    list_select_related = ("unit", "role")
    raw_id_fields = ("unit",)
    inlines = [AssignmentInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("rank", "first_name", "last_name", "document_number", "email")}),
        (_("Post"), {"fields": ("unit", "role", "is_active", "is_staff")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "parent", "department", "valid_from", "valid_to")
    list_filter = ("kind", "department")
    search_fields = ("code", "name")
    raw_id_fields = ("parent", "successor", "district", "province")
    list_select_related = ("kind", "parent", "department")


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ("code", "name_es", "national_scope", "receives_regional_alerts")


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_es", "scope", "sees_personal_data")


@admin.register(LegalElement)
class LegalElementAdmin(SimpleHistoryAdmin):
    list_display = ("code", "group", "label_es", "derived")
    list_filter = ("group",)
    readonly_fields = ("code",)


@admin.register(Law)
class LawAdmin(SimpleHistoryAdmin):
    list_display = ("name", "published", "in_force_from")


@admin.register(ElementArticle)
class ElementArticleAdmin(SimpleHistoryAdmin):
    list_display = ("element", "article", "law", "valid_from", "valid_to")
    list_filter = ("law",)
    search_fields = ("element", "article")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("name", "code")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "department")
    search_fields = ("name", "code")


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "province")
    search_fields = ("name", "code")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "unit_code", "action", "object_type", "object_id", "outcome")
    list_filter = ("action", "outcome")
    search_fields = ("username", "unit_code", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JusticeOffice)
class JusticeOfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "department", "phone", "active")
    list_filter = ("kind", "department", "active")
    search_fields = ("name", "address")
    raw_id_fields = ("district",)


@admin.register(InformationInstitution)
class InformationInstitutionAdmin(admin.ModelAdmin):
    list_display = ("name", "subject", "answer_days", "active")
    search_fields = ("name",)
