"""RETA benchmarks (`make bench`): printed figures, not timed tests.

    make bench                                  pages at 1,000,000 complaints, 200 runs each
    make bench BENCH_ARGS='--size 100k'         the same at 100,000 complaints
    make bench BENCH_ARGS='--runs 50 --pages'   fewer runs; only the table of pages
    make bench BENCH_ARGS='--load'              also the load test (gunicorn, 20 users, 60 s)

Each size has its own database (reta_bench_1m, reta_bench_100k), built once by
synthetic_complaints (a million complaints with their victims, suspects and alerts in a
few minutes) and kept between runs.

The table: every page timed with Django's test client behind the whole middleware stack,
signed in, interleaved with a bare view (``HttpResponse("ok")`` behind login,
scripts/bench_urls.py) in the same rounds, so that the machine's load weighs on both
alike. Beside each page: its SQL queries, and those of the same page showing fewer rows
(a list's last rows, a complaint with one victim, a draft with one victim). A page whose
queries grow with the rows it shows has a query inside a loop: the benchmark then exits
non-zero.

Other modules join the table from their own scripts: scripts/bench_investigation.py and
scripts/bench_statistics.py, when present, are loaded and asked for their pages by
``pages(bench) -> list[Page]`` (``bench`` is this module: Page, users(), client_for());
its ``main()``, if it has one, is called once the table is printed.
"""

import argparse
import gzip
import http.client
import importlib.util
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import dj_database_url
import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = {"100k": 100_000, "1m": 1_000_000}
HOOKS = ("bench_investigation.py", "bench_statistics.py")
# What the issue asks of every page at 1,000,000 complaints.
TARGET_P95_MS = 150
TARGET_RATIO = 5
BENCH_MARK = "Borrador del benchmark"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make bench BENCH_ARGS=...", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="1m")
    parser.add_argument("--runs", type=int, default=200, help="timed requests per page")
    parser.add_argument("--pages", action="store_true", help="only the table of pages")
    parser.add_argument("--only", default="", help="only the pages whose name holds this")
    parser.add_argument("--load", action="store_true", help="also the load test")
    parser.add_argument("--load-only", action="store_true", help="only the load test")
    parser.add_argument("--users", type=int, default=20, help="load test: concurrent users")
    parser.add_argument("--seconds", type=int, default=60, help="load test: duration")
    parser.add_argument("--workers", type=int, default=4, help="load test: gunicorn workers")
    return parser.parse_args(argv)


# --- The database ----------------------------------------------------------------------


def bench_database_url(name: str) -> str:
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
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()
    return url.rsplit("/", 1)[0] + "/" + name


BENCH_URL: list[str] = []


def setup_django(size: str) -> None:
    os.environ["DATABASE_URL"] = bench_database_url(f"reta_bench_{size}")
    BENCH_URL[:] = [os.environ["DATABASE_URL"]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reta.settings")
    os.environ["DEBUG"] = ""
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
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


def fill(size: str) -> None:
    """The synthetic complaints, once: a second run finds them there."""
    from django.core.management import call_command
    from django.db import connection

    from reporting.models import Complaint

    wanted = SIZES[size]
    if Complaint.objects.filter(rules_version="synthetic").count() >= wanted:
        return
    print(f"building the {wanted:,} complaints of reta_bench_{size} (once; minutes)...")
    call_command("synthetic_complaints", complaints=wanted)
    # The visibility map too, as autovacuum would leave it: index-only scans need it.
    with connection.cursor() as cursor:
        for table in ("complaint", "victim", "suspect"):
            cursor.execute(f"VACUUM (ANALYZE) reporting_{table}")
        cursor.execute("VACUUM (ANALYZE) alerts_alert")


def bench_drafts() -> dict[int, int]:
    """The officer's drafts with 1 and with 5 victims (number of victims -> id)."""
    from administration.models import User
    from reporting.models import Complaint
    from reporting.services import complaint_save_draft
    from tests.factories import complaint_input

    officer = User.objects.get(username="oficial.cusco")
    drafts = {}
    for victims in (1, 5):
        narrative = f"{BENCH_MARK}: {victims} víctima(s)."
        draft = Complaint.objects.filter(registered_by=officer, narrative=narrative).first()
        if draft is None:
            people = [
                {"first_names": f"Víctima {n}", "last_names": "Quispe", "sex": "F", "age": 15 + n}
                for n in range(victims)
            ]
            data = complaint_input(narrative=narrative, victims=people)
            draft = complaint_save_draft(user=officer, unit=officer.unit, data=data)
        drafts[victims] = draft.pk
    return drafts


def bench_complaints(user) -> tuple[int, int]:
    """Two sent complaints in the user's scope: one with three victims, two suspects and
    documents issued, and one with a single victim and nothing else."""
    from django.db.models import Count

    from reporting.selectors import sent_complaints_for_user
    from reporting.services import document_issue

    sent = sent_complaints_for_user(user).annotate(
        nv=Count("victims", distinct=True), ns=Count("suspects", distinct=True)
    )
    recent = sent.order_by("-sent_at")
    full = recent.filter(nv=3, ns=2).first() or recent.order_by("-nv", "-ns").first()
    bare = recent.filter(nv=1, ns=0).first() or recent.order_by("nv", "ns").first()
    if not full.documents.exists():
        for _ in range(3):
            document_issue(complaint=full, user=user, kind="acta")
    return full.pk, bare.pk


# --- The table of pages ----------------------------------------------------------------


@dataclass
class Page:
    name: str
    username: str
    url: str
    # The same page showing fewer rows: its query count may not be lower.
    fewer_url: str | None = None
    # Filters kept in the session (the list's search form posts them there).
    filters: dict = field(default_factory=dict)
    samples: list = field(default_factory=list)
    queries: int = 0
    fewer_queries: int | None = None
    client: object = None
    # Called before each request, outside its time: what the page remembers is forgotten,
    # so that every request is a first visit.
    forget: object = None


def users() -> dict:
    from administration.models import User

    return {u.username: u for u in User.objects.select_related("unit", "role")}


def client_for(user, filters=None):
    from django.test import Client

    from tests.factories import sign_in_verified

    client = Client(HTTP_ACCEPT_LANGUAGE="es-pe")
    sign_in_verified(client, user)
    if filters:
        response = client.post("/denuncias/", filters)
        if response.status_code != 302:
            raise SystemExit(f"the search form answered {response.status_code}")
    return client


def _cursor_of(row) -> str:
    from reta.paging import _encode

    return _encode(row, "sent_at")


def _list_urls(user, filters: dict, deep_row: int | None) -> tuple[str, str | None]:
    """The list's first (or a deep) page, and its tail: the page after the third oldest
    row, which shows two rows (None when the list has fewer)."""
    from reporting.selectors import complaint_filter, sent_complaints_for_user

    matching = complaint_filter(sent_complaints_for_user(user), filters)
    oldest = list(matching.order_by("sent_at", "pk")[:3])
    url = "/denuncias/"
    if deep_row:
        row = matching.order_by("-sent_at", "-pk")[deep_row]
        url = f"/denuncias/?after={_cursor_of(row)}"
    # Fewer than three matches: the page itself shows few rows.
    return url, f"/denuncias/?after={_cursor_of(oldest[2])}" if len(oldest) == 3 else None


def people_of(pk: int) -> str:
    from reporting.models import Suspect, Victim

    victims = Victim.objects.filter(complaint_id=pk).count()
    suspects = Suspect.objects.filter(complaint_id=pk).count()
    return f"{victims} victims, {suspects} suspects"


def core_pages() -> list[Page]:
    from alerts.models import Alert
    from reporting.models import Victim
    from reporting.selectors import SEARCHES, sent_complaints_for_user

    people = users()
    officer = people["oficial.cusco"]
    regional = people["investigador.cusco"]
    national = people["investigador.divintrap"]
    pages = []
    for label, user in (("station", officer), ("directorate", regional), ("country", national)):
        count = sent_complaints_for_user(user).count()
        deep = min(50_000, count // 2)
        first, tail = _list_urls(user, {}, None)
        pages.append(Page(f"complaint list, {label} ({count:,})", user.username, first, tail))
        url, tail = _list_urls(user, {}, deep)
        pages.append(
            Page(f"complaint list, {label}, page {deep // 25:,}", user.username, url, tail)
        )

    sample = sent_complaints_for_user(regional).order_by("-sent_at")[100]
    victim = Victim.objects.filter(complaint__in=sent_complaints_for_user(regional)).first()
    searches = [
        ("search by number, country", national, sample.number),
        ("search by name, directorate", regional, "quispe mamani rosa"),
        ("search by name, country", national, "quispe mamani rosa"),
        ("search by document, directorate", regional, victim.document_number),
        ("search by document, country", national, victim.document_number),
    ]
    for name, user, text in searches:
        filters = {"q": text}
        first, tail = _list_urls(user, filters, None)
        if "by name" in name:
            # A name search's matches are remembered: its first visit, and a second (the
            # next page, or back from a complaint).
            pages.append(
                Page(name, user.username, first, tail, filters=filters, forget=SEARCHES.forget)
            )
            name = f"{name}, again"
        pages.append(Page(name, user.username, first, tail, filters=filters))

    full, single = bench_complaints(regional)
    pages.append(
        Page(
            f"complaint detail ({people_of(full)}, 3 documents)",
            regional.username,
            f"/denuncias/{full}/",
            f"/denuncias/{single}/",
        )
    )
    for user in (regional, national):
        inbox = Alert.objects.filter(unit=user.unit).count()
        pages.append(Page(f"alert inbox, {user.unit.code} ({inbox:,})", user.username, "/alertas/"))
    drafts = bench_drafts()
    pages.append(Page("complaint form, new", officer.username, "/denuncias/nueva/"))
    pages.append(
        Page(
            "complaint form, draft with 5 victims",
            officer.username,
            f"/denuncias/{drafts[5]}/editar/",
            f"/denuncias/{drafts[1]}/editar/",
        )
    )
    for user in people.values():
        if user.role_id and user.is_active and user.username.count(".") == 1:
            pages.append(Page(f"home ({user.role.code})", user.username, "/"))
    return pages


def hook_modules():
    for name in HOOKS:
        path = ROOT / "scripts" / name
        if path.exists():
            spec = importlib.util.spec_from_file_location(path.stem, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            yield module


def count_queries(page, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if page.forget:
        page.forget()
    with CaptureQueriesContext(connection) as queries:
        response = page.client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(queries)


def timed(page, url) -> float:
    if page.forget:
        page.forget()
    client = page.client
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def percentile(samples, share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def bench_pages(pages: list[Page], runs: int) -> bool:
    """Time every page and the bare view in the same rounds; True when no page's query
    count grows with its rows."""
    people = users()
    bare = Page("bare view (signed in)", "oficial.cusco", "/bench/bare/")
    everything = [bare, *pages]
    for page in everything:
        page.client = client_for(people[page.username], page.filters)
        # Warm-up (templates, translations, the session's clocks), then the queries of a
        # request as every later one runs it.
        for url in (page.url, page.fewer_url or page.url, page.url):
            timed(page, url)
        page.queries = count_queries(page, page.url)
        if page.fewer_url:
            page.fewer_queries = count_queries(page, page.fewer_url)
    shuffled = random.Random(15)  # noqa: S311 (an order, not a secret)
    for _ in range(runs):
        shuffled.shuffle(everything)
        for page in everything:
            page.samples.append(timed(page, page.url))
    return report(bare, pages, runs)


def report(bare: Page, pages: list[Page], runs: int) -> bool:
    bare_median = statistics.median(bare.samples) * 1000
    print(
        f"\n{runs} runs per page, interleaved with the bare view; server time in ms "
        f"(target: p95 < {TARGET_P95_MS} ms, median < {TARGET_RATIO}× the bare view)\n"
    )
    print("| page | queries | median | p95 | median ÷ bare | target |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {bare.name} | {bare.queries} | {bare_median:.1f} | "
        f"{percentile(bare.samples, 0.95) * 1000:.1f} | 1× | |"
    )
    steady = True
    for page in pages:
        median = statistics.median(page.samples) * 1000
        p95 = percentile(page.samples, 0.95) * 1000
        grows = page.fewer_queries is not None and page.queries > page.fewer_queries
        steady = steady and not grows
        queries = str(page.queries)
        if grows:
            queries += f" ✗ (fewer rows: {page.fewer_queries})"
        met = p95 < TARGET_P95_MS and median < TARGET_RATIO * bare_median
        print(
            f"| {page.name} | {queries} | {median:.1f} | {p95:.1f} | "
            f"{median / bare_median:.1f}× | {'✓' if met else '✗'} |"
        )
    if not steady:
        print("\nFAILED: the pages marked ✗ run more queries the more rows they show.")
    return steady


def bench_form_size():
    from django.contrib.staticfiles import finders

    from administration.models import User

    client = client_for(User.objects.get(username="oficial.cusco"))
    html = client.get("/denuncias/nueva/").content
    assets = [finders.find("css/reta.css"), finders.find("js/complaint.js")]
    sizes = [len(gzip.compress(html, 6))] + [
        len(gzip.compress(Path(path).read_bytes(), 6)) for path in assets
    ]
    print(
        f"\ncomplaint form page: {sum(sizes) / 1024:.1f} KB compressed in total "
        f"(HTML {sizes[0] / 1024:.1f} + CSS {sizes[1] / 1024:.1f} + JS {sizes[2] / 1024:.1f}; "
        f"target < 30 KB, no web fonts)"
    )


# --- The load test ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _session_cookie(client) -> str:
    from django.conf import settings

    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def _hammer(port: int, visitors: list[list], seconds: int) -> tuple[list, float]:
    """Each visitor in its own thread, over its visits in a loop and with no pause, for
    ``seconds``: [(seconds taken, answered 200, kind)] and the time it all took."""
    results = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def visit(visits):
        mine = []
        n = 0
        while time.monotonic() < stop:
            cookie, url, kind = visits[n % len(visits)]
            n += 1
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request(
                    "GET", url, headers={"Cookie": cookie, "Accept-Language": "es-pe"}
                )
                response = connection.getresponse()
                response.read()
                ok = response.status == 200  # a lost session is a redirect
            except OSError:
                ok = False
            finally:
                connection.close()
            mine.append((time.perf_counter() - started, ok, kind))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=visit, args=(visits,)) for visits in visitors]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - began


def _load_figures(results, elapsed) -> tuple[str, float, int]:
    """A line of figures, the p95 in ms and the number of errors."""
    times = [t for t, _ok, _kind in results]
    errors = sum(1 for _t, ok, _kind in results if not ok)
    p95 = percentile(times, 0.95) * 1000
    line = (
        f"{len(results) / elapsed:.0f} requests/s, p50 {percentile(times, 0.5) * 1000:.0f} ms, "
        f"p95 {p95:.0f} ms, {errors} errors"
    )
    return line, p95, errors


def bench_load(users_count: int, seconds: int, workers: int) -> bool:
    """gunicorn with ``workers`` processes on this database; ``users_count`` signed-in
    users, each in a loop over the list, a complaint's detail and a search. The same users
    on the bare view first, for ``seconds`` / 2: what this machine serves at best."""
    from reporting.selectors import sent_complaints_for_user

    people = users()
    investigators = [people["investigador.cusco"], people["investigador.divintrap"]]
    port = int(os.environ.get("RETA_BENCH_PORT") or free_port())
    env = {
        **os.environ,
        # The application's settings with the bare view's URLconf (scripts/bench_settings.py).
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": str(ROOT / "scripts"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "RETA_HTTPS": "0",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "reta.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/ingresar/")
                probe.getresponse().read()
                probe.close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        surnames = ["quispe mamani", "huaman flores", "condori rojas", "garcia ramos"]
        visitors, bare_visitors = [], []
        for n in range(users_count):
            user = investigators[n % len(investigators)]
            plain = _session_cookie(client_for(user))
            # A search is kept in the session, as the list's form keeps it: a second one.
            searching = _session_cookie(client_for(user, {"q": surnames[n % len(surnames)]}))
            ids = sent_complaints_for_user(user).order_by("-sent_at").values_list("pk", flat=True)
            ids = list(ids[n * 50 : n * 50 + 50])
            visits = []
            for pk in ids:
                visits += [(plain, "/denuncias/", "list"), (plain, f"/denuncias/{pk}/", "detail")]
                visits += [(searching, "/denuncias/", "search")]
            visitors.append(visits)
            bare_visitors.append([(plain, "/bench/bare/", "bare")])
        bare_seconds = max(seconds // 2, 1)
        bare = _hammer(port, bare_visitors, bare_seconds)
        bare_line, bare_p95, bare_errors = _load_figures(*bare)
        results, elapsed = _hammer(port, visitors, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    line, p95, errors = _load_figures(results, elapsed)
    kinds = {
        kind: [t for t, _ok, k in results if k == kind] for kind in ("list", "detail", "search")
    }
    by_kind = ", ".join(
        f"{kind} p50 {percentile(ts, 0.5) * 1000:.0f} ms" for kind, ts in kinds.items() if ts
    )
    print(
        f"\nunder load: gunicorn {workers} workers, {users_count} signed-in users with no "
        f"pause\n  bare view, {bare_seconds} s: {bare_line}\n"
        f"  list, detail and search, {seconds} s: {line} "
        f"(target: p95 < 300 ms, no error; {p95 / bare_p95:.1f}x the bare view's p95)\n"
        f"  {by_kind}"
    )
    # A bare view that failed is no yardstick.
    return errors == 0 and bare_errors == 0


# --- The other figures -----------------------------------------------------------------


def median_ms(samples):
    return statistics.median(samples) * 1000


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


def bench_alerts(sends=200, per_second=5):
    """From the commit of a send to the alert delivered to the regional inbox, with a real
    worker (2 processes) on the real Redis, at 5 sends a second: hundreds of times the
    national peak, and the rate at which the machine stays responsive."""
    from django.db import connection

    from administration.models import District, User
    from alerts.models import Alert
    from reporting.services import ComplaintInput, complaint_save_draft, complaint_send

    # The worker reads the database this process benchmarks (a hook may have changed the
    # environment since).
    env = {**os.environ, "DATABASE_URL": BENCH_URL[0]}
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

        def send(i):
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
            return complaint_send(complaint_id=draft.pk, user=officer).pk

        # The worker's start (Django, the broker, its first sweep) is not a send's latency:
        # one complaint's alert must arrive before the timed sends begin.
        first = Alert.objects.filter(complaint_id=send(-1), unit__code="DEPINTRAP-CUSCO")
        while first.filter(delivered_at__isnull=True).exists():
            if time.monotonic() > deadline:
                raise SystemExit("the worker did not start: is Redis running?")
            time.sleep(0.2)
            connection.close()
        complaint_ids = []
        started = time.monotonic()
        for i in range(sends):
            time.sleep(max(0.0, started + i / per_second - time.monotonic()))
            complaint_ids.append(send(i))
        deadline = time.monotonic() + 60
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


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup_django(args.size)
    fill(args.size)
    from django.test import override_settings

    # The bare view exists only in the benchmark's URLconf.
    override_settings(ROOT_URLCONF="bench_urls").enable()
    ok = True
    if not args.load_only:
        pages = core_pages()
        late = []
        for module in hook_modules():
            if hasattr(module, "pages"):
                pages.extend(module.pages(sys.modules[__name__]))
            if hasattr(module, "main"):
                late.append(module)
        ok = bench_pages([p for p in pages if args.only in p.name], args.runs)
        bench_form_size()
        for module in late:
            module.main()
        if not args.pages:
            bench_classifier()
            bench_documents()
            bench_alerts()
    if args.load or args.load_only:
        ok = bench_load(args.users, args.seconds, args.workers) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
