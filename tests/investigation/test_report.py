"""The police report: numbered, registered, audited, kept as issued; its text read back
with pdftotext, victims by their initials, the article by the law of the date of facts."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from administration.models import AuditEvent
from investigation import services
from investigation.models import CaseReport
from tests.factories import sent_complaint, sign_in_verified, user_with_role
from tests.investigation.factories import add_person, investigators, open_case

pytestmark = pytest.mark.django_db


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.fixture
def report(tree):
    cusco = investigators(tree)[0]
    complaint = sent_complaint(user_with_role("station_officer", tree.cusco_station))
    case = open_case(cusco, complaints=[complaint], title="Bar La Cabaña de Mazuko")
    add_person(case, cusco, role="victim", first_names="Flor", last_names="Mamani Choque", age=16)
    add_person(
        case, cusco, first_names="Wilber", last_names="Ccahuana", aliases="El Gringo", detained=True
    )
    services.action_add(
        case=case,
        user=cusco,
        fields={
            "kind": "rescue",
            "occurred_on": date(2026, 4, 2),
            "description": "Rescate de dos adolescentes",
        },
    )
    return services.report_issue(
        case=case, user=cusco, conclusions="Se recomienda formalizar la investigación."
    )


def test_the_report_reads_as_a_police_report_with_the_law_of_the_date_of_facts(report):
    text = pdf_text(report.pdf.path)
    assert "INFORME POLICIAL" in text and report.number in text
    assert "129-B" in text and "Ley 31146" in text  # facts of 14/03/2026
    assert "Rescate de dos adolescentes" in text and "formalizar la investigación" in text
    assert "Wilber Ccahuana" in text and "El Gringo" in text


def test_a_victim_appears_in_the_report_by_initials_only(report):
    text = pdf_text(report.pdf.path)
    assert "F. M. C." in text and "Mamani" not in text


def test_the_report_is_numbered_in_the_units_series_and_audited(report):
    assert report.number.startswith("N° 001-2026-") or report.number.startswith("N° 001-")
    assert AuditEvent.objects.filter(
        action="print", object_type="investigation.casereport"
    ).exists()


def test_the_report_downloaded_is_the_one_issued(client, report):
    sign_in_verified(client, report.issued_by)
    response = client.get(reverse("report-pdf", args=[report.pk]))
    assert b"".join(response.streaming_content) == report.pdf.open("rb").read()
    assert CaseReport.objects.count() == 1


def test_a_report_without_conclusions_is_refused_in_spanish(client, report):
    sign_in_verified(client, report.issued_by)
    response = client.post(reverse("report-issue", args=[report.case_id]), {"conclusions": " "})
    assert "Este campo es obligatorio" in response.content.decode()
