"""Reads on complaints. Everything goes through the scope rule (administration/scope.py)."""

import re
import unicodedata

from django.db.models import CharField, Exists, Func, OuterRef, Q, QuerySet
from django.http import Http404

from administration.scope import scope_unit_ids
from alerts.models import Alert

from .models import Complaint, Suspect, Victim

# A complaint is in a user's scope through the unit that received it or the unit that
# typed it (the hotline, the national division registering on behalf of another unit)...
SCOPE_VIA = ("unit", "registered_by_unit")
DIGITS = re.compile(r"[0-9]+")
NUMBER = re.compile(r"^(RETA-)?\d{4}-\d{1,6}$", re.IGNORECASE)


def complaints_for_user(user) -> QuerySet:
    """Sent complaints in scope, and the user's own drafts."""
    visible = Complaint.objects.filter(Q(status=Complaint.Status.SENT) | Q(registered_by=user))
    units = scope_unit_ids(user)
    if units is None:
        return visible
    # ...or through a unit in scope that one of its alerts went to (facts in another
    # region, escalations): few complaints, listed so the indexes still serve the rest.
    alerted = (
        Alert.objects.filter(unit__in=units)
        .exclude(complaint__unit__in=units)
        .exclude(complaint__registered_by_unit__in=units)
        .values_list("complaint_id", flat=True)
    )
    return visible.filter(
        Q(unit__in=units) | Q(registered_by_unit__in=units) | Q(pk__in=list(alerted))
    )


def complaint_get_for_user(user, pk: int) -> Complaint:
    """The complaint if the user may see it; a 404 otherwise, never a hint it exists."""
    try:
        return (
            complaints_for_user(user)
            .select_related(
                "unit",
                "registered_by_unit",
                "registered_by",
                "district__province__department",
                "paper_series",
            )
            .get(pk=pk)
        )
    except Complaint.DoesNotExist:
        raise Http404 from None


class SearchableName(Func):
    """A person's names, lower-case and without accents: the expression the trigram
    indexes of migration 0006 cover (keep the two identical)."""

    template = "reta_unaccent(lower(%(expressions)s))"
    arg_joiner = " || ' ' || "
    output_field = CharField()


def _plain(text: str) -> str:
    """What the index holds: lower case, accents removed ("Huamaní" -> "huamani")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _person_matches(model, words: list[str]) -> Exists:
    fields = ["first_names", "last_names"] + (["alias"] if model is Suspect else [])
    people = model.objects.annotate(name=SearchableName(*fields))
    for word in words:
        people = people.filter(name__contains=_plain(word))
    return Exists(people.filter(complaint=OuterRef("pk")))


def _document_matches(model, text: str) -> Exists:
    return Exists(model.objects.filter(document_number__iexact=text, complaint=OuterRef("pk")))


def complaint_search(queryset: QuerySet, text: str) -> QuerySet:
    """By national number, paper form number, victim or suspect name (accent- and
    case-insensitive, partial) or identity document."""
    text = " ".join(text.split())
    if not text:
        return queryset
    if NUMBER.match(text):
        year, _dash, sequence = text.upper().removeprefix("RETA-").partition("-")
        return queryset.filter(number=f"RETA-{year}-{int(sequence):06d}")
    documents = (
        _document_matches(Victim, text)
        | _document_matches(Suspect, text)
        | Q(complainant_document__iexact=text)
    )
    if DIGITS.fullmatch(text):
        paper = Q(paper_number=int(text)) if len(text) <= 9 else Q(pk__in=[])
        return queryset.filter(paper | documents)
    words = text.split()[:5]
    return queryset.filter(
        _person_matches(Victim, words) | _person_matches(Suspect, words) | documents
    )


def complaint_filter(queryset: QuerySet, filters: dict) -> QuerySet:
    if filters.get("q"):
        queryset = complaint_search(queryset, filters["q"])
    if filters.get("sent_from"):
        queryset = queryset.filter(sent_at__date__gte=filters["sent_from"])
    if filters.get("sent_to"):
        queryset = queryset.filter(sent_at__date__lte=filters["sent_to"])
    if filters.get("unit"):
        queryset = queryset.filter(unit__path__startswith=filters["unit"].path)
    if filters.get("department"):
        queryset = queryset.filter(department=filters["department"])
    if filters.get("verdict"):
        queryset = queryset.filter(verdict=filters["verdict"])
    if filters.get("purpose"):
        queryset = queryset.filter(purposes__contains=[filters["purpose"]])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("paper") == "paper":
        queryset = queryset.filter(paper_number__isnull=False)
    elif filters.get("paper") == "online":
        queryset = queryset.filter(paper_number__isnull=True)
    return queryset


def office_filter(queryset: QuerySet, filters: dict) -> QuerySet:
    if filters.get("q"):
        for word in filters["q"].split()[:5]:
            queryset = queryset.filter(
                Q(name__unaccent__icontains=word) | Q(address__unaccent__icontains=word)
            )
    if filters.get("department"):
        queryset = queryset.filter(department=filters["department"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    return queryset
