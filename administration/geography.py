"""Reading Peru's UBIGEO tables (INEI codes) from the CSV files in fixtures/ubigeo, with
the names spelt as Peruvians write them (INEI's tables are upper case without accents)."""

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "fixtures" / "ubigeo"
# INEI code -> the name as written: every department and province, by hand, and the
# districts whose capital does not name the same place (reviewed one by one).
NAMES_FILE = "ubigeo_nombres.csv"


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


def folded(text: str) -> str:
    """For comparing names: without accents, case or extra spaces ('Asunción' = 'ASUNCION')."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(plain.casefold().split())


def spelled(code: str, inei_name: str, capital: str, names: dict[str, str]) -> tuple[str, str]:
    """The name as written and where it comes from: the reviewed table, the capital when
    it names the same place (a district called as its capital town), or INEI's own name in
    title case as a last resort."""
    if code in names:
        return names[code], "table"
    capital = " ".join(capital.split())
    if capital and folded(capital) == folded(inei_name):
        return capital, "capital"
    return place_name(inei_name), "inei"


def read_names(folder: Path) -> dict[str, str]:
    path = folder / NAMES_FILE
    if not path.exists():
        return {}
    return {row["inei"].strip(): row["nombre"].strip() for row in _rows(path)}


def _place(row, column: str, length: int, parent: int | None, folder: Path, names) -> Place:
    code = _code(row, length, folder)
    name, _source = spelled(code.ljust(6, "0"), row[column].strip(), row["capital"], names)
    return Place(code, name, _code(row, parent, folder) if parent else None)


def read_ubigeo(folder: Path = DEFAULT_FOLDER) -> tuple[list[Place], list[Place], list[Place]]:
    """Departments, provinces and districts, each child naming its parent's code."""
    try:
        names = read_names(folder)
        departments = [
            _place(row, "departamento", 2, None, folder, names)
            for row in _rows(folder / "ubigeo_departamento.csv")
        ]
        provinces = [
            _place(row, "provincia", 4, 2, folder, names)
            for row in _rows(folder / "ubigeo_provincia.csv")
        ]
        districts = [
            _place(row, "distrito", 6, 4, folder, names)
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
    """INEI's upper-case names in title case: 'MADRE DE DIOS' -> 'Madre de Dios'. A name
    already written in upper and lower case (from the names table) is left as it is."""
    if name != name.upper():
        return name
    words = name.lower().split()
    return " ".join(
        word if index and word in _PARTICLES else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


def district_label(district) -> str:
    """'Huepetuhe (Manu)': a district with its province, as the form lists them."""
    return f"{district.name} ({district.province.name})"
