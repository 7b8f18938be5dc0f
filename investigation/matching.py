"""Whether two people's names are the same person: the judgement of the national crossing.

Plain data in, plain data out; PostgreSQL's trigram index only brings the candidates
(investigation/crossing.py), this module decides. A Peruvian name is one or more first
names and two surnames (father's, mother's) that records write in either order, often
with one of them missing, with or without accents and with typing errors. What is never
enough is a surname alone: thousands of Quispe and Mamani share one, so a match needs a
first name *and* a surname, and a birth year or a nationality that disagrees undoes it.
"""

import functools
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Names are compared by their words without particles (administration.identifiers).
from administration.identifiers import name_words

MATCH = 0.55
STRONG = 0.8
# Two birth years further apart than this are two different people.
BIRTH_YEAR_SLACK = 2


@dataclass(frozen=True)
class PersonFacts:
    """A person as the crossing compares them. ``first`` and ``last`` are folded words;
    a text typed in a search box, whose split is unknown, goes whole into ``words``."""

    first: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    birth_year: int | None = None
    nationality: str = ""


@dataclass(frozen=True)
class NameMatch:
    score: float
    strong: bool
    reasons: tuple[str, ...] = field(default_factory=tuple)


def person(first_names="", last_names="", *, birth_year=None, nationality="") -> PersonFacts:
    return PersonFacts(
        first=name_words(first_names),
        last=name_words(last_names),
        birth_year=birth_year,
        nationality=(nationality or "").upper(),
    )


def typed(text: str, *, birth_year=None, nationality="") -> PersonFacts:
    """A name typed in one box: which words are surnames is unknown."""
    return PersonFacts(
        words=name_words(text), birth_year=birth_year, nationality=(nationality or "").upper()
    )


# Kept per process: the crossing of a case's page judges the same common words again and
# again (Quispe against Quispe, Mamani against Mamami).
@functools.lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    """Equal, or one typing error apart in a word long enough to have one."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _matched(words, pool) -> list[str]:
    """The words that find a partner in ``pool``, each partner used once (in any order:
    double surnames swap places)."""
    left = list(pool)
    found = []
    for word in words:
        for candidate in left:
            if same_word(word, candidate):
                left.remove(candidate)
                found.append(word)
                break
    return found


def name_match(a: PersonFacts, b: PersonFacts) -> NameMatch | None:
    """How strongly ``a`` and ``b`` are one person; None when they are not."""
    if a.words and not (a.first or a.last):
        a, b = b, a
    if b.words and not (b.first or b.last):
        # The typed words may be first names or surnames: surnames are tried first.
        last = _matched(b.words, a.last)
        rest = [w for w in b.words if w not in last]
        first = _matched(rest, a.first)
        typed_total = len(b.words)
        last_total = max(1, min(len(a.last), typed_total - len(first)))
        first_total = max(1, min(len(a.first), typed_total - len(last)))
    else:
        last = _matched(a.last, b.last)
        first = _matched(a.first, b.first)
        # A first surname written among the first names (a record typed in one box).
        if not last and a.first and b.last:
            last = _matched(a.first, b.last)
            first = _matched(a.last, b.first)
        # A second surname or first name missing on one side is not a difference.
        first_total = max(min(len(a.first), len(b.first)), 1)
        last_total = max(min(len(a.last), len(b.last)), 1)
        typed_total = 0
    if not last or not first:
        return None  # a surname alone, or a first name alone, is not a person
    reasons = ["first_name", "surname"]
    score = 0.45 * len(last) / last_total + 0.3 * len(first) / first_total
    if len(last) >= 2:
        score += 0.15
        reasons.append("both_surnames")
    if typed_total and len(first) + len(last) < typed_total:
        score -= 0.15  # words typed that the person does not have
    if a.birth_year and b.birth_year:
        if abs(a.birth_year - b.birth_year) <= 1:
            score += 0.2
            reasons.append("birth_year")
        elif abs(a.birth_year - b.birth_year) > BIRTH_YEAR_SLACK:
            return None
    if a.nationality and b.nationality:
        if a.nationality == b.nationality:
            score += 0.05
            reasons.append("nationality")
        else:
            score -= 0.25
    if score < MATCH:
        return None
    return NameMatch(
        score=round(min(score, 1.0), 3), strong=score >= STRONG, reasons=tuple(reasons)
    )


# --- The keys that bring the candidates ------------------------------------------------
# A person is found by exact words first: each record is indexed under keys made of one
# surname and one first name ("quispe|juan"), both surnames and one first name
# ("mamani quispe|juan", surnames sorted, so either order), and, when only one surname is
# known, "quispe|juan|1" (so that a probe with two surnames finds the record that has
# one). The SQL twin, reta_name_keys() (migration 0004), indexes the records; the tests
# compare both. A name no key finds (a typing error in it) goes to the trigram search.


def _surnames(words) -> list[str]:
    return sorted(set(words))


def _both_surnames(first, surnames: list[str]) -> set[str]:
    """Two of the (sorted) surnames with each first name: "mamani quispe|juan"."""
    return {
        f"{s1} {s2}|{f}" for f in first for i, s1 in enumerate(surnames) for s2 in surnames[i + 1 :]
    }


def record_keys(first_names: str, last_names: str) -> set[str]:
    """The keys a record is indexed under: no surname or no first name, no key."""
    first, last = name_words(first_names), _surnames(name_words(last_names))
    keys = {f"{s}|{f}" for f in first for s in last} | _both_surnames(first, last)
    if len(last) == 1:
        keys |= {f"{last[0]}|{f}|1" for f in first}
    return keys


def _precise_keys(first, surnames) -> list[set[str]]:
    """Two surnames or more: records with both of them, then records with only one of
    them; one surname: every record that has it beside the first name."""
    surnames = _surnames(surnames)
    if len(surnames) == 1:
        return [{f"{surnames[0]}|{f}" for f in first}]
    return [_both_surnames(first, surnames), {f"{s}|{f}|1" for f in first for s in surnames}]


# Words of a name typed in one box that are keyed: its keys grow with the square of them.
TYPED_WORDS = 6


def probe_keys(facts: PersonFacts) -> list[set[str]]:
    """The keys to look a person up with, most precise first. Each set is asked with its
    own limit of candidates, so that the many records of a common first name and surname
    never crowd out the person named in full."""
    if facts.first and facts.last:
        # The names written in each other's box (a surname among the first names).
        swapped = {f"{f}|{s}" for f in facts.first for s in facts.last}
        *precise, last = _precise_keys(facts.first, facts.last)
        return [*precise, last | swapped]
    words = facts.words[:TYPED_WORDS]
    if len(words) < 2:
        return []
    if len(words) == 2:
        a, b = words
        return [{f"{a}|{b}", f"{b}|{a}"}]
    # Typed in one box: any word may be the first name, the others surnames.
    both, single, pairs = set(), set(), set()
    for k, first in enumerate(words):
        others = words[:k] + words[k + 1 :]
        most, *rest = _precise_keys((first,), others)
        both |= most
        single |= set().union(*rest)
        pairs |= {f"{s}|{first}" for s in others if s != first}
    return [keys for keys in (both, single, pairs) if keys]
