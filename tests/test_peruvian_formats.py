from datetime import date

from django.utils import formats, translation


def test_dates_are_written_day_month_year():
    with translation.override("es-pe"):
        assert formats.date_format(date(2026, 3, 5), "SHORT_DATE_FORMAT") == "05/03/2026"


def test_long_dates_are_written_in_spanish():
    with translation.override("es-pe"):
        assert formats.date_format(date(2026, 3, 5)) == "5 de marzo de 2026"


def test_numbers_use_a_decimal_point_and_thousands_commas():
    with translation.override("es-pe"):
        assert formats.number_format(1250.5, 2, force_grouping=True) == "1,250.50"


def test_a_typed_date_is_read_day_first():
    with translation.override("es-pe"):
        assert "%d/%m/%Y" == formats.get_format("DATE_INPUT_FORMATS")[0]


def test_place_names_are_written_as_peruvians_write_them():
    from administration.geography import place_name

    assert place_name("MADRE DE DIOS") == "Madre de Dios"
    assert place_name("SAN JUAN DE LURIGANCHO") == "San Juan de Lurigancho"
