"""An investigator who rotates hands over the case files they lead or are assigned to, as
the drafts and alerts of a station officer: nothing is left orphaned."""

import pytest

from administration import rotation
from administration.models import RotationItem
from investigation.models import Case
from investigation.services import case_change_state
from tests.administration.test_rotation import rotate
from tests.factories import user_with_role
from tests.investigation.factories import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap)


@pytest.fixture
def leaving(tree):
    return user_with_role("regional_investigator", tree.cusco_department, last_name="Saliente")


@pytest.fixture
def successor(tree):
    return user_with_role("regional_investigator", tree.cusco_department, last_name="Sucesora")


@pytest.fixture
def colleague(tree):
    return user_with_role("regional_investigator", tree.cusco_department, last_name="Colega")


def held(user) -> dict:
    return {holder.kind: [i.object_id for i in items] for holder, items in rotation.held_work(user)}


def test_the_confirmation_lists_the_cases_led_and_those_assigned(leaving, colleague):
    led = open_case(leaving)
    assigned = open_case(colleague, investigators=[leaving])
    assert held(leaving)["case_led"] == [led.pk]
    assert held(leaving)["case_assigned"] == [assigned.pk]


def test_a_closed_case_is_not_held(leaving):
    case = open_case(leaving)
    case_change_state(case=case, user=leaving, to_state="archived", reason="Sin indicios.")
    assert held(leaving)["case_led"] == []


def test_the_successor_leads_the_cases_the_officer_led(tree, admin, leaving, successor):
    case = open_case(leaving)
    rotate(leaving, admin, successor=successor, to_unit=tree.puno_department)
    assert Case.objects.get(pk=case.pk).lead == successor


def test_the_successor_takes_the_officers_place_among_the_assigned(
    tree, admin, leaving, successor, colleague
):
    case = open_case(colleague, investigators=[leaving])
    rotate(leaving, admin, successor=successor, to_unit=tree.puno_department)
    assert list(Case.objects.get(pk=case.pk).investigators.all()) == [successor]


def test_handed_to_the_unit_an_assignment_just_ends(tree, admin, leaving, colleague):
    case = open_case(colleague, investigators=[leaving])
    rotate(leaving, admin, successor=None, to_unit=tree.puno_department)
    assert not Case.objects.get(pk=case.pk).investigators.exists()


def test_a_case_led_is_never_handed_to_nobody(tree, admin, leaving):
    open_case(leaving)
    with pytest.raises(ValueError, match="person"):
        rotate(leaving, admin, successor=None, to_unit=tree.puno_department)


def test_after_the_rotation_the_investigator_holds_no_case(
    tree, admin, leaving, successor, colleague
):
    open_case(leaving)
    open_case(colleague, investigators=[leaving])
    rotate(leaving, admin, successor=successor, to_unit=tree.puno_department)
    assert held(leaving)["case_led"] == [] and held(leaving)["case_assigned"] == []


def test_each_case_handed_over_is_recorded(tree, admin, leaving, successor):
    case = open_case(leaving)
    rotate(leaving, admin, successor=successor, to_unit=tree.puno_department)
    item = RotationItem.objects.get(kind="case_led")
    assert (int(item.object_id), item.to_user) == (case.pk, successor)


def test_the_lead_change_is_in_the_cases_signed_history(tree, admin, leaving, successor):
    case = open_case(leaving)
    rotate(leaving, admin, successor=successor, to_unit=tree.puno_department)
    last = Case.history.filter(id=case.pk).order_by("-history_id").first()
    assert (last.lead_id, last.history_change_reason, bool(last.signature)) == (
        successor.pk,
        "rotation",
        True,
    )


def test_the_confirmation_names_a_case_by_its_number_and_state(leaving):
    case = open_case(leaving)
    (item,) = {h.kind: i for h, i in rotation.held_work(leaving)}["case_led"]
    assert item.label == f"{case.number} (abierta)"
