"""Case files: opening, numbering, the states, scope, shares and the timeline."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from administration.models import AuditEvent
from investigation import services
from investigation.models import Action, Case, CaseTransition
from tests.factories import sent_complaint, sign_in_verified, user_with_role
from tests.investigation.factories import add_person, investigators, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return investigators(tree)


def test_a_case_opened_from_a_complaint_carries_it_and_a_number_of_the_units_series(tree, people):
    cusco, _puno, _national = people
    complaint = sent_complaint(user_with_role("station_officer", tree.cusco_station))
    case = open_case(cusco, complaints=[complaint])
    assert case.number.startswith("CASO N° 001-") and case.number.endswith("DEPINTRAP-CUSCO")
    assert case.lead == cusco and case.origin == Case.Origin.COMPLAINT
    assert list(case.case_complaints.values_list("complaint_id", flat=True)) == [complaint.pk]
    assert case.date_of_facts == complaint.date_of_facts


def test_the_second_case_of_a_unit_takes_the_next_number(people):
    cusco, puno, _national = people
    open_case(cusco)
    open_case(puno)
    assert "002-" in open_case(cusco).number


def test_opening_a_case_from_an_alert_takes_the_alert(tree, people):
    cusco = people[0]
    complaint = sent_complaint(user_with_role("station_officer", tree.cusco_station))
    alert = complaint.alerts.get(unit=tree.cusco_department)
    case = open_case(cusco, alert=alert)
    alert.refresh_from_db()
    assert alert.status == "taken" and case.origin == Case.Origin.ALERT


def test_a_case_moves_through_its_states_with_signed_dated_transitions(people):
    cusco = people[0]
    case = open_case(cusco)
    services.case_change_state(case=case, user=cusco, to_state="investigating")
    services.case_change_state(case=case, user=cusco, to_state="archived", reason="Sin elementos")
    case.refresh_from_db()
    assert case.state == "archived" and case.end_reason == "Sin elementos"
    steps = list(CaseTransition.objects.filter(case=case).values_list("to_state", flat=True))
    assert steps == ["open", "investigating", "archived"]
    assert all(t.signature for t in CaseTransition.objects.filter(case=case))


def test_closing_without_a_reason_is_refused_in_spanish(people):
    cusco = people[0]
    case = open_case(cusco)
    services.case_change_state(case=case, user=cusco, to_state="investigating")
    with pytest.raises(ValidationError, match="Indique el motivo"):
        services.case_change_state(case=case, user=cusco, to_state="closed")


def test_a_case_cannot_jump_to_a_state_that_does_not_follow(people):
    case = open_case(people[0])
    with pytest.raises(ValidationError):
        services.case_change_state(case=case, user=people[0], to_state="report_sent")


def test_another_regions_investigator_gets_404(client, people):
    cusco, puno, _national = people
    case = open_case(cusco)
    sign_in_verified(client, puno)
    assert client.get(reverse("case-detail", args=[case.pk])).status_code == 404


def test_the_national_division_and_the_units_superiors_see_the_case(client, tree, people):
    cusco, _puno, national = people
    case = open_case(cusco)
    for viewer in (national, user_with_role("regional_investigator", tree.cusco_directorate)):
        sign_in_verified(client, viewer)
        assert client.get(reverse("case-detail", args=[case.pk])).status_code == 200


def test_an_analyst_never_opens_a_case(client, tree, people):
    case = open_case(people[0])
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    assert client.get(reverse("case-detail", args=[case.pk])).status_code == 404


def test_a_share_with_a_reason_opens_the_case_to_that_unit(client, tree, people):
    cusco, puno, _national = people
    case = open_case(cusco)
    services.case_share(case=case, unit=tree.puno_department, user=cusco, reason="Red compartida")
    sign_in_verified(client, puno)
    assert client.get(reverse("case-detail", args=[case.pk])).status_code == 200
    assert AuditEvent.objects.filter(detail="shared DEPINTRAP-PUNO").exists()


def test_every_view_of_a_case_is_audited(client, people):
    case = open_case(people[0])
    sign_in_verified(client, people[2])
    client.get(reverse("case-detail", args=[case.pk]))
    assert AuditEvent.objects.filter(
        action="view",
        object_type="investigation.case",
        object_id=str(case.pk),
        username="inv.nacional",
    ).exists()


def test_an_annulled_action_stays_in_the_timeline_with_its_reason(client, people):
    cusco = people[0]
    case = open_case(cusco)
    action = services.action_add(
        case=case,
        user=cusco,
        fields={
            "kind": "raid",
            "occurred_on": timezone.localdate(),
            "description": "Allanamiento del bar",
        },
    )
    services.action_annul(action=action, user=cusco, reason="Fecha equivocada")
    assert Action.objects.filter(pk=action.pk).exists()
    sign_in_verified(client, cusco)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "Allanamiento del bar" in page and "Fecha equivocada" in page and "anulada por" in page


def test_annulling_without_a_reason_is_refused(people):
    cusco = people[0]
    case = open_case(cusco)
    action = services.action_add(
        case=case,
        user=cusco,
        fields={"kind": "note", "occurred_on": timezone.localdate(), "description": "x"},
    )
    with pytest.raises(ValidationError):
        services.action_annul(action=action, user=cusco, reason=" ")


def test_someone_not_assigned_cannot_add_to_the_timeline(client, tree, people):
    case = open_case(people[0])
    colleague = user_with_role("regional_investigator", tree.cusco_department)
    sign_in_verified(client, colleague)
    response = client.post(reverse("action-add", args=[case.pk]), {"kind": "note"})
    assert response.status_code == 404


def test_a_request_past_its_answer_date_shows_as_overdue(client, people):
    from datetime import timedelta

    cusco = people[0]
    case = open_case(cusco)
    today = timezone.localdate()
    services.action_add(
        case=case,
        user=cusco,
        fields={
            "kind": "request_sent",
            "occurred_on": today - timedelta(days=20),
            "description": "Pedido a la SUNARP",
            "answer_due": today - timedelta(days=5),
        },
    )
    sign_in_verified(client, cusco)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "Vencidas" in page and "Pedido a la SUNARP" in page


def test_a_victims_name_is_read_only_by_the_cases_unit_and_the_national_division(
    client, tree, people
):
    cusco, puno, national = people
    case = open_case(cusco)
    add_person(case, cusco, role="victim", first_names="Flor", last_names="Mamani Choque")
    services.case_share(case=case, unit=tree.puno_department, user=cusco, reason="Red")
    for viewer, sees in ((cusco, True), (national, True), (puno, False)):
        sign_in_verified(client, viewer)
        page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
        assert ("Mamani Choque" in page) is sees
        assert "F. M. C." in page or sees


def test_the_case_list_shows_only_cases_in_scope(client, people):
    cusco, puno, _national = people
    open_case(cusco, title="Caso del Cusco")
    open_case(puno, title="Caso de Puno")
    sign_in_verified(client, cusco)
    page = client.get(reverse("case-list")).content.decode()
    assert "Caso del Cusco" in page and "Caso de Puno" not in page


def test_the_home_page_shows_an_investigator_their_open_cases(client, people):
    case = open_case(people[0], title="Red de Mazuko")
    sign_in_verified(client, people[0])
    page = client.get(reverse("home")).content.decode()
    assert "Red de Mazuko" in page and reverse("case-detail", args=[case.pk]) in page


def test_the_alert_page_offers_to_open_a_case(client, tree, people):
    complaint = sent_complaint(user_with_role("station_officer", tree.cusco_station))
    alert = complaint.alerts.get(unit=tree.cusco_department)
    sign_in_verified(client, people[0])
    page = client.get(reverse("alert-detail", args=[alert.pk])).content.decode()
    assert f"{reverse('case-new')}?alerta={alert.pk}" in page
    response = client.post(reverse("case-new"), {"alerta": alert.pk, "title": "Desde la alerta"})
    case = Case.objects.get(title="Desde la alerta")
    assert response.status_code == 302 and case.case_complaints.filter(complaint=complaint).exists()


def test_the_home_page_lists_cases_led_and_assigned_newest_first_without_repeats(
    client, tree, people
):
    from investigation.selectors import my_open_cases

    cusco = people[0]
    colleague = user_with_role("regional_investigator", tree.cusco_department)
    led = [open_case(cusco, title=f"Caso dirigido {n}") for n in range(3)]
    assigned = open_case(colleague, title="Caso asignado", investigators=[cusco])
    open_case(cusco, title="Caso dirigido y asignado", investigators=[cusco])
    titles = [case.title for case in my_open_cases(cusco, limit=4)]
    assert titles == ["Caso dirigido y asignado", assigned.title, led[2].title, led[1].title]


def test_a_case_page_reads_only_the_lists_the_case_has_rows_in(people):
    from investigation.selectors import lists_held
    from tests.investigation.factories import add_phone

    cusco, _puno, _national = people
    case = open_case(cusco)
    before = lists_held(case)
    add_phone(case, cusco, "987654321")
    assert "phones" not in before and lists_held(case) - before == {"phones"}


def test_markup_typed_in_a_name_is_shown_as_text_on_the_case_page(client, people):
    cusco, _puno, _national = people
    case = open_case(cusco)
    add_person(case, cusco, first_names="<b>Juan</b>", last_names="Q", aliases='"El <i>"')
    sign_in_verified(client, cusco)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "&lt;b&gt;Juan&lt;/b&gt; Q" in page and "«&quot;El &lt;i&gt;&quot;»" in page
    assert "<b>Juan" not in page


def test_markup_in_a_units_name_is_shown_as_text_in_a_hit():
    from investigation.crossing import Hit
    from investigation.display import hits_html

    hits = [
        Hit("phone", "987654321", "case", "<i>DEPINTRAP</i>", True, 7, "<b>7</b>"),
        Hit("phone", "987654321", "case", '"Puno"', False, token='t"<'),
    ]
    html = hits_html(hits, csrf_input="<csrf>", from_case=None)
    assert "&lt;i&gt;DEPINTRAP&lt;/i&gt;" in html and "&lt;b&gt;7&lt;/b&gt;" in html
    assert "&quot;Puno&quot;" in html and 'value="t&quot;&lt;"' in html
    assert "<i>" not in html and "<b>" not in html and "<csrf>" in html


def test_the_case_page_offers_an_action_dated_today_in_the_users_language(client, people):
    cusco = people[0]
    case = open_case(cusco)
    sign_in_verified(client, cusco)
    today = timezone.localdate().isoformat()
    spanish = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    english = client.get(
        reverse("case-detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f'name="occurred_on" value="{today}"' in spanish
    assert f'name="occurred_on" value="{today}"' in english
    assert "Qué se hizo" in spanish and "What was done" in english
    assert ">rescate<" in spanish and ">rescue<" in english


def test_an_action_sent_without_its_kind_comes_back_with_what_was_typed_and_the_error(
    client, people
):
    cusco = people[0]
    case = open_case(cusco)
    sign_in_verified(client, cusco)
    response = client.post(
        reverse("action-add", args=[case.pk]),
        {"occurred_on": "2026-03-14", "description": "Llamada a la fiscalía"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Este campo es obligatorio." in page
    assert 'value="2026-03-14"' in page and "Llamada a la fiscalía" in page
    assert not case.actions.exists()
