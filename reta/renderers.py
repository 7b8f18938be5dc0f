"""The form renderer: Django's, except that the plain pieces of a form are written in
Python.

Django renders every piece of a form through the template engine: a field's group
(label, help, errors, widget), its label, its empty error list, each input, each option
of a drop-down list (one include per option, and RETA's lists are long: the 25 regions,
the units of a scope, the nationalities). A complaint form with five victims made about
900 of those renders a request; on the complaint list and the form they were most of the
page's time.

The markup is what Django's own templates write, character for character (attributes as
attrs.html writes them: True bare, False left out; values escaped as autoescape does):
tests/test_renderers.py compares both for every kind of field the application uses. A
template the renderer does not know, or a project template overriding one of these
(there is none), goes to the template engine as before."""

import functools
import html

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeData, SafeString
from django.utils.translation import get_language

WIDGETS = "django/forms/widgets/"
SELECT = WIDGETS + "select.html"
OPTION = WIDGETS + "select_option.html"
TEXTAREA = WIDGETS + "textarea.html"
# The widgets whose template is only {% include "django/forms/widgets/input.html" %}.
INPUTS = {
    WIDGETS + name + ".html"
    for name in [
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    ]
}
FIELD = "django/forms/field.html"
LABEL = "django/forms/label.html"
ERRORS = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}


def _e(value) -> str:
    """``value`` as the templates write it: markup marked safe as it is, anything else
    escaped as django.utils.html.escape does (the same html.escape). format_html would
    do the same, through lazy-aware wrappers that cost more than the page's queries."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value))


def _attrs(attrs: dict | None) -> str:
    return "".join(
        f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"'
        for name, value in (attrs or {}).items()
        if value is not False
    )


def select_html(widget: dict) -> str:
    """A select widget's context (Widget.get_context()["widget"]) as HTML."""
    parts = [f'<select name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_e(group_name)}">')
        parts += (_option_html(option) for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _option_html(option: dict) -> str:
    value, label, attrs = str(option["value"]), option["label"], option["attrs"]
    plain = not isinstance(value, SafeData) and not isinstance(label, SafeData)
    if plain and (not attrs or attrs == {"selected": True}):
        return _plain_option_html(value, str(label), bool(attrs))
    return f'\n  <option value="{_e(value)}"{_attrs(attrs)}>{_e(label)}</option>\n'


# Kept per process: a complaint's form writes the same few hundred options (sexes,
# nationalities, kinds of document) for every person, in each language.
@functools.lru_cache(maxsize=8192)
def _plain_option_html(value: str, label: str, selected: bool) -> str:
    chosen = " selected" if selected else ""
    return f'\n  <option value="{html.escape(value)}"{chosen}>{html.escape(label)}</option>\n'


def _plain_options(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION
        for _group, options, _index in widget["optgroups"]
        for option in options
    )


def input_html(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{_e(value)}"' if value is not None else ""
    return (
        f'<input type="{_e(widget["type"])}" name="{_e(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def textarea_html(widget: dict) -> str:
    value = _e(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def errors_html(errors, error_class) -> str:
    if not errors:
        return ""
    field_id = errors.field_id
    named = f' id="{_e(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_e(error)}</li>" for error in errors)
    return f'<ul class="{_e(error_class)}"{named}>{items}</ul>'


def label_html(context: dict) -> str:
    if not context["use_tag"]:
        return _e(context["label"])
    tag = _e(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_e(context['label'])}</{tag}>"


def _head_html(field) -> str:
    """The label (or fieldset and legend) and help text of a field's group."""
    if field.use_fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{_e(described)}"' if described else ""
        legend = _e(field.legend_tag()) if field.label else ""
        head = f"\n  <fieldset{described}>\n  {legend}\n"
    else:
        head = f"\n  {_e(field.label_tag()) if field.label else ''}\n"
    help_text = ""
    if field.help_text:
        named = f' id="{_e(field.auto_id)}_helptext"' if field.auto_id else ""
        help_text = f'<div class="helptext"{named}>{field.help_text}</div>'
    return f"{head}\n{help_text}\n"


# A field's head is the same at every request for the same field, name, words and
# language; a field with errors points at them (aria-describedby) and is written afresh.
# Bounded: the forms' fields are a few thousand heads in all.
_HEADS: dict = {}
MOST_HEADS = 20_000


def _head(field) -> str:
    if field.errors:
        return _head_html(field)
    form, inner = field.form, field.field
    key = (
        type(form),
        form.label_suffix,
        type(inner),
        type(inner.widget),
        inner.required,
        field.html_name,
        field.auto_id,
        str(field.label),
        str(field.help_text),
        get_language(),
    )
    head = _HEADS.get(key)
    if head is None:
        head = _head_html(field)
        if len(_HEADS) < MOST_HEADS:
            _HEADS[key] = head
    return head


def field_html(field) -> str:
    """A field's group as django/forms/field.html writes it."""
    end = "</fieldset>" if field.use_fieldset else ""
    # The error list and the widget render themselves (safe markup).
    return f"{_head(field)}{field.errors.render()}\n{field!s}{end}\n"


def _quick(template_name: str, context: dict) -> str | None:
    """The piece written in Python, or None for the template engine."""
    widget = context.get("widget")
    if template_name in INPUTS and widget:
        return input_html(widget)
    if template_name == SELECT and widget and _plain_options(widget):
        return select_html(widget)
    if template_name == TEXTAREA and widget:
        return textarea_html(widget)
    if template_name == FIELD and "field" in context and len(context) == 1:
        return field_html(context["field"])
    if template_name == LABEL and "use_tag" in context:
        return label_html(context)
    if template_name in ERRORS and "errors" in context:
        return errors_html(context["errors"], context["error_class"])
    return None


class QuickFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        written = _quick(template_name, context)
        if written is None:
            return super().render(template_name, context, request)
        # Stripped, as the engine's output is (BaseRenderer.render).
        return SafeString(written.strip())
