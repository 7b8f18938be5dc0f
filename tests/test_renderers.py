"""The drop-down lists written in Python (reta/renderers.py) are what Django's templates
write, character for character."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from reta.renderers import QuickSelectRenderer

CHOICES = [("", "any"), ("a&b", 'Tom & "Jerry"'), ("<x>", "<script>alert(1)</script>"), (3, "tres")]


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(
        choices=[("Sierra", [("cusco", "Cusco"), ("puno", "Puno")]), ("lima", "Lima")]
    )
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    unknown = forms.NullBooleanField()
    fixed = forms.ChoiceField(choices=CHOICES, disabled=True, required=False)


BOUND = {"plain": "a&b", "grouped": "puno", "many": ["a&b", "3"], "unknown": "true"}


@pytest.mark.parametrize("data", [None, BOUND])
@pytest.mark.parametrize("name", ["plain", "grouped", "many", "unknown", "fixed"])
def test_a_drop_down_list_is_written_as_djangos_templates_write_it(name, data):
    django_way = Everything(data, renderer=DjangoTemplates())[name].as_widget()
    quick_way = Everything(data, renderer=QuickSelectRenderer())[name].as_widget()
    assert quick_way == django_way


def test_a_label_with_markup_is_escaped():
    html = Everything(renderer=QuickSelectRenderer())["plain"].as_widget()
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_the_application_renders_forms_with_the_quick_renderer():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), QuickSelectRenderer)
