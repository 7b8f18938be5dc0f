"""Reads on alerts, within the scope rule."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from administration.scope import get_in_scope_or_404
from reta.remembered import Watched

from .models import Alert


def inbox_for(user) -> QuerySet:
    """The delivered alerts of the user's unit, urgent first, then oldest first."""
    if not (user.is_authenticated and user.unit_id):
        return Alert.objects.none()
    return (
        Alert.objects.filter(unit_id=user.unit_id, delivered_at__isnull=False)
        .select_related("complaint__department", "unit")
        .order_by("status", "rank", "created_at")
    )


# The count of a unit's open alerts, shown on every page: remembered until an alert of
# that unit is saved or removed (apps.py), whatever the other units receive meanwhile.
OPEN_COUNTS = Watched("open-alerts", most=4096)


def unit_token(unit_id) -> tuple:
    return ("unit", unit_id)


def alert_changed(sender, instance, **kwargs):
    """post_save and post_delete of Alert (apps.py): its unit's count is read again."""
    OPEN_COUNTS.touched({unit_token(instance.unit_id)})


def open_count_for(user) -> int:
    if not (user.is_authenticated and user.unit_id):
        return 0
    return OPEN_COUNTS.get(
        user.unit_id,
        {unit_token(user.unit_id)},
        lambda: inbox_for(user).filter(status=Alert.Status.OPEN).count(),
    )


def alert_get_for_user(user, pk: int) -> Alert:
    return get_in_scope_or_404(
        Alert.objects.select_related("complaint", "unit", "acknowledged_by", "taken_by"),
        user,
        via=("unit",),
        pk=pk,
    )


def overdue_condition(now=None) -> Q:
    now = now or timezone.now()
    condition = Q()
    for priority, hours in settings.ALERT_ESCALATION_HOURS.items():
        condition |= Q(priority=priority, created_at__lt=now - timedelta(hours=hours))
    return Q(status=Alert.Status.OPEN) & condition


def monitoring_by_region() -> list[dict]:
    """Alerts by the region of the facts: how many, open, overdue, time to acknowledge."""
    rows = (
        Alert.objects.exclude(kind__in=[Alert.Kind.ESCALATION, Alert.Kind.MONITORING])
        .values("complaint__department__name")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status=Alert.Status.OPEN)),
            overdue=Count("pk", filter=overdue_condition()),
            acknowledge_time=Avg(
                F("acknowledged_at") - F("created_at"), filter=Q(acknowledged_at__isnull=False)
            ),
        )
        .order_by("-overdue", "-open", "complaint__department__name")
    )
    return list(rows)


def pending_deliveries() -> QuerySet:
    """The dead-letter list: alerts not delivered yet, those given up first, then the
    oldest first."""
    from .services import pending_alerts

    return (
        pending_alerts(failed=True)
        .select_related("unit", "complaint")
        .order_by(F("failed_at").desc(nulls_last=True), "created_at")
    )


def failed_delivery_count() -> int:
    from .services import pending_alerts

    return pending_alerts(failed=True).filter(failed_at__isnull=False).count()


def escalated_for(user) -> QuerySet:
    """Alerts of the user's unit left unacknowledged past their time, for the people told
    of them in the unit itself (its chief and administrators; see services._escalate)."""
    from .services import ESCALATION_PERMISSION

    if not (user.is_authenticated and user.unit_id and user.has_perm(ESCALATION_PERMISSION)):
        return Alert.objects.none()
    return (
        Alert.objects.filter(
            unit_id=user.unit_id,
            unit__kind__escalates_within=True,
            status=Alert.Status.OPEN,
            escalated_at__isnull=False,
        )
        .select_related("complaint__department")
        .order_by("rank", "created_at")
    )


def flag_after():
    return timezone.now() - timedelta(minutes=settings.ALERT_PENDING_FLAG_MINUTES)
