"""The cross-tab builder: choices in the URL, totals and percentages, a chart with a text
alternative, exports (audited, the owner's only, with a progress page), analysts kept to
suppressed aggregates, drill-down for investigators within scope."""

import io

import pytest
from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook

from administration.models import AuditEvent
from administration.statistics import crosstab, services, tables
from administration.statistics.models import Export
from administration.statistics.selectors import NATIONAL
from tests.factories import sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(monkeypatch):
    """The export task runs at once in the test's process (a worker would run it)."""
    from administration.statistics import tasks

    monkeypatch.setattr(tasks.build_export, "delay", lambda pk: services.export_build(export_id=pk))


def test_a_query_survives_its_own_link():
    query, errors = crosstab.parse(
        QueryDict("measure=victims&var=year&var=sex&f_purpose=mendicidad&from=2010&percent=row")
    )
    again, _errors = crosstab.parse(QueryDict(query.params()))
    assert errors == [] and again == query


def test_an_unknown_variable_is_refused_in_spanish():
    _query, errors = crosstab.parse(QueryDict("measure=complaints&var=name"))
    assert errors == ["No existe la variable «name»."]


def test_a_victim_variable_cannot_count_complaints():
    _query, errors = crosstab.parse(QueryDict("measure=complaints&var=age_band"))
    assert "no se puede contar" in errors[0]


def test_a_filter_value_that_does_not_exist_is_refused():
    _query, errors = crosstab.parse(QueryDict("measure=victims&var=sex&f_sex=Z"))
    assert errors


def test_three_variables_lay_out_two_down_and_one_across_with_totals(known):
    query, _e = crosstab.parse(QueryDict("measure=victims&var=year&var=minor&var=sex"))
    table = tables.build(query, NATIONAL)
    assert table.row_headers == ["año", "niñas, niños y adolescentes / adultos"]
    assert table.plain()[-1] == ["Total", "", "3", "2", "5"]


def test_row_percentages_are_shown_beside_each_count(known):
    query, _e = crosstab.parse(QueryDict("measure=victims&var=age_band&var=sex&percent=row"))
    first = tables.build(query, NATIONAL).rows[0][1]
    assert [c.percent for c in first] == ["66.7 %", "33.3 %", "100.0 %"]


def test_a_filter_keeps_only_its_values(known):
    query, _e = crosstab.parse(QueryDict("measure=victims&var=sex&f_sex=M"))
    assert tables.build(query, NATIONAL).plain()[-1] == ["Total", "2", "2"]


def test_the_builder_page_draws_a_chart_with_a_text_alternative(known, client, tree):
    sign_in_verified(client, user_with_role("national_investigator", tree.divintrap))
    page = client.get(
        reverse("statistics-crosstab"), {"measure": "victims", "var": ["age_band", "sex"]}
    ).content.decode()
    assert "<svg" in page and 'aria-describedby="figures"' in page
    assert '<table id="figures"' in page


def test_bad_choices_give_a_spanish_message_not_an_error(known, client, tree):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    response = client.get(reverse("statistics-crosstab"), {"var": "x", "from": "dos mil"})
    assert response.status_code == 200
    assert "No existe la variable" in response.content.decode()


def test_an_analyst_gets_suppressed_figures_and_no_links_to_records(known, client, tree):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    page = client.get(
        reverse("statistics-crosstab"), {"measure": "victims", "var": ["age_band", "sex"]}
    ).content.decode()
    assert "&lt;5" in page
    assert reverse("statistics-cases") not in page


def test_an_analyst_cannot_open_the_complaints_of_a_cell(known, client, tree):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    response = client.get(reverse("statistics-cases"), {"measure": "victims", "c_sex": "F"})
    assert response.status_code == 404


def test_an_investigator_drills_down_to_the_complaints_of_a_cell_in_scope(known, client, tree):
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_department))
    page = client.get(
        reverse("statistics-cases"), {"measure": "victims", "var": "sex", "c_sex": "M"}
    ).content.decode()
    assert tree.a.number in page
    assert tree.c.number not in page  # Puno's, outside the directorate


def test_an_investigator_sees_exact_small_counts_in_scope(known, client, tree):
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_department))
    page = client.get(
        reverse("statistics-crosstab"), {"measure": "victims", "var": ["age_band", "sex"]}
    ).content.decode()
    assert "&lt;5" not in page
    assert reverse("statistics-cases") in page


def test_a_station_officer_has_no_statistics(known, client, tree):
    sign_in_verified(client, user_with_role("station_officer", tree.cusco_station))
    assert client.get(reverse("statistics-home")).status_code == 404


def export_post(client, fmt="xlsx"):
    return client.post(
        reverse("statistics-export-create"),
        {"measure": "victims", "var": ["age_band", "sex"], "format": fmt},
    )


def test_an_xlsx_export_holds_what_the_page_shows(
    known, client, tree, worker, django_capture_on_commit_callbacks
):
    analyst = user_with_role("analyst", tree.secretariat)
    sign_in_verified(client, analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = export_post(client)
    export = Export.objects.get(user=analyst)
    assert response.url == reverse("statistics-export", kwargs={"pk": export.pk})
    download = client.get(reverse("statistics-export-file", kwargs={"pk": export.pk}))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = [[str(v) for v in row] for row in sheet.iter_rows(min_row=2, values_only=True)]
    query, _e = crosstab.parse(QueryDict("measure=victims&var=age_band&var=sex"))
    expected = tables.build(query, analyst).plain()
    assert [row[: len(expected[0])] for row in rows[: len(expected)]] == expected


def test_every_export_and_download_is_audited(
    known, client, tree, worker, django_capture_on_commit_callbacks
):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    with django_capture_on_commit_callbacks(execute=True):
        export_post(client, "csv")
    export = Export.objects.get()
    client.get(reverse("statistics-export-file", kwargs={"pk": export.pk}))
    events = AuditEvent.objects.filter(action="export", object_id=str(export.pk))
    assert events.count() == 2


def test_an_export_in_progress_shows_a_bar_that_refreshes_without_script(known, client, tree):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    export_post(client)  # no worker: it waits
    page = client.get(reverse("statistics-export", kwargs={"pk": Export.objects.get().pk}))
    html = page.content.decode()
    assert "<progress" in html and 'http-equiv="refresh"' in html


def test_an_export_is_its_owners_only(known, client, tree, worker):
    owner = user_with_role("analyst", tree.secretariat)
    sign_in_verified(client, owner)
    export_post(client)
    export = Export.objects.get()
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    assert client.get(reverse("statistics-export", kwargs={"pk": export.pk})).status_code == 404


def test_an_expired_export_is_gone_from_the_list_and_purged(known, client, tree, worker):
    from datetime import timedelta

    from django.utils import timezone

    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    export_post(client)
    export = Export.objects.get()
    services.export_build(export_id=export.pk)
    later = timezone.now() + timedelta(days=8)
    assert services.exports_purge(now=later) == 1
    assert not Export.objects.exists()


def test_one_scan_gives_the_same_counts_and_slices_as_one_query_each(known, tree):
    from administration.statistics import selectors

    analyst = user_with_role("analyst", tree.secretariat)
    query, _e = crosstab.parse(
        QueryDict("measure=victims&var=age_band&f_sex=F&f_sex=X&f_purpose=explotacion_sexual")
    )
    counts, slices = selectors.counts_and_slices(query, analyst)
    assert counts == selectors.grouped_counts(query, analyst)
    expected = selectors.filter_slices(query, analyst)
    assert sorted(sorted(s.items()) for s in slices if s) == sorted(
        sorted(s.items()) for s in expected if s
    )


def test_the_statistics_aggregates_may_start_parallel_workers_other_queries_may_not(db):
    from django.db import connection

    from administration.statistics.selectors import PARALLEL_WORKERS, _aggregate

    setting = "SELECT current_setting('max_parallel_workers_per_gather')"
    with connection.cursor() as cursor:
        cursor.execute(setting)
        web = cursor.fetchone()[0]
    assert (web, _aggregate(setting, [])) == ("0", [(str(PARALLEL_WORKERS),)])
