"""Session limits, the second factor and caching rules, applied to every request."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import held_work
from .forms import SignInForm
from .twofactor import second_factor_required

LAST_SEEN = "reta_last_seen"
LAST_SEEN_STEP_SECONDS = 60
SIGNED_IN_AT = "reta_signed_in_at"


class RejectNullCharactersMiddleware:
    """A NUL character in a parameter can only be tampering (PostgreSQL refuses it in
    text): answer 400 with a plain message instead of failing deep in a query. A cookie
    with one is dropped, as if the browser had sent none (a new, signed-out session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items()):
            request.COOKIES = {
                name: value
                for name, value in request.COOKIES.items()
                if "\x00" not in name and "\x00" not in value
            }
        for values in (*request.GET.lists(), *request.POST.lists()):
            if any("\x00" in value for value in [values[0], *values[1]]):
                return HttpResponseBadRequest(_("The request contains invalid characters."))
        return self.get_response(request)


GENUINE_CHECK_SECONDS = 60
GENUINE_AT = "reta_account_checked_at"


def account_still_genuine(request) -> bool:
    """The sign-in's check of the account (signin.account_is_genuine), repeated once a
    minute at most while the session is open (the time is kept in the session)."""
    from .integrity import password_is_sealed, record_matches_history

    now = timezone.now().timestamp()
    if now - request.session.get(GENUINE_AT, 0) < GENUINE_CHECK_SECONDS:
        return True
    user = request.user
    genuine = record_matches_history(user) and password_is_sealed(user)
    if genuine:
        request.session[GENUINE_AT] = now
    return genuine


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without a request, and in any case
    SESSION_ABSOLUTE_SECONDS after sign-in. Drafts live on the server, so nothing typed
    is lost: the officer signs in again and finds the draft."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not account_still_genuine(request):
            # Changed by SQL since sign-in (a unit, a role, a password): out at once.
            logout(request)
            messages.error(request, SignInForm.error_messages["not_recorded"])
            return redirect(reverse("login"))
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            last_seen = request.session.get(LAST_SEEN, now)
            signed_in_at = request.session.get(SIGNED_IN_AT, now)
            if (
                now - last_seen > settings.SESSION_IDLE_SECONDS
                or now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
            ):
                return self._expire(request)
        response = self.get_response(request)
        # After the view: a sign-in request starts both clocks. The idle clock is moved on
        # once a minute at most, so most requests write nothing to the session table.
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            if now - request.session.get(LAST_SEEN, 0) >= LAST_SEEN_STEP_SECONDS:
                request.session[LAST_SEEN] = now
            request.session.setdefault(SIGNED_IN_AT, now)
        return response

    def _expire(self, request):
        view = resolve(request.path_info).func
        if not (request.method == "POST" and getattr(view, "saves_work_on_expiry", False)):
            logout(request)
            messages.info(request, _("Your session expired. Please sign in again."))
            return redirect(f"{reverse('login')}?next={request.path}")
        if request.POST.get("action") == "autosave":
            # The page's script then submits the form itself, which comes back here.
            return JsonResponse({"expired": True}, status=401)
        # Nothing is written with an expired session: the typed form is held, signed, in
        # the sign-in page and saved once the officer is back (held_work.py).
        token = held_work.hold(request)
        logout(request)
        messages.info(
            request,
            _(
                "Your session expired. Sign in again: what you typed is kept and will be "
                "saved as a draft."
            ),
        )
        return render(
            request,
            "registration/login.html",
            {"form": SignInForm(request), "next": request.path, "held": token},
        )


def saves_work_on_expiry(view):
    """Mark a view whose POST must be kept when the session expires (held_work.py)."""
    view.saves_work_on_expiry = True
    return view


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


class PasswordChangeRequiredMiddleware:
    """A password an administrator reset is temporary: until the officer chooses their
    own, every page leads to the password change (after the second factor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(OPEN_PREFIXES)
            and request.path not in self._exempt_paths()
        ):
            messages.info(request, _("Your password was reset: choose a new one to continue."))
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _exempt_paths():
        return {
            reverse("login"),
            reverse("logout"),
            reverse("otp-verify"),
            reverse("otp-setup"),
            reverse("password_change"),
            reverse("password_change_done"),
        }
