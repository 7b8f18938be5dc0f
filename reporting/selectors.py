"""Reads on complaints. Everything goes through the scope rule (administration/scope.py)."""

import itertools
import re
import unicodedata
from datetime import datetime, time, timedelta

from django.contrib.postgres.fields import ArrayField
from django.db.models import CharField, F, Func, Q, QuerySet, TextField
from django.http import Http404
from django.utils import timezone

from administration.identifiers import name_words
from administration.models import District
from administration.scope import scope_unit_ids, subtree_unit_ids, units_in_scope_of
from alerts.models import Alert
from reta.paging import sort_keys
from reta.remembered import Remembered

from .models import Complaint, Suspect, Victim

# A complaint is in a user's scope through the unit that received it or the unit that
# typed it (the hotline, the national division registering on behalf of another unit)...
SCOPE_VIA = ("unit", "registered_by_unit")
DIGITS = re.compile(r"[0-9]+")
NUMBER = re.compile(r"^(RETA-)?\d{4}-\d{1,6}$", re.IGNORECASE)


def complaints_for_user(user) -> QuerySet:
    """Sent complaints in scope, and the user's own drafts."""
    visible = Complaint.objects.filter(Q(status=Complaint.Status.SENT) | Q(registered_by=user))
    return _in_scope(visible, user)


def sent_complaints_for_user(user) -> QuerySet:
    """The sent complaints in scope: what the lists page through (drafts apart)."""
    return _in_scope(Complaint.objects.filter(status=Complaint.Status.SENT), user)


# The scopes (their units; None: the country) whose sent complaints reached a list's cap.
# A sent complaint is never removed, never sent back, never moved to another unit (its
# unit is not among what a correction changes): a scope past the cap stays past it, and
# its list counts no more (10,000 rows of an index: 2 ms a page). Kept in each process
# (the tests, whose rows roll back, forget it between them: tests/conftest.py).
PAST_THE_CAP = set()
PAST_THE_CAP_MOST = 4096


def sent_count_for_user(user, limit: int) -> int:
    """How many complaints sent_complaints_for_user holds, counted up to ``limit`` from
    indexes alone: an OR of the scope's three ways in would read up to ``limit`` rows."""
    units = scope_unit_ids(user)
    scope = None if units is None else frozenset(units)
    if (scope, limit) in PAST_THE_CAP:
        return limit
    sent = Complaint.objects.filter(status=Complaint.Status.SENT).order_by()
    if units is None:
        # pk, not the rows: an index-only count.
        received = sent.values("pk")[:limit].count()
    else:
        # sent_at, not the id: the columns of complaint_unit_list, read without the table.
        received = sent.filter(unit__in=units).values("sent_at")[:limit].count()
    if received >= limit:
        if len(PAST_THE_CAP) >= PAST_THE_CAP_MOST:
            PAST_THE_CAP.clear()
        PAST_THE_CAP.add((scope, limit))
        return received
    if units is None:
        return received
    # Typed by a unit in scope for a unit outside it (index complaint_on_behalf).
    on_behalf = (
        sent.exclude(registered_by_unit=F("unit"))
        .filter(registered_by_unit__in=units)
        .exclude(unit__in=units)
        .count()
    )
    return min(limit, received + on_behalf + len(alerted_from_outside(units)))


def drafts_of(user, limit: int = 50) -> list[Complaint]:
    """A user's own drafts, newest first: few, and only theirs."""
    drafts = Complaint.objects.filter(status=Complaint.Status.DRAFT, registered_by=user)
    # What the list shows of a draft (reporting/complaint_list.html): half the time of
    # reading, and of writing the SQL for, the fifty columns of three tables.
    shown = drafts.select_related("unit", "district").only(*DRAFT_COLUMNS)
    return list(shown.order_by("-updated_at")[:limit])


DRAFT_COLUMNS = (
    "paper_number",
    "updated_at",
    "unit__name",
    "unit__short_name",
    "district__name",
)


def _in_scope(visible: QuerySet, user) -> QuerySet:
    units = scope_unit_ids(user)
    if units is None:
        return visible
    return visible.filter(
        Q(unit__in=units) | Q(registered_by_unit__in=units) | Q(pk__in=alerted_from_outside(units))
    )


# ...or through a unit in scope that one of its alerts went to (facts in another region,
# escalations): few complaints, listed so the indexes still serve the rest. Finding them
# reads every alert of the scope (40,000 for a directorate), so the list is remembered
# until the next alert is written anywhere (ALERTS_WRITTEN).
ALERTS_WRITTEN = Remembered("alerts-written")


def alerted_from_outside(units: list[int]) -> list[int]:
    def read():
        alerted = (
            Alert.objects.filter(unit__in=units)
            .exclude(complaint__unit__in=units)
            .exclude(complaint__registered_by_unit__in=units)
            .values_list("complaint_id", flat=True)
        )
        return sorted(set(alerted))

    return ALERTS_WRITTEN.get(tuple(sorted(units)), read)


def alert_written(sender, created, **kwargs):
    """post_save of Alert (connected in apps.py): a new alert may widen a scope."""
    if created:
        ALERTS_WRITTEN.changed()


COMPLAINT_PAGE_RELATED = ("unit", "registered_by_unit", "registered_by", "paper_series")


def complaint_get_for_user(user, pk: int, related=COMPLAINT_PAGE_RELATED) -> Complaint:
    """The complaint if the user may see it; a 404 otherwise, never a hint it exists.
    ``related``: the rows read with it (a complaint's page shows them all; its form, only
    its unit).

    Read by its id alone, then asked complaints_for_user's rule (_visible_to): the rule
    written into the query, with the scope's units three times over, took PostgreSQL
    longer to plan (2 ms) than the page's other queries took to run."""
    try:
        complaint = Complaint.objects.select_related(*related).get(pk=pk)
    except Complaint.DoesNotExist:
        raise Http404 from None
    if not _visible_to(user, complaint):
        raise Http404
    _attach_places(complaint)
    return complaint


def listed_for(user, complaint: Complaint) -> bool:
    """Whether a complaint read for a list (its status and units) is one of
    sent_complaints_for_user's: the alerted ones come from the scope's remembered list."""
    if not complaint.is_sent:
        return False
    if units_in_scope_of(user, complaint.unit_id, complaint.registered_by_unit_id):
        return True
    return complaint.pk in alerted_from_outside(scope_unit_ids(user))


def _visible_to(user, complaint: Complaint) -> bool:
    """complaints_for_user's rule for one complaint: sent, or the user's own draft; and in
    scope through the unit that received it or typed it, or through one of its own alerts
    that went to a unit in scope (not the list of every alerted complaint of the scope)."""
    if not (complaint.is_sent or complaint.registered_by_id == user.pk):
        return False
    if units_in_scope_of(user, complaint.unit_id, complaint.registered_by_unit_id):
        return True
    return Alert.objects.filter(complaint=complaint, unit__in=scope_unit_ids(user)).exists()


# The 1,893 districts with their province and region: reference data, changed by an
# administrator or a migration once in years (the signals are connected in apps.py).
PLACES = Remembered("places")


def district_with_region(code: str) -> District:
    """The district with its province and department, read once per process and version.
    Shared by every request of the process: read it, never change it."""
    return PLACES.get(
        code, lambda: District.objects.select_related("province__department").get(code=code)
    )


# The offices and institutions a document may go to: the directory, edited by an
# administrator now and then (the signals are connected in apps.py).
DIRECTORY = Remembered("directory")


def _attach_places(complaint: Complaint) -> None:
    """The complaint's district, province and department, read apart: joined to the
    complaint's own query they made ten tables whose plan took PostgreSQL longer to find
    (5 ms) than the page's other queries took to run."""
    district = province = department = None
    if complaint.district_id:
        district = district_with_region(complaint.district_id)
        province, department = district.province, district.province.department
    for name, known in (("district", district), ("province", province), ("department", department)):
        field = Complaint._meta.get_field(name)
        code = getattr(complaint, field.attname)
        if code is None:
            field.set_cached_value(complaint, None)
        elif known is not None and known.pk == code:
            field.set_cached_value(complaint, known)
        # Else a province or region other than the district's: read when asked for.


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


# A name shared by more people than this (a first name alone) reads this many of them:
# the search stays fast, and the page asks for a surname.
NAME_MATCH_CAP = 5_000


# The shortest beginning of a word reta_name_prefixes() indexes (migration 0013).
PREFIXES_FROM = 3


class NameTokens(Func):
    """Every beginning (from three letters) of a person's name words, and the pairs of
    their first three letters: the expression the GIN indexes of migration 0014 cover
    (keep the two identical)."""

    template = "reta_name_tokens(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = ArrayField(TextField())


def name_tokens(words: list[str]) -> list[str]:
    """What a name holding each typed word (three letters or more) must have among its
    tokens: the words themselves, and each pair of their first three letters
    ("quis mama" -> quis, mama and "mam qui"), as reta_name_tokens() writes them."""
    typed = sorted({w for w in name_words(" ".join(words)) if len(w) >= PREFIXES_FROM})
    heads = sorted({w[:PREFIXES_FROM] for w in typed})
    return typed + [f"{a} {b}" for a, b in itertools.combinations(heads, 2)]


def _people_named(model, words: list[str]) -> QuerySet:
    """The people whose name has a word beginning with each typed word of three letters
    or more ("condo" finds Condori), through one GIN look-up (name_tokens); shorter
    words ("Ma." for María) and particles are left out. A search of nothing else ("de
    la", "Lu") goes through the trigram index, each typed text found anywhere in the
    name."""
    fields = ["first_names", "last_names"] + (["alias"] if model is Suspect else [])
    tokens = name_tokens(words)
    if tokens:
        people = model.objects.annotate(tokens=NameTokens(*fields))
        people = people.filter(tokens__contains=tokens)
    else:
        people = model.objects.annotate(name=SearchableName(*fields))
        for word in words:
            people = people.filter(name__contains=_plain(word))
    return people.order_by().values("complaint_id")[:NAME_MATCH_CAP]


def _people_with_document(model, text: str) -> QuerySet:
    return model.objects.filter(document_number__iexact=text).order_by().values("complaint_id")


def is_name_search(text: str) -> bool:
    """Whether complaint_search looks ``text`` up as a name: it then matches at most
    2 × NAME_MATCH_CAP complaints, whose list can be read whole (name_search_keys,
    paging.page_of_keys)."""
    text = " ".join(text.split())
    return bool(text) and not NUMBER.match(text) and not _is_document(text)


def _is_document(text: str) -> bool:
    # One token with digits: a document (DNI, CE, passport) or a paper form number.
    return " " not in text and any(c.isdigit() for c in text)


def complaint_search(queryset: QuerySet, text: str) -> QuerySet:
    """By national number, paper form number, victim or suspect name (accent- and
    case-insensitive, partial) or identity document.

    The matching people are found first, through their indexes (trigram on names, the
    upper-cased document), and the complaints are those they belong to: PostgreSQL then
    reads few complaints for a rare name and the newest ones for a common one."""
    text = " ".join(text.split())
    if not text:
        return queryset
    if NUMBER.match(text):
        year, _dash, sequence = text.upper().removeprefix("RETA-").partition("-")
        return queryset.filter(number=f"RETA-{year}-{int(sequence):06d}")
    if _is_document(text):
        # One list of ids from four indexes: an OR of them would read the whole scope.
        others = [
            _people_with_document(Suspect, text),
            Complaint.objects.filter(complainant_document__iexact=text).order_by().values("pk"),
        ]
        if DIGITS.fullmatch(text) and len(text) <= 9:
            others.append(Complaint.objects.filter(paper_number=int(text)).order_by().values("pk"))
        return queryset.filter(pk__in=_people_with_document(Victim, text).union(*others))
    words = text.split()[:5]
    # Read once, for both the page and its count: the trigram look-up is the search's cost.
    named = _people_named(Victim, words).union(_people_named(Suspect, words))
    return queryset.filter(pk__in=[row["complaint_id"] for row in named])


# Which sent complaints a search matches changes only when a complaint is sent or
# corrected (both save it sent: the only writes the lock lets through), or a migration
# runs (signals connected in apps.py). A name search's matches, in the list's order, are
# remembered until then, under the units of the scope and of the unit filter: paging
# through them, or coming back to them from a complaint, reads neither the names' index
# nor the thousands of complaints again. A few searches a process, the oldest forgotten
# first; the values are ids and dates.
SEARCHES = Remembered("sent-complaints", most=16)


def name_search_keys(user, filters: dict) -> list[tuple]:
    """The (sent_at, id) of the sent complaints in the user's scope that ``filters``
    match, newest first (paging.sort_keys): for a name search (is_name_search), which
    matches a few thousand at most."""
    units = scope_unit_ids(user)
    scope = None if units is None else (tuple(sorted(units)), tuple(alerted_from_outside(units)))
    chosen = tuple(
        sorted((name, _searched(name, value)) for name, value in filters.items() if value)
    )

    def read():
        matching = complaint_filter(sent_complaints_for_user(user), filters)
        return sort_keys(matching, "sent_at")

    return SEARCHES.get((scope, chosen), read)


def _searched(name, value):
    # A unit filter stands for the units under it, which a move in the tree changes.
    if name == "unit":
        return subtree_unit_ids(value)
    return getattr(value, "pk", value)


def complaint_saved(sender, instance, **kwargs):
    """post_save of Complaint (connected in apps.py): a complaint sent or corrected may
    match searches it did not (a draft, saved every few seconds, matches none)."""
    if instance.is_sent:
        SEARCHES.changed()


def complaint_filter(queryset: QuerySet, filters: dict) -> QuerySet:
    if filters.get("q"):
        queryset = complaint_search(queryset, filters["q"])
    # Ranges of the stored instant (the index's), from Lima's midnight to midnight.
    if filters.get("sent_from"):
        queryset = queryset.filter(sent_at__gte=_midnight(filters["sent_from"]))
    if filters.get("sent_to"):
        queryset = queryset.filter(sent_at__lt=_midnight(filters["sent_to"] + timedelta(days=1)))
    if filters.get("unit"):
        queryset = queryset.filter(unit_id__in=subtree_unit_ids(filters["unit"]))
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


def _midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


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
