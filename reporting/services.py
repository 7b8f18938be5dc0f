"""Writes on complaints: drafts, sending (which locks), corrections, the documents of the
preliminary investigation and paper form series. One transaction each."""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from administration.audit import Action, audit_record
from administration.catalogue import articles_in_force
from administration.integrity import sign_row
from administration.models import JusticeOffice
from administration.uploads import CheckedUpload
from alerts.services import alerts_create_for

from . import rules
from .documents import document_pdf
from .models import (
    Complaint,
    ComplaintNumber,
    Correction,
    DocumentCounter,
    DocumentKind,
    IssuedDocument,
    PaperFormSeries,
    Suspect,
    Victim,
)
from .models.documents import DOCUMENT_STYLE

TICK_GROUPS = ("acts", "means", "purposes", "related", "aggravating")
COMPLAINT_FIELDS = (
    "channel",
    "date_of_facts",
    "department",
    "province",
    "district",
    "place_detail",
    "received_on",
    "paper_series",
    "paper_number",
    "complainant_kind",
    "complainant_name",
    "complainant_document",
    "complainant_phone",
    "officer_name",
    "officer_cip",
    "narrative",
    *TICK_GROUPS,
)
VICTIM_FIELDS = (
    "unidentified",
    "first_names",
    "last_names",
    "sex",
    "age",
    "age_is_estimate",
    "birth_date",
    "nationality",
    "document_type",
    "document_number",
    "disability",
    "relation_to_suspect",
    "rescued",
    "contact_phone",
    "contact_phone_operator",
)
SUSPECT_FIELDS = (
    "first_names",
    "last_names",
    "alias",
    "sex",
    "approximate_age",
    "nationality",
    "document_type",
    "document_number",
    "identified",
    "detained",
    "phone",
    "phone_operator",
)


# A raid can free dozens of victims; more than this in one complaint is a typing error or
# an attack on the form (a tampered count once created 2,000 rows from 209 bytes).
MAX_PEOPLE = 100


@dataclass
class ComplaintInput:
    """What the form collected: the complaint's fields, its victims and its suspects."""

    fields: dict
    victims: list[dict] = field(default_factory=list)
    suspects: list[dict] = field(default_factory=list)


def facts_of(complaint: Complaint, victims=None) -> rules.Facts:
    victims = complaint.victims.all() if victims is None else victims
    return rules.Facts(
        date_of_facts=complaint.date_of_facts,
        victims=tuple(
            rules.Victim(age=v.age_on(complaint.date_of_facts), sex=v.sex, disability=v.disability)
            for v in victims
        ),
        **{group: frozenset(getattr(complaint, group)) for group in TICK_GROUPS},
    )


def classify_complaint(complaint: Complaint, victims=None) -> rules.Verdict:
    return rules.classify(facts_of(complaint, victims), articles_in_force(complaint.date_of_facts))


def _check_size(data: ComplaintInput) -> None:
    if len(data.victims) > MAX_PEOPLE or len(data.suspects) > MAX_PEOPLE:
        raise ValidationError(
            {
                "": _("A complaint holds at most %(max)s victims and %(max)s alleged traffickers.")
                % {"max": MAX_PEOPLE}
            }
        )


def _apply(complaint: Complaint, data: ComplaintInput) -> None:
    _check_size(data)
    for name in COMPLAINT_FIELDS:
        if name in data.fields:
            setattr(complaint, name, data.fields[name])
    _save(complaint, None)
    _replace(complaint, Victim, list(complaint.victims.all()), data.victims, VICTIM_FIELDS)
    _replace(complaint, Suspect, list(complaint.suspects.all()), data.suspects, SUSPECT_FIELDS)


def _save(obj, reason: str | None) -> None:
    """Save with history and a reason; without a reason (a draft, which changes every few
    seconds) no history: it starts when the complaint is sent."""
    if reason is None:
        obj.skip_history_when_saving = True
    elif hasattr(obj, "skip_history_when_saving"):
        del obj.skip_history_when_saving
    obj._change_reason = reason
    try:
        obj.save()
    finally:
        obj.__dict__.pop("skip_history_when_saving", None)


def _replace(complaint, model, existing, rows, names, reason=None):
    """Update the children in place, row by row, so history sees each change. A row
    names the saved person it changes by id (never by its position: a document issued
    for one victim must keep naming her); rows without a known id are new people, and the
    saved people no row names are removed. Without a reason the complaint is a draft,
    whose every keystroke needs no history."""
    by_id = {child.pk: child for child in existing}
    kept = set()
    for position, row in enumerate(rows):
        child = by_id.get(row.get("id"))
        if child is None or child.pk in kept:
            child = model(complaint=complaint)
        changed = child.pk is None or child.position != position
        for name in names:
            if name in row and getattr(child, name) != row[name]:
                setattr(child, name, row[name])
                changed = True
        if changed:
            child.position = position
            _save(child, reason)
        kept.add(child.pk)
    for number, child in enumerate(existing, start=1):
        if child.pk not in kept:
            _remove(child, number, reason)


def _remove(child, number: int, reason) -> None:
    if reason is None:
        child.skip_history_when_saving = True
    child._change_reason = reason
    try:
        child.delete()
    except ProtectedError as error:
        documents = ", ".join(sorted(str(obj) for obj in error.protected_objects))
        message = _(
            "%(person)s no. %(number)s cannot be removed: %(documents)s names them. "
            "Correct their data instead."
        ) % {"person": capfirst(child._meta.verbose_name), "number": number, "documents": documents}
        raise ValidationError({"": message}) from None


@transaction.atomic
def complaint_save_draft(
    *, user, unit, data: ComplaintInput, draft_key=None, complaint: Complaint | None = None
) -> Complaint:
    """Create or update a draft. ``draft_key`` (from the form) makes a resubmitted or
    double-clicked first save land on the same draft."""
    if complaint is not None:
        # The page read it before this request's work: a send in another tab or a double
        # click may have locked it since. Read it again under its row lock.
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    elif draft_key is not None:
        complaint = (
            Complaint.objects.select_for_update()
            .filter(draft_key=draft_key, registered_by=user)
            .first()
        )
    if complaint is None and Complaint.objects.filter(draft_key=draft_key).exists():
        draft_key = None  # another user's token: start a draft of one's own
    if complaint is None:
        complaint = Complaint(
            registered_by=user,
            registered_by_unit=user.unit,
            unit=unit,
            **({"draft_key": draft_key} if draft_key else {}),
        )
    elif complaint.is_sent:
        return complaint
    complaint.unit = unit
    _apply(complaint, data)
    return complaint


def sending_errors(complaint: Complaint, victims) -> dict[str, str]:
    """What must be filled before sending, by field name ("" for the whole form)."""
    errors = {}
    if complaint.date_of_facts is None:
        errors["date_of_facts"] = _("Type the date of the facts.")
    elif complaint.date_of_facts > timezone.localdate():
        errors["date_of_facts"] = _("The date of the facts cannot be in the future.")
    if complaint.district_id is None:
        errors["district"] = _("Choose the district where the facts happened.")
    if not complaint.narrative.strip():
        errors["narrative"] = _("Write a short account of what happened.")
    if not victims:
        errors[""] = _("Add at least one victim (“not identified yet” if the name is unknown).")
    elif complaint.date_of_facts is not None:
        for number, victim in enumerate(victims, start=1):
            age = victim.age_on(complaint.date_of_facts)
            if age is not None and not 0 <= age <= rules.MAX_AGE:
                errors[""] = _(
                    "Victim no. %(number)s: the date of birth gives an age of %(age)s on the "
                    "date of the facts; check both dates."
                ) % {"number": number, "age": age}
                break
    return errors


def _take_next(counter_model, **key) -> int:
    """The next number of a counter row, taken under the row's lock inside the caller's
    transaction: never reused, and a rolled-back transaction leaves no gap."""
    counter_model.objects.get_or_create(**key)
    counter = counter_model.objects.select_for_update().get(**key)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _next_number(year: int) -> str:
    """The number the send takes: the trigger that locks the complaint moves the counter
    on and refuses any other number (migration 0008); this reads it under the row's lock."""
    ComplaintNumber.objects.get_or_create(year=year)
    counter = ComplaintNumber.objects.select_for_update().get(year=year)
    return f"RETA-{year}-{counter.last + 1:06d}"


def _store_verdict(complaint: Complaint) -> rules.Verdict:
    # The stored reasons are in the interface's language, Spanish.
    with translation.override("es-pe"):
        verdict = classify_complaint(complaint)
        complaint.verdict_detail = verdict.as_dict()
    complaint.verdict = verdict.verdict
    complaint.priority = verdict.priority
    complaint.rules_version = rules.RULES_VERSION
    return verdict


@transaction.atomic
def complaint_send(*, complaint_id: int, user, request=None) -> Complaint:
    """Send a draft: number it, store the verdict with the rules version, lock it.

    Idempotent: sending an already sent complaint returns it unchanged."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if complaint.is_sent:
        return complaint
    victims = list(complaint.victims.all())
    errors = sending_errors(complaint, victims)
    if errors:
        raise ValidationError(errors)
    # The first history rows of the children: the version as first sent (written while
    # the complaint is still a draft, since afterwards the database refuses the write).
    for child in [*victims, *complaint.suspects.all()]:
        _save(child, "sent")
    _store_verdict(complaint)
    complaint.number = _next_number(timezone.localdate().year)
    complaint.status = Complaint.Status.SENT
    complaint.sent_at = timezone.now()
    if complaint.received_on is None:
        complaint.received_on = timezone.localdate()
    _save(complaint, "sent")
    alerts_create_for(complaint)
    audit_record(action=Action.CREATE, user=user, request=request, obj=complaint)
    return complaint


def _signed_correction(*, complaint, by, reason) -> Correction:
    """The correction row that opens the lock, signed by the application: one written
    with the database's password alone shows as forged (administration/integrity.py)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT txid_current()")
        txid = cursor.fetchone()[0]
    correction = Correction(
        complaint=complaint, corrected_by=by, reason=reason, at=timezone.now(), txid=txid
    )
    sign_row(correction)
    correction.save()
    return correction


@transaction.atomic
def complaint_correct(
    *, complaint_id: int, by, reason: str, data: ComplaintInput, request=None
) -> Complaint:
    """An administrator's correction of a sent complaint: the database opens the lock only
    for this transaction because the correction row is written first."""
    if not by.has_perm("administration.correct_records"):
        raise PermissionError("Only an administrator may correct a sent complaint.")
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Explain the reason in at least 10 characters.")})
    _check_size(data)
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    correction = _signed_correction(complaint=complaint, by=by, reason=reason)
    for name in COMPLAINT_FIELDS:
        if name in data.fields:
            setattr(complaint, name, data.fields[name])
    _replace(complaint, Victim, list(complaint.victims.all()), data.victims, VICTIM_FIELDS, reason)
    _replace(
        complaint, Suspect, list(complaint.suspects.all()), data.suspects, SUSPECT_FIELDS, reason
    )
    errors = sending_errors(complaint, list(complaint.victims.all()))
    if errors:
        raise ValidationError(errors)
    _store_verdict(complaint)
    _save(complaint, reason)
    # A correction that makes it trafficking (or a related crime) alerts as a send would.
    alerts_create_for(complaint)
    audit_record(
        action=Action.CORRECTION,
        user=by,
        request=request,
        obj=complaint,
        detail=f"correction={correction.pk}",
    )
    return complaint


# --- Documents of the preliminary investigation -------------------------------------------


def competent_prosecutor(complaint: Complaint):
    """The prosecutor's office of the place of the facts, from the directory: the district's,
    else the province's, else the department's."""
    offices = JusticeOffice.objects.filter(kind=JusticeOffice.Kind.PROSECUTOR, active=True)
    if complaint.district_id:
        for condition in (
            {"district_id": complaint.district_id},
            {"district__province_id": complaint.district.province_id},
        ):
            found = offices.filter(**condition).order_by("name").first()
            if found is not None:
                return found
    return offices.filter(department_id=complaint.department_id).order_by("name").first()


def _may_issue(user) -> None:
    if not user.has_perm("administration.issue_documents"):
        raise PermissionDenied("This role does not issue documents.")


def _next_document_number(unit, series: str, year: int) -> str:
    number = _take_next(DocumentCounter, unit=unit, year=year, series=series)
    return f"{series} N° {number:03d}-{year}-{unit.document_heading or unit.code}"


def _recipient(kind, complaint, office, institution) -> tuple[str, object, object]:
    if kind in (DocumentKind.PROSECUTOR, DocumentKind.WARRANT):
        office = office or competent_prosecutor(complaint)
        if office is None:
            raise ValidationError(
                {"office": _("The directory has no prosecutor's office for this place.")}
            )
        return office.name, office, None
    if kind == DocumentKind.INFORMATION:
        if institution is None:
            raise ValidationError({"institution": _("Choose the institution to ask.")})
        return institution.name, None, institution
    if kind == DocumentKind.MEDICAL:
        region = complaint.department.name if complaint.department_id else ""
        return f"Jefe(a) de la División Médico Legal {region}".strip(), None, None
    return complaint.unit.name, None, None


@transaction.atomic
def document_issue(
    *,
    complaint: Complaint,
    user,
    kind: str,
    office=None,
    institution=None,
    victim: Victim | None = None,
    request_text: str = "",
    initials_only: bool = True,
    request=None,
) -> IssuedDocument:
    """Number, render and register a document; printing it is audited."""
    _may_issue(user)
    if not complaint.is_sent:
        raise ValidationError(_("Documents are issued from sent complaints only."))
    if kind == DocumentKind.MEDICAL and (victim is None or victim.complaint_id != complaint.pk):
        raise ValidationError({"victim": _("Choose the victim to be examined.")})
    recipient, office, institution = _recipient(kind, complaint, office, institution)
    heading, expects_answer = DOCUMENT_STYLE[kind]
    now = timezone.now()
    days = institution.answer_days if institution else settings.DOCUMENT_ANSWER_DAYS
    document = IssuedDocument(
        complaint=complaint,
        unit=user.unit,
        kind=kind,
        number=_next_document_number(user.unit, heading, timezone.localdate().year),
        recipient=recipient,
        office=office,
        institution=institution,
        victim=victim,
        request_text=request_text,
        victim_initials_only=initials_only,
        issued_at=now,
        issued_by=user,
        answer_due=timezone.localdate() + timedelta(days=days) if expects_answer else None,
    )
    document.pdf.save(
        f"{kind}-{complaint.pk}-{now:%Y%m%d%H%M%S%f}.pdf", ContentFile(b""), save=False
    )
    document.save()
    content = document_pdf(document)
    document.pdf.storage.delete(document.pdf.name)
    document.pdf.save(document.pdf.name.rsplit("/", 1)[-1], ContentFile(content), save=False)
    document.save(update_fields=["pdf"])
    audit_record(action=Action.PRINT, user=user, request=request, obj=document, detail=kind)
    return document


@transaction.atomic
def document_record_answer(
    *,
    document: IssuedDocument,
    answered_on,
    summary: str,
    file: CheckedUpload | None = None,
    user,
    request=None,
) -> IssuedDocument:
    _may_issue(user)
    document.answered_on = answered_on
    document.answer_summary = summary
    if file is not None:
        # Never the uploaded name: it may carry a person's name.
        document.answer_file.save(
            f"answer-{document.pk}-{uuid.uuid4().hex}.{file.extension}",
            ContentFile(file.content),
            save=False,
        )
    document.save(update_fields=["answered_on", "answer_summary", "answer_file"])
    audit_record(action=Action.CHANGE, user=user, request=request, obj=document, detail="answer")
    return document


@transaction.atomic
def paper_series_issue(*, unit, code: str, first: int, last: int, by) -> PaperFormSeries:
    if last < first:
        raise ValidationError({"last_number": _("The last number must not be below the first.")})
    overlapping = PaperFormSeries.objects.filter(
        unit=unit, first_number__lte=last, last_number__gte=first
    ).first()
    if overlapping is not None:
        raise ValidationError(
            {
                "first_number": _("These numbers overlap series %(series)s.")
                % {"series": overlapping}
            }
        )
    series = PaperFormSeries.objects.create(
        code=code,
        unit=unit,
        first_number=first,
        last_number=last,
        issued_on=timezone.localdate(),
        issued_by=by,
    )
    audit_record(action=Action.CREATE, user=by, obj=series, detail=f"{first}-{last}")
    return series
