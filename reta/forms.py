"""What the application's forms share.

A form's labels, help texts and fixed choices are lazy translations: each look at one
asks gettext again, and a form copies its fields, lazy strings and all, for every
request. The complaint form with five victims and five suspects looked about 1,000
times a request (a third of its rendering) to write the same words.
"""

import copy

from django import forms
from django.utils import translation
from django.utils.choices import CallableChoiceIterator
from django.utils.functional import Promise


def _plain(value):
    return str(value) if isinstance(value, Promise) else value


def _plain_choices(choices) -> list:
    plain = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # a group: (name, [(value, label), ...])
            plain.append((_plain(value), _plain_choices(label)))
        else:
            plain.append((value, _plain(label)))
    return plain


def translated_fields(fields: dict) -> dict:
    """A copy of ``fields`` with their words in the active language as plain text. The
    choices a query or a function gives (a model's rows, a callable) stay as they are."""
    fields = copy.deepcopy(fields)
    for field in fields.values():
        field.label = _plain(field.label)
        field.help_text = _plain(field.help_text)
        fixed = isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField
        )
        if fixed and not isinstance(field.choices, CallableChoiceIterator):
            field.choices = _plain_choices(field.choices)
    return fields


class TranslatedOnce:
    """A form mixin (first in the bases): the class's fields translated once per language
    and process; each form then copies plain words. Fields added in ``__init__`` are the
    form's own business."""

    def __init__(self, *args, **kwargs):
        cls = type(self)
        by_language = cls.__dict__.get("_translated_fields")
        if by_language is None:
            by_language = {}
            cls._translated_fields = by_language
        language = translation.get_language()
        fields = by_language.get(language)
        if fields is None:
            fields = by_language[language] = translated_fields(cls.base_fields)
        # BaseForm.__init__ copies self.base_fields into self.fields.
        self.base_fields = fields
        super().__init__(*args, **kwargs)
