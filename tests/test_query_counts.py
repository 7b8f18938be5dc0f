"""Every page's SQL queries, pinned with many rows on it: a query inside a loop (an N+1)
fails here, not in a police station at national scale.

Each count is the page's whole request: the session, the user, the audit (the user's
permissions, the units under a unit and the count of open alerts of the menu's badge
are remembered per process: administration/backends.py, administration/scope.py,
alerts/selectors.py). A change that adds a
query on purpose updates the number here."""

import functools

import pytest
from django.urls import reverse

from alerts import services as alert_services
from alerts.models import Alert
from reporting.selectors import SEARCHES
from reporting.services import complaint_save_draft, document_issue
from tests.factories import complaint_input, sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db

# More than a page of each list (25 complaints, 30 alerts).
MANY = 32
QUERIES = {
    "complaint list, station": 7,
    "complaint list, directorate": 7,
    "complaint list, country": 6,
    # The first visit of a name search reads its matches (the names' index, then their
    # complaints in order); coming back to it, they are remembered (reporting/selectors.py).
    "search by name": 6,
    "search by name, again": 4,
    "search by document": 5,
    "search by number": 5,
    # With the check that the complaint and its people are what RETA signed, and their
    # custom values (measured on the merged modules; fixed however many rows). A kind of
    # record without variables reads no values: one query more when it has some.
    "complaint detail": 22,
    "alert inbox": 5,
    # The crossing of its records and people (one query for all the names it crosses,
    # each table of people read beside each) is remembered until one of the identifiers
    # it looked for is touched (investigation/crossing_changes.py); who may see each hit
    # is read at every visit. Which of its lists hold rows (requests to see it included)
    # is read with the case.
    "case page": 17,
    "case page, crossing afresh": 19,
    # What a case's identifiers reach is remembered too (investigation/network.py); the
    # cases drawn, and which of them the viewer may see, are read at every visit.
    "network page": 15,
    "network page, afresh": 20,
    # The regions, a region's districts, the units and paper series of a scope and the
    # variables administrators added are remembered.
    "complaint form, new": 3,
    "complaint form, draft": 6,
    # By role: escalated alerts, the last verification, units losing registrars.
    "home": {
        "regional_investigator": 5,
        "national_investigator": 6,
        "administrator": 8,
        "analyst": 4,
    },
}

VICTIMS = [
    {
        "first_names": f"Rosa {n}",
        "last_names": "Quispe Mamani",
        "sex": "F",
        "age": 15 + n,
        "document_type": "dni",
        "document_number": "40112233",
    }
    for n in range(3)
]


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


@pytest.fixture
def many(officer):
    """MANY sent complaints of the Cusco station, each with three victims and a suspect,
    their alerts delivered."""
    complaints = [sent_complaint(officer, victims=VICTIMS) for _ in range(MANY)]
    for alert in Alert.objects.all():
        alert_services.alert_deliver(alert.pk)
    return complaints


def signed_in(client, role, unit):
    user = user_with_role(role, unit)
    sign_in_verified(client, user)
    return user


def warm(client, url):
    """A first visit: the session's clocks are written, the catalogue is read (once per
    process); the queries pinned are those of every later visit."""
    assert client.get(url).status_code == 200


def search(client, text):
    client.post(reverse("complaint-list"), {"q": text})


@pytest.mark.parametrize(
    ("page", "role", "unit"),
    [
        ("complaint list, station", "station_officer", "cusco_station"),
        ("complaint list, directorate", "regional_investigator", "cusco_department"),
        ("complaint list, country", "national_investigator", "divintrap"),
    ],
)
def test_a_complaint_list_runs_the_same_queries_however_many_rows_it_shows(
    client, tree, many, django_assert_num_queries, page, role, unit
):
    signed_in(client, role, getattr(tree, unit))
    warm(client, reverse("complaint-list"))
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(reverse("complaint-list"))
    assert len(response.context["page"].rows) == 25


@pytest.mark.parametrize(
    ("page", "text"),
    [
        ("search by name", "quispe mamani"),
        ("search by document", "40112233"),
    ],
)
def test_a_search_runs_the_same_queries_however_many_complaints_it_finds(
    client, tree, many, django_assert_num_queries, page, text
):
    signed_in(client, "national_investigator", tree.divintrap)
    search(client, text)
    warm(client, reverse("complaint-list"))
    SEARCHES.forget()
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(reverse("complaint-list"))
    assert len(response.context["page"].rows) == 25


def test_coming_back_to_a_name_search_runs_fewer_queries(
    client, tree, many, django_assert_num_queries
):
    signed_in(client, "national_investigator", tree.divintrap)
    search(client, "quispe mamani")
    warm(client, reverse("complaint-list"))
    with django_assert_num_queries(QUERIES["search by name, again"]):
        response = client.get(reverse("complaint-list"))
    assert len(response.context["page"].rows) == 25


def test_a_search_by_number_runs_a_fixed_number_of_queries(
    client, tree, many, django_assert_num_queries
):
    signed_in(client, "national_investigator", tree.divintrap)
    search(client, many[3].number)
    warm(client, reverse("complaint-list"))
    with django_assert_num_queries(QUERIES["search by number"]):
        response = client.get(reverse("complaint-list"))
    assert [c.pk for c in response.context["page"].rows] == [many[3].pk]


def queries_of(client, url, django_assert_max_num_queries):
    """The queries of a later visit to ``url``, and its response."""
    warm(client, url)
    with django_assert_max_num_queries(1000) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), response


def test_the_complaint_detail_runs_the_same_queries_however_many_people_and_documents(
    client, tree, officer, django_assert_max_num_queries
):
    signed_in(client, "regional_investigator", tree.cusco_department)
    small = sent_complaint(officer, victims=VICTIMS[:1])
    suspects = [{"alias": f"El {n}", "sex": "M", "identified": False} for n in range(3)]
    big = sent_complaint(officer, victims=VICTIMS, suspects=suspects)
    for _ in range(3):
        document_issue(complaint=big, user=officer, kind="acta")
    detail = functools.partial(
        queries_of, client, django_assert_max_num_queries=django_assert_max_num_queries
    )
    few, _ = detail(reverse("complaint-detail", args=[small.pk]))
    many, response = detail(reverse("complaint-detail", args=[big.pk]))
    assert len(response.context["victims"]) == 3
    assert len(response.context["documents"]) == 3
    assert (few, many) == (QUERIES["complaint detail"], QUERIES["complaint detail"])


def test_a_complaint_with_values_of_variables_reads_them_in_one_query_more(
    client, tree, officer, django_assert_max_num_queries
):
    from administration import custom_fields
    from administration.models import CustomVariable
    from reporting.services import complaint_send
    from tests.factories import complaint_input

    signed_in(client, "regional_investigator", tree.cusco_department)
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    for code in ("zona_rural", "zona_minera"):
        CustomVariable.objects.create(
            code=code, kind="yes_no", target="complaint", label_es=code, active_from="2020-01-01"
        )
        custom_fields.values_save(
            target="complaint", object_id=draft.pk, values={code: "1"}, by=officer
        )
    complaint = complaint_send(complaint_id=draft.pk, user=officer)
    detail = functools.partial(
        queries_of, client, django_assert_max_num_queries=django_assert_max_num_queries
    )
    count, response = detail(reverse("complaint-detail", args=[complaint.pk]))
    assert len(response.context["custom_values"]) == 2
    assert count == QUERIES["complaint detail"] + 1


def test_the_alert_inbox_runs_the_same_queries_however_many_alerts(
    client, tree, many, django_assert_num_queries
):
    signed_in(client, "regional_investigator", tree.cusco_department)
    warm(client, reverse("alert-inbox"))
    with django_assert_num_queries(QUERIES["alert inbox"]):
        response = client.get(reverse("alert-inbox"))
    assert len(response.context["page"]) == 30


def test_the_new_complaint_form_runs_a_fixed_number_of_queries(
    client, officer, django_assert_num_queries
):
    sign_in_verified(client, officer)
    warm(client, reverse("complaint-new"))
    with django_assert_num_queries(QUERIES["complaint form, new"]):
        client.get(reverse("complaint-new"))


def test_a_draft_runs_the_same_queries_however_many_victims_it_holds(
    client, officer, django_assert_max_num_queries
):
    victims = [{"first_names": f"Víctima {n}", "sex": "F", "age": 20} for n in range(5)]
    suspects = [{"alias": f"El {n}", "sex": "M", "identified": False} for n in range(4)]
    small, big = (
        complaint_save_draft(
            user=officer,
            unit=officer.unit,
            data=complaint_input(victims=victims[:count], suspects=suspects[:count]),
        )
        for count in (1, 5)
    )
    sign_in_verified(client, officer)
    edit = functools.partial(
        queries_of, client, django_assert_max_num_queries=django_assert_max_num_queries
    )
    few, _ = edit(reverse("complaint-edit", args=[small.pk]))
    many, response = edit(reverse("complaint-edit", args=[big.pk]))
    assert response.content.count(b'name="v-4-first_names"') == 1
    assert (few, many) == (QUERIES["complaint form, draft"], QUERIES["complaint form, draft"])


@pytest.mark.parametrize(
    ("role", "unit"),
    [
        ("station_officer", "cusco_station"),
        ("hotline_operator", "secretariat"),
        ("regional_investigator", "cusco_department"),
        ("national_investigator", "divintrap"),
        ("administrator", "divintrap"),
        ("analyst", "secretariat"),
    ],
)
def test_the_home_of_every_role_runs_a_fixed_number_of_queries(
    client, tree, django_assert_num_queries, role, unit
):
    signed_in(client, role, getattr(tree, unit))
    warm(client, reverse("home"))
    with django_assert_num_queries(QUERIES["home"].get(role, 3)):
        client.get(reverse("home"))


def test_the_drafts_above_the_list_are_read_in_one_query(
    client, officer, many, django_assert_num_queries
):
    for _ in range(3):
        complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    sign_in_verified(client, officer)
    warm(client, reverse("complaint-list"))
    with django_assert_num_queries(QUERIES["complaint list, station"]):
        response = client.get(reverse("complaint-list"))
    assert len(response.context["drafts"]) == 3


@pytest.mark.parametrize("visit", ["case page", "case page, crossing afresh"])
def test_the_case_page_runs_the_same_queries_however_many_people_and_records_it_holds(
    client, tree, django_assert_max_num_queries, visit
):
    from investigation.crossing import CROSSINGS
    from investigation.models import Vehicle
    from investigation.services import record_save
    from tests.investigation.factories import add_person, add_phone, investigators, open_case

    cusco, _puno, _national = investigators(tree)
    sign_in_verified(client, cusco)
    small = open_case(cusco, title="Uno")
    add_person(small, cusco, first_names="Juan", last_names="Quispe Mamani")
    add_phone(small, cusco, "987654300")
    record_save(case=small, model=Vehicle, user=cusco, fields={"plate": "E9F-012"})
    big = open_case(cusco, title="Muchos")
    for n, surname in enumerate(["Quispe", "Condori", "Apaza", "Flores", "Rojas", "Ramos"] * 2):
        first = "Juan" if n == 0 else f"Luis {n}"
        add_person(big, cusco, first_names=first, last_names=f"{surname} Mamani")
        add_phone(big, cusco, f"98765431{n % 10}")
    for plate in ("A1B-234", "C5D-678"):
        record_save(case=big, model=Vehicle, user=cusco, fields={"plate": plate})

    def page(url):
        warm(client, url)
        if visit == "case page, crossing afresh":
            CROSSINGS.forget()
        with django_assert_max_num_queries(1000) as context:
            response = client.get(url)
        return len(context), response

    few, _ = page(reverse("case-detail", args=[small.pk]))
    many, response = page(reverse("case-detail", args=[big.pk]))
    assert len(response.context["traffickers"]) == 12
    assert response.context["hits"]  # the two cases cross (the small one's name)
    assert (few, many) == (QUERIES[visit], QUERIES[visit])


def test_the_case_page_reads_the_case_and_its_records_through_prepared_statements(
    client, tree, django_assert_max_num_queries
):
    from reta import prepared
    from tests.investigation.factories import add_person, add_phone, investigators, open_case

    cusco, _puno, _national = investigators(tree)
    sign_in_verified(client, cusco)
    case = open_case(cusco, title="Uno")
    add_person(case, cusco, first_names="Juan", last_names="Quispe Mamani")
    add_phone(case, cusco, "987654300")
    url = reverse("case-detail", args=[case.pk])
    warm(client, url)
    with django_assert_max_num_queries(1000) as context:
        response = client.get(url)
    assert response.status_code == 200 and "987654300" in response.content.decode()
    executed = [q["sql"] for q in context.captured_queries if q["sql"].startswith("EXECUTE")]
    read = " ".join(prepared.statement(prepared.original(sql)).prepare for sql in executed)
    # The case by its id, then its people and its phones by the case's.
    for column in ('"investigation_case"."id"', '"investigation_caseperson"."case_id"'):
        assert f"{column} = $" in read
    assert '"investigation_phone"."case_id" = $' in read


@pytest.mark.parametrize("visit", ["network page", "network page, afresh"])
def test_the_network_page_runs_the_same_queries_however_many_cases_it_draws(
    client, tree, django_assert_max_num_queries, visit
):
    from investigation.network import NETWORKS
    from investigation.services import case_share
    from tests.investigation.factories import add_person, add_phone, investigators, open_case

    cusco, puno, _national = investigators(tree)
    sign_in_verified(client, cusco)

    def network_of(others):
        """A case of Cusco sharing a phone with ``others`` cases of Puno, each sharing a
        document with a further case; half of them shared with Cusco."""
        case = open_case(cusco, title="Centro")
        for n in range(others):
            number, document = f"98765{others:02}{n:02}", f"4{others:02}{n:05}"
            add_phone(case, cusco, number)
            near, far = open_case(puno, title=f"Cerca {n}"), open_case(puno, title=f"Lejos {n}")
            add_phone(near, puno, number)
            for held in (near, far):
                add_person(held, puno, document_type="dni", document_number=document)
            if n % 2 == 0:
                case_share(case=near, unit=cusco.unit, user=puno, reason="Red común")
        url = reverse("case-network", args=[case.pk])
        warm(client, url)
        if visit == "network page, afresh":
            NETWORKS.forget()
        with django_assert_max_num_queries(1000) as context:
            response = client.get(url)
        return len(context), response

    few, _ = network_of(2)
    many, response = network_of(8)
    assert len(response.context["cases"]) == 1 + 8 + 4
    assert (few, many) == (QUERIES[visit], QUERIES[visit])


@pytest.mark.parametrize("page", ["complaint-list", "complaint-new", "detail", "draft"])
def test_no_page_reads_its_drop_down_lists_through_a_server_side_cursor(
    client, tree, officer, django_assert_max_num_queries, page
):
    # A server-side cursor is three round trips (DECLARE, FETCH, CLOSE) for a short list.
    sign_in_verified(client, officer)
    urls = {
        "detail": lambda: reverse("complaint-detail", args=[sent_complaint(officer).pk]),
        "draft": lambda: reverse(
            "complaint-edit",
            args=[complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input()).pk],
        ),
    }
    url = urls[page]() if page in urls else reverse(page)
    warm(client, url)
    with django_assert_max_num_queries(1000) as context:
        client.get(url)
    assert not [q["sql"] for q in context.captured_queries if q["sql"].startswith("DECLARE")]
