"""One written form per identifier: many spellings of one phone, plate or DNI become one."""

import pytest
from django.db import connection

from administration.identifiers import (
    fold_name,
    normalize_document,
    normalize_phone,
    normalize_plate,
)
from investigation.matching import record_keys

PHONE_SPELLINGS = [
    "987654321",
    "987 654 321",
    "987-654-321",
    "+51 987 654 321",
    "+51-987-654-321",
    "51987654321",
    "0051 987654321",
    "(+51) 987.654.321",
    " 987654321 ",
]


@pytest.mark.parametrize("spelling", PHONE_SPELLINGS)
def test_every_spelling_of_a_mobile_becomes_one_number(spelling):
    assert normalize_phone(spelling) == "+51987654321"


def test_a_landline_keeps_its_area_code_without_the_trunk_zero():
    assert normalize_phone("(084) 23-4567") == "+5184234567"
    assert normalize_phone("01 426 7890") == "+5114267890"


def test_a_foreign_number_keeps_its_country_code():
    assert normalize_phone("+58 412 555 1234") == "+584125551234"


@pytest.mark.parametrize("text", ["", "abc", "12345", "98765432100000000", "+51 12"])
def test_what_is_not_a_phone_is_refused(text):
    with pytest.raises(ValueError):
        normalize_phone(text)


@pytest.mark.parametrize("spelling", ["ABC-123", "abc123", " a b c 1 2 3 ", "ABC 123", "abc–123"])
def test_every_spelling_of_a_plate_becomes_one(spelling):
    assert normalize_plate(spelling) == "ABC123"


@pytest.mark.parametrize("spelling", ["12345678", "12 345 678", "12.345.678", "12-345678"])
def test_every_spelling_of_a_dni_becomes_one(spelling):
    assert normalize_document("dni", spelling) == "dni:12345678"


def test_a_dni_that_lost_its_leading_zero_gets_it_back():
    assert normalize_document("dni", "1234567") == "dni:01234567"


def test_a_dni_with_letters_is_refused():
    with pytest.raises(ValueError):
        normalize_document("dni", "1234567A")


def test_a_passport_is_upper_case_without_separators():
    assert normalize_document("passport", "ve-12 34ab") == "passport:VE1234AB"


def test_names_fold_without_accents_case_or_extra_spaces():
    assert fold_name("  María  HUAMANÍ-Quispe ") == "maria huamani quispe"
    assert fold_name("Núñez") == "nunez"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "spelling", [*PHONE_SPELLINGS, "(084) 23-4567", "+58 412 555 1234", "abc", "12345", ""]
)
def test_the_database_writes_a_phone_as_python_does(spelling):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reta_phone_key(%s)", [spelling])
        in_sql = cursor.fetchone()[0]
    try:
        expected = normalize_phone(spelling)
    except ValueError:
        expected = None
    assert in_sql == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "number"),
    [
        ("dni", "12.345.678"),
        ("dni", "1234567"),
        ("dni", "12A"),
        ("passport", "ve-1234ab"),
        ("", "X1"),
    ],
)
def test_the_database_writes_a_document_as_python_does(kind, number):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reta_document_key(%s, %s)", [kind, number])
        in_sql = cursor.fetchone()[0]
    try:
        expected = normalize_document(kind, number)
    except ValueError:
        expected = None
    assert in_sql == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first_names", "last_names"),
    [
        ("Juan Carlos", "Quispe Mamani"),
        ("MARÍA", "HUAMANÍ-QUISPE"),
        ("  Rosa  ", " Condori "),
        ("José", "de la Cruz Ñahui"),
        ("Ana", "Pérez Pérez"),
        ("Wilber", "Hernández y Ccahuana"),
        ("A. Luis", "D'Ángelo O'Higgins"),
        ("Juan Quispe", ""),
        ("", "Quispe Mamani"),
        ("Niño 2", "Zapata Zúñiga Arias"),
        ("Łukasz", "Strauß Ørsted"),
        ("Æsa Đorđe", "Yıldız Þórsson"),
    ],
)
def test_the_database_keys_a_name_as_python_does(first_names, last_names):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reta_name_keys(%s, %s)", [first_names, last_names])
        in_sql = cursor.fetchone()[0]
    assert sorted(in_sql) == sorted(record_keys(first_names, last_names))
