"""Record history for RETA: django-simple-history, with every history row signed by the
application when it is written (administration/integrity.py) and kept append-only by
PostgreSQL (database.py). Use ``signed_history()`` wherever a model keeps its history."""

import functools
import logging

from django.db.models.signals import pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from . import integrity
from .models.audit import SignedRow


def signed_history(**options) -> HistoricalRecords:
    return HistoricalRecords(bases=[SignedRow], **options)


logger = logging.getLogger(__name__)


@functools.cache
def _signed_history_models() -> frozenset:
    return frozenset(integrity.history_models())


@receiver(pre_save)
def _note_changes_made_outside(sender, instance, raw=False, **kwargs):
    """Before the application saves a record, is it still what RETA last signed? A record
    changed by SQL and then saved by an unknowing user must not have the SQL's values
    signed in its new history row (that would launder them)."""
    # A new record (even with its id taken first, as a unit's) has nothing signed yet.
    if raw or instance._state.adding or sender not in _signed_history_models():
        return
    instance._reta_changed_outside = not integrity.untouched_since_signed(instance)


@receiver(pre_create_historical_record)
def _sign_history_row(sender, history_instance, instance=None, **kwargs):
    # simple-history's own hook, called with the row about to be inserted.
    if not isinstance(history_instance, SignedRow):
        return
    if getattr(instance, "_reta_changed_outside", False):
        # Left unsigned: verify_audit and the record's pages keep naming it.
        logger.warning(
            "%s id=%s was changed outside RETA; its new history row is left unsigned",
            sender._meta.label,
            instance.pk,
        )
        return
    integrity.sign_row(history_instance)
