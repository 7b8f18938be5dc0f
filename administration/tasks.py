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


@shared_task
def disable_dormant_accounts():
    """Every night: accounts unused for DORMANT_ACCOUNT_DAYS are disabled, their units'
    administrators told (services.users_disable_dormant)."""
    from .services import users_disable_dormant

    disabled = users_disable_dormant()
    logger.info("dormant accounts disabled: %d", len(disabled))
    return len(disabled)


@shared_task
def verify_audit():
    """Every night: the whole verification of verify_audit; any problem raises an alert
    to the national division (integrity_alerts.py)."""
    from .integrity_alerts import verify_and_alert

    return verify_and_alert()
