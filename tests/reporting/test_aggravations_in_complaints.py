"""The aggravating circumstances in the complaint's life: the form's boxes, the verdict
stored when sent, corrections, the documents."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from administration.models import District, ElementArticle
from reporting import rules
from reporting.models import Complaint
from reporting.services import complaint_correct, document_issue
from tests.factories import (
    complaint_input,
    sent_complaint,
    sign_in_verified,
    ubigeo_places,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(tree):
    return user_with_role("station_officer", tree.cusco_station)


@pytest.fixture
def admin(tree):
    return user_with_role("administrator", tree.divintrap)


def huepetuhe_complaint(officer):
    """Issue 11's story: a girl of 16 recruited in Pucallpa with a false job offer and
    exploited in a bar of a mining camp in Huepetuhe, October 2026."""
    ubigeo_places("170204")
    return sent_complaint(
        officer,
        date_of_facts=date(2026, 10, 5),
        district=District.objects.get(code="170204"),
        narrative="Captada en Pucallpa con una falsa oferta de trabajo; explotada en un bar "
        "del campamento minero de Huepetuhe.",
        acts=["captacion", "traslado", "acogida"],
        means=["engano"],
        purposes=["explotacion_sexual"],
        victims=[{"first_names": "Lucía", "last_names": "Ramírez Ñaupari", "sex": "F", "age": 16}],
    )


def test_the_huepetuhe_complaint_is_sent_as_129_b_with_urgent_priority(officer, time_machine):
    time_machine.move_to("2026-10-20 10:00 -05:00")
    complaint = huepetuhe_complaint(officer)
    assert (complaint.verdict, complaint.priority) == ("trafficking", "urgent")
    assert (complaint.verdict_detail["article"], complaint.verdict_detail["law"]) == (
        "129-B",
        "Ley 31146",
    )
    assert complaint.verdict_detail["aggravating"] == ["victima_14_a_17"]
    assert (
        "Agravante de primer grado: víctima de 14 a 17 años."
        in (complaint.verdict_detail["reasons"])
    )
    assert {alert.priority for alert in complaint.alerts.all()} == {"urgent"}


def test_a_disability_ticked_for_a_victim_aggravates_in_the_second_degree(officer):
    complaint = sent_complaint(
        officer,
        victims=[{"first_names": "Rosa", "sex": "F", "age": 25, "disability": True}],
    )
    assert complaint.verdict_detail["aggravating"] == ["victima_discapacidad"]
    assert (
        "Agravante de segundo grado: víctima con discapacidad o incapaz."
        in (complaint.verdict_detail["reasons"])
    )


def test_a_sent_complaint_keeps_the_verdict_it_was_sent_with(officer, client):
    complaint = sent_complaint(officer)
    # Later the catalogue changes: an administrator decides 14 to 17 no longer aggravates.
    ElementArticle.objects.filter(element="victima_14_a_17").delete()

    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.verdict_detail["article"] == "129-B"
    assert complaint.rules_version == rules.RULES_VERSION
    sign_in_verified(client, officer)
    page = client.get(reverse("complaint-detail", args=[complaint.pk])).content.decode()
    assert "129-B" in page and "Agravante de primer grado" in page


def test_a_correction_recomputes_the_verdict_with_the_current_rules(officer, admin):
    complaint = sent_complaint(officer)
    ElementArticle.objects.filter(element="victima_14_a_17").delete()

    corrected = complaint_correct(
        complaint_id=complaint.pk,
        by=admin,
        reason="Se corrige el relato",
        data=complaint_input(narrative="Relato corregido."),
    )
    assert corrected.verdict_detail["article"] == "129-A"
    assert corrected.verdict_detail["aggravating"] == []
    assert corrected.rules_version == rules.RULES_VERSION


# The form.


@pytest.fixture
def signed_in(client, officer):
    sign_in_verified(client, officer)
    return client


def form_page(client):
    return client.get(reverse("complaint-new")).content.decode()


def test_the_form_has_a_box_for_an_employment_agency_with_an_example(signed_in):
    page = form_page(signed_in)
    assert 'value="agente_organizacion_empresarial"' in page
    assert "agencia de empleos" in page


def test_the_form_has_a_box_for_two_or_more_offenders_with_an_example(signed_in):
    page = form_page(signed_in)
    assert 'value="pluralidad_agentes"' in page
    assert "dos hombres la recogieron en el terminal" in page


def test_the_boxes_show_the_article_and_degree_in_force(signed_in):
    page = form_page(signed_in)
    assert "art. 129-B, 1.er grado" in page
    assert "art. 129-B, 2.º grado" in page


def test_the_degree_for_any_date_typed_travels_with_the_box(signed_in):
    page = form_page(signed_in)
    assert "153-A, 1.er grado" in page  # in the periods the script reads


def test_the_circumstances_worked_out_from_the_victims_are_explained_not_ticked(signed_in):
    page = form_page(signed_in)
    for code in ("victima_14_a_17", "victima_menor_14", "pluralidad_victimas"):
        assert f'value="{code}"' not in page
    assert "Víctima de 14 a 17 años" in page
    assert "una chica de 16 años captada con una falsa oferta de trabajo" in page


def test_the_review_before_sending_says_the_degree(signed_in, tree):
    data = {
        "draft_key": "0b7d5bd6-6f59-4f62-a1a8-6c1bd0a4e011",
        "channel": "in_person",
        "date_of_facts": "2026-03-14",
        "department": "08",
        "district": "080101",
        "unit": str(tree.cusco_station.pk),
        "narrative": "Le ofrecieron trabajo de mesera y la retuvieron en un bar.",
        "acts": ["captacion"],
        "purposes": ["explotacion_sexual"],
        "aggravating": ["pluralidad_agentes"],
        "v-TOTAL_FORMS": "1",
        "v-INITIAL_FORMS": "0",
        "v-0-first_names": "María",
        "v-0-sex": "F",
        "v-0-age": "13",
        "s-TOTAL_FORMS": "0",
        "s-INITIAL_FORMS": "0",
        "action": "send",
    }
    page = signed_in.post(reverse("complaint-new"), data).content.decode()
    assert "Agravante de primer grado: dos o más agentes." in page
    assert "Agravante de segundo grado: víctima menor de 14 años." in page
    assert "129-B" in page


# The documents.


def pdf_text(document) -> str:
    with document.pdf.open("rb") as handle:
        data = handle.read()
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_the_record_names_the_aggravation_worked_out_from_the_age(officer):
    complaint = sent_complaint(officer)
    text = pdf_text(document_issue(complaint=complaint, user=officer, kind="acta"))
    assert "agravantes: Víctima de 14 a 17 años" in text


def test_the_record_of_the_huepetuhe_complaint_spells_the_place(officer, time_machine):
    time_machine.move_to("2026-10-20 10:00 -05:00")
    complaint = huepetuhe_complaint(officer)
    text = pdf_text(document_issue(complaint=complaint, user=officer, kind="acta"))
    assert "distrito de Huepetuhe, provincia de Manu, departamento de Madre de Dios" in text
    assert "artículo 129-B del Código Penal (Ley 31146)" in text
    assert "Lucía Ramírez Ñaupari" in text


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("021806", "distrito de Nepeña (Áncash)"),
        ("081106", "distrito de Kosñipata (Cusco)"),
        ("220901", "distrito de Tarapoto (San Martín)"),
        ("030101", "distrito de Abancay (Apurímac)"),
        ("120501", "distrito de Junín (Junín)"),
        ("100101", "distrito de Huánuco (Huánuco)"),
    ],
)
def test_the_notice_to_the_prosecutor_spells_the_place(officer, code, expected):
    from administration.models import JusticeOffice

    ubigeo_places(code)
    district = District.objects.get(code=code)
    JusticeOffice.objects.create(
        kind="prosecutor",
        name="Fiscalía Provincial Especializada en Trata de Personas",
        department_id=code[:2],
        district_id=code,
    )
    complaint = sent_complaint(officer, district=district)
    text = pdf_text(document_issue(complaint=complaint, user=officer, kind="fiscalia"))
    assert expected in text


def test_the_page_of_a_complaint_shows_an_article_as_the_catalogue_now_has_it(officer, client):
    complaint = sent_complaint(officer, aggravating=["pluralidad_victimas"])
    sign_in_verified(client, officer)
    url = reverse("complaint-detail", args=[complaint.pk])
    assert "129-B, 1.er grado" in client.get(url).content.decode()
    row = ElementArticle.objects.get(
        element="pluralidad_victimas", valid_from__lte=complaint.date_of_facts, valid_to=None
    )
    row.degree = 2
    row.save()
    assert "129-B, 2.º grado" in client.get(url).content.decode()
