"""Parallel test workers never share a Redis database (tests/workers.py)."""

from tests.workers import redis_database_of_worker


def test_each_worker_gets_a_redis_database_of_its_own():
    url = "redis://:s3cr3t@127.0.0.1:63799/0"
    assert [redis_database_of_worker(url, w) for w in ("gw0", "gw1")] == [
        "redis://:s3cr3t@127.0.0.1:63799/1",
        "redis://:s3cr3t@127.0.0.1:63799/2",
    ]


def test_a_url_without_a_database_gets_one():
    assert redis_database_of_worker("redis://127.0.0.1:63799", "gw2") == "redis://127.0.0.1:63799/3"
