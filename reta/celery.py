"""The Celery app: background work (alert delivery, escalation) on Redis."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reta.settings")

app = Celery("reta")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
