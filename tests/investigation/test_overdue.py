"""A case's overdue requests, read from its timeline (plain data, no database)."""

from datetime import UTC, date, datetime

from investigation.models import Action
from investigation.selectors import TimelineEntry, overdue_of
from reporting.models import IssuedDocument

TODAY = date(2026, 12, 3)
AT = datetime(2026, 11, 1, tzinfo=UTC)


def of_action(**fields):
    action = Action(kind="request_sent", description="Pedido a la SUNARP", **fields)
    return TimelineEntry(TODAY, AT, "request_sent", "", "", "", action=action)


def of_document(**fields):
    document = IssuedDocument(pk=7, number="OFICIO-1-2026", **fields)
    return TimelineEntry(TODAY, AT, "document", "", "", "", document=document)


def test_an_unanswered_request_past_its_date_is_overdue():
    assert [o.what for o in overdue_of([of_action(answer_due=date(2026, 12, 1))], TODAY)] == [
        "Pedido a la SUNARP"
    ]


def test_a_request_due_today_is_not_overdue_yet():
    assert overdue_of([of_action(answer_due=TODAY)], TODAY) == []


def test_an_answered_request_is_not_overdue():
    entry = of_action(answer_due=date(2026, 12, 1), answered_on=date(2026, 12, 2))
    assert overdue_of([entry], TODAY) == []


def test_an_annulled_request_is_no_longer_awaited():
    assert overdue_of([of_action(answer_due=date(2026, 12, 1), annulled_at=AT)], TODAY) == []


def test_a_document_of_its_complaints_past_its_date_links_to_its_answer():
    (overdue,) = overdue_of([of_document(answer_due=date(2026, 11, 20))], TODAY)
    assert (overdue.what, overdue.url_name, overdue.pk) == ("OFICIO-1-2026", "document-answer", 7)


def test_overdue_requests_come_oldest_first():
    entries = [of_action(answer_due=date(2026, 12, 1)), of_document(answer_due=date(2026, 11, 2))]
    assert [o.due for o in overdue_of(entries, TODAY)] == [date(2026, 11, 2), date(2026, 12, 1)]
