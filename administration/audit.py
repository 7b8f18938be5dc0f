"""Writing the audit log. Call ``audit_record`` inside the transaction of the action it
records, as its last write: the action and its audit line commit or roll back together,
and the line vouches for the rows the database's triggers wrote before it
(administration/integrity.py)."""

import ipaddress

from . import integrity
from .models import AuditEvent

Action = AuditEvent.Action
Outcome = AuditEvent.Outcome


def client_address(request) -> str | None:
    # REMOTE_ADDR only: the reverse proxy sets it (see README); X-Forwarded-For is forgeable.
    address = request.META.get("REMOTE_ADDR") if request is not None else None
    try:
        # Written as PostgreSQL will give it back, so the signed content matches.
        return ipaddress.ip_address(address).compressed if address else None
    except ValueError:
        return None


def audit_record(
    *,
    action: str,
    outcome: str = Outcome.SUCCESS,
    user=None,
    request=None,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    detail: str = "",
) -> AuditEvent:
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    unit = getattr(user, "unit", None) if user is not None else None
    return integrity.append_event(
        AuditEvent,
        {
            "user_id": getattr(user, "pk", None),
            "username": getattr(user, "username", ""),
            "unit_id": getattr(unit, "pk", None),
            "unit_code": getattr(unit, "code", ""),
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "address": client_address(request),
            "outcome": outcome,
            "detail": detail[:200],
        },
    )
