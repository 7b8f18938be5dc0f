"""The shared cache's serializer: JSON, never pickle.

Django's Redis cache stores pickles, and reading a pickle runs whatever it says: whoever
could write one key to Redis would run code in every process of RETA, its signing key
included. RETA keeps only numbers and short texts there (versions, stamps, counters of
failed sign-ins), which JSON writes as well. What is not JSON (planted by someone) reads
as missing, and is logged."""

import json
import logging

logger = logging.getLogger(__name__)


class JSONSerializer:
    def dumps(self, obj):
        # Integers stay Redis integers, for incr() (as Django's own serializer keeps them).
        if type(obj) is int:
            return obj
        return json.dumps(obj, separators=(",", ":")).encode()

    def loads(self, data):
        try:
            return int(data)
        except ValueError:
            pass
        try:
            return json.loads(data)
        except (ValueError, UnicodeDecodeError):
            logger.warning("a value in the cache is not JSON: read as missing")
            return None
