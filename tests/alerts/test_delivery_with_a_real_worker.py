"""Delivery through the real Redis of `make test` and a real Celery worker (in a thread)."""

import threading

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail

from alerts.models import Alert, Delivery
from alerts.tasks import relay_pending_alerts
from reta.celery import app
from tests.factories import sent_complaint, user_with_role

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DEAD_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def officer(tree):
    tree.cusco_department.email = "depintrap.cusco@example.pe"
    tree.cusco_department.save(update_fields=["email"])
    return user_with_role("station_officer", tree.cusco_station)


@pytest.fixture
def worker():
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield


def run_and_wait(task_name, send):
    done = threading.Event()

    def finished(sender=None, **kwargs):
        if sender.name == task_name:
            done.set()

    task_postrun.connect(finished, weak=False)
    try:
        send()
        assert done.wait(timeout=30), f"{task_name} did not run"
    finally:
        task_postrun.disconnect(finished)


def test_a_sent_complaint_reaches_the_inbox_through_the_worker(officer, worker):
    run_and_wait("alerts.tasks.deliver_alert", lambda: sent_complaint(officer))
    delivered = Alert.objects.filter(delivered_at__isnull=False)
    # Both alerts are queued; wait for the last of them by sweeping once more.
    run_and_wait("alerts.tasks.relay_pending_alerts", relay_pending_alerts.delay)
    assert delivered.count() == 2 and len(mail.outbox) == 1


def test_alerts_kept_while_redis_was_down_are_delivered_once_it_is_back(officer, settings, worker):
    settings.CELERY_BROKER_URL = DEAD_BROKER
    complaint = sent_complaint(officer)
    assert complaint.alerts.filter(delivered_at__isnull=True).count() == 2
    settings.CELERY_BROKER_URL = app.conf.broker_url
    run_and_wait("alerts.tasks.relay_pending_alerts", relay_pending_alerts.delay)
    run_and_wait("alerts.tasks.relay_pending_alerts", relay_pending_alerts.delay)
    assert complaint.alerts.filter(delivered_at__isnull=True).count() == 0
    assert Delivery.objects.count() == 1 and len(mail.outbox) == 1
