"""Reads on case files, all through the one scope rule (administration/scope.py): a case
is seen by its unit and the units above it, by the national division, and by the units
it was shared with (and theirs above). Everyone else gets a 404."""

import functools
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from administration.models import User
from administration.scope import scope_unit_ids, sees_personal_data
from reporting.models import IssuedDocument
from reta import prepared

from .models import AccessRequest, Action, Case, CaseShare


def case_scope(user) -> Q | None:
    """The condition on cases the user may see; None means every case."""
    units = scope_unit_ids(user)
    if units is None:
        return None
    shared = CaseShare.objects.filter(unit_id__in=units).values("case_id")
    return Q(unit_id__in=units) | Q(pk__in=shared)


def cases_for_user(user) -> QuerySet:
    # Case files carry personal data: roles without it (analysts) see none.
    if not sees_personal_data(user):
        return Case.objects.none()
    condition = case_scope(user)
    cases = Case.objects.all()
    return cases if condition is None else cases.filter(condition)


def visible_case_ids(user, ids) -> set[int]:
    """Which of the cases ``ids`` the user may see (ids of cases that exist)."""
    ids = set(ids)
    if not ids:
        return set()
    if sees_personal_data(user) and case_scope(user) is None:
        return ids
    return set(cases_for_user(user).filter(pk__in=ids).order_by().values_list("pk", flat=True))


# The lists a case page shows, by their names on Case: each is read only when the case
# has rows in it (most cases have no routes, accounts, attachments, reports or requests
# from other units to see them).
CASE_LISTS = (
    "people",
    "case_complaints",
    "places",
    "routes",
    "vehicles",
    "phones",
    "accounts",
    "actions",
    "transitions",
    "exploitations",
    "attachments",
    "investigators",
    "shares",
    "reports",
    "access_requests",
)


@functools.cache
def _lists_held_sql() -> str:
    """An array of one EXISTS a list, each through that list's index on its case, beside
    the case's own row (the case's table is the query's own: "investigation_case")."""
    quote = connection.ops.quote_name
    own = f"{quote(Case._meta.db_table)}.{quote('id')}"
    held = []
    for name in CASE_LISTS:
        field = Case._meta.get_field(name)
        if field.many_to_many:
            table, column = field.remote_field.through._meta.db_table, field.m2m_column_name()
        else:
            table, column = field.related_model._meta.db_table, field.field.column
        # The models' own tables and columns, never what anyone typed.
        held.append(f"EXISTS (SELECT 1 FROM {quote(table)} WHERE {quote(column)} = {own})")  # noqa: S608
    return f"ARRAY[{', '.join(held)}]"


def lists_held(case: Case) -> frozenset[str]:
    """Which of CASE_LISTS have rows for ``case``: read with the case when it was read
    for its page (case_get_for_user, ``with_lists``), else in one query; an empty list
    costs the page nothing."""
    row = getattr(case, "held_lists", None)
    if row is None:
        row = Case.objects.filter(pk=case.pk).values_list(_held_lists(), flat=True).get()
    return frozenset(name for name, held in zip(CASE_LISTS, row, strict=True) if held)


def _held_lists() -> RawSQL:
    # Written from the models alone (_lists_held_sql), without parameters.
    return RawSQL(_lists_held_sql(), (), output_field=ArrayField(BooleanField()))  # noqa: S611


def case_get_for_user(user, pk: int, *, with_lists: bool = False) -> Case:
    """The case if in scope (404 otherwise); ``with_lists``: with which of its lists hold
    rows (lists_held), in the same query; prepared (reta/prepared.py: PostgreSQL took
    0.7 ms to plan it and 0.1 ms to run it)."""
    cases = cases_for_user(user).select_related("unit", "lead", "prosecutor_office")
    if with_lists:
        cases = cases.annotate(held_lists=_held_lists())
    try:
        with prepared.queries():
            return cases.get(pk=pk)
    except Case.DoesNotExist:
        raise Http404 from None


def case_list(user, *, q: str = "", state: str = "", mine: bool = False) -> QuerySet:
    cases = cases_for_user(user).select_related("unit", "lead")
    if q:
        cases = cases.filter(Q(number__icontains=q) | Q(title__unaccent__icontains=q))
    if state:
        cases = cases.filter(state=state)
    if mine:
        cases = cases.filter(Q(lead=user) | Q(investigators=user)).distinct()
    return cases.order_by("-opened_at")


def my_open_cases(user, limit: int = 5) -> list[Case]:
    """The user's latest open cases, led or assigned: each half read from its own index,
    newest first (an OR of the two read every case in scope: 120 ms at 200,000 cases)."""
    open_cases = (
        cases_for_user(user)
        .exclude(state__in=Case.ENDED)
        .only("pk", "number", "title", "state", "opened_at")
    )
    led = open_cases.filter(lead=user).order_by("-opened_at")[:limit]
    assigned = open_cases.filter(investigators=user).order_by("-opened_at")[:limit]
    newest = {case.pk: case for case in [*led.union(assigned)]}
    return sorted(newest.values(), key=lambda case: case.opened_at, reverse=True)[:limit]


def pending_access_requests(user) -> QuerySet:
    """Requests to see the cases of the user's unit, to be decided."""
    if not user.unit_id:
        return AccessRequest.objects.none()
    return AccessRequest.objects.filter(
        case__unit_id=user.unit_id, status=AccessRequest.Status.PENDING
    ).select_related("case", "unit", "requested_by")


def pending_access_requests_to(user, case) -> QuerySet:
    """The requests to see ``case`` the user is to decide: none, without asking the
    database, unless the case is of the user's unit (the one that decides them)."""
    if case.unit_id != user.unit_id:
        return AccessRequest.objects.none()
    return pending_access_requests(user).filter(case=case)


@dataclass(frozen=True)
class Overdue:
    what: str
    due: date
    url_name: str = ""
    pk: int | None = None


def overdue_of(timeline: list["TimelineEntry"], today: date | None = None) -> list[Overdue]:
    """Requests past their answer date and unanswered, taken from the case's timeline
    (timeline_of, which holds them all): the case's own (an annulled one is no longer
    awaited) and those issued from its complaints (the documents of the reporting module)."""
    today = today or timezone.localdate()
    found = []
    for entry in timeline:
        action, document = entry.action, entry.document
        if action is not None and action.annulled_at is None and _awaited(action, today):
            found.append(Overdue(what=action.description[:120], due=action.answer_due))
        if document is not None and _awaited(document, today):
            found.append(
                Overdue(
                    what=document.number,
                    due=document.answer_due,
                    url_name="document-answer",
                    pk=document.pk,
                )
            )
    return sorted(found, key=lambda item: item.due)


def _awaited(request, today: date) -> bool:
    """A request (an action or a document) past its answer date without an answer."""
    return bool(request.answer_due and request.answer_due < today and not request.answered_on)


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    at: datetime | None
    kind: str
    label: str
    text: str
    by: str
    action: Action | None = None
    document: IssuedDocument | None = None


# What a timeline shows of the people who wrote it (User.display_name); the other columns
# of a user's row are left unread (a page of entries compiled and read them all).
SIGNED_BY = {"id", "username", "first_name", "last_name", "rank"}


def _unsigned(*relations: str) -> list[str]:
    unread = [f.name for f in User._meta.concrete_fields if f.name not in SIGNED_BY]
    return [f"{relation}__{name}" for relation in relations for name in unread]


def timeline_of(case: Case, *, held: frozenset[str] | None = None) -> list[TimelineEntry]:
    """The case's actions, its changes of state and the documents issued from its
    complaints, in date order; annulled actions stay, marked. ``held``: the lists the
    case has rows in (lists_held), when known; the others are not read."""
    held = frozenset(CASE_LISTS) if held is None else held
    actions = (
        case.actions.select_related("created_by", "annulled_by").defer(
            *_unsigned("created_by", "annulled_by")
        )
        if "actions" in held
        else ()
    )
    transitions = (
        case.transitions.select_related("by").defer(*_unsigned("by"))
        if "transitions" in held
        else ()
    )
    entries = [
        TimelineEntry(
            day=a.occurred_on,
            at=a.created_at,
            kind=a.kind,
            label=a.get_kind_display(),
            text=a.description,
            by=a.created_by.display_name,
            action=a,
        )
        for a in actions
    ]
    entries += [
        TimelineEntry(
            day=timezone.localtime(t.at).date(),
            at=t.at,
            kind="state",
            label=t.get_to_state_display(),
            text=t.reason,
            by=t.by.display_name,
        )
        for t in transitions
    ]
    documents = (
        IssuedDocument.objects.filter(complaint__case_links__case=case)
        .select_related("issued_by")
        .defer(*_unsigned("issued_by"))
        if "case_complaints" in held
        else ()
    )
    entries += [
        TimelineEntry(
            day=timezone.localtime(d.issued_at).date(),
            at=d.issued_at,
            kind="document",
            label=d.get_kind_display(),
            text=d.number,
            by=d.issued_by.display_name,
            document=d,
        )
        for d in documents
    ]
    return sorted(entries, key=lambda e: (e.day, e.at or timezone.now()))
