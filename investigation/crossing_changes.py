"""What a change touches in the national crossing (crossing.CROSSINGS).

A saved, changed or removed record announces the identifiers it held before and holds
after (its phone, plate, document, account, place, route, the exact keys of its name):
only the crossings that looked for one of them are read again. A complaint is crossed
once sent: sending it announces its complainant's phone and its people, a correction
what it changed. Drafts, saved every few seconds, announce nothing. The receivers are
connected in apps.py.
"""

from django.db import connection

from reporting.models import Complaint, Suspect, Victim

from .crossing import ANY_NAME, CROSSINGS
from .models import Account, CasePerson, Phone, Place, Route, Vehicle


def _keys_in_sql(people=(), phones=()) -> set[tuple]:
    """The tokens of ``people`` ((first names, last names, document type, number); no
    document: None) and of the free-text ``phones``, written by the very SQL functions the
    crossing looks with (reta_name_keys, reta_document_key, reta_phone_key): a spelling
    the Python twins read otherwise ("987111222 (cel)", "Quispeº") touches what the look-up
    finds. One query."""
    people, phones = list(people), list(phones)
    if not people and not phones:
        return set()
    first, last, kind, number = ([person[n] for person in people] for n in range(4))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'name', unnest(reta_name_keys(f, l)) FROM unnest(%s::text[], %s::text[]) "
            "AS p(f, l) UNION ALL SELECT 'document', reta_document_key(k, n) "
            "FROM unnest(%s::text[], %s::text[]) AS d(k, n) WHERE n IS NOT NULL "
            "UNION ALL SELECT 'phone', reta_phone_key(t) FROM unnest(%s::text[]) AS t",
            [first, last, kind, number, phones],
        )
        tokens = {(what, key) for what, key in cursor.fetchall() if key}
    return tokens | ({ANY_NAME} if people else set())


def _case_person(person) -> set[tuple]:
    # Its document is looked up by the key RETA stored with it; its name, by the SQL's.
    document = {("document", person.document_key)} if person.document_key else set()
    return document | _keys_in_sql([(person.first_names, person.last_names, "", None)])


def _complaint_people(people, phones=()) -> set[tuple]:
    return _keys_in_sql(
        ((p.first_names, p.last_names, p.document_type, p.document_number or None) for p in people),
        phones,
    )


TOKENS = {
    Phone: lambda r: {("phone", r.number_key)} if r.number_key else set(),
    Vehicle: lambda r: {("plate", r.plate_key)} if r.plate_key else set(),
    Account: lambda r: {("account", r.kind, r.value_key)} if r.value_key else set(),
    Place: lambda r: {("place", r.district_id, r.name_folded)} if r.name_folded else set(),
    Route: lambda r: {("route", r.from_department_id, r.to_department_id)},
    CasePerson: _case_person,
    Victim: lambda person: _complaint_people([person]),
    Suspect: lambda person: _complaint_people([person]),
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


def _phone_of(complaint) -> list[str]:
    return [complaint.complainant_phone] if complaint.complainant_phone else []


def _tokens(sender, instance) -> set[tuple]:
    if sender is Complaint:
        people = [*instance.victims.all(), *instance.suspects.all()]
        return _complaint_people(people, _phone_of(instance))
    return TOKENS[sender](instance)


def before_save(sender, instance, raw=False, **kwargs):
    """pre_save: what a changed record held (read from the database, which still has it)."""
    if raw or instance.pk is None or not _crossed(sender, instance):
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    if old is None:
        return
    instance._crossing_before = (
        _keys_in_sql(phones=_phone_of(old)) if sender is Complaint else TOKENS[sender](old)
    )


def after_change(sender, instance, raw=False, **kwargs):
    """post_save and post_delete: what the record held before and holds now."""
    if raw:  # loaded from a fixture: no one knows what it replaced
        CROSSINGS.changed()
        return
    if not _crossed(sender, instance):
        return
    before = instance.__dict__.pop("_crossing_before", set())
    CROSSINGS.touched(before | _tokens(sender, instance))
