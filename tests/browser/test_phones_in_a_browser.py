"""Phones in a real browser: an officer types the phones of two alleged traffickers and of
the victim's contact as people write them, is told in Spanish which one is not a number
(keeping what was typed), fixes it and sends; the complaint shows them in one spelling."""

import re

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_complaint_in_a_browser import sign_in
from tests.factories import tree_of_command, user_with_role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_records_the_phones_of_the_traffickers_and_of_the_victims_contact(page):
    tree = tree_of_command()
    user_with_role("station_officer", tree.cusco_station, username="oficial", rank="SO2 PNP")

    sign_in(page, "oficial")
    page.get_by_role("link", name="Nueva denuncia").first.click()
    page.get_by_label("Fecha de los hechos").fill("2026-03-14")
    page.get_by_label("Departamento").select_option("08")
    page.get_by_label("Distrito").select_option("080101")
    page.locator("#id_v-0-first_names").fill("María")
    page.locator("#id_v-0-last_names").fill("Huamaní Quispe")
    page.locator("#id_v-0-sex").select_option("F")
    page.locator("#id_v-0-age").fill("16")
    page.locator("#id_v-0-contact_phone").fill("(084) 23-45-67")
    page.locator("#id_s-0-alias").fill("El Gringo")
    page.locator("#id_s-0-phone").fill("987-654-321")
    page.locator("#id_s-0-phone_operator").select_option(label="Claro")
    page.get_by_role("button", name="+ Añadir un presunto tratante").click()
    page.locator("#id_s-1-alias").fill("La Tía")
    page.locator("#id_s-1-phone").fill("98765")
    page.locator("#id_s-1-phone_operator").select_option(label="Bitel")
    page.get_by_label("Qué pasó (relato breve)").fill(
        "Le ofrecieron trabajo de mesera en Puerto Maldonado; la retuvieron en un bar."
    )
    for code in ("captacion", "traslado", "engano", "explotacion_sexual"):
        page.locator(f"input[value={code}]").check()
    page.get_by_role("button", name="Revisar y enviar…").click()

    # The wrong number is named in Spanish, and nothing typed is lost.
    wrong = page.locator(".f-phone").nth(1)
    assert "No es un número peruano" in wrong.inner_text()
    assert page.locator("#id_s-1-phone").input_value() == "98765"
    assert page.locator("#id_s-1-alias").input_value() == "La Tía"
    assert page.locator("#id_s-0-phone").input_value() == "987-654-321"
    screenshot(page, "complaint-phone-refused")

    page.locator("#id_s-1-phone").fill("+51 912 345 678")
    page.get_by_role("button", name="Revisar y enviar…").click()
    page.get_by_role("button", name="Confirmar y enviar").click()

    heading = page.get_by_role("heading", level=1).inner_text()
    assert re.search(r"RETA-\d{4}-\d{6}", heading)
    main = page.locator("main").inner_text()
    assert "+51 987 654 321 (Claro)" in main
    assert "+51 912 345 678 (Bitel)" in main
    assert "+51 84 234 567" in main
    screenshot(page, "complaint-phones-sent")
