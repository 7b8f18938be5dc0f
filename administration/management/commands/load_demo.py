from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from administration import twofactor
from administration.models import (
    Department,
    District,
    JusticeOffice,
    Role,
    Unit,
    UnitKind,
    User,
)
from administration.seed import demo
from administration.services import unit_create, user_create

FOUNDED = date(2011, 1, 1)


class Command(BaseCommand):
    help = "Load the demo tree of command and one account per role (DEBUG only; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-accounts", action="store_true", help="do not print the demo accounts"
        )

    def handle(self, *args, quiet_accounts=False, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data has public passwords: load it only with DEBUG=1.")
        if not Department.objects.exists():
            raise CommandError("Load the geography first: python manage.py load_ubigeo")
        with transaction.atomic():
            self._units()
            self._accounts()
            self._directory()
        if not quiet_accounts:
            self._print_accounts()

    def _unit(self, code, kind, name, parent, department=None, district=None, **fields):
        existing = Unit.objects.filter(code=code).first()
        if existing:
            return existing
        district_obj = District.objects.filter(code=district).first() if district else None
        if district_obj:
            fields["province_id"] = district_obj.province_id
            department = department or district_obj.department_code
        return unit_create(
            kind=UnitKind.objects.get(code=kind),
            code=code,
            name=name,
            parent=parent,
            valid_from=FOUNDED,
            department_id=department,
            district=district_obj,
            **fields,
        )

    def _units(self):
        pnp = self._unit("PNP", "institucion", "Policía Nacional del Perú", None)
        dirincri = self._unit(
            "DIRINCRI",
            "direccion_nacional",
            "Dirección de Investigación Criminal",
            pnp,
            department="15",
            short_name="DIRINCRI",
        )
        self._unit(
            "DIVINTRAP",
            "division_nacional",
            "División de Investigación de Delitos de Trata de Personas y Tráfico Ilícito de "
            "Migrantes",
            dirincri,
            department="15",
            short_name="DIVINTRAP",
            document_heading="DIRINCRI-PNP/DIVINTRAP",
            email="divintrap@example.pe",
        )
        self._unit(
            "MININTER-SEC-DDHH",
            "secretaria",
            "Secretaría Permanente de Derechos Humanos (Ministerio del Interior)",
            None,
            department="15",
            short_name="Secretaría DD. HH. — Línea 0800",
        )
        directorates = {}
        for code, city, department in demo.DIRECTORATES:
            directorate = self._unit(
                f"DIRTEPOL-{code}",
                "dirtepol",
                f"Dirección Territorial de Policía {city}",
                pnp,
                department=department,
                short_name=f"DIRTEPOL {city}",
            )
            directorates[code] = directorate
            self._unit(
                f"DEPINTRAP-{code}",
                "departamento_especializado",
                f"Departamento de Investigación de Trata de Personas {city}",
                directorate,
                department=department,
                short_name=f"DEPINTRAP {city}",
                document_heading=f"REGPOL-{code}/DEPINTRAP",
                email=f"depintrap.{code.lower()}@example.pe",
            )
            self._stations(directorate, department)
        for code, name, area, parent in demo.POLICE_REGIONS:
            region = self._unit(
                f"RP-{code}",
                "region_policial",
                f"Región Policial {name}",
                directorates[parent],
                department=area[:2],
                short_name=f"RP {name}",
            )
            self._stations(region, area)

    def _stations(self, parent, area):
        # The first two districts of the area (in a department, those of its capital).
        for district in District.objects.filter(code__startswith=area).order_by("code")[:2]:
            self._unit(
                f"CPNP-{district.code}",
                "comisaria",
                f"Comisaría PNP {district.name.title()}",
                parent,
                district=district.code,
                short_name=f"Comisaría {district.name.title()}",
                document_heading=f"{parent.code}/CPNP-{district.name.upper()}",
            )

    def _accounts(self):
        for username, role, unit, first, last, rank, key in demo.ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    username=username,
                    password=demo.DEMO_PASSWORD,
                    unit=Unit.objects.get(code=unit),
                    role=Role.objects.get(code=role),
                    started=FOUNDED,
                    first_name=first,
                    last_name=last,
                    rank=rank,
                )
            if key and not user.totpdevice_set.filter(confirmed=True, key=key).exists():
                twofactor.totp_device_with_secret(user, key)

    def _directory(self):
        for kind, name, department, district in demo.JUSTICE_OFFICES:
            JusticeOffice.objects.get_or_create(
                name=name,
                defaults={"kind": kind, "department_id": department, "district_id": district},
            )

    def _print_accounts(self):
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {demo.DEMO_PASSWORD})")
        for username, role, unit, _first, _last, _rank, key in demo.ACCOUNTS:
            line = f"  {username:<24} {role:<22} {unit}"
            if key:
                device = User.objects.get(username=username).totpdevice_set.get(confirmed=True)
                line += (
                    f"\n  {'':<24} second factor: add TOTP secret {twofactor.base32_secret(device)}"
                )
            self.stdout.write(line)
        self.stdout.write("")
