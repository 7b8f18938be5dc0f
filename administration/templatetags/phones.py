from django import template

from administration.identifiers import format_phone

register = template.Library()


@register.filter
def phone(value) -> str:
    """{{ number|phone }}: a stored phone ("+51987654321") as people read it."""
    return format_phone(str(value)) if value else ""
