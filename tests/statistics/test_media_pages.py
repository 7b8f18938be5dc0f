"""Analysts record news reports, see the registered complaints that may be the same case,
and decide; the yearly table counts registered / matched / never registered."""

import pytest
from django.urls import reverse

from administration.statistics import selectors
from administration.statistics.models import MediaReport
from tests.factories import sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


def record(client, **overrides):
    data = {
        "published_on": "10/05/2010",
        "outlet": "La República",
        "department": "08",
        "purpose": "explotacion_sexual",
        "victims": "3",
        "summary": "Le ofrecieron trabajo de mesera en Puerto Maldonado y la retuvieron.",
        **overrides,
    }
    return client.post(reverse("statistics-media-new"), data)


@pytest.fixture
def analyst(known, client, tree):
    user = user_with_role("analyst", tree.secretariat)
    sign_in_verified(client, user)
    return user


def test_a_recorded_report_proposes_the_registered_complaint_of_the_same_case(
    analyst, client, known
):
    response = record(client)
    report = MediaReport.objects.get()
    assert response.url == reverse("statistics-media-report", kwargs={"pk": report.pk})
    page = client.get(response.url).content.decode()
    assert known.a.number in page
    # Figures and numbers only: the complaint's account never reaches the analyst.
    assert "la retuvieron" not in page.split("<h2>")[1]


def test_confirming_a_match_counts_it_in_the_yearly_table(analyst, client, known):
    record(client)
    report = MediaReport.objects.get()
    client.post(
        reverse("statistics-media-report", kwargs={"pk": report.pk}),
        {"decision": "matched", "complaint": known.a.pk},
    )
    report.refresh_from_db()
    assert report.status == "matched" and report.complaint == known.a
    rows = {row[0].upper(): row for row in selectors.media_yearly_table(2010)}
    assert rows["CUSCO"][1:] == (1, 1, 0, 0)


def test_a_report_marked_not_registered_is_counted_as_never_registered(analyst, client):
    record(client, summary="Caso en una mina de Madre de Dios.", department="17")
    report = MediaReport.objects.get()
    client.post(
        reverse("statistics-media-report", kwargs={"pk": report.pk}),
        {"decision": "not_registered"},
    )
    rows = {row[0].upper(): row for row in selectors.media_yearly_table(2010)}
    assert rows["MADRE DE DIOS"][3] == 1


def test_a_match_with_a_complaint_that_was_not_proposed_is_refused(analyst, client, known):
    record(client)
    report = MediaReport.objects.get()
    response = client.post(
        reverse("statistics-media-report", kwargs={"pk": report.pk}),
        {"decision": "matched", "complaint": known.c.pk},
    )
    assert response.status_code == 200
    assert "Elija una de las denuncias propuestas" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "open"


def test_a_report_without_a_summary_keeps_what_was_typed(analyst, client):
    response = record(client, summary="")
    assert response.status_code == 400
    assert "La República" in response.content.decode()


def test_an_investigator_has_no_media_monitoring(known, client, tree):
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_department))
    assert client.get(reverse("statistics-media")).status_code == 404
