"""reta/forms.py: a form's words translated once per language."""

from django import forms
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reta.forms import TranslatedOnce


class Sample(TranslatedOnce, forms.Form):
    sex = forms.ChoiceField(label=_("Sex"), choices=[("F", _("female")), ("M", _("male"))])
    when = forms.DateField(label=_("Date"), help_text=_("Day, month and year."))
    group = forms.ChoiceField(choices=[(_("Reference"), [("a", _("other"))])])
    computed = forms.ChoiceField(choices=lambda: [(str(len(ASKED)), "asked")])


ASKED = []


def test_a_forms_labels_help_and_choices_are_plain_words():
    with translation.override("en"):
        form = Sample()
    assert not isinstance(form.fields["sex"].label, Promise)
    assert not isinstance(form.fields["when"].help_text, Promise)
    assert all(not isinstance(label, Promise) for _value, label in form.fields["sex"].choices)


def test_a_forms_words_are_those_of_the_language_it_was_made_in():
    with translation.override("es-pe"):
        spanish = Sample()
    with translation.override("en"):
        english = Sample()
    assert (english.fields["sex"].choices[0][1], spanish.fields["sex"].choices[0][1]) == (
        "female",
        "mujer",
    )


def test_grouped_choices_keep_their_groups():
    with translation.override("en"):
        form = Sample()
    assert form.fields["group"].choices == [("Reference", [("a", "other")])]


def test_choices_a_function_gives_are_asked_again_for_each_form():
    with translation.override("en"):
        first = list(Sample().fields["computed"].choices)
        ASKED.append(1)
        second = list(Sample().fields["computed"].choices)
    assert first != second


def test_changing_one_forms_fields_leaves_the_next_forms_alone():
    with translation.override("en"):
        Sample().fields["sex"].label = "changed"
        assert Sample().fields["sex"].label == "Sex"
