"""Alerts: created with the complaint that causes them (an outbox in the same transaction),
delivered by Celery after commit, swept up by a relay when the broker or a worker failed.

Delivering is idempotent: the alert row is locked (SKIP LOCKED) and ``delivered_at`` set
once; the e-mail is recorded under a unique constraint before it is sent."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from administration.audit import Action, audit_record
from administration.models import Unit, valid_on
from reporting.routing import competent_unit

from .models import Alert, AlertNote, AlertRoute, Delivery

logger = logging.getLogger(__name__)
RANKS = {"urgent": 0, "high": 1, "normal": 2}
ESCALATION_PERMISSION = "administration.receive_escalations"


def regional_receiver(department_code: str, on) -> Unit | None:
    """The unit designated for the department on that date (data), else its specialized
    unit found from the tree."""
    route = AlertRoute.objects.filter(valid_on(on), department_id=department_code).first()
    if route is not None:
        return route.unit
    return competent_unit(department_code, on)


def national_receivers(on):
    return Unit.objects.filter(valid_on(on), kind__national_scope=True)


def alerts_create_for(complaint) -> list[Alert]:
    """Called inside the sending transaction: the alert rows commit with the complaint."""
    if complaint.verdict not in ("trafficking", "related") or complaint.department_id is None:
        return []
    today = timezone.localdate()
    regional = regional_receiver(complaint.department_id, today)
    if complaint.verdict == "trafficking":
        kind, priority = Alert.Kind.ALERT, complaint.priority
        receivers = [regional, *national_receivers(today)]
    else:
        kind, priority = Alert.Kind.NOTICE, Alert.Priority.NORMAL
        receivers = [regional]
    now = timezone.now()
    alerts = []
    for unit in dict.fromkeys(u for u in receivers if u is not None):
        alert, created = Alert.objects.get_or_create(
            complaint=complaint,
            unit=unit,
            kind=kind,
            defaults={
                "priority": priority,
                "rank": RANKS[priority],
                "created_at": now,
                "mail_to": unit.email,
            },
        )
        if created:
            alerts.append(alert)
        elif alert.priority != priority and alert.status == Alert.Status.OPEN:
            alert.priority, alert.rank = priority, RANKS[priority]
            alert.save(update_fields=["priority", "rank"])
    ids = [alert.pk for alert in alerts]
    transaction.on_commit(lambda: dispatch(ids))
    return alerts


def dispatch(alert_ids: list[int]) -> bool:
    """Queue the deliveries. A broker that is down must not reach the user: the alerts stay
    pending and the relay delivers them (tasks.relay_pending_alerts)."""
    from .tasks import deliver_alert

    if not alert_ids:
        return True
    try:
        with deliver_alert.app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
            for alert_id in alert_ids:
                deliver_alert.apply_async((alert_id,), connection=connection, retry=False)
    except Exception as error:  # noqa: BLE001 (any broker failure: the relay takes over)
        logger.warning(
            "broker unavailable (%s); %d alert(s) left for the relay",
            type(error).__name__,
            len(alert_ids),
        )
        return False
    return True


def _mail(alert: Alert) -> None:
    # No personal data of the victim: number, priority, region and a link.
    complaint = alert.complaint
    with translation.override("es-pe"):
        subject = _("RETA: %(kind)s %(priority)s — %(number)s") % {
            "kind": alert.get_kind_display(),
            "priority": alert.get_priority_display(),
            "number": complaint.number,
        }
        body = _(
            "%(kind)s for %(unit)s.\n\nComplaint: %(number)s\nPriority: %(priority)s\n"
            "Region: %(region)s\n\nOpen it in RETA: %(link)s\n"
        ) % {
            "kind": capfirst(alert.get_kind_display()),
            "unit": alert.unit,
            "number": complaint.number,
            "priority": alert.get_priority_display(),
            "region": complaint.department.name if complaint.department_id else "—",
            "link": settings.SITE_URL + reverse("alert-detail", kwargs={"pk": alert.pk}),
        }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [alert.mail_to])


def alert_deliver(alert_id: int) -> bool:
    """Deliver one alert: to the inbox first, then by e-mail, in separate transactions so
    a mail server that is down never keeps an alert out of the inbox. True if this call
    delivered anything; False if it was done already or another worker holds it."""
    shown = _deliver_to_inbox(alert_id)
    mailed = _deliver_by_mail(alert_id)
    return shown or mailed


@transaction.atomic
def _deliver_to_inbox(alert_id: int) -> bool:
    alert = (
        Alert.objects.select_for_update(skip_locked=True)
        .filter(pk=alert_id, delivered_at__isnull=True, failed_at__isnull=True)
        .first()
    )
    if alert is None:
        return False
    alert.delivered_at = timezone.now()
    alert.attempts += 1
    alert.save(update_fields=["delivered_at", "attempts"])
    return True


@transaction.atomic
def _deliver_by_mail(alert_id: int) -> bool:
    alert = (
        Alert.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("unit", "complaint__department")
        .filter(pk=alert_id, delivered_at__isnull=False, failed_at__isnull=True)
        .exclude(mail_to="")
        .exclude(deliveries__channel="email")
        .first()
    )
    if alert is None:
        return False
    # Recorded before sending, under a unique constraint: a second sender fails here.
    Delivery.objects.create(alert=alert, address=alert.mail_to, sent_at=timezone.now())
    _mail(alert)
    return True


def error_text(error: Exception) -> str:
    """What the monitoring page shows of a failure: the kind of error and the mail
    server's own words (about the unit's address, never a victim)."""
    detail = " ".join(str(error).split())
    return (f"{type(error).__name__}: {detail}" if detail else type(error).__name__)[:200]


@transaction.atomic
def alert_record_failure(alert_id: int, error: Exception) -> bool:
    """Count a failed attempt; True when it was the last one allowed and the delivery is
    given up (nothing retries it until an administrator does)."""
    alert = Alert.objects.select_for_update(of=("self",)).filter(pk=alert_id).first()
    if alert is None:
        return True
    alert.attempts += 1
    alert.failures += 1
    alert.last_error = error_text(error)
    if alert.failures >= settings.ALERT_DELIVERY_MAX_ATTEMPTS and alert.failed_at is None:
        alert.failed_at = timezone.now()
        logger.warning("alert %s given up after %d failed attempts", alert_id, alert.failures)
    alert.save(update_fields=["attempts", "failures", "last_error", "failed_at"])
    return alert.failed_at is not None


def pending_alerts(*, failed: bool = False):
    """Alerts not yet in their inbox, or whose e-mail is not sent yet; those given up
    only when asked (the relay never retries them)."""
    mail_sent = Delivery.objects.filter(alert=OuterRef("pk"), channel="email")
    pending = Alert.objects.filter(
        Q(delivered_at__isnull=True) | (~Q(mail_to="") & ~Exists(mail_sent))
    )
    return pending if failed else pending.filter(failed_at__isnull=True)


@transaction.atomic
def alert_retry_delivery(*, alert: Alert, user, request=None) -> Alert:
    """An administrator's retry of a delivery that was given up: the count starts again
    and the delivery is queued at once (the relay also picks it up)."""
    alert = Alert.objects.select_for_update(of=("self",)).get(pk=alert.pk)
    alert.failures, alert.failed_at = 0, None
    alert.save(update_fields=["failures", "failed_at"])
    audit_record(
        action=Action.CHANGE, user=user, request=request, obj=alert, detail="retry delivery"
    )
    transaction.on_commit(lambda: dispatch([alert.pk]))
    return alert


def relay_pending(limit: int = 200) -> int:
    """Deliver every pending alert (oldest first), skipping the ones a worker holds."""
    delivered = 0
    # Inboxes first: a backlog of unsent mail must never delay an alert's arrival.
    not_shown = Alert.objects.filter(delivered_at__isnull=True, failed_at__isnull=True).order_by(
        "created_at"
    )
    ids = list(not_shown.values_list("pk", flat=True)[:limit])
    ids += list(
        pending_alerts()
        .exclude(pk__in=ids)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for alert_id in ids:
        try:
            delivered += alert_deliver(alert_id)
        except Exception as error:  # noqa: BLE001 (one bad alert must not stop the sweep)
            logger.warning("alert %s not delivered: %s", alert_id, type(error).__name__)
            alert_record_failure(alert_id, error)
    return delivered


def escalate_overdue(now=None) -> int:
    """Alerts not acknowledged in time go one level up, or, in a unit whose kind says so
    (the national division), to its own chief and administrators; the unit is reminded."""
    now = now or timezone.now()
    escalated = 0
    for priority, hours in settings.ALERT_ESCALATION_HOURS.items():
        overdue = Alert.objects.filter(
            Q(unit__kind__escalates_within=True) | Q(unit__parent__isnull=False),
            status=Alert.Status.OPEN,
            priority=priority,
            delivered_at__isnull=False,
            escalated_at__isnull=True,
            created_at__lt=now - timedelta(hours=hours),
            complaint__isnull=False,
        ).values_list("pk", flat=True)
        for alert_id in overdue:
            escalated += _escalate(alert_id, now)
    return escalated


def escalation_recipients(unit_id: int):
    """The people of the unit told of its overdue alerts: those holding the permission
    (administrators by their role; the chief given it in the administration)."""
    User = get_user_model()
    return (
        User.objects.with_perm(
            ESCALATION_PERMISSION,
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(unit_id=unit_id, is_active=True)
        .order_by("pk")
    )


def _remind(alert: Alert, addresses: list[str]) -> None:
    if not addresses:
        return
    with translation.override("es-pe"):
        subject = _("RETA reminder: alert %(number)s is not acknowledged") % {
            "number": alert.complaint.number
        }
    link = settings.SITE_URL + reverse("alert-detail", kwargs={"pk": alert.pk})
    transaction.on_commit(
        lambda: send_mail(subject, link, settings.DEFAULT_FROM_EMAIL, addresses, fail_silently=True)
    )


@transaction.atomic
def _escalate(alert_id: int, now) -> bool:
    alert = (
        Alert.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("unit__parent", "unit__kind", "complaint")
        .filter(pk=alert_id, escalated_at__isnull=True, status=Alert.Status.OPEN)
        .first()
    )
    if alert is None:
        return False
    alert.escalated_at = now
    alert.save(update_fields=["escalated_at"])
    if alert.unit.kind.escalates_within or alert.unit.parent_id is None:
        # Shown on the home page of each recipient (selectors.escalated_for) and mailed.
        people = [u.email for u in escalation_recipients(alert.unit_id) if u.email]
        _remind(alert, list(dict.fromkeys([*filter(None, [alert.unit.email]), *people])))
        return True
    upper, _created = Alert.objects.get_or_create(
        complaint=alert.complaint,
        unit=alert.unit.parent,
        kind=Alert.Kind.ESCALATION,
        defaults={
            "priority": alert.priority,
            "rank": alert.rank,
            "created_at": now,
            "escalated_from": alert,
            "mail_to": alert.unit.parent.email,
        },
    )
    _remind(alert, [alert.unit.email] if alert.unit.email else [])
    transaction.on_commit(lambda: dispatch([upper.pk]))
    return True


@transaction.atomic
def alert_acknowledge(*, alert: Alert, user, request=None) -> Alert:
    if alert.acknowledged_at is None:
        alert.acknowledged_at = timezone.now()
        alert.acknowledged_by = user
        if alert.status == Alert.Status.OPEN:
            alert.status = Alert.Status.ACKNOWLEDGED
        alert.save(update_fields=["acknowledged_at", "acknowledged_by", "status"])
    audit_record(action=Action.CHANGE, user=user, request=request, obj=alert, detail="acknowledge")
    return alert


@transaction.atomic
def alert_take(*, alert: Alert, user, request=None) -> Alert:
    now = timezone.now()
    if alert.acknowledged_at is None:
        alert.acknowledged_at, alert.acknowledged_by = now, user
    alert.status, alert.taken_by, alert.taken_at = Alert.Status.TAKEN, user, now
    alert.save(
        update_fields=["status", "taken_by", "taken_at", "acknowledged_at", "acknowledged_by"]
    )
    audit_record(action=Action.CHANGE, user=user, request=request, obj=alert, detail="take")
    return alert


@transaction.atomic
def alert_add_note(*, alert: Alert, user, text: str, request=None) -> AlertNote:
    note = AlertNote.objects.create(alert=alert, author=user, text=text)
    audit_record(action=Action.CHANGE, user=user, request=request, obj=alert, detail="note")
    return note


def monitoring_alert_raise(*, unit, subject: str, summary: str, now=None) -> Alert | None:
    """A monitoring alert (statistics: a unit or department stopped registering) in a
    unit's inbox; one open at a time for each subject. None when one is open already."""
    now = now or timezone.now()
    with transaction.atomic():
        if Alert.objects.filter(
            kind=Alert.Kind.MONITORING, unit=unit, subject=subject, status=Alert.Status.OPEN
        ).exists():
            return None
        return Alert.objects.create(
            unit=unit,
            kind=Alert.Kind.MONITORING,
            priority=Alert.Priority.NORMAL,
            rank=RANKS[Alert.Priority.NORMAL],
            subject=subject,
            summary=summary[:300],
            created_at=now,
            # Straight to the inbox: nothing to mail about a person, nothing to escalate.
            delivered_at=now,
        )
