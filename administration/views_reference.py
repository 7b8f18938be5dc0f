"""Screens for the reference tables (reference.py) and the tree of command; national
administrators only. Writes through services; each page of history shows before/after."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import reference, services
from .forms import UnitCreateForm, UnitMoveForm, UnitReorganizeForm
from .models import Unit
from .scope import sees_whole_country


def keeps_reference_data(view):
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


def _table(slug):
    try:
        return reference.TABLES[slug]
    except KeyError:
        raise Http404 from None


@keeps_reference_data
def reference_index(request):
    return render(
        request, "administration/reference_index.html", {"tables": reference.TABLES.values()}
    )


@keeps_reference_data
def reference_list(request, table):
    table = _table(table)
    model = table.model_class
    page = Paginator(model.objects.all(), 50).get_page(request.GET.get("page"))
    rows = [{"pk": obj.pk, "cells": [getattr(obj, c) for c in table.columns]} for obj in page]
    headers = [model._meta.get_field(c).verbose_name for c in table.columns]
    return render(
        request,
        "administration/reference_list.html",
        {"table": table, "page": page, "rows": rows, "headers": headers, "query": ""},
    )


@keeps_reference_data
def reference_edit(request, table, pk=None):
    table = _table(table)
    model = table.model_class
    instance = get_object_or_404(model, pk=pk) if pk else model()
    form_class = forms.modelform_factory(model, fields=table.fields)
    form = form_class(request.POST or None, instance=instance)
    if form.is_valid():
        reference.reference_save(
            table=table, instance=form.save(commit=False), by=request.user, request=request
        )
        messages.success(request, _("Saved. The change is in its history."))
        return redirect("reference-list", table=table.slug)
    return render(
        request,
        "administration/reference_form.html",
        {"table": table, "form": form, "instance": instance if pk else None},
    )


@keeps_reference_data
def reference_history(request, table, pk):
    table = _table(table)
    model = table.model_class
    instance = get_object_or_404(model, pk=pk)
    return render(
        request,
        "administration/reference_history.html",
        {
            "title": table.title,
            "back": ("reference-list", table.slug),
            "instance": instance,
            "entries": reference.history_of(model, pk),
        },
    )


# --- The tree of command -----------------------------------------------------------------


def _unit(pk):
    return get_object_or_404(Unit.objects.select_related("kind", "parent"), pk=pk)


@keeps_reference_data
def unit_new(request, pk):
    parent = _unit(pk)
    form = UnitCreateForm(request.POST or None)
    if form.is_valid():
        unit = services.tree_unit_create(parent=parent, by=request.user, **form.cleaned_data)
        messages.success(request, _("The unit was created."))
        return redirect("unit-detail", pk=unit.pk)
    return render(
        request, "administration/unit_change.html", {"form": form, "unit": parent, "what": "new"}
    )


@keeps_reference_data
def unit_reorganize(request, pk):
    unit = _unit(pk)
    form = UnitReorganizeForm(request.POST or None, unit=unit)
    if form.is_valid():
        try:
            opened = services.tree_reorganize(unit=unit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Done. Old records keep the unit that received them."),
            )
            return redirect("unit-detail", pk=(opened[0] if opened else unit).pk)
    return render(
        request,
        "administration/unit_change.html",
        {"form": form, "unit": unit, "what": "reorganize"},
    )


@keeps_reference_data
def unit_move(request, pk):
    unit = _unit(pk)
    form = UnitMoveForm(request.POST or None, unit=unit)
    if form.is_valid():
        services.tree_move(unit=unit, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("The unit now hangs from %(parent)s.") % {"parent": form.cleaned_data["parent"]},
        )
        return redirect("unit-detail", pk=unit.pk)
    return render(
        request, "administration/unit_change.html", {"form": form, "unit": unit, "what": "move"}
    )


@keeps_reference_data
def unit_history(request, pk):
    unit = _unit(pk)
    return render(
        request,
        "administration/reference_history.html",
        {
            "title": unit.name,
            "back": ("unit-detail", unit.pk),
            "instance": unit,
            "entries": reference.history_of(Unit, pk),
        },
    )
