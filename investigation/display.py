"""How a viewer reads the people of a case. Victims, witnesses and whistleblowers keep
their identity protected: their full name (and their document) only for the case's own
unit and the national division; initials for everyone else — superiors, units it is
shared with — in pages and in PDFs alike."""

from django.utils.translation import gettext as _

from administration.scope import sees_whole_country
from reporting.documents import initials


def reads_full_identity(viewer, case) -> bool:
    return bool(
        viewer is not None and (viewer.unit_id == case.unit_id or sees_whole_country(viewer))
    )


def person_name(person, *, full: bool) -> str:
    name = person.full_name
    if person.is_protected and not full:
        return initials(name) if name else _("identity protected")
    if not name:
        return person.aliases or _("not identified")
    return name


def person_row(person, *, full: bool) -> dict:
    """What a page or a PDF shows of one person."""
    shown_full = full or not person.is_protected
    return {
        "person": person,
        "name": person_name(person, full=full),
        "aliases": person.aliases if shown_full else "",
        "document": (
            f"{person.get_document_type_display()} {person.document_number}"
            if shown_full and person.document_number
            else ""
        ),
        "protected": person.is_protected and not full,
    }


def name_for(viewer, case):
    full = reads_full_identity(viewer, case)
    return lambda person: person_name(person, full=full)
