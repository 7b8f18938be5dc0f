"""Writes on the tree of command and on users. Each service is one transaction and leaves
an audit line where the brief asks for one."""

from datetime import date, timedelta

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from .audit import Action, audit_record
from .models import Role, Unit, UnitAssignment, UnitKind, User
from .sessions import session_data_of


@transaction.atomic
def unit_create(
    *,
    kind: UnitKind,
    code: str,
    name: str,
    parent: Unit | None = None,
    valid_from: date,
    **fields,
) -> Unit:
    unit = Unit.objects.create(
        kind=kind, code=code, name=name, parent=parent, valid_from=valid_from, path="", **fields
    )
    return unit_set_path(unit)


def unit_set_path(unit: Unit) -> Unit:
    unit.path = f"{unit.parent.path if unit.parent_id else ''}{unit.pk}."
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    unit: Unit,
    role: Role,
    started: date,
    recorded_by: User | None = None,
    **fields,
) -> User:
    user = User(username=username, unit=unit, role=role, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.is_staff = role.group.permissions.filter(codename="manage_users").exists()
    user.save()
    user.groups.set([role.group])
    UnitAssignment.objects.create(
        user=user, unit=unit, role=role, started=started, recorded_by=recorded_by
    )
    # Last: the event vouches for the permission rows written above (integrity.py).
    audit_record(
        action=Action.CREATE,
        user=recorded_by,
        obj=user,
        detail=f"unit={unit.code} role={role.code}",
    )
    return user


@transaction.atomic
def user_place(*, user: User, unit: Unit, role: Role, by: User | None = None) -> None:
    """A user created elsewhere (the admin) gets the role's permissions and a dated
    assignment, as user_create gives them."""
    user.groups.set([role.group])
    UnitAssignment.objects.create(
        user=user, unit=unit, role=role, started=timezone.localdate(), recorded_by=by
    )
    _staff_follows_role(user, role)
    audit_record(
        action=Action.PERMISSION_CHANGE,
        user=by,
        obj=user,
        detail=f"unit={unit.code} role={role.code}",
    )


def _staff_follows_role(user: User, role: Role) -> None:
    # Only roles that manage users reach the Django admin.
    staff = role.group.permissions.filter(codename="manage_users").exists()
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


@transaction.atomic
def user_move(
    *, user: User, unit: Unit, role: Role | None = None, on: date, recorded_by: User | None = None
) -> UnitAssignment:
    """Move a user to another unit (and perhaps role) from ``on``; the old assignment ends
    the day before, so who was where on any date stays answerable."""
    role = role or user.role
    current = UnitAssignment.objects.select_for_update().filter(user=user, ended__isnull=True)
    for assignment in current:
        assignment.ended = max(assignment.started, on - timedelta(days=1))
        assignment.save(update_fields=["ended"])
    assignment = UnitAssignment.objects.create(
        user=user, unit=unit, role=role, started=on, recorded_by=recorded_by
    )
    role_changed = role != user.role
    user.unit, user.role = unit, role
    user.save(update_fields=["unit", "role"])
    if role_changed:
        user.groups.set([role.group])
        _staff_follows_role(user, role)
    audit_record(
        action=Action.PERMISSION_CHANGE,
        user=recorded_by,
        obj=user,
        detail=f"unit={unit.code} role={role.code}",
    )
    return assignment


def sessions_end_for(user: User) -> int:
    """Delete every open session of ``user``; returns how many ended."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session_data_of(session).get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User, by: User | None = None) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end_for(user)
    audit_record(action=Action.PERMISSION_CHANGE, user=by, obj=user, detail="deactivated")


@transaction.atomic
def unit_reparent(*, unit: Unit, parent: Unit | None) -> Unit:
    """Hang ``unit`` (and everything under it) from another parent. Records stay with their
    units; who sees them follows the new tree."""
    old_prefix = unit.path
    new_prefix = f"{parent.path if parent else ''}{unit.pk}."
    if parent is not None and parent.path.startswith(old_prefix):
        raise ValueError("A unit cannot hang from one of its own sub-units.")
    Unit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1))
    )
    Unit.objects.filter(pk=unit.pk).update(parent=parent)
    unit.refresh_from_db()
    return unit


@transaction.atomic
def unit_reorganize(
    *, closing: list[Unit], opening: list[dict], on: date, children_to: int | None = 0
) -> list[Unit]:
    """A split, merge or rename from ``on``: the closing units end the day before and name
    their successor; the old units stay, so old records keep the unit that received them.
    ``opening`` are unit_create() arguments; the closing units' sub-units move under
    ``opening[children_to]`` (None leaves them where they are)."""
    opened = [unit_create(valid_from=on, **fields) for fields in opening]
    for old in closing:
        if children_to is not None:
            for child in old.children.filter(valid_to__isnull=True):
                unit_reparent(unit=child, parent=opened[children_to])
        old.valid_to = on - timedelta(days=1)
        old.successor = opened[0] if len(opened) == 1 else None
        old.save(update_fields=["valid_to", "successor"])
    return opened
