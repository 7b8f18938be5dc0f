"""The victims and alleged traffickers of the case files join the figures, each person
counted once: the same document however it was written, or the same name as a person of
one of the case's own complaints."""

import json
from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from administration.statistics import facts, tables
from administration.statistics.models import SuspectFact, VictimFact
from administration.statistics.selectors import NATIONAL
from investigation import services
from investigation.models import CasePerson, Exploitation
from tests.factories import sign_in_verified, user_with_role
from tests.investigation.factories import add_person, investigators, open_case
from tests.statistics.conftest import LIMA
from tests.statistics.conftest import send_on as send_complaint_on

pytestmark = pytest.mark.django_db

VICTIM = CasePerson.Role.VICTIM
TRAFFICKER = CasePerson.Role.TRAFFICKER


@pytest.fixture
def people(tree):
    return investigators(tree)


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


def open_on(day: date, user, **kwargs):
    with time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=LIMA), tick=False):
        return open_case(user, **kwargs)


def send_on(day: date, user, **overrides):
    overrides.setdefault("date_of_facts", date(day.year, 1, 1))
    return send_complaint_on(day, user, **overrides)


def victim(**fields):
    return {"first_names": "María", "last_names": "Huamaní Quispe", "sex": "F", "age": 16, **fields}


def suspect(**fields):
    return {
        "first_names": "Juan",
        "last_names": "Condori",
        "sex": "M",
        "identified": True,
        **fields,
    }


def total_victims(**choices) -> str:
    facts.refresh()
    return tables.summary(NATIONAL, **choices).plain()[-1][-1]


def test_a_victim_of_a_case_file_with_no_complaint_is_counted(people):
    case = open_case(people[0])
    add_person(case, people[0], role=VICTIM, first_names="Rosa", sex="F", age=15)
    assert total_victims() == "1"
    [row] = VictimFact.objects.all()
    assert (row.complaint_id, row.case_id, row.minor) == (None, case.pk, True)


def test_a_case_victim_without_document_named_as_in_its_complaint_is_counted_once(people, officer):
    complaint = send_on(date(2025, 2, 1), officer, victims=[victim()])
    case = open_case(people[0], complaints=[complaint])
    add_person(case, people[0], role=VICTIM, first_names="MARIA", last_names="huamani  quispe")
    assert total_victims() == "1"
    assert VictimFact.objects.get().complaint_id == complaint.pk


def test_a_common_name_in_an_unrelated_case_is_not_merged(people, officer):
    send_on(date(2025, 2, 1), officer, victims=[victim()])
    case = open_case(people[0])
    add_person(case, people[0], role=VICTIM, first_names="María", last_names="Huamaní Quispe")
    assert total_victims() == "2"


def test_a_suspect_of_a_complaint_with_the_same_dni_written_differently_in_its_case_is_one(
    people, officer
):
    complaint = send_on(
        date(2025, 2, 1),
        officer,
        suspects=[suspect(document_type="dni", document_number="4012-3456")],
    )
    case = open_case(people[0], complaints=[complaint])
    add_person(
        case,
        people[0],
        role=TRAFFICKER,
        first_names="Juan Carlos",
        document_type="dni",
        document_number="40 123 456",
    )
    facts.refresh()
    assert SuspectFact.objects.count() == 1


def test_a_victim_named_in_two_complaints_with_the_dni_written_differently_is_counted_once(
    officer,
):
    send_on(
        date(2025, 2, 1),
        officer,
        victims=[victim(document_type="dni", document_number="0401 2345")],
    )
    send_on(
        date(2025, 3, 1), officer, victims=[victim(document_type="dni", document_number="4012345")]
    )
    assert total_victims() == "1"


def test_two_people_of_the_same_name_with_different_documents_are_two(people, officer):
    complaint = send_on(
        date(2025, 2, 1), officer, victims=[victim(document_type="dni", document_number="40123456")]
    )
    case = open_case(people[0], complaints=[complaint])
    add_person(
        case,
        people[0],
        role=VICTIM,
        first_names="María",
        last_names="Huamaní Quispe",
        document_type="dni",
        document_number="40123457",
    )
    assert total_victims() == "2"


def test_a_document_the_case_found_for_a_complaint_victim_joins_her_to_another_complaint(
    people, officer
):
    unnamed = send_on(date(2025, 2, 1), officer, victims=[victim()])
    send_on(
        date(2025, 6, 1),
        officer,
        victims=[victim(first_names="Mery", document_type="dni", document_number="40123456")],
    )
    case = open_case(people[0], complaints=[unnamed])
    add_person(
        case,
        people[0],
        role=VICTIM,
        first_names="María",
        last_names="Huamaní Quispe",
        document_type="dni",
        document_number="40123456",
    )
    assert total_victims() == "1"
    assert VictimFact.objects.get().complaint_id == unnamed.pk


def test_a_case_person_carries_the_variables_of_the_cases_first_complaint_and_its_unit(
    people, officer, tree
):
    puno = user_with_role("station_officer", tree.puno_station)
    first = send_on(date(2024, 5, 2), officer, date_of_facts=date(2024, 4, 1), victims=[victim()])
    later = send_on(
        date(2025, 1, 3),
        puno,
        purposes=["explotacion_laboral"],
        victims=[victim(first_names="Ana")],
    )
    case = open_case(people[0], complaints=[later, first])
    add_person(case, people[0], role=VICTIM, first_names="Rosa", sex="F")
    facts.refresh()
    row = VictimFact.objects.get(case_id=case.pk)
    assert (row.complaint_id, row.unit_id, row.year_facts, row.year_registration) == (
        first.pk,
        tree.cusco_department.pk,
        2024,
        2024,
    )
    assert (row.department_id, row.purpose) == ("08", "explotacion_sexual")


def test_a_case_only_victim_counts_in_the_year_of_the_cases_facts(people):
    case = open_on(date(2021, 3, 1), people[0], date_of_facts=date(2019, 8, 15))
    add_person(case, people[0], role=VICTIM, first_names="Rosa", sex="F", age=30)
    facts.refresh()
    by_facts = tables.summary(NATIONAL, basis="facts").plain()
    by_registration = tables.summary(NATIONAL, basis="registration").plain()
    assert [row[0] for row in by_facts[1:]] == ["2019", "Total"]
    assert [row[0] for row in by_registration[1:]] == ["2021", "Total"]
    assert by_facts[1][-1] == by_registration[1][-1] == "1"


def test_a_case_only_person_counts_in_the_cases_unit_and_its_directorate(people, tree):
    case = open_case(people[0])
    add_person(case, people[0], role=VICTIM, first_names="Rosa", sex="F", age=30)
    facts.refresh()
    row = VictimFact.objects.get()
    assert (row.unit_id, row.directorate_id, row.unit_department_id) == (
        tree.cusco_department.pk,
        tree.cusco_directorate.pk,
        "08",
    )
    assert tables.standard("victims_age", people[0]).plain()[-1][-1] == "1"
    assert tables.standard("victims_age", people[1]).plain()[-1][-1] == "0"


def test_a_case_only_victim_takes_the_purpose_of_the_cases_exploitation(people):
    case = open_case(people[0])
    rosa = add_person(case, people[0], role=VICTIM, first_names="Rosa", sex="F")
    services.record_save(
        case=case,
        model=Exploitation,
        user=people[0],
        fields={"purpose": "explotacion_laboral", "victim": rosa},
    )
    facts.refresh()
    assert VictimFact.objects.get().purpose == "explotacion_laboral"


@pytest.mark.parametrize(
    "table", ["victims_age", "victims_minor", "victims_nationality", "victims_department"]
)
def test_the_victims_tables_count_the_victims_of_case_files(people, officer, table):
    send_on(date(2025, 2, 1), officer, victims=[victim()])
    case = open_case(people[0])
    add_person(case, people[0], role=VICTIM, first_names="Rosa", sex="F", age=9, nationality="VE")
    facts.refresh()
    assert tables.standard(table, NATIONAL).plain()[-1][-1] == "2"


def test_a_trafficker_detained_in_the_case_of_his_complaint_counts_once_as_detained(
    people, officer
):
    complaint = send_on(
        date(2025, 2, 1),
        officer,
        suspects=[suspect(document_type="dni", document_number="40123456", detained=False)],
    )
    case = open_case(people[0], complaints=[complaint])
    add_person(
        case,
        people[0],
        role=TRAFFICKER,
        first_names="Juan",
        last_names="Condori",
        sex="M",
        document_type="dni",
        document_number="40123456",
        detained=True,
    )
    facts.refresh()
    table = tables.standard("traffickers_nationality", NATIONAL).plain()
    assert table[0][1:] == ["sí", "Total"]
    assert table[-1][1:] == ["1", "1"]


def test_a_case_trafficker_known_only_by_an_alias_is_in_identification(people):
    case = open_case(people[0])
    add_person(case, people[0], role=TRAFFICKER, aliases="El Chato", sex="M")
    facts.refresh()
    assert SuspectFact.objects.get().identified is False


def test_the_statistics_command_shows_the_case_people_the_page_shows(people, officer, client, tree):
    send_on(date(2025, 2, 1), officer, date_of_facts=date(2025, 1, 5), victims=[victim()])
    case = open_case(people[0], date_of_facts=date(2025, 1, 20))
    add_person(case, people[0], role=VICTIM, first_names="Rosa", sex="F", age=30)
    add_person(
        case, people[0], role=TRAFFICKER, first_names="Wilber", last_names="Ccahuana", sex="M"
    )
    out = StringIO()
    call_command("statistics", "summary", "--refresh", "--format", "json", stdout=out)
    [year, _total] = json.loads(out.getvalue())["rows"]
    assert year[0] == "2025" and year[-1] == "2" and year[1:5] == ["1", "0", "0", "1"]
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))
    page = client.get(reverse("statistics-home")).content.decode()
    assert "".join(f'<td class="num">{v}</td>' for v in year[1:]) in page


def test_the_drill_down_lists_the_complaints_and_says_how_many_case_people_it_leaves_out(
    people, officer, client
):
    complaint = send_on(date(2025, 2, 1), officer, victims=[victim()])
    case = open_case(people[0])
    add_person(case, people[0], role=VICTIM, first_names="Rosa", sex="F")
    facts.refresh()
    sign_in_verified(client, people[0])
    page = client.get(
        reverse("statistics-cases"), {"measure": "victims", "var": "sex", "c_sex": "F"}
    ).content.decode()
    assert complaint.number in page
    assert "1 persona de esta celda viene de un caso sin denuncia" in page


def test_the_people_a_national_case_found_count_in_its_unit_not_in_its_complaints_station(
    people, tree
):
    puno_officer = user_with_role("station_officer", tree.puno_station)
    complaint = send_on(date(2024, 5, 2), puno_officer, victims=[victim()])
    case = open_case(people[2], complaints=[complaint])
    add_person(case, people[2], role=TRAFFICKER, first_names="Luis", last_names="Apaza")
    facts.refresh()
    assert SuspectFact.objects.get(case_id=case.pk).unit_id == tree.divintrap.pk


def test_a_victim_of_a_cases_later_complaint_keeps_what_that_complaint_recorded(people, officer):
    first = send_on(date(2024, 5, 2), officer, victims=[victim(first_names="Ana")])
    later = send_on(
        date(2025, 1, 3),
        officer,
        victims=[victim(first_names="Rosa", document_type="dni", document_number="40123456")],
    )
    case = open_case(people[0], complaints=[first, later])
    add_person(
        case,
        people[0],
        role=VICTIM,
        first_names="Rosa",
        document_type="dni",
        document_number="4012 3456",
    )
    facts.refresh()
    rosa = VictimFact.objects.exclude(complaint_id=first.pk).get()
    assert (rosa.complaint_id, rosa.case_id, rosa.sex, rosa.age) == (later.pk, None, "F", 16)
