"""The second factor: TOTP apps plus one-time recovery codes (django-otp).

Which roles must use it is configuration (OTP_REQUIRED_ROLES). django-otp remembers the
last time step a TOTP device accepted, so a code that was used cannot be replayed; a
recovery code is deleted when used.
"""

import secrets
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


def second_factor_required(user) -> bool:
    return bool(user.role_id and user.role.code in settings.OTP_REQUIRED_ROLES)


def has_confirmed_device(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def verify(user, token: str):
    """The device that accepts ``token`` for ``user``, or None."""
    token = "".join(token.split())
    if not token:
        return None
    return match_token(user, token)


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode().rstrip("=")


@transaction.atomic
def confirm_totp_device(user, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a first code; returns fresh recovery codes."""
    device = pending_totp_device(user)
    if not device.verify_token("".join(token.split())):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def totp_device_with_secret(user, hex_key: str) -> TOTPDevice:
    """A confirmed authenticator with a known key (demo accounts only)."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="app", key=hex_key, confirmed=True)


def qr_svg(device: TOTPDevice) -> str:
    """The provisioning QR code as inline SVG: drawn on the server, no JavaScript."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4)
