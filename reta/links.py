"""Links to many records of one kind, reversed once (a case's page links every record and
every hit; a list links each of its rows)."""

from django.urls import reverse

# An id no record reaches: url_maker finds where the id goes in a reversed URL by it.
_SENTINEL = 2147483647


def url_maker(name: str, *args):
    """``reverse(name, args=[*args, pk])`` for many ``pk``: reversed once, each id put in
    its place."""
    pattern = reverse(name, args=[*args, _SENTINEL])
    head, tail = pattern.rsplit(str(_SENTINEL), 1)
    return lambda pk: f"{head}{int(pk)}{tail}"
