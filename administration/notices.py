"""Notices to administrators by e-mail. Only account names and unit codes: never a
victim's data, never a password."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Role, Unit, User


def administrators_of(unit: Unit) -> list[User]:
    """Those who manage the unit's people: the administrators of a subtree containing it
    (the closest first), or else the national administrators."""
    managers = User.objects.filter(
        is_active=True, groups__permissions__codename="manage_users"
    ).select_related("unit", "role")
    regional = [
        m
        for m in managers.exclude(role__scope=Role.SCOPE_NATIONAL)
        if m.unit_id and unit.path.startswith(m.unit.scope_path)
    ]
    if regional:
        return regional
    return list(managers.filter(role__scope=Role.SCOPE_NATIONAL))


def notify_dormant_disabled(user_ids: list[int]) -> int:
    """One mail per administrator listing the accounts of their units just disabled."""
    by_manager = defaultdict(list)
    for user in User.objects.filter(pk__in=user_ids).select_related("unit"):
        if user.unit_id is None:
            continue
        for manager in administrators_of(user.unit):
            by_manager[manager].append(user)
    sent = 0
    for manager, users in by_manager.items():
        if not manager.email:
            continue
        with override(settings.LANGUAGE_CODE):
            lines = [f"- {u.username} ({u.unit.code})" for u in users]
            body = _(
                "These accounts were not used for %(days)s days and were disabled. Enable "
                "again the ones still needed, or rotate them so that nothing stays unattended:"
            ) % {"days": settings.DORMANT_ACCOUNT_DAYS}
            send_mail(
                _("RETA: accounts disabled for lack of use"),
                "\n".join([body, "", *lines, "", f"{settings.SITE_URL}/administracion/usuarios/"]),
                None,
                [manager.email],
            )
        sent += 1
    return sent
