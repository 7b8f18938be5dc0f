"""The police report ("informe policial") to the prosecutor, rendered by WeasyPrint like the
documents of the reporting module (reporting/documents.py): A4, black and white, the unit's
heading, numbered in the unit's yearly series. Victims and witnesses appear by their
initials: the report leaves the police, and a protected identity stays protected on paper.
The legal qualification is the classifier's (reporting/rules.py) by the law in force on
the date of the facts, from the legal catalogue."""

from django.utils import timezone, translation

from administration.catalogue import articles_in_force, element_labels
from reporting import rules
from reporting.documents import heading_lines, place_and_date, render_pdf
from reporting.services import TICK_GROUPS

from .display import person_row
from .models import Case, CasePerson


def _age_on(person, day) -> int | None:
    if person.birth_date and day:
        years = day.year - person.birth_date.year
        return years - ((day.month, day.day) < (person.birth_date.month, person.birth_date.day))
    return person.age


def facts_date(case: Case):
    dates = [
        link.complaint.date_of_facts for link in case.case_complaints.select_related("complaint")
    ]
    dates = [d for d in dates if d]
    return case.date_of_facts or (min(dates) if dates else timezone.localdate())


def qualification(case: Case) -> dict:
    """The classifier's verdict on what the case holds: the elements ticked in its
    complaints, the purposes its exploitation records name, and its victims' ages."""
    on = facts_date(case)
    complaints = [link.complaint for link in case.case_complaints.select_related("complaint")]
    groups = {group: set() for group in TICK_GROUPS}
    for complaint in complaints:
        for group in TICK_GROUPS:
            groups[group] |= set(getattr(complaint, group))
    groups["purposes"] |= set(case.exploitations.values_list("purpose", flat=True))
    victims = [
        rules.Victim(age=_age_on(p, on), sex=p.sex)
        for p in case.people.filter(role=CasePerson.Role.VICTIM)
        if _age_on(p, on) is None or 0 <= _age_on(p, on) <= rules.MAX_AGE
    ]
    if not victims:
        victims = [
            rules.Victim(age=v.age_on(c.date_of_facts), sex=v.sex, disability=v.disability)
            for c in complaints
            for v in c.victims.all()
        ]
    facts = rules.Facts(
        date_of_facts=on,
        victims=tuple(victims),
        **{group: frozenset(codes) for group, codes in groups.items()},
    )
    with translation.override("es-pe"):
        verdict = rules.classify(facts, articles_in_force(on)).as_dict()
    verdict["date_of_facts"] = on.isoformat()
    return verdict


def report_pdf(report) -> bytes:
    case = report.case
    labels = element_labels(spanish=True)
    # Everyone outside reads initials: the report goes to the prosecutor's office.
    people = [person_row(p, full=False) for p in case.people.all()]
    verdict = report.qualification
    actions = case.actions.filter(annulled_at__isnull=True).select_related("created_by")
    context = {
        "report": report,
        "document": report,
        "case": case,
        "unit": report.unit,
        "heading": heading_lines(report.unit),
        "place_date": place_and_date(report.unit, timezone.localtime(report.issued_at)),
        "complaints": [link.complaint for link in case.case_complaints.select_related("complaint")],
        "victims": [p for p in people if p["person"].role == CasePerson.Role.VICTIM],
        "witnesses": [
            p
            for p in people
            if p["person"].role in (CasePerson.Role.WITNESS, CasePerson.Role.WHISTLEBLOWER)
        ],
        "traffickers": [p for p in people if p["person"].role == CasePerson.Role.TRAFFICKER],
        "actions": actions,
        "places": case.places.select_related("district"),
        "vehicles": case.vehicles.all(),
        "phones": case.phones.all(),
        "verdict": verdict,
        "exploitation": [labels.get(c, c) for c in verdict.get("exploitation", [])],
        "aggravating": [labels.get(c, c) for c in verdict.get("aggravating", [])],
        "officer": report.issued_by,
    }
    return render_pdf("investigation/documents/informe.html", context)
