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


def test_a_demoted_administrator_loses_the_admin_and_its_permissions(tree):
    admin = user_with_role("administrator", tree.divintrap)
    user_move(
        user=admin, unit=tree.cusco_station, role=role("station_officer"), on=date(2026, 3, 1)
    )
    admin = type(admin).objects.get(pk=admin.pk)
    assert not admin.is_staff and not admin.has_perm("administration.correct_records")


def test_a_role_changed_in_the_django_admin_goes_through_the_move_service(client, tree):
    from tests.factories import sign_in_verified

    admin = user_with_role("administrator", tree.divintrap)
    officer = user_with_role("station_officer", tree.cusco_station, username="oficial")
    sign_in_verified(client, admin)
    url = f"/admin/administration/user/{officer.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "unit": tree.puno_station.pk,
            "role": role("regional_investigator").pk,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "assignments-TOTAL_FORMS": "1",
            "assignments-INITIAL_FORMS": "1",
            "assignments-0-id": UnitAssignment.objects.get(user=officer).pk,
            "assignments-0-user": officer.pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    officer = type(officer).objects.get(pk=officer.pk)
    assert officer.has_perm("administration.work_cases")
    assert UnitAssignment.objects.filter(user=officer, unit=tree.puno_station).exists()


def test_a_unit_added_in_the_django_admin_gets_its_place_in_the_tree(client, tree):
    from administration.models import Unit
    from tests.factories import kind, sign_in_verified

    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    client.post(
        "/admin/administration/unit/add/",
        {
            "kind": kind("comisaria").pk,
            "parent": tree.puno_directorate.pk,
            "code": "CPNP-NUEVA",
            "name": "Comisaría Nueva",
            "valid_from": "2026-01-01",
        },
    )
    unit = Unit.objects.get(code="CPNP-NUEVA")
    assert unit.path == f"{tree.puno_directorate.path}{unit.pk}."


def test_a_unit_without_a_path_sees_nothing(tree):
    from administration.models import Unit

    Unit.objects.filter(pk=tree.cusco_station.pk).update(path="")
    officer = user_with_role("station_officer", Unit.objects.get(pk=tree.cusco_station.pk))
    assert not units_in_scope(officer).exists()
