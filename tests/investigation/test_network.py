"""The network of a case: two hops of shared identifiers, drawn as SVG on the server."""

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
