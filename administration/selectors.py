"""Reads of the administration module, always through the scope rule (scope.py)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AuditEvent, Role, Unit, UnitAssignment, User
from .scope import in_scope, sees_whole_country, units_in_scope

REGISTERS = "register_complaint"


def users_managed_by(manager) -> QuerySet:
    """The accounts an administrator may manage: those of units in their scope. Accounts
    without a unit (technical ones) belong to national administrators only."""
    users = User.objects.select_related("unit", "role")
    if sees_whole_country(manager):
        return users
    return in_scope(users, manager, via=("unit",))


def assignable_units(manager) -> QuerySet:
    today = timezone.localdate()
    return (
        units_in_scope(manager)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("path")
    )


def assignable_roles(manager) -> QuerySet:
    """A national administrator gives any role; one scoped to a subtree gives only roles
    that are themselves scoped to a unit (never the whole country)."""
    roles = Role.objects.all()
    return roles if sees_whole_country(manager) else roles.filter(scope=Role.SCOPE_UNIT)


def successors_for(officer, manager) -> QuerySet:
    """Who may receive what ``officer`` held: the active people of the unit they leave."""
    return (
        users_managed_by(manager)
        .filter(is_active=True, unit_id=officer.unit_id)
        .exclude(pk=officer.pk)
        .order_by("last_name", "first_name")
    )


def sign_in_roster(unit: Unit) -> list[User]:
    """Who can still sign in at ``unit`` and when each last did (never: None)."""
    return list(
        User.objects.filter(unit=unit, is_active=True)
        .select_related("role")
        .order_by("last_name", "first_name")
    )


def dormant_cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.DORMANT_ACCOUNT_DAYS)


def units_losing_registrars(manager) -> list[dict]:
    """Units that had people and where nobody active can register a complaint any more
    (``soon``: the only ones who can will be disabled as dormant within
    DORMANT_WARNING_DAYS). The trained officer left and nobody has access: said before
    a citizen walks in."""
    units = units_in_scope(manager).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate()),
        kind__receives_complaints=True,
        pk__in=UnitAssignment.objects.values("unit_id"),
    )
    registrars = User.objects.filter(
        is_active=True, unit__in=units, groups__permissions__codename=REGISTERS
    ).distinct()
    soon = dormant_cutoff() + timedelta(days=settings.DORMANT_WARNING_DAYS)
    fresh = {}
    for user in registrars.only("unit_id", "last_login", "date_joined"):
        seen = user.last_login or user.date_joined
        fresh[user.unit_id] = fresh.get(user.unit_id, False) or seen > soon
    flagged = []
    for unit in units.select_related("kind").order_by("path"):
        if unit.pk not in fresh:
            flagged.append({"unit": unit, "soon": False})
        elif not fresh[unit.pk]:
            flagged.append({"unit": unit, "soon": True})
    return flagged


def last_verification() -> AuditEvent | None:
    """The last run of verify_audit (the command and the periodic task audit each run)."""
    return AuditEvent.objects.filter(action=AuditEvent.Action.VERIFY).order_by("-seq").first()


def recently_disabled_as_dormant(manager, days: int = 30) -> QuerySet:
    since = timezone.now() - timedelta(days=days)
    ids = AuditEvent.objects.filter(
        action=AuditEvent.Action.PERMISSION_CHANGE,
        object_type="administration.user",
        detail="deactivated: dormant",
        at__gte=since,
    ).values_list("object_id", flat=True)
    return users_managed_by(manager).filter(pk__in=[int(i) for i in ids], is_active=False)
