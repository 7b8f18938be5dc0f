"""Statistics pages: thin views over tables.py (figures) and services.py (exports)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from administration.audit import Action, audit_record
from administration.scope import in_scope, sees_personal_data
from reporting.models import Complaint

from . import charts, crosstab, exports, facts, selectors, services, tables
from .forms import CrosstabForm, SummaryForm
from .models import Export
from .variables import VARIABLES


def _ask_for_first_refresh() -> None:
    """A new installation has no figures until beat's first rebuild: ask for one now (once
    in ten minutes; a broker that is down only means waiting for beat)."""
    from django.core.cache import cache

    from .tasks import refresh_facts

    if cache.add("statistics:first-refresh", 1, 600):
        try:
            refresh_facts.apply_async(retry=False)
        except Exception:  # noqa: BLE001 (any broker failure: beat will rebuild)
            cache.delete("statistics:first-refresh")


def may_view_statistics(user) -> bool:
    """Analysts and the national division (view_statistics) and the units that work cases
    (within their scope)."""
    return user.has_perm("administration.view_statistics") or user.has_perm(
        "administration.work_cases"
    )


def _statistics_user(request):
    if not may_view_statistics(request.user):
        raise Http404
    return request.user


def _common(request):
    refresh = facts.last_refresh()
    if refresh is None:
        _ask_for_first_refresh()
    return {
        "refresh": refresh,
        "suppressed_k": selectors.suppression_k(request.user),
        "sees_records": sees_personal_data(request.user),
    }


@login_required
def home(request):
    user = _statistics_user(request)
    form = SummaryForm(request.GET or None)
    choices = form.choices() if form.is_valid() else {"basis": "facts"}
    summary = tables.summary(user, **choices)
    return render(
        request,
        "statistics/home.html",
        {
            **_common(request),
            "form": form,
            "summary": summary,
            "standard": tables.STANDARD.values(),
            "choices": form.query_string() if form.is_valid() else "",
        },
    )


@login_required
def table(request):
    user = _statistics_user(request)
    code = request.GET.get("tabla", "")
    if code not in tables.STANDARD:
        raise Http404
    form = SummaryForm(request.GET or None)
    choices = form.choices() if form.is_valid() else {"basis": "facts"}
    query = tables.standard_query(code, **choices)
    layout = tables.standard(code, user, **choices)
    _attach_drill(request, layout, query)
    context = {
        **_common(request),
        "form": form,
        "table": layout,
        "standard": tables.STANDARD[code],
        "query": query,
        "chart": charts.bar_chart(layout, described_by="figures"),
    }
    if code == tables.ROUTES:
        context["map"] = charts.flow_map(_flows(layout, query), k=layout.k)
    return render(request, "statistics/table.html", context)


def _attach_drill(request, layout, query) -> None:
    """Each cell links to its complaints for the users who may see them."""
    if not sees_personal_data(request.user):
        return
    base = query.params()
    for _labels, cells in layout.rows:
        for cell in cells:
            cell.drill = base + "".join(
                f"&{urlencode({'c_' + code: value})}" for code, value in cell.codes.items()
            )


def _flows(layout, query):
    flows = []
    for labels, cells in layout.rows[:-1]:
        cell = cells[0]
        origin, destination = cell.codes.get("origin"), cell.codes.get("department")
        if origin and destination and (cell.value is None or cell.value > 0):
            flows.append((origin, destination, cell.value, f"{' → '.join(labels)}: {cell.label}"))
    return flows


@login_required
def crosstab_view(request):
    user = _statistics_user(request)
    query, errors = crosstab.parse(request.GET)
    form = CrosstabForm(query=query)
    layout = chart = None
    if query.variables and not errors:
        layout = tables.build(query, user)
        _attach_drill(request, layout, query)
        chart = charts.bar_chart(layout, described_by="figures")
    return render(
        request,
        "statistics/crosstab.html",
        {
            **_common(request),
            "form": form,
            "errors": errors,
            "query": query,
            "table": layout,
            "chart": chart,
            "link": query.params(),
        },
    )


@login_required
def export_create(request):
    user = _statistics_user(request)
    if request.method != "POST":
        # Exports are asked for with the builder's buttons (POST); a bare visit goes there.
        return redirect("statistics-crosstab")
    query, errors = crosstab.parse(request.POST)
    fmt = request.POST.get("format")
    if errors or not query.variables or fmt not in Export.Format.values:
        return render(
            request,
            "statistics/crosstab.html",
            {
                **_common(request),
                "form": CrosstabForm(query=query),
                "errors": errors or [_("Choose at least one variable and a file format.")],
                "query": query,
                "link": query.params(),
            },
            status=400,
        )
    title = request.POST.get("title", "")[:200] or query.title
    export = services.export_create(
        user=user, query=query, format=fmt, title=title, request=request
    )
    return redirect("statistics-export", pk=export.pk)


def _own_export(request, pk) -> Export:
    _statistics_user(request)
    return get_object_or_404(Export, pk=pk, user=request.user, expires_at__gt=timezone.now())


@login_required
def export_list(request):
    _statistics_user(request)
    items = Export.objects.filter(user=request.user, expires_at__gt=timezone.now())[:100]
    return render(request, "statistics/export_list.html", {"exports": items})


@login_required
def export_detail(request, pk):
    export = _own_export(request, pk)
    return render(request, "statistics/export_detail.html", {"export": export})


@login_required
def export_file(request, pk):
    export = _own_export(request, pk)
    if export.status != Export.Status.DONE or not export.file:
        raise Http404
    audit_record(action=Action.EXPORT, request=request, obj=export, detail="download")
    response = FileResponse(
        default_storage.open(export.file, "rb"),
        as_attachment=True,
        filename=f"reta-estadistica-{export.pk}.{export.format}",
        content_type=exports.CONTENT_TYPES[export.format],
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@login_required
def drilldown(request):
    """The complaints behind one cell, within scope; never for analysts (figures only)."""
    user = _statistics_user(request)
    if not sees_personal_data(user):
        raise Http404
    query, errors = crosstab.parse(request.GET)
    codes = {
        key[2:]: request.GET[key][:40]
        for key in request.GET
        if key.startswith("c_") and key[2:] in VARIABLES
    }
    if errors:
        raise Http404
    ids = selectors.complaint_ids(query, user, codes)
    case_only = selectors.people_without_complaint(query, user, codes)
    complaints = in_scope(
        Complaint.objects.filter(pk__in=ids).select_related("unit", "department"), user
    ).order_by("-sent_at")
    audit_record(
        action=Action.VIEW,
        request=request,
        object_type="statistics.cell",
        detail=query.params()[:200],
    )
    return render(
        request,
        "statistics/drilldown.html",
        {
            "complaints": complaints,
            "query": query,
            "codes": codes,
            "capped": len(ids) >= 500,
            "case_only": case_only,
        },
    )


@login_required
def monitoring(request):
    """Units and departments that stopped registering (figures only, no personal data)."""
    if not request.user.has_perm("administration.view_statistics"):
        raise Http404
    return render(
        request,
        "statistics/monitoring.html",
        {
            "findings": services.monitoring_findings(),
            "silence_months": selectors.settings_get().silence_months,
        },
    )


def _media_user(request):
    if not request.user.has_perm("administration.view_statistics"):
        raise Http404
    return request.user


@login_required
def media_list(request):
    _media_user(request)
    from .models import MediaReport

    year = request.GET.get("anio", "")
    year = int(year) if year.isdigit() and 1990 <= int(year) <= 2100 else None
    return render(
        request,
        "statistics/media_list.html",
        {
            "reports": MediaReport.objects.select_related("department")[:200],
            "rows": selectors.media_yearly_table(year),
            "year": year,
        },
    )


@login_required
def media_new(request):
    user = _media_user(request)
    from .forms import MediaReportForm

    form = MediaReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.media_report_create(user=user, data=form.cleaned_data, request=request)
        return redirect("statistics-media-report", pk=report.pk)
    return render(
        request,
        "statistics/media_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def media_report(request, pk):
    user = _media_user(request)
    from .models import MediaReport

    report = get_object_or_404(MediaReport.objects.select_related("department"), pk=pk)
    candidates = selectors.media_candidates(report)
    if request.method == "POST":
        decision = request.POST.get("decision")
        chosen = request.POST.get("complaint", "")
        allowed = {str(c.pk) for c, _score in candidates}
        if report.complaint_id:
            allowed.add(str(report.complaint_id))
        if decision in MediaReport.Status.values and (
            decision != MediaReport.Status.MATCHED or chosen in allowed
        ):
            services.media_report_decide(
                report=report,
                user=user,
                decision=decision,
                complaint_id=int(chosen) if decision == MediaReport.Status.MATCHED else None,
                request=request,
            )
            return redirect("statistics-media-report", pk=report.pk)
        messages.error(request, _("Choose one of the proposed complaints to confirm a match."))
    return render(
        request,
        "statistics/media_report.html",
        {"report": report, "candidates": candidates},
    )
