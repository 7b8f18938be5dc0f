"""Every cell of the national summary and of two other tables, on the known data set
(conftest.py), for both bases; the command prints the same numbers the page shows."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from administration.statistics import tables
from administration.statistics.selectors import NATIONAL
from tests.factories import sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db

SUMMARY_BY_FACTS = [
    [
        "2010",
        "1",
        "0",
        "0",
        "1",
        "0",
        "1",
        "0",
        "1",
        "1",
        "0",
        "0",
        "1",
        "0",
        "1",
        "0",
        "1",
        "1",
        "3",
    ],
    [
        "2011",
        "1",
        "0",
        "0",
        "1",
        "0",
        "0",
        "1",
        "1",
        "0",
        "0",
        "0",
        "0",
        "1",
        "1",
        "0",
        "2",
        "0",
        "2",
    ],
    [
        "Total",
        "2",
        "0",
        "0",
        "2",
        "0",
        "1",
        "1",
        "2",
        "1",
        "0",
        "0",
        "1",
        "1",
        "2",
        "0",
        "3",
        "1",
        "5",
    ],
]
SUMMARY_BY_REGISTRATION = [
    [
        "2011",
        "2",
        "0",
        "0",
        "2",
        "0",
        "1",
        "0",
        "1",
        "1",
        "0",
        "0",
        "1",
        "0",
        "2",
        "0",
        "2",
        "1",
        "4",
    ],
    [
        "2012",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "1",
        "1",
        "0",
        "0",
        "0",
        "0",
        "1",
        "0",
        "0",
        "1",
        "0",
        "1",
    ],
    [
        "Total",
        "2",
        "0",
        "0",
        "2",
        "0",
        "1",
        "1",
        "2",
        "1",
        "0",
        "0",
        "1",
        "1",
        "2",
        "0",
        "3",
        "1",
        "5",
    ],
]


def test_the_national_summary_by_year_of_the_facts_counts_each_person_once(known):
    assert tables.summary(NATIONAL, basis="facts").plain()[1:] == SUMMARY_BY_FACTS


def test_the_national_summary_by_year_of_registration(known):
    assert tables.summary(NATIONAL, basis="registration").plain()[1:] == SUMMARY_BY_REGISTRATION


def test_the_summary_has_the_first_retas_groups_of_columns(known):
    header = tables.summary(NATIONAL).plain()[0]
    assert header[0] == "Año"
    assert header[1] == "Personas investigadas identificadas: H"
    assert header[-1] == "Total de víctimas"


def test_cases_by_purpose_by_year_of_the_facts(known):
    table = tables.standard("purpose", NATIONAL, basis="facts")
    assert table.plain() == [
        ["año", "explotación sexual", "explotación laboral", "finalidad aún no asignada", "Total"],
        ["2010", "1", "0", "0", "1"],
        ["2011", "0", "1", "1", "2"],
        ["Total", "1", "1", "1", "3"],
    ]


def test_cases_by_purpose_by_year_of_registration(known):
    table = tables.standard("purpose", NATIONAL, basis="registration")
    assert table.plain()[1:] == [
        ["2011", "1", "1", "0", "2"],
        ["2012", "0", "0", "1", "1"],
        ["Total", "1", "1", "1", "3"],
    ]


@pytest.mark.parametrize("basis", ["facts", "registration"])
def test_victims_by_age_band_and_sex(known, basis):
    table = tables.standard("victims_age", NATIONAL, basis=basis)
    assert table.plain() == [
        ["tramo de edad", "mujer", "hombre", "Total"],
        ["9–17", "2", "1", "3"],
        ["30–38", "0", "1", "1"],
        ["edad no registrada", "1", "0", "1"],
        ["Total", "3", "2", "5"],
    ]


def test_a_year_range_keeps_only_those_years(known):
    table = tables.standard("purpose", NATIONAL, basis="facts", year_from=2011, year_to=2011)
    assert [row[0] for row in table.plain()[1:]] == ["2011", "Total"]


def test_the_registration_table_shows_a_directorate_that_registered_nothing(known, tree):
    from administration.services import unit_create
    from tests.factories import kind

    unit_create(
        kind=kind("dirtepol"),
        code="DIRTEPOL-SILENT",
        name="Dirección sin registros",
        parent=tree.pnp,
        valid_from="2011-01-01",
    )
    rows = {row[0]: row for row in tables.standard("registration", NATIONAL).plain()[1:]}
    assert rows["Dirección sin registros"][-1] == "0"


def test_the_command_prints_the_summary_the_page_shows(known, client, tree):
    out = StringIO()
    call_command("statistics", "summary", "--basis", "registration", "--format", "json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["rows"] == SUMMARY_BY_REGISTRATION
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))
    page = client.get(reverse("statistics-home"), {"basis": "registration"}).content.decode()
    row = "".join(f'<td class="num">{v}</td>' for v in SUMMARY_BY_REGISTRATION[0][1:])
    assert row in page


def test_the_command_prints_csv_by_default(known):
    out = StringIO()
    call_command("statistics", "purpose", "--from", "2011", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[1] == "año,explotación laboral,finalidad aún no asignada,Total"
    assert lines[2] == "2011,1,1,2"


def test_the_command_refuses_an_unknown_table_in_plain_words(known):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown table"):
        call_command("statistics", "everything")


def test_an_analyst_sees_the_summary_with_small_counts_hidden(known, client, tree):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    page = client.get(reverse("statistics-home")).content.decode()
    assert "&lt;5" in page
    assert '<td class="num">3</td>' not in page


def test_the_analysts_note_names_the_largest_hidden_count(known, client, tree):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    page = client.get(reverse("statistics-home")).content.decode()
    assert "Las cantidades de 1 a 4 se muestran como «&lt;5»" in page


def test_a_regional_investigator_sees_only_the_directorate_figures(known, client, tree):
    investigator = user_with_role("regional_investigator", tree.cusco_department)
    table = tables.standard("victims_age", investigator)
    assert table.plain()[-1] == ["Total", "3", "1", "4"]


def test_k_is_set_by_an_administrator_as_data(known, client, tree):
    from administration.statistics.models import StatisticsSettings

    StatisticsSettings.objects.create(k=2)
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    page = client.get(reverse("statistics-home")).content.decode()
    assert "&lt;2" in page and "&lt;5" not in page


def test_the_summary_of_an_empty_registry_is_a_row_of_zeros(db):
    assert tables.summary(NATIONAL).plain()[1:] == [["Total"] + ["0"] * 18]
