"""Benchmarks of the investigation module (called by scripts/bench.py; also runs alone:
`python scripts/bench_investigation.py` with the environment `make bench` sets).

Fills reta_bench once with synthetic case files (manage.py synthetic_cases: 200,000 cases,
1,000,000 people, 1,000,000 phones, 200,000 vehicles) and prints the median time of a
national crossing look-up of one phone, one plate, one document and one person's name, as
the national division runs it (every case and every sent complaint of the country), of
saving a record with its crossing, of opening a case page and of drawing its network.
"""

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _median_ms(run, probes):
    samples = []
    for probe in probes:
        started = time.perf_counter()
        run(probe)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def bench_cases(national):
    """Two synthetic cases under investigation: one that saves go to (it grows by 30
    phones a run), and one of 50 records, as the target says, whose page is read."""
    from investigation import services
    from investigation.models import Case, CasePerson

    cases = Case.objects.filter(title__startswith="Caso sintético", state="investigating")
    saving, case = cases.order_by("id")[:2]
    missing = 50 - (case.people.count() + case.phones.count() + case.vehicles.count())
    for number in range(max(missing, 0)):
        services.record_save(
            case=case,
            model=CasePerson,
            user=national,
            fields={"role": "victim", "first_names": "Ana", "last_names": f"Prueba {number}"},
        )
    return saving, case


def pages(bench):
    """The investigation's pages in the table of pages, beside the bare view: a case of
    50 records and its network, as the national division reads them."""
    from django.core.management import call_command
    from django.urls import reverse

    from administration.models import User

    call_command("synthetic_cases")
    national = User.objects.get(username="investigador.divintrap")
    _saving, case = bench_cases(national)
    from investigation.crossing import CROSSINGS
    from investigation.network import NETWORKS

    page = reverse("case-detail", args=[case.pk])
    network = reverse("case-network", args=[case.pk])
    phone = case.phones.order_by("pk").values_list("number_key", flat=True).first()
    return [
        bench.Page("case page, 50 records", national.username, page),
        # Its visit after one of its phones was saved anywhere (its investigator's own
        # last action, say): that phone is looked up in the country again.
        bench.Page(
            "case page, 50 records, a phone of it touched",
            national.username,
            page,
            forget=lambda: CROSSINGS.touched({("phone", phone)}),
        ),
        # Its first visit in this process: every identifier is looked up again.
        bench.Page(
            "case page, 50 records, crossing afresh",
            national.username,
            page,
            forget=CROSSINGS.forget,
        ),
        bench.Page("network of that case", national.username, network),
        # Its first drawing after an identifier changed anywhere.
        bench.Page(
            "network of that case, afresh", national.username, network, forget=NETWORKS.forget
        ),
    ]


def bench_investigation():
    import os

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from administration.models import User
    from investigation import crossing, services
    from investigation.models import CasePerson, Phone, Vehicle

    # Wall-clock figures mean little on a machine shared beyond its cores: say so.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    started = time.perf_counter()
    call_command("synthetic_cases")
    print(f"synthetic case files ready in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        for table in ("case", "caseperson", "phone", "vehicle"):
            cursor.execute(f"SELECT count(*) FROM investigation_{table}")  # noqa: S608
            print(f"  investigation_{table}: {cursor.fetchone()[0]:,} rows")
    national = User.objects.get(username="investigador.divintrap")
    rng = random.Random(7)  # noqa: S311 (samples, not secrets)
    top = Phone.objects.order_by("-id").values_list("id", flat=True).first()

    def sample(model, field, n=60):
        ids = [rng.randint(1, top) for _ in range(n * 2)]
        return list(model.objects.filter(pk__in=ids).values_list(field, flat=True)[:n])

    phones = sample(Phone, "number_key")
    plates = sample(Vehicle, "plate_key")
    documents = sample(CasePerson, "document_key")
    people = list(CasePerson.objects.filter(pk__in=[rng.randint(1, top) for _ in range(120)])[:60])

    # One identifier's look-up, as a record's save runs it: every case and every sent
    # complaint of the country, as the national division sees them.
    def probe(kind):
        def run(key):
            crossing.cross(national, crossing.Probe(**{kind: {key: key}}))

        return run

    def by_name(person):
        found = crossing.Probe()
        crossing.add_record(found, person, person.full_name)
        crossing.cross(national, found)

    for what, run, probes, target in (
        ("phone", probe("phones"), phones, 20),
        ("plate", probe("plates"), plates, 20),
        ("document", probe("documents"), documents, 20),
        ("person's name", by_name, people, 100),
    ):
        run(probes[0])  # warm
        print(
            f"crossing look-up of one {what} (median of {len(probes)}): "
            f"{_median_ms(run, probes):.1f} ms (target < {target} ms)"
        )
    started = time.perf_counter()
    crossing.cross(national, crossing.probe_of_text(people[1].full_name))
    print(f"  the search box, typed name: {(time.perf_counter() - started) * 1000:.0f} ms")
    saving, case = bench_cases(national)
    saved = []

    def save(number):
        phone = services.record_save(
            case=saving, model=Phone, user=national, fields={"number": number}
        )
        crossing.cross_record(national, phone, str(phone))
        saved.append(phone.pk)

    print(
        f"saving a phone with its crossing (median of 30): "
        f"{_median_ms(save, phones[:30]):.1f} ms (target < 150 ms)"
    )
    client = Client()
    client.force_login(national)
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=national, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    from django.urls import reverse

    from investigation.crossing import CROSSINGS
    from investigation.network import NETWORKS

    def page(url):
        # Each a first visit: the crossing and the network are read afresh.
        CROSSINGS.forget()
        NETWORKS.forget()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")

    records = case.people.count() + case.phones.count() + case.vehicles.count()
    url = reverse("case-detail", args=[case.pk])
    page(url)
    print(
        f"opening a case page with {records} records, its crossing afresh (median of 20): "
        f"{_median_ms(page, [url] * 20):.0f} ms (target < 150 ms)"
    )
    url = reverse("case-network", args=[case.pk])
    page(url)
    print(
        f"the network of that case, drawn afresh (median of 20): "
        f"{_median_ms(page, [url] * 20):.0f} ms (target < 500 ms)"
    )


if __name__ == "__main__":
    from bench import fill, setup_django

    setup_django("1m")
    fill("1m")
    bench_investigation()


def main():
    """Called by scripts/bench.py (its hooks) after the pages."""
    bench_investigation()
