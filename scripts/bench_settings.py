"""The application's settings with the benchmark's URLconf (scripts/bench_urls.py, which
adds the bare view). Only the load test's gunicorn runs with them."""

from reta.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
