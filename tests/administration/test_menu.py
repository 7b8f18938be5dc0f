"""The main menu of every page: the links each role may use, in the page's language."""

import re

import pytest
from django.urls import reverse

from tests.factories import sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


def menu_of(client, user, language="es") -> list[str]:
    sign_in_verified(client, user)
    client.cookies["django_language"] = language
    page = client.get(reverse("home")).content.decode()
    menu = page[page.index("<nav") : page.index("</nav>")]
    return re.findall(r"<a href=\"[^\"]+\">([^<]+)", menu)


def test_a_station_officer_sees_the_complaints_but_not_the_cases_users_or_audit(client, tree):
    links = menu_of(client, user_with_role("station_officer", tree.cusco_station))
    assert "Denuncias" in links
    assert not {"Casos", "Usuarios", "Auditoría"} & set(links)


def test_an_administrator_sees_the_users_and_the_paper_forms(client, tree):
    links = menu_of(client, user_with_role("administrator", tree.pnp))
    assert {"Usuarios", "Formatos en papel"} <= set(links)


def test_an_analyst_sees_no_link_to_personal_data(client, tree):
    links = menu_of(client, user_with_role("analyst", tree.secretariat))
    assert not {"Denuncias", "Casos", "Solicitudes"} & set(links)


def test_the_menu_reads_in_english_once_read_in_spanish_by_the_same_role(client, tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    assert "Denuncias" in menu_of(client, officer)
    assert "Complaints" in menu_of(client, officer, language="en")


def test_the_menu_follows_the_signed_in_user_whatever_user_a_view_shows(rf, tree):
    from django.template import Context, Template

    officer = user_with_role("station_officer", tree.cusco_station)
    request = rf.get("/")
    request.user = officer
    shown = user_with_role("administrator", tree.pnp)
    menu = Template("{% load menu %}{% main_menu %}").render(
        Context({"request": request, "user": shown})
    )
    assert "Denuncias" in menu and "Usuarios" not in menu
