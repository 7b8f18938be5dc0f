"""What a complaint's page shows, as plain data for the template."""

from django.utils import timezone

from administration.catalogue import articles_in_force
from administration.models import LegalElement

from .services import TICK_GROUPS


def complaint_display(complaint) -> dict:
    labels = {e.code: e.label for e in LegalElement.objects.all()}
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
