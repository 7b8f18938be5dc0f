from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from administration.audit import Action, audit_record
from administration.scope import sees_personal_data, sees_whole_country
from reta.paging import CappedPaginator

from . import selectors, services
from .forms import NoteForm


def _alert_or_404(request, pk):
    if not sees_personal_data(request.user):
        raise Http404
    return selectors.alert_get_for_user(request.user, pk)


@login_required
def inbox(request):
    page = CappedPaginator(selectors.inbox_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "alerts/inbox.html", {"page": page})


@login_required
def alert_detail(request, pk):
    alert = _alert_or_404(request, pk)
    audit_record(action=Action.VIEW, request=request, obj=alert)
    return render(
        request,
        "alerts/alert_detail.html",
        {"alert": alert, "notes": alert.notes.select_related("author"), "form": NoteForm()},
    )


@require_POST
@login_required
def alert_act(request, pk):
    alert = _alert_or_404(request, pk)
    if not request.user.has_perm("administration.work_cases"):
        raise Http404
    action = request.POST.get("action")
    if action == "acknowledge":
        services.alert_acknowledge(alert=alert, user=request.user, request=request)
        messages.success(request, _("Alert acknowledged."))
    elif action == "take":
        services.alert_take(alert=alert, user=request.user, request=request)
        messages.success(request, _("You are on it: the alert shows you as responsible."))
    elif action == "note":
        form = NoteForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "alerts/alert_detail.html",
                {"alert": alert, "notes": alert.notes.select_related("author"), "form": form},
                status=400,
            )
        services.alert_add_note(
            alert=alert, user=request.user, text=form.cleaned_data["text"], request=request
        )
        messages.success(request, _("Note added."))
    return redirect("alert-detail", pk=alert.pk)


@login_required
def monitoring(request):
    """For the national division (and analysts): figures only, no personal data."""
    if not sees_whole_country(request.user):
        raise Http404
    failed = (
        selectors.failed_delivery_count()
        if request.user.has_perm("administration.manage_users")
        else 0
    )
    return render(
        request,
        "alerts/monitoring.html",
        {"rows": selectors.monitoring_by_region(), "failed_deliveries": failed},
    )


@login_required
def deliveries(request):
    if not request.user.has_perm("administration.manage_users"):
        raise Http404
    return render(
        request,
        "alerts/deliveries.html",
        {
            "pending": selectors.pending_deliveries()[:500],
            "flag_after": selectors.flag_after(),
            "max_attempts": settings.ALERT_DELIVERY_MAX_ATTEMPTS,
        },
    )


@require_POST
@login_required
def delivery_retry(request, pk):
    if not request.user.has_perm("administration.manage_users"):
        raise Http404
    alert = selectors.alert_get_for_user(request.user, pk)
    if alert.failed_at is None:
        messages.info(request, _("That delivery is not given up: RETA is still trying it."))
    else:
        services.alert_retry_delivery(alert=alert, user=request.user, request=request)
        messages.success(request, _("Delivery queued again."))
    return redirect("alert-deliveries")
