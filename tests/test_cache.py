"""The shared cache reads JSON only: a pickle planted in Redis is never run."""

import builtins
import pickle

from django.core.cache import cache


class _Planted:
    def __reduce__(self):
        return (exec, ("import builtins; builtins._reta_planted = True",))


def test_a_pickle_planted_in_the_cache_is_read_as_missing_and_never_run(db):
    key = cache.make_and_validate_key("remembered:planted")
    cache._cache.get_client(key, write=True).set(key, pickle.dumps(_Planted()))
    assert cache.get("remembered:planted") is None
    assert not hasattr(builtins, "_reta_planted")


def test_the_cache_keeps_texts_numbers_and_counts(db):
    cache.set_many({"t:text": "4f1c", "t:number": 3}, timeout=60)
    cache.incr("t:number")
    assert cache.get_many(["t:text", "t:number"]) == {"t:text": "4f1c", "t:number": 4}
