"""In a real browser: the national division's chief finds an alert of the division left
unacknowledged on the home page, and an administrator sees a delivery given up as failed,
with its error, and retries it with one button."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.utils import timezone

from alerts import services
from tests.browser.conftest import screenshot
from tests.browser.test_complaint_in_a_browser import sign_in
from tests.factories import sent_complaint, totp_code, totp_device, tree_of_command, user_with_role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in_with_code(page, username, device):
    sign_in(page, username)
    page.get_by_label("Código").fill(totp_code(device))
    page.get_by_role("button", name="Verificar").click()


def test_the_chief_sees_an_overdue_alert_and_an_administrator_retries_a_failed_delivery(
    page, settings
):
    tree = tree_of_command()
    tree.cusco_department.email = "depintrap.cusco@example.pe"
    tree.cusco_department.save(update_fields=["email"])
    officer = user_with_role("station_officer", tree.cusco_station)
    chief = user_with_role("national_investigator", tree.divintrap, username="jefe")
    chief.user_permissions.add(Permission.objects.get(codename="receive_escalations"))
    admin = user_with_role("administrator", tree.divintrap, username="admin")
    complaint = sent_complaint(officer)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    settings.ALERT_DELIVERY_MAX_ATTEMPTS = 2
    original = services.send_mail
    services.send_mail = refuse
    try:
        services.relay_pending()
        services.relay_pending()
    finally:
        services.send_mail = original
    with time_machine.travel(timezone.now() + timedelta(hours=2, minutes=5), tick=False):
        services.escalate_overdue()

    sign_in_with_code(page, "jefe", totp_device(chief))
    notice = page.get_by_role("alert")
    assert "Alertas de su unidad sin acuse de recibo a tiempo" in notice.inner_text()
    assert complaint.number in notice.inner_text()
    screenshot(page, "home-overdue-alert")
    page.get_by_role("button", name="Salir").click()

    sign_in_with_code(page, "admin", totp_device(admin))
    page.goto("/alertas/entregas/")
    row = page.locator("tr", has_text="fallida")
    assert "ConnectionRefusedError" in row.inner_text()
    screenshot(page, "deliveries-failed")
    row.get_by_role("button", name="Reintentar").click()
    assert "La entrega se puso de nuevo en cola." in page.locator(".messages").inner_text()
    assert page.locator("tr", has_text="fallida").count() == 0
