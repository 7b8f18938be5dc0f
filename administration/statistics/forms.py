from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .crosstab import BASES, FIRST_YEAR, LAST_YEAR, MAX_VARIABLES, PERCENTS, Query
from .variables import MEASURES, VARIABLES, labels

BASIS_CHOICES = [
    ("facts", _("year of the facts")),
    ("registration", _("year of registration")),
]
PERCENT_CHOICES = [
    ("none", _("no percentages")),
    ("row", _("percentage of the row")),
    ("column", _("percentage of the column")),
    ("total", _("percentage of the total")),
]
assert [c for c, _l in BASIS_CHOICES] == list(BASES)  # noqa: S101
assert [c for c, _l in PERCENT_CHOICES] == list(PERCENTS)  # noqa: S101


class SummaryForm(forms.Form):
    basis = forms.ChoiceField(label=_("Count each case by"), choices=BASIS_CHOICES, required=False)
    year_from = forms.IntegerField(
        label=_("from the year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )
    year_to = forms.IntegerField(
        label=_("to the year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and first > last:
            raise forms.ValidationError(_("The first year comes after the last one."))
        return data

    def choices(self) -> dict:
        data = self.cleaned_data
        return {
            "basis": data.get("basis") or "facts",
            "year_from": data.get("year_from"),
            "year_to": data.get("year_to"),
        }

    def query_string(self) -> str:
        c = self.choices()
        pairs = [("basis", c["basis"])]
        pairs += [("year_from", c["year_from"])] if c["year_from"] else []
        pairs += [("year_to", c["year_to"])] if c["year_to"] else []
        return urlencode(pairs)


class CrosstabForm:
    """What the builder's GET form shows, from a parsed Query (choices stay as typed)."""

    def __init__(self, *, query: Query):
        self.query = query

    @property
    def measures(self):
        return [(code, label, code == self.query.measure) for code, label in MEASURES.items()]

    @property
    def slots(self):
        chosen = self.query.variables + [""] * (MAX_VARIABLES - len(self.query.variables))
        options = [(code, _option_label(v)) for code, v in VARIABLES.items()]
        return [{"n": n + 1, "chosen": code, "options": options} for n, code in enumerate(chosen)]

    @property
    def filters(self):
        out = []
        for code, variable in VARIABLES.items():
            if variable.values is None and code not in ("department", "origin"):
                continue
            if code in ("department", "origin"):
                values = sorted(labels(variable, []).items(), key=lambda item: item[1])
            else:
                values = [(c, str(label)) for c, label in variable.values]
            chosen = set(self.query.filters.get(code, []))
            out.append(
                {
                    "code": code,
                    "label": variable.label,
                    "measures": " ".join(variable.measures),
                    "values": [(c, label, c in chosen) for c, label in values],
                    "open": bool(chosen),
                }
            )
        return out

    basis_choices = BASIS_CHOICES
    percent_choices = PERCENT_CHOICES


def _option_label(variable) -> str:
    """A retired custom variable stays offered (old complaints keep their values), marked."""
    if variable.extra.get("retired"):
        return gettext("%(variable)s (retired)") % {"variable": variable.label}
    return variable.label


class MediaReportForm(forms.ModelForm):
    purpose = forms.ChoiceField(label=_("purpose"), required=False)
    link = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        from .models import MediaReport

        model = MediaReport
        fields = [
            "published_on",
            "outlet",
            "link",
            "department",
            "purpose",
            "victims",
            "victims_female",
            "victims_male",
            "victims_ages",
            "summary",
        ]
        widgets = {"published_on": forms.DateInput(format="%d/%m/%Y")}

    def __init__(self, *args, **kwargs):
        from .variables import PURPOSES

        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [("", "—")] + [
            (c, label) for c, label in PURPOSES if c not in ("several", "not_assigned")
        ]
