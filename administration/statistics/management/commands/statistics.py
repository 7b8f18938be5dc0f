"""python manage.py statistics TABLE [--basis facts|registration] [--from YYYY] [--to YYYY]
[--format csv|json]

Prints a standard table (or ``summary``, the national summary by year) with the numbers
the page shows to the national division: the whole country, unsuppressed. ``--refresh``
rebuilds the fact tables first (the page shows figures as of their last refresh)."""

import json

from django.core.management.base import BaseCommand, CommandError

from administration.statistics import facts, tables
from administration.statistics.exports import to_csv
from administration.statistics.selectors import NATIONAL


class Command(BaseCommand):
    help = "Print a statistics table (summary or a standard table) as CSV or JSON."

    def add_arguments(self, parser):
        parser.add_argument("table", help="summary, " + ", ".join(tables.STANDARD))
        parser.add_argument("--basis", choices=["facts", "registration"], default="facts")
        parser.add_argument("--from", dest="year_from", type=int)
        parser.add_argument("--to", dest="year_to", type=int)
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--refresh", action="store_true", help="rebuild the facts first")

    def handle(self, *args, table, basis, year_from, year_to, format, refresh, **options):
        if table != tables.SUMMARY and table not in tables.STANDARD:
            raise CommandError(
                f"unknown table {table!r}; choose summary or one of: {', '.join(tables.STANDARD)}"
            )
        if year_from and year_to and year_from > year_to:
            raise CommandError("--from comes after --to")
        if refresh:
            facts.refresh()
        choices = {"basis": basis, "year_from": year_from, "year_to": year_to}
        if table == tables.SUMMARY:
            result = tables.summary(NATIONAL, **choices)
            title = "summary"
        else:
            result = tables.standard(table, NATIONAL, **choices)
            title = result.title
        lines = result.plain()
        if format == "json":
            header, *rows = lines
            self.stdout.write(
                json.dumps(
                    {"table": table, "basis": basis, "columns": header, "rows": rows},
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(to_csv(title, lines).decode("utf-8").lstrip("\ufeff"), ending="")
