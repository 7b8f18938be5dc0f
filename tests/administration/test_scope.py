import pytest

from administration.models import Unit
from administration.scope import (
    in_scope,
    scope_size,
    scope_unit_ids,
    sees_personal_data,
    units_in_scope,
    units_in_scope_of,
)
from tests.factories import UnitFactory, user_with_role


def visible_codes(user):
    return set(units_in_scope(user).values_list("code", flat=True))


def test_a_station_officer_sees_only_the_station(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    assert visible_codes(officer) == {"CPNP-CUSCO"}


def test_a_regional_investigator_sees_the_directorates_subtree_only(tree):
    investigator = user_with_role("regional_investigator", tree.cusco_directorate)
    assert visible_codes(investigator) == {
        "DIRTEPOL-CUSCO",
        "DEPINTRAP-CUSCO",
        "CPNP-CUSCO",
        "RP-MADRE-DE-DIOS",
    }


def test_the_specialized_department_sees_its_whole_directorate(tree):
    investigator = user_with_role("regional_investigator", tree.cusco_department)
    assert "CPNP-CUSCO" in visible_codes(investigator)


def test_the_specialized_department_does_not_see_another_directorate(tree):
    investigator = user_with_role("regional_investigator", tree.cusco_department)
    assert "CPNP-PUNO" not in visible_codes(investigator)


def test_a_unit_of_a_kind_with_national_scope_sees_the_whole_country(tree):
    investigator = user_with_role("regional_investigator", tree.divintrap)
    assert visible_codes(investigator) == set(Unit.objects.values_list("code", flat=True))


def test_a_national_investigator_sees_the_whole_country(tree):
    investigator = user_with_role("national_investigator", tree.cusco_station)
    assert len(visible_codes(investigator)) == Unit.objects.count()


def test_an_analyst_sees_the_whole_country_but_no_personal_data(tree):
    analyst = user_with_role("analyst", tree.secretariat)
    assert len(visible_codes(analyst)) == Unit.objects.count()
    assert not sees_personal_data(analyst)


def test_an_inactive_user_sees_nothing(tree):
    officer = user_with_role("station_officer", tree.cusco_station, is_active=False)
    assert visible_codes(officer) == set()


def test_a_user_without_a_role_sees_nothing(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    officer.role = None
    assert visible_codes(officer) == set()


def test_scope_can_follow_several_unit_fields(tree):
    # A user's rows are in scope through any named unit field (e.g. received by / typed by).
    officer = user_with_role("station_officer", tree.puno_station)
    other = user_with_role("station_officer", tree.cusco_station)
    visible = in_scope(type(other).objects.all(), officer, via=("unit",))
    assert other not in visible


def test_a_unit_opened_under_ones_own_is_in_scope_at_once(tree):
    user = user_with_role("regional_investigator", tree.cusco_directorate)
    before = scope_unit_ids(user)
    station = UnitFactory(parent=tree.cusco_directorate)
    assert station.pk not in before and station.pk in scope_unit_ids(user)


def test_a_unit_hung_from_another_branch_leaves_the_scope_at_once(tree):
    from administration.services import unit_reparent

    user = user_with_role("regional_investigator", tree.cusco_directorate)
    assert tree.cusco_station.pk in scope_unit_ids(user)
    unit_reparent(unit=tree.cusco_station, parent=tree.puno_directorate)
    assert tree.cusco_station.pk not in scope_unit_ids(user)


def test_the_units_under_a_unit_are_read_once(tree, django_assert_num_queries):
    user = user_with_role("regional_investigator", tree.cusco_directorate)
    scope_unit_ids(user)
    with django_assert_num_queries(0):
        scope_unit_ids(user)


def test_a_unit_moved_in_a_transaction_that_rolls_back_keeps_its_scope(tree):
    from django.db import transaction

    from administration.services import unit_reparent

    puno = user_with_role("regional_investigator", tree.puno_directorate)
    with pytest.raises(RuntimeError), transaction.atomic():
        unit_reparent(unit=tree.cusco_station, parent=tree.puno_directorate)
        assert tree.cusco_station.pk in scope_unit_ids(puno)
        raise RuntimeError("the change fails")
    assert tree.cusco_station.pk not in scope_unit_ids(puno)


def test_the_size_of_a_scope_is_the_number_of_its_units(tree):
    user = user_with_role("regional_investigator", tree.cusco_directorate)
    assert scope_size(user) == units_in_scope(user).count()


def test_the_size_of_the_whole_country_grows_with_a_new_unit_at_once(tree):
    national = user_with_role("national_investigator", tree.divintrap)
    before = scope_size(national)
    UnitFactory(parent=tree.cusco_directorate)
    assert (before + 1, scope_size(national)) == (Unit.objects.count(), Unit.objects.count())


def test_a_record_typed_in_scope_for_a_unit_outside_it_is_in_scope(tree):
    investigator = user_with_role("regional_investigator", tree.cusco_directorate)
    assert units_in_scope_of(investigator, tree.puno_station.pk, tree.cusco_station.pk)


def test_a_record_of_units_outside_the_scope_is_not_in_it(tree):
    investigator = user_with_role("regional_investigator", tree.cusco_directorate)
    assert not units_in_scope_of(investigator, tree.puno_station.pk, tree.puno_directorate.pk)


def test_a_national_role_has_every_record_in_scope(tree):
    national = user_with_role("national_investigator", tree.divintrap)
    assert units_in_scope_of(national, tree.puno_station.pk)
