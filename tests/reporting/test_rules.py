"""The legal classifier, judged against the seed catalogue. No database."""

from datetime import date
from itertools import pairwise

import pytest
from django.utils import translation

from administration.seed.legal_catalogue import ARTICLES, ELEMENTS, GROUPS, LAWS
from reporting import rules
from reporting.rules import (
    ArticleRef,
    Facts,
    InvalidFacts,
    Victim,
    classify,
    facts_from_dict,
    law_in_force_from_rows,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def law_on(day):
    return law_in_force_from_rows(ARTICLES, LAWS, day)


def judge(facts):
    return classify(facts, law_on(facts.date_of_facts))


def facts(on, *, ages=(), acts=(), means=(), purposes=(), related=(), aggravating=(), **kwargs):
    victims = kwargs.pop("victims", tuple(Victim(age=age) for age in ages))
    return Facts(
        date_of_facts=date.fromisoformat(on),
        victims=victims,
        acts=frozenset(acts),
        means=frozenset(means),
        purposes=frozenset(purposes),
        related=frozenset(related),
        aggravating=frozenset(aggravating),
    )


def expect(
    verdict="none",
    *,
    exploitation=(),
    related=(),
    missing=(),
    aggravating=(),
    article=None,
    law=None,
    priority="normal",
):
    return {
        "verdict": verdict,
        "exploitation": tuple(exploitation),
        "related": tuple(related),
        "missing": tuple(missing),
        "aggravated": bool(aggravating),
        "aggravating": tuple(aggravating),
        "article": article,
        "law": law,
        "priority": priority,
    }


RECRUITED = {"acts": ["captacion"], "means": ["engano"]}  # the false job offer
ADULT = (30,)
LAW_1991 = {"article": "182", "law": "Decreto Legislativo 635"}
LAW_2004 = {"article": "182", "law": "Ley 28251"}
BASE_2007 = {"article": "153", "law": "Ley 28950"}
AGGRAVATED_2007 = {"article": "153-A", "law": "Ley 28950"}
BASE_2021 = {"article": "129-A", "law": "Ley 31146"}
AGGRAVATED_2021 = {"article": "129-B", "law": "Ley 31146"}


def trafficking(purposes, ref=BASE_2007, priority="high", **kwargs):
    return expect("trafficking", exploitation=purposes, priority=priority, **ref, **kwargs)


SCENARIOS = [
    # Every purpose of Ley 28950, for an adult recruited by deception.
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(["explotacion_sexual"]),
        id="sexual-exploitation-is-trafficking",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["explotacion_laboral"], **RECRUITED),
        trafficking(["explotacion_laboral"]),
        id="labour-exploitation-is-trafficking-since-2007",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["servidumbre"], **RECRUITED),
        trafficking(["servidumbre"]),
        id="servitude-is-trafficking",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["esclavitud"], **RECRUITED),
        trafficking(["esclavitud"]),
        id="slavery-is-trafficking",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["mendicidad"], **RECRUITED),
        trafficking(["mendicidad"]),
        id="forced-begging-is-trafficking",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["venta_ninos"], **RECRUITED),
        trafficking(["venta_ninos"]),
        id="sale-of-children-is-trafficking",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["extraccion_organos"], **RECRUITED),
        trafficking(["extraccion_organos"]),
        id="organ-extraction-is-trafficking",
    ),
    pytest.param(
        facts(
            "2010-05-17",
            ages=ADULT,
            purposes=["mendicidad", "explotacion_laboral", "explotacion_sexual"],
            **RECRUITED,
        ),
        trafficking(["explotacion_sexual", "explotacion_laboral", "mendicidad"]),
        id="several-purposes-listed-in-catalogue-order",
    ),
    # Victims under 18: act + purpose is enough.
    pytest.param(
        facts(
            "2010-05-17",
            victims=(Victim(age=15, sex="F", disability=False),),
            acts=["captacion", "traslado"],
            means=["engano"],
            purposes=["explotacion_sexual"],
        ),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["victima_14_a_17"],
        ),
        id="interfaces-example-girl-of-15-is-urgent-under-153-a",
    ),
    pytest.param(
        facts("2010-05-17", ages=(15,), acts=["captacion"], purposes=["explotacion_sexual"]),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["victima_14_a_17"],
        ),
        id="minor-without-means-is-trafficking",
    ),
    pytest.param(
        facts("2010-05-17", ages=(17,), acts=["acogida"], purposes=["explotacion_laboral"]),
        trafficking(
            ["explotacion_laboral"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["victima_14_a_17"],
        ),
        id="victim-of-17-needs-no-means",
    ),
    pytest.param(
        facts("2010-05-17", ages=(18,), acts=["acogida"], purposes=["explotacion_laboral"]),
        expect(missing=["means"]),
        id="victim-of-18-needs-a-means",
    ),
    pytest.param(
        facts("2010-05-17", ages=(30, 16), acts=["captacion"], purposes=["explotacion_sexual"]),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["pluralidad_victimas", "victima_14_a_17"],
        ),
        id="one-minor-among-the-victims-is-enough-to-drop-the-means",
    ),
    pytest.param(
        facts("2010-05-17", ages=(None,), acts=["captacion"], purposes=["explotacion_sexual"]),
        expect(missing=["means"]),
        id="victim-of-unknown-age-needs-a-means",
    ),
    pytest.param(
        facts("2010-05-17", ages=(15,), purposes=["explotacion_sexual"]),
        expect(missing=["act"], aggravating=["victima_14_a_17"]),
        id="minor-without-act-is-missing-only-the-act",
    ),
    pytest.param(
        facts("2010-05-17", ages=(15,), acts=["transporte"]),
        expect(missing=["purpose"], aggravating=["victima_14_a_17"]),
        id="minor-without-purpose-is-missing-only-the-purpose",
    ),
    pytest.param(
        facts("2010-05-17", ages=(15,)),
        expect(aggravating=["victima_14_a_17"]),
        id="minor-with-nothing-ticked-misses-nothing",
    ),
    # Adults.
    pytest.param(
        facts("2010-05-17", ages=ADULT, acts=["captacion"], purposes=["explotacion_sexual"]),
        expect(missing=["means"]),
        id="adult-without-means-is-not-trafficking",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["explotacion_sexual"]),
        expect(missing=["act", "means"]),
        id="adult-in-sex-work-without-act-or-means-is-not-trafficking",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["explotacion_sexual"], related=["rufianismo"]),
        expect("related", related=["rufianismo"], missing=["act", "means"]),
        id="adult-in-sex-work-whose-partner-lives-off-it-is-a-related-crime",
    ),
    # Related crimes, alone and beside trafficking.
    pytest.param(
        facts("2010-05-17", related=["favorecimiento_prostitucion"]),
        expect("related", related=["favorecimiento_prostitucion"]),
        id="favouring-prostitution-alone-is-related",
    ),
    pytest.param(
        facts("2010-05-17", related=["proxenetismo"]),
        expect("related", related=["proxenetismo"]),
        id="pimping-alone-is-related",
    ),
    pytest.param(
        facts("2010-05-17", related=["turismo_sexual_infantil"]),
        expect("related", related=["turismo_sexual_infantil"]),
        id="child-sex-tourism-alone-is-related",
    ),
    pytest.param(
        facts("2010-05-17", ages=(12,), related=["pornografia_infantil"]),
        expect("related", related=["pornografia_infantil"], aggravating=["victima_menor_14"]),
        id="aggravation-is-reported-but-does-not-raise-a-related-crime",
    ),
    pytest.param(
        facts(
            "2010-05-17",
            ages=ADULT,
            acts=["transporte"],
            means=["pagos_beneficios"],
            related=["trafico_migrantes"],
        ),
        expect("related", related=["trafico_migrantes"], missing=["purpose"]),
        id="smuggling-without-exploitation-is-related-not-trafficking",
    ),
    pytest.param(
        facts(
            "2010-05-17",
            ages=ADULT,
            purposes=["explotacion_sexual"],
            related=["proxenetismo", "favorecimiento_prostitucion"],
            **RECRUITED,
        ),
        trafficking(
            ["explotacion_sexual"], related=["favorecimiento_prostitucion", "proxenetismo"]
        ),
        id="related-crimes-are-listed-beside-trafficking",
    ),
    # Each legal regime, by the date of the facts.
    pytest.param(
        facts("1999-08-01", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(["explotacion_sexual"], ref=LAW_1991),
        id="1999-sexual-exploitation-is-article-182-of-the-1991-code",
    ),
    pytest.param(
        facts("1999-08-01", ages=ADULT, purposes=["explotacion_laboral"], **RECRUITED),
        expect(missing=["purpose"]),
        id="1999-labour-exploitation-is-not-trafficking",
    ),
    pytest.param(
        facts("2005-03-01", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(["explotacion_sexual"], ref=LAW_2004),
        id="2005-sexual-exploitation-is-article-182-of-ley-28251",
    ),
    pytest.param(
        facts("2005-03-01", ages=ADULT, purposes=["explotacion_laboral"], **RECRUITED),
        expect(missing=["purpose"]),
        id="2005-labour-exploitation-is-not-trafficking",
    ),
    pytest.param(
        facts(
            "2005-03-01",
            ages=ADULT,
            purposes=["explotacion_laboral", "explotacion_sexual"],
            **RECRUITED,
        ),
        trafficking(["explotacion_sexual"], ref=LAW_2004),
        id="2005-only-the-sexual-purpose-counts",
    ),
    pytest.param(
        facts("2005-03-01", ages=(10,), acts=["captacion"], purposes=["mendicidad"]),
        expect(missing=["purpose"], aggravating=["victima_menor_14"]),
        id="2005-forced-begging-of-a-child-is-not-trafficking",
    ),
    pytest.param(
        facts(
            "2005-03-01",
            ages=ADULT,
            purposes=["explotacion_sexual"],
            aggravating=["agente_familiar"],
            **RECRUITED,
        ),
        trafficking(
            ["explotacion_sexual"],
            ref=LAW_2004,
            priority="urgent",
            aggravating=["agente_familiar"],
        ),
        id="2005-aggravated-trafficking-is-still-article-182",
    ),
    pytest.param(
        facts(
            "2010-05-17",
            ages=ADULT,
            purposes=["explotacion_sexual"],
            aggravating=["agente_organizacion_criminal"],
            **RECRUITED,
        ),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["agente_organizacion_criminal"],
        ),
        id="2010-aggravated-trafficking-is-153-a",
    ),
    pytest.param(
        facts("2022-02-01", ages=ADULT, purposes=["explotacion_laboral"], **RECRUITED),
        trafficking(["explotacion_laboral"], ref=BASE_2021),
        id="2022-trafficking-is-129-a-of-ley-31146",
    ),
    pytest.param(
        facts(
            "2022-02-01",
            ages=ADULT,
            purposes=["explotacion_laboral"],
            aggravating=["lesion_grave_o_muerte"],
            **RECRUITED,
        ),
        trafficking(
            ["explotacion_laboral"],
            ref=AGGRAVATED_2021,
            priority="urgent",
            aggravating=["lesion_grave_o_muerte"],
        ),
        id="2022-aggravated-trafficking-is-129-b",
    ),
    pytest.param(
        facts("1990-12-31", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        expect(missing=["purpose"]),
        id="before-the-1991-code-the-catalogue-has-no-trafficking-law",
    ),
    # Boundary dates.
    pytest.param(
        facts("2004-06-08", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(["explotacion_sexual"], ref=LAW_1991),
        id="2004-06-08-is-still-the-1991-code",
    ),
    pytest.param(
        facts("2004-06-09", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(["explotacion_sexual"], ref=LAW_2004),
        id="2004-06-09-is-ley-28251",
    ),
    pytest.param(
        facts("2007-01-16", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(["explotacion_sexual"], ref=LAW_2004),
        id="2007-01-16-publication-day-is-still-182",
    ),
    pytest.param(
        facts("2007-01-16", ages=ADULT, purposes=["explotacion_laboral"], **RECRUITED),
        expect(missing=["purpose"]),
        id="2007-01-16-labour-exploitation-is-not-yet-trafficking",
    ),
    pytest.param(
        facts("2007-01-17", ages=ADULT, purposes=["explotacion_laboral"], **RECRUITED),
        trafficking(["explotacion_laboral"]),
        id="2007-01-17-labour-exploitation-is-trafficking-under-153",
    ),
    pytest.param(
        facts("2021-03-30", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(["explotacion_sexual"]),
        id="2021-03-30-publication-day-is-still-153",
    ),
    pytest.param(
        facts("2021-03-31", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(["explotacion_sexual"], ref=BASE_2021),
        id="2021-03-31-is-129-a",
    ),
    pytest.param(
        facts("2021-03-30", ages=(30, 25), purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["pluralidad_victimas"],
        ),
        id="2021-03-30-aggravated-is-still-153-a",
    ),
    pytest.param(
        facts("2021-03-31", ages=(30, 25), purposes=["explotacion_sexual"], **RECRUITED),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2021,
            priority="urgent",
            aggravating=["pluralidad_victimas"],
        ),
        id="2021-03-31-aggravated-is-129-b",
    ),
    # Aggravating circumstances, ticked and derived.
    pytest.param(
        facts("2010-05-17", ages=(13,), acts=["captacion"], purposes=["explotacion_sexual"]),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["victima_menor_14"],
        ),
        id="victim-of-13-is-aggravated",
    ),
    pytest.param(
        facts("2010-05-17", ages=(14,), acts=["captacion"], purposes=["explotacion_sexual"]),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["victima_14_a_17"],
        ),
        id="victim-of-14-is-aggravated-as-14-to-17-not-under-14",
    ),
    pytest.param(
        facts(
            "2010-05-17",
            victims=(Victim(age=25, disability=True),),
            purposes=["explotacion_laboral"],
            **RECRUITED,
        ),
        trafficking(
            ["explotacion_laboral"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["victima_discapacidad"],
        ),
        id="victim-with-disability-is-aggravated",
    ),
    pytest.param(
        facts(
            "2010-05-17",
            ages=ADULT,
            purposes=["explotacion_sexual"],
            aggravating=["agente_funcionario"],
            **RECRUITED,
        ),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["agente_funcionario"],
        ),
        id="public-official-is-aggravated",
    ),
    pytest.param(
        facts(
            "2010-05-17",
            ages=(30, 25),
            purposes=["explotacion_sexual"],
            aggravating=["pluralidad_victimas"],
            **RECRUITED,
        ),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=["pluralidad_victimas"],
        ),
        id="several-victims-ticked-and-derived-counts-once",
    ),
    pytest.param(
        facts(
            "2010-05-17",
            victims=(Victim(age=10), Victim(age=13, disability=True)),
            acts=["captacion"],
            purposes=["explotacion_sexual"],
            aggravating=["victima_discapacidad", "agente_familiar"],
        ),
        trafficking(
            ["explotacion_sexual"],
            ref=AGGRAVATED_2007,
            priority="urgent",
            aggravating=[
                "agente_familiar",
                "pluralidad_victimas",
                "victima_discapacidad",
                "victima_menor_14",
            ],
        ),
        id="aggravations-are-deduplicated-in-a-stable-order",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, acts=["retencion"], aggravating=["lesion_grave_o_muerte"]),
        expect(missing=["means", "purpose"], aggravating=["lesion_grave_o_muerte"]),
        id="aggravation-without-trafficking-keeps-normal-priority",
    ),
    # Missing elements.
    pytest.param(
        facts("2010-05-17", ages=ADULT, acts=["captacion"]),
        expect(missing=["means", "purpose"]),
        id="act-alone-misses-means-and-purpose",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, means=["amenaza"]),
        expect(missing=["act", "purpose"]),
        id="means-alone-misses-act-and-purpose",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, purposes=["explotacion_laboral"]),
        expect(missing=["act", "means"]),
        id="purpose-alone-misses-act-and-means",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, **RECRUITED),
        expect(missing=["purpose"]),
        id="act-and-means-miss-the-purpose",
    ),
    pytest.param(
        facts("2010-05-17", ages=ADULT, means=["violencia"], purposes=["explotacion_sexual"]),
        expect(missing=["act"]),
        id="means-and-purpose-miss-the-act",
    ),
    pytest.param(
        facts("2010-05-17"),
        expect(),
        id="nothing-ticked-is-none-and-misses-nothing",
    ),
]


@pytest.mark.parametrize(("case", "expected"), SCENARIOS)
def test_classifier_verdict(case, expected):
    verdict = judge(case)

    assert {key: getattr(verdict, key) for key in expected} == expected


def test_there_are_at_least_45_scenarios():
    assert len(SCENARIOS) >= 45


# Reasons: the sentences an officer reads.


def test_reason_for_trafficking_names_the_elements():
    verdict = judge(facts("2010-05-17", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED))

    assert "Possible trafficking case: recruitment + deception + sexual exploitation." in (
        verdict.reasons
    )


def test_reason_says_a_minor_needs_no_means():
    verdict = judge(facts("2010-05-17", ages=(15,), acts=["captacion"], purposes=["mendicidad"]))

    assert "A victim is under 18: the means are not required." in verdict.reasons


def test_reason_says_labour_exploitation_was_not_trafficking_in_2005():
    verdict = judge(facts("2005-03-01", ages=ADULT, purposes=["explotacion_laboral"], **RECRUITED))

    assert "On 03/01/2005, labour exploitation was not trafficking under Ley 28251." in (
        verdict.reasons
    )


def test_reason_says_adult_sex_work_without_act_or_means_is_not_trafficking():
    verdict = judge(facts("2010-05-17", ages=ADULT, purposes=["explotacion_sexual"]))

    assert "Sex work by an adult, with no act and no means, is not trafficking." in (
        verdict.reasons
    )


def test_reason_lists_what_is_missing():
    verdict = judge(facts("2010-05-17", ages=ADULT, acts=["captacion"], purposes=["mendicidad"]))

    assert "Missing for trafficking: the means." in verdict.reasons


def test_reason_asks_for_the_age_when_only_the_means_are_missing_and_age_is_unknown():
    verdict = judge(facts("2010-05-17", ages=(None,), acts=["captacion"], purposes=["mendicidad"]))

    assert "If a victim is under 18, record the age: then no means is required." in (
        verdict.reasons
    )


def test_reason_names_the_article_in_force():
    verdict = judge(facts("2022-02-01", ages=ADULT, purposes=["explotacion_sexual"], **RECRUITED))

    assert "Article 129-A of Ley 31146, in force on 02/01/2022." in verdict.reasons


def test_reason_names_related_crimes_and_aggravations():
    verdict = judge(facts("2010-05-17", ages=(12, 13), related=["pornografia_infantil"]))

    assert verdict.reasons == (
        "Related crime: child pornography.",
        "First-degree aggravating circumstance: several victims.",
        "Second-degree aggravating circumstance: victim under 14.",
    )


def test_reason_when_nothing_was_recorded():
    verdict = judge(facts("2010-05-17"))

    assert verdict.reasons == ("No element of trafficking or of a related crime was recorded.",)


# The output contract.


def test_as_dict_has_the_documented_keys_in_order_with_lists():
    verdict = judge(facts("2010-05-17", ages=(15,), acts=["captacion"], purposes=["mendicidad"]))

    output = verdict.as_dict()

    assert list(output) == [
        "verdict",
        "exploitation",
        "related",
        "missing",
        "aggravated",
        "aggravating",
        "article",
        "law",
        "priority",
        "reasons",
    ]
    assert all(isinstance(output[key], list) for key in ("exploitation", "reasons"))


def test_rules_version_is_set():
    assert rules.RULES_VERSION == "2026.2"


def test_without_an_aggravated_article_the_base_article_is_used():
    law = {"trata": ArticleRef("182", "Ley 28251"), "explotacion_sexual": ArticleRef("182", "x")}
    case = facts("2005-03-01", ages=(30, 31), purposes=["explotacion_sexual"], **RECRUITED)

    verdict = classify(case, law)

    assert (verdict.article, verdict.law) == ("182", "Ley 28251")


# The catalogue on a date.


def row(element, article, law, valid_from, valid_to=None):
    return {
        "element": element,
        "article": article,
        "law": law,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


def test_law_in_force_includes_the_last_day_of_validity():
    rows = [row("x", "1", "a", date(2000, 1, 1)), row("y", "2", "a", None, date(2001, 1, 1))]
    laws = [{"code": "a", "name": "Ley A"}]

    assert law_in_force_from_rows(rows, laws, date(2001, 1, 1)) == {
        "x": ArticleRef("1", "Ley A"),
        "y": ArticleRef("2", "Ley A"),
    }
    assert "y" not in law_in_force_from_rows(rows, laws, date(2001, 1, 2))


def test_law_in_force_prefers_the_newest_of_overlapping_rows():
    rows = [row("x", "new", "b", date(2005, 1, 1)), row("x", "old", "a", date(2000, 1, 1))]
    laws = [{"code": "a", "name": "Ley A"}, {"code": "b", "name": "Ley B"}]

    assert law_in_force_from_rows(rows, laws, date(2006, 1, 1)) == {"x": ArticleRef("new", "Ley B")}


# Input validation.

EXAMPLE = {
    "date_of_facts": "2010-05-17",
    "victims": [{"age": 15, "sex": "F", "disability": False}],
    "acts": ["captacion", "traslado"],
    "means": ["engano"],
    "purposes": ["explotacion_sexual"],
    "related": [],
    "aggravating": [],
}


def test_facts_from_dict_reads_the_interfaces_example():
    assert facts_from_dict(EXAMPLE) == Facts(
        date_of_facts=date(2010, 5, 17),
        victims=(Victim(age=15, sex="F"),),
        acts=frozenset({"captacion", "traslado"}),
        means=frozenset({"engano"}),
        purposes=frozenset({"explotacion_sexual"}),
    )


def test_facts_from_dict_needs_only_the_date():
    assert facts_from_dict({"date_of_facts": "2010-05-17"}) == Facts(date(2010, 5, 17))


def test_facts_from_dict_accepts_an_unknown_age():
    assert facts_from_dict({"date_of_facts": "2010-05-17", "victims": [{"age": None}]}).victims == (
        Victim(age=None),
    )


def test_a_victim_with_a_disability_makes_the_case_aggravated():
    data = {"date_of_facts": "2010-05-17", "victims": [{"age": 40, "disability": True}]}

    assert judge(facts_from_dict(data)).aggravating == ("victima_discapacidad",)


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        pytest.param(["2010-05-17"], "JSON object", id="not-an-object"),
        pytest.param({**EXAMPLE, "purpose": []}, '"purpose"', id="unknown-key"),
        pytest.param({"acts": ["captacion"]}, "date_of_facts", id="missing-date"),
        pytest.param({"date_of_facts": None}, "date_of_facts", id="null-date"),
        pytest.param({"date_of_facts": "2010-02-30"}, '"2010-02-30"', id="impossible-date"),
        pytest.param({"date_of_facts": "17/05/2010"}, '"17/05/2010"', id="date-not-iso"),
        pytest.param({"date_of_facts": "20100517"}, '"20100517"', id="date-without-dashes"),
        pytest.param({"date_of_facts": 2010}, "2010", id="date-is-a-number"),
        pytest.param(
            {**EXAMPLE, "purposes": ["explotacion_sexal"]}, "explotacion_sexal", id="typo"
        ),
        pytest.param({**EXAMPLE, "acts": ["engano"]}, '"engano" in acts', id="code-of-other-group"),
        pytest.param({**EXAMPLE, "acts": "captacion"}, "acts", id="codes-not-a-list"),
        pytest.param({**EXAMPLE, "means": [1]}, "means", id="code-not-text"),
        pytest.param({**EXAMPLE, "victims": {"age": 15}}, "victims", id="victims-not-a-list"),
        pytest.param({**EXAMPLE, "victims": [15]}, "Victim 1", id="victim-not-an-object"),
        pytest.param({**EXAMPLE, "victims": [{"edad": 15}]}, '"edad"', id="victim-unknown-key"),
        pytest.param({**EXAMPLE, "victims": [{"age": -1}]}, "-1", id="negative-age"),
        pytest.param({**EXAMPLE, "victims": [{"age": 121}]}, "121", id="age-over-120"),
        pytest.param({**EXAMPLE, "victims": [{"age": 15.5}]}, "15.5", id="fractional-age"),
        pytest.param({**EXAMPLE, "victims": [{"age": "15"}]}, '"15"', id="age-as-text"),
        pytest.param({**EXAMPLE, "victims": [{"age": True}]}, "true", id="age-as-boolean"),
        pytest.param(
            {**EXAMPLE, "victims": [{}, {"disability": "yes"}]}, "Victim 2", id="disability-text"
        ),
    ],
)
def test_facts_from_dict_rejects_bad_input_saying_what_is_wrong(data, complaint):
    with pytest.raises(InvalidFacts) as error:
        facts_from_dict(data)

    assert complaint in str(error.value)
    assert "\n" not in str(error.value)


def test_facts_refuse_an_unknown_code_even_when_built_directly():
    with pytest.raises(InvalidFacts):
        Facts(date(2010, 5, 17), purposes=frozenset({"trabajo"}))


def test_facts_turn_lists_into_frozensets():
    assert Facts(date(2010, 5, 17), acts=["captacion"]).acts == frozenset({"captacion"})


# The seed catalogue against the codes of INTERFACES.md.


def codes_of(group, derived=False):
    return {e["code"] for e in ELEMENTS if e["group"] == group and e["derived"] == derived}


def test_seed_groups_are_the_interfaces_groups():
    assert GROUPS == ("acts", "means", "purposes", "related", "aggravating")


def test_seed_elements_are_the_interfaces_codes():
    assert codes_of("acts") == rules.ACTS
    assert codes_of("means") == rules.MEANS
    assert codes_of("purposes") == rules.PURPOSES
    assert codes_of("related") == rules.RELATED
    assert codes_of("aggravating") == rules.AGGRAVATING - {"pluralidad_victimas"}
    assert codes_of("aggravating", derived=True) == rules.DERIVED_AGGRAVATING
    assert len(ELEMENTS) == len({e["code"] for e in ELEMENTS})


def test_seed_elements_have_labels_and_help_with_an_example():
    for element in ELEMENTS:
        assert element["label_es"] and element["label_en"], element["code"]
        assert "Ej.:" in element["help_es"], element["code"]
        assert "E.g.:" in element["help_en"], element["code"]


def test_seed_articles_refer_to_known_elements_and_laws():
    elements = {e["code"] for e in ELEMENTS} | {"trata", "trata_agravada"}
    laws = {law["code"] for law in LAWS}

    assert {article["element"] for article in ARTICLES} == elements
    assert {article["law"] for article in ARTICLES} <= laws


def test_seed_articles_of_one_element_never_overlap():
    by_element = {}
    for article in ARTICLES:
        by_element.setdefault(article["element"], []).append(article)
    for element, rows in by_element.items():
        rows.sort(key=lambda article: article["valid_from"])
        for before, after in pairwise(rows):
            assert before["valid_to"] is not None, element
            assert before["valid_to"] < after["valid_from"], element


@pytest.mark.parametrize(
    "day",
    ["1991-04-09", "2004-06-08", "2004-06-09", "2007-01-16", "2007-01-17", "2021-03-31"],
)
def test_seed_has_a_trafficking_article_on_every_regime_boundary(day):
    law = law_on(date.fromisoformat(day))

    assert {"trata", "trata_agravada", "captacion", "engano", "explotacion_sexual"} <= set(law)


def test_seed_has_no_labour_exploitation_row_before_ley_28950():
    first = min(a["valid_from"] for a in ARTICLES if a["element"] == "explotacion_laboral")

    assert first == date(2007, 1, 17)
