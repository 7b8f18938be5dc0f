"""How a viewer reads the people of a case. Victims, witnesses and whistleblowers keep
their identity protected: their full name (and their document) only for the case's own
unit and the national division; initials for everyone else — superiors, units it is
shared with — in pages and in PDFs alike."""

import functools
from html import escape as _escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from administration.scope import sees_whole_country
from reporting.documents import initials
from reta.links import url_maker

from .models import CasePerson


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


def choice_words(model, *fields) -> dict[str, dict]:
    """field -> {stored value: its label in the active language}: translated once for a
    page's rows, not once for each row."""
    return {
        name: {value: str(label) for value, label in model._meta.get_field(name).flatchoices}
        for name in fields
    }


def _label(words: dict, field: str, value) -> str:
    return words[field].get(value, value)


def person_row(person, *, full: bool, words: dict | None = None) -> dict:
    """What a page or a PDF shows of one person (``words``: choice_words of the document
    type, for many rows)."""
    shown_full = full or not person.is_protected
    document = ""
    if shown_full and person.document_number:
        kind = (
            _label(words, "document_type", person.document_type)
            if words
            else person.get_document_type_display()
        )
        document = f"{kind} {person.document_number}"
    return {
        "person": person,
        "name": person_name(person, full=full),
        "aliases": person.aliases if shown_full else "",
        "document": document,
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


def _hit_words() -> dict:
    """The words of a hit's sentence in the active language: translated once for a list
    of hits, not once for each."""
    return {
        "kinds": {kind: str(word) for kind, word in KIND_WORDS.items()},
        "record": _("this record"),
        "case": _("case %(number)s"),
        "complaint": _("complaint %(number)s"),
        "inside": _("%(what)s also appears in %(where)s (%(unit)s)."),
        "case of": _("a case of %(unit)s"),
        "complaint of": _("a complaint of %(unit)s"),
        "outside": _("%(what)s also appears in %(where)s — contact them."),
    }


def hit_sentence(hit, words: dict | None = None) -> str:
    words = words or _hit_words()
    what = words["kinds"].get(hit.kind) or words["record"]
    if hit.visible:
        return words["inside"] % {
            "what": what,
            "where": words[hit.source] % {"number": hit.label},
            "unit": hit.unit_name,
        }
    return words["outside"] % {
        "what": what,
        "where": words[f"{hit.source} of"] % {"unit": hit.unit_name},
    }


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
    # Escaped once here and as each row is written (the rows are many: plain escape()
    # of the standard library, which format_html calls too, without its checks).
    form_head = (
        f'<form method="post" action="{_escape(access)}" class="inline">{csrf_input}'
        '<input type="hidden" name="token" value="'
    )
    reason, why = _escape(_("Reason")), _escape(_("Why you need it"))
    button = _escape(_("Request access"))
    words = _hit_words()
    rows = []
    for n, hit in enumerate(hits, start=1):
        sentence = _escape(hit_sentence(hit, words))
        if hit.visible:
            rows.append(
                f'<li class="hit-inside"><a href="{links[hit.source](hit.object_id)}">'
                f"{sentence}</a>{'' if hit.strong else possible}</li>"
            )
            continue
        form = ""
        if hit.token:
            form = (
                f'{form_head}{_escape(hit.token)}">{from_case_input}'
                f'<label class="sr" for="reason-{n}">{reason}</label><input id="reason-{n}" '
                f'name="reason" maxlength="2000" placeholder="{why}"> <button>{button}</button>'
                "</form>"
            )
        rows.append(f'<li class="hit-outside">{sentence}\n{form}</li>')
    return mark_safe(f'<ul class="hits">{"".join(rows)}</ul>')  # noqa: S308 (escaped above)


# --- The people of a case's page ---------------------------------------------------------


def people_rows_html(traffickers, others, *, edit_url=None) -> str:
    """The rows of a case's table of people (person_row's dicts); ``edit_url(pk)`` links
    each name to its record, for who may change them (a protected identity's record only
    for who reads it in full). Written here for the reason hits_html is."""
    if not traffickers and not others:
        return mark_safe('<tr><td colspan="4">—</td></tr>')
    detained = _("detained")
    words = choice_words(CasePerson, "role", "network_role", "sex")
    rows = []
    for row in traffickers:
        person = row["person"]
        details = [_label(words, "network_role", person.network_role)]
        if person.detained:
            details.append(
                f"{detained} {date_format(person.detained_on, 'SHORT_DATE_FORMAT')}"
                if person.detained_on
                else detained
            )
        rows.append(_person_row(row, words, edit_url, row["aliases"], details))
    for row in others:
        person = row["person"]
        details = [_label(words, "sex", person.sex)]
        if person.age is not None:
            details.append(str(person.age))
        rows.append(_person_row(row, words, None if row["protected"] else edit_url, "", details))
    return mark_safe("".join(rows))  # noqa: S308 (format_html)


def _person_row(row, words, edit_url, aliases, details) -> str:
    """One row, escaped as hits_html escapes."""
    person = row["person"]
    name = _escape(row["name"])
    if edit_url:
        name = f'<a href="{edit_url(person.pk)}">{name}</a>'
    if row.get("custom_line"):
        details = [*details, row["custom_line"]]
    return (
        f"<tr><td>{_escape(_label(words, 'role', person.role))}</td>"
        f"<td>{name}{f' «{_escape(aliases)}»' if aliases else ''}</td>"
        f"<td>{_escape(row['document'])}</td>"
        f"<td>{_escape(' · '.join(str(d) for d in details if d))}</td></tr>"
    )


@functools.lru_cache(maxsize=32)
def new_action_form_html(language: str, day) -> str:
    """The empty form of a new action as a case page shows it: the same for every case
    and user of a language on a day (its kinds are the model's choices, its date today's),
    written once a process (it took 0.5 ms of every visit)."""
    from .forms import ActionForm

    return ActionForm(initial={"occurred_on": day}).as_div()
