"""Model fields of RETA's own."""

import json

from django.db import models

# What a JSON value that cannot be read back becomes (see ReadableJSONField).
UNREADABLE = {"unreadable": True}


class ReadableJSONField(models.JSONField):
    """A JSONField that never fails to load a row. Someone holding the database's
    password can store JSON nested a thousand levels deep, which Python cannot decode:
    such a value loads as UNREADABLE, the row's signature then fails, and the pages and
    verify_audit name the row instead of crashing on it."""

    def from_db_value(self, value, expression, connection):
        try:
            return super().from_db_value(value, expression, connection)
        except (RecursionError, json.JSONDecodeError, TypeError, ValueError):
            return dict(UNREADABLE)
