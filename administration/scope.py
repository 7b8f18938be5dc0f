"""Who may see which records: the one scope rule of RETA.

A user sees the records of their unit and of every unit under it; a role with national
scope (the national division, the Secretariat's analysts) sees the whole country. Every
queryset a view shows goes through ``in_scope``; an object outside scope is a 404, never
a 403 that would confirm it exists.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from reta.remembered import Remembered

from .models import Role, Unit, UnitKind

# The units under each unit, read once per process until a unit is added, moved or
# closed anywhere (a page asked for them two or three times, a query each).
UNIT_TREE = Remembered("unit-tree")


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


def scope_unit_ids(user) -> list[int] | None:
    """The ids of the units whose records the user may see; None means every unit (a
    national role). The units in scope are few: listing them lets PostgreSQL use the
    foreign-key indexes of big tables instead of joining each row to its unit."""
    if not (user.is_authenticated and user.is_active and user.role_id):
        return []
    prefix = scope_path_of(user)
    if prefix is None:
        return None
    # A unit without its place in the tree sees nothing, never everything.
    if not prefix:
        return []
    return list(_units_under(prefix))


def scope_path_of(user) -> str | None:
    """The tree path whose units the user sees: None for the whole country, "" for a
    user whose unit has no place in the tree (who sees nothing)."""
    if sees_whole_country(user):
        return None
    return user.unit.scope_path if user.unit_id else ""


def subtree_unit_ids(unit: Unit) -> tuple[int, ...]:
    """The ids of ``unit`` and of every unit under it, remembered with the tree."""
    return _units_under(unit.path)


def _units_under(prefix: str) -> tuple[int, ...]:
    """The ids of the units whose path begins with ``prefix`` ("" for every unit),
    remembered with the tree."""
    return UNIT_TREE.get(
        prefix,
        lambda: tuple(Unit.objects.filter(path__startswith=prefix).values_list("pk", flat=True)),
    )


def scope_size(user) -> int:
    """How many units the user's scope holds, read with the tree, not counted again."""
    units = scope_unit_ids(user)
    return len(_units_under("") if units is None else units)


def connect_signals() -> None:
    # A unit's kind too: the list's unit filter offers the kinds that receive complaints.
    UNIT_TREE.changes_with(Unit, UnitKind)


def scope_condition(user, *, via: tuple[str, ...] = ("unit",)) -> Q | None:
    """The condition that keeps the rows in the user's scope; None means every row.
    ``via`` names the unit fields that put a row inside a unit's scope; an empty name
    means the rows are units themselves."""
    units = scope_unit_ids(user)
    if units is None:
        return None
    condition = Q(pk__in=[])
    for field in via:
        condition |= Q(**{f"{field}__in" if field else "pk__in": units})
    return condition


def units_in_scope_of(user, *unit_ids) -> bool:
    """Whether one of a record's units (``unit_ids``: the one that received it, the one
    that typed it...) is in the user's scope: scope_condition's rule, asked of a record
    already read."""
    units = scope_unit_ids(user)
    return units is None or any(unit_id in units for unit_id in unit_ids)


def in_scope(queryset: QuerySet, user, *, via: tuple[str, ...] = ("unit",)) -> QuerySet:
    """The rows of ``queryset`` the user may see (see scope_condition)."""
    condition = scope_condition(user, via=via)
    return queryset if condition is None else queryset.filter(condition)


def units_in_scope(user) -> QuerySet:
    return in_scope(Unit.objects.all(), user, via=("",))


def get_in_scope_or_404(queryset: QuerySet, user, *, via: tuple[str, ...] = ("unit",), **lookup):
    try:
        return in_scope(queryset, user, via=via).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
