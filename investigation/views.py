"""Pages of the case files. Thin: look up within scope (404 otherwise), validate, call a
service, redirect. Every view of a case is audited."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from administration import custom_fields
from administration.audit import Action as AuditAction
from administration.audit import audit_record
from administration.scope import sees_personal_data
from administration.uploads import stored_file_response
from alerts.selectors import alert_get_for_user
from reporting import selectors as complaint_selectors
from reporting.models import Complaint
from reta import prepared
from reta.links import url_maker

from . import crossing, selectors, services
from .display import (
    choice_words,
    hit_sentence,
    hits_html,
    name_for,
    new_action_form_html,
    people_rows_html,
    person_row,
    reads_full_identity,
)
from .forms import (
    AccountForm,
    ActionForm,
    AttachComplaintForm,
    AttachmentForm,
    CaseEditForm,
    CaseOpenForm,
    ExploitationForm,
    LegFormSet,
    PersonForm,
    PhoneForm,
    PlaceForm,
    ReasonForm,
    RouteForm,
    SearchForm,
    ShareForm,
    StateForm,
    VehicleForm,
)
from .models import (
    AccessRequest,
    Account,
    Action,
    Attachment,
    Case,
    CasePerson,
    Exploitation,
    Phone,
    Place,
    Vehicle,
)


def works_cases(view):
    """Case files carry personal data: roles without it get a 404, as outsiders do."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not sees_personal_data(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _case(request, pk, *, with_lists: bool = False) -> Case:
    """The case if in scope (404 otherwise); every page that shows it is audited."""
    case = selectors.case_get_for_user(request.user, pk, with_lists=with_lists)
    if request.method == "GET":
        name = request.resolver_match.url_name if request.resolver_match else ""
        detail = "" if name == "case-detail" else name
        audit_record(action=AuditAction.VIEW, request=request, obj=case, detail=detail)
    return case


def _refuse_unless(allowed: bool) -> None:
    # What a user may not change is as invisible as what they may not see.
    if not allowed:
        raise Http404


def _errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@works_cases
def case_list(request):
    state = request.GET.get("estado", "")
    state = state if state in Case.State.values else ""
    mine = request.GET.get("mios") == "1"
    cases = selectors.case_list(request.user, state=state, mine=mine)[:200]
    audit_record(
        action=AuditAction.VIEW, request=request, object_type="investigation.case", detail="list"
    )
    return render(
        request,
        "investigation/case_list.html",
        {"cases": cases, "states": Case.State.choices, "state": state, "mine": mine},
    )


@works_cases
def case_new(request):
    _refuse_unless(services.may_work(request.user) and request.user.unit_id is not None)
    source = request.POST if request.method == "POST" else request.GET
    alert = complaint = None
    if source.get("alerta"):
        alert = alert_get_for_user(request.user, _int(source["alerta"]))
        if alert.unit_id != request.user.unit_id:
            raise Http404
        complaint = alert.complaint
    elif source.get("denuncia"):
        complaint = complaint_selectors.complaint_get_for_user(
            request.user, _int(source["denuncia"])
        )
        if not complaint.is_sent:
            raise Http404
    initial = {}
    if complaint is not None:
        initial = {
            "title": _("Case of complaint %(number)s") % {"number": complaint.number},
            "date_of_facts": complaint.date_of_facts,
        }
    form = CaseOpenForm(request.POST or None, initial=initial)
    custom = _case_custom_values(request)
    if request.method == "POST" and form.is_valid() and custom.is_valid():
        try:
            with transaction.atomic():
                case = services.case_open(
                    user=request.user,
                    complaints=[complaint] if complaint is not None and alert is None else [],
                    alert=alert,
                    request=request,
                    **form.cleaned_data,
                )
                _save_custom_values(request, "case_file", case, custom)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
            return redirect("case-detail", pk=case.pk)
    return render(
        request,
        "investigation/case_new.html",
        {"form": form, "custom_form": custom, "alert": alert, "complaint": complaint},
    )


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


RECORD_KINDS = {
    # URL word -> model, form, the case's related name, heading
    "personas": (CasePerson, PersonForm, "people"),
    "lugares": (Place, PlaceForm, "places"),
    "vehiculos": (Vehicle, VehicleForm, "vehicles"),
    "telefonos": (Phone, PhoneForm, "phones"),
    "cuentas": (Account, AccountForm, "accounts"),
    "explotacion": (Exploitation, ExploitationForm, "exploitations"),
}
# Records that take the variables administrators add (their target in custom_fields).
CUSTOM_TARGETS = {Place: "place", Vehicle: "vehicle"}
# A person takes those of victims or of alleged traffickers, by the role they have.
PERSON_TARGETS = {CasePerson.Role.VICTIM: "victim", CasePerson.Role.TRAFFICKER: "suspect"}
PERSON_LEGENDS = {
    "victim": gettext_lazy("Other data, if a victim"),
    "suspect": gettext_lazy("Other data, if an alleged trafficker"),
}


def _custom_forms(model, record, data) -> list[tuple[str, str, custom_fields.CustomValuesForm]]:
    """(target, legend, form) of the variables a record's form asks. A person's page asks
    those of both roles (the role is chosen on the same form); only the chosen one is kept."""
    object_id = record.pk if record else None
    if model is CasePerson:
        return [
            (
                target,
                PERSON_LEGENDS[target],
                custom_fields.CustomValuesForm(
                    data, target=target, object_id=object_id, prefix=f"cv-{target}"
                ),
            )
            for target in PERSON_TARGETS.values()
        ]
    target = CUSTOM_TARGETS.get(model)
    if target is None:
        return []
    return [(target, "", custom_fields.CustomValuesForm(data, target=target, object_id=object_id))]


def _chosen_valid(form, model, custom) -> bool:
    """The variables of the record as it will be saved validate (a person's, those of
    the role chosen)."""
    if model is CasePerson:
        target = PERSON_TARGETS.get(form.cleaned_data.get("role"))
        return all(values.is_valid() for t, _legend, values in custom if t == target)
    return all(values.is_valid() for _target, _legend, values in custom)


def _custom_target_of(record) -> str | None:
    if isinstance(record, CasePerson):
        return PERSON_TARGETS.get(record.role)
    return CUSTOM_TARGETS.get(type(record))


# The page investigators open most: each of its reads, by a case's id, prepared.
@works_cases
@prepared.queries()
def case_detail(request, pk):
    case = _case(request, pk, with_lists=True)
    return render(request, "investigation/case_detail.html", _case_context(request, case))


def _case_context(request, case, *, action_form=None, **extra):
    """The case page's context; ``action_form``: one sent back with its errors."""
    user = request.user
    full = reads_full_identity(user, case)
    held = selectors.lists_held(case)

    def rows(name, read):
        """The list ``name`` of the case: read only when it has rows."""
        return read() if name in held else []

    words = choice_words(CasePerson, "document_type")
    people = [person_row(p, full=full, words=words) for p in rows("people", case.people.all)]
    _add_people_values(people, full)
    complaints = rows(
        "case_complaints",
        lambda: list(
            Complaint.objects.filter(case_links__case=case)
            .select_related("unit")
            .only("number", "unit__name", "unit__short_name")
            .order_by("case_links__attached_at", "case_links__pk")
        ),
    )
    records = {
        "places": _with_custom_values(
            "place",
            rows("places", lambda: case.places.select_related("district__province__department")),
        ),
        "routes": _with_custom_values(
            "route", rows("routes", lambda: case.routes.prefetch_related("legs__district"))
        ),
        "vehicles": _with_custom_values("vehicle", rows("vehicles", case.vehicles.all)),
        "phones": list(rows("phones", case.phones.all)),
        "accounts": list(rows("accounts", case.accounts.all)),
    }
    timeline = selectors.timeline_of(case, held=held)
    hits = crossing.cross_case(
        user,
        case,
        name_for(user, case),
        records=[record for kind in records.values() for record in kind],
        people=[row["person"] for row in people],
        attached=[complaint.pk for complaint in complaints],
    )
    traffickers = [p for p in people if p["person"].role == CasePerson.Role.TRAFFICKER]
    others = [p for p in people if p["person"].role != CasePerson.Role.TRAFFICKER]
    may_add = services.may_add_to(case, user)
    return {
        "case": case,
        "full_identity": full,
        "complaints": complaints,
        "traffickers": traffickers,
        "others": others,
        "people_rows": people_rows_html(
            traffickers,
            others,
            edit_url=url_maker("record-edit", case.pk, "personas") if may_add else None,
        ),
        **records,
        "exploitations": _with_purpose_labels(rows("exploitations", case.exploitations.all)),
        "attachments": rows("attachments", case.attachments.all),
        "investigators": rows("investigators", case.investigators.all),
        "timeline": timeline,
        "overdue": selectors.overdue_of(timeline),
        "hits": hits,
        "hits_html": hits_html(hits, csrf_input=csrf_input(request), from_case=case),
        "shares": rows("shares", lambda: case.shares.select_related("unit")),
        "custom_values": custom_fields.display("case_file", case.pk),
        "reports": rows("reports", case.reports.all),
        "may_add": may_add,
        "may_manage": services.may_manage(case, user),
        "action_form_html": (
            action_form.as_div()
            if action_form is not None
            else new_action_form_html(get_language(), timezone.localdate())
        ),
        "attach_form": AttachComplaintForm(),
        "next_states": [(s, Case.State(s).label) for s in Case.TRANSITIONS.get(case.state, ())],
        "access_requests": rows(
            "access_requests", lambda: selectors.pending_access_requests_to(user, case)
        ),
        **extra,
    }


def _with_purpose_labels(exploitations):
    from administration.catalogue import element_labels

    labels = element_labels()
    rows = list(exploitations)
    for row in rows:
        row.purpose_label = labels.get(row.purpose, row.purpose)
    return rows


@works_cases
def case_edit(request, pk):
    case = _case(request, pk)
    _refuse_unless(services.may_manage(case, request.user))
    form = CaseEditForm(request.POST or None, case=case)
    custom = _case_custom_values(request, case)
    if request.method == "POST" and form.is_valid() and custom.is_valid():
        data = dict(form.cleaned_data)
        investigators = data.pop("investigators")
        with transaction.atomic():
            services.case_update(
                case=case,
                user=request.user,
                fields=data,
                investigators=investigators,
                request=request,
            )
            _save_custom_values(request, "case_file", case, custom)
        messages.success(request, _("Case saved."))
        return redirect("case-detail", pk=case.pk)
    return render(
        request, "investigation/case_edit.html", {"case": case, "form": form, "custom_form": custom}
    )


def _add_people_values(people: list[dict], full: bool) -> None:
    """Each person's row gets ``custom_line``, the values of the variables of their role;
    a protected identity's only for those who read it in full."""
    for role, target in PERSON_TARGETS.items():
        rows = [r for r in people if r["person"].role == role and (full or not r["protected"])]
        lines = custom_fields.display_many(target, [r["person"].pk for r in rows])
        for row in rows:
            row["custom_line"] = lines.get(row["person"].pk, "")


def _with_custom_values(target: str, records) -> list:
    """The records, each with ``custom_line``: the values of the variables administrators
    added for that kind of record."""
    records = list(records)
    lines = custom_fields.display_many(target, [r.pk for r in records])
    for record in records:
        record.custom_line = lines.get(record.pk, "")
    return records


def _case_custom_values(request, case=None):
    """The variables administrators added to case files (administration/custom_fields.py)."""
    return custom_fields.CustomValuesForm(
        request.POST or None, target="case_file", object_id=case.pk if case else None
    )


def _save_custom_values(request, target: str, record, custom) -> None:
    """The values of the variables a record's form asked, in the record's transaction."""
    custom_fields.values_save(
        target=target, object_id=record.pk, values=custom.values(), by=request.user, request=request
    )


@require_POST
@works_cases
def case_state(request, pk):
    case = _case(request, pk)
    _refuse_unless(services.may_manage(case, request.user))
    form = StateForm(request.POST)
    if form.is_valid():
        try:
            services.case_change_state(
                case=case,
                user=request.user,
                to_state=form.cleaned_data["to_state"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("State changed."))
    else:
        messages.error(request, _("Choose a state."))
    return redirect("case-detail", pk=case.pk)


@require_POST
@works_cases
def case_attach(request, pk):
    case = _case(request, pk)
    _refuse_unless(services.may_add_to(case, request.user))
    form = AttachComplaintForm(request.POST)
    if form.is_valid():
        found = complaint_selectors.complaint_search(
            complaint_selectors.sent_complaints_for_user(request.user), form.cleaned_data["number"]
        ).first()
        if found is None:
            messages.error(request, _("No sent complaint with that number in your scope."))
        else:
            try:
                services.case_attach_complaint(
                    case=case, complaint=found, user=request.user, request=request
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Complaint %(number)s attached.") % {"number": found.number}
                )
    return redirect("case-detail", pk=case.pk)


@works_cases
def case_share(request, pk):
    case = _case(request, pk)
    _refuse_unless(services.may_manage(case, request.user))
    form = ShareForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_share(case=case, user=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request, _("Case shared with %(unit)s.") % {"unit": form.cleaned_data["unit"]}
            )
            return redirect("case-detail", pk=case.pk)
    return render(request, "investigation/case_share.html", {"case": case, "form": form})


@require_POST
@works_cases
def action_add(request, pk):
    case = _case(request, pk)
    _refuse_unless(services.may_add_to(case, request.user))
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.action_add(
                case=case, user=request.user, fields=form.cleaned_data, request=request
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Action added to the timeline."))
            return redirect("case-detail", pk=case.pk)
    audit_record(action=AuditAction.VIEW, request=request, obj=case)
    return render(
        request,
        "investigation/case_detail.html",
        _case_context(request, case, action_form=form),
    )


def _action(request, pk) -> Action:
    action = Action.objects.select_related("case").filter(pk=pk).first()
    if action is None:
        raise Http404
    _case(request, action.case_id)  # 404 out of scope
    return action


@works_cases
def action_annul(request, pk):
    action = _action(request, pk)
    _refuse_unless(services.may_add_to(action.case, request.user))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_annul(
                action=action,
                user=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Entry annulled; it stays in the timeline."))
            return redirect("case-detail", pk=action.case_id)
    return render(request, "investigation/action_annul.html", {"action": action, "form": form})


def _record_form(form_class, case, viewer, *args, **kwargs):
    if form_class in (PhoneForm, ExploitationForm):
        full = reads_full_identity(viewer, case)
        kwargs.update(case=case, owner_label=lambda p: person_row(p, full=full)["name"])
    return form_class(*args, **kwargs)


@works_cases
def record_edit(request, pk, kind, rid=None):
    case = _case(request, pk)
    if kind not in RECORD_KINDS:
        raise Http404
    model, form_class, related = RECORD_KINDS[kind]
    record = None
    if rid is not None:
        record = getattr(case, related).filter(pk=rid).first()
        if record is None:
            raise Http404
        if (
            isinstance(record, CasePerson)
            and record.is_protected
            and not reads_full_identity(request.user, case)
        ):
            raise Http404  # a protected identity is changed only by those who may read it
    _refuse_unless(services.may_add_to(case, request.user))
    form = _record_form(form_class, case, request.user, request.POST or None, instance=record)
    custom = _custom_forms(model, record, request.POST or None)
    if request.method == "POST" and form.is_valid() and _chosen_valid(form, model, custom):
        try:
            with transaction.atomic():
                saved = services.record_save(
                    case=case,
                    model=model,
                    user=request.user,
                    fields=form.cleaned_data,
                    record=record,
                    request=request,
                )
                for target, _legend, values in custom:
                    if target == _custom_target_of(saved):
                        _save_custom_values(request, target, saved, values)
        except ValidationError as error:
            _errors(form, error)
        else:
            _announce_crossings(request, case, saved)
            return redirect("case-detail", pk=case.pk)
    return render(
        request,
        "investigation/record_form.html",
        {
            "case": case,
            "form": form,
            "custom_forms": [(legend, values) for _target, legend, values in custom],
            "record": record,
            "kind": kind,
            "title": model._meta.verbose_name,
        },
    )


def _announce_crossings(request, case, record) -> None:
    """The crossing runs on every save: what it found shows at once."""
    messages.success(request, _("Saved."))
    shown = name_for(request.user, case)(record) if isinstance(record, CasePerson) else str(record)
    for hit in crossing.cross_record(request.user, record, shown):
        messages.warning(request, hit_sentence(hit))


@works_cases
def record_history(request, pk, kind, rid):
    case = _case(request, pk)
    if kind not in RECORD_KINDS and kind not in ("rutas", "acciones"):
        raise Http404
    related = {"rutas": "routes", "acciones": "actions"}.get(kind) or RECORD_KINDS[kind][2]
    record = getattr(case, related).filter(pk=rid).first()
    if record is None:
        raise Http404
    full = reads_full_identity(request.user, case)
    if isinstance(record, CasePerson) and record.is_protected and not full:
        raise Http404
    audit_record(action=AuditAction.VIEW, request=request, obj=record, detail="history")
    rows = record.history.select_related("history_user").order_by("-history_id")
    fields = [
        f
        for f in record._meta.concrete_fields
        if f.editable and f.name not in ("case", "created_by")
    ]
    history = [
        {
            "row": row,
            "values": [(f.verbose_name, _shown(row, f)) for f in fields],
        }
        for row in rows
    ]
    return render(
        request,
        "investigation/record_history.html",
        {"case": case, "record": record, "history": history},
    )


def _shown(row, field) -> str:
    value = getattr(row, field.attname)
    if field.choices:
        return dict(field.flatchoices).get(value, value) or "—"
    if value in (None, ""):
        return "—"
    return str(value)


@works_cases
def route_edit(request, pk, rid=None):
    case = _case(request, pk)
    route = None
    if rid is not None:
        route = case.routes.filter(pk=rid).first()
        if route is None:
            raise Http404
    _refuse_unless(services.may_add_to(case, request.user))
    initial = (
        [
            {
                "stage": leg.stage,
                "district": leg.district_id,
                "place": leg.place,
                "day": leg.day,
                "transport": leg.transport,
                "company": leg.company,
            }
            for leg in route.legs.all()
        ]
        if route
        else [{"stage": "recruitment"}, {"stage": "transit"}, {"stage": "exploitation"}]
    )
    form = RouteForm(
        request.POST or None, initial={"description": route.description if route else ""}
    )
    legs = LegFormSet(request.POST or None, initial=initial, prefix="leg")
    custom = custom_fields.CustomValuesForm(
        request.POST or None, target="route", object_id=route.pk if route else None
    )
    if request.method == "POST" and form.is_valid() and legs.is_valid() and custom.is_valid():
        rows = [leg for leg in legs.cleaned_data if leg.get("district")]
        try:
            with transaction.atomic():
                saved = services.route_save(
                    case=case,
                    user=request.user,
                    description=form.cleaned_data["description"],
                    legs=rows,
                    route=route,
                    request=request,
                )
                _save_custom_values(request, "route", saved, custom)
        except ValidationError as error:
            _errors(form, error)
        else:
            _announce_crossings(request, case, saved)
            return redirect("case-detail", pk=case.pk)
    return render(
        request,
        "investigation/route_form.html",
        {"case": case, "form": form, "legs": legs, "route": route, "custom_form": custom},
    )


@works_cases
def attachment_add(request, pk):
    case = _case(request, pk)
    _refuse_unless(services.may_add_to(case, request.user))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attachment_add(
                case=case,
                user=request.user,
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                upload=upload,
                request=request,
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Attachment stored."))
            return redirect("case-detail", pk=case.pk)
    return render(request, "investigation/attachment_form.html", {"case": case, "form": form})


@works_cases
def attachment_file(request, pk):
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    _case(request, attachment.case_id)
    audit_record(action=AuditAction.VIEW, request=request, obj=attachment, detail="file")
    return stored_file_response(attachment.file, filename=f"adjunto-{attachment.pk}")


@works_cases
def crossing_search(request):
    """Look one identifier up across the country. Posted: what is searched for stays out
    of URLs and logs; the audit line says a search was made, not what."""
    _refuse_unless(services.may_work(request.user))
    form = SearchForm(request.POST or None)
    hits = None
    if request.method == "POST" and form.is_valid():
        hits = crossing.cross(request.user, crossing.probe_of_text(form.cleaned_data["q"]))
        audit_record(
            action=AuditAction.VIEW,
            request=request,
            object_type="investigation.crossing",
            detail=f"search, {len(hits)} hits",
        )
    return render(
        request,
        "investigation/crossing_search.html",
        {
            "form": form,
            "hits": hits,
            "hits_html": hits_html(hits, csrf_input=csrf_input(request))
            if hits is not None
            else "",
        },
    )


@works_cases
def access_request(request):
    _refuse_unless(services.may_work(request.user))
    if request.method != "POST":
        return redirect("access-requests")
    case_id = crossing.case_from_token(request.POST.get("token", ""))
    case = Case.objects.filter(pk=case_id).first() if case_id else None
    if case is None:
        raise Http404
    reason = request.POST.get("reason", "").strip()[:2000] or _(
        "A crossing found a shared identifier."
    )
    from_case = None
    if request.POST.get("from_case"):
        from_case = (
            selectors.cases_for_user(request.user)
            .filter(pk=_int(request.POST["from_case"]))
            .first()
        )
    try:
        services.access_request_create(
            case=case, user=request.user, reason=reason, from_case=from_case, request=request
        )
    except (ValidationError, PermissionDenied):
        raise Http404 from None
    messages.success(request, _("Request sent: the other unit decides whether to share its case."))
    return redirect("case-detail", pk=from_case.pk) if from_case else redirect("access-requests")


@works_cases
def access_requests(request):
    pending = selectors.pending_access_requests(request.user)
    mine = AccessRequest.objects.filter(unit_id=request.user.unit_id).select_related("case__unit")[
        :50
    ]
    return render(request, "investigation/access_requests.html", {"pending": pending, "mine": mine})


@require_POST
@works_cases
def access_decide(request, pk):
    access = selectors.pending_access_requests(request.user).filter(pk=pk).first()
    if access is None or not services.may_manage(access.case, request.user):
        raise Http404
    grant = request.POST.get("decision") == "grant"
    services.access_request_decide(access=access, user=request.user, grant=grant, request=request)
    messages.success(request, _("Access granted.") if grant else _("Access refused."))
    return redirect("access-requests")
