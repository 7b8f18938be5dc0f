"""Place names as Peruvians write them: accents and ñ, loaded with the geography; the INEI
code stays the key."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from administration.geography import (
    DEFAULT_FOLDER,
    NAMES_FILE,
    folded,
    place_name,
    read_names,
    spelled,
)
from administration.models import Department, District
from tests.factories import sign_in_verified, ubigeo_places, user_with_role

DEPARTMENTS = ["Apurímac", "Junín", "Áncash", "San Martín", "Huánuco", "Madre de Dios"]
# INEI code, district, province, department.
DISTRICTS = [
    ("170204", "Huepetuhe", "Manu", "Madre de Dios"),
    ("021806", "Nepeña", "Santa", "Áncash"),
    ("081106", "Kosñipata", "Paucartambo", "Cusco"),
    ("200701", "Pariñas", "Talara", "Piura"),
    ("150135", "San Martín de Porres", "Lima", "Lima"),
    ("100101", "Huánuco", "Huánuco", "Huánuco"),
    ("120501", "Junín", "Junín", "Junín"),
    ("030101", "Abancay", "Abancay", "Apurímac"),
    ("220901", "Tarapoto", "San Martín", "San Martín"),
    ("150501", "San Vicente de Cañete", "Cañete", "Lima"),
]


def rows(name):
    with (DEFAULT_FOLDER / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# The names table and the rule, without the database.


def test_the_table_writes_every_department_and_province_by_hand():
    names = read_names(DEFAULT_FOLDER)
    codes = [row["inei"] for row in rows("ubigeo_departamento.csv")]
    codes += [row["inei"] for row in rows("ubigeo_provincia.csv")]
    assert [code for code in codes if code not in names] == []


def test_every_district_is_named_by_the_table_or_by_its_capital_never_guessed():
    names = read_names(DEFAULT_FOLDER)
    guessed = [
        row["distrito"]
        for row in rows("ubigeo_distrito.csv")
        if spelled(row["inei"], row["distrito"], row["capital"], names)[1] == "inei"
        and row["inei"].isdigit()
    ]
    assert guessed == []


def test_the_table_only_respells_it_never_renames_a_place():
    inei = {row["inei"]: row["departamento"] for row in rows("ubigeo_departamento.csv")}
    inei |= {row["inei"]: row["provincia"] for row in rows("ubigeo_provincia.csv")}
    inei |= {row["inei"]: row["distrito"] for row in rows("ubigeo_distrito.csv")}
    inei["180107"] = "SAN ANTONIO"  # listed by the source without its INEI code
    # INEI's table has "ALOMIAS"; the district is named after the composer Daniel Alomía Robles.
    inei["100602"] = "DANIEL ALOMIA ROBLES"

    def same(a, b):
        return folded(a).replace("-", " ") == folded(b).replace("_", " ").replace("-", " ")

    names = read_names(DEFAULT_FOLDER)
    assert [(code, name) for code, name in names.items() if not same(name, inei[code])] == []


def test_a_district_named_as_its_capital_town_takes_the_capitals_spelling():
    assert spelled("010102", "ASUNCION", "Asunción", {}) == ("Asunción", "capital")


def test_a_capital_that_names_another_place_is_not_used():
    assert spelled("010113", "MARISCAL CASTILLA", "Duraznopampa", {}) == (
        "Mariscal Castilla",
        "inei",
    )


def test_the_table_wins_over_the_capital():
    names = {"200306": "San Miguel de El Faique"}
    assert spelled("200306", "SAN MIGUEL DE EL FAIQUE", "San Miguel De El Faique", names) == (
        "San Miguel de El Faique",
        "table",
    )


def test_a_line_break_inside_a_capital_is_a_space():
    assert spelled("010519", "SAN JUAN DE LOPECANCHA", "San Juan de\n Lopecancha", {})[0] == (
        "San Juan de Lopecancha"
    )


def test_a_name_already_written_is_left_as_it_is():
    assert place_name("Áncash") == "Áncash"
    assert place_name("ANCASH") == "Ancash"


def test_the_names_table_is_utf8_with_a_header():
    assert (DEFAULT_FOLDER / NAMES_FILE).read_text(encoding="utf-8").startswith("inei,nombre\n")


# Loaded.


@pytest.fixture
def geography(db):
    call_command("load_ubigeo", stdout=StringIO())


@pytest.fixture
def places(db):
    """The districts above, as load_ubigeo loads them (without loading all 1,893)."""
    ubigeo_places(*(code for code, *_names in DISTRICTS))


@pytest.mark.parametrize("name", DEPARTMENTS)
def test_the_departments_are_spelt_with_their_accents(places, name):
    assert Department.objects.filter(name=name).exists()


@pytest.mark.parametrize(("code", "district", "province", "department"), DISTRICTS)
def test_districts_and_provinces_are_spelt_with_their_accents_and_enye(
    places, code, district, province, department
):
    place = District.objects.select_related("province__department").get(code=code)
    assert (place.name, place.province.name, place.province.department.name) == (
        district,
        province,
        department,
    )


def test_departments_sort_as_in_a_spanish_dictionary(geography):
    names = list(Department.objects.order_by("name").values_list("name", flat=True))
    assert names[:4] == ["Amazonas", "Áncash", "Apurímac", "Arequipa"]
    assert names[-1] == "Ucayali"


def test_reloading_respells_a_place_loaded_in_upper_case_and_keeps_its_code(geography):
    District.objects.filter(code="170204").update(name="HUEPETUHE")
    Department.objects.filter(code="02").update(name="ANCASH")
    call_command("load_ubigeo", stdout=StringIO())
    assert District.objects.get(code="170204").name == "Huepetuhe"
    assert Department.objects.get(code="02").name == "Áncash"


# On the complaint form.


@pytest.fixture
def officer(client, tree):
    user = user_with_role("station_officer", tree.cusco_station)
    sign_in_verified(client, user)
    return user


def test_the_forms_department_list_is_spelt_and_in_spanish_order(client, geography, officer):
    page = client.get(reverse("complaint-new")).content.decode()
    options = [page.index(f">{name}</option>") for name in ("Amazonas", "Áncash", "Apurímac")]
    assert options == sorted(options)
    for name in DEPARTMENTS:
        assert f">{name}</option>" in page, name


def test_the_forms_district_list_shows_the_district_with_its_province(client, places, officer):
    data = client.get(reverse("districts"), {"department": "17"}).json()["districts"]
    assert ["170204", "Huepetuhe (Manu)"] in data


def test_the_form_without_javascript_lists_districts_with_enye(client, places, officer):
    page = client.post(
        reverse("complaint-new"), {"department": "02", "action": "save", "v-TOTAL_FORMS": "0"}
    )
    assert "Nepeña (Santa)" in page.content.decode()
