"""A name search's matches are remembered for paging through them and coming back to
them, and read again when what they depend on changes: a complaint sent or corrected, the
tree of units, the searcher's scope."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from administration.models import District
from administration.services import unit_reparent
from reporting.services import ComplaintInput, complaint_correct
from tests.factories import sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db

ROSA = {"first_names": "Rosa", "last_names": "Quispe Mamani", "sex": "F", "age": 30}


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


@pytest.fixture
def national(client, tree):
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))
    return client


def search(client, text, **filters):
    client.post(reverse("complaint-list"), {"q": text, **filters})
    return listed(client)


def listed(client):
    return {c.number for c in client.get(reverse("complaint-list")).context["page"].rows}


def test_coming_back_to_a_name_search_reads_the_names_no_more(national, officer):
    sent_complaint(officer, victims=[ROSA])
    search(national, "quispe")
    with CaptureQueriesContext(connection) as queries:
        national.get(reverse("complaint-list"))
    assert [q for q in queries.captured_queries if "reta_name_tokens" in q["sql"]] == []


def test_a_complaint_sent_after_a_search_is_found_by_it_at_once(national, officer):
    first = sent_complaint(officer, victims=[ROSA])
    search(national, "quispe")
    second = sent_complaint(officer, victims=[ROSA])
    assert listed(national) == {first.number, second.number}


def test_a_corrected_name_moves_the_complaint_from_one_search_to_the_other(national, officer, tree):
    complaint = sent_complaint(officer, victims=[ROSA])
    search(national, "quispe"), search(national, "condori")
    complaint_correct(
        complaint_id=complaint.pk,
        by=user_with_role("administrator", tree.divintrap),
        reason="El apellido se registró mal.",
        data=ComplaintInput(
            fields={},
            victims=[{"id": complaint.victims.get().pk, "last_names": "Condori Rojas"}],
            suspects=[{"id": s.pk} for s in complaint.suspects.all()],
        ),
    )
    assert (search(national, "condori"), search(national, "quispe")) == ({complaint.number}, set())


def test_each_scope_finds_only_its_own_complaints_for_the_same_search(client, tree, officer):
    cusco = sent_complaint(officer, victims=[ROSA])
    puno = sent_complaint(
        user_with_role("station_officer", tree.puno_station),
        district=District.objects.get(code="210101"),  # facts in Puno: no alert to Cusco
        victims=[ROSA],
    )
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_directorate))
    other = Client()
    sign_in_verified(other, user_with_role("regional_investigator", tree.puno_directorate))
    assert (search(client, "quispe"), search(other, "quispe")) == ({cusco.number}, {puno.number})


def test_a_station_moved_under_the_filtered_unit_joins_the_search(national, tree):
    puno = sent_complaint(user_with_role("station_officer", tree.puno_station), victims=[ROSA])
    search(national, "quispe", unit=tree.cusco_directorate.pk)
    unit_reparent(unit=tree.puno_station, parent=tree.cusco_directorate)
    assert listed(national) == {puno.number}


def test_a_remembered_match_that_left_the_scope_is_not_listed(client, tree, officer, monkeypatch):
    from reporting import selectors

    cusco = sent_complaint(officer, victims=[ROSA])
    puno = sent_complaint(
        user_with_role("station_officer", tree.puno_station),
        district=District.objects.get(code="210101"),
        victims=[ROSA],
    )
    # As if the Puno complaint had been in the scope when the search was remembered.
    stale = sorted([(c.sent_at, c.pk) for c in (cusco, puno)], reverse=True)
    monkeypatch.setattr(selectors, "name_search_keys", lambda user, filters: stale)
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_directorate))
    assert search(client, "quispe") == {cusco.number}


def test_a_search_asks_for_its_words_and_the_pairs_of_their_first_letters():
    from reporting.selectors import name_tokens

    assert name_tokens(["Quis", "MAMA", "de", "Ro"]) == ["mama", "quis", "mam qui"]


@pytest.mark.parametrize(
    "name", ["Rosa Quispe Mamani", "María del Carmen Huamaní Quispe", "Ñusta Cóndor 2da"]
)
def test_every_token_a_search_of_a_names_words_asks_for_is_in_the_names_index(name):
    from itertools import combinations

    from django.db import connection

    from administration.identifiers import name_words
    from reporting.selectors import name_tokens

    with connection.cursor() as cursor:
        cursor.execute("SELECT reta_name_tokens(%s)", [name])
        indexed = set(cursor.fetchone()[0])
    words = name_words(name)
    for count in (1, 2, 3):
        for typed in combinations(words, count):
            assert set(name_tokens(list(typed))) <= indexed, typed
