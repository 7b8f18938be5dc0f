"""Writes on the tree of command and on users. Each service is one transaction and leaves
an audit line where the brief asks for one."""

from datetime import date, timedelta

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from .audit import Action, audit_record
from .models import Role, Unit, UnitAssignment, UnitKind, User


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
    unit.path = f"{parent.path if parent else ''}{unit.pk}."
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
    return user


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
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User, by: User | None = None) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end_for(user)
    audit_record(action=Action.PERMISSION_CHANGE, user=by, obj=user, detail="deactivated")
