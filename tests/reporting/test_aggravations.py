"""Aggravating circumstances: which aggravate, in which degree, by the law of the day.

The expected degrees are written here from the published texts, independently of the
seed catalogue the classifier reads: the test is the law, the catalogue the data.
"""

from datetime import date

import pytest
from django.utils import translation

from administration.seed.legal_catalogue import ARTICLES, LAWS
from reporting import rules
from reporting.rules import Facts, Victim, classify, facts_from_dict, law_in_force_from_rows


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


FIRST, SECOND, SINGLE = 1, 2, None
# Arts. 153-A (Ley 28950) and 129-B (Ley 31146): the same two degrees.
TWO_DEGREES = {
    "agente_funcionario": FIRST,
    "agente_organizacion_empresarial": FIRST,
    "pluralidad_victimas": FIRST,
    "victima_14_a_17": FIRST,
    "agente_familiar": FIRST,
    "pluralidad_agentes": FIRST,
    "lesion_grave_o_muerte": SECOND,
    "victima_menor_14": SECOND,
    "victima_discapacidad": SECOND,
    "agente_organizacion_criminal": SECOND,
}
# Art. 182 before 2007: the aggravations of art. 181, one degree.
ART_182_1991 = {
    "victima_menor_14": SINGLE,
    "victima_14_a_17": SINGLE,
    "agente_familiar": SINGLE,
    "agente_organizacion_criminal": SINGLE,
}
ART_182_2004 = {**ART_182_1991, "victima_discapacidad": SINGLE}
PERIODS = {
    "1999-08-01": ("182", "182", "Decreto Legislativo 635", ART_182_1991),
    "2005-03-01": ("182", "182", "Ley 28251", ART_182_2004),
    "2010-05-17": ("153", "153-A", "Ley 28950", TWO_DEGREES),
    "2022-02-01": ("129-A", "129-B", "Ley 31146", TWO_DEGREES),
}
ALL_CIRCUMSTANCES = sorted(rules.AGGRAVATING | rules.DERIVED_AGGRAVATING)
RECRUITED = {"acts": frozenset({"captacion"}), "means": frozenset({"engano"})}
SEXUAL = frozenset({"explotacion_sexual"})


def judge(case: Facts) -> rules.Verdict:
    return classify(case, law_in_force_from_rows(ARTICLES, LAWS, case.date_of_facts))


def with_circumstance(on: str, code: str) -> Facts:
    """A trafficking case showing ``code``, and no other circumstance."""
    victims = {
        "victima_menor_14": (Victim(age=13),),
        "victima_14_a_17": (Victim(age=16),),
        "pluralidad_victimas": (Victim(age=30), Victim(age=31)),
    }.get(code, (Victim(age=30),))
    ticked = frozenset() if code in rules.DERIVED_AGGRAVATING else frozenset({code})
    return Facts(
        date.fromisoformat(on), victims=victims, purposes=SEXUAL, aggravating=ticked, **RECRUITED
    )


CASES = [
    pytest.param(on, code, id=f"{on[:4]}-{code}") for on in PERIODS for code in ALL_CIRCUMSTANCES
]


@pytest.mark.parametrize(("on", "code"), CASES)
def test_a_circumstance_aggravates_only_where_the_law_of_the_day_says(on, code):
    base, aggravated, law, degrees = PERIODS[on]

    verdict = judge(with_circumstance(on, code))

    if code in degrees:
        assert verdict.aggravating == (code,)
        assert (verdict.article, verdict.law, verdict.priority) == (aggravated, law, "urgent")
    else:
        assert verdict.aggravating == ()
        assert (verdict.article, verdict.law) == (base, law)


@pytest.mark.parametrize(("on", "code"), CASES)
def test_a_circumstance_has_the_degree_of_the_law_of_the_day(on, code):
    degrees = PERIODS[on][3]

    verdict = judge(with_circumstance(on, code))

    assert verdict.degree == degrees.get(code)


def test_there_is_a_case_for_every_circumstance_in_every_period():
    assert len(ALL_CIRCUMSTANCES) == 10
    assert len(CASES) == 40


@pytest.mark.parametrize(
    ("age", "derived"),
    [
        (13, {"victima_menor_14"}),
        (14, {"victima_14_a_17"}),
        (17, {"victima_14_a_17"}),
        (18, set()),
    ],
)
def test_the_age_bands_are_derived_at_their_boundaries(age, derived):
    case = Facts(date(2022, 2, 1), victims=(Victim(age=age),), purposes=SEXUAL, **RECRUITED)

    assert set(judge(case).aggravating) == derived


@pytest.mark.parametrize(("age", "degree"), [(13, SECOND), (14, FIRST), (17, FIRST), (18, None)])
def test_the_age_bands_have_their_degrees_under_129_b(age, degree):
    case = Facts(date(2022, 2, 1), victims=(Victim(age=age),), purposes=SEXUAL, **RECRUITED)

    assert judge(case).degree == degree


def test_a_victim_of_unknown_age_derives_no_age_band():
    case = Facts(date(2022, 2, 1), victims=(Victim(age=None),), purposes=SEXUAL, **RECRUITED)

    assert judge(case).aggravating == ()


def test_two_victims_in_both_bands_derive_both():
    case = Facts(date(2022, 2, 1), victims=(Victim(age=12), Victim(age=15)), purposes=SEXUAL)

    assert judge(case).aggravating == (
        "pluralidad_victimas",
        "victima_menor_14",
        "victima_14_a_17",
    )


def test_the_heaviest_degree_found_is_the_verdicts():
    case = with_circumstance("2022-02-01", "victima_14_a_17")
    case = Facts(
        case.date_of_facts,
        victims=case.victims,
        purposes=SEXUAL,
        aggravating=frozenset({"agente_organizacion_criminal"}),
        **RECRUITED,
    )

    verdict = judge(case)

    assert (verdict.degree, verdict.article) == (SECOND, "129-B")


def test_a_disability_ticked_for_a_victim_is_the_second_degree_circumstance():
    case = Facts(
        date(2022, 2, 1), victims=(Victim(age=25, disability=True),), purposes=SEXUAL, **RECRUITED
    )

    verdict = judge(case)

    assert (verdict.aggravating, verdict.degree) == (("victima_discapacidad",), SECOND)


def test_several_victims_ticked_by_an_older_program_counts_once():
    case = Facts(
        date(2022, 2, 1),
        victims=(Victim(age=30), Victim(age=31)),
        purposes=SEXUAL,
        aggravating=frozenset({"pluralidad_victimas"}),
        **RECRUITED,
    )

    assert judge(case).aggravating == ("pluralidad_victimas",)


@pytest.mark.parametrize("code", ["victima_menor_14", "victima_14_a_17"])
def test_an_age_band_cannot_be_sent_ticked(code):
    with pytest.raises(rules.InvalidFacts, match=code):
        facts_from_dict({"date_of_facts": "2022-02-01", "aggravating": [code]})


# Reasons say the degree.


def test_reason_names_a_first_degree_circumstance():
    verdict = judge(with_circumstance("2022-02-01", "pluralidad_agentes"))

    assert "First-degree aggravating circumstance: two or more offenders." in verdict.reasons


def test_reason_names_the_second_degree_circumstances_together():
    case = Facts(
        date(2010, 5, 17),
        victims=(Victim(age=12),),
        purposes=SEXUAL,
        aggravating=frozenset({"lesion_grave_o_muerte", "agente_organizacion_criminal"}),
        **RECRUITED,
    )

    assert (
        "Second-degree aggravating circumstances: offender belongs to a criminal organization, "
        "death, grave injury or imminent danger to life, victim under 14."
    ) in judge(case).reasons


def test_reason_of_a_law_with_one_aggravated_form_names_no_degree():
    verdict = judge(with_circumstance("2005-03-01", "agente_familiar"))

    assert "Aggravating circumstance: offender is a relative or guardian." in verdict.reasons


def test_reason_says_a_circumstance_did_not_aggravate_under_an_older_law():
    verdict = judge(with_circumstance("2005-03-01", "agente_funcionario"))

    assert (
        "On 03/01/2005, offender is a public official did not aggravate trafficking under "
        "Ley 28251."
    ) in verdict.reasons
    assert verdict.priority == "high"


def test_reasons_say_the_degree_in_spanish():
    with translation.override("es-pe"):
        verdict = judge(with_circumstance("2022-02-01", "victima_14_a_17"))

    assert "Agravante de primer grado: víctima de 14 a 17 años." in verdict.reasons


def test_the_degree_is_not_a_key_of_the_command_output():
    output = judge(with_circumstance("2022-02-01", "victima_14_a_17")).as_dict()

    assert "degree" not in output


# The story of issue 11: a girl of 16 recruited in Pucallpa with a false job offer and
# exploited in a bar of a mining camp in Huepetuhe, in October 2026.

HUEPETUHE = {
    "date_of_facts": "2026-10-05",
    "victims": [{"age": 16, "sex": "F", "disability": False}],
    "acts": ["captacion", "traslado", "acogida"],
    "means": ["engano"],
    "purposes": ["explotacion_sexual"],
    "related": [],
    "aggravating": [],
}


def test_the_girl_of_16_exploited_in_huepetuhe_is_aggravated_trafficking_129_b_urgent():
    verdict = judge(facts_from_dict(HUEPETUHE))

    assert verdict.as_dict() | {"reasons": []} == {
        "verdict": "trafficking",
        "exploitation": ["explotacion_sexual"],
        "related": [],
        "missing": [],
        "aggravated": True,
        "aggravating": ["victima_14_a_17"],
        "article": "129-B",
        "law": "Ley 31146",
        "priority": "urgent",
        "reasons": [],
    }
    assert "First-degree aggravating circumstance: victim aged 14 to 17." in verdict.reasons
