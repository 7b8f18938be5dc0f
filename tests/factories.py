"""Test data. Factories go through the services, as the application does."""

import functools
from datetime import date
from types import SimpleNamespace

import factory
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from administration.models import Role, Unit, UnitKind, User
from administration.services import unit_create, user_create

PASSWORD = "una frase de paso bastante larga"


def kind(code: str) -> UnitKind:
    return UnitKind.objects.get(code=code)


def role(code: str) -> Role:
    return Role.objects.get(code=code)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    kind = factory.LazyFunction(lambda: kind("comisaria"))
    code = factory.Sequence(lambda n: f"UNIT-{n:04d}")
    name = factory.Sequence(lambda n: f"Comisaría de prueba {n}")
    parent = None
    valid_from = date(2011, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return unit_create(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"usuario{n}")
    first_name = "Rosa"
    last_name = "Quispe"
    unit = factory.SubFactory(UnitFactory)
    role = factory.LazyFunction(lambda: role("station_officer"))

    @classmethod
    def _create(cls, model_class, *args, password=PASSWORD, started=date(2020, 1, 1), **kwargs):
        return user_create(password=password, started=started, **kwargs)


def tree_of_command() -> SimpleNamespace:
    """A small tree: PNP > DIRINCRI > DIVINTRAP; PNP > two directorates, each with a
    specialized department and a station; the Secretariat outside the tree."""
    geography_subset()
    t = SimpleNamespace()
    t.pnp = UnitFactory(code="PNP", name="PNP", kind=kind("institucion"))
    t.dirincri = UnitFactory(code="DIRINCRI", kind=kind("direccion_nacional"), parent=t.pnp)
    t.divintrap = UnitFactory(code="DIVINTRAP", kind=kind("division_nacional"), parent=t.dirincri)
    t.secretariat = UnitFactory(code="SECRETARIA", kind=kind("secretaria"))
    for name in ("cusco", "puno"):
        department = {"cusco": "08", "puno": "21"}[name]
        directorate = UnitFactory(
            code=f"DIRTEPOL-{name.upper()}",
            kind=kind("dirtepol"),
            parent=t.pnp,
            department_id=department,
        )
        setattr(t, f"{name}_directorate", directorate)
        setattr(
            t,
            f"{name}_department",
            UnitFactory(
                code=f"DEPINTRAP-{name.upper()}",
                kind=kind("departamento_especializado"),
                parent=directorate,
                department_id=department,
            ),
        )
        setattr(
            t,
            f"{name}_station",
            UnitFactory(code=f"CPNP-{name.upper()}", parent=directorate, department_id=department),
        )
    t.madre_de_dios = UnitFactory(
        code="RP-MADRE-DE-DIOS",
        kind=kind("region_policial"),
        parent=t.cusco_directorate,
        department_id="17",
    )
    return t


def user_with_role(role_code: str, unit: Unit, **kwargs) -> User:
    return UserFactory(role=role(role_code), unit=unit, **kwargs)


def totp_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def totp_code(device: TOTPDevice, at: float | None = None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def sign_in_verified(client, user: User) -> None:
    """Sign a test client in as ``user`` with a verified second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = user.totpdevice_set.filter(confirmed=True).first() or totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def complaint_input(**overrides):
    """A trafficking complaint's data, as the form would collect it."""
    from datetime import date as _date

    from administration.models import District
    from reporting.services import ComplaintInput

    district = District.objects.get(code="080101")
    fields = {
        "channel": "in_person",
        "date_of_facts": _date(2026, 3, 14),
        "district": district,
        "province": district.province,
        "department": district.province.department,
        "narrative": "Le ofrecieron trabajo de mesera en Puerto Maldonado y la retuvieron.",
        "acts": ["captacion", "traslado"],
        "means": ["engano"],
        "purposes": ["explotacion_sexual"],
        "related": [],
        "aggravating": [],
    }
    victims = overrides.pop(
        "victims", [{"first_names": "María", "last_names": "Huamaní Quispe", "sex": "F", "age": 16}]
    )
    suspects = overrides.pop("suspects", [{"alias": "El Gringo", "sex": "M", "identified": False}])
    fields.update(overrides)
    fields["province"] = fields["district"].province
    fields["department"] = fields["province"].department
    return ComplaintInput(fields=fields, victims=victims, suspects=suspects)


def geography_subset():
    """The UBIGEO rows the tests use: Cusco, Puno, Madre de Dios (a department without a
    directorate of its own)."""
    ubigeo_places("080101", "210101", "170101")


def sent_complaint(user, **overrides):
    from reporting.services import complaint_save_draft, complaint_send

    draft = complaint_save_draft(user=user, unit=user.unit, data=complaint_input(**overrides))
    return complaint_send(complaint_id=draft.pk, user=user)


@functools.cache
def _ubigeo():
    from administration.geography import read_ubigeo

    return tuple({place.code: place for place in level} for level in read_ubigeo())


def ubigeo_places(*district_codes):
    """Districts (with their province and department) as load_ubigeo loads them, names as
    written, without loading all 1,893."""
    from administration.models import Department, District, Province

    departments, provinces, districts = _ubigeo()
    for code in district_codes:
        district = districts[code]
        province = provinces[district.parent]
        department = departments[province.parent]
        Department.objects.get_or_create(code=department.code, defaults={"name": department.name})
        Province.objects.get_or_create(
            code=province.code, defaults={"name": province.name, "department_id": department.code}
        )
        District.objects.get_or_create(
            code=district.code, defaults={"name": district.name, "province_id": province.code}
        )
