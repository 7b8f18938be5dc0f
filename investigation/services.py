"""Writes on case files: opening, assigning, moving through the states, the timeline, the
records with their crossing keys, shares and access requests. One transaction each, each
ending with its audit line (administration/audit.py)."""

import uuid
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from administration.audit import Action as AuditAction
from administration.audit import audit_record
from administration.identifiers import (
    fold_name,
    normalize_document,
    normalize_phone,
    normalize_plate,
)
from administration.integrity import sign_row
from administration.scope import sees_whole_country
from alerts.services import alert_take
from reporting.models import DocumentCounter

from .models import (
    AccessRequest,
    Account,
    Action,
    Attachment,
    Case,
    CaseComplaint,
    CasePerson,
    CaseShare,
    CaseTransition,
    Phone,
    Place,
    Route,
    RouteLeg,
    Vehicle,
)

CASE_SERIES = "CASO"
MAX_TITLE = 200


def may_work(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("administration.work_cases"))


def is_assigned(case: Case, user) -> bool:
    return case.lead_id == user.pk or case.investigators.filter(pk=user.pk).exists()


def may_add_to(case: Case, user) -> bool:
    """Anyone assigned adds actions and records; so does the national division, which
    works cases for units without users."""
    return may_work(user) and (is_assigned(case, user) or sees_whole_country(user))


def may_manage(case: Case, user) -> bool:
    """Assigning, the prosecutor's file, the state, sharing: the lead, the case's unit and
    the national division."""
    return may_work(user) and (
        case.lead_id == user.pk or user.unit_id == case.unit_id or sees_whole_country(user)
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Not allowed on this case.")


def _save(obj, reason: str = "") -> None:
    obj._change_reason = reason or None
    obj.save()


def _next_sequence(unit, year: int) -> int:
    DocumentCounter.objects.get_or_create(unit=unit, year=year, series=CASE_SERIES)
    counter = DocumentCounter.objects.select_for_update().get(
        unit=unit, year=year, series=CASE_SERIES
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def case_number(unit, year: int, sequence: int) -> str:
    return f"CASO N° {sequence:03d}-{year}-{unit.document_heading or unit.code}"


def _transition(case: Case, *, to_state: str, by, reason: str = "", from_state: str = "") -> None:
    row = CaseTransition(
        case=case,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        at=timezone.now(),
        by=by,
    )
    sign_row(row)
    row.save()


@transaction.atomic
def case_open(
    *,
    user,
    title: str,
    complaints=(),
    alert=None,
    investigators=(),
    date_of_facts: date | None = None,
    summary: str = "",
    prosecutor_office=None,
    prosecutor_file: str = "",
    request=None,
) -> Case:
    """Open a case in the user's unit: from sent complaints (already checked in scope by
    the caller), from an alert of the unit's inbox, or on the unit's own initiative."""
    _require(may_work(user) and user.unit_id is not None)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the case a title.")})
    complaints = list(complaints)
    if alert is not None and alert.complaint not in complaints:
        complaints.insert(0, alert.complaint)
    if any(not complaint.is_sent for complaint in complaints):
        raise ValidationError(_("A case is opened from sent complaints only."))
    now = timezone.now()
    year = timezone.localdate().year
    sequence = _next_sequence(user.unit, year)
    facts_dates = [c.date_of_facts for c in complaints if c.date_of_facts]
    case = Case(
        unit=user.unit,
        year=year,
        sequence=sequence,
        number=case_number(user.unit, year, sequence),
        title=title[:MAX_TITLE],
        origin=(
            Case.Origin.ALERT
            if alert is not None
            else Case.Origin.COMPLAINT
            if complaints
            else Case.Origin.OWN
        ),
        lead=user,
        prosecutor_office=prosecutor_office,
        prosecutor_file=prosecutor_file,
        date_of_facts=date_of_facts or (min(facts_dates) if facts_dates else None),
        summary=summary or "\n\n".join(c.narrative for c in complaints if c.narrative)[:8000],
        state=Case.State.OPEN,
        state_since=now,
        opened_at=now,
        opened_by=user,
    )
    _save(case, "opened")
    case.investigators.set([u for u in investigators if u.pk != user.pk])
    _transition(case, to_state=Case.State.OPEN, by=user)
    for complaint in complaints:
        _attach(case, complaint, user, now)
    if alert is not None:
        alert_take(alert=alert, user=user, request=request)
    audit_record(action=AuditAction.CREATE, user=user, request=request, obj=case)
    return case


def _attach(case, complaint, user, now) -> CaseComplaint:
    link = CaseComplaint(case=case, complaint=complaint, attached_at=now, attached_by=user)
    _save(link, "attached")
    return link


@transaction.atomic
def case_attach_complaint(*, case: Case, complaint, user, request=None) -> CaseComplaint:
    _require(may_add_to(case, user))
    if not complaint.is_sent:
        raise ValidationError(_("Only sent complaints are attached to a case."))
    if CaseComplaint.objects.filter(case=case, complaint=complaint).exists():
        raise ValidationError(_("That complaint is already in this case."))
    link = _attach(case, complaint, user, timezone.now())
    audit_record(
        action=AuditAction.CHANGE,
        user=user,
        request=request,
        obj=case,
        detail=f"complaint attached {complaint.pk}",
    )
    return link


CASE_FIELDS = (
    "title",
    "lead",
    "prosecutor_office",
    "prosecutor_file",
    "date_of_facts",
    "summary",
    "narrative",
)


@transaction.atomic
def case_update(*, case: Case, user, fields: dict, investigators=None, request=None) -> Case:
    _require(may_manage(case, user))
    for name in CASE_FIELDS:
        if name in fields:
            setattr(case, name, fields[name])
    _save(case, "changed")
    if investigators is not None:
        case.investigators.set([u for u in investigators if u.pk != case.lead_id])
    audit_record(action=AuditAction.CHANGE, user=user, request=request, obj=case)
    return case


@transaction.atomic
def case_change_state(*, case: Case, user, to_state: str, reason: str = "", request=None) -> Case:
    """Move the case on; closing, archiving and reopening need a reason, kept with the
    signed transition."""
    _require(may_manage(case, user))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if to_state not in Case.TRANSITIONS.get(case.state, ()):
        raise ValidationError(
            _("A case in the state “%(state)s” cannot move to that state.")
            % {"state": case.get_state_display()}
        )
    reason = (reason or "").strip()
    if (to_state in Case.ENDED or case.state in Case.ENDED) and not reason:
        raise ValidationError({"reason": _("Say why (the reason is kept with the case).")})
    from_state = case.state
    case.state, case.state_since = to_state, timezone.now()
    case.end_reason = reason if to_state in Case.ENDED else case.end_reason
    _save(case, f"state {to_state}")
    _transition(case, from_state=from_state, to_state=to_state, by=user, reason=reason)
    audit_record(
        action=AuditAction.CHANGE, user=user, request=request, obj=case, detail=f"state {to_state}"
    )
    return case


@transaction.atomic
def case_share(*, case: Case, unit, user, reason: str, request=None) -> CaseShare:
    """Open a case to another unit (and its superiors): an audited act with its reason."""
    _require(may_manage(case, user))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the case is shared.")})
    if unit.pk == case.unit_id:
        raise ValidationError({"unit": _("The case already belongs to that unit.")})
    share, created = CaseShare.objects.get_or_create(
        case=case, unit=unit, defaults={"reason": reason, "at": timezone.now(), "by": user}
    )
    if not created:
        raise ValidationError({"unit": _("The case is already shared with that unit.")})
    audit_record(
        action=AuditAction.CHANGE,
        user=user,
        request=request,
        obj=case,
        detail=f"shared {unit.code}",
    )
    return share


@transaction.atomic
def access_request_create(*, case: Case, user, reason: str, from_case=None, request=None):
    """Ask the unit of a case one cannot see to open it: audited, decided by that unit."""
    _require(may_work(user) and user.unit_id is not None)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you need to see that case.")})
    pending = AccessRequest.objects.filter(
        case=case, unit=user.unit, status=AccessRequest.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    access = AccessRequest(
        case=case,
        unit=user.unit,
        from_case=from_case,
        reason=reason,
        requested_at=timezone.now(),
        requested_by=user,
    )
    _save(access, "requested")
    audit_record(
        action=AuditAction.CREATE, user=user, request=request, obj=access, detail="access request"
    )
    return access


@transaction.atomic
def access_request_decide(*, access: AccessRequest, user, grant: bool, request=None):
    _require(may_manage(access.case, user))
    if access.status != AccessRequest.Status.PENDING:
        raise ValidationError(_("That request was already decided."))
    access.status = AccessRequest.Status.GRANTED if grant else AccessRequest.Status.REFUSED
    access.decided_at, access.decided_by = timezone.now(), user
    _save(access, access.status)
    if grant and not CaseShare.objects.filter(case=access.case, unit=access.unit).exists():
        CaseShare.objects.create(
            case=access.case,
            unit=access.unit,
            reason=_("Access requested: %(reason)s") % {"reason": access.reason},
            at=access.decided_at,
            by=user,
        )
    audit_record(
        action=AuditAction.CHANGE,
        user=user,
        request=request,
        obj=access,
        detail=f"access {access.status}",
    )
    return access


# --- The timeline ----------------------------------------------------------------------


@transaction.atomic
def action_add(*, case: Case, user, fields: dict, request=None) -> Action:
    _require(may_add_to(case, user))
    if fields.get("occurred_on") and fields["occurred_on"] > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    action = Action(case=case, created_at=timezone.now(), created_by=user, **fields)
    _save(action, "added")
    audit_record(action=AuditAction.CREATE, user=user, request=request, obj=action)
    return action


@transaction.atomic
def action_annul(*, action: Action, user, reason: str, request=None) -> Action:
    """A wrong entry is annulled, never deleted: it stays in the timeline, struck out,
    with who annulled it and why."""
    _require(may_add_to(action.case, user))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the entry is annulled.")})
    if action.annulled_at is not None:
        raise ValidationError(_("That entry was already annulled."))
    action.annulled_at, action.annulled_by, action.annul_reason = timezone.now(), user, reason
    _save(action, "annulled")
    audit_record(action=AuditAction.CHANGE, user=user, request=request, obj=action, detail="annul")
    return action


@transaction.atomic
def action_mark_answered(*, action: Action, user, answered_on: date, request=None) -> Action:
    _require(may_add_to(action.case, user))
    action.answered_on = answered_on
    _save(action, "answered")
    audit_record(action=AuditAction.CHANGE, user=user, request=request, obj=action, detail="answer")
    return action


# --- Records and their crossing keys ---------------------------------------------------


def _person_keys(person: CasePerson) -> None:
    person.name_folded = fold_name(f"{person.first_names} {person.last_names} {person.aliases}")
    person.birth_year = person.birth_date.year if person.birth_date else None
    if person.birth_year is None and person.age is not None:
        person.birth_year = timezone.localdate().year - person.age
    person.document_key = ""
    if person.document_number:
        try:
            person.document_key = normalize_document(person.document_type, person.document_number)
        except ValueError:
            raise ValidationError(
                {"document_number": _("That is not a valid number for this document.")}
            ) from None


def _phone_key(phone: Phone) -> None:
    try:
        phone.number_key = normalize_phone(phone.number)
    except ValueError:
        raise ValidationError(
            {"number": _("That is not a phone number (9 digits for a mobile).")}
        ) from None


def _plate_key(vehicle: Vehicle) -> None:
    try:
        vehicle.plate_key = normalize_plate(vehicle.plate)
    except ValueError:
        raise ValidationError({"plate": _("That is not a licence plate.")}) from None


def account_key(kind: str, value: str) -> str:
    folded = "".join((value or "").split()).lower()
    if kind in (Account.Kind.BANK, Account.Kind.TRANSFER):
        return "".join(c for c in folded if c.isalnum())
    return folded.removeprefix("@")


def _account_key(account: Account) -> None:
    account.value_key = account_key(account.kind, account.value)
    if not account.value_key:
        raise ValidationError({"value": _("Type the address, user or number.")})


def _place_key(place: Place) -> None:
    place.name_folded = fold_name(place.name)


KEYS = {
    CasePerson: _person_keys,
    Phone: _phone_key,
    Vehicle: _plate_key,
    Account: _account_key,
    Place: _place_key,
}


@transaction.atomic
def record_save(*, case: Case, model, user, fields: dict, record=None, request=None):
    """Create or change a record of a case, with its crossing keys and signed history."""
    _require(may_add_to(case, user))
    if Case.objects.filter(pk=case.pk, state__in=Case.ENDED).exists():
        raise ValidationError(_("The case is closed: reopen it to add or change records."))
    created = record is None
    if created:
        record = model(case=case, created_at=timezone.now(), created_by=user)
    elif record.case_id != case.pk:
        raise PermissionDenied("Record of another case.")
    for name, value in fields.items():
        setattr(record, name, value)
    if model in KEYS:
        KEYS[model](record)
    _save(record, "added" if created else "changed")
    audit_record(
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        user=user,
        request=request,
        obj=record,
    )
    return record


@transaction.atomic
def route_save(*, case: Case, user, description: str, legs: list[dict], route=None, request=None):
    """A route with its legs (recruitment → transit → exploitation); the departments it
    joins and its period, which the crossing compares, come from the legs."""
    if not legs:
        raise ValidationError(_("A route needs at least one leg with its district."))
    route = record_save(
        case=case, model=Route, user=user, fields={"description": description}, record=route
    )
    existing = list(route.legs.all())
    for position, data in enumerate(legs):
        leg = existing[position] if position < len(existing) else RouteLeg(route=route)
        for name, value in data.items():
            setattr(leg, name, value)
        leg.position = position
        _save(leg, "leg")
    for leg in existing[len(legs) :]:
        leg._change_reason = "leg removed"
        leg.delete()
    legs_saved = list(route.legs.select_related("district__province"))
    route.from_department_id = legs_saved[0].district.province.department_id
    route.to_department_id = legs_saved[-1].district.province.department_id
    days = [leg.day for leg in legs_saved if leg.day]
    route.first_day, route.last_day = (min(days), max(days)) if days else (None, None)
    _save(route, "legs")
    return route


@transaction.atomic
def attachment_add(*, case: Case, user, kind: str, description: str, upload, request=None):
    """Store a checked upload (administration/uploads.py: content judged, images re-encoded
    without GPS) under a name of the application's, outside the web root."""
    _require(may_add_to(case, user))
    attachment = Attachment(
        case=case,
        kind=kind,
        description=description,
        created_at=timezone.now(),
        created_by=user,
    )
    attachment.file.save(
        f"{uuid.uuid4().hex}.{upload.extension}", ContentFile(upload.content), save=False
    )
    _save(attachment, "added")
    audit_record(action=AuditAction.CREATE, user=user, request=request, obj=attachment)
    return attachment


REPORT_SERIES = "INFORME"


@transaction.atomic
def report_issue(*, case: Case, user, conclusions: str, request=None):
    """Number, qualify, render and register the police report; kept as issued (its file
    never changes: a later report is a new number)."""
    from .documents import qualification, report_pdf
    from .models import CaseReport

    _require(may_manage(case, user) or may_add_to(case, user))
    conclusions = (conclusions or "").strip()
    if not conclusions:
        raise ValidationError({"conclusions": _("Write the conclusions of the report.")})
    year = timezone.localdate().year
    DocumentCounter.objects.get_or_create(unit=user.unit, year=year, series=REPORT_SERIES)
    counter = DocumentCounter.objects.select_for_update().get(
        unit=user.unit, year=year, series=REPORT_SERIES
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    heading = user.unit.document_heading or user.unit.code
    report = CaseReport(
        case=case,
        unit=user.unit,
        number=f"N° {counter.last:03d}-{year}-{heading}",
        conclusions=conclusions,
        qualification=qualification(case),
        issued_at=timezone.now(),
        issued_by=user,
    )
    content = report_pdf(report)
    report.pdf.save(
        f"informe-{case.pk}-{uuid.uuid4().hex[:12]}.pdf", ContentFile(content), save=False
    )
    _save(report, "issued")
    audit_record(action=AuditAction.PRINT, user=user, request=request, obj=report, detail="issued")
    return report
