"""Who may see which records: the one scope rule of RETA.

A user sees the records of their unit and of every unit under it; a role with national
scope (the national division, the Secretariat's analysts) sees the whole country. Every
queryset a view shows goes through ``in_scope``; an object outside scope is a 404, never
a 403 that would confirm it exists.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Role, Unit


def sees_whole_country(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role_id
        and (
            user.role.scope == Role.SCOPE_NATIONAL
            or (user.unit_id and user.unit.kind.national_scope)
        )
    )


def sees_personal_data(user) -> bool:
    return bool(user.is_authenticated and user.role_id and user.role.sees_personal_data)


def in_scope(queryset: QuerySet, user, *, via: tuple[str, ...] = ("unit",)) -> QuerySet:
    """The rows of ``queryset`` the user may see. ``via`` names the unit fields that put a
    row inside a unit's scope (e.g. the receiving unit and the unit that typed it)."""
    if not (user.is_authenticated and user.is_active and user.role_id):
        return queryset.none()
    if sees_whole_country(user):
        return queryset
    if not user.unit_id:
        return queryset.none()
    prefix = user.unit.scope_path
    if not prefix:
        # A unit without its place in the tree sees nothing, never everything.
        return queryset.none()
    condition = Q()
    for field in via:
        # An empty field name means the queryset is of units themselves.
        condition |= Q(**{f"{field}__path__startswith" if field else "path__startswith": prefix})
    return queryset.filter(condition)


def units_in_scope(user) -> QuerySet:
    return in_scope(Unit.objects.all(), user, via=("",))


def get_in_scope_or_404(queryset: QuerySet, user, *, via: tuple[str, ...] = ("unit",), **lookup):
    try:
        return in_scope(queryset, user, via=via).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
