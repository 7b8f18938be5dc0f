"""Periodic work of the administration module."""

import logging

from celery import shared_task
from django.conf import settings

from . import integrity
from .models import AuditEvent

logger = logging.getLogger(__name__)


@shared_task
def export_audit_chain_head():
    """Once a day, the audit chain's head goes outside the database (a file and the log):
    a chain rewritten later, even with valid signatures, no longer reaches it."""
    head = integrity.export_chain_head(AuditEvent, settings.AUDIT_HEAD_FILE)
    if head is not None:
        logger.info("audit chain head %(date)s seq=%(seq)s hash=%(row_hash)s", head)
    return head
