"""The pieces of a form written in Python (reta/renderers.py) are what Django's templates
write, character for character: field groups, labels, error lists, inputs, text areas and
drop-down lists, and the application's own forms as its pages show them."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test import override_settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from reporting.services import complaint_save_draft
from reta.renderers import QuickFormRenderer
from tests.factories import complaint_input, sign_in_verified, user_with_role

CHOICES = [
    ("", "any"),
    ("a&b", 'Tom & "Jerry"'),
    ("<x>", "<script>alert(1)</script>"),
    (3, "tres"),
    ("marked", mark_safe("<i>ya escrito</i>")),  # written as it is
]


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(
        choices=[("Sierra", [("cusco", "Cusco"), ("puno", "Puno")]), ("lima", "Lima")]
    )
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    unknown = forms.NullBooleanField()
    fixed = forms.ChoiceField(choices=CHOICES, disabled=True, required=False)
    name = forms.CharField(label="Name <b>", help_text="As on the <em>DNI</em>", max_length=5)
    notes = forms.CharField(widget=forms.Textarea, required=False, help_text=mark_safe("<i>x</i>"))
    age = forms.IntegerField(min_value=0, label="Age?")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    mail = forms.EmailField(required=False, label="")
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    ticked = forms.BooleanField(required=False)
    ticks = forms.MultipleChoiceField(
        choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False
    )
    radio = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect, required=False)

    def clean(self):
        if self.data.get("name") == "both":
            raise forms.ValidationError(["The first <problem>.", "The second."])
        return self.cleaned_data


BOUND = {
    "plain": "a&b",
    "grouped": "puno",
    "many": ["a&b", "3"],
    "unknown": "true",
    "name": 'Tom "&" <Jerry>',
    "notes": "line <one>\nline & two",
    "age": "-3",
    "day": "2026-02-30",
    "mail": "not an address",
    "secret": "s3cret",
    "hidden": '<"x">',
    "ticked": "on",
    "ticks": ["a&b"],
    "radio": "<x>",
}
BOTH = {**BOUND, "name": "both"}
FIELDS = list(Everything.base_fields)


def both_ways(data, **kwargs):
    return (
        Everything(data, renderer=DjangoTemplates(), **kwargs),
        Everything(data, renderer=QuickFormRenderer(), **kwargs),
    )


@pytest.mark.parametrize("data", [None, BOUND, BOTH])
@pytest.mark.parametrize("name", FIELDS)
def test_a_field_group_is_written_as_djangos_templates_write_it(name, data):
    django_way, quick_way = both_ways(data)
    assert quick_way[name].as_field_group() == django_way[name].as_field_group()


@pytest.mark.parametrize("data", [None, BOUND])
@pytest.mark.parametrize("name", FIELDS)
def test_a_widget_is_written_as_djangos_templates_write_it(name, data):
    django_way, quick_way = both_ways(data)
    assert quick_way[name].as_widget() == django_way[name].as_widget()


@pytest.mark.parametrize("name", FIELDS)
def test_a_label_without_an_id_is_written_as_djangos_templates_write_it(name):
    django_way, quick_way = both_ways(BOUND, auto_id=False)
    assert quick_way[name].label_tag() == django_way[name].label_tag()
    assert quick_way[name].as_field_group() == django_way[name].as_field_group()


def test_a_label_with_a_suffix_and_a_required_class_is_written_as_django_writes_it():
    class Required(Everything):
        required_css_class = "needed"

    django_way = Required(BOUND, renderer=DjangoTemplates(), label_suffix=":")
    quick_way = Required(BOUND, renderer=QuickFormRenderer(), label_suffix=":")
    for name in FIELDS:
        assert quick_way[name].as_field_group() == django_way[name].as_field_group()


@pytest.mark.parametrize("data", [None, BOUND, BOTH])
def test_the_errors_of_the_whole_form_are_written_as_django_writes_them(data):
    django_way, quick_way = both_ways(data)
    assert str(quick_way.non_field_errors()) == str(django_way.non_field_errors())
    assert quick_way.as_div() == django_way.as_div()


def test_a_group_written_again_with_errors_points_at_them():
    _django_way, quick_way = both_ways(None)
    quick_way["radio"].as_field_group()
    django_way, quick_way = both_ways({**BOUND, "radio": "not offered"})
    assert 'aria-describedby="id_radio_error"' in quick_way["radio"].as_field_group()
    assert quick_way["radio"].as_field_group() == django_way["radio"].as_field_group()


def test_a_label_changed_on_one_form_is_written_as_changed():
    _django_way, quick_way = both_ways(None)
    quick_way["name"].as_field_group()
    django_way, quick_way = both_ways(None)
    for form in (django_way, quick_way):
        form.fields["name"].label = "Nombres"
        form.fields["name"].help_text = "Como en el DNI"
    assert quick_way["name"].as_field_group() == django_way["name"].as_field_group()
    assert "Nombres" in quick_way["name"].as_field_group()


def test_markup_typed_into_a_field_is_escaped():
    _django_way, quick_way = both_ways(BOUND)
    html = quick_way["name"].as_field_group() + quick_way["plain"].as_widget()
    assert "&lt;Jerry&gt;" in html and "&lt;script&gt;" in html
    assert "<Jerry>" not in html and "<script>" not in html


def test_the_application_renders_forms_with_the_quick_renderer():
    assert isinstance(get_default_renderer(), QuickFormRenderer)


# The application's own forms, as its pages show them: every kind of field they use.

# What differs from one request to the next.
TOKENS = re.compile(rb'(name="(?:csrfmiddlewaretoken|draft_key)" value=|nonce=)"[^"]*"')


def page_both_ways(client, url, data=None):
    pages = []
    for renderer in (
        "django.forms.renderers.DjangoTemplates",
        "reta.renderers.QuickFormRenderer",
    ):
        with override_settings(FORM_RENDERER=renderer):
            response = client.post(url, data) if data else client.get(url)
            assert response.status_code == 200
            pages.append(TOKENS.sub(rb"\1", response.content))
    return pages


@pytest.fixture
def officer(client, tree):
    officer = user_with_role("station_officer", tree.cusco_station)
    sign_in_verified(client, officer)
    return officer


@pytest.mark.django_db
def test_the_complaint_form_is_the_same_page_with_either_renderer(client, officer):
    django_way, quick_way = page_both_ways(client, reverse("complaint-new"))
    assert quick_way == django_way


@pytest.mark.django_db
def test_a_draft_with_its_people_is_the_same_page_with_either_renderer(client, officer):
    victims = [{"first_names": "Rosa <b>", "sex": "F", "age": 15, "document_number": "401"}]
    suspects = [{"alias": 'El "Zorro"', "sex": "M", "identified": False}]
    draft = complaint_save_draft(
        user=officer,
        unit=officer.unit,
        data=complaint_input(victims=victims, suspects=suspects),
    )
    django_way, quick_way = page_both_ways(client, reverse("complaint-edit", args=[draft.pk]))
    assert quick_way == django_way


@pytest.mark.django_db
def test_a_form_sent_back_with_its_errors_is_the_same_page_with_either_renderer(client, officer):
    wrong = {
        "channel": "in_person",
        "date_of_facts": "2099-01-01",
        "department": "08",
        "v-TOTAL_FORMS": "1",
        "v-INITIAL_FORMS": "0",
        "v-0-first_names": "Rosa <b>",
        "v-0-age": "-3",
        "s-TOTAL_FORMS": "0",
        "s-INITIAL_FORMS": "0",
        "action": "send",
    }
    django_way, quick_way = page_both_ways(client, reverse("complaint-new"), wrong)
    assert b"errorlist" in quick_way
    assert quick_way == django_way


@pytest.mark.django_db
def test_the_complaint_list_and_its_filters_are_the_same_page_with_either_renderer(client, officer):
    django_way, quick_way = page_both_ways(client, reverse("complaint-list"))
    assert quick_way == django_way
