import re

import pytest
from django.urls import reverse

from administration.models import District
from tests.factories import UnitFactory, sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaints(tree):
    cusco = user_with_role("station_officer", tree.cusco_station)
    puno = user_with_role("station_officer", tree.puno_station)
    return {
        "cusco": sent_complaint(cusco),
        "related": sent_complaint(cusco, acts=[], means=[], purposes=[], related=["proxenetismo"]),
        "puno": sent_complaint(
            puno,
            district=District.objects.get(code="210101"),
            victims=[
                {
                    "first_names": "Lucía",
                    "last_names": "Condori",
                    "sex": "F",
                    "age": 22,
                    "document_type": "dni",
                    "document_number": "45128833",
                }
            ],
        ),
    }


def listed(client, **params):
    client.post(reverse("complaint-list"), params)
    response = client.get(reverse("complaint-list"))
    return {c.number for c in response.context["page"].rows}


def test_a_directorate_lists_only_its_subtree(client, tree, complaints):
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_directorate))
    assert listed(client) == {complaints["cusco"].number, complaints["related"].number}


def test_the_national_division_lists_everything(client, tree, complaints):
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))
    assert len(listed(client)) == 3


@pytest.fixture
def national(client, tree):
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))


def test_a_victim_name_is_found_without_accents_or_capitals(client, national, complaints):
    assert listed(client, q="huamani") == {complaints["cusco"].number, complaints["related"].number}


def test_a_partial_name_is_found(client, national, complaints):
    assert listed(client, q="Condo") == {complaints["puno"].number}


def test_an_identity_document_is_found(client, national, complaints):
    assert listed(client, q="45128833") == {complaints["puno"].number}


def test_a_national_number_is_found_even_without_zeros(client, national, complaints):
    number = complaints["puno"].number
    year, sequence = number.split("-")[1:]
    assert listed(client, q=f"{year}-{int(sequence)}") == {number}


def test_the_list_filters_by_verdict(client, national, complaints):
    assert listed(client, verdict="related") == {complaints["related"].number}


def test_the_list_filters_by_region(client, national, complaints):
    assert listed(client, department="21") == {complaints["puno"].number}


def test_the_list_filters_by_purpose(client, national, complaints):
    assert complaints["related"].number not in listed(client, purpose="explotacion_sexual")


def test_the_list_page_runs_a_bounded_number_of_queries(
    client, national, complaints, django_assert_max_num_queries
):
    with django_assert_max_num_queries(18):
        client.get(reverse("complaint-list"))


def test_searched_names_never_appear_in_the_address(client, national, complaints):
    response = client.post(reverse("complaint-list"), {"q": "Condori"})
    assert response.status_code == 302 and "Condori" not in response.url


def test_a_superscript_digit_is_searched_as_text_not_a_failure(client, national, complaints):
    assert listed(client, q="²") == set()


def test_a_search_is_audited_without_what_was_searched_for(client, national, complaints):
    from administration.models import AuditEvent

    listed(client, q="Huamaní")
    event = AuditEvent.objects.get(object_type="complaint search")
    assert "uaman" not in f"{event.detail}{event.object_id}".lower()


def test_a_name_is_found_by_the_beginnings_of_its_words_in_any_order(client, national, complaints):
    assert listed(client, q="luc cond") == {complaints["puno"].number}


def test_two_typed_words_that_begin_alike_find_the_name_holding_both(client, tree, national):
    officer = user_with_role("station_officer", tree.cusco_station)
    victim = {"first_names": "Rosa", "last_names": "Quispe Quisbert", "sex": "F", "age": 30}
    complaint = sent_complaint(officer, victims=[victim])
    assert listed(client, q="quisb quisp ros") == {complaint.number}


def test_a_suspects_alias_is_found_with_the_suspects_names(client, tree, national):
    officer = user_with_role("station_officer", tree.cusco_station)
    suspect = {"first_names": "Mario", "last_names": "Apaza", "alias": "Cholo", "sex": "M"}
    complaint = sent_complaint(officer, suspects=[suspect])
    assert listed(client, q="cholo apaza") == {complaint.number}


def test_a_word_found_only_inside_another_word_does_not_match(client, national, complaints):
    # "ndori" is inside "Condori" but begins none of its words.
    assert listed(client, q="ndori") == set()


def test_every_typed_word_must_begin_a_word_of_the_name(client, national, complaints):
    assert listed(client, q="lucia quispe") == set()


def test_a_suspects_alias_is_found(client, tree, national):
    cusco = user_with_role("station_officer", tree.cusco_station)
    complaint = sent_complaint(
        cusco, suspects=[{"alias": "El Zorro", "sex": "M", "identified": False}]
    )
    assert listed(client, q="zorro") == {complaint.number}


def test_a_search_of_particles_alone_still_looks_inside_the_names(client, tree, national):
    cusco = user_with_role("station_officer", tree.cusco_station)
    complaint = sent_complaint(
        cusco, victims=[{"first_names": "Ana", "last_names": "de la Cruz", "sex": "F", "age": 30}]
    )
    assert listed(client, q="de la") == {complaint.number}


def test_a_word_of_two_letters_beside_a_longer_one_is_left_out(client, national, complaints):
    # "Ma." for María, "Lu" for Lucía: the longer words decide.
    assert listed(client, q="Lu Condori") == {complaints["puno"].number}


def test_a_search_of_two_letters_alone_looks_inside_the_names(client, national, complaints):
    assert complaints["puno"].number in listed(client, q="co")


def test_a_name_search_of_more_than_a_page_shows_the_rest_on_the_next(client, tree, national):
    officer = user_with_role("station_officer", tree.cusco_station)
    victim = {"first_names": "Rosa", "last_names": "Quispe Mamani", "sex": "F", "age": 30}
    found = {sent_complaint(officer, victims=[victim]).number for _ in range(27)}
    client.post(reverse("complaint-list"), {"q": "quispe mamani"})
    first = client.get(reverse("complaint-list")).context["page"]
    second = client.get(reverse("complaint-list"), {"after": first.next_cursor}).context["page"]
    shown = [c.number for c in [*first.rows, *second.rows]]
    assert (first.count, len(shown), set(shown)) == (27, 27, found)


def test_a_new_station_is_offered_by_the_unit_filter_at_once(client, tree):
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_directorate))
    client.get(reverse("complaint-list"))
    station = UnitFactory(parent=tree.cusco_directorate, department_id="08")
    options = client.get(reverse("complaint-list")).context["filters"]["unit"].field.choices
    assert station.pk in [value for value, _label in options]


def test_the_region_filter_offers_every_region_by_name(client, national):
    from administration.models import Department

    options = client.get(reverse("complaint-list")).context["filters"]["department"].field.choices
    names = [label for value, label in options if value]
    assert names == [str(d) for d in Department.objects.order_by("name")] and names


def test_a_unit_filter_outside_the_scope_is_refused_and_the_search_still_applies(
    client, tree, complaints
):
    other = {"first_names": "Lucía", "last_names": "Condori", "sex": "F", "age": 22}
    sent_complaint(user_with_role("station_officer", tree.cusco_station), victims=[other])
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_directorate))
    client.post(reverse("complaint-list"), {"q": "huamani", "unit": tree.puno_station.pk})
    response = client.get(reverse("complaint-list"))
    shown = {c.number for c in response.context["page"].rows}
    assert response.context["filters"].errors["unit"] and shown == {
        complaints["cusco"].number,
        complaints["related"].number,
    }


def test_a_row_links_its_complaint_and_shows_its_date_unit_place_and_verdict(
    client, national, complaints
):
    from django.utils import timezone
    from django.utils.formats import date_format

    page = client.get(reverse("complaint-list")).content.decode()
    cusco = complaints["cusco"]
    sent = date_format(timezone.localtime(cusco.sent_at), "SHORT_DATE_FORMAT")
    assert f'<a href="{reverse("complaint-detail", args=[cusco.pk])}">{cusco.number}</a>' in page
    assert f"<td>{sent}</td><td>{cusco.unit}</td><td>Cusco</td>" in page
    assert re.search(r"/\d{4}</td>", page)  # day, month and year, as Peruvians write them
    assert "posible trata" in page and "delito afín" in page


def test_a_unit_named_with_markup_is_shown_as_text_in_the_list(client, tree, national):
    station = UnitFactory(
        code="CPNP-X", name="Comisaría <b>X</b>", parent=tree.cusco_directorate, department_id="08"
    )
    sent_complaint(user_with_role("station_officer", station))
    page = client.get(reverse("complaint-list")).content.decode()
    assert "Comisaría &lt;b&gt;X&lt;/b&gt;" in page and "<b>X</b>" not in page


def test_the_count_is_written_as_peruvians_write_it(client, national, complaints, monkeypatch):
    from reporting import selectors

    monkeypatch.setattr(selectors, "sent_count_for_user", lambda user, limit: 3969)
    page = client.get(reverse("complaint-list")).content.decode()
    assert "3,969 denuncias" in page
