"""Variables administrators add to case files reach the case's forms and its page, typed
and validated like those of complaints, with no deploy."""

from datetime import date

import pytest
from django.urls import reverse

from administration.custom_fields import values_for
from administration.models import CustomVariable
from tests.factories import sign_in_verified
from tests.investigation.factories import investigators, open_case

pytestmark = pytest.mark.django_db


def variable(code, target="case_file", kind="number", **fields):
    return CustomVariable.objects.create(
        code=code,
        target=target,
        kind=kind,
        label_es=fields.pop("label_es", "Víctimas rescatadas en el operativo"),
        label_en="Victims rescued in the raid",
        active_from=date(2020, 1, 1),
        **fields,
    )


@pytest.fixture
def lead(tree):
    return investigators(tree)[0]


@pytest.fixture
def case(lead):
    return open_case(lead, title="Bar La Cabaña")


def edit_data(case, **custom):
    return {
        "title": case.title,
        "lead": case.lead_id,
        "summary": "",
        "narrative": "",
        **{f"cv-{code}": value for code, value in custom.items()},
    }


def test_a_case_file_variable_is_asked_on_the_case_form(client, lead, case):
    variable("rescatadas")
    sign_in_verified(client, lead)
    page = client.get(reverse("case-edit", args=[case.pk])).content.decode()
    assert "Víctimas rescatadas en el operativo" in page and 'name="cv-rescatadas"' in page


def test_a_complaint_variable_is_not_asked_on_the_case_form(client, lead, case):
    variable("zona_rural", target="complaint", kind="yes_no", label_es="¿Zona rural?")
    sign_in_verified(client, lead)
    page = client.get(reverse("case-edit", args=[case.pk])).content.decode()
    assert "¿Zona rural?" not in page


def test_the_value_saved_with_the_case_shows_on_its_page(client, lead, case):
    variable("rescatadas")
    sign_in_verified(client, lead)
    client.post(reverse("case-edit", args=[case.pk]), edit_data(case, rescatadas="12"))
    assert values_for("case_file", [case.pk])[case.pk] == {"rescatadas": 12}
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "<dt>Víctimas rescatadas en el operativo</dt><dd>12</dd>" in page


def test_a_value_that_is_not_a_number_gets_a_spanish_message_and_keeps_what_was_typed(
    client, lead, case
):
    variable("rescatadas")
    sign_in_verified(client, lead)
    data = {**edit_data(case, rescatadas="doce"), "title": "Bar La Cabaña de Mazuko"}
    response = client.post(reverse("case-edit", args=[case.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "Introduzca un número" in page
    assert 'value="doce"' in page and 'value="Bar La Cabaña de Mazuko"' in page
    case.refresh_from_db()
    assert case.title == "Bar La Cabaña" and values_for("case_file", [case.pk])[case.pk] == {}


def test_a_case_opened_with_a_value_keeps_it(client, lead):
    variable("rescatadas")
    sign_in_verified(client, lead)
    response = client.post(
        reverse("case-new"), {"title": "Operativo Mazuko", "summary": "", "cv-rescatadas": "3"}
    )
    case_id = int(response.url.rstrip("/").split("/")[-1])
    assert values_for("case_file", [case_id])[case_id] == {"rescatadas": 3}


def test_a_vehicle_variable_is_asked_and_kept_with_the_vehicle(client, lead, case):
    variable(
        "tipo_vehiculo",
        target="vehicle",
        kind="choice",
        label_es="Tipo de vehículo",
        options=["combi|Combi|Minibus", "camion|Camión|Lorry"],
    )
    sign_in_verified(client, lead)
    url = reverse("record-new", args=[case.pk, "vehiculos"])
    assert 'name="cv-tipo_vehiculo"' in client.get(url).content.decode()
    client.post(
        url, {"plate": "ABC-123", "description": "", "notes": "", "cv-tipo_vehiculo": "combi"}
    )
    vehicle = case.vehicles.get()
    assert values_for("vehicle", [vehicle.pk])[vehicle.pk] == {"tipo_vehiculo": "combi"}


def test_a_phone_takes_no_variables(client, lead, case):
    variable("rescatadas")
    sign_in_verified(client, lead)
    page = client.get(reverse("record-new", args=[case.pk, "telefonos"])).content.decode()
    assert 'name="cv-' not in page


def route_data(**custom):
    legs = [("recruitment", "210101"), ("exploitation", "080101")]
    data = {"description": "Juliaca → Cusco", "leg-TOTAL_FORMS": "2", "leg-INITIAL_FORMS": "0"}
    for n, (stage, district) in enumerate(legs):
        data |= {f"leg-{n}-stage": stage, f"leg-{n}-district": district}
    return data | {f"cv-{code}": value for code, value in custom.items()}


def test_a_route_variable_is_kept_with_the_route_and_shown_beside_it(client, lead, case):
    variable("pasajes", target="route", kind="yes_no", label_es="¿Pasajes pagados por el captor?")
    sign_in_verified(client, lead)
    client.post(reverse("route-new", args=[case.pk]), route_data(pasajes="1"))
    route = case.routes.get()
    assert values_for("route", [route.pk])[route.pk] == {"pasajes": True}
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "· ¿Pasajes pagados por el captor?: sí</small>" in page


def test_a_place_shows_its_values_on_the_case_page(client, lead, case):
    from investigation.models import Place
    from investigation.services import record_save

    variable("aforo", target="place", label_es="Aforo")
    place = record_save(
        case=case,
        model=Place,
        user=lead,
        fields={"kind": "bar", "name": "La Cabaña", "district_id": "170101"},
    )
    from administration.custom_fields import values_save

    values_save(target="place", object_id=place.pk, values={"aforo": 40}, by=lead)
    sign_in_verified(client, lead)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "· Aforo: 40</small>" in page


def test_an_administrator_is_offered_only_records_whose_forms_ask_for_variables(client, tree):
    from tests.factories import user_with_role

    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    page = client.get(reverse("variable-new")).content.decode()
    assert 'value="case_file"' in page and 'value="route"' in page
    assert 'value="victim"' not in page and 'value="suspect"' not in page
