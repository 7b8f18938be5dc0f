"""Identifiers as investigators cross them: one spelling for each phone number.

A number typed "987 654 321" in Cusco and "+51-987-654-321" in Puno is the same phone; the
crossing of cases across regions only finds it if both are stored the same way. Plain
functions, no ORM: the complaint form and the investigation module share them. Plates,
identity documents and names get one written form too; the SQL twins that index complaints
(investigation/migrations) must give the same results, and tests compare both."""

import functools
import re
import unicodedata

from django.utils.translation import gettext as _

PERU = "51"
NON_DIGITS = re.compile(r"[^0-9]")
NON_ALNUM = re.compile(r"[^0-9A-Z]")
# Peru's landline area codes (Lima and Callao is 1; the other departments two digits).
AREA_CODES = frozenset(
    re.findall(r"\d+", "41 43 44 51 52 53 54 56 61 62 63 64 65 66 67 72 73 74 76 82 83 84")
)
SEPARATORS = re.compile(r"[\s\-.()/]+")


def _peruvian(national: str) -> bool:
    if len(national) == 9 and national.startswith("9"):
        return True  # a mobile
    if len(national) == 8 and national.startswith("1"):
        return True  # Lima and Callao: 1 + 7 digits
    return len(national) == 8 and national[:2] in AREA_CODES  # 2 digits + 6


def normalize_phone(text: str) -> str:
    """The number in E.164 form ("+51987654321") from what people write: spaces, dashes,
    dots and brackets are dropped; "+51", "0051" or "51" before a Peruvian number, and
    the trunk 0 of a landline ("01 456 7890", "(084) 23 45 67"), are understood. A
    foreign number must start with "+" or "00" and its country code.

    Raises ValueError with a message for the person typing (never the number itself)
    when the text is not a phone number."""
    compact = SEPARATORS.sub("", text or "")
    if not compact:
        raise ValueError(_("Type the phone number."))
    international = compact.startswith(("+", "00"))
    digits = compact.removeprefix("+")
    if international and digits.startswith("00"):
        digits = digits[2:]
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(
            _("A phone number has only digits (spaces, dashes and a leading + are allowed).")
        )
    if international and not digits.startswith(PERU):
        if 8 <= len(digits) <= 15:
            return "+" + digits
        raise ValueError(_("A foreign number has its country code and from 8 to 15 digits."))
    if international or (len(digits) in (10, 11) and digits.startswith(PERU)):
        national = digits[len(PERU) :]
    else:
        national = digits
    # The trunk 0 of a landline ("01 …", "084 …"), also when written after +51.
    national = national.removeprefix("0")
    if _peruvian(national):
        return "+" + PERU + national
    raise ValueError(
        _(
            "Not a Peruvian phone number: a mobile has 9 digits starting with 9 "
            "(987 654 321); a landline carries its area code (01 for Lima, 084 for Cusco)."
        )
    )


def format_phone(number: str) -> str:
    """A stored number as people read it: "+51 987 654 321", "+51 1 456 7890",
    "+51 84 234 567"; anything else (a foreign number) as stored."""
    if not number.startswith("+" + PERU):
        return number
    national = number[len(PERU) + 1 :]
    if len(national) == 9:
        return f"+{PERU} {national[:3]} {national[3:6]} {national[6:]}"
    if national.startswith("1"):
        return f"+{PERU} 1 {national[1:4]} {national[4:]}"
    return f"+{PERU} {national[:2]} {national[2:5]} {national[5:]}"


def normalize_plate(text: str) -> str:
    """'abc-123', ' A1B 234 ' -> 'ABC123', 'A1B234'. Raises ValueError when empty."""
    plate = NON_ALNUM.sub("", fold_name(text or "").upper())
    if not 5 <= len(plate) <= 8:
        raise ValueError("not a licence plate")
    return plate


def normalize_document(document_type: str, number: str) -> str:
    """A document as 'type:NUMBER': a DNI is its 8 digits (a leading zero lost by a
    spreadsheet is put back), other documents upper case without spaces or dashes.
    Raises ValueError for a number that cannot be that document."""
    kind = (document_type or "other").strip().lower()
    value = NON_ALNUM.sub("", (number or "").upper())
    if kind == "dni":
        if not value.isdigit() or not 7 <= len(value) <= 8:
            raise ValueError("a DNI has 8 digits")
        return f"dni:{value.zfill(8)}"
    if not 4 <= len(value) <= 20:
        raise ValueError("not a document number")
    return f"{kind}:{value}"


# Letters that decomposing does not take apart, written as PostgreSQL's unaccent writes
# them (its SQL twins, reta_unaccent and reta_name_keys, must agree: Strauß, Łukasz, Øre).
_UNACCENT_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "ł": "l",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ı": "i",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
    }
)


# Words that join names and tell nothing apart ("de la Cruz"): the name keys and the
# search leave them out, as reta_name_words() does (investigation migration 0004).
NAME_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "da", "do", "dos", "san"})


# Kept per process, as fold_name: the crossing reads the same surnames in every case.
@functools.lru_cache(maxsize=8192)
def name_words(text: str) -> tuple[str, ...]:
    """The words of a name that count: folded, without particles or one-letter words."""
    return tuple(w for w in fold_name(text).split() if w not in NAME_PARTICLES and len(w) > 1)


# Kept per process: a case's page folds the same few dozen names at every visit.
@functools.lru_cache(maxsize=8192)
def fold_name(text: str) -> str:
    """Lower case, without accents, punctuation or extra spaces: 'Huamaní  QUISPE' ->
    'huamani quispe'. The ñ becomes n, as PostgreSQL's unaccent does."""
    lowered = (text or "").lower().translate(_UNACCENT_LETTERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^0-9a-z ]+", " ", plain)
    return " ".join(plain.split())
