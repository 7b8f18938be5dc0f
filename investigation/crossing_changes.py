"""What a change touches in the national crossing (crossing.CROSSINGS).

A saved, changed or removed record announces the identifiers it held before and holds
after (its phone, plate, document, account, place, route, the exact keys of its name):
only the crossings that looked for one of them are read again. A complaint is crossed
once sent: sending it announces its complainant's phone and its people, a correction
what it changed. Drafts, saved every few seconds, announce nothing. The receivers are
connected in apps.py.
"""

from administration.identifiers import normalize_document, normalize_phone
from reporting.models import Complaint, Suspect, Victim

from . import matching
from .crossing import ANY_NAME, CROSSINGS
from .models import Account, CasePerson, Phone, Place, Route, Vehicle


def _document(kind, number) -> set[tuple]:
    """A complaint's document as the crossing's SQL twin writes it (reta_document_key)."""
    try:
        return {("document", normalize_document(kind, number))} if number else set()
    except ValueError:
        return set()


def _name(person) -> set[tuple]:
    keys = matching.record_keys(person.first_names, person.last_names)
    return {("name", key) for key in keys} | {ANY_NAME}


def _case_person(person) -> set[tuple]:
    document = {("document", person.document_key)} if person.document_key else set()
    return document | _name(person)


def _complaint_person(person) -> set[tuple]:
    return _document(person.document_type, person.document_number) | _name(person)


def _phone_of(complaint) -> set[tuple]:
    try:
        key = normalize_phone(complaint.complainant_phone) if complaint.complainant_phone else ""
    except ValueError:
        return set()
    return {("phone", key)} if key else set()


TOKENS = {
    Phone: lambda r: {("phone", r.number_key)} if r.number_key else set(),
    Vehicle: lambda r: {("plate", r.plate_key)} if r.plate_key else set(),
    Account: lambda r: {("account", r.kind, r.value_key)} if r.value_key else set(),
    Place: lambda r: {("place", r.district_id, r.name_folded)} if r.name_folded else set(),
    Route: lambda r: {("route", r.from_department_id, r.to_department_id)},
    CasePerson: _case_person,
    Victim: _complaint_person,
    Suspect: _complaint_person,
}
WATCHED = (*TOKENS, Complaint)


def _crossed(sender, instance) -> bool:
    """Whether ``instance`` is one the crossing reads: every record of a case; the
    people of a sent complaint only (their complaint is at hand: it saved them)."""
    if sender in (Victim, Suspect):
        return instance.complaint.is_sent
    if sender is Complaint:
        return instance.is_sent
    return True


def _tokens(sender, instance) -> set[tuple]:
    if sender is Complaint:
        people = [*instance.victims.all(), *instance.suspects.all()]
        return _phone_of(instance).union(*(_complaint_person(p) for p in people))
    return TOKENS[sender](instance)


def before_save(sender, instance, raw=False, **kwargs):
    """pre_save: what a changed record held (read from the database, which still has it)."""
    if raw or instance.pk is None or not _crossed(sender, instance):
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    if old is None:
        return
    instance._crossing_before = _phone_of(old) if sender is Complaint else TOKENS[sender](old)


def after_change(sender, instance, raw=False, **kwargs):
    """post_save and post_delete: what the record held before and holds now."""
    if raw:  # loaded from a fixture: no one knows what it replaced
        CROSSINGS.changed()
        return
    if not _crossed(sender, instance):
        return
    before = instance.__dict__.pop("_crossing_before", set())
    CROSSINGS.touched(before | _tokens(sender, instance))
