from datetime import date

import pytest

from administration.models import AuditEvent, UnitAssignment
from administration.scope import units_in_scope
from administration.services import user_move
from tests.factories import role, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station, started=date(2020, 1, 1))


def test_a_move_closes_the_old_assignment_the_day_before(tree, officer):
    user_move(user=officer, unit=tree.puno_station, on=date(2026, 3, 1))
    old = UnitAssignment.objects.get(user=officer, unit=tree.cusco_station)
    assert old.ended == date(2026, 2, 28)


def test_a_move_opens_the_new_assignment(tree, officer):
    user_move(user=officer, unit=tree.puno_station, on=date(2026, 3, 1))
    current = UnitAssignment.objects.get(user=officer, ended__isnull=True)
    assert (current.unit, current.started) == (tree.puno_station, date(2026, 3, 1))


def test_after_a_move_the_user_sees_the_new_unit_not_the_old(tree, officer):
    user_move(user=officer, unit=tree.puno_station, on=date(2026, 3, 1))
    assert set(units_in_scope(officer)) == {tree.puno_station}


def test_a_change_of_role_changes_the_permissions(tree, officer):
    user_move(
        user=officer,
        unit=tree.cusco_department,
        role=role("regional_investigator"),
        on=date(2026, 3, 1),
    )
    officer = type(officer).objects.get(pk=officer.pk)
    assert officer.has_perm("administration.work_cases")


def test_a_move_is_written_to_the_audit_log(tree, officer):
    user_move(user=officer, unit=tree.puno_station, on=date(2026, 3, 1))
    event = AuditEvent.objects.get(action="permission_change")
    assert event.object_id == str(officer.pk) and "CPNP-PUNO" in event.detail


def test_roles_grant_what_the_brief_says_they_do(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    analyst = user_with_role("analyst", tree.secretariat)
    assert officer.has_perm("administration.register_complaint")
    assert not officer.has_perm("administration.view_statistics")
    assert analyst.has_perm("administration.view_statistics")
    assert not analyst.has_perm("administration.register_complaint")
