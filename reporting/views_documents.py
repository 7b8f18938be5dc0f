"""Pages of the preliminary-investigation documents and of the paper form series."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from administration.audit import Action, audit_record
from administration.scope import get_in_scope_or_404, in_scope
from administration.uploads import stored_file_response

from . import selectors, services
from .documents import blank_form_pdf
from .forms import DocumentAnswerForm, DocumentIssueForm, PaperSeriesForm
from .models import IssuedDocument, PaperFormSeries
from .views import reads_complaints

# A document is in scope through its complaint, or through the unit that issued it.
DOCUMENT_SCOPE = ("complaint__unit", "complaint__registered_by_unit", "unit")


def _document(request, pk):
    return get_in_scope_or_404(
        IssuedDocument.objects.select_related("complaint", "unit", "issued_by"),
        request.user,
        via=DOCUMENT_SCOPE,
        pk=pk,
    )


@require_POST
@reads_complaints
def document_issue(request, pk):
    complaint = selectors.complaint_get_for_user(request.user, pk)
    if not request.user.has_perm("administration.issue_documents"):
        raise Http404
    form = DocumentIssueForm(request.POST, complaint=complaint)
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_issue(
                complaint=complaint,
                user=request.user,
                kind=data["kind"],
                office=data["office"],
                institution=data["institution"],
                victim=data["victim"],
                request_text=data["request_text"],
                initials_only=data["initials_only"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(number)s issued.") % {"number": document.number})
    else:
        messages.error(request, _("The document could not be issued: check the fields."))
    return redirect("complaint-detail", pk=complaint.pk)


@reads_complaints
def document_pdf(request, pk):
    document = _document(request, pk)
    audit_record(action=Action.PRINT, request=request, obj=document, detail="download")
    return FileResponse(
        document.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{document.get_kind_display()}-{document.pk}.pdf",
    )


@reads_complaints
def document_answer(request, pk):
    document = _document(request, pk)
    if not request.user.has_perm("administration.issue_documents"):
        raise Http404
    form = DocumentAnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.document_record_answer(
            document=document,
            answered_on=form.cleaned_data["answered_on"],
            summary=form.cleaned_data["summary"],
            file=form.cleaned_data["file"],
            user=request.user,
            request=request,
        )
        messages.success(request, _("Answer recorded."))
        return redirect("complaint-detail", pk=document.complaint_id)
    return render(request, "reporting/document_answer.html", {"document": document, "form": form})


@reads_complaints
def document_answer_file(request, pk):
    document = _document(request, pk)
    if not document.answer_file:
        raise Http404
    audit_record(action=Action.VIEW, request=request, obj=document, detail="answer file")
    return stored_file_response(document.answer_file, filename=f"respuesta-{document.pk}")


@reads_complaints
def pending_requests(request):
    documents = (
        in_scope(IssuedDocument.objects.all(), request.user, via=("unit",))
        .filter(answer_due__isnull=False, answered_on__isnull=True)
        .select_related("complaint", "unit", "institution")
        .order_by("answer_due")
    )
    return render(
        request,
        "reporting/pending_requests.html",
        {"documents": documents, "today": timezone.localdate()},
    )


@login_required
def paper_series(request):
    if not request.user.has_perm("administration.manage_users"):
        raise Http404
    form = PaperSeriesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_series_issue(
                unit=form.cleaned_data["unit"],
                code=form.cleaned_data["code"],
                first=form.cleaned_data["first_number"],
                last=form.cleaned_data["last_number"],
                by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Series issued. Print it below."))
            return redirect("paper-series")
    series = in_scope(PaperFormSeries.objects.select_related("unit"), request.user)
    return render(request, "reporting/paper_series.html", {"form": form, "series": series})


@login_required
def paper_series_pdf(request, pk):
    if not request.user.has_perm("administration.manage_users"):
        raise Http404
    series = get_in_scope_or_404(
        PaperFormSeries.objects.select_related("unit"), request.user, pk=pk
    )
    content = blank_form_pdf(series, series.unit)
    audit_record(action=Action.PRINT, request=request, obj=series, detail="blank forms")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="formatos-{series.code}.pdf"'
    return response
