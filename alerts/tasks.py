"""Celery tasks: they take ids, load, and call the services."""

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings

from . import services


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=settings.ALERT_DELIVERY_MAX_ATTEMPTS,
)
def deliver_alert(self, alert_id: int) -> bool:
    try:
        return services.alert_deliver(alert_id)
    except Exception as error:
        if services.alert_record_failure(alert_id, error):
            return False  # given up: the monitoring page shows it, an administrator retries
        raise


@shared_task(acks_late=True)
def relay_pending_alerts() -> int:
    return services.relay_pending()


@shared_task(acks_late=True)
def escalate_overdue_alerts() -> int:
    return services.escalate_overdue()


@worker_ready.connect
def deliver_pending_on_start(sender=None, **kwargs):
    # A worker that starts (after a crash, or Redis coming back) first sweeps the outbox.
    relay_pending_alerts.delay()
