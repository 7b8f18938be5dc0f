"""The national crossing: the same phone, plate, document, account, person, establishment
or route in other cases and in sent complaints anywhere in the country.

A hit inside the user's scope names the case or complaint and links to it. A hit outside
it says only that it exists and which unit to call ("this phone also appears in a case of
DEPINTRAP Puno — contact them"): no number, no name, no link; the request to see the case
is a separate, audited act (services.access_request_create) that the other unit decides.

Exact identifiers are looked up through b-tree indexes on their written form; names
through the trigram indexes on folded names, the candidates then judged by matching.py.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.fields import ArrayField
from django.core import signing
from django.db import connection
from django.db.models import F, FloatField, Func, IntegerField, TextField, Value
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
from reta import prepared
from reta.remembered import Watched

from . import matching
from .models import Account, CasePerson, Phone, Place, Route, Vehicle
from .selectors import visible_case_ids

# Candidates read per name from each table (by exact name keys, else nearest first);
# matching.py then judges each.
NAME_CANDIDATES = 30
ACCESS_SALT = "investigation.access-request"


class Nearest(Func):
    """Trigram distance, which the GiST indexes of migration 0002 answer nearest first."""

    template = "(%(expressions)s)"
    arg_joiner = " <-> "
    output_field = FloatField()


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
    part: tuple = ()  # the identifier of the probe it was found for (_parts)


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


# A probe's dictionaries of exact identifiers, by the kind of their hits.
_EXACT_KINDS = {
    "phone": "phones",
    "plate": "plates",
    "document": "documents",
    "account": "accounts",
    "place": "places",
}


def _by_pairs(kind: str, table: str, first: str, second: str) -> str:
    """The branch of a kind looked up by pairs of keys (an account's kind and value, a
    place's district and folded name), the pairs as rows."""
    return f"""
SELECT '{kind}', r.{first}, r.{second}, 'case', r.case_id, c.unit_id, c.number
  FROM unnest(%({kind}_firsts)s::text[], %({kind}_seconds)s::text[]) AS w(first, second)
  JOIN {table} r ON r.{first} = w.first AND r.{second} = w.second
  JOIN investigation_case c ON c.id = r.case_id
 WHERE r.case_id <> %(skip)s"""  # noqa: S608 (constants)


# Every exact identifier of a probe in one statement, of the branches of the kinds it
# holds: each branch reads one b-tree index (migration 0002 and the models' indexes) for
# the keys of its kind. Constant texts: nothing is compiled per request. The people of
# sent complaints are found first by their documents, then their complaints by id, one
# row at a time (OFFSET 0 keeps PostgreSQL from folding the look-up into a join that
# would read every sent complaint for a handful of people).
_EXACT_BRANCHES = {
    "phone": """
SELECT 'phone', p.number_key, NULL, 'case', p.case_id, c.unit_id, c.number
  FROM investigation_phone p JOIN investigation_case c ON c.id = p.case_id
 WHERE p.number_key = ANY(%(phone)s) AND p.case_id <> %(skip)s
UNION ALL
SELECT 'phone', reta_phone_key(complainant_phone), NULL, 'complaint', id, unit_id, number
  FROM reporting_complaint
 WHERE complainant_phone <> '' AND reta_phone_key(complainant_phone) = ANY(%(phone)s)
   AND status = %(sent)s""",
    "plate": """
SELECT 'plate', v.plate_key, NULL, 'case', v.case_id, c.unit_id, c.number
  FROM investigation_vehicle v JOIN investigation_case c ON c.id = v.case_id
 WHERE v.plate_key = ANY(%(plate)s) AND v.case_id <> %(skip)s""",
    "document": """
SELECT 'document', p.document_key, NULL, 'case', p.case_id, c.unit_id, c.number
  FROM investigation_caseperson p JOIN investigation_case c ON c.id = p.case_id
 WHERE p.document_key = ANY(%(document)s) AND p.document_key <> ''
   AND p.case_id <> %(skip)s
UNION ALL
SELECT 'document', h.key, NULL, 'complaint', c.id, c.unit_id, c.number
  FROM (SELECT reta_document_key(document_type, document_number), complaint_id
          FROM reporting_victim
         WHERE document_number <> ''
           AND reta_document_key(document_type, document_number) = ANY(%(document)s)
        UNION ALL
        SELECT reta_document_key(document_type, document_number), complaint_id
          FROM reporting_suspect
         WHERE document_number <> ''
           AND reta_document_key(document_type, document_number) = ANY(%(document)s)
       ) AS h(key, complaint_id)
 CROSS JOIN LATERAL (
        SELECT id, unit_id, number FROM reporting_complaint
         WHERE id = h.complaint_id AND status = %(sent)s OFFSET 0) AS c""",
    "account": _by_pairs("account", "investigation_account", "kind", "value_key"),
    "place": _by_pairs("place", "investigation_place", "district_id", "name_folded"),
}


def _exact_rows(probe: Probe, exclude_case) -> list[tuple]:
    held = [kind for kind, field_name in _EXACT_KINDS.items() if getattr(probe, field_name)]
    if not held:
        return []
    keys = {
        "phone": list(probe.phones),
        "plate": list(probe.plates),
        "document": list(probe.documents),
    }
    for kind in ("account", "place"):
        pairs = list(getattr(probe, _EXACT_KINDS[kind]))
        keys[f"{kind}_firsts"] = [first for first, _second in pairs]
        keys[f"{kind}_seconds"] = [second for _first, second in pairs]
    with connection.cursor() as cursor:
        prepared.execute(
            cursor,
            "\nUNION ALL".join(_EXACT_BRANCHES[kind] for kind in held),
            # No case has the id 0.
            {**keys, "skip": exclude_case or 0, "sent": Complaint.Status.SENT},
        )
        return cursor.fetchall()


def _exact_hits(probe: Probe, exclude_case, exclude_complaints) -> list[_Raw]:
    raw = []
    for kind, key, more, source, pk, unit_id, number in _exact_rows(probe, exclude_case):
        if source == "case" or pk not in exclude_complaints:
            what = key if more is None else (key, more)
            # What the user sees for it: an account or a place by a pair of keys.
            part = (kind, what, getattr(probe, _EXACT_KINDS[kind])[what])
            raw.append(_Raw(kind, part[2], source, pk, unit_id, number, part=part))
    for route in probe.routes:
        from_dept, to_dept, first, last, shown = route
        rows = Route.objects.filter(
            from_department_id=from_dept,
            to_department_id=to_dept,
            first_day__lte=last or first,
            last_day__gte=first,
        )
        if exclude_case:
            rows = rows.exclude(case_id=exclude_case)
        raw += [
            _Raw("route", shown, "case", case_id, unit_id, number, part=("route", route[:4], shown))
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


# The columns of ages each table of a complaint's people holds: (age, birth date).
_AGES = {Victim: ("age", "birth_date"), Suspect: ("approximate_age", "approximate_age")}
# Each table's rows as one shape: (first, last, a year or an age, a birth date, nationality,
# the day of the facts, the case's or complaint's id, its unit, its number).
_SHAPES = {
    CasePerson: "found.c1, found.c2, found.c3, NULL::date, found.c4, NULL::date, "
    "found.c5, found.c6, found.c7",
    Victim: "found.c1, found.c2, found.c3, found.c4, found.c5, found.c6, found.c7, "
    "found.c8, found.c9",
    Suspect: "found.c1, found.c2, found.c3, NULL::date, found.c5, found.c6, found.c7, "
    "found.c8, found.c9",
}
_TABLES = (CasePerson, Victim, Suspect)  # their number is the side of each row
_READS = {}


def _read_beside(narrow) -> tuple[str, tuple]:
    """The SQL and parameters that read up to NAME_CANDIDATES rows of each table of
    people beside each row of probe(which, value, skip), as ``narrow`` chooses them (a
    case's people outside the case ``skip``; a complaint's, of sent complaints), in one
    statement: the ORM's own SQL of each table, compiled once a process."""
    if narrow not in _READS:
        value = RawSQL("probe.value", (), output_field=TextField())
        which = RawSQL("probe.which", (), output_field=IntegerField())
        branches, params = [], []
        for side, model in enumerate(_TABLES):
            if model is CasePerson:
                skip = RawSQL("probe.skip", (), output_field=IntegerField())
                rows, columns = CasePerson.objects.exclude(case_id=skip), _CASE_COLUMNS
            else:
                rows = model.objects.filter(complaint__status=Complaint.Status.SENT)
                columns = _complaint_columns(*_AGES[model])
            read = narrow(model, rows, value).annotate(which=which).values_list("which", *columns)
            sql, read_params = read[:NAME_CANDIDATES].query.sql_with_params()
            names = ", ".join(["which", *(f"c{n}" for n in range(1, len(columns) + 1))])
            branches.append(
                f"SELECT {side}, found.which, {_SHAPES[model]} FROM probe "  # noqa: S608
                f"CROSS JOIN LATERAL ({sql}) AS found({names})"
            )
            params += read_params
        beside = (
            "WITH probe AS (SELECT which, value, %s::bigint AS skip "
            "FROM unnest(%s::int[], %s::text[]) AS asked(which, value)) "
            + " UNION ALL ".join(branches)
        )
        _READS[narrow] = (beside, tuple(params))
    return _READS[narrow]


def _candidates(narrow, values, exclude_case) -> list[tuple[list, list]]:
    """For each of ``values``, up to NAME_CANDIDATES rows of each table of people as
    ``narrow(model, rows, value)`` chooses them (``value``: the expression that stands for
    it in SQL): [(case rows, sent complaints' rows), …] in the order of ``values``.

    One query whatever the number of values: the distinct values are rows, and each table
    is read beside each of them (LATERAL) with that value's own limit."""
    found = [([], []) for _value in values]
    if not values:
        return found
    asking = defaultdict(list)  # each distinct value: where it stands in ``values``
    for n, value in enumerate(values):
        asking[value].append(n)
    distinct = list(asking)
    sql, params = _read_beside(narrow)
    with connection.cursor() as cursor:
        prepared.execute(
            cursor, sql, [exclude_case or 0, list(range(len(distinct))), distinct, *params]
        )
        for side, which, *row in cursor.fetchall():
            # A case's person: (first, last, year, nationality, case, unit, number).
            row = tuple(row) if side else (*row[:3], row[4], *row[6:])
            for n in asking[distinct[which]]:
                found[n][min(side, 1)].append(row)
    return found


def _case_facts(row) -> matching.PersonFacts:
    first, last, year, nationality, *_where = row
    return matching.person(first, last, birth_year=year, nationality=nationality)


def _complaint_facts(row) -> matching.PersonFacts:
    first, last, age, birth, nationality, on, *_where = row
    birth = birth if isinstance(birth, date) else None
    year = _birth_year(birth, age, on)
    return matching.person(first, last, birth_year=year, nationality=nationality)


_UNJUDGED = object()  # a pair not judged yet (a judgement may be None: no match)


class _Judge:
    """matching.name_match of a name and a candidate row, each pair judged once: the
    same rows come back for each set of keys of a name, and for namesakes."""

    def __init__(self):
        self.facts, self.matches = {}, {}

    def __call__(self, facts, row, read):
        key = (facts, row)
        found = self.matches.get(key, _UNJUDGED)
        if found is _UNJUDGED:
            row_facts = self.facts.get(row)
            if row_facts is None:
                row_facts = self.facts[row] = read(row)
            found = self.matches[key] = matching.name_match(facts, row_facts)
        return found


def _judged(judge, person, case_rows, complaint_rows, exclude_complaints) -> list[_Raw]:
    facts, folded, shown = person
    part = ("person", (facts, folded), shown)
    raw = []
    for row in case_rows:
        found = judge(facts, row, _case_facts)
        if found:
            raw.append(_Raw("person", shown, "case", *row[-3:], found.strong, part))
    for row in complaint_rows:
        found = row[-3] not in exclude_complaints and judge(facts, row, _complaint_facts)
        if found:
            raw.append(_Raw("person", shown, "complaint", *row[-3:], found.strong, part))
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
    set of keys of every name, each with its own limit, in one query. A name that finds
    no one that way is looked for, when ``variants``, nearest first by trigrams (a typing
    error in every surname or first name, a name typed in one box)."""
    people = probe.people
    asked = [
        (n, keys) for n, person in enumerate(people) for keys in matching.probe_keys(person[0])
    ]
    joined = [KEYS_SEPARATOR.join(sorted(keys)) for _n, keys in asked]
    found = _candidates(_by_keys, joined, exclude_case)
    hits, judge = [[] for _person in people], _Judge()
    for (n, _keys), rows in zip(asked, found, strict=True):
        hits[n] += _judged(judge, people[n], *rows, exclude_complaints)
    if variants:
        missed = [n for n, name_hits in enumerate(hits) if not name_hits]
        rows = _candidates(_by_trigrams, [people[n][1] for n in missed], exclude_case)
        for n, (case_rows, complaint_rows) in zip(missed, rows, strict=True):
            hits[n] += _judged(judge, people[n], case_rows, complaint_rows, exclude_complaints)
    return [hit for name_hits in hits for hit in name_hits]


# What each identifier of a probe finds in the country before the viewer's scope is
# applied (ids, units and numbers), remembered in each process until it is touched
# anywhere (crossing_changes.py: a record saved, changed or removed, a complaint sent or
# corrected): a case's page, opened again after an action of its investigator, looks up
# again only the identifiers that action touched, whatever the rest of the country saves
# meanwhile. Who may see each hit is decided afresh each time.
CROSSINGS = Watched("crossings", most=4096)

# Touched by any person saved anywhere: the trigram search for spelling variants finds
# names that share no exact word, so no narrower token stands for it.
ANY_NAME = ("names",)


def _parts(probe: Probe) -> list[tuple]:
    """Each identifier of ``probe`` as (kind, what is looked for, what the user sees),
    in the probe's order."""
    parts = [
        (kind, what, shown)
        for kind, field_name in _EXACT_KINDS.items()
        for what, shown in getattr(probe, field_name).items()
    ]
    parts += [("route", route[:4], route[4]) for route in probe.routes]
    parts += [("person", (facts, folded), shown) for facts, folded, shown in probe.people]
    return parts


def _probe_of(parts) -> Probe:
    probe = Probe()
    for kind, what, shown in parts:
        if kind == "person":
            probe.people.append((*what, shown))
        elif kind == "route":
            probe.routes.append((*what, shown))
        else:
            getattr(probe, _EXACT_KINDS[kind])[what] = shown
    return probe


def part_tokens(part, variants: bool) -> set[tuple]:
    """The tokens of one identifier of a probe, as crossing_changes.py touches them."""
    kind, what, _shown = part
    if kind == "person":
        tokens = {("name", key) for keys in matching.probe_keys(what[0]) for key in keys}
        return tokens | {ANY_NAME} if variants else tokens
    if kind == "route":
        return {("route", what[0], what[1])}
    return {(kind, *what)} if isinstance(what, tuple) else {(kind, what)}


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
    asked = (exclude_case, exclude_complaints, variants)

    def look_up(keys) -> dict:
        """The identifiers of ``keys`` not remembered, looked up together."""
        found = {key: [] for key in keys}
        parts = [part for part, *_asked in keys]
        for r in _looked_up(_probe_of(parts), *asked):
            found[(r.part, *asked)].append(r)
        return {key: tuple(rows) for key, rows in found.items()}

    wanted = {(part, *asked): part_tokens(part, variants) for part in _parts(probe)}
    found = CROSSINGS.get_many(wanted, look_up)
    raw = [r for key in wanted for r in found[key]]
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
