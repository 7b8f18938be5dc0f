from django import template

from administration.geography import place_name

register = template.Library()


@register.filter
def place(value) -> str:
    """{{ district.name|place }}: 'MADRE DE DIOS' -> 'Madre de Dios'."""
    return place_name(str(value)) if value else ""
