"""The periodic verification of the audit (the same checks as ``manage.py verify_audit``)
and the alarm when it fails: the national division and the national administrators are
told at once by e-mail, and every administrator's home shows the failed result."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from .audit import Action, Outcome, audit_record
from .models import Role, Unit, User

logger = logging.getLogger(__name__)


def national_division_addresses() -> list[str]:
    units = Unit.objects.filter(kind__national_scope=True, valid_to__isnull=True).exclude(email="")
    admins = User.objects.filter(
        is_active=True, role__scope=Role.SCOPE_NATIONAL, groups__permissions__codename="view_audit"
    ).exclude(email="")
    return sorted({*units.values_list("email", flat=True), *admins.values_list("email", flat=True)})


def verify_and_alert(heads_file=None) -> dict:
    from .management.commands.verify_audit import verify

    report = verify(heads_file or settings.AUDIT_HEAD_FILE)
    audit_record(
        action=Action.VERIFY,
        outcome=Outcome.FAILURE if report.problems else Outcome.SUCCESS,
        detail=f"{report.total} rows, {len(report.problems)} problems",
    )
    if report.problems:
        logger.error("verify_audit: %d problem(s)", len(report.problems))
        with override(settings.LANGUAGE_CODE):
            send_mail(
                _("RETA: the audit verification found %(n)s problem(s)")
                % {"n": len(report.problems)},
                "\n".join(
                    [
                        _(
                            "The nightly verification of the signed audit found rows forged, "
                            "altered, removed or out of order. Run verify_audit on the server "
                            "and keep a copy of the database as it is now."
                        ),
                        "",
                        *report.problems[:50],
                    ]
                ),
                None,
                national_division_addresses(),
            )
    return {"rows": report.total, "problems": len(report.problems)}
