"""Phones of the alleged traffickers and of the victims' contacts: typed as people write
them, kept in one spelling, shown on the complaint, its corrections and its history, and
locked with the rest once sent."""

import gzip
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from administration.models import PhoneOperator
from reporting.models import Complaint, Suspect, Victim
from tests.factories import sent_complaint, sign_in_verified, user_with_role
from tests.reporting.test_complaint_pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, tree):
    user = user_with_role("station_officer", tree.cusco_station)
    sign_in_verified(client, user)
    return user


def operator(code):
    return PhoneOperator.objects.get(code=code)


def post_draft(client, tree, **kwargs):
    data = form_data(unit=str(tree.cusco_station.pk), **kwargs)
    return client.post(reverse("complaint-new"), {**data, "action": "save"})


SUSPECT = {"alias": "El Gringo", "sex": "M"}
VICTIM = {"first_names": "María", "last_names": "Huamaní Quispe", "sex": "F", "age": "16"}


def test_the_telephone_companies_are_reference_data():
    assert set(PhoneOperator.objects.values_list("name", flat=True)) >= {
        "Claro",
        "Movistar",
        "Entel",
        "Bitel",
    }


def test_the_form_asks_for_the_phone_of_each_trafficker_and_of_each_victims_contact(
    client, officer
):
    page = client.get(reverse("complaint-new")).content.decode()
    assert 'name="s-0-phone"' in page and 'name="v-0-contact_phone"' in page
    assert "Teléfono de contacto" in page and "operador desconocido" in page
    assert 'type="tel"' in page and "Bitel" in page


def test_a_traffickers_phone_typed_with_spaces_is_kept_in_one_spelling(client, officer, tree):
    suspect = {**SUSPECT, "phone": "987 654 321", "phone_operator": operator("claro").pk}
    post_draft(client, tree, suspects=[suspect])
    saved = Suspect.objects.get()
    assert saved.phone == "+51987654321" and saved.phone_operator.name == "Claro"


def test_a_victims_contact_phone_is_kept_with_its_operator(client, officer, tree):
    victim = {**VICTIM, "contact_phone": "+51-984-111-222", "contact_phone_operator": ""}
    post_draft(client, tree, victims=[victim])
    saved = Victim.objects.get()
    assert saved.contact_phone == "+51984111222" and saved.contact_phone_operator is None


def test_a_phone_that_is_not_one_gets_a_spanish_message_and_what_was_typed_stays(
    client, officer, tree
):
    suspect = {**SUSPECT, "phone": "98765-43"}
    response = post_draft(client, tree, suspects=[suspect])
    page = response.content.decode()
    assert response.status_code == 200
    assert "No es un número peruano" in page and 'value="98765-43"' in page
    assert "El Gringo" in page


def test_a_draft_with_a_wrong_phone_keeps_the_rest_of_the_trafficker(client, officer, tree):
    post_draft(client, tree, suspects=[{**SUSPECT, "phone": "no sé"}])
    saved = Suspect.objects.get()
    assert saved.alias == "El Gringo" and saved.phone == ""


def test_a_complaint_with_a_wrong_phone_is_not_sent(client, officer, tree):
    data = form_data(unit=str(tree.cusco_station.pk), suspects=[{**SUSPECT, "phone": "12"}])
    client.post(reverse("complaint-new"), {**data, "action": "send", "confirm": "1"})
    assert not Complaint.objects.filter(status="sent").exists()


def test_a_tampered_operator_is_refused_without_an_error_page(client, officer, tree):
    suspect = {**SUSPECT, "phone": "987654321", "phone_operator": "99999999999999999999"}
    response = post_draft(client, tree, suspects=[suspect])
    assert response.status_code == 200


def test_an_operator_no_longer_offered_is_not_in_the_list(client, officer):
    bitel = PhoneOperator.objects.get(code="bitel")
    bitel.active = False
    bitel.save()
    page = client.get(reverse("complaint-new")).content.decode()
    assert "Bitel" not in page and "Movistar" in page


def test_an_operator_no_longer_offered_cannot_be_chosen_for_a_new_phone(client, officer, tree):
    bitel = operator("bitel")
    bitel.active = False
    bitel.save()
    suspect = {**SUSPECT, "phone": "987654321", "phone_operator": bitel.pk}
    post_draft(client, tree, suspects=[suspect])
    assert Suspect.objects.get().phone_operator is None


@pytest.fixture
def complaint(officer):
    return sent_complaint(
        officer,
        suspects=[{**SUSPECT, "phone": "+51987654321", "phone_operator": operator("movistar")}],
        victims=[
            {
                "first_names": "María",
                "last_names": "Huamaní Quispe",
                "sex": "F",
                "age": 16,
                "contact_phone": "+5184234567",
            }
        ],
    )


def test_the_complaint_shows_the_phones_as_people_read_them(client, tree, complaint):
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_department))
    page = client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk})).content.decode()
    assert "+51 987 654 321" in page and "(Movistar)" in page
    assert "+51 84 234 567" in page and "Teléfono de contacto" in page


def test_the_record_of_the_complaint_carries_the_traffickers_phone(complaint, officer):
    from reporting.services import document_issue
    from tests.reporting.test_documents import pdf_bytes, pdf_text

    document = document_issue(complaint=complaint, user=officer, kind="acta")
    assert "+51 987 654 321 (Movistar)" in pdf_text(pdf_bytes(document))


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_phone_of_a_sent_complaint_cannot_be_changed_by_sql(complaint):
    with pytest.raises(DatabaseError, match="locked"):
        raw(
            "UPDATE reporting_suspect SET phone = '+51999999999' WHERE complaint_id = %s",
            [complaint.pk],
        )
    assert Suspect.objects.get().phone == "+51987654321"


def test_the_contact_phone_of_a_sent_complaint_cannot_be_changed_by_sql(complaint):
    with pytest.raises(DatabaseError, match="locked"):
        raw(
            "UPDATE reporting_victim SET contact_phone_operator_id = %s WHERE complaint_id = %s",
            [operator("bitel").pk, complaint.pk],
        )


def test_those_updates_are_tried_as_the_applications_own_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == "reta_app"


def correct_phone(client, tree, complaint):
    admin = user_with_role("administrator", tree.divintrap)
    sign_in_verified(client, admin)
    suspect = complaint.suspects.get()
    data = form_data(
        unit=str(tree.cusco_station.pk),
        suspects=[
            {
                "id": suspect.pk,
                "alias": "El Gringo",
                "sex": "M",
                "phone": "(084) 23-45-67",
                "phone_operator": operator("entel").pk,
            }
        ],
        victims=[{"id": complaint.victims.get().pk, **VICTIM}],
    )
    return client.post(
        reverse("complaint-correct", kwargs={"pk": complaint.pk}),
        {**data, "reason": "El teléfono del tratante estaba mal copiado", "action": "correct"},
    )


def test_the_correction_form_shows_the_phones_to_correct(client, tree, complaint):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    page = client.get(reverse("complaint-correct", kwargs={"pk": complaint.pk})).content.decode()
    assert 'value="+51987654321"' in page


def test_an_administrator_corrects_a_phone_with_a_reason(client, tree, complaint):
    assert correct_phone(client, tree, complaint).status_code == 302
    suspect = complaint.suspects.get()
    assert suspect.phone == "+5184234567" and suspect.phone_operator.name == "Entel"


def test_the_history_shows_the_phone_before_and_after_with_the_operators_names(
    client, tree, complaint
):
    correct_phone(client, tree, complaint)
    page = client.get(reverse("complaint-history", kwargs={"pk": complaint.pk})).content.decode()
    assert "+51987654321" in page and "+5184234567" in page
    assert "Movistar" in page and "Entel" in page
    assert "El teléfono del tratante estaba mal copiado" in page


def test_the_complaint_form_with_its_phones_stays_under_30_kb_compressed(client, officer):
    html = client.get(reverse("complaint-new")).content
    assets = [finders.find("css/reta.css"), finders.find("js/complaint.js")]
    size = len(gzip.compress(html, 6)) + sum(
        len(gzip.compress(Path(path).read_bytes(), 6)) for path in assets
    )
    print(f"complaint form page: {size / 1024:.1f} KB compressed")
    assert size < 30 * 1024


def test_a_history_row_signed_before_the_phones_existed_is_recognized_as_genuine(complaint):
    from administration import integrity

    row = Suspect.history.filter(complaint_id=complaint.pk).first()
    old = {k: v for k, v in integrity.row_values(row).items() if k not in NEW_SUSPECT_COLUMNS}
    row.signature = integrity._mac(row._meta.label_lower, integrity.canonical(old))
    assert integrity.signed_without(row, NEW_SUSPECT_COLUMNS)
    assert not integrity.row_signature_is_valid(row)  # what migration 0011 signs again


def test_a_forged_history_row_is_not_taken_for_one_signed_before_the_phones(complaint):
    from administration import integrity

    row = Suspect.history.filter(complaint_id=complaint.pk).first()
    row.signature = "0" * 64
    assert not integrity.signed_without(row, NEW_SUSPECT_COLUMNS)


NEW_SUSPECT_COLUMNS = ("phone", "phone_operator_id")


def test_a_draft_naming_an_operator_no_longer_offered_still_shows_it_chosen(client, officer, tree):
    post_draft(client, tree, suspects=[{**SUSPECT, "phone_operator": operator("bitel").pk}])
    bitel = operator("bitel")
    bitel.active = False
    bitel.save()
    draft = Suspect.objects.get().complaint
    page = client.get(reverse("complaint-edit", args=[draft.pk])).content.decode()
    assert f'<option value="{operator("bitel").pk}" selected>Bitel</option>' in page


def test_a_row_saved_with_an_operator_no_longer_offered_may_keep_it(officer):
    from reporting.forms import SuspectForm

    bitel = operator("bitel")
    bitel.active = False
    bitel.save()
    data = {"alias": "El Gringo", "sex": "M", "phone": "987654321", "phone_operator": bitel.pk}
    kept = SuspectForm(data, initial={"phone_operator": bitel})
    chosen = SuspectForm(data, initial={"phone_operator": operator("claro")})
    assert kept.is_valid(), kept.errors
    assert not chosen.is_valid() and "phone_operator" in chosen.errors
