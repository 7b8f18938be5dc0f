"""The network of a case: the cases, people, phones, places and vehicles joined to it by a
shared identifier, two hops deep, drawn on the server as SVG.

Drawn in columns (this case → what it shares → the cases that share it → what those share
further → their cases), black on white, each kind with its own shape and word, so it reads
printed in black and white and without JavaScript. A case outside the viewer's scope shows
only as "a case of <unit>", without a number or a link, and is never followed further: what
it holds is not the viewer's to see.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.db import connection
from django.utils.translation import gettext as _

from reta import prepared
from reta.links import url_maker
from reta.remembered import Remembered

from .display import person_name, reads_full_identity
from .models import Case, CasePerson, Place
from .selectors import visible_case_ids

# What identifiers cases hold and which cases hold an identifier, remembered until a
# phone, a plate, a person or a place changes anywhere (apps.py). Which of those cases
# the viewer may see, and what a case's node shows, are read at every visit.
NETWORKS = Remembered("networks", most=512)

MAX_PER_COLUMN = 30
COLUMN = 200
ROW = 58
TOP = 70


@dataclass
class Node:
    id: str
    kind: str  # case, phone, vehicle, person, place
    label: str
    column: int
    href: str = ""
    outside: bool = False
    sub: str = ""


@dataclass
class Graph:
    nodes: dict = field(default_factory=dict)
    edges: set = field(default_factory=set)
    hidden: int = 0  # nodes left out to keep the drawing readable

    def add(self, node: Node) -> None:
        if node.id in self.nodes:
            return
        in_column = sum(1 for n in self.nodes.values() if n.column == node.column)
        if in_column >= MAX_PER_COLUMN:
            self.hidden += 1
            return
        self.nodes[node.id] = node

    def link(self, a: str | None, b: str | None) -> None:
        if a in self.nodes and b in self.nodes:
            self.edges.add((a, b))


def identifiers_of(case_ids) -> dict[int, frozenset[tuple[str, str]]]:
    """case id -> its identifiers as (kind, key): one query for every kind, remembered."""
    case_ids = frozenset(case_ids)
    if not case_ids:
        return {}
    return NETWORKS.get(("identifiers", case_ids), lambda: _identifiers_read(case_ids))


# The identifiers of cases, and the cases that hold identifiers: one statement each, of
# constant texts (nothing compiled per visit), each branch through its index.
_IDENTIFIERS_SQL = """
SELECT 'phone', number_key, case_id FROM investigation_phone WHERE case_id = ANY(%(cases)s)
UNION ALL
SELECT 'vehicle', plate_key, case_id FROM investigation_vehicle WHERE case_id = ANY(%(cases)s)
UNION ALL
SELECT 'person', document_key, case_id FROM investigation_caseperson
 WHERE case_id = ANY(%(cases)s) AND document_key <> ''
UNION ALL
SELECT 'place', district_id || '|' || name_folded, case_id FROM investigation_place
 WHERE case_id = ANY(%(cases)s) AND district_id IS NOT NULL AND name_folded <> ''"""


def _identifiers_read(case_ids) -> dict[int, frozenset[tuple[str, str]]]:
    found = defaultdict(set)
    with connection.cursor() as cursor:
        # A place without a district is no one's to share.
        prepared.execute(cursor, _IDENTIFIERS_SQL, {"cases": list(case_ids)})
        for kind, key, case_id in cursor.fetchall():
            found[case_id].add((kind, key))
    return {case_id: frozenset(keys) for case_id, keys in found.items()}


# How many cases a query reads for an identifier: a phone or a document held by more is
# a switchboard or a typing habit, not a network (a column of the drawing shows 30); and
# for all the identifiers of a hop together (the second hop asks for hundreds).
MOST_HOLDERS = 500
MOST_HOLDER_ROWS = 20_000

# A place's key ("district|folded name", probe.key) matched against its columns.
_PLACE_OF_KEY = (
    "district_id = split_part(probe.key, '|', 1) "
    "AND name_folded = substr(probe.key, strpos(probe.key, '|') + 1)"
)


def cases_holding(keys) -> dict[tuple[str, str], frozenset[int]]:
    """(kind, key) -> the cases that hold it: one query for every kind, remembered."""
    keys = frozenset(keys)
    if not keys:
        return {}
    return NETWORKS.get(("holders", keys), lambda: _holders_read(keys))


# The cases that hold each key, each key with its own limit (a switchboard's phone held
# by thousands, a square named in thousands of places, leaves the others theirs): the
# keys as rows, each table read beside each of them (LATERAL) through its index; places
# by their district and folded name ("district|name").
def _beside(kind: str, table: str, where: str) -> str:
    return (
        f"SELECT '{kind}', probe.key, found.case_id "  # noqa: S608 (constants)
        f"FROM unnest(%({kind})s::text[]) AS probe(key) CROSS JOIN LATERAL "
        f"(SELECT case_id FROM {table} WHERE {where} LIMIT %(most)s) AS found"
    )


_HOLDERS_BRANCHES = {
    "phone": _beside("phone", "investigation_phone", "number_key = probe.key"),
    "vehicle": _beside("vehicle", "investigation_vehicle", "plate_key = probe.key"),
    "person": _beside(
        "person", "investigation_caseperson", "document_key = probe.key AND document_key <> ''"
    ),
    "place": _beside("place", "investigation_place", _PLACE_OF_KEY),
}


def _holders_read(keys) -> dict[tuple[str, str], frozenset[int]]:
    by_kind = defaultdict(list)
    for kind, key in keys:
        by_kind[kind].append(key)
    held = [kind for kind in _HOLDERS_BRANCHES if by_kind.get(kind)]
    if not held:
        return {}
    holders = defaultdict(set)
    with connection.cursor() as cursor:
        branches = " UNION ALL ".join(_HOLDERS_BRANCHES[kind] for kind in held)
        prepared.execute(
            cursor,
            f"SELECT * FROM ({branches}) AS holders LIMIT %(rows)s",  # noqa: S608 (constants)
            {
                **{kind: by_kind[kind] for kind in held},
                "most": MOST_HOLDERS,
                "rows": MOST_HOLDER_ROWS,
            },
        )
        for kind, key, case_id in cursor.fetchall():
            holders[(kind, key)].add(case_id)
    return {key: frozenset(cases) for key, cases in holders.items()}


def _labels(keys, cases: dict[int, Case], viewer) -> dict[tuple[str, str], str]:
    """What the viewer reads for each identifier, from a case they may see (``cases``,
    read at this visit: whose unit each is decides whether a name is read in full)."""
    labels = {}
    for kind, key in keys:
        if kind == "phone" or kind == "vehicle":
            labels[(kind, key)] = key
    people, places = _named(frozenset(keys), frozenset(cases))
    for document_key, case_id, first_names, last_names, role, aliases in people:
        person = CasePerson(
            first_names=first_names, last_names=last_names, role=role, aliases=aliases
        )
        full = reads_full_identity(viewer, cases[case_id])
        labels.setdefault(("person", document_key), person_name(person, full=full))
    for key, name, kind in places:
        labels.setdefault(("place", key), name or Place.Kind(kind).label)
    for kind, key in keys:
        if kind == "place":
            labels.setdefault(("place", key), key.split("|", 1)[1])
    return labels


# The people (by document) and the places (by "district|folded name") that name the
# identifiers of a drawing, in the cases it shows; constant texts, through the indexes on
# document and on district and name.
_NAMED_PEOPLE_SQL = """
SELECT document_key, case_id, first_names, last_names, role, aliases
  FROM investigation_caseperson
 WHERE document_key = ANY(%s) AND document_key <> '' AND case_id = ANY(%s)
 ORDER BY id"""
_NAMED_PLACES_SQL = f"""
SELECT p.district_id || '|' || p.name_folded, p.name, p.kind
  FROM unnest(%s::text[]) AS probe(key) JOIN investigation_place p ON {_PLACE_OF_KEY}
 WHERE p.case_id = ANY(%s)
 ORDER BY p.id"""  # noqa: S608 (constants)


def _named(keys, case_ids) -> tuple[tuple, tuple]:
    """The people (by document) and the places of ``keys`` in the cases ``case_ids``, as
    rows: remembered, for every viewer and language to be named from."""

    def read():
        documents = [key for kind, key in keys if kind == "person"]
        places = [key for kind, key in keys if kind == "place"]
        with connection.cursor() as cursor:
            people = ()
            if documents:
                prepared.execute(cursor, _NAMED_PEOPLE_SQL, [documents, list(case_ids)])
                people = tuple(cursor.fetchall())
            seen = ()
            if places:
                prepared.execute(cursor, _NAMED_PLACES_SQL, [places, list(case_ids)])
                seen = tuple(cursor.fetchall())
        return people, seen

    if not keys or not case_ids:
        return (), ()
    return NETWORKS.get(("named", keys, case_ids), read)


def _capped(ids, graph: Graph) -> list[int]:
    """The first cases of a column, by id; the rest are counted as left out."""
    ids = sorted(ids)
    graph.hidden += max(len(ids) - MAX_PER_COLUMN, 0)
    return ids[:MAX_PER_COLUMN]


def case_network(case: Case, viewer) -> Graph:
    graph = Graph()
    own = identifiers_of([case.pk]).get(case.pk, set())
    holders = cases_holding(own)
    first_hop = set(_capped({c for ids in holders.values() for c in ids} - {case.pk}, graph))
    visible = visible_case_ids(viewer, first_hop) | {case.pk}
    further = identifiers_of(list(first_hop & visible))
    second_keys = {k for ids in further.values() for k in ids} - own
    second_holders = cases_holding(second_keys)
    second_hop = set(
        _capped({c for ids in second_holders.values() for c in ids} - first_hop - {case.pk}, graph)
    )
    visible |= visible_case_ids(viewer, second_hop)
    # What a case's node shows: its number and its unit.
    drawn = Case.objects.select_related("unit").only(
        "number", "unit", "unit__name", "unit__short_name"
    )
    cases = drawn.in_bulk(first_hop | second_hop | {case.pk})
    drawn_keys = {k for k in own if holders.get(k, set()) - {case.pk}} | {
        k for k in second_keys if second_holders.get(k, set()) & second_hop
    }
    seen = visible & (first_hop | {case.pk})
    labels = _labels(drawn_keys, {pk: cases[pk] for pk in seen if pk in cases}, viewer)
    case_url = url_maker("case-detail")

    def case_node(pk: int, column: int) -> str | None:
        if pk not in cases:
            return None
        if f"case-{pk}" in graph.nodes:  # drawn already, from another identifier
            return f"case-{pk}"
        other = cases[pk]
        inside = pk in visible
        graph.add(
            Node(
                id=f"case-{pk}",
                kind="case",
                label=other.number if inside else _("a case of %(unit)s") % {"unit": other.unit},
                sub=str(other.unit) if inside else _("outside your scope"),
                column=column,
                href=case_url(pk) if inside else "",
                outside=not inside,
            )
        )
        return f"case-{pk}"

    def identifier_node(key, column: int, owner: int) -> str:
        node_id = f"{key[0]}-{key[1]}"
        if node_id in graph.nodes:
            return node_id
        graph.add(
            Node(
                id=node_id,
                kind=key[0],
                label=labels.get(key, "—"),
                column=column,
                href=case_url(owner) + f"#{key[0]}s",
            )
        )
        return node_id

    center = case_node(case.pk, 0)
    for key in sorted(own):
        others = (holders.get(key, set()) - {case.pk}) & first_hop
        if not others:
            continue
        node = identifier_node(key, 1, case.pk)
        graph.link(center, node)
        for pk in sorted(others):
            graph.link(node, case_node(pk, 2))
    for pk in sorted(first_hop & visible):
        for key in sorted(further.get(pk, set()) - own):
            others = second_holders.get(key, set()) & second_hop
            if not others:
                continue
            node = identifier_node(key, 3, pk)
            graph.link(f"case-{pk}", node)
            for other in sorted(others):
                graph.link(node, case_node(other, 4))
    return graph


# --- Drawing ----------------------------------------------------------------------------

KIND_NAMES = {
    "case": lambda: _("case"),
    "phone": lambda: _("phone"),
    "vehicle": lambda: _("vehicle"),
    "person": lambda: _("person"),
    "place": lambda: _("place"),
}


def _shape(kind: str, x: float, y: float, outside: bool) -> str:
    dash = ' stroke-dasharray="5 3"' if outside else ""
    style = f'fill="#fff" stroke="#000" stroke-width="1.5"{dash}'
    if kind == "case":
        return f'<rect x="{x - 95}" y="{y - 18}" width="190" height="36" rx="3" {style}/>'
    if kind == "phone":
        return f'<circle cx="{x}" cy="{y}" r="18" {style}/>'
    if kind == "vehicle":
        return f'<polygon points="{x},{y - 20} {x + 22},{y} {x},{y + 20} {x - 22},{y}" {style}/>'
    if kind == "person":
        return f'<ellipse cx="{x}" cy="{y}" rx="24" ry="16" {style}/>'
    return f'<polygon points="{x},{y - 20} {x + 20},{y + 16} {x - 20},{y + 16}" {style}/>'


def positions(graph: Graph) -> dict[str, tuple[float, float]]:
    by_column = defaultdict(list)
    for node in graph.nodes.values():
        by_column[node.column].append(node)
    placed = {}
    for column, nodes in by_column.items():
        for row, node in enumerate(nodes):
            placed[node.id] = (100 + column * COLUMN, TOP + row * ROW)
    return placed


# Characters of a line in a case's box (190 px, 10 px type).
CASE_LINE = 30


def _shortened(text: str, width: int) -> str:
    """``text`` in ``width`` characters, with "…" where it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _lines(text: str, width: int) -> list[str]:
    """``text`` on at most two lines of ``width`` characters, broken after the last dash,
    slash or space that fits (a case number: "CASO N° 001-2026-DIRINCRI-PNP/" and
    "DIVINTRAP")."""
    if len(text) <= width:
        return [text]
    fits = [n + 1 for n, c in enumerate(text[:width]) if c in "-/ "]
    cut = fits[-1] if fits else width
    return [text[:cut].rstrip(), _shortened(text[cut:].lstrip(), width)]


def _text(x, y, text: str, extra: str = "") -> str:
    return f'<text x="{x}" y="{y}" text-anchor="middle" {extra}>{escape(text)}</text>'


def draw_svg(graph: Graph, title: str) -> str:
    """The graph as an SVG document: shapes, words and lines in black, links within scope."""
    placed = positions(graph)
    rows = max((sum(1 for n in graph.nodes.values() if n.column == c) for c in range(5)), default=1)
    width, height = 100 + 4 * COLUMN + 110, TOP + max(rows, 1) * ROW + 40
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" '
            'font-size="11">'
        ),
        f"<title>{escape(title)}</title>",
    ]
    headings = [
        _("this case"),
        _("shared"),
        _("cases (1st hop)"),
        _("shared further"),
        _("cases (2nd hop)"),
    ]
    for column, heading in enumerate(headings):
        x = 100 + column * COLUMN
        parts.append(_text(x, 28, heading, 'font-weight="bold"'))
    for a, b in sorted(graph.edges):
        (x1, y1), (x2, y2) = placed[a], placed[b]
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#000" stroke-width="1"/>'
        )
    for node in graph.nodes.values():
        x, y = placed[node.id]
        body = [_shape(node.kind, x, y, node.outside)]
        if node.kind == "case":
            # A case's number, in its box: on two lines when long (the full number is
            # also in the list of cases under the drawing).
            lines = _lines(node.label, CASE_LINE)
            for row, line in enumerate(lines):
                line_y = y + (4 if len(lines) == 1 else -3 + 12 * row)
                body.append(_text(x, line_y, line, 'font-size="10"'))
            if node.sub:
                body.append(_text(x, y + 30, _shortened(node.sub, 38), 'font-size="9"'))
        else:
            body.append(_text(x, y + 32, _shortened(node.label, 32)))
            # The kind's word inside its shape, whole ("teléfono", 8 letters, in 36 px).
            body.append(_text(x, y + 3, KIND_NAMES[node.kind](), 'font-size="7"'))
        group = "".join(body)
        if node.href:
            group = f'<a href="{escape(node.href)}">{group}</a>'
        parts.append(f"<g>{group}</g>")
    parts.append("</svg>")
    return "\n".join(parts)
