import pytest

from reta.remembered import Remembered


def test_a_remembered_kept_to_two_values_forgets_the_oldest_first(db):
    remembered = Remembered("test-two-values", most=2)
    built = []
    for key in ("a", "b", "c", "b", "a"):
        remembered.get(key, lambda key=key: built.append(key))
    assert built == ["a", "b", "c", "a"]


def _counting(watched, key, tokens, built):
    return watched.get(key, tokens, lambda: built.append(key) or len(built))


def test_a_watched_value_is_built_again_only_when_one_of_its_tokens_is_touched(db):
    from reta.remembered import Watched

    watched, built = Watched("test-tokens"), []
    _counting(watched, "phone", {("phone", "1")}, built)
    _counting(watched, "plate", {("plate", "A")}, built)
    watched.touched({("phone", "1")})
    _counting(watched, "phone", {("phone", "1")}, built)
    _counting(watched, "plate", {("plate", "A")}, built)
    assert built == ["phone", "plate", "phone"]


def test_of_many_watched_values_only_those_touched_are_built_again_together(db):
    from reta.remembered import Watched

    watched, built = Watched("test-many"), []

    def build(keys):
        built.append(sorted(keys))
        return {key: key.upper() for key in keys}

    wanted = {"a": {("phone", "1")}, "b": {("phone", "2")}, "c": {("plate", "C")}}
    assert watched.get_many(wanted, build) == {"a": "A", "b": "B", "c": "C"}
    watched.touched({("phone", "2"), ("plate", "C")})
    assert watched.get_many(wanted, build) == {"a": "A", "b": "B", "c": "C"}
    assert built == [["a", "b", "c"], ["b", "c"]]


def test_a_full_watched_forgets_the_value_read_longest_ago(db):
    from reta.remembered import Watched

    watched, built = Watched("test-recently-read", most=2), []
    for key in ("a", "b", "a", "c", "a", "b"):
        _counting(watched, key, {("phone", key)}, built)
    assert built == ["a", "b", "c", "b"]


def test_another_process_sees_a_touched_token_at_once(db):
    from reta.remembered import Watched

    here, there, built = Watched("test-processes"), Watched("test-processes"), []
    _counting(there, "phone", {("phone", "1")}, built)
    here.touched({("phone", "1")})
    _counting(there, "phone", {("phone", "1")}, built)
    assert built == ["phone", "phone"]


def test_what_a_rolled_back_change_built_is_not_kept(db):
    from django.db import transaction

    from reta.remembered import Watched

    watched, built = Watched("test-rollback"), []
    with pytest.raises(RuntimeError), transaction.atomic():
        watched.touched({("phone", "1")})
        _counting(watched, "phone", {("phone", "1")}, built)
        raise RuntimeError
    _counting(watched, "phone", {("phone", "1")}, built)
    assert built == ["phone", "phone"]


def test_everything_changed_builds_every_watched_value_again(db):
    from reta.remembered import Watched, everything_changed

    watched, built = Watched("test-epoch"), []
    _counting(watched, "phone", {("phone", "1")}, built)
    everything_changed()
    _counting(watched, "phone", {("phone", "1")}, built)
    assert built == ["phone", "phone"]


def test_a_change_made_while_the_cache_did_not_answer_is_read_again_everywhere_after(db):
    from django.test import override_settings

    from reta.remembered import Watched

    here, there, built = Watched("test-outage"), Watched("test-outage"), []
    _counting(there, "phone", {("phone", "1")}, built)
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        here.touched({("phone", "1")})
        _counting(here, "phone", {("phone", "1")}, built)  # read from the database
    _counting(here, "phone", {("phone", "1")}, built)  # announces the change: a new epoch
    _counting(there, "phone", {("phone", "1")}, built)
    assert built == ["phone", "phone", "phone", "phone"]


def test_a_version_changed_while_the_cache_did_not_answer_is_announced_after(db):
    from django.test import override_settings

    here, there, built = Remembered("test-outage-version"), Remembered("test-outage-version"), []
    there.get("roles", lambda: built.append("roles"))
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        here._new_version()
    here.get("roles", lambda: built.append("roles"))  # announces the change
    there._checked_at = 0.0  # its check_seconds past: it asks the cache again
    there.get("roles", lambda: built.append("roles"))
    assert built == ["roles", "roles", "roles"]


def test_a_tokens_key_in_the_cache_cannot_be_found_again_without_the_secret_key(db):
    import hashlib

    from django.test import override_settings

    from reta.remembered import Watched

    watched, token = Watched("test-keys"), ("document", "dni:41234567")
    key = watched._key(token)
    with override_settings(SECRET_KEY="another-secret-key-" + "x" * 40):
        other = watched._key(token)
    unkeyed = hashlib.blake2b(b"document\x1fdni:41234567", digest_size=12).hexdigest()
    assert key != other and unkeyed not in key and "41234567" not in key


def test_a_touched_token_expires_from_the_cache_after_a_week(db):
    from django.core.cache import cache

    from reta.remembered import Watched

    watched = Watched("test-expiry")
    watched.touched({("phone", "1")})
    key = cache.make_and_validate_key(watched._key(("phone", "1")))
    assert 0 < cache._cache.get_client(key).ttl(key) <= Watched.TOKEN_SECONDS


def test_a_watched_value_older_than_a_day_is_built_again(db):
    from reta.remembered import Watched

    watched, built = Watched("test-age"), []
    watched.KEEP_SECONDS = 0
    _counting(watched, "phone", {("phone", "1")}, built)
    _counting(watched, "phone", {("phone", "1")}, built)
    assert built == ["phone", "phone"]


def test_a_version_left_in_the_cache_as_a_pickle_is_replaced_and_values_are_kept_again(db):
    import pickle

    from django.core.cache import cache

    remembered, built = Remembered("test-pickled-version"), []
    key = cache.make_and_validate_key(remembered.key)
    cache._cache.get_client(key, write=True).set(key, pickle.dumps("an old version"))
    for _ in range(2):
        remembered.get("roles", lambda: built.append("roles"))
    assert built == ["roles"]


def test_an_outage_seen_by_a_reader_is_announced_by_it_once_the_cache_answers(db):
    from django.test import override_settings

    from reta.remembered import Watched

    writer_kept, reader, built = Watched("test-reader-outage"), Watched("test-reader-outage"), []
    _counting(writer_kept, "count", {("unit", 1)}, built)
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        # Meanwhile a worker that never reads changed the count, unannounced.
        _counting(reader, "count", {("unit", 1)}, built)
    _counting(reader, "count", {("unit", 1)}, built)  # announces: a new epoch
    _counting(writer_kept, "count", {("unit", 1)}, built)
    assert built == ["count"] * 4


def test_what_a_rolled_back_change_of_everything_built_is_not_kept(db):
    from django.db import transaction

    from reta.remembered import Watched

    watched, built = Watched("test-rollback-epoch"), []
    with pytest.raises(RuntimeError), transaction.atomic():
        watched.changed()
        _counting(watched, "phone", {("phone", "1")}, built)
        raise RuntimeError
    _counting(watched, "phone", {("phone", "1")}, built)
    assert built == ["phone", "phone"]
