"""What a complaint's page shows, as plain data for the template."""

import json

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from administration.catalogue import (
    article_periods,
    articles_in_force,
    derived_elements,
    element_labels,
    period_of,
    remembered,
    tickable_elements,
)
from administration.models import LegalElement, PhoneOperator
from reta.links import url_maker
from reta.remembered import Remembered

from .rules import ArticleRef
from .services import TICK_GROUPS


def article_label(ref: ArticleRef | None) -> str:
    """What a tick box shows beside it: "129-B, 1st degree" for an aggravation."""
    if ref is None:
        return ""
    if ref.degree == 1:
        return _("%(article)s, 1st degree") % {"article": ref.article}
    if ref.degree == 2:
        return _("%(article)s, 2nd degree") % {"article": ref.article}
    return ref.article


def articles_shown(on) -> dict[str, ArticleRef]:
    """The articles in force on ``on`` as pages show them: remembered per period of the
    law with the catalogue (the classifier itself reads them as committed)."""
    # Built from the period's first day, as the tick panel is: the key and the value then
    # come from the same catalogue even when its version changes in between.
    period = period_of(on)
    return remembered(("articles", period), lambda: articles_in_force(period))


def complaint_display(complaint) -> dict:
    labels = element_labels()
    articles = articles_shown(complaint.date_of_facts) if complaint.date_of_facts else {}
    ticked = [
        {
            "group": dict(LegalElement.GROUPS)[group],
            "elements": [
                {"label": labels.get(code, code), "article": article_label(articles.get(code))}
                for code in getattr(complaint, group)
            ],
        }
        for group in TICK_GROUPS
        if getattr(complaint, group)
    ]
    verdict = complaint.verdict_detail or {}
    return {
        "complaint": complaint,
        "victims": list(complaint.victims.select_related("contact_phone_operator")),
        "suspects": list(complaint.suspects.select_related("phone_operator")),
        "ticked": ticked,
        "verdict": verdict,
        "exploitation": [labels.get(code, code) for code in verdict.get("exploitation", [])],
        "corrections": list(complaint.corrections.select_related("corrected_by")),
        "documents": list(complaint.documents.select_related("issued_by", "unit")),
        "today": timezone.localdate(),
    }


def tick_groups(form) -> list[dict]:
    """The tick boxes with their help and the article in force on the date typed.

    The boxes of each group are rendered once per language and period of the law
    (remembered with the catalogue, so a change to it renders them again); a request only
    ticks what the form holds and adds its errors."""
    day = getattr(form, "cleaned_data", {}).get("date_of_facts")
    day = day or form.instance.date_of_facts or timezone.localdate()
    period = period_of(day)
    panel = remembered(("ticks", get_language(), period), lambda: _render_ticks(period))
    groups = []
    for group in panel:
        html = group["html"]
        chosen = set(form[group["code"]].value() or []) & group["codes"]
        for code in sorted(chosen):
            box = f'name="{group["code"]}" value="{code}"'
            html = html.replace(f"{box}>", f"{box} checked>", 1)
        groups.append(
            {
                "label": group["label"],
                "html": mark_safe(html),  # noqa: S308 (rendered by the template above)
                "errors": form.errors.get(group["code"], ""),
            }
        )
    return groups


def _render_ticks(day) -> list[dict]:
    in_force = articles_in_force(day)
    periods = article_periods()

    def row(element):
        shown = [
            (start, end, article_label(ref)) for start, end, ref in periods.get(element.code, [])
        ]
        return {
            "element": element,
            "article": article_label(in_force.get(element.code)),
            "periods": json.dumps(shown, separators=(",", ":")),
        }

    panel = []
    for code, label in LegalElement.GROUPS:
        group = {
            "code": code,
            "rows": [row(element) for element in tickable_elements(code)],
            "derived": [row(element) for element in derived_elements(code)],
        }
        panel.append(
            {
                "code": code,
                "label": str(label),
                "codes": {r["element"].code for r in group["rows"]},
                "html": render_to_string("reporting/_tick_group.html", {"group": group}),
            }
        )
    return panel


# The operators a phone can be of, and the blank rows that offer them: read once per
# version in each process, a new version for every process when an operator changes.
OPERATORS = Remembered("phone-operators")


def operator_choices() -> list[tuple[int, str]]:
    """The operators offered on a phone's select, as (id, name)."""
    return OPERATORS.get(
        "active", lambda: list(PhoneOperator.objects.filter(active=True).values_list("pk", "name"))
    )


def operators_changed(**kwargs) -> None:
    """An operator changed (reporting/apps.py connects this to its signals)."""
    OPERATORS.changed()


def person_html(form, prefix: str, title: str, number) -> str:
    """A victim's or a suspect's row of the complaint form: its fields' groups, its hidden
    fields and its "Remove" box. Written here, not by a template: the form shows up to
    ten of them (and two blank ones), and the template engine's loop over their fields
    cost more than the fields themselves."""
    fields = form.visible_fields()
    groups = "".join(
        f'<div class="f f-{escape(field.name)}">{field.as_field_group()}</div>'
        for field in fields
        if field.name != "DELETE"
    )
    hidden = "".join(str(field) for field in form.hidden_fields())
    remove = ""
    if "DELETE" in form.fields:
        remove = f'<label class="remove">{form["DELETE"]} {escape(_("Remove"))}</label>'
    return mark_safe(  # noqa: S308 (every piece escaped or rendered by Django)
        f'<fieldset class="person" data-prefix="{escape(prefix)}">\n'
        f"  <legend>{escape(title)} {escape(number)}</legend>\n"
        f"  {form.non_field_errors()}{hidden}\n"
        f'  <div class="row">{groups}</div>\n'
        f"  {remove}\n"
        "</fieldset>\n"
    )


def people_html(formset, prefix: str, title: str) -> str:
    return mark_safe(  # noqa: S308 (person_html)
        "".join(
            person_html(form, prefix, title, number) for number, form in enumerate(formset, start=1)
        )
    )


def blank_person(formset, prefix: str, title: str) -> str:
    """The row the page's script copies to add a victim or a suspect: the same for every
    request in a language, so rendered once per process and version of the operators."""
    # The empty form is built only then: formset.empty_form builds one at each look.
    html = OPERATORS.get(
        ("blank", get_language(), prefix, title),
        lambda: person_html(formset.empty_form, prefix, title, ""),
    )
    return mark_safe(html)  # noqa: S308 (person_html)


def complaint_rows_html(rows) -> str:
    """The rows of a list of complaints: a link to each, when it was sent, its unit, its
    district and its verdict. Written here, not by the template engine, which took 2.6 ms
    a page for fifty rows (a link reversed, a date formatted and three words translated
    each), most of the list's template; the words are translated once a page."""
    if not rows:
        return format_html('<tr><td colspan="5">{}</td></tr>', _("No complaint matches."))
    link = url_maker("complaint-detail")
    paper = escape(_("paper"))
    verdicts = {
        "related": escape(_("related crime")),
        "none": escape(_("neither")),
    }
    trafficking = escape(_("possible trafficking"))
    lines = []
    for row in rows:
        number = escape(row.number)
        if row.paper_number:
            number += f" <small>{paper} {row.paper_number:06d}</small>"
        sent = (
            date_format(timezone.localtime(row.sent_at), "SHORT_DATE_FORMAT")
            if row.sent_at
            else "—"
        )
        if row.verdict == "trafficking":
            verdict = f'<span class="badge {escape(row.priority)}">{trafficking}</span>'
        else:
            verdict = verdicts.get(row.verdict, "")
        district = escape(row.district.name) if row.district_id else "—"
        lines.append(
            f'<tr><td><a href="{link(row.pk)}">{number}</a></td>\n'
            f"<td>{sent}</td><td>{escape(row.unit)}</td><td>{district}</td>\n"
            f"<td>{verdict}</td></tr>"
        )
    return mark_safe("\n".join(lines))  # noqa: S308 (every value escaped above)
