"""Limits on signing in from one address, beside django-axes' limits per username.

Password spraying tries one or two passwords on many usernames: no username reaches its
five failures, so axes never locks. Failures are also counted per client address; above
SIGN_IN_ADDRESS_FAILURES within SIGN_IN_ADDRESS_WINDOW_SECONDS, that address may not sign
in until the window passes. The limit is far above what one station's officers behind one
shared address mistype in a quarter of an hour.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def account_is_genuine(user, request) -> bool:
    """An account (its role, unit, state) must be what its last signed history row says:
    one written or promoted by SQL with the database's password never signs in."""
    from .audit import Action, Outcome, audit_record
    from .integrity import password_is_sealed, record_matches_history

    if record_matches_history(user) and password_is_sealed(user):
        return True
    audit_record(
        action=Action.LOGIN_FAILED,
        outcome=Outcome.DENIED,
        user=user,
        request=request,
        detail="account not recorded by the application",
    )
    return False


def _key(address: str | None) -> str:
    return f"sign-in-failures:{address or 'unknown'}"


def address_blocked(address: str | None) -> bool:
    try:
        return (cache.get(_key(address)) or 0) >= settings.SIGN_IN_ADDRESS_FAILURES
    except RedisError:  # the cache is down: axes' limit per username still holds
        logger.warning("sign-in limit per address not checked: the cache does not answer")
        return False


def record_failure(address: str | None) -> None:
    key = _key(address)
    try:
        if cache.add(key, 1, timeout=settings.SIGN_IN_ADDRESS_WINDOW_SECONDS):
            return
        cache.incr(key)
    except (RedisError, ValueError):  # ValueError: the key expired between add and incr
        logger.warning("sign-in failure per address not counted: the cache does not answer")
