"""The registry watching itself: which units or departments stopped registering.

Plain functions over monthly counts (oldest first, the last complete month last). A
region is judged against its own history, and only where its history makes a silence or a
drop unlikely by chance: a small region that registers a case a year is not "silent" after
six empty months, a busy one is."""

from __future__ import annotations

from dataclasses import dataclass

DROP = "drop"
SILENCE = "silence"
# Below a third of the usual rate, two months running.
DROP_RATIO = 1 / 3
DROP_MONTHS = 2
# The usual rate is the mean of the twelve months before the ones judged.
HISTORY_MONTHS = 12
# A drop needs a usual rate of at least 3 a month: below that, two low months are noise.
MIN_USUAL_FOR_DROP = 3.0
# A silence of N months is a finding when at least 3 complaints were expected in them:
# a Poisson count with mean 3 is zero only 5% of the time.
MIN_EXPECTED_IN_SILENCE = 3.0


@dataclass(frozen=True)
class Finding:
    kind: str
    usual: float  # complaints a month, before
    recent: tuple[int, ...]


def usual_rate(history: list[int]) -> float:
    window = history[-HISTORY_MONTHS:]
    return sum(window) / len(window) if window else 0.0


def judge(series: list[int], *, silence_months: int) -> Finding | None:
    """A silence (nothing for ``silence_months``) or a drop, or None."""
    if len(series) > silence_months:
        recent, before = series[-silence_months:], series[:-silence_months]
        usual = usual_rate(before)
        if not any(recent) and usual * silence_months >= MIN_EXPECTED_IN_SILENCE:
            return Finding(SILENCE, usual, tuple(recent))
    if len(series) > DROP_MONTHS + HISTORY_MONTHS // 2:
        recent, before = series[-DROP_MONTHS:], series[:-DROP_MONTHS]
        usual = usual_rate(before)
        if usual >= MIN_USUAL_FOR_DROP and all(n < usual * DROP_RATIO for n in recent):
            return Finding(DROP, usual, tuple(recent))
    return None


def months_back(year: int, month: int, count: int) -> list[tuple[int, int]]:
    """The ``count`` months up to (year, month), oldest first."""
    out = []
    for _ in range(count):
        out.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]
