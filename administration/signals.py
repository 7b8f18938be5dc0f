"""Sign-in events into the audit log. Django announces them only through these signals."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import Action, Outcome, audit_record


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit_record(action=Action.LOGIN, user=user, request=request)
    if request is not None and hasattr(request, "session"):
        # The sign-in checked the account (signin.account_is_genuine): the next check is
        # due in a minute (middleware.account_still_genuine).
        from django.utils import timezone

        from .middleware import GENUINE_AT

        request.session[GENUINE_AT] = timezone.now().timestamp()


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=Action.LOGOUT, user=user, request=request)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # Only a username that exists is kept: people type their password in the wrong box.
    typed = (credentials or {}).get("username", "")
    user = get_user_model().objects.filter(username=typed).select_related("unit").first()
    audit_record(
        action=Action.LOGIN_FAILED,
        outcome=Outcome.FAILURE,
        user=user,
        request=request,
        detail="" if user else "unknown username",
    )
