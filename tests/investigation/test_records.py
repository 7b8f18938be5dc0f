"""Records of a case: their crossing keys, their signed history, attachments by content."""

from datetime import date

import pytest
from django.urls import reverse
from PIL import Image

from administration.models import District
from investigation import services
from investigation.models import Attachment, CasePerson, Route
from tests.factories import sign_in_verified
from tests.files import EXECUTABLE, SVG_WITH_SCRIPT, jpeg_with_gps, upload
from tests.investigation.factories import add_person, add_phone, investigators, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return investigators(tree)


def test_a_phone_is_stored_in_its_one_written_form(people):
    case = open_case(people[0])
    assert add_phone(case, people[0], "0051 987-654-321").number_key == "+51987654321"


def test_a_bad_phone_is_refused_with_a_spanish_message_and_the_form_kept(client, people):
    case = open_case(people[0])
    sign_in_verified(client, people[0])
    response = client.post(reverse("record-new", args=[case.pk, "telefonos"]), {"number": "12-34"})
    page = response.content.decode()
    assert response.status_code == 200 and "no es un número de teléfono" in page and "12-34" in page


def test_a_person_keeps_a_signed_history_of_each_change(client, people):
    cusco = people[0]
    case = open_case(cusco)
    person = add_person(case, cusco, first_names="Wilber", last_names="Ccahuana")
    services.record_save(
        case=case,
        model=CasePerson,
        user=cusco,
        record=person,
        fields={"detained": True, "detained_on": date(2026, 5, 1), "detained_where": "Juliaca"},
    )
    assert [h.history_type for h in person.history.order_by("history_id")] == ["+", "~"]
    assert all(h.signature for h in person.history.all())
    sign_in_verified(client, cusco)
    page = client.get(
        reverse("record-history", args=[case.pk, "personas", person.pk])
    ).content.decode()
    assert "Juliaca" in page


def test_a_trafficker_is_crossed_by_folded_name_and_document(people):
    case = open_case(people[0])
    person = add_person(
        case,
        people[0],
        first_names="Wílber",
        last_names="CCAHUANA",
        document_type="dni",
        document_number="4012345",
    )
    assert person.name_folded == "wilber ccahuana" and person.document_key == "dni:04012345"


def test_a_route_takes_its_departments_and_period_from_its_legs(people):
    case = open_case(people[0])
    route = services.route_save(
        case=case,
        user=people[0],
        description="Cusco → Mazuko",
        legs=[
            {
                "stage": "recruitment",
                "district": District.objects.get(code="080101"),
                "day": date(2026, 1, 3),
            },
            {
                "stage": "exploitation",
                "district": District.objects.get(code="170101"),
                "day": date(2026, 1, 9),
            },
        ],
    )
    route = Route.objects.get(pk=route.pk)
    assert (route.from_department_id, route.to_department_id) == ("08", "17")
    assert (route.first_day, route.last_day) == (date(2026, 1, 3), date(2026, 1, 9))


def _attach(client, case, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse("attachment-new", args=[case.pk]),
        {
            "kind": "photo",
            "description": "Foto del local",
            "file": upload(name, content, content_type),
        },
    )


def test_a_renamed_executable_is_refused(client, people):
    case = open_case(people[0])
    sign_in_verified(client, people[0])
    response = _attach(client, case, "foto.jpg", EXECUTABLE, "image/jpeg")
    assert "no se acepta" in response.content.decode() and not Attachment.objects.exists()


def test_an_svg_with_a_script_is_refused(client, people):
    case = open_case(people[0])
    sign_in_verified(client, people[0])
    _attach(client, case, "plano.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    assert not Attachment.objects.exists()


def test_the_gps_position_is_gone_from_a_stored_photograph(client, people):
    case = open_case(people[0])
    sign_in_verified(client, people[0])
    _attach(client, case, "foto.jpg", jpeg_with_gps(), "image/jpeg")
    stored = Attachment.objects.get()
    with Image.open(stored.file.path) as image:
        assert not image.getexif()
    response = client.get(reverse("attachment-file", args=[stored.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_another_region_cannot_download_an_attachment(client, people):
    case = open_case(people[0])
    sign_in_verified(client, people[0])
    _attach(client, case, "foto.jpg", jpeg_with_gps(), "image/jpeg")
    sign_in_verified(client, people[1])
    assert (
        client.get(reverse("attachment-file", args=[Attachment.objects.get().pk])).status_code
        == 404
    )


def test_a_closed_case_takes_no_new_records(people):
    from django.core.exceptions import ValidationError

    cusco = people[0]
    case = open_case(cusco)
    services.case_change_state(case=case, user=cusco, to_state="archived", reason="Duplicado")
    with pytest.raises(ValidationError):
        add_phone(case, cusco, "987654321")


def test_a_worked_case_passes_verify_audit_and_a_record_changed_by_sql_does_not(people):
    from django.db import connection

    from tests.test_forgery import verify

    cusco = people[0]
    case = open_case(cusco)
    person = add_person(case, cusco, first_names="Wilber", last_names="Ccahuana")
    add_phone(case, cusco, "987654321")
    services.case_change_state(case=case, user=cusco, to_state="investigating")
    status, output = verify()
    assert status == 0, output
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE investigation_caseperson SET last_names = 'Otro' WHERE id = %s", [person.pk]
        )
    status, output = verify()
    assert status == 1 and f"investigation_caseperson id={person.pk}" in output
