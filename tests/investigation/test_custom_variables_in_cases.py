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


def person_data(role, **custom):
    data = {
        "role": role,
        "first_names": "Rosa",
        "last_names": "Quispe Mamani",
        "sex": "F",
        "nationality": "PE",
        "document_type": "",
        "network_role": "",
    }
    return data | {f"cv-{key}": value for key, value in custom.items()}


@pytest.fixture
def person_variables():
    variable("lengua", target="victim", kind="text", label_es="Lengua materna")
    variable("alias_red", target="suspect", kind="text", label_es="Rol según la red", required=True)


def test_a_persons_form_asks_the_variables_of_victims_and_of_traffickers(
    client, lead, case, person_variables
):
    sign_in_verified(client, lead)
    page = client.get(reverse("record-new", args=[case.pk, "personas"])).content.decode()
    assert 'name="cv-victim-lengua"' in page and 'name="cv-suspect-alias_red"' in page
    assert "Otros datos, si es víctima" in page


def test_a_victim_keeps_the_victims_variables_only(client, lead, case, person_variables):
    sign_in_verified(client, lead)
    data = person_data("victim", **{"victim-lengua": "quechua", "suspect-alias_red": "x"})
    client.post(reverse("record-new", args=[case.pk, "personas"]), data)
    person = case.people.get()
    assert values_for("victim", [person.pk])[person.pk] == {"lengua": "quechua"}
    assert values_for("suspect", [person.pk])[person.pk] == {}


def test_a_required_variable_of_traffickers_does_not_stop_saving_a_victim(
    client, lead, case, person_variables
):
    sign_in_verified(client, lead)
    client.post(reverse("record-new", args=[case.pk, "personas"]), person_data("victim"))
    assert case.people.count() == 1


def test_a_trafficker_without_a_required_variable_is_not_saved(
    client, lead, case, person_variables
):
    sign_in_verified(client, lead)
    response = client.post(
        reverse("record-new", args=[case.pk, "personas"]), person_data("trafficker")
    )
    assert response.status_code == 200 and "Este campo es obligatorio" in response.content.decode()
    assert not case.people.exists()


def test_the_case_page_shows_a_victims_values_to_those_who_read_the_victim_in_full(
    client, lead, case, person_variables
):
    sign_in_verified(client, lead)
    data = person_data("victim", **{"victim-lengua": "quechua"})
    client.post(reverse("record-new", args=[case.pk, "personas"]), data)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "· Lengua materna: quechua</td>" in page
