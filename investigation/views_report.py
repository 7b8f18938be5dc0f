"""The police report of a case: issued from the case page, downloaded as issued."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from administration.audit import Action as AuditAction
from administration.audit import audit_record

from . import selectors, services
from .documents import qualification
from .forms import ReportForm
from .models import CaseReport
from .views import works_cases


@works_cases
def report_issue(request, pk):
    case = selectors.case_get_for_user(request.user, pk)
    if not (services.may_manage(case, request.user) or services.may_add_to(case, request.user)):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_issue(
                case=case,
                user=request.user,
                conclusions=form.cleaned_data["conclusions"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Police report %(number)s issued.") % {"number": report.number}
            )
            return redirect("case-detail", pk=case.pk)
    return render(
        request,
        "investigation/report_form.html",
        {"case": case, "form": form, "verdict": qualification(case)},
    )


@works_cases
def report_pdf(request, pk):
    report = CaseReport.objects.filter(pk=pk).first()
    if report is None:
        raise Http404
    selectors.case_get_for_user(request.user, report.case_id)
    audit_record(action=AuditAction.PRINT, request=request, obj=report, detail="download")
    return FileResponse(
        report.pdf.open("rb"), content_type="application/pdf", filename=f"informe-{report.pk}.pdf"
    )
