"""The national crossing: the same phone, plate, document, account, person, establishment
or route in other cases and in sent complaints anywhere in the country.

A hit inside the user's scope names the case or complaint and links to it. A hit outside
it says only that it exists and which unit to call ("this phone also appears in a case of
DEPINTRAP Puno — contact them"): no number, no name, no link; the request to see the case
is a separate, audited act (services.access_request_create) that the other unit decides.

Exact identifiers are looked up through b-tree indexes on their written form; names
through the trigram indexes on folded names, the candidates then judged by matching.py.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.fields import ArrayField
from django.core import signing
from django.db import connection
from django.db.models import CharField, F, FloatField, Func, IntegerField, Q, TextField, Value
from django.db.models.expressions import RawSQL

from administration.identifiers import (
    fold_name,
    normalize_document,
    normalize_phone,
    normalize_plate,
)
from administration.models import Unit
from administration.scope import UNIT_TREE, scope_unit_ids
from reporting.models import Complaint, Suspect, Victim
from reporting.models.complaints import DocumentType
from reporting.selectors import SearchableName, sent_complaints_for_user
from reta.remembered import Watched

from . import matching
from .models import Account, CasePerson, Phone, Place, Route, Vehicle
from .selectors import visible_case_ids

# Candidates read per name from each table (by exact name keys, else nearest first);
# matching.py then judges each.
NAME_CANDIDATES = 30
ACCESS_SALT = "investigation.access-request"


class PhoneKey(Func):
    function = "reta_phone_key"
    output_field = CharField()


class Nearest(Func):
    """Trigram distance, which the GiST indexes of migration 0002 answer nearest first."""

    template = "(%(expressions)s)"
    arg_joiner = " <-> "
    output_field = FloatField()


class DocumentKey(Func):
    function = "reta_document_key"
    output_field = CharField()


@dataclass
class Probe:
    """What to look for, each key with what the user sees for it (their own record)."""

    phones: dict = field(default_factory=dict)
    plates: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    accounts: dict = field(default_factory=dict)
    people: list = field(default_factory=list)  # (PersonFacts, folded text, shown)
    places: dict = field(default_factory=dict)  # (district id, folded name) -> shown
    routes: list = field(default_factory=list)  # (from dept, to dept, first, last, shown)

    def __bool__(self):
        return any(
            (self.phones, self.plates, self.documents, self.accounts, self.people, self.places)
        ) or bool(self.routes)


@dataclass(frozen=True)
class Hit:
    kind: str  # phone, plate, document, account, person, place, route
    value: str  # the user's own identifier, never the other record's content
    source: str  # case or complaint
    unit_name: str
    visible: bool
    object_id: int | None = None  # only when visible
    label: str = ""  # the case or complaint number, only when visible
    strong: bool = True
    token: str = ""  # a signed reference for an access request, when not visible


@dataclass(frozen=True)
class _Raw:
    kind: str
    value: str
    source: str
    object_id: int
    unit_id: int
    label: str
    strong: bool = True


def access_token(case_id: int) -> str:
    return signing.dumps(case_id, salt=ACCESS_SALT)


def case_from_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=ACCESS_SALT, max_age=7 * 24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return None


# --- Building probes -------------------------------------------------------------------


def _birth_year(birth_date, age, on: date | None) -> int | None:
    if birth_date:
        return birth_date.year
    if age is not None and on:
        return on.year - age
    return None


def person_facts(person: CasePerson) -> matching.PersonFacts:
    return matching.person(
        person.first_names,
        person.last_names,
        birth_year=person.birth_year,
        nationality=person.nationality,
    )


def add_record(probe: Probe, record, shown: str) -> None:
    """Put one record's identifiers into a probe."""
    if isinstance(record, Phone) and record.number_key:
        probe.phones[record.number_key] = shown
    elif isinstance(record, Vehicle) and record.plate_key:
        probe.plates[record.plate_key] = shown
    elif isinstance(record, Account) and record.value_key:
        probe.accounts[(record.kind, record.value_key)] = shown
    elif isinstance(record, Place) and record.name_folded:
        probe.places[(record.district_id, record.name_folded)] = shown
    elif isinstance(record, Route) and record.from_department_id and record.first_day:
        probe.routes.append(
            (
                record.from_department_id,
                record.to_department_id,
                record.first_day,
                record.last_day,
                shown,
            )
        )
    elif isinstance(record, CasePerson):
        if record.document_key:
            probe.documents[record.document_key] = shown
        facts = person_facts(record)
        if facts.first and facts.last:
            probe.people.append((facts, fold_name(record.full_name), shown))


def probe_of_text(text: str) -> Probe:
    """What a search box typed: a phone, a plate, a document, an account or a name."""
    probe = Probe()
    text = " ".join((text or "").split())[:120]
    if not text:
        return probe
    if "@" in text:
        for kind in (Account.Kind.EMAIL, Account.Kind.SOCIAL):
            probe.accounts[(kind, text.lower().replace(" ", "").removeprefix("@"))] = text
        return probe
    digits = sum(c.isdigit() for c in text)
    if digits >= 5:
        for attempt, target in ((normalize_phone, probe.phones), (normalize_plate, probe.plates)):
            try:
                target[attempt(text)] = text
            except ValueError:
                pass
        for kind in DocumentType.values:
            if kind == DocumentType.NONE:
                continue
            try:
                probe.documents[normalize_document(kind, text)] = text
            except ValueError:
                pass
        compact = "".join(c for c in text if c.isalnum()).lower()
        for kind in (Account.Kind.BANK, Account.Kind.TRANSFER):
            probe.accounts[(kind, compact)] = text
        return probe
    if any(c.isdigit() for c in text) and len(text.replace(" ", "")) <= 8:
        try:
            probe.plates[normalize_plate(text)] = text
        except ValueError:
            pass
        return probe
    facts = matching.typed(text)
    if len(facts.words) >= 2:
        probe.people.append((facts, fold_name(text), text))
    return probe


# --- Looking ---------------------------------------------------------------------------


def _case_rows(queryset, key_field, kind, probe_map, exclude_case):
    rows = queryset.exclude(case_id=exclude_case) if exclude_case else queryset
    return [
        _Raw(kind, probe_map[key], "case", case_id, unit_id, number)
        for key, case_id, unit_id, number in rows.order_by().values_list(
            key_field, "case_id", "case__unit_id", "case__number"
        )
    ]


def _complaint_rows(queryset, kind, shown_of, exclude_complaints):
    return [
        _Raw(kind, shown_of(key), "complaint", pk, unit_id, number)
        for key, pk, unit_id, number in queryset
        if pk not in exclude_complaints
    ]


def _exact_hits(probe: Probe, exclude_case, exclude_complaints) -> list[_Raw]:
    raw = []
    if probe.phones:
        keys = list(probe.phones)
        raw += _case_rows(
            Phone.objects.filter(number_key__in=keys),
            "number_key",
            "phone",
            probe.phones,
            exclude_case,
        )
        complaints = (
            Complaint.objects.filter(status=Complaint.Status.SENT)
            .exclude(complainant_phone="")
            .annotate(key=PhoneKey(F("complainant_phone")))
            .filter(key__in=keys)
            .order_by()
            .values_list("key", "pk", "unit_id", "number")
        )
        raw += _complaint_rows(complaints, "phone", probe.phones.get, exclude_complaints)
    if probe.plates:
        raw += _case_rows(
            Vehicle.objects.filter(plate_key__in=list(probe.plates)),
            "plate_key",
            "plate",
            probe.plates,
            exclude_case,
        )
    if probe.documents:
        keys = list(probe.documents)
        raw += _case_rows(
            CasePerson.objects.filter(document_key__in=keys),
            "document_key",
            "document",
            probe.documents,
            exclude_case,
        )
        # People first, through their index; then their complaints by id (a join would
        # have PostgreSQL read every sent complaint for a handful of people).
        holders = []
        for model in (Victim, Suspect):
            holders += (
                model.objects.exclude(document_number="")
                .annotate(key=DocumentKey(F("document_type"), F("document_number")))
                .filter(key__in=keys)
                .order_by()
                .values_list("key", "complaint_id")
            )
        sent = {
            pk: (unit_id, number)
            for pk, unit_id, number in Complaint.objects.filter(
                pk__in={pk for _key, pk in holders}, status=Complaint.Status.SENT
            )
            .order_by()
            .values_list("pk", "unit_id", "number")
        }
        raw += [
            _Raw("document", probe.documents[key], "complaint", pk, *sent[pk])
            for key, pk in holders
            if pk in sent and pk not in exclude_complaints
        ]
    if probe.accounts:
        condition = Q(pk__in=[])
        for kind, key in probe.accounts:
            condition |= Q(kind=kind, value_key=key)
        rows = Account.objects.filter(condition)
        if exclude_case:
            rows = rows.exclude(case_id=exclude_case)
        raw += [
            _Raw("account", probe.accounts[(kind, key)], "case", case_id, unit_id, number)
            for kind, key, case_id, unit_id, number in rows.order_by().values_list(
                "kind", "value_key", "case_id", "case__unit_id", "case__number"
            )
        ]
    if probe.places:
        condition = Q(pk__in=[])
        for district, name in probe.places:
            condition |= Q(district_id=district, name_folded=name)
        rows = Place.objects.filter(condition)
        if exclude_case:
            rows = rows.exclude(case_id=exclude_case)
        raw += [
            _Raw("place", probe.places[(district, name)], "case", case_id, unit_id, number)
            for district, name, case_id, unit_id, number in rows.order_by().values_list(
                "district_id", "name_folded", "case_id", "case__unit_id", "case__number"
            )
        ]
    for from_dept, to_dept, first, last, shown in probe.routes:
        rows = Route.objects.filter(
            from_department_id=from_dept,
            to_department_id=to_dept,
            first_day__lte=last or first,
            last_day__gte=first,
        )
        if exclude_case:
            rows = rows.exclude(case_id=exclude_case)
        raw += [
            _Raw("route", shown, "case", case_id, unit_id, number)
            for case_id, unit_id, number in rows.order_by().values_list(
                "case_id", "case__unit_id", "case__number"
            )[:50]
        ]
    return raw


class NameKeys(Func):
    """A person's exact name keys (matching.record_keys), as the GIN indexes of migration
    0004 hold them."""

    function = "reta_name_keys"
    output_field = ArrayField(TextField())


def _searchable(model):
    """The folded name each table's trigram GiST index covers (migration 0002)."""
    if model is CasePerson:
        return F("name_folded")
    names = ["first_names", "last_names"] + (["alias"] if model is Suspect else [])
    return SearchableName(*names)


_CASE_COLUMNS = (
    "first_names",
    "last_names",
    "birth_year",
    "nationality",
    "case_id",
    "case__unit_id",
    "case__number",
)


def _complaint_columns(age: str, birth: str) -> tuple[str, ...]:
    return (
        "first_names",
        "last_names",
        age,
        birth,
        "nationality",
        "complaint__date_of_facts",
        "complaint_id",
        "complaint__unit_id",
        "complaint__number",
    )


def _candidates(narrow, values, exclude_case) -> list[tuple[list, list]]:
    """For each of ``values``, up to NAME_CANDIDATES rows of each table of people as
    ``narrow(model, rows, value)`` chooses them (``value``: the expression that stands for
    it in SQL): [(case rows, sent complaints' rows), …] in the order of ``values``.

    One query a table whatever the number of values: the values are rows, and the table is
    read beside each of them (LATERAL) with that value's own limit. The ORM compiles that
    read once, not once a value: a case page crosses a dozen names."""
    found = [([], []) for _value in values]
    if not values:
        return found
    cases = CasePerson.objects.all()
    if exclude_case:
        cases = cases.exclude(case_id=exclude_case)
    tables = [(CasePerson, cases, _CASE_COLUMNS, 0)]
    for model, age, birth in (
        (Victim, "age", "birth_date"),
        (Suspect, "approximate_age", "approximate_age"),
    ):
        rows = model.objects.filter(complaint__status=Complaint.Status.SENT)
        tables.append((model, rows, _complaint_columns(age, birth), 1))
    value = RawSQL("probe.value", (), output_field=TextField())
    which = RawSQL("probe.which", (), output_field=IntegerField())
    for model, rows, columns, side in tables:
        read = narrow(model, rows, value).annotate(which=which).values_list("which", *columns)
        sql, params = read[:NAME_CANDIDATES].query.sql_with_params()
        with connection.cursor() as cursor:
            beside = (
                # The ORM's own SQL, with its parameters apart.
                "SELECT found.* FROM unnest(%s::int[], %s::text[]) AS probe(which, value) "  # noqa: S608
                f"CROSS JOIN LATERAL ({sql}) AS found"
            )
            cursor.execute(beside, [list(range(len(values))), list(values), *params])
            for n, *row in cursor.fetchall():
                found[n][side].append(tuple(row))
    return found


def _judged(facts, shown, case_rows, complaint_rows, exclude_complaints) -> list[_Raw]:
    raw = []
    for first, last, year, nationality, case_id, unit_id, number in case_rows:
        other = matching.person(first, last, birth_year=year, nationality=nationality)
        found = matching.name_match(facts, other)
        if found:
            raw.append(_Raw("person", shown, "case", case_id, unit_id, number, found.strong))
    for first, last, age, birth, nationality, on, pk, unit_id, number in complaint_rows:
        if pk in exclude_complaints:
            continue
        birth = birth if isinstance(birth, date) else None
        other = matching.person(
            first, last, birth_year=_birth_year(birth, age, on), nationality=nationality
        )
        found = matching.name_match(facts, other)
        if found:
            raw.append(_Raw("person", shown, "complaint", pk, unit_id, number, found.strong))
    return raw


# Name keys hold letters, digits, spaces and "|" (matching.record_keys), never this.
KEYS_SEPARATOR = "\x1f"


def _by_keys(model, rows, keys):
    """Rows that share a name key with ``keys`` (the keys of a name joined by
    KEYS_SEPARATOR), through the GIN indexes of migration 0004."""
    wanted = Func(
        keys,
        Value(KEYS_SEPARATOR),
        function="string_to_array",
        output_field=ArrayField(TextField()),
    )
    return (
        rows.annotate(name_keys=NameKeys(F("first_names"), F("last_names")))
        .filter(name_keys__overlap=wanted)
        .order_by()
    )


def _by_trigrams(model, rows, folded):
    """Rows nearest first to the ``folded`` name, through the trigram GiST indexes."""
    return rows.order_by(Nearest(_searchable(model), folded))


def _name_hits(probe: Probe, exclude_case, exclude_complaints, *, variants=True) -> list[_Raw]:
    """People named like the probe's, through the exact name keys (matching.py): every
    set of keys of every name, each with its own limit, in one query a table. A name
    that finds no one that way is looked for, when ``variants``, nearest first by
    trigrams (a typing error in every surname or first name, a name typed in one box)."""
    people = probe.people
    asked = [
        (n, keys) for n, person in enumerate(people) for keys in matching.probe_keys(person[0])
    ]
    joined = [KEYS_SEPARATOR.join(sorted(keys)) for _n, keys in asked]
    found = _candidates(_by_keys, joined, exclude_case)
    hits = [[] for _person in people]
    for (n, _keys), rows in zip(asked, found, strict=True):
        facts, _folded, shown = people[n]
        hits[n] += _judged(facts, shown, *rows, exclude_complaints)
    if variants:
        missed = [n for n, name_hits in enumerate(hits) if not name_hits]
        rows = _candidates(_by_trigrams, [people[n][1] for n in missed], exclude_case)
        for n, (case_rows, complaint_rows) in zip(missed, rows, strict=True):
            facts, _folded, shown = people[n]
            hits[n] += _judged(facts, shown, case_rows, complaint_rows, exclude_complaints)
    return [hit for name_hits in hits for hit in name_hits]


# What a probe finds in the country before the viewer's scope is applied (ids, units and
# numbers), remembered in each process until one of the identifiers it looked for is
# touched anywhere (crossing_changes.py: a record saved, changed or removed, a complaint
# sent or corrected): a case's page, opened again after every action of its investigator,
# reads the country once, whatever the rest of the country saves meanwhile. Who may see
# each hit is decided afresh each time.
CROSSINGS = Watched("crossings", most=256)

# Touched by any person saved anywhere: the trigram search for spelling variants finds
# names that share no exact word, so no narrower token stands for it.
ANY_NAME = ("names",)


def probe_tokens(probe: Probe, variants: bool) -> set[tuple]:
    """The tokens of what ``probe`` looks for, as crossing_changes.py touches them."""
    tokens = {("phone", key) for key in probe.phones}
    tokens |= {("plate", key) for key in probe.plates}
    tokens |= {("document", key) for key in probe.documents}
    tokens |= {("account", kind, key) for kind, key in probe.accounts}
    tokens |= {("place", district, name) for district, name in probe.places}
    tokens |= {("route", route[0], route[1]) for route in probe.routes}
    for facts, _folded, _shown in probe.people:
        tokens |= {("name", key) for keys in matching.probe_keys(facts) for key in keys}
    if variants and probe.people:
        tokens.add(ANY_NAME)
    return tokens


def _visible_complaint_ids(user, ids: set[int]) -> set[int]:
    """Which of the sent complaints ``ids`` (every hit on a complaint is a sent one, and a
    sent complaint stays sent) the user may see."""
    if not ids or scope_unit_ids(user) is None:
        return ids
    return set(
        sent_complaints_for_user(user).filter(pk__in=ids).order_by().values_list("pk", flat=True)
    )


def unit_names(ids) -> dict[int, str]:
    """The names of the units ``ids`` as a hit names them, remembered with the tree of
    units; a unit created in another process, not remembered here yet, is read."""

    def read(only=None):
        units = Unit.objects.all() if only is None else Unit.objects.filter(pk__in=only)
        return {
            pk: short or name for pk, short, name in units.values_list("pk", "short_name", "name")
        }

    names = UNIT_TREE.get(("unit-names",), read)
    missing = set(ids) - names.keys()
    return {**names, **read(missing)} if missing else names


def _probe_key(probe: Probe) -> tuple:
    return (
        *(
            tuple(sorted(found.items()))
            for found in (probe.phones, probe.plates, probe.documents, probe.accounts)
        ),
        tuple(sorted(probe.places.items())),
        tuple(probe.people),
        tuple(probe.routes),
    )


def _looked_up(probe: Probe, exclude_case, exclude_complaints, variants) -> tuple[_Raw, ...]:
    # Look-ups of a few rows each, without parallel workers: every web connection starts
    # without them (reta/settings.py, DATABASES' options).
    raw = _exact_hits(probe, exclude_case, exclude_complaints)
    raw += _name_hits(probe, exclude_case, exclude_complaints, variants=variants)
    return tuple(raw)


def cross(
    user, probe: Probe, *, exclude_case=None, exclude_complaints=(), variants=True
) -> list[Hit]:
    """Every hit of ``probe`` in the country, as ``user`` may see it; ``variants=False``
    leaves out the trigram search for names that no exact word of theirs finds."""
    if not probe:
        return []
    exclude_complaints = frozenset(exclude_complaints)
    raw = CROSSINGS.get(
        (_probe_key(probe), exclude_case, exclude_complaints, variants),
        probe_tokens(probe, variants),
        lambda: _looked_up(probe, exclude_case, exclude_complaints, variants),
    )
    if not raw:
        return []
    cases = visible_case_ids(user, {r.object_id for r in raw if r.source == "case"})
    complaints = _visible_complaint_ids(user, {r.object_id for r in raw if r.source == "complaint"})
    units = unit_names({r.unit_id for r in raw})
    hits, seen = [], set()
    for r in raw:
        visible = r.object_id in (cases if r.source == "case" else complaints)
        # Out of scope, one line per unit and identifier: how many cases it holds is
        # already more than the user may know.
        key = (r.kind, r.value, r.source, r.object_id if visible else r.unit_id, visible)
        if key in seen:
            continue
        seen.add(key)
        hits.append(
            Hit(
                kind=r.kind,
                value=r.value,
                source=r.source,
                unit_name=units[r.unit_id],
                visible=visible,
                object_id=r.object_id if visible else None,
                label=r.label if visible else "",
                strong=r.strong,
                token=access_token(r.object_id) if (not visible and r.source == "case") else "",
            )
        )
    return sorted(hits, key=lambda h: (not h.visible, h.kind, h.value, h.unit_name))


# Names crossed on a case's page, traffickers first, by the exact keys of their words (one
# query a table for all of them). Every name is also crossed in full, spelling variants
# included, when its record is saved, and from the search box.
NAMES_ON_PAGE = 10


def probe_of_case(records, people, shown_name) -> Probe:
    """Every identifier of a case's ``records`` (phones, vehicles, accounts, places,
    routes) and ``people``; ``shown_name(person)`` is how the viewer reads a name."""
    probe = Probe()
    for record in records:
        add_record(probe, record, str(record))
    people = sorted(people, key=lambda p: (p.role != CasePerson.Role.TRAFFICKER, p.pk))
    for person in people:
        add_record(probe, person, shown_name(person))
    probe.people = probe.people[:NAMES_ON_PAGE]
    return probe


def cross_case(user, case, shown_name, *, records, people, attached) -> list[Hit]:
    """The hits of a case's page: its records and people as the page read them, the ids
    of its complaints ``attached`` (their own people are no news)."""
    probe = probe_of_case(records, people, shown_name)
    return cross(
        user, probe, exclude_case=case.pk, exclude_complaints=set(attached), variants=False
    )


def cross_record(user, record, shown: str) -> list[Hit]:
    probe = Probe()
    add_record(probe, record, shown)
    attached = set(record.case.case_complaints.order_by().values_list("complaint_id", flat=True))
    return cross(user, probe, exclude_case=record.case_id, exclude_complaints=attached)
