"""A known data set: three complaints sent on known days, people named twice by their
identity document, so that every cell of the tables can be checked by hand."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from administration.models import District
from administration.statistics import facts
from tests.factories import sent_complaint, user_with_role

LIMA = ZoneInfo("America/Lima")


def send_on(day: date, user, **overrides):
    with time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=LIMA), tick=False):
        return sent_complaint(user, **overrides)


@pytest.fixture
def known(tree):
    return known_data_set(tree)


def known_data_set(tree):
    """Complaint A (Cusco): facts 2010, registered 2011. B (Cusco): facts and registration
    2011. C (Puno): facts 2011, registered 2012, no purpose yet.

    Victims: A has F 16 (DNI 111), M 30 and F of unknown age; B has F 25 with DNI 111
    (the girl of A: counted once, in A) and F 12; C has M 17.
    Suspects: A has M identified and F not identified; B has M identified detained (DNI
    999); C has X not identified and M with DNI 999 (counted once, in B)."""
    cusco = user_with_role("station_officer", tree.cusco_station)
    puno = user_with_role("station_officer", tree.puno_station)
    tree.a = send_on(
        date(2011, 2, 1),
        cusco,
        date_of_facts=date(2010, 5, 1),
        victims=[
            {
                "first_names": "Ana",
                "sex": "F",
                "age": 16,
                "document_type": "dni",
                "document_number": "11111111",
            },
            {"first_names": "Luis", "sex": "M", "age": 30},
            {"first_names": "Flor", "sex": "F"},
        ],
        suspects=[
            {"alias": "El Gringo", "sex": "M", "identified": True},
            {"alias": "La Tía", "sex": "F", "identified": False},
        ],
    )
    tree.b = send_on(
        date(2011, 3, 5),
        cusco,
        date_of_facts=date(2011, 3, 1),
        purposes=["explotacion_laboral"],
        victims=[
            {
                "first_names": "Ana",
                "sex": "F",
                "age": 25,
                "document_type": "dni",
                "document_number": "11111111",
            },
            {"first_names": "Rosa", "sex": "F", "age": 12},
        ],
        suspects=[
            {
                "first_names": "Juan",
                "sex": "M",
                "identified": True,
                "detained": True,
                "document_type": "dni",
                "document_number": "99999999",
            },
        ],
    )
    tree.c = send_on(
        date(2012, 1, 10),
        puno,
        date_of_facts=date(2011, 7, 1),
        district=District.objects.get(code="210101"),
        purposes=[],
        victims=[{"first_names": "Pedro", "sex": "M", "age": 17, "nationality": "BO"}],
        suspects=[
            {"alias": "Desconocido", "sex": "X", "identified": False},
            {
                "first_names": "Juan",
                "sex": "M",
                "identified": True,
                "document_type": "dni",
                "document_number": "99999999",
            },
        ],
    )
    facts.refresh()
    return tree
