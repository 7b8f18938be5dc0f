"""{% main_menu %}: the main menu's links after Home and Alerts (templates/_menu.html).

They differ from one user to another only by what the role may do and by the language:
each set is rendered once a process, not on every page (reversing and translating a
dozen links cost a page more than most of its queries). The alerts' badge, which
changes, stays in base.html.
"""

import functools

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> str:
    # The signed-in user's, never a ``user`` a view may have put in its context.
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return ""
    role = user.role
    return _menu(
        get_language(),
        get_script_prefix(),
        sees_personal_data=bool(role and role.sees_personal_data),
        works_cases=user.has_perm("administration.work_cases"),
        manages_users=user.has_perm("administration.manage_users"),
        views_audit=user.has_perm("administration.view_audit"),
        is_staff=user.is_staff,
    )


@functools.lru_cache(maxsize=256)
def _menu(_language, _prefix, **links) -> str:
    # The language and the prefix are active while this renders; they key the cache.
    return render_to_string("_menu.html", links)
