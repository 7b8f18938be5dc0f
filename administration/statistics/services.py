"""Writes of statistics: exports (built by Celery), media reports and their matches."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from administration.audit import Action, audit_record

from . import crosstab, exports, selectors, tables
from .models import Export

EXPORT_FOLDER = "statistics/exports"


def export_create(*, user, query: crosstab.Query, format: str, title: str, request=None) -> Export:
    """Ask for a file of a table; Celery builds it after the commit."""
    from .tasks import build_export

    now = timezone.now()
    export = Export.objects.create(
        user=user,
        created_at=now,
        expires_at=now + timedelta(days=selectors.settings_get().export_days),
        format=format,
        query=query.params(),
        title=title[:200],
    )
    audit_record(
        action=Action.EXPORT,
        request=request,
        user=user,
        obj=export,
        detail=f"{format} {export.query}"[:200],
    )
    transaction.on_commit(lambda: build_export.delay(export.pk))
    return export


def export_build(*, export_id: int) -> Export:
    """Build the file of an export: count, lay out (as its owner may see it), write."""
    export = Export.objects.select_related("user", "user__role", "user__unit").get(pk=export_id)
    if export.status == Export.Status.DONE:
        return export
    _progress(export, Export.Status.RUNNING, 10)
    query, _errors = crosstab.parse(QueryDict(export.query))
    layout = tables.build(query, export.user, title=export.title)
    _progress(export, Export.Status.RUNNING, 60)
    notes = _notes(layout)
    writer = exports.to_xlsx if export.format == Export.Format.XLSX else exports.to_csv
    content = writer(layout.title, layout.plain(), notes)
    name = default_storage.save(
        f"{EXPORT_FOLDER}/{uuid.uuid4().hex}.{export.format}", ContentFile(content)
    )
    export.file = name
    export.rows = len(layout.rows)
    export.status = Export.Status.DONE
    export.progress = 100
    export.save(update_fields=["file", "rows", "status", "progress"])
    return export


def _notes(layout) -> list[str]:
    from django.utils.translation import gettext as _

    notes = [_("Source: RETA, Policía Nacional del Perú.")]
    if layout.suppressed:
        notes.append(
            _(
                "Counts from 1 to %(k)s are shown as “<%(n)s”, with other cells hidden so "
                "that none can be recovered."
            )
            % {"k": layout.k - 1, "n": layout.k}
        )
    return notes


def _progress(export: Export, status: str, progress: int) -> None:
    export.status = status
    export.progress = progress
    export.save(update_fields=["status", "progress"])


def export_fail(*, export_id: int) -> None:
    Export.objects.filter(pk=export_id).update(status=Export.Status.FAILED)


def exports_purge(now=None) -> int:
    """Delete the files (and rows) of expired exports."""
    now = now or timezone.now()
    expired = list(Export.objects.filter(expires_at__lt=now))
    for export in expired:
        if export.file:
            default_storage.delete(export.file)
        export.delete()
    return len(expired)


def registration_series(*, today=None, months: int = 24) -> dict[str, dict[str, list[int]]]:
    """Sent complaints a month, for the last ``months`` complete months, of each unit that
    receives complaints and of each department (the receiving unit's)."""
    from django.db import connection

    from administration.models import Department, Unit

    from .monitoring import months_back

    today = today or timezone.localdate()
    last = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    calendar = months_back(*last, months)
    index = {ym: n for n, ym in enumerate(calendar)}
    first = calendar[0]
    start = f"{first[0]:04d}-{first[1]:02d}-01"
    end = f"{today.year:04d}-{today.month:02d}-01"
    units = {
        str(pk): [0] * months
        for pk in Unit.objects.filter(
            kind__receives_complaints=True, valid_to__isnull=True
        ).values_list("pk", flat=True)
    }
    departments = {code: [0] * months for code in Department.objects.values_list("code", flat=True)}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.unit_id, coalesce(u.department_id, ''),
                   extract(year FROM c.sent_at AT TIME ZONE 'America/Lima')::int,
                   extract(month FROM c.sent_at AT TIME ZONE 'America/Lima')::int, count(*)
            FROM reporting_complaint c JOIN administration_unit u ON u.id = c.unit_id
            WHERE c.status = 'sent'
              AND c.sent_at >= (%s::date)::timestamp AT TIME ZONE 'America/Lima'
              AND c.sent_at < (%s::date)::timestamp AT TIME ZONE 'America/Lima'
            GROUP BY 1, 2, 3, 4
            """,
            [start, end],
        )
        for unit_id, department, year, month, count in cursor.fetchall():
            n = index.get((year, month))
            if n is None:
                continue
            units.setdefault(str(unit_id), [0] * months)[n] += count
            if department:
                departments.setdefault(department, [0] * months)[n] += count
    return {"unit": units, "department": departments}


def monitoring_findings(*, today=None) -> list[dict]:
    """Every unit and department whose registrations dropped or fell silent."""
    from administration.models import Department, Unit

    from .monitoring import judge

    silence = selectors.settings_get().silence_months
    series = registration_series(today=today)
    names = {
        "unit": {str(pk): str(u) for pk, u in ((u.pk, u) for u in Unit.objects.all())},
        "department": dict(Department.objects.values_list("code", "name")),
    }
    found = []
    for level, by_key in series.items():
        for key, counts in by_key.items():
            finding = judge(counts, silence_months=silence)
            if finding:
                found.append(
                    {
                        "level": level,
                        "key": key,
                        "name": names[level].get(key, key),
                        "kind": finding.kind,
                        "usual": finding.usual,
                        "recent": finding.recent,
                        "series": counts,
                    }
                )
    return sorted(found, key=lambda f: (f["level"], f["name"]))


def monitoring_receivers():
    """The Secretariat and the national division: the units of the people who watch the
    national statistics (the view_statistics permission), as data."""
    from administration.models import Unit

    return Unit.objects.filter(
        user__is_active=True, user__role__group__permissions__codename="view_statistics"
    ).distinct()


def monitoring_run(*, today=None) -> int:
    """Raise a monitoring alert for each finding in each receiving unit's inbox."""
    from django.utils.translation import gettext as _
    from django.utils.translation import override

    from alerts.services import monitoring_alert_raise

    raised = 0
    receivers = list(monitoring_receivers())
    with override("es-pe"):
        for finding in monitoring_findings(today=today):
            if finding["kind"] == "silence":
                text = _(
                    "%(name)s has registered no complaint for %(n)s months (it used to "
                    "register %(usual).1f a month)."
                )
                summary = text % {
                    "name": finding["name"],
                    "n": len(finding["recent"]),
                    "usual": finding["usual"],
                }
            else:
                text = _(
                    "%(name)s registered %(recent)s in the last two months, against "
                    "%(usual).1f a month before."
                )
                summary = text % {
                    "name": finding["name"],
                    "recent": " + ".join(str(n) for n in finding["recent"]),
                    "usual": finding["usual"],
                }
            subject = f"{finding['level']}:{finding['key']}"
            for unit in receivers:
                if monitoring_alert_raise(unit=unit, subject=subject, summary=summary):
                    raised += 1
    return raised


def media_report_create(*, user, data: dict, request=None):
    from .models import MediaReport

    report = MediaReport(**data, recorded_by=user, recorded_at=timezone.now())
    report.save()
    audit_record(action=Action.CREATE, request=request, user=user, obj=report)
    return report


def media_report_decide(*, report, user, decision: str, complaint_id: int | None, request=None):
    """Confirm a match, mark "not registered", or leave it open again."""
    from .models import MediaReport

    report.status = decision
    report.complaint_id = complaint_id if decision == MediaReport.Status.MATCHED else None
    report.decided_by = user if decision != MediaReport.Status.OPEN else None
    report.decided_at = timezone.now() if decision != MediaReport.Status.OPEN else None
    report.save(update_fields=["status", "complaint", "decided_by", "decided_at"])
    audit_record(action=Action.CHANGE, request=request, user=user, obj=report, detail=decision)
    return report
