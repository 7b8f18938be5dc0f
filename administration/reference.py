"""The reference tables national administrators keep in the application's own screens:
the legal catalogue, the justice directory, the institutions asked for information and
the alert routes. Each is a model with a signed history, so every change is audited and
shown with its before and after (views_reference.py)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import Action, audit_record


@dataclass(frozen=True)
class Table:
    slug: str
    model: str  # "app_label.Model"
    title: str
    fields: tuple[str, ...]
    columns: tuple[str, ...]

    @property
    def model_class(self):
        return apps.get_model(self.model)


TABLES = {
    t.slug: t
    for t in (
        Table(
            "leyes",
            "administration.Law",
            _("Laws"),
            ("code", "name", "published", "in_force_from", "summary_es", "summary_en"),
            ("code", "name", "in_force_from"),
        ),
        Table(
            "articulos",
            "administration.ElementArticle",
            _("Articles by element and period"),
            ("element", "article", "law", "valid_from", "valid_to", "degree"),
            ("element", "article", "law", "valid_from", "valid_to"),
        ),
        Table(
            "elementos",
            "administration.LegalElement",
            _("Elements of the form and their help"),
            ("label_es", "label_en", "help_es", "help_en", "position"),
            ("code", "group", "label_es"),
        ),
        Table(
            "directorio",
            "administration.JusticeOffice",
            _("Justice directory"),
            ("kind", "name", "department", "district", "address", "phone", "email", "active"),
            ("name", "kind", "department", "active"),
        ),
        Table(
            "instituciones",
            "administration.InformationInstitution",
            _("Institutions asked for information"),
            ("code", "name", "subject", "address", "answer_days", "active"),
            ("code", "name", "answer_days", "active"),
        ),
        Table(
            "rutas-de-alerta",
            "alerts.AlertRoute",
            _("Alert routes by department"),
            ("department", "unit", "valid_from", "valid_to"),
            ("department", "unit", "valid_from", "valid_to"),
        ),
    )
}


@transaction.atomic
def reference_save(*, table: Table, instance, by, request=None):
    creating = instance.pk is None
    instance._change_reason = "created" if creating else "changed"
    instance.save()
    audit_record(
        action=Action.CREATE if creating else Action.CHANGE,
        user=by,
        request=request,
        obj=instance,
    )
    return instance


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


HIDDEN = {"id", "signature"}


def _shown(value):
    # Dates as Peruvians write them, whatever the type the history kept.
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value


def history_of(model, pk) -> list[dict]:
    """Each version of a row, newest first, with who, when and what changed (before and
    after); a row not signed by the application is marked."""
    from .integrity import row_signature_is_valid

    records = list(model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_id"))
    entries = []
    for record in records:
        previous = record.prev_record
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [
                {"field": _label(model, c.field), "old": _shown(c.old), "new": _shown(c.new)}
                for c in delta.changes
                if c.field not in HIDDEN
            ]
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": record.history_type,
                "why": record.history_change_reason or "",
                "changes": changes,
                "genuine": row_signature_is_valid(record),
            }
        )
    return entries
