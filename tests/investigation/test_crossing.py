"""The national crossing: hits inside the scope link, hits outside name only the unit."""

from datetime import date

import pytest
from django.urls import reverse

from administration.models import AuditEvent, District
from investigation import crossing, services
from investigation.display import hit_sentence, name_for
from investigation.models import Vehicle
from reta import prepared
from tests.factories import sent_complaint, sign_in_verified, user_with_role
from tests.investigation.factories import add_person, add_phone, investigators, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return investigators(tree)


@pytest.fixture
def puno_case(people):
    puno = people[1]
    case = open_case(puno, title="Red de Juliaca")
    add_phone(case, puno, "987 654 321")
    add_person(
        case,
        puno,
        first_names="Wilber",
        last_names="Hernández Ccahuana",
        document_type="dni",
        document_number="40123456",
        birth_date=date(1985, 4, 2),
    )
    services.record_save(case=case, model=Vehicle, user=puno, fields={"plate": "V1X-234"})
    return case


def test_a_phone_in_another_regions_case_names_only_its_unit(people, puno_case):
    cusco = people[0]
    case = open_case(cusco)
    phone = add_phone(case, cusco, "+51-987-654-321")
    [hit] = crossing.cross_record(cusco, phone, str(phone))
    assert not hit.visible and hit.unit_name == "DEPINTRAP Puno"
    assert hit.label == "" and hit.object_id is None and hit.token


def test_the_national_division_sees_the_match_with_its_number(people, puno_case):
    national = people[2]
    case = open_case(national)
    phone = add_phone(case, national, "987654321")
    [hit] = crossing.cross_record(national, phone, str(phone))
    assert hit.visible and hit.label == puno_case.number and hit.object_id == puno_case.pk


def test_a_page_with_an_out_of_scope_match_shows_no_number_name_or_link(client, people, puno_case):
    cusco = people[0]
    case = open_case(cusco)
    add_phone(case, cusco, "987654321")
    add_person(case, cusco, first_names="Wilber", last_names="Ccahuana Hernandez")
    sign_in_verified(client, cusco)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "Este teléfono también figura en un caso de DEPINTRAP Puno — comuníquese" in page
    assert puno_case.number not in page and "Red de Juliaca" not in page
    assert reverse("case-detail", args=[puno_case.pk]) not in page
    assert "40123456" not in page


def test_saving_a_record_announces_its_crossings(client, people, puno_case):
    cusco = people[0]
    case = open_case(cusco)
    sign_in_verified(client, cusco)
    response = client.post(
        reverse("record-new", args=[case.pk, "telefonos"]),
        {"number": "0051 987 654 321"},
        follow=True,
    )
    assert "también figura en un caso de DEPINTRAP Puno" in response.content.decode()


def test_a_plate_and_a_document_cross_in_any_spelling(people, puno_case):
    national = people[2]
    probe = crossing.probe_of_text("v1x 234")
    assert [h.kind for h in crossing.cross(national, probe)] == ["plate"]
    probe = crossing.probe_of_text("40.123.456")
    assert "document" in {h.kind for h in crossing.cross(national, probe)}


def test_a_name_with_swapped_surnames_crosses_but_a_surname_alone_does_not(people, puno_case):
    national = people[2]
    assert crossing.cross(national, crossing.probe_of_text("Ccahuana Hernandez Wilber"))
    assert crossing.cross(national, crossing.probe_of_text("Ccahuana")) == []
    assert crossing.cross(national, crossing.probe_of_text("Pedro Ccahuana Hernandez")) == []


def test_a_person_in_a_sent_complaint_crosses_by_document(tree, people):
    officer = user_with_role("station_officer", tree.puno_station)
    complaint = sent_complaint(
        officer,
        district=District.objects.get(code="210101"),
        suspects=[
            {
                "first_names": "Wilber",
                "last_names": "Hernández",
                "document_type": "dni",
                "document_number": "40123456",
            }
        ],
    )
    cusco = people[0]
    case = open_case(cusco)
    person = add_person(
        case,
        cusco,
        first_names="W",
        last_names="H",
        document_type="dni",
        document_number="40 123 456",
    )
    hits = crossing.cross_record(cusco, person, "W H")
    assert [(h.source, h.visible, h.unit_name) for h in hits] == [
        ("complaint", False, str(tree.puno_station))
    ]
    national = crossing.cross(people[2], crossing.probe_of_text("40123456"))
    assert any(h.source == "complaint" and h.label == complaint.number for h in national)


def test_the_complainants_phone_crosses(tree, people):
    officer = user_with_role("station_officer", tree.puno_station)
    sent_complaint(
        officer, district=District.objects.get(code="210101"), complainant_phone="951-222-333"
    )
    hits = crossing.cross(people[2], crossing.probe_of_text("+51951222333"))
    assert [(h.kind, h.source) for h in hits] == [("phone", "complaint")]


def test_the_search_box_is_audited_without_what_was_typed(client, people, puno_case):
    sign_in_verified(client, people[0])
    response = client.post(reverse("crossing-search"), {"q": "987654321"})
    assert "DEPINTRAP Puno" in response.content.decode()
    event = AuditEvent.objects.get(object_type="investigation.crossing")
    assert "987654321" not in event.detail


def test_an_access_request_granted_opens_the_case(client, people, puno_case):
    cusco, puno, _national = people
    case = open_case(cusco)
    phone = add_phone(case, cusco, "987654321")
    [hit] = crossing.cross_record(cusco, phone, str(phone))
    sign_in_verified(client, cusco)
    client.post(
        reverse("access-request"),
        {"token": hit.token, "reason": "Mismo celular", "from_case": case.pk},
    )
    assert client.get(reverse("case-detail", args=[puno_case.pk])).status_code == 404
    sign_in_verified(client, puno)
    [access] = puno_case.access_requests.all()
    client.post(reverse("access-decide", args=[access.pk]), {"decision": "grant"})
    sign_in_verified(client, cusco)
    assert client.get(reverse("case-detail", args=[puno_case.pk])).status_code == 200
    assert AuditEvent.objects.filter(detail="access granted").exists()


def test_a_forged_access_token_is_a_404(client, people, puno_case):
    sign_in_verified(client, people[0])
    response = client.post(
        reverse("access-request"), {"token": f"{puno_case.pk}:forged", "reason": "x"}
    )
    assert response.status_code == 404


def test_the_crossing_reads_a_protected_name_as_the_viewer_may(people, puno_case):
    cusco = people[0]
    case = open_case(cusco)
    victim = add_person(case, cusco, role="victim", first_names="Flor", last_names="Mamani")
    assert name_for(people[1], case)(victim) == "F. M."
    assert name_for(cusco, case)(victim) == "Flor Mamani"


def test_a_name_typed_with_a_typing_error_in_every_word_still_crosses(people, puno_case):
    national = people[2]
    hits = crossing.cross(national, crossing.probe_of_text("Wilbert Hernandes Ccahuana"))
    assert [(h.kind, h.label) for h in hits] == [("person", puno_case.number)]


def test_the_case_page_crossing_leaves_spelling_variants_to_the_save_and_the_search(
    people, puno_case
):
    national = people[2]
    probe = crossing.probe_of_text("Wilbert Hernandes Ccahuana")
    assert crossing.cross(national, probe, variants=False) == []


def test_a_victim_of_a_sent_complaint_crosses_by_her_name_in_either_order(tree, people):
    officer = user_with_role("station_officer", tree.puno_station)
    complaint = sent_complaint(
        officer,
        district=District.objects.get(code="210101"),
        victims=[
            {"first_names": "Rosa Elena", "last_names": "Mamani Condori", "sex": "F", "age": 17}
        ],
    )
    probe = crossing.probe_of_text("Rosa Condori Mamani")
    hits = crossing.cross(people[2], probe, variants=False)
    assert [(h.source, h.label) for h in hits] == [("complaint", complaint.number)]


def test_a_spelling_variant_is_looked_for_when_the_exact_name_is_only_in_the_cases_own_complaint(
    tree, people, puno_case
):
    officer = user_with_role("station_officer", tree.cusco_station)
    own = sent_complaint(
        officer,
        suspects=[{"first_names": "Wilbert", "last_names": "Hernandes Ccahuana", "sex": "M"}],
    )
    probe = crossing.probe_of_text("Wilbert Hernandes Ccahuana")
    hits = crossing.cross(people[2], probe, exclude_complaints=[own.pk])
    assert [(h.source, h.label) for h in hits] == [("case", puno_case.number)]


def test_many_records_with_one_of_the_surnames_do_not_crowd_out_the_full_name(people, puno_case):
    cusco, puno, national = people
    crowd = open_case(cusco, title="Muchos Juan Quispe")
    for _ in range(crossing.NAME_CANDIDATES + 5):
        add_person(crowd, cusco, first_names="Juan", last_names="Quispe")
    add_person(puno_case, puno, first_names="Juan", last_names="Mamani Quispe")
    probe = crossing.Probe()
    mine = open_case(national, title="Nacional")
    crossing.add_record(
        probe, add_person(mine, national, first_names="Juan", last_names="Quispe Mamani"), "JQM"
    )
    hits = crossing.cross(national, probe, exclude_case=mine.pk)
    assert puno_case.number in {h.label for h in hits}


def cross_together(people, puno_case, names, *, variants):
    """Cross ``names`` [(first, last, shown)] in one probe, from a national case, beside a
    Cusco case of Rosa Elena Mamani Condori and Puno's case of Wilber Hernández Ccahuana:
    (sorted (shown, case number) of the hits, Cusco's case number)."""
    cusco, _puno, national = people
    other = open_case(cusco, title="Red de Sicuani")
    add_person(other, cusco, first_names="Rosa Elena", last_names="Mamani Condori")
    mine = open_case(national, title="Nacional")
    probe = crossing.Probe()
    for first, last, shown in names:
        record = add_person(mine, national, first_names=first, last_names=last)
        crossing.add_record(probe, record, shown)
    hits = crossing.cross(national, probe, exclude_case=mine.pk, variants=variants)
    return sorted((h.value, h.label) for h in hits), other.number


def test_names_crossed_together_each_find_their_own_records(people, puno_case):
    names = [("Rosa", "Condori Mamani", "RCM"), ("Wilber", "Hernández Ccahuana", "WHC")]
    hits, other = cross_together(people, puno_case, names, variants=False)
    assert hits == [("RCM", other), ("WHC", puno_case.number)]


def test_names_with_typing_errors_crossed_together_each_find_their_own_records(people, puno_case):
    names = [("Roza Elena", "Mamanni Condori", "RMC"), ("Wilbert", "Hernandes Ccahuana", "WHC")]
    hits, other = cross_together(people, puno_case, names, variants=True)
    assert hits == [("RMC", other), ("WHC", puno_case.number)]


def test_a_crossing_asked_again_does_not_read_the_country_again(
    people, puno_case, django_assert_num_queries
):
    cusco, probe = people[0], crossing.probe_of_text("987654321")
    first = crossing.cross(cusco, probe)
    # Who may see each hit is read afresh: the cases in the user's scope.
    with django_assert_num_queries(1):
        assert crossing.cross(cusco, probe) == first


def test_the_national_division_sees_every_hit_without_asking_the_database_which(
    people, puno_case, django_assert_num_queries
):
    national, probe = people[2], crossing.probe_of_text("987654321")
    crossing.cross(national, probe)
    with django_assert_num_queries(0):
        [hit] = crossing.cross(national, probe)
    assert hit.visible and hit.label == puno_case.number


def test_a_phone_saved_anywhere_is_found_by_a_crossing_made_before(people, puno_case):
    cusco, national = people[0], people[2]
    probe = crossing.probe_of_text("951 000 111")
    assert crossing.cross(national, probe) == []
    add_phone(open_case(cusco), cusco, "951000111")
    assert [h.kind for h in crossing.cross(national, probe)] == ["phone"]


def test_a_person_removed_is_no_longer_found_by_a_crossing_made_before(people, puno_case):
    national = people[2]
    probe = crossing.probe_of_text("Wilber Hernández Ccahuana")
    assert crossing.cross(national, probe)
    puno_case.people.get().delete()
    assert crossing.cross(national, probe) == []


def test_a_complaint_sent_is_found_by_a_crossing_made_before(tree, people):
    probe = crossing.probe_of_text("951 222 333")
    assert crossing.cross(people[2], probe) == []
    officer = user_with_role("station_officer", tree.puno_station)
    sent_complaint(
        officer, district=District.objects.get(code="210101"), complainant_phone="951-222-333"
    )
    assert [h.source for h in crossing.cross(people[2], probe)] == ["complaint"]


def test_a_crossing_remembered_for_the_national_division_hides_the_case_from_another_region(
    people, puno_case
):
    probe = crossing.probe_of_text("987654321")
    [seen] = crossing.cross(people[2], probe)
    [hidden] = crossing.cross(people[0], probe)
    assert seen.label == puno_case.number and seen.visible
    assert hidden.label == "" and hidden.object_id is None and not hidden.visible


def test_a_hit_reads_wholly_in_the_language_of_the_viewer(people, puno_case):
    from django.utils import translation

    [hit] = crossing.cross(people[0], crossing.probe_of_text("987654321"))
    with translation.override("en"):
        english = hit_sentence(hit)
    assert english == "This phone also appears in a case of DEPINTRAP Puno — contact them."
    assert hit_sentence(hit).startswith("Este teléfono también figura")


def test_a_case_page_links_each_hit_in_scope_and_offers_access_to_the_others(
    client, people, puno_case
):
    national = people[2]
    case = open_case(national)
    add_phone(case, national, "987654321")
    sign_in_verified(client, national)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert f'<a href="{reverse("case-detail", args=[puno_case.pk])}">' in page
    assert "Solicitar acceso" not in page


def test_a_unit_not_yet_remembered_by_this_process_is_named_all_the_same(tree):
    from administration.scope import UNIT_TREE

    # As a process that read the units before another one created this unit.
    UNIT_TREE.get(("unit-names",), dict)
    unit = tree.puno_station
    assert crossing.unit_names({unit.pk}) == {unit.pk: str(unit)}


def test_a_request_to_see_a_case_shows_on_its_page_to_its_own_unit_only(client, people, puno_case):
    cusco, puno, national = people
    services.access_request_create(case=puno_case, user=cusco, reason="Mismo celular")
    asks = "DEPINTRAP Cusco solicita ver este caso."
    sign_in_verified(client, puno)
    assert asks in client.get(reverse("case-detail", args=[puno_case.pk])).content.decode()
    sign_in_verified(client, national)
    assert asks not in client.get(reverse("case-detail", args=[puno_case.pk])).content.decode()


def test_a_record_saved_elsewhere_leaves_a_crossing_remembered(
    people, puno_case, django_assert_num_queries
):
    cusco, national = people[0], people[2]
    probe = crossing.probe_of_text("987654321")
    crossing.cross(national, probe)
    elsewhere = open_case(cusco)
    add_phone(elsewhere, cusco, "951000111")
    add_person(elsewhere, cusco, first_names="Juan", last_names="Quispe Mamani")
    with django_assert_num_queries(0):
        assert [h.kind for h in crossing.cross(national, probe)] == ["phone"]


def test_a_phone_changed_to_another_number_is_no_longer_found_by_a_crossing_made_before(
    people, puno_case
):
    puno, national = people[1], people[2]
    probe = crossing.probe_of_text("987654321")
    assert crossing.cross(national, probe)
    phone = puno_case.phones.get()
    services.record_save(
        case=puno_case, model=type(phone), user=puno, fields={"number": "951000222"}, record=phone
    )
    assert crossing.cross(national, probe) == []


def test_a_victims_document_corrected_is_no_longer_found_by_a_crossing_made_before(tree, people):
    from reporting.services import ComplaintInput, complaint_correct

    officer = user_with_role("station_officer", tree.puno_station)
    rosa = {"first_names": "Rosa", "last_names": "Quispe", "sex": "F", "age": 30}
    complaint = sent_complaint(
        officer,
        district=District.objects.get(code="210101"),
        victims=[{**rosa, "document_type": "dni", "document_number": "41234567"}],
    )
    probe = crossing.probe_of_text("41234567")
    assert [h.source for h in crossing.cross(people[2], probe)] == ["complaint"]
    complaint_correct(
        complaint_id=complaint.pk,
        by=user_with_role("administrator", tree.divintrap),
        reason="El DNI se registró mal.",
        data=ComplaintInput(
            fields={},
            victims=[{"id": complaint.victims.get().pk, "document_number": "41234568"}],
            suspects=[{"id": s.pk} for s in complaint.suspects.all()],
        ),
    )
    assert crossing.cross(people[2], probe) == []


def test_a_draft_saved_announces_nothing_to_the_crossing(tree, people, django_assert_num_queries):
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    probe = crossing.probe_of_text("951 222 333")
    crossing.cross(people[2], probe)
    officer = user_with_role("station_officer", tree.puno_station)
    complaint_save_draft(
        user=officer, unit=officer.unit, data=complaint_input(complainant_phone="951222333")
    )
    with django_assert_num_queries(0):
        assert crossing.cross(people[2], probe) == []


def test_a_complaint_sent_with_a_phone_typed_with_words_is_found_by_a_crossing_made_before(
    tree, people
):
    probe = crossing.probe_of_text("951 222 333")
    assert crossing.cross(people[2], probe) == []
    officer = user_with_role("station_officer", tree.puno_station)
    sent_complaint(
        officer, district=District.objects.get(code="210101"), complainant_phone="951222333 (cel)"
    )
    assert [h.source for h in crossing.cross(people[2], probe)] == ["complaint"]


def test_a_name_the_database_folds_otherwise_is_found_by_a_case_page_crossed_before(
    tree, people, puno_case
):
    cusco, national = people[0], people[2]
    case = open_case(cusco, title="Caso Quillabamba")
    add_person(case, cusco, first_names="Juan Carlos", last_names="Quispe Mamani")
    view = lambda: crossing.cross_case(  # noqa: E731
        national,
        case,
        name_for(national, case),
        records=[],
        people=list(case.people.all()),
        attached=[],
    )
    assert view() == []
    officer = user_with_role("station_officer", tree.puno_station)
    suspect = {
        "first_names": "Juan",
        "last_names": "Quispeº Mamani",
        "sex": "M",
        "identified": True,
    }
    sent_complaint(officer, district=District.objects.get(code="210101"), suspects=[suspect])
    assert [h.source for h in view()] == ["complaint"]


def test_an_account_saved_anywhere_is_found_by_a_search_made_before(people, puno_case):
    from investigation.models import Account

    cusco, national = people[0], people[2]
    probe = crossing.probe_of_text("red.juliaca@correo.pe")
    assert crossing.cross(national, probe) == []
    services.record_save(
        case=open_case(cusco),
        model=Account,
        user=cusco,
        fields={"kind": "email", "value": "Red.Juliaca@correo.pe"},
    )
    assert [h.kind for h in crossing.cross(national, probe)] == ["account"]


def _place(case, user, name, district):
    from investigation.models import Place

    fields = {"kind": "bar", "name": name, "district_id": district}
    return services.record_save(case=case, model=Place, user=user, fields=fields)


def test_a_place_crosses_by_its_name_in_the_same_district_only(people, puno_case):
    cusco, puno = people[0], people[1]
    _place(puno_case, puno, "Bar La Cabaña", "210101")
    _place(open_case(puno, title="Otro"), puno, "Bar La Cabaña", "080101")
    place = _place(open_case(cusco), cusco, "bar la cabana", "210101")
    hits = crossing.cross_record(cusco, place, str(place))
    assert [(h.kind, h.unit_name) for h in hits] == [("place", "DEPINTRAP Puno")]


def test_a_draft_complaints_phone_and_document_do_not_cross(tree, people):
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    officer = user_with_role("station_officer", tree.puno_station)
    suspect = {"first_names": "Wilber", "last_names": "Hernández", "document_type": "dni"}
    data = complaint_input(
        district=District.objects.get(code="210101"),
        complainant_phone="951-222-333",
        suspects=[{**suspect, "document_number": "40123456"}],
    )
    complaint_save_draft(user=officer, unit=officer.unit, data=data)
    national = people[2]
    assert crossing.cross(national, crossing.probe_of_text("951222333")) == []
    assert crossing.cross(national, crossing.probe_of_text("40123456")) == []


def test_the_cases_own_complaints_are_no_hit_of_its_records(tree, people):
    officer = user_with_role("station_officer", tree.cusco_station)
    victim = {"first_names": "Rosa", "last_names": "Mamani", "sex": "F", "age": 19}
    complaint = sent_complaint(
        officer,
        complainant_phone="951-222-333",
        victims=[{**victim, "document_type": "dni", "document_number": "41234567"}],
    )
    cusco = people[0]
    case = open_case(cusco)
    services.case_attach_complaint(case=case, complaint=complaint, user=cusco)
    phone = add_phone(case, cusco, "951222333")
    person = add_person(case, cusco, document_type="dni", document_number="41234567")
    assert crossing.cross_record(cusco, phone, str(phone)) == []
    assert crossing.cross_record(cusco, person, "R M") == []
    other = add_phone(open_case(cusco, title="Otro"), cusco, "951222333")
    hits = crossing.cross_record(cusco, other, str(other))
    assert {h.source for h in hits} == {"case", "complaint"}


def test_a_phone_saved_elsewhere_has_a_case_page_look_up_again_that_phone_only(people, puno_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cusco, national = people[0], people[2]
    records = [*puno_case.phones.all(), *puno_case.vehicles.all()]
    probe = crossing.probe_of_case(records, puno_case.people.all(), lambda p: p.full_name)
    before = crossing.cross(national, probe, exclude_case=puno_case.pk, variants=False)
    add_phone(open_case(cusco), cusco, "+51 987 654 321")
    with CaptureQueriesContext(connection) as queries:
        after = crossing.cross(national, probe, exclude_case=puno_case.pk, variants=False)
    # The look-ups are prepared statements: what each EXECUTE ran, by its text.
    texts = [prepared.original(q["sql"]) for q in queries]
    assert any("investigation_phone" in text for text in texts)
    looked_up = [text for text in texts if "investigation_vehicle" in text]
    looked_up += [text for text in texts if "reta_name_keys" in text]
    assert looked_up == [] and before == []
    assert [h.kind for h in after] == ["phone"]


def test_a_case_of_a_large_id_is_left_out_of_its_own_crossing_all_the_same(people, puno_case):
    probe = crossing.probe_of_text("Wilber Hernández Ccahuana")
    assert crossing.cross(people[2], probe, exclude_case=3_000_000_000)


def _hits_of_one_born_in_1990(user, first_names, last_names):
    """What a case page of ``user`` finds for its one person, born in 1990."""
    mine = open_case(user, title="Mio")
    me = add_person(
        mine, user, first_names=first_names, last_names=last_names, birth_date=date(1990, 2, 3)
    )
    probe = crossing.probe_of_case([], [me], lambda p: p.full_name)
    return crossing.cross(user, probe, exclude_case=mine.pk, variants=False)


def test_a_namesake_in_another_case_born_years_apart_is_not_a_hit(people):
    cusco = people[0]
    older = open_case(cusco, title="Mayor")
    add_person(
        older, cusco, first_names="Juan", last_names="Quispe Mamani", birth_date=date(1970, 1, 5)
    )
    peer = open_case(cusco, title="Par")
    add_person(
        peer, cusco, first_names="Juan", last_names="Quispe Mamani", birth_date=date(1991, 6, 1)
    )
    hits = _hits_of_one_born_in_1990(cusco, "Juan", "Quispe Mamani")
    assert [h.label for h in hits] == [peer.number]


def test_a_suspect_whose_age_puts_them_years_apart_is_not_a_hit(tree, people):
    officer = user_with_role("station_officer", tree.cusco_station)
    suspect = {"first_names": "Juan", "last_names": "Quispe Mamani", "sex": "M"}
    # The facts in 2026: 20 years old is born about 2006, 36 years old about 1990.
    young = sent_complaint(officer, suspects=[{**suspect, "approximate_age": 20}])
    peer = sent_complaint(officer, suspects=[{**suspect, "approximate_age": 36}])
    hits = _hits_of_one_born_in_1990(people[0], "Juan", "Quispe Mamani")
    assert [h.label for h in hits] == [peer.number] and young.number != peer.number


def test_a_victim_born_years_apart_by_their_birth_date_is_not_a_hit(tree, people):
    officer = user_with_role("station_officer", tree.cusco_station)
    victim = {"first_names": "Rosa", "last_names": "Condori Mamani", "sex": "F"}
    older = sent_complaint(officer, victims=[{**victim, "birth_date": date(1970, 5, 1)}])
    peer = sent_complaint(officer, victims=[{**victim, "birth_date": date(1990, 9, 9)}])
    hits = _hits_of_one_born_in_1990(people[0], "Rosa", "Condori Mamani")
    assert [h.label for h in hits] == [peer.number] and older.number != peer.number
