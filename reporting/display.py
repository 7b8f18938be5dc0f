"""What a complaint's page shows, as plain data for the template."""

import json

from django.utils import timezone

from administration.catalogue import (
    article_periods,
    articles_in_force,
    element_labels,
    tickable_elements,
)
from administration.models import LegalElement

from .services import TICK_GROUPS


def complaint_display(complaint) -> dict:
    labels = element_labels()
    articles = articles_in_force(complaint.date_of_facts) if complaint.date_of_facts else {}
    ticked = [
        {
            "group": dict(LegalElement.GROUPS)[group],
            "elements": [
                {"label": labels.get(code, code), "article": articles.get(code)}
                for code in getattr(complaint, group)
            ],
        }
        for group in TICK_GROUPS
        if getattr(complaint, group)
    ]
    verdict = complaint.verdict_detail or {}
    return {
        "complaint": complaint,
        "victims": list(complaint.victims.all()),
        "suspects": list(complaint.suspects.all()),
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
    groups = []
    for group, label in LegalElement.GROUPS:
        chosen = set(form[group].value() or [])
        rows = [
            {
                "element": element,
                "ref": in_force.get(element.code),
                "periods": json.dumps(periods.get(element.code, []), separators=(",", ":")),
                "checked": element.code in chosen,
            }
            for element in tickable_elements(group)
        ]
        groups.append(
            {"code": group, "label": label, "rows": rows, "errors": form.errors.get(group, "")}
        )
    return groups
