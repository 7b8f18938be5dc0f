"""Phone numbers in one spelling, so the same phone typed two ways is found as one."""

import pytest

from administration.identifiers import format_phone, normalize_phone


@pytest.mark.parametrize(
    "typed",
    [
        "987654321",
        "987 654 321",
        "987-654-321",
        "+51 987 654 321",
        "+51-987-654-321",
        "0051 987654321",
        "51987654321",
        " 987.654.321 ",
    ],
)
def test_a_mobile_written_any_usual_way_is_the_same_number(typed):
    assert normalize_phone(typed) == "+51987654321"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("01 456 7890", "+5114567890"),
        ("(01) 456-7890", "+5114567890"),
        ("+51 1 4567890", "+5114567890"),
        ("084 234567", "+5184234567"),
        ("(084) 23-45-67", "+5184234567"),
        ("051 364512", "+5151364512"),
        ("+51 (084) 234567", "+5184234567"),
    ],
)
def test_a_landline_keeps_its_area_code(typed, expected):
    assert normalize_phone(typed) == expected


def test_a_foreign_number_keeps_its_country_code():
    assert normalize_phone("+58 412 555 1234") == "+584125551234"
    assert normalize_phone("0057 310 555 1234") == "+573105551234"


@pytest.mark.parametrize(
    "typed",
    ["87654321", "98765432", "9876543210", "4567890", "+51 812345678", "12", "+1 23"],
)
def test_a_number_of_the_wrong_length_is_refused_with_a_spanish_message(typed):
    with pytest.raises(ValueError, match="(No es un número peruano|lleva su código de país)"):
        normalize_phone(typed)


@pytest.mark.parametrize("typed", ["nueve ocho siete", "987 654 32a", "987#654#321", "٩٨٧٦٥٤٣٢١"])
def test_text_that_is_not_digits_is_refused(typed):
    with pytest.raises(ValueError, match="solo dígitos"):
        normalize_phone(typed)


def test_an_empty_number_is_refused():
    with pytest.raises(ValueError, match="Escriba el número"):
        normalize_phone("  -  ")


def test_the_message_never_repeats_the_number():
    with pytest.raises(ValueError) as refused:
        normalize_phone("98765")
    assert "98765" not in str(refused.value)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+51987654321", "+51 987 654 321"),
        ("+5114567890", "+51 1 456 7890"),
        ("+5184234567", "+51 84 234 567"),
        ("+584125551234", "+584125551234"),
    ],
)
def test_a_stored_number_reads_in_groups(stored, shown):
    assert format_phone(stored) == shown


def test_a_number_read_in_groups_is_typed_back_to_the_same_number():
    for stored in ("+51987654321", "+5114567890", "+5184234567"):
        assert normalize_phone(format_phone(stored)) == stored
