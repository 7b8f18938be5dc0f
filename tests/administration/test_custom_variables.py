"""Custom variables: defined by an administrator, validated by type, shown in the form and
the detail page, given to exports and the statistics (custom_fields.py), retired but never
deleted once used, and changed on a sent complaint only through a correction."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse

from administration import custom_fields
from administration.models import CustomVariable
from reporting.models import Complaint
from reporting.services import complaint_save_draft, complaint_send
from tests.factories import complaint_input, sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


def variable(code="zona_rural", kind="yes_no", **fields):
    defaults = {
        "target": "complaint",
        "label_es": "¿Zona rural?",
        "label_en": "Rural area?",
        "active_from": date(2020, 1, 1),
    }
    return CustomVariable.objects.create(code=code, kind=kind, **{**defaults, **fields})


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap)


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("text", "  Mina La Rinconada ", "Mina La Rinconada"),
        ("number", "12,5", Decimal("12.5")),
        ("date", "14/03/2026", date(2026, 3, 14)),
        ("yes_no", "sí", True),
        ("choice", "rural", "rural"),
    ],
)
def test_each_type_of_value_is_read_as_its_type(db, kind, raw, expected):
    v = variable(kind=kind, options=["rural|Rural|Rural", "urbana|Urbana|Urban"])
    assert custom_fields.clean_value(v, raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("number", "doce", "Escriba un número."),
        ("date", "31/02/2026", "Escriba una fecha como dd/mm/aaaa."),
        ("yes_no", "tal vez", "Responda sí o no."),
        ("choice", "selva", "Elija una de las opciones."),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_in_spanish(db, kind, raw, message):
    v = variable(kind=kind, options=["rural|Rural|Rural"])
    with pytest.raises(ValidationError) as refused:
        custom_fields.clean_value(v, raw)
    assert refused.value.messages == [message]


def test_the_statistics_get_the_variables_of_a_target(db):
    variable(code="zona_rural")
    variable(code="lengua", kind="text", target="victim")
    (found,) = custom_fields.variables_for("complaint")
    assert (found["code"], found["kind"], found["label"]) == (
        "zona_rural",
        "yes_no",
        "¿Zona rural?",
    )


def sent_with(officer, values):
    """A complaint whose values were typed while it was a draft, then sent."""
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    custom_fields.values_save(target="complaint", object_id=draft.pk, values=values, by=officer)
    return complaint_send(complaint_id=draft.pk, user=officer)


def test_the_statistics_group_complaints_by_a_variable(officer):
    variable()
    rural, urban, unknown = (
        sent_with(officer, {"zona_rural": True}),
        sent_with(officer, {"zona_rural": False}),
        sent_with(officer, {}),
    )
    rows = Complaint.objects.filter(pk__in=[rural.pk, urban.pk, unknown.pk]).annotate(
        rural=custom_fields.value_expression("zona_rural")
    )
    assert {r.pk: r.rural for r in rows} == {rural.pk: True, urban.pk: False, unknown.pk: None}


def test_a_draft_keeps_its_values_and_the_export_reads_them(officer):
    variable()
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    custom_fields.values_save(
        target="complaint", object_id=draft.pk, values={"zona_rural": "1"}, by=officer
    )
    assert custom_fields.values_for("complaint", [draft.pk]) == {draft.pk: {"zona_rural": True}}


def test_the_variable_appears_in_the_complaint_form(client, officer):
    variable(help_es="Fuera del casco urbano")
    sign_in_verified(client, officer)
    page = client.get(reverse("complaint-new")).content.decode()
    assert "¿Zona rural?" in page and "Fuera del casco urbano" in page


def test_a_value_typed_in_the_form_is_saved_with_the_draft(client, officer):
    variable()
    sign_in_verified(client, officer)
    client.post(
        reverse("complaint-new"),
        {
            "action": "save",
            "v-TOTAL_FORMS": "0",
            "v-INITIAL_FORMS": "0",
            "s-TOTAL_FORMS": "0",
            "s-INITIAL_FORMS": "0",
            "channel": "in_person",
            "cv-zona_rural": "1",
        },
    )
    draft = Complaint.objects.get(registered_by=officer)
    assert custom_fields.values_for("complaint", [draft.pk])[draft.pk] == {"zona_rural": True}


def test_the_value_shows_on_the_complaint_page(client, officer):
    variable()
    complaint = sent_with(officer, {"zona_rural": True})
    sign_in_verified(client, officer)
    page = client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk})).content.decode()
    assert "¿Zona rural?</dt><dd>sí</dd>" in page


def test_a_variable_defined_after_a_visit_shows_on_the_next(client, officer):
    complaint = sent_complaint(officer)
    sign_in_verified(client, officer)
    client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk}))
    variable()
    page = client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk})).content.decode()
    assert "¿Zona rural?</dt><dd>—</dd>" in page


def test_a_value_on_a_sent_complaint_is_refused_outside_a_correction(officer):
    variable()
    complaint = sent_complaint(officer)
    with pytest.raises((InternalError, IntegrityError)), transaction.atomic():
        custom_fields.values_save(
            target="complaint", object_id=complaint.pk, values={"zona_rural": True}, by=officer
        )


def test_a_value_on_a_sent_complaint_goes_through_the_correction(officer, admin):
    variable()
    complaint = sent_complaint(officer)
    custom_fields.complaint_values_correct(
        complaint_id=complaint.pk,
        values={"zona_rural": True},
        reason="El lugar era una zona rural.",
        by=admin,
    )
    assert custom_fields.values_for("complaint", [complaint.pk])[complaint.pk] == {
        "zona_rural": True
    }
    assert complaint.corrections.get().reason == "El lugar era una zona rural."


def test_the_corrections_list_shows_a_corrected_value_before_and_after(client, officer, admin):
    variable()
    complaint = sent_with(officer, {"zona_rural": False})
    custom_fields.complaint_values_correct(
        complaint_id=complaint.pk,
        values={"zona_rural": True},
        reason="El lugar era una zona rural.",
        by=admin,
    )
    sign_in_verified(client, admin)
    page = client.get(reverse("correction-list")).content.decode()
    assert "¿Zona rural?</td><td><del>no</del></td><td><ins>sí</ins>" in page


def test_a_variable_with_values_is_retired_not_deleted(officer, admin):
    v = variable()
    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    custom_fields.values_save(
        target="complaint", object_id=draft.pk, values={"zona_rural": True}, by=officer
    )
    outcome = custom_fields.variable_retire_or_delete(variable=v, on=date(2026, 6, 1), by=admin)
    v.refresh_from_db()
    assert outcome == "retired" and v.retired_on == date(2026, 6, 1)
    assert custom_fields.values_for("complaint", [draft.pk])[draft.pk] == {"zona_rural": True}


def test_a_variable_never_used_is_deleted(admin):
    v = variable()
    custom_fields.variable_retire_or_delete(variable=v, on=date(2026, 6, 1), by=admin)
    assert not CustomVariable.objects.exists()


def test_a_retired_variable_leaves_the_form_of_new_complaints(client, officer):
    variable(retired_on=date(2021, 1, 1))
    sign_in_verified(client, officer)
    assert "¿Zona rural?" not in client.get(reverse("complaint-new")).content.decode()


def test_a_variable_not_active_yet_is_not_in_the_form(client, officer):
    variable(active_from=date(2099, 1, 1))
    sign_in_verified(client, officer)
    assert "¿Zona rural?" not in client.get(reverse("complaint-new")).content.decode()


def test_an_administrator_defines_a_list_variable_on_its_screen(client, admin):
    sign_in_verified(client, admin)
    response = client.post(
        reverse("variable-new"),
        {
            "code": "zona",
            "target": "complaint",
            "kind": "choice",
            "label_es": "Zona",
            "label_en": "Area",
            "active_from": "01/12/2026",
            "position": "0",
            "options_text": "rural|Rural|Rural\nurbana|Urbana|Urban",
        },
    )
    assert response.status_code == 302
    assert CustomVariable.objects.get(code="zona").choices() == [
        ("rural", "Rural"),
        ("urbana", "Urbana"),
    ]


def test_a_list_without_options_is_refused_in_spanish(client, admin):
    sign_in_verified(client, admin)
    response = client.post(
        reverse("variable-new"),
        {
            "code": "zona",
            "target": "complaint",
            "kind": "choice",
            "label_es": "Zona",
            "label_en": "Area",
            "active_from": "01/12/2026",
            "position": "0",
        },
    )
    assert "Una lista necesita al menos una opción." in response.content.decode()


def test_a_regional_administrator_does_not_define_variables(client, tree):
    sign_in_verified(client, user_with_role("regional_administrator", tree.cusco_directorate))
    assert client.get(reverse("variable-list")).status_code == 404


def test_a_variable_defined_after_the_form_was_shown_is_asked_at_once(client, officer):
    sign_in_verified(client, officer)
    client.get(reverse("complaint-new"))
    variable()
    assert "¿Zona rural?" in client.get(reverse("complaint-new")).content.decode()
