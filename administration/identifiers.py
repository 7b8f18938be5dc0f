"""Identifiers as investigators cross them: one spelling for each phone number.

A number typed "987 654 321" in Cusco and "+51-987-654-321" in Puno is the same phone; the
crossing of cases across regions only finds it if both are stored the same way. Plain
functions, no ORM: the complaint form and the investigation module share them."""

import re

from django.utils.translation import gettext as _

PERU = "51"
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
