"""The network of a case, drawn on the server."""

from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from administration.audit import Action as AuditAction
from administration.audit import audit_record

from . import network, selectors
from .views import works_cases


@works_cases
def case_network(request, pk):
    case = selectors.case_get_for_user(request.user, pk)
    graph = network.case_network(case, request.user)
    audit_record(action=AuditAction.VIEW, request=request, obj=case, detail="network")
    # Every text in the drawing is escaped by draw_svg.
    svg = mark_safe(network.draw_svg(graph, _("Network of %(number)s") % {"number": case.number}))  # noqa: S308
    cases = [n for n in graph.nodes.values() if n.kind == "case"]
    return render(
        request,
        "investigation/case_network.html",
        {"case": case, "graph": graph, "svg": svg, "cases": cases},
    )
