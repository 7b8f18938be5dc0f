from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from administration.models import Department, District, Province, Unit, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def geography():
    call_command("load_ubigeo", stdout=StringIO())


def test_the_whole_of_perus_geography_is_loaded(geography):
    assert (Department.objects.count(), Province.objects.count(), District.objects.count()) == (
        25,
        196,
        1893,
    )


def test_loading_the_geography_twice_changes_nothing(geography):
    call_command("load_ubigeo", stdout=StringIO())
    assert District.objects.count() == 1893


def test_districts_hang_from_their_province_and_department(geography):
    district = District.objects.get(code="080101")
    assert (district.name, district.province.name, district.province.department.name) == (
        "Cusco",
        "Cusco",
        "Cusco",
    )


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read UBIGEO"):
        call_command("load_ubigeo", folder=tmp_path)


@pytest.fixture
def demo(geography):
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())


def test_the_demo_has_the_22_directorates_each_with_a_specialized_department(demo):
    directorates = Unit.objects.filter(kind__code="dirtepol")
    assert directorates.count() == 22
    for directorate in directorates:
        kinds = list(directorate.children.values_list("kind__code", flat=True))
        assert kinds.count("departamento_especializado") == 1
        assert kinds.count("comisaria") >= 2


def test_the_demo_has_divintrap_inside_dirincri(demo):
    assert Unit.objects.get(code="DIVINTRAP").parent.code == "DIRINCRI"


def test_the_demo_has_one_account_per_role(demo):
    assert sorted(User.objects.values_list("role__code", flat=True)) == [
        "administrator",
        "analyst",
        "hotline_operator",
        "national_investigator",
        "regional_administrator",
        "regional_investigator",
        "station_officer",
    ]


def test_loading_the_demo_twice_changes_nothing(demo):
    units, users = Unit.objects.count(), User.objects.count()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())
    assert (Unit.objects.count(), User.objects.count()) == (units, users)


def test_the_demo_prints_the_second_factor_secret_of_investigators(geography):
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=out)
    assert "investigador.cusco" in out.getvalue() and "TOTP" in out.getvalue()


def test_the_demo_refuses_to_run_without_debug(geography):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
