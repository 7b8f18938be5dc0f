"""Record history for RETA: django-simple-history, with every history row signed by the
application when it is written (administration/integrity.py) and kept append-only by
PostgreSQL (database.py). Use ``signed_history()`` wherever a model keeps its history."""

from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from . import integrity
from .models.audit import SignedRow


def signed_history(**options) -> HistoricalRecords:
    return HistoricalRecords(bases=[SignedRow], **options)


@receiver(pre_create_historical_record)
def _sign_history_row(sender, history_instance, **kwargs):
    # simple-history's own hook, called with the row about to be inserted.
    if isinstance(history_instance, SignedRow):
        integrity.sign_row(history_instance)
