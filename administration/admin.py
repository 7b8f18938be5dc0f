from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .audit import Action, audit_record
from .models import (
    AuditEvent,
    Department,
    District,
    ElementArticle,
    InformationInstitution,
    JusticeOffice,
    Law,
    LegalElement,
    OfficialYearName,
    PhoneOperator,
    Province,
    Role,
    Unit,
    UnitAssignment,
    UnitKind,
    User,
)
from .services import unit_reparent, unit_set_path, user_deactivate, user_move, user_place


class AuditsPermissionChanges:
    """The admin saves a form's many-to-many fields (a group's permissions) after the
    object: the audit event comes last, so it vouches for them (integrity.py)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        audit_record(
            action=Action.PERMISSION_CHANGE,
            request=request,
            obj=form.instance,
            detail="changed in the Django admin",
        )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditsPermissionChanges, DjangoGroupAdmin):
    pass


class AssignmentInline(admin.TabularInline):
    model = UnitAssignment
    fk_name = "user"
    extra = 0
    can_delete = False
    readonly_fields = ("unit", "role", "started", "ended", "recorded_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(AuditsPermissionChanges, DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "last_name", "first_name", "unit", "role", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "last_name", "first_name", "unit__code")
    list_select_related = ("unit", "role")
    raw_id_fields = ("unit",)
    inlines = [AssignmentInline]

    def save_model(self, request, obj, form, change):
        # Unit and role change through the services: groups, dated assignment, audit.
        if not change:
            obj.save()
            if obj.role_id and obj.unit_id:
                user_place(user=obj, unit=obj.unit, role=obj.role, by=request.user)
            return
        moved = {"unit", "role"} & set(form.changed_data)
        if moved and obj.unit_id and obj.role_id:
            before = User.objects.get(pk=obj.pk)
            unit, role = obj.unit, obj.role
            obj.unit, obj.role = before.unit, before.role
            obj.save()
            user_move(
                user=obj, unit=unit, role=role, on=timezone.localdate(), recorded_by=request.user
            )
        else:
            obj.save()
        if "is_active" in form.changed_data and not obj.is_active:
            user_deactivate(user=obj, by=request.user)

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

    def save_model(self, request, obj, form, change):
        # The tree's paths are kept by the services: a new unit gets its path, a moved
        # one takes its whole subtree along.
        if not change:
            obj.path = ""
            obj.save()
            unit_set_path(obj)
            return
        parent_changed = "parent" in form.changed_data
        new_parent = obj.parent
        if parent_changed:
            obj.parent = Unit.objects.get(pk=obj.pk).parent
        obj.save()
        if parent_changed:
            unit_reparent(unit=obj, parent=new_parent)


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    """A kind's scope decides what its units see: every change is audited, the event
    after the change, so that it vouches for the database's log of it (migration 0023)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        detail = "changed" if change else "created"
        audit_record(action=Action.PERMISSION_CHANGE, request=request, obj=obj, detail=detail)

    def delete_model(self, request, obj):
        kind = {"object_type": obj._meta.label_lower, "object_id": obj.pk}
        super().delete_model(request, obj)
        audit_record(action=Action.PERMISSION_CHANGE, request=request, detail="deleted", **kind)

    def delete_queryset(self, request, queryset):
        # "Delete selected" (outside any transaction of the admin's): each kind deleted
        # and audited in a transaction of its own, so that its event vouches for it.
        for kind in queryset:
            with transaction.atomic():
                self.delete_model(request, kind)

    list_display = (
        "code",
        "name_es",
        "national_scope",
        "receives_regional_alerts",
        "escalates_within",
    )


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
    list_display = ("element", "article", "law", "degree", "valid_from", "valid_to")
    list_filter = ("law", "degree")
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


@admin.register(OfficialYearName)
class OfficialYearNameAdmin(admin.ModelAdmin):
    list_display = ("year", "name")


@admin.register(PhoneOperator)
class PhoneOperatorAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "active")
    list_filter = ("active",)
