"""What an officer typed when the session expired, kept without writing anything.

A session that has expired must not write (not even a draft): the typed form is held in
the re-sign-in page, signed so that it cannot be altered nor replayed by another user,
and comes back as a form the officer (or the page's script) submits once signed in again.
Nothing is stored on the server until then.
"""

from django.conf import settings
from django.core import signing
from django.urls import Resolver404, resolve

SALT = "reta.held-work"
SESSION_KEY = "reta_held_work"


def hold(request) -> str:
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    return signing.dumps(
        {"user": request.user.pk, "path": request.path, "data": data}, salt=SALT, compress=True
    )


def _saves_work(path: str) -> bool:
    try:
        return getattr(resolve(path).func, "saves_work_on_expiry", False)
    except Resolver404:
        return False


def take(token: str, user) -> dict | None:
    """The held work, if the token is genuine, recent, the user's own and for a page
    that saves work; else None."""
    try:
        held = signing.loads(token, salt=SALT, max_age=settings.SESSION_ABSOLUTE_SECONDS)
    except signing.BadSignature:
        return None
    if held.get("user") != user.pk or not _saves_work(held.get("path", "")):
        return None
    return held


def as_fields(held: dict) -> list[tuple[str, str]]:
    """The form's fields to submit again; as a save, whatever button was pressed."""
    fields = [
        (name, value)
        for name, values in held["data"].items()
        if name != "action"
        for value in values
    ]
    return [*fields, ("action", "save")]
