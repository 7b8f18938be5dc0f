"""The form renderer: Django's, except that a drop-down list is written in Python.

Django renders a <select> through one template include per option, and RETA's lists are
long (the 25 regions, the units of a scope, the nationalities, the purposes of the law):
on the complaint list that was most of the page's time. The markup is the same as
django/forms/widgets/select.html and select_option.html write (attributes as attrs.html
writes them: True bare, False left out), so a project template overriding those would
be ignored: there is none (tests/test_renderers.py compares both)."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _joined(pieces) -> SafeString:
    """Pieces that are each safe already (format_html's, or constants), as one."""
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def _attrs(attrs: dict) -> SafeString:
    return _joined(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget: dict) -> SafeString:
    """A select widget's context (Widget.get_context()["widget"]) as HTML."""
    parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        parts += (
            format_html(
                '\n  <option value="{}"{}>{}</option>\n',
                str(option["value"]),
                _attrs(option["attrs"]),
                option["label"],
            )
            for option in options
        )
        if group_name:
            parts.append(SafeString("\n  </optgroup>"))
    parts.append(SafeString("\n</select>"))
    return _joined(parts)


class QuickSelectRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if (
            template_name == SELECT
            and widget
            and all(
                option["template_name"] == OPTION
                for _group, options, _index in widget["optgroups"]
                for option in options
            )
        ):
            return select_html(widget)
        return super().render(template_name, context, request)
