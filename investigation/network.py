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

from django.urls import reverse
from django.utils.translation import gettext as _

from .display import person_name, reads_full_identity
from .models import Case, CasePerson, Phone, Place, Vehicle
from .selectors import visible_case_ids

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


def identifiers_of(case_ids) -> dict[int, set[tuple[str, str]]]:
    """case id -> its identifiers as (kind, key)."""
    found = defaultdict(set)
    for case_id, key in (
        Phone.objects.filter(case_id__in=case_ids).order_by().values_list("case_id", "number_key")
    ):
        found[case_id].add(("phone", key))
    for case_id, key in (
        Vehicle.objects.filter(case_id__in=case_ids).order_by().values_list("case_id", "plate_key")
    ):
        found[case_id].add(("vehicle", key))
    people = CasePerson.objects.filter(case_id__in=case_ids).exclude(document_key="")
    for case_id, key in people.order_by().values_list("case_id", "document_key"):
        found[case_id].add(("person", key))
    places = Place.objects.filter(case_id__in=case_ids).exclude(name_folded="")
    for case_id, district, name in places.order_by().values_list(
        "case_id", "district_id", "name_folded"
    ):
        found[case_id].add(("place", f"{district}|{name}"))
    return found


def cases_holding(keys) -> dict[tuple[str, str], set[int]]:
    """(kind, key) -> the cases that hold it."""
    by_kind = defaultdict(list)
    for kind, key in keys:
        by_kind[kind].append(key)
    holders = defaultdict(set)
    lookups = {
        "phone": (Phone, "number_key"),
        "vehicle": (Vehicle, "plate_key"),
        "person": (CasePerson, "document_key"),
    }
    for kind, (model, column) in lookups.items():
        if by_kind.get(kind):
            rows = (
                model.objects.filter(**{f"{column}__in": by_kind[kind]})
                .order_by()
                .values_list(column, "case_id")
            )
            for key, case_id in rows[:5000]:
                holders[(kind, key)].add(case_id)
    if by_kind.get("place"):
        for key in by_kind["place"]:
            district, name = key.split("|", 1)
            rows = (
                Place.objects.filter(district_id=district, name_folded=name)
                .order_by()
                .values_list("case_id", flat=True)
            )
            holders[("place", key)].update(rows[:500])
    return holders


def _labels(keys, case_ids, viewer) -> dict[tuple[str, str], str]:
    """What the viewer reads for each identifier, from a case they may see."""
    labels = {}
    for kind, key in keys:
        if kind == "phone" or kind == "vehicle":
            labels[(kind, key)] = key
    documents = [key for kind, key in keys if kind == "person"]
    people = CasePerson.objects.filter(
        document_key__in=documents, case_id__in=case_ids
    ).select_related("case")
    for person in people:
        labels.setdefault(
            ("person", person.document_key),
            person_name(person, full=reads_full_identity(viewer, person.case)),
        )
    places = [key for kind, key in keys if kind == "place"]
    for key in places:
        district, name = key.split("|", 1)
        place = Place.objects.filter(
            district_id=district, name_folded=name, case_id__in=case_ids
        ).first()
        labels[("place", key)] = str(place) if place else name
    return labels


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
    cases = Case.objects.select_related("unit").in_bulk(first_hop | second_hop | {case.pk})
    drawn_keys = {k for k in own if holders.get(k, set()) - {case.pk}} | {
        k for k in second_keys if second_holders.get(k, set()) & second_hop
    }
    labels = _labels(drawn_keys, list(visible & (first_hop | {case.pk})), viewer)

    def case_node(pk: int, column: int) -> str | None:
        if pk not in cases:
            return None
        other = cases[pk]
        inside = pk in visible
        graph.add(
            Node(
                id=f"case-{pk}",
                kind="case",
                label=other.number if inside else _("a case of %(unit)s") % {"unit": other.unit},
                sub=str(other.unit) if inside else _("outside your scope"),
                column=column,
                href=reverse("case-detail", args=[pk]) if inside else "",
                outside=not inside,
            )
        )
        return f"case-{pk}"

    def identifier_node(key, column: int, owner: int) -> str:
        node_id = f"{key[0]}-{key[1]}"
        graph.add(
            Node(
                id=node_id,
                kind=key[0],
                label=labels.get(key, "—"),
                column=column,
                href=reverse("case-detail", args=[owner]) + f"#{key[0]}s",
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
        label_y = y + (4 if node.kind == "case" else 32)
        body.append(_text(x, label_y, node.label[:34]))
        if node.kind != "case":
            body.append(_text(x, y + 4, KIND_NAMES[node.kind]()[:6], 'font-size="8"'))
        elif node.sub:
            body.append(_text(x, y + 30, node.sub[:38], 'font-size="9"'))
        group = "".join(body)
        if node.href:
            group = f'<a href="{escape(node.href)}">{group}</a>'
        parts.append(f"<g>{group}</g>")
    parts.append("</svg>")
    return "\n".join(parts)
