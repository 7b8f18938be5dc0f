"""The brief's "done means" for the reporting module, in a real browser: a station officer
sends a trafficking complaint and sees the verdict, cannot edit it, and an administrator
corrects it with a reason and shows the history."""

import re

import pytest

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, totp_code, totp_device, tree_of_command, user_with_role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, username):
    page.goto("/ingresar/")
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()


def test_an_officer_sends_a_complaint_and_an_administrator_corrects_it(page):
    tree = tree_of_command()
    user_with_role("station_officer", tree.cusco_station, username="oficial", rank="SO2 PNP")
    admin = user_with_role("administrator", tree.divintrap, username="admin")
    device = totp_device(admin)

    sign_in(page, "oficial")
    page.get_by_role("link", name="Nueva denuncia").first.click()
    page.get_by_label("Fecha de los hechos").fill("2026-03-14")
    page.get_by_label("Departamento").select_option("08")
    page.get_by_label("Distrito").select_option("080101")
    page.locator("#id_v-0-first_names").fill("María")
    page.locator("#id_v-0-last_names").fill("Huamaní Quispe")
    page.locator("#id_v-0-sex").select_option("F")
    page.locator("#id_v-0-age").fill("16")
    page.locator("#id_s-0-alias").fill("El Gringo")
    page.get_by_label("Qué pasó (relato breve)").fill(
        "Le ofrecieron trabajo de mesera en Puerto Maldonado; la retuvieron en un bar."
    )
    for code in ("captacion", "traslado", "engano", "explotacion_sexual"):
        page.locator(f"input[value={code}]").check()
    page.get_by_role("button", name="Revisar y enviar…").click()
    assert page.get_by_role("heading", name=re.compile("Posible caso de trata")).is_visible()
    screenshot(page, "complaint-review")
    page.get_by_role("button", name="Confirmar y enviar").click()

    heading = page.get_by_role("heading", level=1).inner_text()
    number = re.search(r"RETA-\d{4}-\d{6}", heading).group(0)
    assert "menor de edad" in page.locator(".verdict").inner_text()
    screenshot(page, "complaint-sent")

    page.goto(page.url + "editar/")
    assert "no puede modificarse" in page.locator(".messages").inner_text()
    assert page.url.endswith(f"/denuncias/{page.url.split('/')[-2]}/")

    page.get_by_role("button", name="Salir").click()
    sign_in(page, "admin")
    page.get_by_label("Código").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()
    page.goto("/denuncias/")
    page.get_by_role("link", name=number).click()
    page.get_by_role("link", name="Corregir").click()
    page.get_by_label("Qué pasó (relato breve)").fill(
        "Le ofrecieron trabajo de mesera en Mazuko; la retuvieron en un bar."
    )
    page.get_by_label("Motivo de la corrección").fill("El lugar estaba mal escrito en el relato")
    page.get_by_role("button", name="Guardar la corrección").click()
    history = page.locator("main").inner_text()
    assert "El lugar estaba mal escrito en el relato" in history and "Mazuko" in history
    screenshot(page, "complaint-history")
