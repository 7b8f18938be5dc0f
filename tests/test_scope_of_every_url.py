"""Every role against every URL: nothing outside the user's scope leaks.

Each role's user works in Cusco; the records probed belong to Puno. A unit-scoped role
gets a 404 (never a 403 that would confirm the record exists) and never sees Puno's
names in a page. A URL that takes an object must say here how to probe it: a new view
without an entry fails ``test_every_url_with_an_object_is_probed``.
"""

from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from administration.models import CustomVariable, District, JusticeOffice
from administration.scope import sees_personal_data
from reporting.models import PaperFormSeries
from reporting.services import document_issue
from tests.factories import sent_complaint, sign_in_verified, tree_of_command, user_with_role

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "i18n/")
# Pages that change state on GET are none; these only accept POST or end the session.
NOT_PROBED = {"logout"}

# URL name -> how to build the kwargs of an object that belongs to Puno.
OBJECT_PROBES = {
    "unit-detail": lambda tree: {"pk": tree.puno_station.pk},
    "complaint-detail": lambda tree: {"pk": tree.puno_complaint.pk},
    "complaint-edit": lambda tree: {"pk": tree.puno_complaint.pk},
    "complaint-correct": lambda tree: {"pk": tree.puno_complaint.pk},
    "complaint-history": lambda tree: {"pk": tree.puno_complaint.pk},
    "alert-detail": lambda tree: {"pk": tree.puno_alert.pk},
    "alert-act": lambda tree: {"pk": tree.puno_alert.pk},
    "delivery-retry": lambda tree: {"pk": tree.puno_alert.pk},
    "document-issue": lambda tree: {"pk": tree.puno_complaint.pk},
    "document-pdf": lambda tree: {"pk": tree.puno_document.pk},
    "document-answer": lambda tree: {"pk": tree.puno_document.pk},
    "document-answer-file": lambda tree: {"pk": tree.puno_document.pk},
    "paper-series-pdf": lambda tree: {"pk": tree.puno_series.pk},
    "complaint-audit": lambda tree: {"pk": tree.puno_complaint.pk},
    # National reference data: only national administrators reach it.
    "variable-edit": lambda tree: {"pk": tree.variable.pk},
    "variable-retire": lambda tree: {"pk": tree.variable.pk},
    "unit-new": lambda tree: {"pk": tree.puno_station.pk},
    "unit-reorganize": lambda tree: {"pk": tree.puno_station.pk},
    "unit-move": lambda tree: {"pk": tree.puno_station.pk},
    "unit-history": lambda tree: {"pk": tree.puno_station.pk},
    "reference-list": lambda tree: {"table": "directorio"},
    "reference-new": lambda tree: {"table": "directorio"},
    "reference-edit": lambda tree: {"table": "directorio", "pk": tree.puno_office.pk},
    "reference-history": lambda tree: {"table": "directorio", "pk": tree.puno_office.pk},
    **{
        name: lambda tree: {"pk": tree.puno_officer.pk}
        for name in (
            "user-detail",
            "user-edit",
            "user-move",
            "user-active",
            "user-password",
            "user-second-factor",
            "user-rotate",
        )
    },
    "statistics-export": lambda tree: {"pk": tree.puno_export.pk},
    "statistics-media-report": lambda tree: {"pk": tree.puno_media.pk},
    "statistics-export-file": lambda tree: {"pk": tree.puno_export.pk},
    # The investigation module: a case of DEPINTRAP Puno and its records.
    **{
        name: lambda tree: {"pk": puno_case(tree).case.pk}
        for name in (
            "case-detail",
            "case-edit",
            "case-state",
            "case-attach",
            "case-share",
            "action-add",
            "route-new",
            "attachment-new",
            "case-network",
            "report-issue",
        )
    },
    "record-new": lambda tree: {"pk": puno_case(tree).case.pk, "kind": "personas"},
    "record-edit": lambda tree: {
        "pk": puno_case(tree).case.pk,
        "kind": "personas",
        "rid": puno_case(tree).person.pk,
    },
    "record-history": lambda tree: {
        "pk": puno_case(tree).case.pk,
        "kind": "personas",
        "rid": puno_case(tree).person.pk,
    },
    "route-edit": lambda tree: {"pk": puno_case(tree).case.pk, "rid": puno_case(tree).route.pk},
    "action-annul": lambda tree: {"pk": puno_case(tree).action.pk},
    "attachment-file": lambda tree: {"pk": puno_case(tree).attachment.pk},
    "report-pdf": lambda tree: {"pk": puno_report(tree).pk},
    "access-decide": lambda tree: {"pk": puno_case(tree).access.pk},
}
# Pages that only take a form; they are probed with a POST.
POST_ONLY = {
    "alert-act",
    "delivery-retry",
    "document-issue",
    "user-active",
    "variable-retire",
    "case-state",
    "case-attach",
    "action-add",
    "access-decide",
}
# Administrators' pages: only roles that manage users reach them (others get a 404).
ADMINISTRATORS_ONLY = {
    name
    for name in OBJECT_PROBES
    if name.startswith(("user-", "variable-", "reference-", "unit-")) and name != "unit-detail"
}
# A national role reaches these objects, but the page may send it elsewhere (a sent
# complaint is never edited; only administrators correct; administrators issue no
# documents).
REDIRECTS_OR_HIDDEN = {
    "document-answer",
    "complaint-edit",
    "complaint-correct",
    "alert-act",
    "delivery-retry",
    "document-issue",
    "document-answer-file",
    "paper-series-pdf",
    *ADMINISTRATORS_ONLY,
    # Exports are their owner's only: another user, national or not, gets a 404.
    "statistics-export",
    "statistics-export-file",
    # Case files: changed only by investigators (an administrator reads them), and the
    # forms that answer with a redirect or with the page and its errors.
    "case-edit",
    "case-state",
    "case-attach",
    "case-share",
    "action-add",
    "action-annul",
    "route-new",
    "route-edit",
    "attachment-new",
    "record-new",
    "record-edit",
    "report-issue",
    "access-decide",
}

ROLES_IN_CUSCO = {
    "station_officer": "cusco_station",
    "hotline_operator": "secretariat",
    "regional_investigator": "cusco_directorate",
    # Scoped to the directorate's subtree: Puno's people are out of reach.
    "regional_administrator": "cusco_directorate",
}
NATIONAL_ROLES = {
    "national_investigator": "divintrap",
    "administrator": "divintrap",
    "analyst": "secretariat",
}
OUTSIDE_MARKER = "Comisaría de Puno, no debe filtrarse"


def named_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from named_patterns(entry, route)
        elif isinstance(entry, URLPattern) and entry.name and entry.name not in NOT_PROBED:
            yield entry.name, entry.pattern.regex.groupindex


PATTERNS = sorted(named_patterns())


@pytest.fixture(scope="module")
def puno(django_db_setup, django_db_blocker):
    """Puno's records, built once for the module in a transaction rolled back after its
    last test. Each test runs in a savepoint of it (pytest-django's own), so what one
    test changes is gone for the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = puno_records(tree_of_command())
        puno_case(world)
        yield world
        transaction.set_rollback(True)


def puno_records(tree):
    tree.puno_station.name = OUTSIDE_MARKER
    tree.puno_station.save(update_fields=["name"])
    officer = user_with_role("station_officer", tree.puno_station, last_name=OUTSIDE_MARKER)
    tree.puno_officer = officer
    tree.puno_office = JusticeOffice.objects.create(
        kind="prosecutor", name="Fiscalía de Puno", department_id="21"
    )
    tree.variable = CustomVariable.objects.create(
        code="zona_rural",
        target="complaint",
        kind="yes_no",
        label_es="¿Zona rural?",
        label_en="Rural area?",
        active_from="2020-01-01",
    )
    tree.puno_complaint = sent_complaint(
        officer,
        narrative=OUTSIDE_MARKER,
        district=District.objects.get(code="210101"),
        victims=[{"first_names": "Apaza", "last_names": OUTSIDE_MARKER, "sex": "F", "age": 15}],
    )
    tree.puno_alert = tree.puno_complaint.alerts.get(unit=tree.puno_department)
    tree.puno_document = document_issue(complaint=tree.puno_complaint, user=officer, kind="acta")
    tree.puno_export = puno_export(user_with_role("regional_investigator", tree.puno_department))
    tree.puno_media = puno_media_report(user_with_role("analyst", tree.secretariat))
    tree.puno_series = PaperFormSeries.objects.create(
        code="PUNO-2026",
        unit=tree.puno_station,
        first_number=1,
        last_number=2,
        issued_on="2026-01-01",
    )
    return tree


def puno_export(user):
    """A finished export of a Puno investigator: a file no one else may fetch."""
    from datetime import timedelta

    from django.utils import timezone

    from administration.statistics.models import Export

    now = timezone.now()
    return Export.objects.create(
        user=user,
        created_at=now,
        expires_at=now + timedelta(days=1),
        format="csv",
        query="measure=victims&var=department",
        title=OUTSIDE_MARKER,
        status="done",
        file="statistics/exports/none.csv",
    )


def puno_media_report(analyst):
    from datetime import date

    from administration.statistics.models import MediaReport

    return MediaReport.objects.create(
        published_on=date(2026, 3, 20),
        outlet="Diario de Puno",
        department_id="21",
        summary="Rescatan a una adolescente en Juliaca.",
        recorded_by=analyst,
        recorded_at="2026-03-21T10:00:00-05:00",
    )


def puno_case(tree):
    """A case of DEPINTRAP Puno with one of each record (made with the rest of Puno's)."""
    if not hasattr(tree, "puno_case"):
        from datetime import date

        from administration.uploads import check_upload
        from investigation import services
        from investigation.models import CasePerson, Route
        from tests.files import png_bytes, upload

        puno = user_with_role("regional_investigator", tree.puno_department)
        case = services.case_open(user=puno, title=OUTSIDE_MARKER, complaints=[tree.puno_complaint])
        fields = {"role": "trafficker", "first_names": "Apaza", "last_names": OUTSIDE_MARKER}
        person = services.record_save(case=case, model=CasePerson, user=puno, fields=fields)
        route = services.route_save(
            case=case,
            user=puno,
            description=OUTSIDE_MARKER,
            legs=[{"stage": "recruitment", "district": District.objects.get(code="210101")}],
        )
        action = services.action_add(
            case=case,
            user=puno,
            fields={"kind": "note", "occurred_on": date(2026, 1, 5), "description": OUTSIDE_MARKER},
        )
        attachment = services.attachment_add(
            case=case,
            user=puno,
            kind="photo",
            description=OUTSIDE_MARKER,
            upload=check_upload(upload("foto.png", png_bytes(), "image/png")),
        )
        other = user_with_role("regional_investigator", tree.cusco_department)
        access = services.access_request_create(case=case, user=other, reason="cruce")
        tree.puno_case = SimpleNamespace(
            case=case,
            person=person,
            route=Route.objects.get(pk=route.pk),
            action=action,
            attachment=attachment,
            access=access,
            lead=puno,
        )
    return tree.puno_case


def puno_report(tree):
    """The police report of that case (a PDF: made only for the URL that needs it)."""
    from investigation import services

    probe = puno_case(tree)
    return services.report_issue(case=probe.case, user=probe.lead, conclusions=OUTSIDE_MARKER)


def fetch(client, name, kwargs=None):
    url = reverse(name, kwargs=kwargs or {})
    if name in POST_ONLY:
        return client.post(url, {"action": "acknowledge", "kind": "acta"})
    return client.get(url)


def body(response) -> str:
    # Exports stream their rows.
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_every_url_with_an_object_is_probed():
    with_objects = {name for name, groups in PATTERNS if groups}
    assert with_objects <= set(OBJECT_PROBES)


@pytest.mark.parametrize("role", sorted(ROLES_IN_CUSCO))
@pytest.mark.parametrize(("name", "groups"), PATTERNS)
def test_a_unit_scoped_role_gets_404_or_no_trace_of_other_units(client, puno, role, name, groups):
    sign_in_verified(client, user_with_role(role, getattr(puno, ROLES_IN_CUSCO[role])))
    if groups:
        response = fetch(client, name, OBJECT_PROBES[name](puno))
        assert response.status_code == 404
    else:
        response = client.get(reverse(name), {"q": "Apaza", "department": "21"})
        assert response.status_code in (200, 302, 404)
    assert OUTSIDE_MARKER not in body(response)


@pytest.mark.parametrize("role", sorted(NATIONAL_ROLES))
@pytest.mark.parametrize(("name", "groups"), [p for p in PATTERNS if p[1]])
def test_a_national_role_reaches_objects_anywhere(client, puno, role, name, groups):
    user = user_with_role(role, getattr(puno, NATIONAL_ROLES[role]))
    sign_in_verified(client, user)
    response = fetch(client, name, OBJECT_PROBES[name](puno))
    if name in REDIRECTS_OR_HIDDEN or not sees_personal_data(user):
        assert response.status_code in (200, 302, 404)
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(ADMINISTRATORS_ONLY))
def test_a_national_administrator_reaches_the_accounts_of_any_unit(client, puno, name):
    sign_in_verified(client, user_with_role("administrator", puno.divintrap))
    response = fetch(client, name, OBJECT_PROBES[name](puno))
    assert response.status_code in ((302,) if name in POST_ONLY else (200,))


def test_an_analyst_never_sees_the_people_of_a_unit(client, puno):
    user_with_role("station_officer", puno.puno_station, last_name="Apaza Condori")
    sign_in_verified(client, user_with_role("analyst", puno.secretariat))
    response = client.get(reverse("unit-detail", kwargs={"pk": puno.puno_station.pk}))
    assert "Apaza" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_page(client, puno):
    for name, groups in PATTERNS:
        if name in {"login"}:
            continue
        response = fetch(client, name, OBJECT_PROBES[name](puno) if groups else {})
        assert response.status_code == 302, name
        assert OUTSIDE_MARKER not in body(response)


@pytest.mark.parametrize("role", sorted({**ROLES_IN_CUSCO, **NATIONAL_ROLES}))
def test_only_administrators_enter_the_django_admin(client, puno, role):
    unit = getattr(puno, {**ROLES_IN_CUSCO, **NATIONAL_ROLES}[role])
    sign_in_verified(client, user_with_role(role, unit))
    status = client.get("/admin/administration/unit/").status_code
    assert status == (200 if role == "administrator" else 302)
