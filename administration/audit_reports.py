"""Reading the audit log as the job needs: by user, unit, record, period and action.

Reads only. Audit rows are never deleted by the application (PostgreSQL refuses it, and
no code path tries): they are kept for as long as the database lives.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AuditEvent
from .scope import scope_unit_ids


@dataclass(frozen=True)
class AuditFilters:
    username: str = ""
    unit_code: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None
    object_type: str = ""
    object_id: str = ""


def sees_record_audit(user) -> bool:
    """ "Who viewed this record": the audit's readers and the national division."""
    return bool(
        user.is_authenticated
        and (
            user.has_perm("administration.view_audit")
            or (user.unit_id and user.unit.kind.national_scope)
        )
    )


def events_for(user) -> QuerySet:
    """Audit rows the reader may see: a subtree's administrator sees what was done from
    the units of the subtree; a national one, everything."""
    events = AuditEvent.objects.all()
    units = scope_unit_ids(user)
    return events if units is None else events.filter(unit_id__in=units)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def apply_filters(events: QuerySet, f: AuditFilters) -> QuerySet:
    if f.username:
        events = events.filter(username__iexact=f.username)
    if f.unit_code:
        events = events.filter(unit_code__iexact=f.unit_code)
    if f.action:
        events = events.filter(action=f.action)
    if f.since:
        events = events.filter(at__gte=_day_start(f.since))
    if f.until:
        events = events.filter(at__lt=_day_start(f.until + timedelta(days=1)))
    if f.object_type:
        events = events.filter(object_type=f.object_type)
    if f.object_id:
        events = events.filter(object_id=f.object_id)
    return events.order_by("-seq")


def complaint_trail(complaint) -> QuerySet:
    """Everyone who saw or touched a complaint: the complaint itself (views, history,
    corrections), its documents (printed, downloaded, answered) and its alerts. Seeing a
    complaint is seeing its victims: this is also "who viewed this victim's record"."""
    documents = [str(pk) for pk in complaint.documents.values_list("pk", flat=True)]
    alerts = [str(pk) for pk in complaint.alerts.values_list("pk", flat=True)]
    return AuditEvent.objects.filter(
        Q(object_type="reporting.complaint", object_id=str(complaint.pk))
        | Q(object_type="reporting.issueddocument", object_id__in=documents)
        | Q(object_type="alerts.alert", object_id__in=alerts)
    ).order_by("-seq")


CSV_COLUMNS = [
    ("at", "fecha y hora"),
    ("username", "usuario"),
    ("unit_code", "unidad"),
    ("action", "acción"),
    ("outcome", "resultado"),
    ("object_type", "tipo de registro"),
    ("object_id", "id del registro"),
    ("address", "dirección"),
    ("detail", "detalle"),
    ("seq", "lugar en la cadena"),
]


def csv_rows(events: QuerySet):
    yield [label for _name, label in CSV_COLUMNS]
    for event in events.values_list(*[name for name, _label in CSV_COLUMNS]).iterator():
        row = list(event)
        row[0] = timezone.localtime(row[0]).strftime("%d/%m/%Y %H:%M:%S")
        # A cell starting with = + - @ would be a formula in a spreadsheet.
        yield [f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row]
