"""An administrator rotates an officer to another station; the successor signs in and
finds the drafts and the alerts handed over."""

import pytest

from alerts.services import alert_deliver, alert_take
from reporting.services import complaint_save_draft
from tests.browser.conftest import screenshot
from tests.factories import (
    PASSWORD,
    complaint_input,
    sent_complaint,
    totp_code,
    totp_device,
    tree_of_command,
    user_with_role,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, username, device):
    page.goto("/")
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.get_by_label("Código").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()


def test_an_administrator_rotates_an_officer_and_the_successor_finds_the_work(page):
    tree = tree_of_command()
    admin = user_with_role("administrator", tree.divintrap, username="admin")
    leaving = user_with_role(
        "regional_investigator", tree.cusco_department, username="saliente", last_name="Saliente"
    )
    successor = user_with_role(
        "regional_investigator", tree.cusco_department, username="sucesora", last_name="Sucesora"
    )
    complaint = sent_complaint(user_with_role("station_officer", tree.cusco_station))
    alert = complaint.alerts.get(unit=tree.cusco_department)
    alert_deliver(alert.pk)
    alert_take(alert=alert, user=leaving)
    complaint_save_draft(
        user=leaving,
        unit=leaving.unit,
        data=complaint_input(narrative="Borrador que el saliente dejó a medias."),
    )

    sign_in(page, "admin", totp_device(admin))
    page.goto("/administracion/usuarios/")
    page.get_by_role("link", name="Saliente").first.click()
    page.get_by_role("link", name="Rotar: terminar la asignación y entregar lo pendiente").click()
    page.get_by_label("La asignación termina el").fill("30/11/2026")
    page.get_by_label("Nueva unidad", exact=True).select_option(str(tree.puno_station.pk))
    page.get_by_label("Rol en la nueva unidad").select_option(label="Efectivo de comisaría")
    page.get_by_label("Sucesor(a)").select_option(str(successor.pk))
    page.get_by_role("button", name="Revisar la entrega").click()
    assert page.get_by_role("heading", name="Confirmar la rotación").is_visible()
    listed = page.locator("main").inner_text()
    assert "Denuncias en borrador (1)" in listed and "Alertas tomadas y aún abiertas (1)" in listed
    screenshot(page, "rotation-confirmation")
    page.get_by_role("button", name="Confirmar la rotación").click()
    assert page.get_by_text("La rotación quedó registrada y todo fue entregado.").is_visible()
    page.get_by_role("button", name="Salir").click()

    sign_in(page, "sucesora", totp_device(successor))
    page.goto("/denuncias/")
    assert page.get_by_role("heading", name="Sus borradores").is_visible()
    screenshot(page, "rotation-successor-drafts")
    page.goto(f"/alertas/{alert.pk}/")
    detail = page.locator("main").inner_text()
    assert "Sucesora" in detail and "Entregada por rotación" in detail
    screenshot(page, "rotation-successor-alert")
