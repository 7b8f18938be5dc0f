"""The official name of the year, typed by an administrator, is the first line of every
document of the year; a year without one prints no such line."""

import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from administration.models import JusticeOffice, OfficialYearName
from reporting.documents import blank_form_pdf
from reporting.models import PaperFormSeries
from reporting.services import document_issue
from tests.factories import sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db

YEAR_2026 = "Año de la Esperanza y el Fortalecimiento de la Democracia"


def pdf_lines(data: bytes) -> list[str]:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return [line.strip() for line in result.stdout.decode().splitlines() if line.strip()]


@pytest.fixture
def officer(tree):
    JusticeOffice.objects.create(
        kind="prosecutor",
        name="Fiscalía Provincial Especializada en Trata de Personas de Cusco",
        department_id="08",
        district_id="080101",
    )
    return user_with_role("station_officer", tree.cusco_station, rank="SO2 PNP")


def issued(officer, kind="acta"):
    document = document_issue(complaint=sent_complaint(officer), user=officer, kind=kind)
    with document.pdf.open("rb") as handle:
        return pdf_lines(handle.read())


def test_a_document_starts_with_the_official_name_of_its_year(officer):
    OfficialYearName.objects.create(year=timezone.localdate().year, name=YEAR_2026)
    lines = issued(officer)
    assert lines[0] == f"“{YEAR_2026}”"


def test_every_kind_of_letter_carries_it_first(officer):
    OfficialYearName.objects.create(year=timezone.localdate().year, name=YEAR_2026)
    for kind in ("fiscalia", "allanamiento"):
        assert issued(officer, kind)[0] == f"“{YEAR_2026}”"


def test_a_year_without_a_name_prints_the_heading_first(officer):
    lines = issued(officer)
    assert not lines[0].startswith("“") and "Año de" not in " ".join(lines)


def test_the_name_of_another_year_is_not_printed(officer):
    OfficialYearName.objects.create(year=timezone.localdate().year - 1, name="Año anterior")
    assert "Año anterior" not in " ".join(issued(officer))


def test_a_document_issued_on_new_years_eve_carries_that_years_name(officer):
    OfficialYearName.objects.create(year=2026, name=YEAR_2026)
    OfficialYearName.objects.create(year=2027, name="Año siguiente")
    # 23:30 in Lima is already 2027 in UTC: the year is Peru's.
    lima_evening = datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("America/Lima"))
    with time_machine.travel(lima_evening, tick=False):
        lines = issued(officer)
    assert lines[0] == f"“{YEAR_2026}”"


def test_blank_paper_forms_carry_it_and_stay_one_page_each(tree):
    OfficialYearName.objects.create(year=timezone.localdate().year, name=YEAR_2026)
    series = PaperFormSeries.objects.create(
        code="PUNO-2026",
        unit=tree.puno_station,
        first_number=1,
        last_number=2,
        issued_on=date(2026, 1, 5),
    )
    text = " ".join(pdf_lines(blank_form_pdf(series, tree.puno_station)))
    assert text.count(f"“{YEAR_2026}”") == 2 and text.count("FORMATO DE DENUNCIA") == 2
    # The form's last line is still on its page: the year's name pushed nothing off it.
    assert text.count("sin conducta ni medio: no es trata.") == 2


def test_an_administrator_sets_the_name_of_the_year_in_the_administration(client, tree):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    response = client.post(
        reverse("admin:administration_officialyearname_add"), {"year": 2026, "name": YEAR_2026}
    )
    assert response.status_code == 302
    assert OfficialYearName.for_year(2026) == YEAR_2026


def test_the_administration_names_the_year_in_spanish(client, tree):
    sign_in_verified(client, user_with_role("administrator", tree.divintrap))
    page = client.get(reverse("admin:administration_officialyearname_add")).content.decode()
    assert "Denominación oficial del año" in page
