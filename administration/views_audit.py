"""The audit as administrators read it: reports with filters, the CSV export (itself
audited), the trail of one complaint, and the corrections of locked records."""

import csv
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from . import audit_reports, custom_fields, selectors
from .audit import Action, audit_record
from .audit_reports import AuditFilters
from .forms import AuditFilterForm


def reads_audit(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("administration.view_audit"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    events = audit_reports.events_for(request.user)
    filters = AuditFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = AuditFilters(
            username=data["username"].strip(),
            unit_code=data["unit_code"].strip(),
            action=data["action"],
            since=data["since"],
            until=data["until"],
        )
        if data["record"]:
            complaint = _complaint_by_number(request.user, data["record"])
            if complaint is None:
                events = events.none()
            else:
                events = events & audit_reports.complaint_trail(complaint)
    return form, audit_reports.apply_filters(events, filters)


def _complaint_by_number(user, number):
    from reporting.selectors import complaints_for_user

    number = number.strip().upper()
    return complaints_for_user(user).filter(number=number).first()


@reads_audit
def audit_report(request):
    form, events = _filtered(request)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    # Reading the audit is itself audited, with what was asked.
    audit_record(
        action=Action.VIEW,
        request=request,
        object_type="administration.auditevent",
        detail=query[:200],
    )
    return render(
        request,
        "administration/audit_report.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "verification": selectors.last_verification(),
        },
    )


class _Echo:
    def write(self, value):
        return value


@reads_audit
def audit_export(request):
    _form, events = _filtered(request)
    # The export is itself in the audit, with the filters that chose its rows.
    audit_record(
        action=Action.EXPORT,
        request=request,
        object_type="administration.auditevent",
        detail=urlencode({k: v for k, v in request.GET.items() if v})[:200],
    )
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in audit_reports.csv_rows(events)),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="auditoria-{stamp}.csv"'
    return response


@login_required
def complaint_audit(request, pk):
    """Everyone who saw or touched a complaint (and so its victims' records)."""
    from reporting.selectors import complaint_get_for_user

    if not audit_reports.sees_record_audit(request.user):
        raise Http404
    complaint = complaint_get_for_user(request.user, pk)
    audit_record(action=Action.VIEW, request=request, obj=complaint, detail="audit trail")
    events = audit_reports.complaint_trail(complaint)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "administration/complaint_audit.html",
        {"complaint": complaint, "page": page, "query": ""},
    )


@reads_audit
def correction_list(request):
    """Corrections of locked records, with their reasons and what each changed."""
    from reporting.history import complaint_history
    from reporting.models import Correction
    from reporting.selectors import sent_complaints_for_user

    corrections = (
        Correction.objects.filter(complaint__in=sent_complaints_for_user(request.user))
        .select_related("complaint", "corrected_by")
        .order_by("-at")
    )
    page = Paginator(corrections, 20).get_page(request.GET.get("page"))
    rows = []
    for correction in page:
        entries = complaint_history(correction.complaint)["entries"]
        changes = [e for e in entries if e["why"] == correction.reason]
        changes += custom_fields.corrected_values(correction.complaint_id, correction.reason)
        rows.append({"correction": correction, "entries": changes})
    return render(
        request,
        "administration/correction_list.html",
        {"page": page, "rows": rows, "query": ""},
    )
