"""Reading Peru's UBIGEO tables (INEI codes) from the CSV files in fixtures/ubigeo."""

import csv
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "fixtures" / "ubigeo"


class UbigeoError(ValueError):
    pass


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    parent: str | None


# Districts the source lists without an INEI code, keyed by their RENIEC code. San Antonio
# (Mariscal Nieto, Moquegua) is newer than the source's INEI table; 180107 follows its
# province's numbering. It is data: an administrator corrects it in the admin if needed.
MISSING_INEI = {"170107": "180107"}


def _rows(path: Path):
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _code(row, length: int, path: Path) -> str:
    inei = (row.get("inei") or "").strip()
    if not inei.isdigit():
        inei = MISSING_INEI.get((row.get("reniec") or "").strip(), inei)
    if len(inei) != 6 or not inei.isdigit():
        raise UbigeoError(f"{path.name}: bad INEI code {inei!r}")
    return inei[:length]


def read_ubigeo(folder: Path = DEFAULT_FOLDER) -> tuple[list[Place], list[Place], list[Place]]:
    """Departments, provinces and districts, each child naming its parent's code."""
    try:
        departments = [
            Place(_code(row, 2, folder), row["departamento"].strip(), None)
            for row in _rows(folder / "ubigeo_departamento.csv")
        ]
        provinces = [
            Place(_code(row, 4, folder), row["provincia"].strip(), _code(row, 2, folder))
            for row in _rows(folder / "ubigeo_provincia.csv")
        ]
        districts = [
            Place(_code(row, 6, folder), row["distrito"].strip(), _code(row, 4, folder))
            for row in _rows(folder / "ubigeo_distrito.csv")
        ]
    except (OSError, KeyError) as error:
        raise UbigeoError(f"cannot read UBIGEO files in {folder}: {error}") from error
    known_departments = {d.code for d in departments}
    known_provinces = {p.code for p in provinces}
    for place, known in [(p, known_departments) for p in provinces] + [
        (d, known_provinces) for d in districts
    ]:
        if place.parent not in known:
            raise UbigeoError(f"{place.code} belongs to unknown {place.parent}")
    return departments, provinces, districts


_PARTICLES = {"de", "del", "la", "las", "los", "y", "el"}


def place_name(name: str) -> str:
    """INEI's upper-case names as people write them: 'MADRE DE DIOS' -> 'Madre de Dios'."""
    words = name.lower().split()
    return " ".join(
        word if index and word in _PARTICLES else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


def district_label(district) -> str:
    """'Tambopata (Tambopata)': a district with its province, as the form lists them."""
    return f"{place_name(district.name)} ({place_name(district.province.name)})"
