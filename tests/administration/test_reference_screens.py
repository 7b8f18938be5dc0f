"""The tree and the reference tables kept in the application's screens: each change with
an effective date, old records keep their unit, every change audited and shown with its
before and after."""

import pytest
from django.urls import reverse

from administration.integrity import records_apart_from_history
from administration.models import AuditEvent, JusticeOffice, Law, Unit
from alerts.models import AlertRoute
from tests.factories import kind, sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, tree):
    admin = user_with_role("administrator", tree.divintrap)
    sign_in_verified(client, admin)
    return admin


@pytest.fixture
def complaint(tree):
    return sent_complaint(user_with_role("station_officer", tree.cusco_station))


def reorganize(client, unit, **data):
    return client.post(reverse("unit-reorganize", kwargs={"pk": unit.pk}), data)


def test_a_new_station_is_created_under_a_directorate(client, tree, admin):
    client.post(
        reverse("unit-new", kwargs={"pk": tree.cusco_directorate.pk}),
        {
            "kind": kind("comisaria").pk,
            "code": "CPNP-WANCHAQ",
            "name": "Comisaría de Wanchaq",
            "valid_from": "01/12/2026",
        },
    )
    unit = Unit.objects.get(code="CPNP-WANCHAQ")
    assert unit.parent == tree.cusco_directorate and unit.path.startswith(
        tree.cusco_directorate.path
    )


def test_a_renamed_station_keeps_its_old_complaints(client, tree, admin, complaint):
    officer = complaint.registered_by
    reorganize(
        client,
        tree.cusco_station,
        operation="rename",
        on="01/12/2026",
        new_units="CPNP-CUSCO-CENTRO|Comisaría Cusco Centro",
    )
    new = Unit.objects.get(code="CPNP-CUSCO-CENTRO")
    complaint.refresh_from_db()
    officer.refresh_from_db()
    tree.cusco_station.refresh_from_db()
    assert complaint.unit == tree.cusco_station and tree.cusco_station.successor == new
    assert officer.unit == new


def test_the_people_of_a_renamed_unit_still_see_its_old_complaints(client, tree, admin, complaint):
    from reporting.selectors import sent_complaints_for_user

    investigator = user_with_role("regional_investigator", tree.cusco_department)
    reorganize(
        client,
        tree.cusco_directorate,
        operation="rename",
        on="01/12/2026",
        new_units="REGPOL-CUSCO|Región Policial Cusco",
    )
    investigator.refresh_from_db()
    assert complaint in sent_complaints_for_user(investigator)


def test_a_split_closes_the_unit_and_opens_two(client, tree, admin, complaint):
    reorganize(
        client,
        tree.cusco_station,
        operation="split",
        on="01/12/2026",
        new_units="CPNP-NORTE|Comisaría Norte\nCPNP-SUR|Comisaría Sur",
    )
    tree.cusco_station.refresh_from_db()
    complaint.refresh_from_db()
    assert tree.cusco_station.valid_to is not None
    assert Unit.objects.filter(code__in=["CPNP-NORTE", "CPNP-SUR"]).count() == 2
    assert complaint.unit == tree.cusco_station


def test_a_merge_closes_both_and_opens_one(client, tree, admin):
    reorganize(
        client,
        tree.cusco_station,
        operation="merge",
        on="01/12/2026",
        new_units="CPNP-UNIDA|Comisaría Unida",
        merge_with=[tree.cusco_department.pk],
    )
    new = Unit.objects.get(code="CPNP-UNIDA")
    assert set(Unit.objects.filter(successor=new)) == {tree.cusco_station, tree.cusco_department}


def test_a_unit_with_people_cannot_be_closed(client, tree, admin):
    user_with_role("station_officer", tree.puno_station)
    response = reorganize(client, tree.puno_station, operation="close", on="01/12/2026")
    tree.puno_station.refresh_from_db()
    assert tree.puno_station.valid_to is None
    assert "Primero traslade sus unidades y su personal" in response.content.decode()


def test_an_empty_unit_is_closed_from_a_date(client, tree, admin):
    reorganize(client, tree.puno_station, operation="close", on="01/12/2026")
    tree.puno_station.refresh_from_db()
    assert tree.puno_station.valid_to.isoformat() == "2026-11-30"


def test_a_moved_region_is_seen_by_its_new_directorate(client, tree, admin):
    client.post(
        reverse("unit-move", kwargs={"pk": tree.madre_de_dios.pk}),
        {"parent": tree.puno_directorate.pk, "on": "01/12/2026"},
    )
    tree.madre_de_dios.refresh_from_db()
    assert tree.madre_de_dios.path.startswith(tree.puno_directorate.path)


def test_every_unit_changed_in_the_tree_is_what_its_signed_history_says(client, tree, admin):
    client.post(
        reverse("unit-move", kwargs={"pk": tree.cusco_directorate.pk}),
        {"parent": tree.dirincri.pk, "on": "01/12/2026"},
    )
    assert records_apart_from_history(Unit) == []


def test_each_tree_change_is_audited(client, tree, admin):
    reorganize(client, tree.puno_station, operation="close", on="01/12/2026")
    event = AuditEvent.objects.get(object_type="administration.unit", action="change")
    assert event.detail.startswith("close on=2026-12-01")


def test_the_unit_history_shows_before_and_after(client, tree, admin):
    reorganize(client, tree.puno_station, operation="close", on="01/12/2026")
    page = client.get(reverse("unit-history", kwargs={"pk": tree.puno_station.pk}))
    assert "30/11/2026" in page.content.decode() and "Antes" in page.content.decode()


def test_a_law_changed_in_its_screen_keeps_before_and_after(client, tree, admin):
    law = (
        Law.objects.get(code="ley-31146")
        if Law.objects.filter(code="ley-31146").exists()
        else Law.objects.first()
    )
    data = {
        "code": law.code,
        "name": law.name,
        "published": law.published.strftime("%d/%m/%Y"),
        "in_force_from": law.in_force_from.strftime("%d/%m/%Y"),
        "summary_es": "Resumen corregido por la administración",
        "summary_en": law.summary_en,
    }
    client.post(reverse("reference-edit", kwargs={"table": "leyes", "pk": law.pk}), data)
    page = client.get(reverse("reference-history", kwargs={"table": "leyes", "pk": law.pk}))
    assert "Resumen corregido por la administración" in page.content.decode()
    assert AuditEvent.objects.filter(object_type="administration.law", action="change").exists()


def test_a_justice_office_is_added_and_audited(client, tree, admin):
    client.post(
        reverse("reference-new", kwargs={"table": "directorio"}),
        {"kind": "shelter", "name": "CAR Virgen de Fátima", "department": "08", "active": "on"},
    )
    office = JusticeOffice.objects.get(name="CAR Virgen de Fátima")
    assert AuditEvent.objects.filter(object_id=str(office.pk), action="create").exists()
    assert office.history.count() == 1


def test_an_alert_route_is_set_per_department(client, tree, admin):
    client.post(
        reverse("reference-new", kwargs={"table": "rutas-de-alerta"}),
        {"department": "17", "unit": tree.cusco_department.pk, "valid_from": "01/12/2026"},
    )
    assert AlertRoute.objects.get(department_id="17").unit == tree.cusco_department


def test_a_regional_administrator_does_not_reach_the_reference_tables(client, tree):
    sign_in_verified(client, user_with_role("regional_administrator", tree.cusco_directorate))
    assert client.get(reverse("reference-list", kwargs={"table": "leyes"})).status_code == 404
    assert (
        client.get(reverse("unit-reorganize", kwargs={"pk": tree.cusco_station.pk})).status_code
        == 404
    )


def test_an_unknown_table_is_a_404(client, admin):
    assert client.get(reverse("reference-list", kwargs={"table": "nada"})).status_code == 404
