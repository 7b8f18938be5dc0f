"""The legal classifier: is a complaint consistent with a possible trafficking case?

One implementation for the complaint form, the API and ``manage.py classify``
(INTERFACES.md section 2). Pure: no database, no request. The law itself is not written
here: which purposes are trafficking, which circumstances aggravate it and in which degree,
and which article applies come from the legal catalogue in force on the date of the facts,
passed in as ``law_in_force``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

# Stored with every verdict, so a verdict can be traced to the rules that produced it.
RULES_VERSION = "2026.2"

_ACT_ORDER = ("captacion", "transporte", "traslado", "acogida", "recepcion", "retencion")
_MEANS_ORDER = (
    "violencia",
    "amenaza",
    "coaccion",
    "privacion_libertad",
    "fraude",
    "engano",
    "abuso_poder",
    "abuso_vulnerabilidad",
    "pagos_beneficios",
)
_PURPOSE_ORDER = (
    "explotacion_sexual",
    "explotacion_laboral",
    "servidumbre",
    "esclavitud",
    "mendicidad",
    "venta_ninos",
    "extraccion_organos",
)
_RELATED_ORDER = (
    "favorecimiento_prostitucion",
    "proxenetismo",
    "rufianismo",
    "turismo_sexual_infantil",
    "pornografia_infantil",
    "trafico_migrantes",
)
_AGGRAVATING_ORDER = (
    "agente_funcionario",
    "agente_familiar",
    "agente_organizacion_criminal",
    "agente_organizacion_empresarial",
    "pluralidad_agentes",
    "pluralidad_victimas",
    "lesion_grave_o_muerte",
    "victima_discapacidad",
)

ACTS = frozenset(_ACT_ORDER)
MEANS = frozenset(_MEANS_ORDER)
PURPOSES = frozenset(_PURPOSE_ORDER)
RELATED = frozenset(_RELATED_ORDER)
AGGRAVATING = frozenset(_AGGRAVATING_ORDER)
# Worked out from the victims, never ticked (the age ones are not even accepted as input).
DERIVED_AGGRAVATING = frozenset({"victima_menor_14", "victima_14_a_17", "pluralidad_victimas"})

# Catalogue keys of the crime itself, beside the element codes.
TRAFFICKING_ARTICLE = "trata"
AGGRAVATED_TRAFFICKING_ARTICLE = "trata_agravada"

VERDICTS = ("trafficking", "related", "none")
PRIORITIES = ("urgent", "high", "normal")
MISSING_ELEMENTS = ("act", "means", "purpose")

# Under 18 the means are not required (Palermo art. 3 c; Peruvian law alike).
ADULT_AGE = 18
# The law's two age bands of aggravation: under 14, and 14 to 17.
AGGRAVATING_AGE = 14
MAX_AGE = 120

_AGGRAVATING_OUTPUT_ORDER = (*_AGGRAVATING_ORDER, "victima_menor_14", "victima_14_a_17")
_GROUPS = (
    ("acts", ACTS),
    ("means", MEANS),
    ("purposes", PURPOSES),
    ("related", RELATED),
    ("aggravating", AGGRAVATING),
)
_INPUT_KEYS = ("date_of_facts", "victims", *(group for group, _codes in _GROUPS))
_VICTIM_KEYS = ("age", "sex", "disability")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Short lower-case names used inside the reasons; translated when a reason is written.
_NAMES = {
    "captacion": gettext_noop("recruitment"),
    "transporte": gettext_noop("transport"),
    "traslado": gettext_noop("transfer"),
    "acogida": gettext_noop("harbouring"),
    "recepcion": gettext_noop("receipt"),
    "retencion": gettext_noop("retention"),
    "violencia": gettext_noop("violence"),
    "amenaza": gettext_noop("threat"),
    "coaccion": gettext_noop("coercion"),
    "privacion_libertad": gettext_noop("deprivation of liberty"),
    "fraude": gettext_noop("fraud"),
    "engano": gettext_noop("deception"),
    "abuso_poder": gettext_noop("abuse of power"),
    "abuso_vulnerabilidad": gettext_noop("abuse of a position of vulnerability"),
    "pagos_beneficios": gettext_noop("payments or benefits"),
    "explotacion_sexual": gettext_noop("sexual exploitation"),
    "explotacion_laboral": gettext_noop("labour exploitation"),
    "servidumbre": gettext_noop("servitude"),
    "esclavitud": gettext_noop("slavery"),
    "mendicidad": gettext_noop("forced begging"),
    "venta_ninos": gettext_noop("sale of children"),
    "extraccion_organos": gettext_noop("extraction of organs or tissues"),
    "favorecimiento_prostitucion": gettext_noop("favouring prostitution"),
    "proxenetismo": gettext_noop("pimping"),
    "rufianismo": gettext_noop("living off prostitution"),
    "turismo_sexual_infantil": gettext_noop("child sex tourism"),
    "pornografia_infantil": gettext_noop("child pornography"),
    "trafico_migrantes": gettext_noop("smuggling of migrants"),
    "agente_funcionario": gettext_noop("offender is a public official"),
    "agente_familiar": gettext_noop("offender is a relative or guardian"),
    "agente_organizacion_criminal": gettext_noop("offender belongs to a criminal organization"),
    "agente_organizacion_empresarial": gettext_noop(
        "offender uses a social, tutelary or business organization"
    ),
    "pluralidad_agentes": gettext_noop("two or more offenders"),
    "pluralidad_victimas": gettext_noop("several victims"),
    "lesion_grave_o_muerte": gettext_noop("death, grave injury or imminent danger to life"),
    "victima_discapacidad": gettext_noop("victim with a disability or legally incapable"),
    "victima_menor_14": gettext_noop("victim under 14"),
    "victima_14_a_17": gettext_noop("victim aged 14 to 17"),
    "act": gettext_noop("the act"),
    "means": gettext_noop("the means"),
    "purpose": gettext_noop("the purpose"),
}


class InvalidFacts(ValueError):
    """The facts cannot be classified; the message says why, in the active language."""


def _quote(value: Any) -> str:
    # JSON quoting keeps a bad value on one line and shows exactly what was sent.
    return json.dumps(value, ensure_ascii=False, default=str)


def _code_set(group: str, known: frozenset[str], value: Any) -> frozenset[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidFacts(_("%(group)s must be a list of codes.") % {"group": group})
    codes = list(value)
    for code in codes:
        if not isinstance(code, str):
            raise InvalidFacts(_("%(group)s must be a list of codes.") % {"group": group})
        if code not in known:
            raise InvalidFacts(
                _("Unknown code %(code)s in %(group)s.") % {"code": _quote(code), "group": group}
            )
    return frozenset(codes)


@dataclass(frozen=True)
class Victim:
    age: int | None = None
    sex: str | None = None
    disability: bool = False

    def __post_init__(self) -> None:
        age = self.age
        if age is not None:
            if isinstance(age, bool) or not isinstance(age, int):
                raise InvalidFacts(
                    _("The age must be a whole number of years, not %(age)s.")
                    % {"age": _quote(age)}
                )
            if age < 0:
                raise InvalidFacts(_("The age cannot be negative (%(age)s).") % {"age": age})
            if age > MAX_AGE:
                raise InvalidFacts(
                    _("The age cannot be over %(max)s (%(age)s).") % {"max": MAX_AGE, "age": age}
                )
        if self.sex is not None and not isinstance(self.sex, str):
            raise InvalidFacts(_("The sex must be text, not %(sex)s.") % {"sex": _quote(self.sex)})
        if not isinstance(self.disability, bool):
            raise InvalidFacts(
                _("disability must be true or false, not %(value)s.")
                % {"value": _quote(self.disability)}
            )

    @property
    def is_minor(self) -> bool:
        return self.age is not None and self.age < ADULT_AGE


@dataclass(frozen=True)
class Facts:
    date_of_facts: date
    victims: tuple[Victim, ...] = ()
    acts: frozenset[str] = frozenset()
    means: frozenset[str] = frozenset()
    purposes: frozenset[str] = frozenset()
    related: frozenset[str] = frozenset()
    aggravating: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # A datetime is a date too, but it would not compare with the catalogue's dates.
        if not isinstance(self.date_of_facts, date) or isinstance(self.date_of_facts, datetime):
            raise InvalidFacts(_("date_of_facts must be a date."))
        if not isinstance(self.victims, Iterable):
            raise InvalidFacts(_("victims must be a list of victims."))
        victims = tuple(self.victims)
        if not all(isinstance(victim, Victim) for victim in victims):
            raise InvalidFacts(_("victims must be a list of victims."))
        object.__setattr__(self, "victims", victims)
        for group, known in _GROUPS:
            object.__setattr__(self, group, _code_set(group, known, getattr(self, group)))


@dataclass(frozen=True)
class ArticleRef:
    article: str
    law: str  # display name, e.g. "Ley 28950"
    # For an aggravating circumstance: its degree (1 the first, 2 the heavier), or None
    # when the law of the day has a single aggravated form.
    degree: int | None = None


@dataclass(frozen=True)
class Verdict:
    verdict: str
    exploitation: tuple[str, ...]
    related: tuple[str, ...]
    missing: tuple[str, ...]
    aggravated: bool
    aggravating: tuple[str, ...]
    article: str | None
    law: str | None
    priority: str
    reasons: tuple[str, ...]
    # The heaviest degree of the aggravations found (None: none, or a law of one degree).
    # Not part of the command's output: the reasons say it in words.
    degree: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The output of INTERFACES.md section 2, keys in the documented order."""
        return {
            "verdict": self.verdict,
            "exploitation": list(self.exploitation),
            "related": list(self.related),
            "missing": list(self.missing),
            "aggravated": self.aggravated,
            "aggravating": list(self.aggravating),
            "article": self.article,
            "law": self.law,
            "priority": self.priority,
            "reasons": list(self.reasons),
        }


def _parse_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidFacts(
        _("date_of_facts must be a date written YYYY-MM-DD, not %(value)s.")
        % {"value": _quote(value)}
    )


def _victim_from_dict(number: int, data: Any) -> Victim:
    try:
        if not isinstance(data, Mapping):
            raise InvalidFacts(_("it must be an object."))
        for key in data:
            if key not in _VICTIM_KEYS:
                raise InvalidFacts(_("unknown key %(key)s.") % {"key": _quote(key)})
        disability = data.get("disability")
        return Victim(
            age=data.get("age"),
            sex=data.get("sex"),
            disability=False if disability is None else disability,
        )
    except InvalidFacts as error:
        raise InvalidFacts(
            _("Victim %(number)s: %(error)s") % {"number": number, "error": error}
        ) from None


def facts_from_dict(data: Any) -> Facts:
    """Validate the input of INTERFACES.md section 2 and build the facts.

    Strict on purpose: a misspelt key or code silently dropped would change the legal
    verdict, so it is an error instead.
    """
    if not isinstance(data, Mapping):
        raise InvalidFacts(_("The facts must be a JSON object."))
    for key in data:
        if key not in _INPUT_KEYS:
            raise InvalidFacts(_("Unknown key %(key)s.") % {"key": _quote(key)})
    if data.get("date_of_facts") is None:
        raise InvalidFacts(_("date_of_facts is required."))
    date_of_facts = _parse_date(data["date_of_facts"])

    victims = data.get("victims")
    if victims is None:
        victims = []
    if not isinstance(victims, list):
        raise InvalidFacts(_("victims must be a list of victims."))

    groups = {}
    for group, _known in _GROUPS:
        value = data.get(group)
        if value is None:
            value = []
        if not isinstance(value, list):
            raise InvalidFacts(_("%(group)s must be a list of codes.") % {"group": group})
        groups[group] = value

    return Facts(
        date_of_facts=date_of_facts,
        victims=tuple(_victim_from_dict(n, v) for n, v in enumerate(victims, start=1)),
        **groups,
    )


def law_in_force_from_rows(
    rows: Iterable[Mapping[str, Any]], laws: Iterable[Mapping[str, Any]], on: date
) -> dict[str, ArticleRef]:
    """The legal catalogue on a date: element code -> article and law then in force.

    ``rows`` have element, article, law (a law code), valid_from and valid_to (inclusive;
    None leaves the period open), and for an aggravating circumstance its degree;
    ``laws`` have code and name.
    """
    names = {law["code"]: law["name"] for law in laws}
    found: dict[str, ArticleRef] = {}
    starts: dict[str, date] = {}
    for row in rows:
        start = row.get("valid_from") or date.min
        end = row.get("valid_to") or date.max
        if not start <= on <= end:
            continue
        element = row["element"]
        # Overlapping rows are a catalogue mistake; the most recent law is the likelier fix.
        if element in found and starts[element] > start:
            continue
        found[element] = ArticleRef(
            article=row["article"],
            law=names.get(row["law"], row["law"]),
            degree=row.get("degree"),
        )
        starts[element] = start
    return found


def _ordered(codes: frozenset[str], order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code for code in order if code in codes)


def _names(codes: Iterable[str]) -> str:
    return ", ".join(_(_NAMES[code]) for code in codes)


def _derived_aggravating(facts: Facts) -> set[str]:
    derived = set()
    ages = [v.age for v in facts.victims if v.age is not None]
    if any(age < AGGRAVATING_AGE for age in ages):
        derived.add("victima_menor_14")
    if any(AGGRAVATING_AGE <= age < ADULT_AGE for age in ages):
        derived.add("victima_14_a_17")
    if len(facts.victims) >= 2:
        derived.add("pluralidad_victimas")
    if any(v.disability for v in facts.victims):
        derived.add("victima_discapacidad")
    return derived


def _aggravation_reason(degree: int | None, codes: tuple[str, ...]) -> str:
    n = len(codes)
    if degree == 1:
        sentence = ngettext(
            "First-degree aggravating circumstance: %(list)s.",
            "First-degree aggravating circumstances: %(list)s.",
            n,
        )
    elif degree == 2:
        sentence = ngettext(
            "Second-degree aggravating circumstance: %(list)s.",
            "Second-degree aggravating circumstances: %(list)s.",
            n,
        )
    elif degree is None:
        sentence = ngettext(
            "Aggravating circumstance: %(list)s.", "Aggravating circumstances: %(list)s.", n
        )
    else:
        sentence = ngettext(
            "Aggravating circumstance of degree %(degree)s: %(list)s.",
            "Aggravating circumstances of degree %(degree)s: %(list)s.",
            n,
        )
    return sentence % {"list": _names(codes), "degree": degree}


def _aggravation_reasons(
    aggravating: tuple[str, ...], law_in_force: Mapping[str, ArticleRef]
) -> list[str]:
    """One sentence per degree, lightest first as the law lists them."""
    by_degree: dict[int | None, list[str]] = {}
    for code in aggravating:
        by_degree.setdefault(law_in_force[code].degree, []).append(code)
    return [
        _aggravation_reason(degree, tuple(by_degree[degree]))
        for degree in sorted(by_degree, key=lambda degree: degree or 0)
    ]


def classify(facts: Facts, law_in_force: Mapping[str, ArticleRef]) -> Verdict:
    """Judge the facts by the law in force on their date (``law_in_force``)."""
    # Dates in reasons as the reader writes them (14/03/2026 in Spanish).
    when = date_format(facts.date_of_facts, "SHORT_DATE_FORMAT")
    minor = any(victim.is_minor for victim in facts.victims)
    acts = _ordered(facts.acts, _ACT_ORDER)
    means = _ordered(facts.means, _MEANS_ORDER)
    purposes = _ordered(facts.purposes, _PURPOSE_ORDER)
    related = _ordered(facts.related, _RELATED_ORDER)
    # A circumstance aggravates only if the law of the day says so, in the degree it says.
    circumstances = _ordered(
        facts.aggravating | _derived_aggravating(facts), _AGGRAVATING_OUTPUT_ORDER
    )
    aggravating = tuple(code for code in circumstances if code in law_in_force)
    not_aggravating = tuple(code for code in circumstances if code not in law_in_force)
    aggravated = bool(aggravating)
    degrees = [law_in_force[code].degree for code in aggravating]
    degree = max((d for d in degrees if d is not None), default=None)

    # A purpose is trafficking only if the law of the day made it so: before Ley 28950
    # labour exploitation, begging or organ removal were other crimes.
    covered = tuple(code for code in purposes if code in law_in_force)
    not_covered = tuple(code for code in purposes if code not in law_in_force)
    means_met = bool(means) or minor
    trafficking = bool(acts) and means_met and bool(covered)
    any_element = bool(acts or means or purposes)

    missing: tuple[str, ...] = ()
    if any_element and not trafficking:
        present = {"act": bool(acts), "means": means_met, "purpose": bool(covered)}
        missing = tuple(name for name in MISSING_ELEMENTS if not present[name])

    reasons = []
    if trafficking:
        elements = " + ".join(_names(codes) for codes in (acts, means, covered) if codes)
        reasons.append(_("Possible trafficking case: %(elements)s.") % {"elements": elements})
    if minor and any_element:
        reasons.append(_("A victim is under 18: the means are not required."))
    elif trafficking:
        # Consent of an adult victim is void once any means was used.
        reasons.append(_("The victim's consent does not matter: a means was used."))

    trafficking_law = law_in_force.get(TRAFFICKING_ARTICLE)
    if (not_covered or not_aggravating) and trafficking_law is None:
        reasons.append(
            _("No trafficking law in the catalogue was in force on %(date)s.") % {"date": when}
        )
    elif not_covered:
        for code in not_covered:
            reasons.append(
                _("On %(date)s, %(purpose)s was not trafficking under %(law)s.")
                % {"date": when, "purpose": _(_NAMES[code]), "law": trafficking_law.law}
            )

    # The first RETA counted adults in sex work as trafficking victims; without an act and
    # a means they are not.
    if "explotacion_sexual" in purposes and not acts and not means and not minor:
        reasons.append(_("Sex work by an adult, with no act and no means, is not trafficking."))
    if missing:
        reasons.append(_("Missing for trafficking: %(elements)s.") % {"elements": _names(missing)})
    ages_unknown = not facts.victims or any(v.age is None for v in facts.victims)
    if missing == ("means",) and ages_unknown:
        reasons.append(_("If a victim is under 18, record the age: then no means is required."))

    if related:
        reasons.append(
            ngettext("Related crime: %(crimes)s.", "Related crimes: %(crimes)s.", len(related))
            % {"crimes": _names(related)}
        )
    reasons.extend(_aggravation_reasons(aggravating, law_in_force))
    if not_aggravating and trafficking_law is not None:
        reasons.append(
            ngettext(
                "On %(date)s, %(list)s did not aggravate trafficking under %(law)s.",
                "On %(date)s, %(list)s did not aggravate trafficking under %(law)s.",
                len(not_aggravating),
            )
            % {"date": when, "list": _names(not_aggravating), "law": trafficking_law.law}
        )
    if not any_element and not related:
        reasons.append(_("No element of trafficking or of a related crime was recorded."))

    ref = None
    if trafficking:
        if aggravated:
            ref = law_in_force.get(AGGRAVATED_TRAFFICKING_ARTICLE)
        ref = ref or trafficking_law
        if ref is not None:
            reasons.append(
                _("Article %(article)s of %(law)s, in force on %(date)s.")
                % {"article": ref.article, "law": ref.law, "date": when}
            )

    if trafficking:
        verdict = "trafficking"
        priority = "urgent" if minor or aggravated else "high"
    else:
        verdict = "related" if related else "none"
        priority = "normal"

    return Verdict(
        verdict=verdict,
        exploitation=covered if trafficking else (),
        related=related,
        missing=missing,
        aggravated=aggravated,
        aggravating=aggravating,
        article=ref.article if ref else None,
        law=ref.law if ref else None,
        priority=priority,
        reasons=tuple(reasons),
        degree=degree,
    )
