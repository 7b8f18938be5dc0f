"""The analyst builds a cross-tab, sees its chart, exports it to XLSX with the progress
bar, and the file holds what the page showed."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from administration.statistics import services, tasks
from administration.statistics.models import Export
from tests.browser.conftest import screenshot
from tests.browser.test_sign_in_in_a_browser import sign_in
from tests.factories import user_with_role
from tests.statistics.conftest import known_data_set

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def known(tree):
    return known_data_set(tree)


def test_the_analyst_builds_a_cross_tab_and_exports_it_to_xlsx(page, known, monkeypatch):
    # The worker is this test: it builds the file once the page shows the progress bar.
    monkeypatch.setattr(tasks.build_export, "delay", lambda pk: None)
    user_with_role("analyst", known.secretariat, username="analista")
    sign_in(page, "analista")
    page.get_by_role("link", name="Estadística").first.click()
    assert page.get_by_role("heading", name="Resumen nacional por año").is_visible()
    page.get_by_role("link", name="Tablas cruzadas").first.click()
    page.locator("input[name=measure][value=victims]").check()
    page.get_by_label("Variable 1").select_option("age_band")
    page.get_by_label("Variable 2").select_option("sex")
    page.get_by_role("button", name="Construir la tabla").click()
    assert page.locator("figure.chart svg").is_visible()
    assert "measure=victims" in page.get_by_role("link", name="Enlace a esta tabla").get_attribute(
        "href"
    )
    screenshot(page, "statistics-crosstab-analyst")
    shown = [
        [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        for row in page.locator("#figures tr").all()
    ]
    assert any("<5" in row for row in shown)

    page.get_by_role("button", name="Exportar a XLSX").click()
    assert page.locator("progress").is_visible()
    screenshot(page, "statistics-export-progress")
    services.export_build(export_id=Export.objects.get().pk)
    # The page refreshes by itself (no script) and offers the file.
    with page.expect_download() as download:
        page.locator("#download").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = [
        ["" if v is None else str(v) for v in row]
        for row in sheet.iter_rows(min_row=2, max_row=1 + len(shown), values_only=True)
    ]
    assert [row[: len(shown[0])] for row in rows] == shown
