from datetime import date

import pytest

from administration.scope import units_in_scope
from administration.services import unit_reorganize, unit_reparent
from tests.factories import kind, user_with_role

pytestmark = pytest.mark.django_db
REFORM = date(2024, 7, 1)


def test_a_renamed_directorate_keeps_the_old_unit_closed_the_day_before(tree):
    old = tree.cusco_directorate
    (new,) = unit_reorganize(
        closing=[old],
        opening=[
            {
                "kind": kind("dirtepol"),
                "code": "REGPOL-CUSCO",
                "name": "Región Policial Cusco",
                "parent": tree.pnp,
            }
        ],
        on=REFORM,
    )
    old.refresh_from_db()
    assert (old.valid_to, old.successor) == (date(2024, 6, 30), new)


def test_after_a_rename_the_stations_hang_from_the_new_unit(tree):
    (new,) = unit_reorganize(
        closing=[tree.cusco_directorate],
        opening=[
            {
                "kind": kind("dirtepol"),
                "code": "REGPOL-CUSCO",
                "name": "Región Policial Cusco",
                "parent": tree.pnp,
            }
        ],
        on=REFORM,
    )
    tree.cusco_station.refresh_from_db()
    assert tree.cusco_station.parent == new
    assert tree.cusco_station.path.startswith(new.path)


def test_an_investigator_of_the_new_unit_sees_the_stations_it_took_over(tree):
    (new,) = unit_reorganize(
        closing=[tree.cusco_directorate],
        opening=[
            {
                "kind": kind("dirtepol"),
                "code": "REGPOL-CUSCO",
                "name": "Región Policial Cusco",
                "parent": tree.pnp,
            }
        ],
        on=REFORM,
    )
    investigator = user_with_role("regional_investigator", new)
    assert tree.cusco_station in set(units_in_scope(investigator))


def test_a_merge_closes_both_units(tree):
    unit_reorganize(
        closing=[tree.cusco_directorate, tree.puno_directorate],
        opening=[
            {
                "kind": kind("dirtepol"),
                "code": "MACRO-SUR",
                "name": "Macro Región Sur",
                "parent": tree.pnp,
            }
        ],
        on=REFORM,
    )
    tree.cusco_directorate.refresh_from_db()
    tree.puno_directorate.refresh_from_db()
    assert tree.cusco_directorate.valid_to == tree.puno_directorate.valid_to == date(2024, 6, 30)


def test_a_unit_cannot_hang_from_its_own_sub_unit(tree):
    with pytest.raises(ValueError, match="own sub-units"):
        unit_reparent(unit=tree.cusco_directorate, parent=tree.cusco_station)
