import subprocess
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from administration.models import AuditEvent, InformationInstitution, JusticeOffice
from reporting.documents import blank_form_pdf, initials
from reporting.models import PaperFormSeries
from reporting.services import document_issue, document_record_answer, paper_series_issue
from tests.factories import sent_complaint, sign_in_verified, user_with_role
from tests.files import EXECUTABLE, upload
from tests.files import pdf_bytes as a_pdf

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def pdf_bytes(document) -> bytes:
    with document.pdf.open("rb") as handle:
        return handle.read()


@pytest.fixture
def officer(tree):
    tree.cusco_station.document_heading = "REGPOL-CUSCO/CPNP-CUSCO"
    tree.cusco_station.save(update_fields=["document_heading"])
    return user_with_role(
        "station_officer", tree.cusco_station, rank="SO2 PNP", document_number="31456789"
    )


@pytest.fixture
def complaint(officer):
    JusticeOffice.objects.create(
        kind="prosecutor",
        name="Fiscalía Provincial Especializada en Trata de Personas de Cusco",
        department_id="08",
        district_id="080101",
    )
    return sent_complaint(officer)


def issue(complaint, officer, kind, **kwargs):
    document = document_issue(complaint=complaint, user=officer, kind=kind, **kwargs)
    return document, pdf_text(pdf_bytes(document))


def test_the_record_of_the_complaint_carries_its_data(complaint, officer):
    _document, text = issue(complaint, officer, "acta")
    for expected in (
        complaint.number,
        "ACTA DE DENUNCIA",
        "María Huamaní Quispe",
        "El Gringo",
        "14/03/2026",
        "129-B",
        "Ley 31146",
    ):
        assert expected in text, expected


def test_documents_are_numbered_in_the_units_series(complaint, officer):
    first, _text = issue(complaint, officer, "fiscalia")
    second, text = issue(complaint, officer, "fiscalia")
    year = timezone.localdate().year
    assert first.number == f"OFICIO N° 001-{year}-REGPOL-CUSCO/CPNP-CUSCO"
    assert second.number.startswith("OFICIO N° 002-") and second.number in text


def test_the_notice_goes_to_the_prosecutor_of_the_place_from_the_directory(complaint, officer):
    document, text = issue(complaint, officer, "fiscalia")
    assert document.recipient.startswith("Fiscalía Provincial Especializada")
    assert "Fiscalía Provincial Especializada en Trata de Personas de Cusco" in text


def test_the_medical_examination_names_the_victim(complaint, officer):
    victim = complaint.victims.get()
    _document, text = issue(complaint, officer, "medico", victim=victim)
    assert "María Huamaní Quispe" in text and "reconocimiento médico legal" in text


def test_the_medical_examination_needs_a_victim(complaint, officer):
    with pytest.raises(ValidationError):
        document_issue(complaint=complaint, user=officer, kind="medico")


def test_an_outside_institution_reads_the_victims_initials_only(complaint, officer):
    reniec = InformationInstitution.objects.get(code="reniec")
    _document, text = issue(
        complaint, officer, "informacion", institution=reniec, request_text="Ficha RENIEC del DNI."
    )
    assert "Huamaní" not in text
    assert "RENIEC" in text


def test_the_warrant_request_goes_through_the_prosecutor_with_initials(complaint, officer):
    _document, text = issue(
        complaint, officer, "allanamiento", request_text="Bar El Dorado, Av. Sol 123, Cusco."
    )
    assert "allanamiento" in text and "M. H. Q." in text and "Huamaní" not in text


def test_initials_are_taken_from_every_name():
    assert initials("María Huamaní Quispe") == "M. H. Q."


def test_issuing_a_document_is_written_to_the_audit_log(complaint, officer):
    document, _text = issue(complaint, officer, "acta")
    assert AuditEvent.objects.filter(action="print", object_id=str(document.pk)).exists()


def test_downloading_a_document_is_written_to_the_audit_log(client, complaint, officer):
    document, _text = issue(complaint, officer, "acta")
    sign_in_verified(client, officer)
    response = client.get(reverse("document-pdf", kwargs={"pk": document.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="print", detail="download").count() == 1


def test_a_request_without_an_answer_is_overdue_after_its_days(client, complaint, officer):
    reniec = InformationInstitution.objects.get(code="reniec")
    document, _text = issue(complaint, officer, "informacion", institution=reniec)
    assert document.answer_due == timezone.localdate() + timedelta(days=reniec.answer_days)
    with time_machine.travel(timezone.now() + timedelta(days=reniec.answer_days + 1), tick=False):
        sign_in_verified(client, officer)
        page = client.get(reverse("document-pending")).content.decode()
    assert document.number in page and "badge urgent" in page


def test_recording_the_answer_takes_it_off_the_pending_list(client, complaint, officer):
    reniec = InformationInstitution.objects.get(code="reniec")
    document, _text = issue(complaint, officer, "informacion", institution=reniec)
    sign_in_verified(client, officer)
    client.post(
        reverse("document-answer", kwargs={"pk": document.pk}),
        {
            "answered_on": timezone.localdate().isoformat(),
            "summary": "Remiten ficha RENIEC.",
            "file": upload("ficha.pdf", a_pdf(), "application/pdf"),
        },
    )
    document.refresh_from_db()
    assert document.answered_on == timezone.localdate() and document.answer_file
    assert document.number not in client.get(reverse("document-pending")).content.decode()


def test_an_answer_file_of_another_type_is_refused(client, complaint, officer):
    reniec = InformationInstitution.objects.get(code="reniec")
    document, _text = issue(complaint, officer, "informacion", institution=reniec)
    sign_in_verified(client, officer)
    response = client.post(
        reverse("document-answer", kwargs={"pk": document.pk}),
        {
            "answered_on": timezone.localdate().isoformat(),
            "summary": "x",
            "file": upload("ficha.pdf", EXECUTABLE),
        },
    )
    assert response.status_code == 200
    assert "no se acepta" in response.content.decode()
    document.refresh_from_db()
    assert document.answered_on is None


def test_a_stored_answer_is_downloaded_never_shown_in_the_page(client, complaint, officer):
    reniec = InformationInstitution.objects.get(code="reniec")
    document, _text = issue(complaint, officer, "informacion", institution=reniec)
    sign_in_verified(client, officer)
    client.post(
        reverse("document-answer", kwargs={"pk": document.pk}),
        {
            "answered_on": timezone.localdate().isoformat(),
            "summary": "x",
            "file": upload("Ana Quispe.pdf", a_pdf()),
        },
    )
    document.refresh_from_db()
    assert "Quispe" not in document.answer_file.name
    response = client.get(reverse("document-answer-file", kwargs={"pk": document.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_the_complaint_shows_its_documents_and_their_state(client, complaint, officer):
    reniec = InformationInstitution.objects.get(code="reniec")
    document, _text = issue(complaint, officer, "informacion", institution=reniec)
    sign_in_verified(client, officer)
    page = client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk})).content.decode()
    assert document.number in page


def test_a_paper_series_can_not_overlap_another_of_the_unit(tree):
    admin = user_with_role("administrator", tree.divintrap)
    paper_series_issue(unit=tree.puno_station, code="PUNO-A", first=501, last=1000, by=admin)
    with pytest.raises(ValidationError):
        paper_series_issue(unit=tree.puno_station, code="PUNO-B", first=900, last=1200, by=admin)


def test_a_batch_of_blank_forms_has_one_numbered_page_per_form(tree):
    series = PaperFormSeries.objects.create(
        code="PUNO-2026",
        unit=tree.puno_station,
        first_number=501,
        last_number=505,
        issued_on=date(2026, 1, 5),
    )
    data = blank_form_pdf(series, tree.puno_station)
    text = pdf_text(data)
    assert text.count("FORMATO DE DENUNCIA") == 5
    assert "N° PUNO-2026-000501" in text and "N° PUNO-2026-000505" in text
    assert "Captación" in text and "art. 129-A" in text


def test_each_document_renders_to_an_image(complaint, officer, tmp_path):
    for kind in ("acta", "fiscalia", "allanamiento"):
        document, _text = issue(complaint, officer, kind)
        pdf = tmp_path / f"{kind}.pdf"
        pdf.write_bytes(pdf_bytes(document))
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", "-singlefile", str(pdf), str(tmp_path / kind)],
            check=True,
        )
        assert (tmp_path / f"{kind}.png").stat().st_size > 1000


def test_a_second_answer_keeps_the_first_in_the_history(complaint, officer):
    from reporting.services import document_record_answer

    reniec = InformationInstitution.objects.get(code="reniec")
    document, _text = issue(complaint, officer, "informacion", institution=reniec)
    for summary in ("Primera respuesta", "Respuesta ampliatoria"):
        document_record_answer(
            document=document, answered_on=timezone.localdate(), summary=summary, user=officer
        )
    summaries = list(document.history.values_list("answer_summary", flat=True))
    assert "Primera respuesta" in summaries and "Respuesta ampliatoria" in summaries


def test_a_hotline_operator_cannot_issue_a_warrant_request(tree, complaint):
    operator = user_with_role("hotline_operator", tree.secretariat)
    with pytest.raises(PermissionDenied):
        document_issue(complaint=complaint, user=operator, kind="allanamiento")


def test_a_hotline_operator_cannot_record_an_answer(tree, complaint, officer):
    reniec = InformationInstitution.objects.get(code="reniec")
    document, _text = issue(complaint, officer, "informacion", institution=reniec)
    operator = user_with_role("hotline_operator", tree.secretariat)
    with pytest.raises(PermissionDenied):
        document_record_answer(
            document=document, answered_on=timezone.localdate(), summary="x", user=operator
        )


def test_the_issue_page_answers_404_to_a_role_that_does_not_issue(client, tree):
    operator = user_with_role("hotline_operator", tree.secretariat)
    own = sent_complaint(operator)  # in the operator's scope: only the permission refuses
    sign_in_verified(client, operator)
    url = reverse("document-issue", kwargs={"pk": own.pk})
    assert client.post(url, {"kind": "allanamiento"}).status_code == 404
    assert not own.documents.exists()


def test_the_station_officer_still_issues_documents(complaint, officer):
    assert issue(complaint, officer, "acta")[0].number


def test_the_complaint_page_offers_each_of_its_victims_for_a_document(client, complaint, officer):
    sign_in_verified(client, officer)
    page = client.get(reverse("complaint-detail", args=[complaint.pk]))
    offered = page.context["document_form"]["victim"].field.choices
    assert [value for value, _label in offered] == [
        "",
        *complaint.victims.order_by("position").values_list("pk", flat=True),
    ]
