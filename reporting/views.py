import re
import uuid
from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import number_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from administration import custom_fields
from administration.audit import Action, audit_record
from administration.geography import district_label
from administration.middleware import saves_work_on_expiry
from administration.models import District, JusticeOffice
from administration.scope import sees_personal_data
from reta.paging import keyset_page, page_of_keys

from . import selectors, services
from .display import blank_person, complaint_display, complaint_rows_html, people_html, tick_groups
from .forms import (
    ComplaintFilterForm,
    ComplaintForm,
    CorrectionForm,
    DirectoryFilterForm,
    DocumentIssueForm,
    SuspectFormSet,
    VictimFormSet,
)
from .history import changed_outside, complaint_history
from .models import Complaint
from .routing import competent_unit

REGISTERING = (
    "administration.register_complaint",
    "administration.register_hotline_complaint",
)


def reads_complaints(view):
    """Complaints carry personal data: roles without it (analysts) get a 404."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not sees_personal_data(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _is_hotline(user) -> bool:
    return user.has_perm("administration.register_hotline_complaint") and not user.has_perm(
        "administration.register_complaint"
    )


class ComplaintPage:
    """The bound complaint form with its victims and suspects."""

    def __init__(self, request, complaint=None):
        self.user = request.user
        self.hotline = _is_hotline(request.user)
        data = _rows_sent(request.POST) if request.method == "POST" else None
        self.data = data
        instance = complaint or Complaint(
            channel=Complaint.Channel.HOTLINE if self.hotline else Complaint.Channel.IN_PERSON,
            unit=request.user.unit if not self.hotline else None,
            officer_name=request.user.display_name,
            officer_cip=request.user.document_number,
        )
        self.form = ComplaintForm(data, instance=instance, user=request.user, hotline=self.hotline)
        victims = (
            [_initial(v, services.VICTIM_FIELDS) for v in complaint.victims.all()]
            if complaint
            else []
        )
        suspects = (
            [_initial(s, services.SUSPECT_FIELDS) for s in complaint.suspects.all()]
            if complaint
            else []
        )
        # A new complaint opens with one blank victim and one blank suspect.
        self.victims = VictimFormSet(data, prefix="v", initial=victims or [{}])
        self.suspects = SuspectFormSet(data, prefix="s", initial=suspects or [{}])
        # Variables administrators added (administration/custom_fields.py).
        self.custom = custom_fields.CustomValuesForm(
            data, target="complaint", object_id=complaint.pk if complaint else None
        )

    def is_valid(self) -> bool:
        return all(
            [
                self.form.is_valid(),
                self.victims.is_valid(),
                self.suspects.is_valid(),
                self.custom.is_valid(),
            ]
        )

    def collected(self) -> services.ComplaintInput:
        """Everything that validated, so a draft keeps it even when other fields do not."""
        self.is_valid()
        fields = {k: v for k, v in getattr(self.form, "cleaned_data", {}).items() if k != "unit"}
        if fields.get("district"):
            fields["province"] = fields["district"].province
            fields["department"] = fields["province"].department
        return services.ComplaintInput(
            fields=fields,
            victims=_rows(self.victims),
            suspects=_rows(self.suspects),
        )

    def unit(self):
        cleaned = getattr(self.form, "cleaned_data", {})
        if self.hotline:
            # The place of the facts decides, by today's tree (old facts go to the unit
            # that exists now); until it is typed the draft stays with the hotline.
            district = cleaned.get("district")
            routed = (
                competent_unit(district.department_code, timezone.localdate()) if district else None
            )
            return routed or self.user.unit
        if cleaned.get("unit"):
            return cleaned["unit"]
        return self.form.instance.unit if self.form.instance.unit_id else self.user.unit

    def context(self, **extra):
        return {
            "form": self.form,
            "victims": self.victims,
            "suspects": self.suspects,
            "ticks": tick_groups(self.form),
            "victim_rows": people_html(self.victims, "v", _("Victim")),
            "suspect_rows": people_html(self.suspects, "s", _("Alleged trafficker")),
            "blank_victim": blank_person(self.victims, "v", _("Victim")),
            "blank_suspect": blank_person(self.suspects, "s", _("Alleged trafficker")),
            "hotline": self.hotline,
            "custom_form": self.custom,
            **extra,
        }


def _initial(obj, names):
    return {"id": obj.pk, **{name: getattr(obj, name) for name in names}}


def _rows(formset):
    """The rows to keep: the saved ones (by id) not marked for deletion, and the new ones
    typed in."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or (not data.get("id") and not _typed_in(form)):
            continue
        rows.append({k: v for k, v in data.items() if k != "DELETE"})
    return rows


def _typed_in(form) -> bool:
    """A new row counts only if the browser sent its fields and one differs from the
    blank row (a count raised by hand brings forms with no data at all)."""
    sent = any(key.startswith(f"{form.prefix}-") for key in form.data)
    return sent and form.has_changed()


def _rows_sent(post):
    """The POST with each formset's count cut to the rows whose fields the browser sent: a
    count raised by hand would otherwise build, validate and render up to the cap of empty
    forms on every request."""
    data = post.copy()
    for prefix in ("v", "s"):
        total = f"{prefix}-TOTAL_FORMS"
        if total not in data:
            continue
        indexes = {
            int(match[1]) for key in data if (match := re.match(rf"{prefix}-([0-9]{{1,3}})-", key))
        }
        sent = max(indexes) + 1 if indexes else 0
        current = data.get(total, "0")
        declared = int(current) if re.fullmatch(r"[0-9]{1,3}", current) else 0
        data[total] = str(min(declared, sent))
        initial = f"{prefix}-INITIAL_FORMS"
        if re.fullmatch(r"[0-9]{1,3}", data.get(initial, "0")):
            data[initial] = str(min(int(data.get(initial, "0")), int(data[total])))
    return data


def _with_extra_form(formset_class, data, prefix):
    data = data.copy()
    total = f"{prefix}-TOTAL_FORMS"
    current = data.get(total, "0")
    count = int(current) if re.fullmatch(r"[0-9]{1,3}", current) else 0
    data[total] = str(min(count + 1, services.MAX_PEOPLE))
    return formset_class(data, prefix=prefix)


def _draft_key(value: str | None) -> uuid.UUID | None:
    """The form's token; anything else (a tampered or truncated value) starts a new draft."""
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


@saves_work_on_expiry
@reads_complaints
def complaint_edit(request, pk=None):
    if not any(request.user.has_perm(p) for p in REGISTERING):
        raise Http404
    complaint = None
    if pk is not None:
        complaint = selectors.complaint_get_for_user(request.user, pk, related=("unit",))
        if complaint.registered_by_id != request.user.pk:
            raise Http404
        if complaint.is_sent:
            messages.error(
                request, _("This complaint was sent and is locked: it cannot be changed.")
            )
            return redirect("complaint-detail", pk=complaint.pk)
    page = ComplaintPage(request, complaint)
    if request.method != "POST":
        return render(request, "reporting/complaint_form.html", page.context(complaint=complaint))

    action = request.POST.get("action", "save")
    valid = page.is_valid()
    complaint = services.complaint_save_draft(
        user=request.user,
        unit=page.unit(),
        data=page.collected(),
        draft_key=_draft_key(request.POST.get("draft_key")),
        complaint=complaint,
    )
    if complaint.is_sent:
        # Sent meanwhile (another tab, a double click): nothing of this request was saved.
        if action == "autosave":
            return JsonResponse({"sent": True, "id": complaint.pk}, status=409)
        messages.error(request, _("This complaint was sent and is locked: it cannot be changed."))
        return redirect("complaint-detail", pk=complaint.pk)
    custom_fields.values_save(
        target="complaint", object_id=complaint.pk, values=page.custom.values(), by=request.user
    )
    if action == "autosave":
        return JsonResponse(
            {"saved": time_format(timezone.localtime(), "TIME_FORMAT"), "id": complaint.pk}
        )
    context = {"complaint": complaint}
    if action == "add_victim":
        page.victims = _with_extra_form(VictimFormSet, page.data, "v")
    elif action == "add_suspect":
        page.suspects = _with_extra_form(SuspectFormSet, page.data, "s")
    elif action in {"review", "send"} and valid:
        errors = services.sending_errors(complaint, list(complaint.victims.all()))
        if errors:
            _show_errors(page.form, errors)
        elif action == "send" and request.POST.get("confirm") == "1":
            return _send(request, complaint)
        else:
            context["verdict"] = services.classify_complaint(complaint).as_dict()
            context["confirming"] = True
    elif action == "save" and pk is None and valid:
        messages.success(request, _("Draft saved."))
        return redirect("complaint-edit", pk=complaint.pk)
    if action == "save":
        messages.info(
            request,
            _("Draft saved at %(time)s.")
            % {"time": time_format(timezone.localtime(), "TIME_FORMAT")},
        )
    return render(request, "reporting/complaint_form.html", page.context(**context))


def _show_errors(form, errors):
    for field, message in errors.items():
        form.add_error(field or None, message)


def _send(request, complaint):
    try:
        complaint = services.complaint_send(
            complaint_id=complaint.pk, user=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("complaint-edit", pk=complaint.pk)
    messages.success(
        request,
        _("Complaint %(number)s sent to %(unit)s. It can no longer be changed.")
        % {"number": complaint.number, "unit": complaint.unit},
    )
    return redirect("complaint-detail", pk=complaint.pk)


@reads_complaints
def complaint_detail(request, pk):
    complaint = selectors.complaint_get_for_user(request.user, pk)
    if not complaint.is_sent:
        return redirect("complaint-edit", pk=complaint.pk)
    audit_record(action=Action.VIEW, request=request, obj=complaint)
    shown = complaint_display(complaint)
    return render(
        request,
        "reporting/complaint_detail.html",
        {
            **shown,
            "document_form": DocumentIssueForm(complaint=complaint, victims=shown["victims"]),
            "changed_outside": changed_outside(complaint),
            "custom_values": custom_fields.display("complaint", complaint.pk),
        },
    )


@reads_complaints
def complaint_correct(request, pk):
    if not request.user.has_perm("administration.correct_records"):
        raise Http404
    complaint = selectors.complaint_get_for_user(request.user, pk)
    if not complaint.is_sent:
        raise Http404
    page = ComplaintPage(request, complaint)
    if "unit" in page.form.fields:
        # The receiving unit is where the complaint counts; a correction does not move it.
        page.form.fields["unit"].disabled = True
    correction = CorrectionForm(request.POST or None)
    if request.method != "POST":
        # The correction page shows the whole complaint: reading it is a view like any other.
        audit_record(action=Action.VIEW, request=request, obj=complaint, detail="correction form")
    if request.method == "POST" and correction.is_valid() and page.is_valid():
        try:
            with transaction.atomic():
                services.complaint_correct(
                    complaint_id=complaint.pk,
                    by=request.user,
                    reason=correction.cleaned_data["reason"],
                    data=page.collected(),
                    request=request,
                )
                # In the correction's transaction: the lock lets these values change too.
                custom_fields.values_save_in_correction(
                    target="complaint",
                    object_id=complaint.pk,
                    values=page.custom.values(),
                    reason=correction.cleaned_data["reason"],
                )
        except ValidationError as error:
            _show_errors(page.form, error.message_dict)
        else:
            messages.success(request, _("Correction saved; the verdict was recomputed."))
            return redirect("complaint-history", pk=complaint.pk)
    return render(
        request,
        "reporting/complaint_form.html",
        page.context(complaint=complaint, correction=correction),
    )


@reads_complaints
def complaint_history_view(request, pk):
    complaint = selectors.complaint_get_for_user(request.user, pk)
    if not complaint.is_sent:
        raise Http404
    audit_record(action=Action.VIEW, request=request, obj=complaint, detail="history")
    return render(
        request,
        "reporting/complaint_history.html",
        {"complaint": complaint, **complaint_history(complaint)},
    )


FILTERS_KEY = "complaint_filters"


# What a row of the list shows (reporting/complaint_list.html): not the narrative and the
# thirty other columns of each of its 25 complaints.
LIST_COLUMNS = (
    "number",
    "paper_number",
    "sent_at",
    "verdict",
    "priority",
    "unit__name",
    "unit__short_name",
    "district__name",
)


def _list_rows(complaints, *more_columns):
    return complaints.select_related("unit", "district").only(*LIST_COLUMNS, *more_columns)


def _list_rows_seen_by(user, pks):
    """The list's rows of these ids, which the user's own search gave (remembered: its
    long list of matched ids is not sent to PostgreSQL a second time), that the user may
    still see: a row that has left the scope since is left out."""
    # With what selectors.listed_for asks of each row.
    rows = _list_rows(Complaint.objects.filter(pk__in=pks), "status", "registered_by_unit")
    return [row for row in rows if selectors.listed_for(user, row)]


@reads_complaints
def complaint_list(request):
    """Filters are posted and kept in the session: names and documents searched for stay
    out of URLs, browser history and proxy logs."""
    if request.method == "POST":
        data = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        request.session[FILTERS_KEY] = {} if "clear" in data else data
        if "clear" not in data and data.get("q", "").strip():
            # Who searched, and when; never what for (a name or a document is personal data).
            audit_record(action=Action.VIEW, request=request, object_type="complaint search")
        return redirect("complaint-list")
    filters = ComplaintFilterForm(request.session.get(FILTERS_KEY) or None, user=request.user)
    # A filter no longer valid (a unit that has left the scope) shows its message and is
    # left out; the others, the text searched for among them, still apply.
    chosen = {}
    if filters.is_bound:
        filters.is_valid()  # its valid fields, and only those, are in cleaned_data
        chosen = filters.cleaned_data
    cursors = {"after": request.GET.get("after"), "before": request.GET.get("before")}
    if selectors.is_name_search(chosen.get("q", "")):
        # A few thousand complaints at most: their order, remembered, gives the page and
        # its count, and the page's rows are read by id.
        keys = selectors.name_search_keys(request.user, chosen)
        rows_of = partial(_list_rows_seen_by, request.user)
        page = page_of_keys(keys, field="sent_at", rows_of=rows_of, **cursors)
    else:
        sent = selectors.complaint_filter(selectors.sent_complaints_for_user(request.user), chosen)
        count = (
            None if any(chosen.values()) else partial(selectors.sent_count_for_user, request.user)
        )
        page = keyset_page(_list_rows(sent), field="sent_at", count=count, **cursors)
    # One's own drafts sit above the list when nothing else is searched for.
    searching = any(value for name, value in chosen.items() if name != "status")
    drafts = (
        [] if searching or chosen.get("status") == "sent" else selectors.drafts_of(request.user)
    )
    return render(
        request,
        "reporting/complaint_list.html",
        {
            "filters": filters,
            "page": page,
            "rows_html": complaint_rows_html(page.rows),
            # As Peruvians write it: 3,969.
            "count_shown": number_format(page.count, force_grouping=True),
            "drafts": drafts,
        },
    )


@require_GET
@login_required
def districts(request):
    """The districts of a department, for the form's JavaScript (no personal data)."""
    department = request.GET.get("department", "")[:2]
    rows = District.objects.filter(province__department_id=department).select_related("province")
    return JsonResponse({"districts": [[d.code, district_label(d)] for d in rows]})


@login_required
def directory(request):
    """The justice system's offices by department: reference data, no personal data."""
    offices = JusticeOffice.objects.filter(active=True).select_related("department", "district")
    form = DirectoryFilterForm(request.GET or None)
    if form.is_valid():
        offices = selectors.office_filter(offices, form.cleaned_data)
    page = Paginator(offices, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reporting/directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
