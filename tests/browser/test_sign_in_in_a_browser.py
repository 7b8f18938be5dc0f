import pytest

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, totp_code, totp_device, tree_of_command, user_with_role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, username):
    page.goto("/")
    page.get_by_label("Usuario").fill(username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()


def test_a_station_officer_signs_in_and_is_offered_a_new_complaint(page):
    tree = tree_of_command()
    user_with_role("station_officer", tree.cusco_station, username="oficial", rank="SO2 PNP")
    sign_in(page, "oficial")
    screenshot(page, "home-station-officer")
    assert page.get_by_role("heading", name="Nueva denuncia").is_visible()
    header = page.locator("header").inner_text()
    assert "SO2 PNP Rosa Quispe" in header and "CPNP-CUSCO" in header or "Comisaría" in header


def test_an_investigator_types_the_code_of_the_authenticator_app(page):
    tree = tree_of_command()
    investigator = user_with_role("regional_investigator", tree.cusco_department, username="inv")
    device = totp_device(investigator)
    sign_in(page, "inv")
    page.get_by_label("Código").fill(totp_code(device))
    screenshot(page, "second-factor")
    page.get_by_role("button", name="Verificar").click()
    assert page.get_by_role("heading", name="Alertas y casos").is_visible()
