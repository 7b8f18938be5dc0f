"""One written form for each identifier the registry crosses: phones, licence plates,
identity documents and names. Two spellings of the same phone (``987 654 321``,
``+51-987-654-321``, ``0051987654321``) must become the same text, or the national
crossing misses the link that matters.

Plain functions, no database. The SQL twins that index complaints
(investigation/migrations) must give the same results; tests compare both.
"""

import re
import unicodedata

NON_DIGITS = re.compile(r"[^0-9]")
NON_ALNUM = re.compile(r"[^0-9A-Z]")
PERU = "51"


def normalize_phone(text: str) -> str:
    """'987 654 321', '+51 987-654-321', '0051987654321' -> '+51987654321'.

    Peruvian mobiles have 9 digits starting with 9; landlines 8 once the trunk 0 is dropped
    (Lima 1 + 7 digits, the regions a 2-digit code + 6). A number with another country's
    code keeps it. Raises ValueError for anything that is not a phone number."""
    text = (text or "").strip()
    digits = NON_DIGITS.sub("", text)
    international = text.startswith("+") or digits.startswith("00")
    digits = digits.removeprefix("00") if digits.startswith("00") else digits
    if international and not digits.startswith(PERU):
        if 8 <= len(digits) <= 15:
            return f"+{digits}"
        raise ValueError("not a phone number")
    if digits.startswith(PERU) and len(digits) in (10, 11):
        digits = digits[2:]
    digits = digits.lstrip("0")
    if (len(digits) == 9 and digits.startswith("9")) or len(digits) == 8:
        return f"+{PERU}{digits}"
    raise ValueError("not a phone number")


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


def fold_name(text: str) -> str:
    """Lower case, without accents, punctuation or extra spaces: 'Huamaní  QUISPE' ->
    'huamani quispe'. The ñ becomes n, as PostgreSQL's unaccent does."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^0-9a-z ]+", " ", plain)
    return " ".join(plain.split())
