"""What a user may do is read once per process and read again after any change to
permissions, groups or users (administration/backends.py)."""

import pytest
from django.contrib.auth.models import Group, Permission

from administration.models import User
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

AUDIT = "administration.view_audit"


def fresh(user) -> User:
    """The user as the next request reads it."""
    return User.objects.get(pk=user.pk)


def audit_permission() -> Permission:
    return Permission.objects.get(codename="view_audit")


def test_a_second_request_reads_no_permission_from_the_database(tree, django_assert_num_queries):
    officer = user_with_role("station_officer", tree.cusco_station)
    fresh(officer).get_all_permissions()
    user = fresh(officer)
    with django_assert_num_queries(0):
        assert user.has_perm("administration.work_cases") is False
        user.get_all_permissions()


def test_a_permission_given_to_a_role_applies_at_the_next_request(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    assert not fresh(officer).has_perm(AUDIT)
    officer.role.group.permissions.add(audit_permission())
    assert fresh(officer).has_perm(AUDIT)


def test_a_permission_taken_from_a_role_is_gone_at_the_next_request(tree):
    administrator = user_with_role("administrator", tree.divintrap)
    assert fresh(administrator).has_perm(AUDIT)
    administrator.role.group.permissions.remove(audit_permission())
    assert not fresh(administrator).has_perm(AUDIT)


def test_a_user_moved_to_another_group_has_its_permissions_at_the_next_request(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    assert not fresh(officer).has_perm(AUDIT)
    officer.groups.set([Group.objects.get(role__code="administrator")])
    assert fresh(officer).has_perm(AUDIT)


def test_a_permission_given_to_the_user_alone_applies_at_the_next_request(tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    assert not fresh(officer).has_perm(AUDIT)
    officer.user_permissions.add(audit_permission())
    assert fresh(officer).has_perm(AUDIT)


def test_a_deactivated_user_may_do_nothing_at_once(tree):
    administrator = user_with_role("administrator", tree.divintrap)
    assert fresh(administrator).has_perm(AUDIT)
    User.objects.filter(pk=administrator.pk).update(is_active=False)
    assert not fresh(administrator).has_perm(AUDIT)


def test_a_permission_given_in_a_transaction_that_rolls_back_is_not_kept(tree):
    from django.db import transaction

    officer = user_with_role("station_officer", tree.cusco_station)
    administrators = Group.objects.get(role__code="administrator")
    with pytest.raises(RuntimeError), transaction.atomic():
        officer.groups.set([administrators])
        assert fresh(officer).has_perm(AUDIT)
        raise RuntimeError("the change fails")
    assert not fresh(officer).has_perm(AUDIT)


def test_a_permission_given_by_a_migration_applies_once_it_has_run(tree):
    from django.apps import apps
    from django.db.models.signals import post_migrate

    officer = user_with_role("station_officer", tree.cusco_station)
    assert not fresh(officer).has_perm(AUDIT)
    # A migration writes through historical models: no post_save, no m2m_changed.
    through = Group.permissions.through
    through.objects.bulk_create(
        [through(group_id=officer.role.group_id, permission_id=audit_permission().pk)]
    )
    sessions = apps.get_app_config("sessions")
    post_migrate.send(sender=sessions, app_config=sessions, verbosity=0, using="default")
    assert fresh(officer).has_perm(AUDIT)
