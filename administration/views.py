from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from alerts.selectors import escalated_for

from . import held_work, selectors, services, twofactor
from .audit import Action, audit_record
from .forms import ChangeSecondFactorForm, SignInForm, TokenForm
from .models import Unit
from .scope import get_in_scope_or_404, sees_personal_data, sees_whole_country, units_in_scope


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Work held from an expired session rides along a failed attempt too.
        return {**super().get_context_data(**kwargs), "held": self.request.POST.get("held", "")}

    def form_valid(self, form):
        response = super().form_valid(form)
        held = held_work.take(self.request.POST.get("held", ""), form.get_user())
        if held is None:
            return response
        self.request.session[held_work.SESSION_KEY] = held
        return redirect("resume-work")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page; a password reset by an administrator stops being temporary here."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_changed(user=form.user)
        return response


@login_required
def resume_work(request):
    """The form typed before the session expired, ready to be saved as a draft."""
    held = request.session.pop(held_work.SESSION_KEY, None)
    if held is None:
        return redirect("home")
    return render(
        request,
        "registration/resume_work.html",
        {"action": held["path"], "fields": held_work.as_fields(held)},
    )


def _next_url(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@login_required
def otp_verify(request):
    if not twofactor.has_confirmed_device(request.user):
        return redirect("otp-setup")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = twofactor.verify(request.user, form.cleaned_data["token"])
        if device is not None:
            _second_factor_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid or was already used."))
    return render(request, "administration/otp_verify.html", {"form": form})


def _second_factor_login(request, device):
    otp_login(request, device)
    # A new session key once fully signed in: one seen before the second factor is void.
    request.session.cycle_key()


@login_required
def otp_setup(request):
    """Link an authenticator app: at the first sign-in of a user who must use a second
    factor, or later to replace it (then the password is asked again)."""
    changing = twofactor.has_confirmed_device(request.user)
    if changing and not request.user.is_verified():
        return redirect("otp-verify")
    device = twofactor.pending_totp_device(request.user)
    form = (
        ChangeSecondFactorForm(request.POST or None, user=request.user)
        if changing
        else TokenForm(request.POST or None)
    )
    if form.is_valid():
        codes = twofactor.confirm_totp_device(request.user, form.cleaned_data["token"])
        if codes is not None:
            device.refresh_from_db()
            audit_record(
                action=Action.PERMISSION_CHANGE,
                request=request,
                obj=request.user,
                detail="second factor replaced" if changing else "second factor set up",
            )
            _second_factor_login(request, device)
            return render(request, "administration/recovery_codes.html", {"codes": codes})
        form.add_error("token", _("That code is not valid. Check the clock of your phone."))
    return render(
        request,
        "administration/otp_setup.html",
        {
            "form": form,
            "secret": twofactor.base32_secret(device),
            "qr_svg": twofactor.qr_svg(device),
        },
    )


@login_required
def home(request):
    context = {"escalated": escalated_for(request.user)[:20]}
    if request.user.has_perm("administration.manage_users"):
        context["flagged_units"] = selectors.units_losing_registrars(request.user)
        context["recently_dormant"] = selectors.recently_disabled_as_dormant(request.user)
    if request.user.has_perm("administration.view_audit") or sees_whole_country(request.user):
        context["verification"] = selectors.last_verification()
    return render(request, "administration/home.html", context)


@login_required
def unit_list(request):
    units = units_in_scope(request.user).select_related("kind", "department")
    query = request.GET.get("q", "").strip()[:80]
    if query:
        units = units.filter(Q(name__unaccent__icontains=query) | Q(code__icontains=query))
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "administration/unit_list.html",
        {"page": page, "q": query, "query": urlencode({"q": query}) if query else ""},
    )


@login_required
def unit_detail(request, pk):
    unit = get_in_scope_or_404(
        Unit.objects.select_related("kind", "parent", "department", "province", "district"),
        request.user,
        via=("",),
        pk=pk,
    )
    # Who can still sign in there, and when each last did.
    members = selectors.sign_in_roster(unit) if sees_personal_data(request.user) else []
    return render(
        request,
        "administration/unit_detail.html",
        {
            "unit": unit,
            "members": members,
            "can_see_people": sees_personal_data(request.user),
            "children": unit.children.select_related("kind"),
        },
    )


def locked_out(request, credentials=None, *args, **kwargs):
    # The page itself says why and for how long.
    return render(request, "registration/locked_out.html", status=429)
