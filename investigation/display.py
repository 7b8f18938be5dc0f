"""How a viewer reads the people of a case. Victims, witnesses and whistleblowers keep
their identity protected: their full name (and their document) only for the case's own
unit and the national division; initials for everyone else — superiors, units it is
shared with — in pages and in PDFs alike."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


# --- Hits of the national crossing -------------------------------------------------------

KIND_WORDS = {
    "phone": gettext_lazy("This phone"),
    "plate": gettext_lazy("This licence plate"),
    "document": gettext_lazy("This identity document"),
    "account": gettext_lazy("This account"),
    "person": gettext_lazy("A person with this name"),
    "place": gettext_lazy("This establishment"),
    "route": gettext_lazy("This route"),
}


def hit_sentence(hit) -> str:
    what = KIND_WORDS.get(hit.kind) or _("this record")
    if hit.visible:
        where = _("case %(number)s") if hit.source == "case" else _("complaint %(number)s")
        return _("%(what)s also appears in %(where)s (%(unit)s).") % {
            "what": what,
            "where": where % {"number": hit.label},
            "unit": hit.unit_name,
        }
    where = _("a case of %(unit)s") if hit.source == "case" else _("a complaint of %(unit)s")
    return _("%(what)s also appears in %(where)s — contact them.") % {
        "what": what,
        "where": where % {"unit": hit.unit_name},
    }


# An id no record reaches: url_maker finds where the id goes in a reversed URL by it.
_SENTINEL = 2147483647


def url_maker(name: str, *args):
    """``reverse(name, args=[*args, pk])`` for many ``pk``: reversed once, each id put in
    its place (a case's page links every record and every hit)."""
    pattern = reverse(name, args=[*args, _SENTINEL])
    head, tail = pattern.rsplit(str(_SENTINEL), 1)
    return lambda pk: f"{head}{int(pk)}{tail}"


def hits_html(hits, *, csrf_input: str, from_case=None) -> str:
    """The list of a crossing's hits: a link to what is in scope; for what is not, the
    unit to contact and the form to ask it for access. Written here, not by a template: a
    case's page may list a hundred hits, each of which the template engine took longer to
    write than the rest of its row."""
    if not hits:
        return format_html('<ul class="hits"><li>{}</li></ul>', _("No crossings found."))
    links = {"case": url_maker("case-detail"), "complaint": url_maker("complaint-detail")}
    possible = format_html(" <small>({})</small>", _("possible match"))
    access = reverse("access-request")
    from_case_input = (
        format_html('<input type="hidden" name="from_case" value="{}">', from_case.pk)
        if from_case is not None
        else ""
    )
    reason, why, button = _("Reason"), _("Why you need it"), _("Request access")
    rows = []
    for n, hit in enumerate(hits, start=1):
        sentence = hit_sentence(hit)
        if hit.visible:
            rows.append(
                format_html(
                    '<li class="hit-inside"><a href="{}">{}</a>{}</li>',
                    links[hit.source](hit.object_id),
                    sentence,
                    "" if hit.strong else possible,
                )
            )
            continue
        form = ""
        if hit.token:
            form = format_html(
                '<form method="post" action="{}" class="inline">{}'
                '<input type="hidden" name="token" value="{}">{}'
                '<label class="sr" for="reason-{}">{}</label><input id="reason-{}" '
                'name="reason" maxlength="2000" placeholder="{}"> <button>{}</button></form>',
                access,
                csrf_input,
                hit.token,
                from_case_input,
                n,
                reason,
                n,
                why,
                button,
            )
        rows.append(format_html('<li class="hit-outside">{}\n{}</li>', sentence, form))
    return mark_safe(f'<ul class="hits">{"".join(rows)}</ul>')  # noqa: S308 (format_html)


# --- The people of a case's page ---------------------------------------------------------


def people_rows_html(traffickers, others, *, edit_url=None) -> str:
    """The rows of a case's table of people (person_row's dicts); ``edit_url(pk)`` links
    each name to its record, for who may change them (a protected identity's record only
    for who reads it in full). Written here for the reason hits_html is."""
    detained = _("detained")
    rows = []
    for row in traffickers:
        person = row["person"]
        details = [person.get_network_role_display()]
        if person.detained:
            details.append(
                f"{detained} {date_format(person.detained_on, 'SHORT_DATE_FORMAT')}"
                if person.detained_on
                else detained
            )
        rows.append(_person_row(row, edit_url, row["aliases"], details))
    for row in others:
        person = row["person"]
        details = [person.get_sex_display()]
        if person.age is not None:
            details.append(str(person.age))
        rows.append(_person_row(row, None if row["protected"] else edit_url, "", details))
    if not rows:
        return mark_safe('<tr><td colspan="4">—</td></tr>')
    return mark_safe("".join(rows))  # noqa: S308 (format_html)


def _person_row(row, edit_url, aliases, details) -> str:
    person = row["person"]
    name = (
        format_html('<a href="{}">{}</a>', edit_url(person.pk), row["name"])
        if edit_url
        else row["name"]
    )
    if row.get("custom_line"):
        details = [*details, row["custom_line"]]
    return format_html(
        "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td></tr>",
        person.get_role_display(),
        name,
        format_html(" «{}»", aliases) if aliases else "",
        row["document"],
        " · ".join(str(d) for d in details if d),
    )
