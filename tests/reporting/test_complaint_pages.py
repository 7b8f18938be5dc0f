from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from administration.models import AuditEvent
from reporting.models import Complaint, PaperFormSeries
from tests.factories import PASSWORD, sent_complaint, sign_in_verified, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, tree):
    user = user_with_role("station_officer", tree.cusco_station, first_name="Rosa")
    sign_in_verified(client, user)
    return user


def form_data(victims=None, suspects=None, **fields):
    victims = (
        [{"first_names": "María", "last_names": "Huamaní Quispe", "sex": "F", "age": "16"}]
        if victims is None
        else victims
    )
    suspects = suspects or []
    data = {
        "draft_key": "0b7d5bd6-6f59-4f62-a1a8-6c1bd0a4e001",
        "channel": "in_person",
        "date_of_facts": "2026-03-14",
        "department": "08",
        "district": "080101",
        "narrative": "Le ofrecieron trabajo de mesera y la retuvieron en un bar.",
        "acts": ["captacion", "traslado"],
        "means": ["engano"],
        "purposes": ["explotacion_sexual"],
        "v-TOTAL_FORMS": str(len(victims)),
        "v-INITIAL_FORMS": "0",
        "s-TOTAL_FORMS": str(len(suspects)),
        "s-INITIAL_FORMS": "0",
    }
    for prefix, rows in (("v", victims), ("s", suspects)):
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
            data.setdefault(f"{prefix}-{index}-sex", "X")
    data.update(fields)
    return data


def issued_series(unit, code, first=1, last=500, on="2026-01-05"):
    return PaperFormSeries.objects.create(
        code=code, unit=unit, first_number=first, last_number=last, issued_on=on
    )


def offered(client, field, url=None):
    """The values the complaint form offers in ``field``'s drop-down list."""
    form = client.get(url or reverse("complaint-new")).context["form"]
    return {value for value, _label in form[field].field.choices}


def post_new(client, **kwargs):
    data = form_data(**kwargs)
    data["unit"] = str(kwargs.pop("unit", "")) or data.get("unit", "")
    return client.post(reverse("complaint-new"), data)


def test_the_form_shows_each_box_with_its_help_and_article(client, officer):
    page = client.get(reverse("complaint-new")).content.decode()
    assert "Captación" in page and "art. 129-A" in page
    assert "oferta de trabajo" in page  # the help an untrained officer reads


def test_a_station_officer_sends_a_trafficking_complaint_after_seeing_the_verdict(
    client, officer, tree
):
    data = form_data(unit=tree.cusco_station.pk)
    review = client.post(reverse("complaint-new"), {**data, "action": "send"})
    assert "Posible caso de trata" in review.content.decode()
    assert not Complaint.objects.filter(status="sent").exists()
    sent = client.post(reverse("complaint-new"), {**data, "action": "send", "confirm": "1"})
    complaint = Complaint.objects.get()
    assert sent.status_code == 302 and complaint.is_sent and complaint.verdict == "trafficking"


def test_a_double_submitted_send_creates_one_complaint(client, officer, tree):
    data = {**form_data(unit=tree.cusco_station.pk), "action": "send", "confirm": "1"}
    client.post(reverse("complaint-new"), data)
    client.post(reverse("complaint-new"), data)
    assert Complaint.objects.count() == 1


def test_bad_values_get_clear_messages_and_keep_what_was_typed(client, officer, tree):
    data = form_data(
        unit=tree.cusco_station.pk,
        date_of_facts="2099-01-01",
        victims=[{"first_names": "María", "sex": "F", "age": "150"}],
    )
    page = client.post(reverse("complaint-new"), {**data, "action": "save"}).content.decode()
    assert "futuro" in page and "150" in page and "María" in page
    assert "Asegúrese de que este valor es menor o igual a 120" in page


def test_a_draft_keeps_the_valid_fields_even_when_others_are_wrong(client, officer, tree):
    data = form_data(unit=tree.cusco_station.pk, victims=[{"first_names": "María", "age": "150"}])
    client.post(reverse("complaint-new"), {**data, "action": "save"})
    draft = Complaint.objects.get()
    assert draft.narrative.startswith("Le ofrecieron") and draft.status == "draft"


def test_a_name_longer_than_allowed_is_refused_not_truncated(client, officer, tree):
    data = form_data(unit=tree.cusco_station.pk, victims=[{"first_names": "A" * 130}])
    page = client.post(reverse("complaint-new"), {**data, "action": "save"}).content.decode()
    assert "A" * 130 in page and "120 caracteres (tiene 130)" in page


def test_adding_a_victim_without_javascript_keeps_the_first(client, officer, tree):
    data = form_data(unit=tree.cusco_station.pk)
    page = client.post(reverse("complaint-new"), {**data, "action": "add_victim"})
    assert page.context["victims"].total_form_count() == 2
    assert "Huamaní Quispe" in page.content.decode()


def test_an_empty_victim_list_cannot_be_sent(client, officer, tree):
    data = form_data(unit=tree.cusco_station.pk, victims=[])
    page = client.post(reverse("complaint-new"), {**data, "action": "send"}).content.decode()
    assert "al menos una víctima" in page


def test_a_sent_complaint_cannot_be_edited_through_the_form(client, officer):
    complaint = sent_complaint(officer)
    response = client.post(
        reverse("complaint-edit", kwargs={"pk": complaint.pk}),
        {**form_data(narrative="cambiado"), "action": "save"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.narrative.startswith("Le ofrecieron")


def test_viewing_a_complaint_is_written_to_the_audit_log(client, officer):
    complaint = sent_complaint(officer)
    client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk}))
    assert AuditEvent.objects.filter(action="view", object_id=str(complaint.pk)).count() == 1


def test_an_administrator_corrects_a_complaint_and_the_history_shows_why(client, tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    complaint = sent_complaint(officer)
    admin = user_with_role("administrator", tree.divintrap)
    sign_in_verified(client, admin)
    data = form_data(narrative="Relato corregido: la retuvieron en Mazuko.")
    data["unit"] = str(tree.cusco_station.pk)
    response = client.post(
        reverse("complaint-correct", kwargs={"pk": complaint.pk}),
        {**data, "reason": "El lugar estaba mal escrito", "action": "correct"},
    )
    assert response.status_code == 302
    history = client.get(reverse("complaint-history", kwargs={"pk": complaint.pk}))
    page = history.content.decode()
    assert "El lugar estaba mal escrito" in page and "Mazuko" in page


def test_a_station_officer_cannot_open_the_correction_screen(client, officer):
    complaint = sent_complaint(officer)
    assert client.get(reverse("complaint-correct", kwargs={"pk": complaint.pk})).status_code == 404


def test_a_hotline_complaint_is_routed_to_the_specialized_unit_of_the_place(client, tree):
    operator = user_with_role("hotline_operator", tree.secretariat)
    sign_in_verified(client, operator)
    data = form_data(department="17", district="170101")
    client.post(reverse("complaint-new"), {**data, "action": "send", "confirm": "1"})
    complaint = Complaint.objects.get()
    assert complaint.unit == tree.cusco_department
    detail = client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk}))
    assert "DEPINTRAP-CUSCO" in detail.content.decode() or tree.cusco_department.name in (
        detail.content.decode()
    )


def test_the_national_division_registers_on_behalf_of_a_unit_and_both_show(client, tree):
    investigator = user_with_role("national_investigator", tree.divintrap)
    sign_in_verified(client, investigator)
    data = form_data(unit=tree.puno_station.pk, department="21", district="210101")
    client.post(reverse("complaint-new"), {**data, "action": "send", "confirm": "1"})
    complaint = Complaint.objects.get()
    assert complaint.unit == tree.puno_station and complaint.registered_by_unit == tree.divintrap
    page = client.get(reverse("complaint-detail", kwargs={"pk": complaint.pk})).content.decode()
    assert tree.puno_station.name in page and tree.divintrap.name in page


@pytest.fixture
def series(tree):
    return issued_series(tree.cusco_station, "CUSCO-2026", first=501, last=1000)


def test_a_paper_form_keeps_its_number_and_original_date(client, officer, tree, series):
    data = form_data(
        unit=tree.cusco_station.pk,
        paper_series=series.pk,
        paper_number="512",
        received_on="2026-03-15",
    )
    client.post(reverse("complaint-new"), {**data, "action": "send", "confirm": "1"})
    complaint = Complaint.objects.get()
    assert (complaint.paper_number, str(complaint.received_on)) == (512, "2026-03-15")
    assert complaint.sent_at.date() != complaint.received_on


def test_a_duplicate_paper_form_is_refused_naming_the_existing_complaint(
    client, officer, tree, series
):
    data = form_data(unit=tree.cusco_station.pk, paper_series=series.pk, paper_number="512")
    client.post(reverse("complaint-new"), {**data, "action": "send", "confirm": "1"})
    first = Complaint.objects.get()
    data["draft_key"] = "0b7d5bd6-6f59-4f62-a1a8-6c1bd0a4e002"
    page = client.post(reverse("complaint-new"), {**data, "action": "send"}).content.decode()
    assert first.number in page and Complaint.objects.filter(status="sent").count() == 1


def test_a_paper_form_number_outside_the_series_is_refused(client, officer, tree, series):
    data = form_data(unit=tree.cusco_station.pk, paper_series=series.pk, paper_number="1500")
    page = client.post(reverse("complaint-new"), {**data, "action": "save"}).content.decode()
    assert "no pertenece a la serie" in page


def test_an_analyst_does_not_see_complaints(client, tree):
    sign_in_verified(client, user_with_role("analyst", tree.secretariat))
    assert client.get(reverse("complaint-list")).status_code == 404


def expired_post(client, tree, **changes):
    """Post the form 45 minutes after the last request: the session has expired."""
    client.get(reverse("complaint-new"))
    later = time_machine.travel(timezone.now() + timedelta(minutes=45), tick=False)
    later.start()
    data = {**form_data(unit=tree.cusco_station.pk), "action": "send", **changes}
    return later, client.post(reverse("complaint-new"), data)


def test_an_expired_session_writes_nothing(client, officer, tree):
    later, response = expired_post(client, tree)
    later.stop()
    assert response.status_code == 200 and 'name="held"' in response.content.decode()
    assert Complaint.objects.count() == 0
    assert client.get(reverse("home")).status_code == 302


def test_what_was_typed_is_saved_as_a_draft_once_signed_in_again(client, officer, tree):
    later, response = expired_post(client, tree)
    held = response.context["held"]
    signed_in = client.post(
        reverse("login"),
        {"username": officer.username, "password": PASSWORD, "held": held, "next": "/"},
    )
    assert signed_in.url == reverse("resume-work")
    resume = client.get(reverse("resume-work"))
    fields = resume.context["fields"]
    assert ("action", "save") in fields and ("action", "send") not in fields
    client.post(resume.context["action"], dict_of(fields))
    later.stop()
    draft = Complaint.objects.get()
    assert draft.status == "draft" and draft.narrative.startswith("Le ofrecieron")


def test_work_held_for_one_officer_is_not_saved_for_another(client, officer, tree):
    later, response = expired_post(client, tree)
    held = response.context["held"]
    other = user_with_role("station_officer", tree.cusco_station, username="otro.oficial")
    signed_in = client.post(
        reverse("login"), {"username": other.username, "password": PASSWORD, "held": held}
    )
    later.stop()
    assert signed_in.url != reverse("resume-work")


def test_held_work_that_was_tampered_with_is_dropped(client, officer, tree):
    later, response = expired_post(client, tree)
    held = response.context["held"][:-3] + "xyz"
    signed_in = client.post(
        reverse("login"), {"username": officer.username, "password": PASSWORD, "held": held}
    )
    later.stop()
    assert signed_in.status_code == 302 and signed_in.url != reverse("resume-work")


def test_an_autosave_with_an_expired_session_answers_401_and_writes_nothing(client, officer, tree):
    later, response = expired_post(client, tree, action="autosave")
    later.stop()
    assert response.status_code == 401 and Complaint.objects.count() == 0


def dict_of(fields):
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


def test_the_directory_finds_an_office_by_name_without_accents(client, officer):
    from administration.models import JusticeOffice

    JusticeOffice.objects.create(
        kind="prosecutor", name="Fiscalía Especializada en Trata de Cusco", department_id="08"
    )
    JusticeOffice.objects.create(
        kind="cem", name="Centro Emergencia Mujer Puno", department_id="21"
    )
    page = client.get(reverse("directory"), {"q": "fiscalia cusco"})
    assert [o.name for o in page.context["page"]] == ["Fiscalía Especializada en Trata de Cusco"]


def test_the_directory_filters_by_department(client, officer):
    from administration.models import JusticeOffice

    JusticeOffice.objects.create(
        kind="cem", name="Centro Emergencia Mujer Puno", department_id="21"
    )
    JusticeOffice.objects.create(
        kind="cem", name="Centro Emergencia Mujer Cusco", department_id="08"
    )
    page = client.get(reverse("directory"), {"department": "21"})
    assert [o.name for o in page.context["page"]] == ["Centro Emergencia Mujer Puno"]


def test_a_tampered_draft_token_starts_a_new_draft_instead_of_failing(client, officer, tree):
    data = {**form_data(unit=tree.cusco_station.pk), "draft_key": "not-a-uuid", "action": "save"}
    response = client.post(reverse("complaint-new"), data)
    assert response.status_code == 302 and Complaint.objects.count() == 1


def test_a_tampered_form_count_gets_the_form_back_not_an_error(client, officer, tree):
    data = {**form_data(unit=tree.cusco_station.pk), "v-TOTAL_FORMS": "x", "action": "add_victim"}
    assert client.post(reverse("complaint-new"), data).status_code == 200


def test_a_null_character_in_a_parameter_gets_a_plain_400(client, officer):
    assert client.get(reverse("districts"), {"department": "\x00"}).status_code == 400


def test_another_users_draft_token_starts_a_draft_of_ones_own(client, officer, tree):
    other = user_with_role("station_officer", tree.cusco_station)
    key = "0b7d5bd6-6f59-4f62-a1a8-6c1bd0a4e001"
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    theirs = complaint_save_draft(
        user=other, unit=other.unit, data=complaint_input(), draft_key=key
    )
    client.post(
        reverse("complaint-new"), {**form_data(unit=tree.cusco_station.pk), "action": "save"}
    )
    theirs.refresh_from_db()
    assert Complaint.objects.count() == 2 and theirs.registered_by == other


def test_a_station_types_forms_of_a_series_issued_to_its_directorate(client, officer, tree):
    series = issued_series(tree.cusco_directorate, "DIRTEPOL-CUSCO-2026")
    data = form_data(unit=tree.cusco_station.pk, paper_series=series.pk, paper_number="7")
    client.post(reverse("complaint-new"), {**data, "action": "send", "confirm": "1"})
    assert Complaint.objects.get().paper_number == 7


def test_a_draft_saved_from_a_page_read_before_its_send_is_left_as_sent(officer):
    from reporting.services import complaint_save_draft, complaint_send
    from tests.factories import complaint_input

    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    stale = Complaint.objects.get(pk=draft.pk)  # the other tab's page
    complaint_send(complaint_id=draft.pk, user=officer)
    saved = complaint_save_draft(
        user=officer, unit=officer.unit, data=complaint_input(narrative="otra"), complaint=stale
    )
    assert saved.is_sent and saved.narrative != "otra"


def test_a_form_count_raised_by_hand_builds_only_the_rows_the_browser_sent(client, officer, tree):
    data = {**form_data(unit=tree.cusco_station.pk), "v-TOTAL_FORMS": "100", "s-TOTAL_FORMS": "100"}
    response = client.post(reverse("complaint-new"), {**data, "action": "add_victim"})
    assert response.status_code == 200
    assert response.context["victims"].total_form_count() == 2  # the one typed, one added
    assert response.context["suspects"].total_form_count() == 0


def test_a_renamed_district_shows_on_the_complaint_page_at_once(client, officer):
    from administration.models import District

    complaint = sent_complaint(officer)
    url = reverse("complaint-detail", kwargs={"pk": complaint.pk})
    client.get(url)
    district = District.objects.get(code=complaint.district_id)
    district.name = "Distrito Renombrado"
    district.save()
    assert "Distrito Renombrado" in client.get(url).content.decode()


def test_a_new_prosecutors_office_is_offered_on_the_complaint_page_at_once(client, officer):
    from administration.models import JusticeOffice

    complaint = sent_complaint(officer)
    url = reverse("complaint-detail", kwargs={"pk": complaint.pk})
    client.get(url)
    office = JusticeOffice.objects.create(
        kind=JusticeOffice.Kind.PROSECUTOR, name="Fiscalía Nueva de Prueba", department_id="08"
    )
    options = client.get(url).context["document_form"]["office"].field.choices
    assert (office.pk, "Fiscalía Nueva de Prueba") in options


def test_a_colleagues_draft_is_not_found_by_its_number(client, officer, tree):
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    colleague = user_with_role("station_officer", tree.cusco_station)
    draft = complaint_save_draft(user=colleague, unit=colleague.unit, data=complaint_input())
    sign_in_verified(client, officer)
    assert client.get(reverse("complaint-detail", kwargs={"pk": draft.pk})).status_code == 404


def test_a_district_added_to_a_region_is_offered_by_the_form_at_once(client, officer):
    from administration.models import District, Province
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    draft = complaint_save_draft(user=officer, unit=officer.unit, data=complaint_input())
    url = reverse("complaint-edit", kwargs={"pk": draft.pk})
    client.get(url)
    province = Province.objects.filter(department_id=draft.department_id).first()
    District.objects.create(code="089999", name="Distrito Nuevo", province=province)
    options = client.get(url).context["form"]["district"].field.choices
    assert ("089999", f"Distrito Nuevo ({province.name})") in options


def test_a_region_typed_by_hand_offers_no_districts_and_keeps_the_form(client, officer):
    response = client.post(reverse("complaint-new"), form_data(department="no-such-region"))
    page = response.content.decode()
    districts = page.split('name="district"')[1].split("</select>")[0]
    assert response.status_code == 200 and districts.count("<option") == 1
    assert "Le ofrecieron trabajo de mesera" in page


def test_a_unit_opened_in_the_scope_is_offered_by_the_form_at_once(client, tree):
    from tests.factories import UnitFactory

    investigator = user_with_role("national_investigator", tree.divintrap)
    sign_in_verified(client, investigator)
    client.get(reverse("complaint-new"))
    station = UnitFactory(
        parent=tree.puno_directorate, department_id="21", name="Comisaría Recién Abierta"
    )
    assert station.pk in offered(client, "unit")


def test_the_forms_words_follow_the_language_of_each_request(client, officer):
    url = reverse("complaint-new")
    client.post(reverse("set_language"), {"language": "en"})
    english = client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "es-pe"})
    spanish = client.get(url).content.decode()
    assert "What happened (short account)" in english and "Qué pasó" not in english
    assert "Qué pasó (relato breve)" in spanish and "What happened" not in spanish


def test_a_paper_series_issued_after_the_form_was_shown_is_offered_at_once(client, officer, tree):
    client.get(reverse("complaint-new"))
    series = issued_series(tree.cusco_station, "CUSCO-2027", on="2026-11-02")
    assert series.pk in offered(client, "paper_series")


def test_a_draft_shows_each_person_numbered_with_a_box_to_remove_them(client, officer):
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    victims = [{"first_names": f"Rosa {n}", "sex": "F", "age": 20} for n in range(3)]
    draft = complaint_save_draft(
        user=officer, unit=officer.unit, data=complaint_input(victims=victims)
    )
    page = client.get(reverse("complaint-edit", kwargs={"pk": draft.pk})).content.decode()
    victims_part = page.split('<div id="victims">')[1].split('<template id="v-template">')[0]
    assert [f"<legend>Víctima {n}</legend>" in victims_part for n in (1, 2, 3)] == [True] * 3
    assert victims_part.count('<label class="remove">') == 3
    assert 'name="v-2-id" value="' in victims_part


def test_a_paper_series_of_a_unit_moved_out_of_the_scope_is_no_longer_offered(client, tree):
    from administration.services import unit_reparent

    series = issued_series(tree.cusco_station, "CUSCO-MOVIDA", on="2026-01-02")
    sign_in_verified(client, user_with_role("regional_investigator", tree.cusco_directorate))
    assert series.pk in offered(client, "paper_series")
    unit_reparent(unit=tree.cusco_station, parent=tree.puno_directorate)
    assert series.pk not in offered(client, "paper_series")
