"""Corrections keep each person's identity; form sets are capped on every path; dates
that make an impossible age get a message, never a 500."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting.models import Complaint, Victim
from reporting.services import (
    MAX_PEOPLE,
    ComplaintInput,
    complaint_correct,
    complaint_save_draft,
    document_issue,
)
from tests.factories import complaint_input, sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db

ALFA = {"first_names": "Alfa", "last_names": "Quispe Mamani", "sex": "F", "age": 15}
BETA = {"first_names": "Beta", "last_names": "Condori Huamán", "sex": "F", "age": 16}


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap)


@pytest.fixture
def complaint(officer):
    return sent_complaint(officer, victims=[ALFA, BETA])


def rows(complaint, *names):
    return [{"id": v.pk} for v in complaint.victims.all() if v.first_names in names]


def correct(complaint, admin, victims):
    return complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="Una víctima fue registrada dos veces.",
        data=ComplaintInput(
            fields={}, victims=victims, suspects=[{"id": complaint.suspects.get().pk}]
        ),
    )


def test_removing_one_victim_keeps_the_other_the_same_person(complaint, admin):
    alfa = complaint.victims.get(first_names="Alfa")
    correct(complaint, admin, rows(complaint, "Alfa"))
    assert list(complaint.victims.values_list("pk", "first_names")) == [(alfa.pk, "Alfa")]


def test_a_document_issued_for_one_victim_still_names_her_after_a_correction(
    complaint, admin, officer
):
    beta = complaint.victims.get(first_names="Beta")
    document = document_issue(complaint=complaint, user=officer, kind="medico", victim=beta)
    correct(complaint, admin, rows(complaint, "Beta"))
    document.refresh_from_db()
    assert document.victim.first_names == "Beta"


def test_removing_a_victim_named_by_a_document_is_refused_with_a_clear_message(
    complaint, admin, officer
):
    alfa = complaint.victims.get(first_names="Alfa")
    document = document_issue(complaint=complaint, user=officer, kind="medico", victim=alfa)
    with pytest.raises(ValidationError) as refused:
        correct(complaint, admin, rows(complaint, "Beta"))
    assert document.number in refused.value.messages[0]
    assert complaint.victims.count() == 2


def test_the_correction_page_shows_the_refusal_instead_of_failing(
    client, complaint, admin, officer
):
    alfa = complaint.victims.get(first_names="Alfa")
    document_issue(complaint=complaint, user=officer, kind="medico", victim=alfa)
    beta = complaint.victims.get(first_names="Beta")
    sign_in_verified(client, admin)
    data = {
        "reason": "Una víctima fue registrada dos veces.",
        "channel": "in_person",
        "date_of_facts": "2026-03-14",
        "department": "08",
        "district": "080101",
        "narrative": complaint.narrative,
        "v-TOTAL_FORMS": "1",
        "v-INITIAL_FORMS": "0",
        "v-0-id": str(beta.pk),
        "v-0-first_names": "Beta",
        "v-0-sex": "F",
        "s-TOTAL_FORMS": "0",
        "s-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("complaint-correct", kwargs={"pk": complaint.pk}), data)
    assert response.status_code == 200
    assert "no puede quitarse" in response.content.decode()


def test_a_row_that_names_another_complaints_victim_is_a_new_person(complaint, admin, officer):
    stranger = sent_complaint(officer).victims.get()
    correct(complaint, admin, [*rows(complaint, "Alfa", "Beta"), {"id": stranger.pk, **ALFA}])
    stranger.refresh_from_db()
    assert complaint.victims.count() == 3 and stranger.complaint_id != complaint.pk


def test_a_tampered_form_count_creates_no_people(client, officer):
    sign_in_verified(client, officer)
    response = client.post(
        reverse("complaint-new"),
        {
            "draft_key": "0b7d5bd6-6f59-4f62-a1a8-6c1bd0a4e0ff",
            "action": "save",
            "v-TOTAL_FORMS": "99999",
            "v-INITIAL_FORMS": "0",
            "s-TOTAL_FORMS": "99999",
            "s-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code in (200, 302)
    assert Victim.objects.count() == 0


def test_more_people_than_a_complaint_holds_get_a_message(client, officer, tree):
    sign_in_verified(client, officer)
    data = {
        "draft_key": "0b7d5bd6-6f59-4f62-a1a8-6c1bd0a4e0fe",
        "action": "save",
        "unit": str(tree.cusco_station.pk),
        "v-TOTAL_FORMS": str(MAX_PEOPLE + 5),
        "v-INITIAL_FORMS": "0",
        "s-TOTAL_FORMS": "0",
        "s-INITIAL_FORMS": "0",
    }
    for index in range(MAX_PEOPLE + 5):
        data[f"v-{index}-first_names"] = f"Víctima {index}"
        data[f"v-{index}-sex"] = "F"
    response = client.post(reverse("complaint-new"), data)
    assert Victim.objects.count() <= MAX_PEOPLE
    assert response.status_code == 200
    assert str(MAX_PEOPLE) in str(response.context["victims"].non_form_errors())


def test_the_service_refuses_more_people_than_a_complaint_holds(officer):
    many = [{"first_names": f"V{i}", "sex": "F"} for i in range(MAX_PEOPLE + 1)]
    with pytest.raises(ValidationError):
        complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input(victims=many))


@pytest.mark.parametrize(
    "birth_date", ["2026-06-01", "1890-01-01"], ids=["born after the facts", "over 120"]
)
def test_a_birth_date_that_makes_an_impossible_age_gets_a_message_on_review(
    client, officer, tree, birth_date
):
    born = date.fromisoformat(birth_date)
    victim = {"first_names": "Ana", "last_names": "Apaza", "sex": "F", "birth_date": born}
    draft = complaint_save_draft(
        user=officer, unit=officer.unit, data=complaint_input(victims=[victim])
    )
    sign_in_verified(client, officer)
    data = {
        "draft_key": str(draft.draft_key),
        "action": "review",
        "unit": str(tree.cusco_station.pk),
        "channel": "in_person",
        "date_of_facts": "2026-03-14",
        "department": "08",
        "district": "080101",
        "narrative": draft.narrative,
        "v-TOTAL_FORMS": "1",
        "v-INITIAL_FORMS": "0",
        "v-0-id": str(draft.victims.get().pk),
        "v-0-first_names": "Ana",
        "v-0-sex": "F",
        "v-0-birth_date": birth_date,
        "s-TOTAL_FORMS": "0",
        "s-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("complaint-edit", kwargs={"pk": draft.pk}), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "con esa fecha de nacimiento tendría" in page
    assert not Complaint.objects.get(pk=draft.pk).is_sent


def test_opening_the_correction_page_is_audited_as_a_view(client, complaint, admin):
    from administration.models import AuditEvent

    sign_in_verified(client, admin)
    client.get(reverse("complaint-correct", args=[complaint.pk]))
    assert AuditEvent.objects.filter(
        action="view", object_id=str(complaint.pk), detail="correction form"
    ).exists()
