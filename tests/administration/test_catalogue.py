from datetime import date

import pytest

from administration.catalogue import article_for, articles_in_force
from administration.models import ElementArticle, LegalElement
from reporting import rules

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("on", "article", "law"),
    [
        (date(2003, 5, 1), "182", "Decreto Legislativo 635"),
        (date(2004, 6, 9), "182", "Ley 28251"),
        (date(2007, 1, 16), "182", "Ley 28251"),
        (date(2007, 1, 17), "153", "Ley 28950"),
        (date(2021, 3, 30), "153", "Ley 28950"),
        (date(2021, 3, 31), "129-A", "Ley 31146"),
    ],
)
def test_the_trafficking_article_is_the_one_in_force_on_the_date(on, article, law):
    found = article_for("trata", on)
    assert (found.article, found.law) == (article, law)


def test_the_aggravated_form_has_its_own_article_under_law_28950():
    assert article_for("trata_agravada", date(2015, 1, 1)).article == "153-A"


def test_an_element_without_an_article_on_that_date_has_none():
    assert article_for("trafico_migrantes", date(2005, 1, 1)) is None


def test_smuggling_of_migrants_is_article_303_a_from_law_28950():
    assert article_for("trafico_migrantes", date(2010, 1, 1)).article == "303-A"


def test_an_administrator_correcting_a_date_changes_the_answer_without_code():
    row = ElementArticle.objects.get(element="trata", article="129-A")
    row.valid_from = date(2021, 4, 1)
    row.save(update_fields=["valid_from"])
    ElementArticle.objects.filter(element="trata", article="153").update(valid_to=date(2021, 3, 31))
    assert article_for("trata", date(2021, 3, 31)).article == "153"


def test_every_code_of_the_interfaces_has_labels_and_help_in_both_languages():
    codes = rules.ACTS | rules.MEANS | rules.PURPOSES | rules.RELATED | rules.AGGRAVATING
    elements = {e.code: e for e in LegalElement.objects.all()}
    assert codes <= set(elements)
    for code in codes:
        element = elements[code]
        assert all([element.label_es, element.label_en, element.help_es, element.help_en]), code


def test_the_catalogue_serves_the_classifier():
    verdict = rules.classify(
        rules.facts_from_dict(
            {
                "date_of_facts": "2022-02-01",
                "victims": [{"age": 25}],
                "acts": ["captacion"],
                "means": ["engano"],
                "purposes": ["explotacion_laboral"],
            }
        ),
        articles_in_force(date(2022, 2, 1)),
    )
    assert (verdict.verdict, verdict.article) == ("trafficking", "129-A")
