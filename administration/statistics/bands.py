"""Age bands of the victims: plain functions, no ORM.

The CTDC bands (Counter Trafficking Data Collaborative) and the first RETA's split of
children and teenagers (0–17) from adults (18+). Codes are stable: exports and URLs use
them; labels are what the page shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Band:
    code: str
    low: int
    high: int | None  # inclusive; None: no upper limit

    @property
    def label(self) -> str:
        return f"{self.low}+" if self.high is None else f"{self.low}–{self.high}"

    def holds(self, age: int) -> bool:
        return age >= self.low and (self.high is None or age <= self.high)


CTDC_BANDS = (
    Band("0-8", 0, 8),
    Band("9-17", 9, 17),
    Band("18-20", 18, 20),
    Band("21-23", 21, 23),
    Band("24-26", 24, 26),
    Band("27-29", 27, 29),
    Band("30-38", 30, 38),
    Band("39-47", 39, 47),
    Band("48+", 48, None),
)
MINOR_ADULT_BANDS = (Band("0-17", 0, 17), Band("18+", 18, None))
UNKNOWN = "unknown"
UNKNOWN_LABEL = _("age not recorded")
ADULT_AGE = 18


def band_of(age: int | None, bands: tuple[Band, ...] = CTDC_BANDS) -> str:
    """The code of the band holding ``age``; ``unknown`` when the age is not recorded."""
    if age is None or age < 0:
        return UNKNOWN
    for band in bands:
        if band.holds(age):
            return band.code
    return UNKNOWN


def is_minor(age: int | None) -> bool | None:
    return None if age is None else age < ADULT_AGE


def band_sql(column: str, bands: tuple[Band, ...] = CTDC_BANDS) -> str:
    """The same banding as a SQL CASE over ``column`` (a trusted column name)."""
    arms = " ".join(
        f"WHEN {column} BETWEEN {b.low} AND {b.high} THEN '{b.code}'"
        if b.high is not None
        else f"WHEN {column} >= {b.low} THEN '{b.code}'"
        for b in bands
    )
    return f"CASE {arms} ELSE '{UNKNOWN}' END"
