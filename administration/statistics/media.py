"""Media monitoring: which registered complaint may be the case a news report tells.

Plain data in, plain data out: a report and candidate complaints as dicts; a score from
the date window, the department, the purpose, the number of victims and the words the
summary shares with the complaint's account."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

WINDOW_DAYS = 90
# Words that say nothing about which case it is.
STOPWORDS = frozenset(
    [
        "para",
        "como",
        "pero",
        "desde",
        "hasta",
        "sobre",
        "entre",
        "donde",
        "cuando",
        "porque",
        "segun",
        "tras",
        "ante",
        "bajo",
        "este",
        "esta",
        "estos",
        "estas",
        "ese",
        "esos",
        "esas",
        "aquel",
        "fueron",
        "habia",
        "sido",
        "tiene",
        "tenia",
        "tras",
        "luego",
        "policia",
        "nacional",
        "caso",
        "casos",
        "victima",
        "victimas",
        "denuncia",
        "trata",
        "personas",
        "presunta",
        "presunto",
        "habrian",
        "habria",
        "segun",
        "dijo",
        "informo",
        "fuentes",
        "diario",
        "noticia",
    ]
)
WEIGHTS = {"date": 1.0, "department": 1.5, "purpose": 1.0, "victims": 0.75, "words": 3.0}


@dataclass(frozen=True)
class Candidate:
    complaint_id: int
    score: float
    reasons: tuple[str, ...]


def words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return {w for w in re.findall(r"[a-zñ]{4,}", plain) if w not in STOPWORDS}


def score(report: dict, complaint: dict) -> Candidate:
    """How likely ``complaint`` is the case of ``report`` (0 = not at all)."""
    total, reasons = 0.0, []
    published: date = report["published_on"]
    day = complaint.get("date_of_facts") or complaint["sent_on"]
    days = abs((published - day).days)
    if days <= WINDOW_DAYS:
        total += WEIGHTS["date"] * (1 - days / WINDOW_DAYS)
        reasons.append("date")
    if report.get("department") and report["department"] == complaint.get("department"):
        total += WEIGHTS["department"]
        reasons.append("department")
    if report.get("purpose") and report["purpose"] in complaint.get("purposes", ()):
        total += WEIGHTS["purpose"]
        reasons.append("purpose")
    if report.get("victims") and complaint.get("victims"):
        if report["victims"] == complaint["victims"]:
            total += WEIGHTS["victims"]
            reasons.append("victims")
        elif abs(report["victims"] - complaint["victims"]) == 1:
            total += WEIGHTS["victims"] / 2
            reasons.append("victims")
    mine, theirs = words(report.get("summary", "")), words(complaint.get("narrative", ""))
    if mine and theirs:
        overlap = len(mine & theirs) / len(mine | theirs)
        if overlap:
            total += WEIGHTS["words"] * overlap
            reasons.append("words")
    return Candidate(complaint["id"], round(total, 3), tuple(reasons))


def rank(report: dict, complaints: list[dict], *, limit: int = 10) -> list[Candidate]:
    """The likeliest complaints first; only those the date window or words support."""
    scored = [score(report, c) for c in complaints]
    kept = [c for c in scored if c.score > 0 and ("date" in c.reasons or "words" in c.reasons)]
    return sorted(kept, key=lambda c: (-c.score, -c.complaint_id))[:limit]
