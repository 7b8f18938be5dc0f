"""Matching news reports with registered complaints (plain data)."""

from datetime import date

from administration.statistics.media import rank, score, words

REPORT = {
    "published_on": date(2010, 6, 10),
    "department": "17",
    "purpose": "explotacion_sexual",
    "victims": 2,
    "summary": "Rescatan a dos adolescentes explotadas en un bar de Puerto Maldonado, "
    "captadas con una falsa oferta de trabajo de mesera.",
}


def complaint(pk, **fields):
    base = {
        "id": pk,
        "date_of_facts": date(2010, 6, 1),
        "sent_on": date(2010, 6, 2),
        "department": "17",
        "purposes": ["explotacion_sexual"],
        "victims": 2,
        "narrative": "Le ofrecieron trabajo de mesera en un bar de Puerto Maldonado.",
    }
    return {**base, **fields}


def test_the_same_case_ranks_first():
    same = complaint(1)
    other_place = complaint(2, department="08", narrative="Trabajo en una mina de Cusco.")
    later = complaint(3, date_of_facts=date(2011, 3, 1), sent_on=date(2011, 3, 2))
    ranked = rank(REPORT, [other_place, later, same])
    assert ranked[0].complaint_id == 1
    assert set(ranked[0].reasons) == {"date", "department", "purpose", "victims", "words"}


def test_a_complaint_far_from_the_date_and_sharing_no_words_is_not_proposed():
    far = complaint(
        4,
        date_of_facts=date(2012, 1, 1),
        sent_on=date(2012, 1, 2),
        narrative="Mendicidad forzada en Lima.",
    )
    assert rank(REPORT, [far]) == []


def test_words_ignore_accents_case_and_filler():
    assert words("Víctima en PUERTO Maldonado, según la Policía") == {"puerto", "maldonado"}


def test_more_shared_words_score_higher():
    close = score(REPORT, complaint(5))
    vague = score(REPORT, complaint(6, narrative="Hechos en la selva."))
    assert close.score > vague.score
