"""The investigation module's "done means", in a real browser: a regional investigator opens
a case from an alert, adds a suspect with a phone that already appears in another region's
case, is told to contact that region's DEPINTRAP (and nothing more), and the national
investigator sees both cases joined in the network view."""

import pytest

from investigation import services
from investigation.models import Phone
from tests.browser.conftest import screenshot
from tests.factories import (
    PASSWORD,
    sent_complaint,
    totp_code,
    totp_device,
    tree_of_command,
    user_with_role,
)
from tests.investigation.factories import investigators

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, username, device):
    page.goto("/ingresar/")
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.get_by_label("Código").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()


def test_a_phone_of_another_region_surfaces_and_the_nation_sees_the_network(page):
    tree = tree_of_command()
    cusco, puno, national = investigators(tree)
    puno_case = services.case_open(user=puno, title="Red de Juliaca")
    services.record_save(case=puno_case, model=Phone, user=puno, fields={"number": "987654321"})
    complaint = sent_complaint(user_with_role("station_officer", tree.cusco_station))
    alert = complaint.alerts.get(unit=tree.cusco_department)

    sign_in(page, "inv.cusco", totp_device(cusco))
    page.goto(f"/alertas/{alert.pk}/")
    page.get_by_role("link", name="Abrir caso").click()
    page.get_by_role("button", name="Abrir el caso").click()
    assert "abierto" in page.locator(".messages").inner_text()
    case_url = page.url

    page.get_by_role("link", name="Agregar una persona").click()
    page.locator("#id_role").select_option("trafficker")
    page.locator("#id_first_names").fill("Wilber")
    page.locator("#id_last_names").fill("Ccahuana Hernández")
    page.locator("#id_aliases").fill("El Gringo")
    page.get_by_role("button", name="Guardar").click()
    page.get_by_role("link", name="Agregar un teléfono").click()
    page.locator("#id_number").fill("+51 987-654-321")
    page.locator("#id_owner").select_option(label="Wilber Ccahuana Hernández")
    page.get_by_role("button", name="Guardar").click()

    notice = page.locator(".messages").inner_text()
    assert "Este teléfono también figura en un caso de DEPINTRAP Puno — comuníquese" in notice
    main = page.locator("main").inner_text()
    assert puno_case.number not in main and "Red de Juliaca" not in main
    screenshot(page, "case-crossing-notice")

    page.get_by_role("button", name="Salir").click()
    sign_in(page, "inv.nacional", totp_device(national))
    page.goto(case_url + "red/")
    drawing = page.locator("figure.network svg")
    assert drawing.is_visible()
    listed = page.locator("main").inner_text()
    assert puno_case.number in listed and "DEPINTRAP-CUSCO" in listed
    screenshot(page, "case-network")
