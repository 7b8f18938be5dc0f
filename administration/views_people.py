"""The administrators' screens for people: accounts, placement, rotation. Each view looks
the account up through the manager's scope (a 404 outside it) and calls one service."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rotation, selectors, services
from .audit import Action, audit_record
from .forms import (
    PasswordResetForm,
    RotationForm,
    SecondFactorResetForm,
    UserCreateForm,
    UserDetailsForm,
    UserMoveForm,
)
from .models import User


def manages_users(view):
    """Only roles with the "manage users" permission; others see no such page (404)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("administration.manage_users"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _managed_or_404(request, pk) -> User:
    try:
        return selectors.users_managed_by(request.user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


@manages_users
def user_list(request):
    users = selectors.users_managed_by(request.user).order_by("last_name", "first_name", "pk")
    query = request.GET.get("q", "").strip()[:80]
    state = request.GET.get("state", "active")
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(last_name__unaccent__icontains=query)
            | Q(first_name__unaccent__icontains=query)
            | Q(unit__code__icontains=query)
        )
    if state in ("active", "inactive"):
        users = users.filter(is_active=state == "active")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "administration/user_list.html",
        {
            "page": page,
            "q": query,
            "state": state,
            "query": urlencode({"q": query, "state": state}),
        },
    )


@manages_users
def user_new(request):
    form = UserCreateForm(request.POST or None, manager=request.user)
    if form.is_valid():
        data = form.cleaned_data
        user = services.user_create(
            username=data["username"],
            password=data["password"],
            unit=data["unit"],
            role=data["role"],
            started=data["started"],
            recorded_by=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            rank=data["rank"],
            document_number=data["document_number"],
            email=data["email"],
            must_change_password=True,
        )
        messages.success(request, _("The account was created."))
        return redirect("user-detail", pk=user.pk)
    return render(request, "administration/user_form.html", {"form": form, "creating": True})


@manages_users
def user_detail(request, pk):
    user = _managed_or_404(request, pk)
    audit_record(action=Action.VIEW, request=request, obj=user)
    return render(
        request,
        "administration/user_detail.html",
        {
            "account": user,
            "assignments": user.assignments.select_related("unit", "role"),
            "rotations": user.rotations.select_related("from_unit", "to_unit", "successor"),
            "has_second_factor": user.totpdevice_set.filter(confirmed=True).exists(),
        },
    )


@manages_users
def user_edit(request, pk):
    user = _managed_or_404(request, pk)
    initial = {name: getattr(user, name) for name in UserDetailsForm.base_fields}
    form = UserDetailsForm(request.POST or None, initial=initial)
    if form.is_valid():
        services.user_update_details(user=user, by=request.user, **form.cleaned_data)
        messages.success(request, _("The details were saved."))
        return redirect("user-detail", pk=user.pk)
    return render(request, "administration/user_form.html", {"form": form, "account": user})


@manages_users
def user_move(request, pk):
    user = _managed_or_404(request, pk)
    form = UserMoveForm(
        request.POST or None,
        manager=request.user,
        initial={"unit": user.unit_id, "role": user.role_id},
    )
    if form.is_valid():
        data = form.cleaned_data
        services.user_move(
            user=user, unit=data["unit"], role=data["role"], on=data["on"], recorded_by=request.user
        )
        messages.success(request, _("The unit and role were changed."))
        return redirect("user-detail", pk=user.pk)
    return render(
        request, "administration/user_form.html", {"form": form, "account": user, "moving": True}
    )


@manages_users
@require_POST
def user_active(request, pk):
    user = _managed_or_404(request, pk)
    if user == request.user:
        messages.error(request, _("You cannot disable your own account."))
    elif request.POST.get("active") == "1":
        services.user_reactivate(user=user, by=request.user)
        messages.success(request, _("The account can sign in again."))
    else:
        services.user_deactivate(user=user, by=request.user)
        messages.success(request, _("The account was disabled; its sessions ended."))
    return redirect("user-detail", pk=user.pk)


@manages_users
def user_password(request, pk):
    user = _managed_or_404(request, pk)
    form = PasswordResetForm(request.POST or None, user=user)
    if form.is_valid():
        services.user_reset_password(
            user=user, password=form.cleaned_data["password1"], by=request.user
        )
        messages.success(
            request, _("The password was reset. The officer must change it at the next sign-in.")
        )
        return redirect("user-detail", pk=user.pk)
    return render(
        request, "administration/user_action.html", {"form": form, "account": user, "what": "pw"}
    )


@manages_users
def user_second_factor(request, pk):
    user = _managed_or_404(request, pk)
    form = SecondFactorResetForm(request.POST or None)
    if form.is_valid():
        services.user_reset_second_factor(
            user=user, reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(
            request,
            _("The second factor was reset. The officer links a new app at the next sign-in."),
        )
        return redirect("user-detail", pk=user.pk)
    return render(
        request, "administration/user_action.html", {"form": form, "account": user, "what": "2fa"}
    )


@manages_users
def user_rotate(request, pk):
    """First the form; then the confirmation page listing everything handed over; only
    the confirmation (with the same list) rotates."""
    officer = _managed_or_404(request, pk)
    if not officer.is_active or officer.unit_id is None:
        raise Http404
    form = RotationForm(request.POST or None, manager=request.user, officer=officer)
    if not form.is_valid():
        return render(
            request, "administration/rotation_form.html", {"form": form, "officer": officer}
        )
    data = form.cleaned_data
    held = rotation.held_work(officer)
    problems = rotation.handover_problems(held, data["successor"])
    if request.POST.get("confirmed") and not problems:
        try:
            rotation.rotation_perform(
                user=officer,
                ended_on=data["ended_on"],
                to_unit=data["to_unit"],
                role=data["role"],
                successor=data["successor"],
                by=request.user,
                confirmed=request.POST["confirmed"],
            )
        except rotation.HandoverChanged:
            messages.warning(
                request, _("What the officer holds changed meanwhile: check the list again.")
            )
            held = rotation.held_work(officer)
        else:
            messages.success(request, _("The rotation was recorded and everything handed over."))
            return redirect("user-detail", pk=officer.pk)
    return render(
        request,
        "administration/rotation_confirm.html",
        {
            "form": form,
            "officer": officer,
            "held": held,
            "problems": problems,
            "fingerprint": rotation.fingerprint(held),
            "data": data,
            "nothing": not any(items for _holder, items in held),
        },
    )
