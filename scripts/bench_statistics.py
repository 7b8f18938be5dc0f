"""Benchmarks of statistics at national scale: python scripts/bench_statistics.py

Fills its own database (reta_bench_statistics) once with the demo tree and 1,000,000 sent
complaints (about 2,000,000 victims) by ``synthetic_complaints``, rebuilds the fact tables,
then prints the server time of the national summary and of a three-variable cross-tab with
filters, for the national division (unsuppressed) and for an analyst (suppressed, with the
slices that defeat differencing), and of the summary page itself.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import dj_database_url
import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "reta_bench_statistics"
COMPLAINTS = int(os.environ.get("BENCH_COMPLAINTS", "1000000"))
RUNS = 5


def bench_database_url() -> str:
    url = os.environ.get("DATABASE_OWNER_URL") or os.environ["DATABASE_URL"]
    owner = dj_database_url.parse(url)
    connection = psycopg2.connect(
        dbname=owner["NAME"],
        user=owner["USER"],
        password=owner["PASSWORD"],
        host=owner["HOST"],
        port=owner["PORT"],
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    connection.close()
    return url.rsplit("/", 1)[0] + "/" + BENCH_DB


def setup():
    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reta.settings")
    os.environ["DEBUG"] = ""
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings

    from administration.models import Department

    call_command("migrate", verbosity=0)
    if not Department.objects.exists():
        call_command("load_ubigeo", verbosity=0)
    with override_settings(DEBUG=True):
        call_command("load_demo", quiet_accounts=True, verbosity=0)
    started = time.perf_counter()
    call_command("synthetic_complaints", complaints=COMPLAINTS)
    print(f"data ready in {time.perf_counter() - started:.0f} s")


def timed(function, runs=RUNS):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main():
    """Called by scripts/bench.py (its hooks) on its own database, Django set up; alone,
    on this script's database."""
    from django.apps import apps

    if not apps.ready:
        setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from administration.models import User
    from administration.statistics import facts, tables
    from administration.statistics.crosstab import Query
    from administration.statistics.models import SummaryCount
    from administration.statistics.selectors import NATIONAL

    record = facts.last_refresh()
    # BENCH_REFRESH=0 measures the figures on the fact tables of an earlier run.
    if record is None or os.environ.get("BENCH_REFRESH", "1") != "0":
        started = time.perf_counter()
        record = facts.refresh()
        print(f"fact tables rebuilt in {time.perf_counter() - started:.0f} s", flush=True)
    elif not SummaryCount.objects.exists():
        # Fact tables of a run before the summary was pre-counted: count it now.
        with connection.cursor() as cursor:
            cursor.execute(facts.SUMMARY)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM statistics_victimfact")
        victims = cursor.fetchone()[0]
    analyst = User.objects.get(username="analista.secretaria")
    query = Query(
        measure="victims",
        variables=["department", "year", "age_band"],
        filters={"sex": ["F"], "purpose": ["explotacion_sexual", "explotacion_laboral"]},
        year_from=2010,
        year_to=2025,
    )
    print(f"{record.complaints:,} sent complaints, {victims:,} distinct victims", flush=True)

    def report(what, target, function):
        print(f"| {what} | {target} | {timed(function):.0f} ms |", flush=True)

    report("national summary, national division", "< 1 s", lambda: tables.summary(NATIONAL))
    report("national summary, analyst (suppressed)", "< 1 s", lambda: tables.summary(analyst))
    report(
        "cross-tab department × year × age band, 2 filters, national division",
        "< 3 s",
        lambda: tables.build(query, NATIONAL),
    )
    report(
        "same cross-tab, analyst (suppressed, with differencing slices)",
        "< 3 s",
        lambda: tables.build(query, analyst),
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    client.force_login(analyst)
    report("summary page, analyst (HTML)", "< 1 s", lambda: client.get("/estadisticas/"))


if __name__ == "__main__":
    main()
