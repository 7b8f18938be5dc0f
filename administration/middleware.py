"""Session limits, the second factor and caching rules, applied to every request."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .twofactor import second_factor_required

LAST_SEEN = "reta_last_seen"
SIGNED_IN_AT = "reta_signed_in_at"


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without a request, and in any case
    SESSION_ABSOLUTE_SECONDS after sign-in. Drafts live on the server, so nothing typed
    is lost: the officer signs in again and finds the draft."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            last_seen = request.session.get(LAST_SEEN, now)
            signed_in_at = request.session.get(SIGNED_IN_AT, now)
            if (
                now - last_seen > settings.SESSION_IDLE_SECONDS
                or now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
                messages.info(request, _("Your session expired. Please sign in again."))
                return redirect(f"{reverse('login')}?next={request.path}")
        response = self.get_response(request)
        # After the view: a sign-in request starts both clocks.
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            request.session[LAST_SEEN] = now
            request.session.setdefault(SIGNED_IN_AT, now)
        return response


# Paths a signed-in user reaches before the second factor is verified.
OPEN_PREFIXES = ("/static/", "/i18n/")


class SecondFactorRequiredMiddleware:
    """Every page (the Django admin included) needs a verified second factor when the
    user's role requires one; checking only at sign-in would leave half-open sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and second_factor_required(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and request.path not in self._exempt_paths()
        ):
            return redirect(f"{reverse('otp-verify')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _exempt_paths():
        return {reverse("login"), reverse("logout"), reverse("otp-verify"), reverse("otp-setup")}


class NoStoreMiddleware:
    """Pages may show personal data: no browser or proxy keeps a copy of any of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(OPEN_PREFIXES):
            response["Cache-Control"] = "no-store"
        return response
