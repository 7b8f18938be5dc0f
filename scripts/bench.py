"""RETA benchmarks (`make bench`): printed figures, not pass/fail tests.

Uses its own database, reta_bench, filled once with the demo tree and 100,000 sent
complaints (kept between runs). Figures:
- classifying one complaint (median over 5,000 runs; with and without the catalogue lookup);
- the complaint form page: compressed size of HTML + CSS + JS, and median server time;
- a directorate's complaint list page: median server time.
"""

import gzip
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import dj_database_url
import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COMPLAINTS = 100_000
BENCH_DB = "reta_bench"


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


def median_ms(samples):
    return statistics.median(samples) * 1000


def setup_django():
    os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reta.settings")
    os.environ["DEBUG"] = ""
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    os.environ["EMAIL_FILE_PATH"] = str(ROOT / ".local" / "mail")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from administration.models import Department

    if not Department.objects.exists():
        call_command("load_ubigeo", verbosity=0)
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("load_demo", quiet_accounts=True, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


FILL = """
WITH stations AS (
    SELECT array_agg(u.id ORDER BY u.id) AS ids,
           array_agg(u.department_id ORDER BY u.id) AS deps,
           array_agg(u.district_id ORDER BY u.id) AS dists,
           array_agg(d.province_id ORDER BY u.id) AS provs
    FROM administration_unit u JOIN administration_unitkind k ON k.id = u.kind_id
    JOIN administration_district d ON d.code = u.district_id
    WHERE k.code = 'comisaria'
)
INSERT INTO reporting_complaint (
    draft_key, status, channel, date_of_facts, department_id, province_id, district_id,
    place_detail, unit_id, registered_by_unit_id, registered_by_id, received_on,
    complainant_kind, complainant_name, complainant_document, complainant_phone,
    officer_name, officer_cip, narrative, acts, means, purposes, related, aggravating,
    verdict, priority, rules_version, created_at, updated_at
)
SELECT gen_random_uuid(), 'draft', 'in_person', date '2025-01-01' + (i %% 300),
       s.deps[1 + i %% array_length(s.ids, 1)], s.provs[1 + i %% array_length(s.ids, 1)],
       s.dists[1 + i %% array_length(s.ids, 1)], '', s.ids[1 + i %% array_length(s.ids, 1)],
       s.ids[1 + i %% array_length(s.ids, 1)], %(user)s, date '2025-01-01' + (i %% 300),
       'family', '', '', '', 'SO2 PNP Bench', '', 'Relato de prueba número ' || i,
       ARRAY['captacion'], ARRAY['engano'],
       CASE WHEN i %% 3 = 0 THEN ARRAY['explotacion_laboral'] ELSE ARRAY['explotacion_sexual'] END,
       '{}', '{}', CASE WHEN i %% 5 = 0 THEN 'related' ELSE 'trafficking' END, 'high', '2026.1',
       now(), now()
FROM generate_series(1, %(count)s) AS i, stations s;

INSERT INTO reporting_victim (complaint_id, position, first_names, last_names, sex, nationality,
    document_type, document_number, unidentified, age, age_is_estimate, disability,
    relation_to_suspect, rescued)
SELECT id, 0, 'Víctima', 'Apellido ' || id, 'F', 'PE', 'dni', lpad(id::text, 8, '0'), false,
       15 + id %% 20, false, false, '', false
FROM reporting_complaint WHERE status = 'draft' AND registered_by_id = %(user)s;

UPDATE reporting_complaint
SET status = 'sent', number = 'RETA-2025-' || lpad((row_number)::text, 6, '0'),
    sent_at = created_at
FROM (SELECT id AS cid, row_number() OVER (ORDER BY id) AS row_number
      FROM reporting_complaint WHERE status = 'draft' AND registered_by_id = %(user)s) AS n
WHERE id = n.cid;

INSERT INTO reporting_complaintnumber (year, last) VALUES (2025, %(count)s)
ON CONFLICT (year) DO UPDATE SET last = EXCLUDED.last;
"""


def fill():
    from django.db import connection

    from administration.models import User
    from reporting.models import Complaint

    if Complaint.objects.filter(status="sent").count() >= COMPLAINTS:
        return
    user = User.objects.get(username="oficial.cusco")
    started = time.perf_counter()
    # Synthetic rows go in as the owner with the tables' guards off (they are not sent by
    # the application, so this database is never one to run verify_audit on).
    guarded = ("reporting_complaint", "reporting_victim", "reporting_complaintnumber")
    with connection.cursor() as cursor:
        for table in guarded:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        try:
            cursor.execute(FILL, {"user": user.pk, "count": COMPLAINTS})
        finally:
            for table in guarded:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        cursor.execute("ANALYZE")
    print(f"filled {COMPLAINTS:,} complaints in {time.perf_counter() - started:.0f} s")


def bench_classifier():
    from administration.catalogue import articles_in_force
    from reporting import rules

    facts = rules.facts_from_dict(
        {
            "date_of_facts": "2026-03-14",
            "victims": [{"age": 16, "sex": "F"}, {"age": 13, "sex": "F"}],
            "acts": ["captacion", "traslado"],
            "means": ["engano"],
            "purposes": ["explotacion_sexual"],
            "related": ["proxenetismo"],
        }
    )
    law = articles_in_force(date(2026, 3, 14))
    samples = []
    for _ in range(5000):
        started = time.perf_counter()
        rules.classify(facts, law)
        samples.append(time.perf_counter() - started)
    with_lookup = []
    for _ in range(300):
        started = time.perf_counter()
        rules.classify(facts, articles_in_force(date(2026, 3, 14)))
        with_lookup.append(time.perf_counter() - started)
    print(
        f"classify one complaint: median {median_ms(samples):.3f} ms (target < 1 ms); "
        f"with the catalogue read from PostgreSQL: {median_ms(with_lookup):.2f} ms"
    )


def timed_get(client, url, runs=40):
    client.get(url)  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return response, samples


def bench_pages():
    from django.contrib.staticfiles import finders
    from django.test import Client

    from administration.models import User
    from tests.factories import sign_in_verified

    client = Client(HTTP_ACCEPT_LANGUAGE="es-pe")
    client.force_login(User.objects.get(username="oficial.cusco"))
    response, samples = timed_get(client, "/denuncias/nueva/")
    html = response.content
    assets = [finders.find("css/reta.css"), finders.find("js/complaint.js")]
    sizes = [len(gzip.compress(html, 6))] + [
        len(gzip.compress(Path(path).read_bytes(), 6)) for path in assets
    ]
    print(
        f"complaint form page: {sum(sizes) / 1024:.1f} KB compressed in total "
        f"(HTML {sizes[0] / 1024:.1f} + CSS {sizes[1] / 1024:.1f} + JS {sizes[2] / 1024:.1f}; "
        f"target < 30 KB, no web fonts); server time median {median_ms(samples):.0f} ms "
        f"(target < 150 ms)"
    )

    investigator = User.objects.get(username="investigador.cusco")
    client = Client(HTTP_ACCEPT_LANGUAGE="es-pe")
    sign_in_verified(client, investigator)
    _response, samples = timed_get(client, "/denuncias/")
    from reporting.selectors import complaints_for_user

    visible = complaints_for_user(investigator).count()
    print(
        f"complaint list of a directorate ({investigator.unit.parent.code}, {visible:,} "
        f"complaints of {COMPLAINTS:,}): server time median {median_ms(samples):.0f} ms "
        f"(target < 150 ms)"
    )
    _response, samples = timed_get(client, "/denuncias/?q=apellido+4711", runs=20)
    print(f"look-up by victim name in that list: median {median_ms(samples):.0f} ms")


def bench_alerts(sends=200, per_second=5):
    """From the commit of a send to the alert delivered to the regional inbox, with a real
    worker (2 processes) on the real Redis, at 5 sends a second: hundreds of times the
    national peak, and the rate at which the machine stays responsive."""
    import subprocess

    from django.db import connection

    from administration.models import District, User
    from alerts.models import Alert
    from reporting.services import ComplaintInput, complaint_save_draft, complaint_send

    env = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"]}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "reta",
            "worker",
            "-l",
            "WARNING",
            "--concurrency",
            "2",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        officer = User.objects.get(username="oficial.cusco")
        district = District.objects.get(code="080101")
        deadline = time.monotonic() + 60
        Alert.objects.filter(delivered_at__isnull=True).count()
        complaint_ids = []
        started = time.monotonic()
        for i in range(sends):
            time.sleep(max(0.0, started + i / per_second - time.monotonic()))
            data = ComplaintInput(
                fields={
                    "date_of_facts": date(2026, 3, 14),
                    "district": district,
                    "province": district.province,
                    "department": district.province.department,
                    "narrative": f"Relato de benchmark {i}",
                    "acts": ["captacion"],
                    "means": ["engano"],
                    "purposes": ["explotacion_sexual"],
                },
                victims=[{"first_names": "Víctima", "sex": "F", "age": 20}],
            )
            draft = complaint_save_draft(user=officer, unit=officer.unit, data=data)
            complaint_ids.append(complaint_send(complaint_id=draft.pk, user=officer).pk)
        regional = Alert.objects.filter(
            complaint_id__in=complaint_ids, unit__code="DEPINTRAP-CUSCO"
        )
        while regional.filter(delivered_at__isnull=True).exists():
            if time.monotonic() > deadline + sends:
                raise SystemExit("alerts were not delivered: is the worker running?")
            time.sleep(0.2)
            connection.close()
        latencies = sorted(
            (a.delivered_at - a.complaint.sent_at).total_seconds()
            for a in regional.select_related("complaint")
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"alert from send to the regional inbox over {len(latencies)} sends: median "
        f"{statistics.median(latencies) * 1000:.0f} ms, 95th percentile {p95 * 1000:.0f} ms "
        f"(target < 2 s at the 95th percentile)"
    )


def bench_documents():
    from administration.models import User
    from reporting.documents import blank_form_pdf
    from reporting.models import Complaint, PaperFormSeries
    from reporting.services import document_issue

    officer = User.objects.get(username="oficial.cusco")
    complaint = Complaint.objects.filter(status="sent", unit=officer.unit).first()
    samples = []
    for _ in range(10):
        started = time.perf_counter()
        document_issue(complaint=complaint, user=officer, kind="acta")
        samples.append(time.perf_counter() - started)
    print(
        f"one document (record of the complaint, rendered and stored): median "
        f"{median_ms(samples):.0f} ms (target < 1 s)"
    )
    series = PaperFormSeries(code="BENCH", unit=officer.unit, first_number=501, last_number=1000)
    started = time.perf_counter()
    pdf = blank_form_pdf(series, officer.unit)
    print(
        f"a batch of 500 numbered blank forms: {time.perf_counter() - started:.1f} s, "
        f"{len(pdf) / 1024 / 1024:.1f} MB (target < 30 s)"
    )


def main():
    setup_django()
    fill()
    bench_classifier()
    bench_pages()
    bench_documents()
    bench_alerts()
    bench_investigation_section()


# --- Investigation module (issue 12): its figures live in scripts/bench_investigation.py ---
def bench_investigation_section():
    from bench_investigation import bench_investigation

    bench_investigation()


if __name__ == "__main__":
    main()
