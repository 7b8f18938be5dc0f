"""Custom variables of complaints in the cross-tab: a yes/no or list variable an
administrator adds is a variable of the builder (rows, columns, filters), counted from
the values of each fact row's complaint, exported as computed and suppressed for
analysts as any other. The known data set (conftest.py) with "¿Zona rural?": A yes,
B no, C not recorded."""

import csv
import io
from datetime import date

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from administration import custom_fields
from administration.models import CustomVariable
from administration.statistics import crosstab, facts, services, tables
from administration.statistics.forms import CrosstabForm
from administration.statistics.models import Export
from administration.statistics.selectors import NATIONAL
from administration.statistics.variables import VARIABLES
from tests.factories import sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


def variable(code="zona_rural", kind="yes_no", target="complaint", **fields):
    defaults = {
        "label_es": "¿Zona rural?",
        "label_en": "Rural area?",
        "active_from": date(2010, 1, 1),
    }
    return CustomVariable.objects.create(
        code=code, kind=kind, target=target, **{**defaults, **fields}
    )


@pytest.fixture
def rural(known, tree):
    """The variable on the known complaints (A yes, B no, C none), facts refreshed."""
    variable()
    admin = user_with_role("administrator", tree.divintrap)
    for complaint, value in ((tree.a, True), (tree.b, False)):
        custom_fields.complaint_values_correct(
            complaint_id=complaint.pk,
            values={"zona_rural": value},
            reason="Se registró si el lugar era rural.",
            by=admin,
        )
    facts.refresh()
    return tree


@pytest.fixture
def worker(monkeypatch):
    """The export task runs at once in the test's process (a worker would run it)."""
    from administration.statistics import tasks

    monkeypatch.setattr(tasks.build_export, "delay", lambda pk: services.export_build(export_id=pk))


def table(params, user=NATIONAL):
    query, errors = crosstab.parse(QueryDict(params))
    assert errors == []
    return tables.build(query, user).plain()


def test_a_yes_no_variable_of_complaints_is_offered_among_the_crosstab_variables():
    variable()
    options = [code for code, _label in CrosstabForm(query=crosstab.Query()).slots[0]["options"]]
    assert "cv_zona_rural" in options


def test_a_crosstab_by_a_custom_variable_counts_each_value_and_the_complaints_without_one(
    rural,
):
    assert table("measure=complaints&var=cv_zona_rural")[1:] == [
        ["sí", "1", "1"],
        ["no", "1", "1"],
        ["sin dato", "1", "1"],
        ["Total", "3", "3"],
    ]


def test_victims_are_counted_by_the_custom_variable_of_their_complaint(rural):
    # A: Ana, Luis, Flor; B: Rosa (Ana counted once, in A); C: Pedro.
    assert table("measure=victims&var=cv_zona_rural&var=sex")[1:] == [
        ["sí", "2", "1", "3"],
        ["no", "1", "0", "1"],
        ["sin dato", "0", "1", "1"],
        ["Total", "3", "2", "5"],
    ]


def test_a_custom_variable_filters_the_table(rural):
    assert table("measure=victims&var=sex&f_cv_zona_rural=true")[1:] == [
        ["mujer", "2", "2"],
        ["hombre", "1", "1"],
        ["Total", "3", "3"],
    ]


def test_a_filter_on_not_recorded_keeps_the_complaints_without_a_value(rural):
    assert table("measure=complaints&var=year&f_cv_zona_rural=")[1:] == [
        ["2011", "1", "1"],
        ["Total", "1", "1"],
    ]


def test_a_custom_variable_survives_the_link_of_its_table():
    variable()
    query, _errors = crosstab.parse(
        QueryDict("measure=complaints&var=cv_zona_rural&f_cv_zona_rural=false")
    )
    assert "cv_zona_rural" in query.params()
    assert crosstab.parse(QueryDict(query.params())) == (query, [])


def test_a_csv_export_by_a_custom_variable_carries_the_numbers_of_the_table(
    rural, client, tree, worker, django_capture_on_commit_callbacks
):
    investigator = user_with_role("national_investigator", tree.divintrap)
    sign_in_verified(client, investigator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("statistics-export-create"),
            {"measure": "victims", "var": ["cv_zona_rural", "sex"], "format": "csv"},
        )
    export = Export.objects.get(user=investigator)
    download = client.get(reverse("statistics-export-file", kwargs={"pk": export.pk}))
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[2:6] == [
        ["sí", "2", "1", "3"],
        ["no", "1", "0", "1"],
        ["sin dato", "0", "1", "1"],
        ["Total", "3", "2", "5"],
    ]


def test_an_analyst_sees_the_small_cells_of_a_custom_variable_suppressed(rural, tree):
    analyst = user_with_role("analyst", tree.secretariat)
    rows = table("measure=victims&var=cv_zona_rural&var=sex", analyst)[1:]
    assert [row[0] for row in rows] == ["sí", "no", "sin dato", "Total"]
    assert rows[0][1:3] == ["<5", "<5"]
    assert "1" not in {cell for row in rows for cell in row[1:]}


def test_an_analyst_page_by_a_custom_variable_hides_small_counts(rural, client, tree):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    page = client.get(
        reverse("statistics-crosstab"), {"measure": "complaints", "var": "cv_zona_rural"}
    ).content.decode()
    assert "¿Zona rural?" in page and "&lt;5" in page


def test_a_variable_of_case_files_is_not_offered():
    variable(code="expediente_rural", target="case_file")
    assert "cv_expediente_rural" not in VARIABLES
    _query, errors = crosstab.parse(QueryDict("measure=complaints&var=cv_expediente_rural"))
    assert errors == ["No existe la variable «cv_expediente_rural»."]


def test_a_text_variable_of_complaints_is_not_offered():
    variable(code="lugar", kind="text", label_es="Lugar", label_en="Place")
    assert "cv_lugar" not in VARIABLES


def test_a_list_variable_is_counted_by_its_options_with_their_labels(known, tree):
    variable(
        code="zona",
        kind="choice",
        label_es="Zona",
        label_en="Area",
        options=["rural|Rural|Rural", "urbana|Urbana|Urban"],
    )
    admin = user_with_role("administrator", tree.divintrap)
    custom_fields.complaint_values_correct(
        complaint_id=tree.c.pk, values={"zona": "urbana"}, reason="Zona urbana.", by=admin
    )
    facts.refresh()
    assert table("measure=complaints&var=cv_zona")[1:] == [
        ["Urbana", "1", "1"],
        ["sin dato", "2", "2"],
        ["Total", "3", "3"],
    ]


def test_a_retired_variable_is_still_offered_marked_as_retired():
    variable(retired_on=date(2020, 1, 1))
    with translation.override("en"):
        options = dict(CrosstabForm(query=crosstab.Query()).slots[0]["options"])
    assert options["cv_zona_rural"] == "Rural area? (retired)"


def test_a_retired_variable_still_counts_the_values_of_its_time(rural):
    CustomVariable.objects.filter(code="zona_rural").update(retired_on=date(2020, 1, 1))
    assert table("measure=complaints&var=cv_zona_rural")[1][:2] == ["sí", "1"]


def test_an_analyst_table_filtered_by_a_custom_variable_hides_its_small_slices(rural, tree):
    analyst = user_with_role("analyst", tree.secretariat)
    rows = table("measure=victims&var=sex&f_cv_zona_rural=true", analyst)[1:]
    assert rows == [["mujer", "<5", "<5"], ["hombre", "<5", "<5"], ["Total", "<5", "<5"]]
