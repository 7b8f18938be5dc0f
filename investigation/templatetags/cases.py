"""The investigators' card on the home page (the home page belongs to administration, which
does not read case files itself)."""

from django import template

from investigation.selectors import my_open_cases, pending_access_requests

register = template.Library()


@register.inclusion_tag("investigation/_home_card.html", takes_context=True)
def case_card(context):
    user = context["request"].user
    return {
        "cases": my_open_cases(user),
        "requests": pending_access_requests(user).count(),
    }
