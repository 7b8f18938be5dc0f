"""The network of a case: two hops of shared identifiers, drawn as SVG on the server."""

import re

import pytest
from django.urls import reverse

from investigation.network import case_network, draw_svg
from tests.factories import sign_in_verified
from tests.investigation.factories import add_person, add_phone, investigators, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(tree):
    """Cusco shares a phone with Puno; Puno shares a DNI with a third case of Puno."""
    cusco, puno, national = investigators(tree)
    first = open_case(cusco, title="Caso Cusco")
    second = open_case(puno, title="Caso Puno")
    third = open_case(puno, title="Caso Juliaca")
    add_phone(first, cusco, "987654321")
    add_phone(second, puno, "+51 987 654 321")
    add_person(
        second,
        puno,
        first_names="Wilber",
        last_names="C",
        document_type="dni",
        document_number="40123456",
    )
    add_person(
        third,
        puno,
        first_names="W",
        last_names="C",
        document_type="dni",
        document_number="40123456",
    )
    return cusco, national, first, second, third


def test_the_national_division_sees_two_hops_of_the_network(chain):
    _cusco, national, first, second, third = chain
    graph = case_network(first, national)
    assert {f"case-{c.pk}" for c in (first, second, third)} <= set(graph.nodes)
    assert (f"case-{first.pk}", "phone-+51987654321") in graph.edges


def test_a_node_in_scope_links_to_its_case_and_an_identifier_to_where_its_case_lists_it(chain):
    _cusco, national, first, second, _third = chain
    graph = case_network(first, national)
    assert graph.nodes[f"case-{second.pk}"].href == reverse("case-detail", args=[second.pk])
    phone = graph.nodes["phone-+51987654321"]
    assert phone.href == reverse("case-detail", args=[first.pk]) + "#phones"


def test_a_case_outside_the_scope_is_a_node_without_number_link_or_further_hops(chain):
    cusco, _national, first, second, third = chain
    graph = case_network(first, cusco)
    node = graph.nodes[f"case-{second.pk}"]
    assert node.outside and node.href == "" and second.number not in node.label
    assert f"case-{third.pk}" not in graph.nodes


def test_the_drawing_is_black_and_white_svg_with_links_in_scope(chain):
    _cusco, national, first, second, _third = chain
    svg = draw_svg(case_network(first, national), "Red")
    assert svg.startswith("<svg") and reverse("case-detail", args=[second.pk]) in svg
    assert all(
        colour in ("#000", "#fff") for colour in __import__("re").findall(r"#[0-9a-f]{3}\b", svg)
    )


def test_the_network_page_works_without_javascript(client, chain):
    _cusco, national, first, second, _third = chain
    sign_in_verified(client, national)
    page = client.get(reverse("case-network", args=[first.pk])).content.decode()
    assert "<svg" in page and second.number in page and "<script" not in page


def _place(case, user, name, district="170101"):
    from investigation.models import Place
    from investigation.services import record_save

    return record_save(
        case=case,
        model=Place,
        user=user,
        fields={"kind": "bar", "name": name, "district_id": district},
    )


def test_a_place_of_the_same_name_and_district_joins_two_cases(chain):
    cusco, national, first, _second, _third = chain
    other = open_case(cusco, title="Caso Mazuko")
    _place(first, cusco, "Bar La Cabaña")
    _place(other, cusco, "bar la cabana")
    graph = case_network(first, national)
    place = next(n for n in graph.nodes.values() if n.kind == "place")
    assert place.label == "Bar La Cabaña" and f"case-{other.pk}" in graph.nodes


def test_a_place_of_the_same_name_in_another_district_joins_nothing(chain):
    cusco, national, first, _second, _third = chain
    other = open_case(cusco, title="Caso Mazuko")
    _place(first, cusco, "Bar La Cabaña")
    _place(other, cusco, "Bar La Cabaña", district="080101")
    assert f"case-{other.pk}" not in case_network(first, national).nodes


def test_a_vehicle_joins_the_cases_that_hold_its_plate(chain):
    from investigation.models import Vehicle
    from investigation.services import record_save

    cusco, national, first, _second, _third = chain
    other = open_case(cusco, title="Caso Mazuko")
    for case in (first, other):
        record_save(case=case, model=Vehicle, user=cusco, fields={"plate": "A1B-234"})
    graph = case_network(first, national)
    assert (f"case-{first.pk}", "vehicle-A1B234") in graph.edges
    assert f"case-{other.pk}" in graph.nodes


def test_the_network_reads_the_same_queries_however_many_places_it_draws(
    chain, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cusco, national, first, _second, _third = chain
    counts = []
    for n in range(1, 4):
        other = open_case(cusco, title=f"Caso {n}")
        _place(first, cusco, f"Bar {n}")
        _place(other, cusco, f"Bar {n}")
        with CaptureQueriesContext(connection) as queries:
            graph = case_network(first, national)
        counts.append(len(queries))
        assert len([node for node in graph.nodes.values() if node.kind == "place"]) == n
    assert counts[0] == counts[-1]


def test_a_place_named_in_many_rows_leaves_the_other_places_their_cases(chain):
    from django.utils import timezone

    from investigation.models import Place
    from investigation.network import MOST_HOLDERS

    cusco, national, first, _second, _third = chain
    crowded, rare = open_case(cusco, title="Caso lleno"), open_case(cusco, title="Caso raro")
    _place(first, cusco, "Plaza de Armas")
    _place(first, cusco, "Bar Escondido")
    square = _place(crowded, cusco, "Plaza de Armas")
    Place.objects.bulk_create(
        Place(
            case=crowded,
            kind="market",
            name=square.name,
            name_folded=square.name_folded,
            district_id=square.district_id,
            created_at=timezone.now(),
            created_by=cusco,
        )
        for _ in range(2 * MOST_HOLDERS)
    )
    _place(rare, cusco, "Bar Escondido")
    graph = case_network(first, national)
    assert {f"case-{crowded.pk}", f"case-{rare.pk}"} <= set(graph.nodes)


def test_a_network_drawn_again_reads_only_the_cases_it_shows(chain, django_assert_num_queries):
    _cusco, national, first, _second, _third = chain
    case_network(first, national)
    with django_assert_num_queries(1):
        graph = case_network(first, national)
    assert len([node for node in graph.nodes.values() if node.kind == "case"]) == 3


def test_a_phone_saved_after_the_network_was_drawn_joins_it_at_once(chain):
    cusco, national, first, _second, _third = chain
    case_network(first, national)
    later = open_case(cusco, title="Caso Quillabamba")
    add_phone(later, cusco, "987 654 321")
    assert f"case-{later.pk}" in case_network(first, national).nodes


def test_a_network_remembered_for_the_country_shows_a_region_only_its_scope(chain):
    cusco, national, first, second, third = chain
    case_network(first, national)
    graph = case_network(first, cusco)
    assert graph.nodes[f"case-{second.pk}"].outside
    assert f"case-{third.pk}" not in graph.nodes


def test_a_case_shared_after_the_network_was_drawn_opens_in_it_at_once(chain, tree):
    from investigation.services import case_share

    cusco, _national, first, second, _third = chain
    case_network(first, cusco)
    puno = second.lead
    case_share(case=second, unit=tree.cusco_department, user=puno, reason="Red común")
    assert not case_network(first, cusco).nodes[f"case-{second.pk}"].outside


def test_a_protected_victim_named_in_full_to_the_country_is_shown_by_initials_to_a_share(
    chain, tree
):
    from investigation.models import CasePerson
    from investigation.services import case_share

    cusco, national, first, second, third = chain
    victim = {
        "role": CasePerson.Role.VICTIM,
        "first_names": "Rosa",
        "last_names": "Quispe",
        "document_type": "dni",
        "document_number": "41234567",
    }
    add_person(second, second.lead, **victim)
    add_person(third, second.lead, **victim)
    assert case_network(first, national).nodes["person-dni:41234567"].label == "Rosa Quispe"
    case_share(case=second, unit=tree.cusco_department, user=second.lead, reason="Red común")
    assert "Rosa" not in case_network(first, cusco).nodes["person-dni:41234567"].label


def test_a_long_case_number_is_drawn_whole_on_two_lines_in_its_box():
    from investigation.network import CASE_LINE, Graph, Node

    graph = Graph()
    number = "CASO N° 001-2026-DIRINCRI-PNP/DIVINTRAP"
    graph.add(Node(id="case-1", kind="case", label=number, column=0, sub="DIVINTRAP"))
    svg = draw_svg(graph, "Red")
    lines = re.findall(r'font-size="10">([^<]*)</text>', svg)
    assert len(lines) == 2 and "".join(lines) == number
    assert all(len(line) <= CASE_LINE for line in lines)


def test_a_label_too_long_for_the_drawing_ends_in_an_ellipsis():
    from investigation.network import Graph, Node

    graph = Graph()
    name = "Wilber Hernández Ccahuana de la Cruz Quispe"
    graph.add(Node(id="person-x", kind="person", label=name, column=1))
    assert ">Wilber Hernández Ccahuana de la…</text>" in draw_svg(graph, "Red")


def test_the_kind_of_an_identifier_is_written_whole_inside_its_shape():
    from investigation.network import Graph, Node

    graph = Graph()
    graph.add(Node(id="phone-1", kind="phone", label="+51987654321", column=1))
    assert ">teléfono</text>" in draw_svg(graph, "Red")


def test_the_cases_read_for_one_identifier_stop_at_the_limit(chain, monkeypatch):
    from investigation import network

    cusco = chain[0]
    monkeypatch.setattr(network, "MOST_HOLDERS", 2)
    for n in range(3):
        add_phone(open_case(cusco, title=f"Caso {n}"), cusco, "987 111 222")
    holders = network._holders_read({("phone", "+51987111222"), ("phone", "+51987654321")})
    assert len(holders[("phone", "+51987111222")]) == 2
    assert len(holders[("phone", "+51987654321")]) == 2  # the chain's first two cases


def test_the_cases_read_for_all_the_identifiers_of_a_hop_stop_at_their_own_limit(
    chain, monkeypatch
):
    from investigation import network

    cusco = chain[0]
    monkeypatch.setattr(network, "MOST_HOLDER_ROWS", 3)
    for n in range(3):
        add_phone(open_case(cusco, title=f"Caso {n}"), cusco, "987 111 222")
    holders = network._holders_read({("phone", "+51987111222"), ("phone", "+51987654321")})
    assert sum(len(cases) for cases in holders.values()) == 3
