"""What a complaint's page shows, as plain data for the template."""

import json

from django.utils import timezone
from django.utils.translation import gettext as _

from administration.catalogue import (
    article_periods,
    articles_in_force,
    derived_elements,
    element_labels,
    tickable_elements,
)
from administration.models import LegalElement

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


def complaint_display(complaint) -> dict:
    labels = element_labels()
    articles = articles_in_force(complaint.date_of_facts) if complaint.date_of_facts else {}
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


def tick_groups(form):
    """The tick boxes with their help and the article in force on the date typed."""
    date = getattr(form, "cleaned_data", {}).get("date_of_facts")
    date = date or form.instance.date_of_facts or timezone.localdate()
    in_force = articles_in_force(date)
    periods = article_periods()

    def row(element, chosen=()):
        shown = [
            (start, end, article_label(ref)) for start, end, ref in periods.get(element.code, [])
        ]
        return {
            "element": element,
            "article": article_label(in_force.get(element.code)),
            "periods": json.dumps(shown, separators=(",", ":")),
            "checked": element.code in chosen,
        }

    groups = []
    for group, label in LegalElement.GROUPS:
        chosen = set(form[group].value() or [])
        groups.append(
            {
                "code": group,
                "label": label,
                "rows": [row(element, chosen) for element in tickable_elements(group)],
                "derived": [row(element) for element in derived_elements(group)],
                "errors": form.errors.get(group, ""),
            }
        )
    return groups
