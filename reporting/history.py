"""A complaint's history as people read it: each change with who, when, why, and the
fields it changed, old value beside new. Built from django-simple-history's records."""

from itertools import chain

from django.core.exceptions import FieldDoesNotExist

from administration.integrity import record_matches_history, row_signature_is_valid

from .models import Complaint, Suspect, Victim

HIDDEN = {"id", "updated_at", "draft_key", "position", "complaint", "verdict_detail"}


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a history-only field keeps its name
        return name


def _shown(model, name, value):
    """A value as people read it: a phone operator (or any reference) by its name, not
    its id."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if value is None or not field.is_relation or not field.many_to_one:
        return value
    related = field.related_model._default_manager.filter(pk=value).first()
    return str(related) if related is not None else value


def _changes(record, model):
    previous = record.prev_record
    if previous is None:
        return []
    delta = record.diff_against(previous)
    return [
        {
            "field": _label(model, c.field),
            "old": _shown(model, c.field, c.old),
            "new": _shown(model, c.field, c.new),
        }
        for c in delta.changes
        if c.field not in HIDDEN
    ]


def complaint_history(complaint: Complaint) -> dict:
    records = chain(
        ((r, "complaint") for r in complaint.history.all()),
        ((r, "victim") for r in Victim.history.filter(complaint_id=complaint.pk)),
        ((r, "suspect") for r in Suspect.history.filter(complaint_id=complaint.pk)),
    )
    entries = []
    for record, kind in records:
        model = record.instance_type
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "why": record.history_change_reason or "",
                "kind": kind,
                "type": record.history_type,
                "what": str(record.instance),
                "changes": _changes(record, model),
                # Written by the application, or by someone holding only the database's
                # password (verify_audit names every such row too).
                "genuine": row_signature_is_valid(record),
            }
        )
    entries.sort(key=lambda e: e["when"])
    # The version as first sent stays readable forever: from signed rows only, so that a
    # row slipped in by SQL cannot stand in for it.
    sent = {"history_change_reason": "sent"}
    first_sent = next(
        (
            r
            for r in complaint.history.filter(**sent).order_by("history_id")
            if row_signature_is_valid(r)
        ),
        None,
    )
    return {
        "entries": entries,
        "first_sent": first_sent,
        "first_sent_victims": _signed(Victim.history.filter(complaint_id=complaint.pk, **sent)),
        "first_sent_suspects": _signed(Suspect.history.filter(complaint_id=complaint.pk, **sent)),
        "changed_outside": changed_outside(complaint),
    }


def _signed(records) -> list:
    return [r for r in records.order_by("history_id") if row_signature_is_valid(r)]


def changed_outside(complaint: Complaint) -> bool:
    """Whether the complaint or one of its people differs from its last signed history row,
    or a person its history holds is gone: changed by someone with the database's password,
    not through RETA (``verify_audit`` names the rows). A fixed number of queries, however
    many people the complaint has."""
    if not record_matches_history(complaint):
        return True
    for model in (Victim, Suspect):
        current = {row.pk: row for row in model.objects.filter(complaint_id=complaint.pk)}
        last = {
            row.id: row
            for row in model.history.filter(complaint_id=complaint.pk)
            .order_by("id", "-history_id")
            .distinct("id")
        }
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if f.column in {h.column for h in model.history.model._meta.concrete_fields}
        ]
        for pk, row in last.items():
            if row.history_type == "-":
                if pk in current:
                    return True
                continue
            person = current.get(pk)
            if person is None or not row_signature_is_valid(row):
                return True
            if any(getattr(person, name) != getattr(row, name) for name in columns):
                return True
        if set(current) - set(last):
            return True
    return False
