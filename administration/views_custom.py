"""Screens where national administrators define custom variables (custom_fields.py)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import custom_fields
from .forms import CustomVariableForm, RetireForm
from .models import CustomVariable
from .scope import sees_whole_country


def defines_variables(view):
    """Variables reach every unit: national administrators only."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (
            request.user.has_perm("administration.manage_users")
            and sees_whole_country(request.user)
        ):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@defines_variables
def variable_list(request):
    variables = CustomVariable.objects.all()
    return render(
        request,
        "administration/variable_list.html",
        {"variables": variables, "today": timezone.localdate(), "retire_form": RetireForm()},
    )


@defines_variables
def variable_edit(request, pk=None):
    variable = get_object_or_404(CustomVariable, pk=pk) if pk else None
    form = CustomVariableForm(request.POST or None, instance=variable)
    if form.is_valid():
        try:
            custom_fields.variable_save(variable=form.save(), by=request.user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The variable was saved."))
            return redirect("variable-list")
    return render(
        request, "administration/variable_form.html", {"form": form, "variable": variable}
    )


@defines_variables
@require_POST
def variable_retire(request, pk):
    variable = get_object_or_404(CustomVariable, pk=pk)
    form = RetireForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Type the date from which it is retired."))
        return redirect("variable-list")
    outcome = custom_fields.variable_retire_or_delete(
        variable=variable, on=form.cleaned_data["on"], by=request.user, request=request
    )
    messages.success(
        request,
        _("The variable was deleted: it had no values.")
        if outcome == "deleted"
        else _("The variable was retired; old records keep their values."),
    )
    return redirect("variable-list")
