from django import template

from administration.geography import place_name

register = template.Library()


@register.filter
def place(value) -> str:
    """{{ name|place }}: a name still in INEI's upper case in title case. Names loaded by
    load_ubigeo are already written as Peruvians write them and pass unchanged."""
    return place_name(str(value)) if value else ""
