from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from administration.geography import DEFAULT_FOLDER, UbigeoError, read_ubigeo
from administration.models import Department, District, Province


class Command(BaseCommand):
    help = "Load (or update) Peru's departments, provinces and districts from UBIGEO CSV files."

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)

    @transaction.atomic
    def handle(self, *args, folder, **options):
        try:
            departments, provinces, districts = read_ubigeo(folder)
        except UbigeoError as error:
            raise CommandError(str(error)) from error
        for model, places, parent in (
            (Department, departments, None),
            (Province, provinces, "department_id"),
            (District, districts, "province_id"),
        ):
            objects = [
                model(code=p.code, name=p.name, **({parent: p.parent} if parent else {}))
                for p in places
            ]
            model.objects.bulk_create(
                objects,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name"] + ([parent] if parent else []),
            )
        self.stdout.write(
            f"UBIGEO: {len(departments)} departments, {len(provinces)} provinces, "
            f"{len(districts)} districts."
        )
