"""Writes on the tree of command and on users. Each service is one transaction and leaves
an audit line where the brief asks for one."""

from datetime import date, timedelta

from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from .audit import Action, audit_record
from .models import Role, Unit, UnitAssignment, UnitKind, User
from .scope import UNIT_TREE
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
    # The id first, so the path is written with the row: one insert and one history row.
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Unit._meta.db_table])
        (unit_id,) = cursor.fetchone()
    unit = Unit(
        id=unit_id,
        kind=kind,
        code=code,
        name=name,
        parent=parent,
        valid_from=valid_from,
        path=f"{parent.path if parent else ''}{unit_id}.",
        **fields,
    )
    unit.save(force_insert=True)
    return unit


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
    user.is_staff = _reaches_django_admin(role)
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


def _reaches_django_admin(role: Role) -> bool:
    # Only national roles that manage users reach the Django admin: it knows no scope, so
    # a regional administrator works in the application's screens only.
    return (
        role.scope == Role.SCOPE_NATIONAL
        and role.group.permissions.filter(codename="manage_users").exists()
    )


def _staff_follows_role(user: User, role: Role) -> None:
    staff = _reaches_django_admin(role)
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
def user_deactivate(*, user: User, by: User | None = None, why: str = "") -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end_for(user)
    audit_record(
        action=Action.PERMISSION_CHANGE,
        user=by,
        obj=user,
        detail=f"deactivated: {why}" if why else "deactivated",
    )


@transaction.atomic
def user_reactivate(*, user: User, by: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(action=Action.PERMISSION_CHANGE, user=by, obj=user, detail="reactivated")


@transaction.atomic
def user_reset_password(*, user: User, password: str, by: User) -> None:
    """A temporary password the administrator hands over; the officer must replace it at
    the next sign-in (PasswordChangeRequiredMiddleware), and open sessions end."""
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    sessions_end_for(user)
    audit_record(action=Action.PERMISSION_CHANGE, user=by, obj=user, detail="password reset")


@transaction.atomic
def user_password_changed(*, user: User) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    audit_record(action=Action.CHANGE, user=user, obj=user, detail="password changed")


@transaction.atomic
def user_reset_second_factor(*, user: User, reason: str, by: User) -> None:
    """The phone was lost or changed hands: the authenticator and the recovery codes are
    removed, and the officer links a new one at the next sign-in."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    for device in StaticDevice.objects.filter(user=user):
        device.token_set.all().delete()
        device.delete()
    sessions_end_for(user)
    audit_record(
        action=Action.PERMISSION_CHANGE,
        user=by,
        obj=user,
        detail=f"second factor reset: {' '.join(reason.split())}",
    )


def user_update_details(*, user: User, by: User, **fields) -> User:
    """Name, rank, CIP and e-mail; unit and role change through user_move."""
    with transaction.atomic():
        changed = [name for name, value in fields.items() if getattr(user, name) != value]
        if not changed:
            return user
        for name in changed:
            setattr(user, name, fields[name])
        user.save(update_fields=changed)
        audit_record(action=Action.CHANGE, user=by, obj=user, detail=",".join(changed))
    return user


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
    # Updates send no post_save: the scopes remembered must be read again.
    UNIT_TREE.changed()
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


def users_disable_dormant(*, now=None) -> list[int]:
    """Disable the accounts nobody signed in with for DORMANT_ACCOUNT_DAYS (never used:
    counted from their creation), each audited, and tell each unit's administrators.
    Technical superuser accounts are left to the national administrators."""
    from django.db.models import Q

    from .notices import notify_dormant_disabled
    from .selectors import dormant_cutoff

    cutoff = dormant_cutoff(now)
    dormant = User.objects.filter(is_active=True, is_superuser=False).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )
    disabled = []
    for user in dormant.select_related("unit").iterator():
        user_deactivate(user=user, why="dormant")
        disabled.append(user.pk)
    if disabled:
        notify_dormant_disabled(disabled)
    return disabled


# --- The tree of command, from the administrators' screens -------------------------------


@transaction.atomic
def tree_unit_create(*, parent: Unit, by: User, **fields) -> Unit:
    unit = unit_create(parent=parent, **{k: v for k, v in fields.items() if v not in ("", None)})
    audit_record(action=Action.CREATE, user=by, obj=unit, detail=f"unit {unit.code}")
    return unit


def _successor_fields(unit: Unit, line: dict) -> dict:
    return {
        "kind": unit.kind,
        "parent": unit.parent,
        "department": unit.department,
        "province": unit.province,
        "district": unit.district,
        "email": unit.email,
        **line,
    }


@transaction.atomic
def tree_reorganize(
    *,
    unit: Unit,
    operation: str,
    on: date,
    new_units: list[dict],
    merge_with=(),
    by: User,
) -> list[Unit]:
    """Rename, split, merge or close from ``on`` (unit_reorganize): the old units stay
    with their records; their people move to the (first) new unit from the same date."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    closing = [unit, *merge_with]
    if operation == "close":
        if (
            unit.children.filter(valid_to__isnull=True).exists()
            or unit.user_set.filter(is_active=True).exists()
        ):
            raise ValidationError(_("Move its units and its people first: a unit closes empty."))
        unit.valid_to = max(unit.valid_from, on - timedelta(days=1))
        unit.save(update_fields=["valid_to"])
        opened = []
    else:
        opened = unit_reorganize(
            closing=closing,
            opening=[_successor_fields(unit, line) for line in new_units],
            on=on,
        )
        for new in opened:
            _history_follows_subtree(new)
        for old in closing:
            for person in User.objects.filter(unit=old, is_active=True):
                user_move(user=person, unit=opened[0], on=on, recorded_by=by)
    audit_record(
        action=Action.CHANGE,
        user=by,
        obj=unit,
        detail=(
            f"{operation} on={on.isoformat()} closing={','.join(u.code for u in closing)} "
            f"opening={','.join(u.code for u in opened)}"
        ),
    )
    return opened


def _history_follows_subtree(unit: Unit) -> None:
    # unit_reparent rewrites paths in bulk; each unit's signed history must say the same
    # (verify_audit compares them), so each moved unit is saved once more.
    for moved in Unit.objects.filter(path__startswith=unit.path):
        moved.save(update_fields=["parent", "path"])


@transaction.atomic
def tree_move(*, unit: Unit, parent: Unit, on: date, by: User) -> Unit:
    """Hang a unit (and its subtree) from another parent; its records stay with it and
    who sees them follows the new tree."""
    old_parent = unit.parent
    unit = unit_reparent(unit=unit, parent=parent)
    _history_follows_subtree(unit)
    audit_record(
        action=Action.CHANGE,
        user=by,
        obj=unit,
        detail=f"move on={on.isoformat()} from={getattr(old_parent, 'code', '')} to={parent.code}",
    )
    return unit
