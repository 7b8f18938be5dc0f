"""The complaint form: validation and layout only; decisions live in services and rules."""

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from administration.catalogue import tickable_elements
from administration.geography import district_label
from administration.identifiers import normalize_phone
from administration.models import (
    Department,
    District,
    InformationInstitution,
    JusticeOffice,
    PhoneOperator,
    Unit,
    valid_on,
)
from administration.scope import UNIT_TREE, scope_path_of, scope_size, units_in_scope
from administration.uploads import check_upload
from reta.forms import TranslatedOnce

from .models import Complaint, DocumentKind, PaperFormSeries, Suspect, Victim
from .rules import MAX_AGE
from .selectors import DIRECTORY, PLACES
from .services import MAX_PEOPLE, SUSPECT_FIELDS, TICK_GROUPS, VICTIM_FIELDS


class ChoicesReadAtOnce(ModelChoiceIterator):
    """A drop-down list's rows in one query. Django's own iterator reads them through a
    server-side cursor (DECLARE, FETCH, CLOSE: three round trips for 25 regions), made for
    querysets too big to hold, which a drop-down list never is."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.queryset.all():
            yield self.choice(row)


def read_choices_at_once(form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.iterator = ChoicesReadAtOnce
            # The widget holds the iterator made when the queryset was set.
            field.widget.choices = field.choices


def remember_options(field: forms.ModelChoiceField, remembered, key) -> None:
    """The field's options built once per version of ``remembered`` (reta/remembered.py)
    under ``key``, which must name everything its queryset depends on; the queryset
    itself still checks the value chosen."""
    options = remembered.get(
        key, lambda: tuple((row.pk, field.label_from_instance(row)) for row in field.queryset)
    )
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = [*empty, *options]


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date cannot be in the future."))


class ComplaintForm(TranslatedOnce, forms.ModelForm):
    district = forms.ModelChoiceField(
        queryset=District.objects.none(),
        required=False,
        label=_("District"),
        help_text=_("Choose the department first; the list shows its districts."),
    )

    class Meta:
        model = Complaint
        fields = (
            "channel",
            "date_of_facts",
            "department",
            "district",
            "place_detail",
            "unit",
            "received_on",
            "paper_series",
            "paper_number",
            "complainant_kind",
            "complainant_name",
            "complainant_document",
            "complainant_phone",
            "officer_name",
            "officer_cip",
            "narrative",
        )
        widgets = {
            "date_of_facts": DATE_WIDGET,
            "received_on": DATE_WIDGET,
            "narrative": forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
        }

    def __init__(self, *args, user, hotline=False, **kwargs):
        super().__init__(*args, **kwargs)
        read_choices_at_once(self)
        self.user = user
        self.fields["date_of_facts"].validators.append(_not_in_future)
        self.fields["received_on"].validators.append(_not_in_future)
        self.fields["department"].queryset = Department.objects.order_by("name")
        # The regions, a region's districts and the units of a scope: reference data read
        # once per process and version (the querysets still check the value chosen).
        remember_options(self.fields["department"], PLACES, "region-options")
        department = self._value("department")
        if department:
            self.fields["district"].queryset = District.objects.filter(
                province__department_id=department
            ).select_related("province")
            self.fields["district"].label_from_instance = district_label
            if str(department) in {str(pk) for pk, _name in self.fields["department"].choices}:
                key = ("district-options", str(department))
                remember_options(self.fields["district"], PLACES, key)
        today = timezone.localdate()
        self.fields["unit"].queryset = units_in_scope(user).filter(
            valid_on(today), kind__receives_complaints=True
        )
        key = ("receiving", scope_path_of(user), today)
        remember_options(self.fields["unit"], UNIT_TREE, key)
        self.fields["paper_series"].queryset = paper_series_for(user)
        # Whose a series is follows the tree: remembered with it (UNIT_TREE also changes
        # when a series is issued, reporting/apps.py), a unit moved announces it.
        unit_path = user.unit.path if user.unit_id else ""
        key = ("paper-series", scope_path_of(user), unit_path)
        remember_options(self.fields["paper_series"], UNIT_TREE, key)
        if hotline:
            # The hotline does not choose: the place of the facts decides (routing.py).
            del self.fields["unit"]
            self.fields["channel"].disabled = True
        for group in TICK_GROUPS:
            self.fields[group] = forms.MultipleChoiceField(
                choices=[(e.code, e.label) for e in tickable_elements(group)],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=getattr(self.instance, group, None) or [],
            )

    def _value(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name)) or None
        return getattr(self.instance, f"{name}_id", None)

    def clean(self):
        cleaned = super().clean()
        series, number = cleaned.get("paper_series"), cleaned.get("paper_number")
        if series and number is None:
            self.add_error("paper_number", _("Type the number printed on the paper form."))
        elif number is not None and not series:
            self.add_error("paper_series", _("Choose the series of the paper form."))
        elif series and not series.holds(number):
            self.add_error(
                "paper_number",
                _("Number %(number)06d does not belong to series %(series)s.")
                % {"number": number, "series": series},
            )
        elif series:
            taken = (
                Complaint.objects.filter(paper_series=series, paper_number=number)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if taken is not None:
                self.add_error(
                    "paper_number",
                    _("Paper form %(number)06d was already entered as %(complaint)s.")
                    % {"number": number, "complaint": taken.number or _("a draft")},
                )
        return cleaned


def paper_series_for(user):
    """Series a user may type forms of: issued to a unit in scope, or to a unit above the
    user's (a directorate's batch is filled in its stations)."""
    ancestors = [pk for pk in (user.unit.path.split(".") if user.unit_id else []) if pk]
    return PaperFormSeries.objects.filter(
        Q(unit__in=units_in_scope(user)) | Q(unit_id__in=ancestors)
    ).select_related("unit")


class PersonIdField(forms.IntegerField):
    """Which saved person a row of the form is: corrections change that person, never
    whoever happens to be at the same position (a document names a person by id)."""

    def __init__(self):
        super().__init__(required=False, min_value=1, widget=forms.HiddenInput)


class PhoneField(forms.CharField):
    """A phone as typed ("987 654 321"), kept in one spelling ("+51987654321")."""

    widget = forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"})

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=30, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return normalize_phone(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="phone") from None


def _operator_id(value) -> int | None:
    value = str(getattr(value, "pk", value) or "")
    return int(value) if value.isdigit() and len(value) < 9 else None


def _operators(form, name):
    """The operators offered, read once for every row of the page; one no longer offered
    stays readable, and may stay chosen, on the row saved with it. What the form was sent
    with is not what it was saved with: an operator no longer offered is refused on any
    other row."""
    from .display import operator_choices

    field = form.fields[name]
    saved = _operator_id(form.initial.get(name))
    if form.is_bound:  # what validates (a form shown, not sent, validates nothing)
        kept = Q(pk=saved) if saved else Q()
        field.queryset = PhoneOperator.objects.filter(Q(active=True) | kept)
    choices = operator_choices()
    if saved and saved not in {pk for pk, _name in choices}:
        choices = [*choices, *PhoneOperator.objects.filter(pk=saved).values_list("pk", "name")]
    field.choices = [("", _("operator not known")), *choices]


class VictimForm(TranslatedOnce, forms.ModelForm):
    id = PersonIdField()
    contact_phone = PhoneField(label=_("Contact phone"))

    class Meta:
        model = Victim
        fields = VICTIM_FIELDS
        widgets = {"birth_date": DATE_WIDGET}
        labels = {"contact_phone_operator": _("Operator")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _operators(self, "contact_phone_operator")
        self.fields["age"].validators.append(MaxValueValidator(MAX_AGE))
        self.fields["age"].widget.attrs.update(max=MAX_AGE, min=0)
        self.fields["birth_date"].validators.append(_not_in_future)

    def clean(self):
        cleaned = super().clean()
        # What was typed counts, even if it is itself wrong (too long): one message is enough.
        named = self["first_names"].value() or self["last_names"].value()
        if self.has_changed() and not named and not cleaned.get("unidentified"):
            raise forms.ValidationError(_("Type the victim's name, or tick “not identified yet”."))
        return cleaned


class SuspectForm(TranslatedOnce, forms.ModelForm):
    id = PersonIdField()
    phone = PhoneField(label=_("Phone"))

    class Meta:
        model = Suspect
        fields = SUSPECT_FIELDS
        labels = {"phone_operator": _("Operator")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _operators(self, "phone_operator")
        self.fields["approximate_age"].validators.append(MaxValueValidator(MAX_AGE))
        self.fields["approximate_age"].widget.attrs.update(max=MAX_AGE, min=0)


# A tampered TOTAL_FORMS never builds more forms than a complaint may hold.
PEOPLE_LIMITS = {"max_num": MAX_PEOPLE, "absolute_max": MAX_PEOPLE, "validate_max": True}
VictimFormSet = forms.formset_factory(VictimForm, extra=0, can_delete=True, **PEOPLE_LIMITS)
SuspectFormSet = forms.formset_factory(SuspectForm, extra=0, can_delete=True, **PEOPLE_LIMITS)


class CorrectionForm(TranslatedOnce, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept forever with the correction and shown in the complaint's history."),
    )


MAX_UNIT_CHOICES = 150


class ComplaintFilterForm(TranslatedOnce, forms.Form):
    q = forms.CharField(
        label=_("Number, paper form, name or document"), required=False, max_length=120
    )
    sent_from = forms.DateField(label=_("Sent from"), required=False, widget=DATE_WIDGET)
    sent_to = forms.DateField(label=_("Sent until"), required=False, widget=DATE_WIDGET)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    department = forms.ModelChoiceField(
        label=_("Region"), queryset=Department.objects.all(), required=False
    )
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        required=False,
        choices=[
            ("", _("any")),
            ("trafficking", _("possible trafficking")),
            ("related", _("related crime")),
            ("none", _("neither")),
        ],
    )
    purpose = forms.ChoiceField(label=_("Purpose"), required=False, choices=[])
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any")), *Complaint.Status.choices],
    )
    paper = forms.ChoiceField(
        label=_("Entered from"),
        required=False,
        choices=[("", _("any")), ("paper", _("paper form")), ("online", _("online"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        read_choices_at_once(self)
        # A unit counts with its subtree: a wide scope (the whole country, 1,200 stations)
        # offers its directorates and regions, a narrow one its stations.
        units = units_in_scope(user)
        wide = scope_size(user) > MAX_UNIT_CHOICES
        if wide:
            units = units.filter(children__isnull=False).distinct()
        else:
            units = units.filter(kind__receives_complaints=True)
        self.fields["unit"].queryset = units.order_by("name")
        # Read on every visit of the list: the units once per scope, with the tree; the
        # regions with the places a complaint's page shows.
        remember_options(self.fields["unit"], UNIT_TREE, ("filter", scope_path_of(user), wide))
        remember_options(self.fields["department"], PLACES, "region-options")
        self.fields["purpose"].choices = [("", _("any"))] + [
            (e.code, e.label) for e in tickable_elements("purposes")
        ]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or address"), required=False, max_length=80)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any")), *JusticeOffice.Kind.choices]
    )


class DocumentIssueForm(TranslatedOnce, forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    office = forms.ModelChoiceField(
        label=_("Prosecutor's office"),
        queryset=JusticeOffice.objects.none(),
        required=False,
        help_text=_("Empty: the office of the place of the facts, from the directory."),
    )
    institution = forms.ModelChoiceField(
        label=_("Institution (requests for information)"),
        queryset=InformationInstitution.objects.filter(active=True),
        required=False,
    )
    victim = forms.ModelChoiceField(
        label=_("Victim (medical examination)"), queryset=Victim.objects.none(), required=False
    )
    request_text = forms.CharField(
        label=_("What is requested"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a warrant: the property and why; for information: the data asked."),
    )
    initials_only = forms.BooleanField(
        label=_("Name the victim by initials in documents for outside institutions"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, complaint, victims=None, **kwargs):
        """``victims``: the complaint's victims as its page read them, offered as they are
        (the queryset still checks the one chosen)."""
        super().__init__(*args, **kwargs)
        read_choices_at_once(self)
        self.fields["victim"].queryset = complaint.victims.all()
        if victims is not None:
            self.fields["victim"].choices = [
                ("", self.fields["victim"].empty_label),
                *(
                    (victim.pk, self.fields["victim"].label_from_instance(victim))
                    for victim in victims
                ),
            ]
        self.fields["office"].queryset = JusticeOffice.objects.filter(
            kind=JusticeOffice.Kind.PROSECUTOR, active=True
        )
        # On every complaint's page: read once per version of the directory.
        remember_options(self.fields["office"], DIRECTORY, "office-options")
        remember_options(self.fields["institution"], DIRECTORY, "institution-options")


class DocumentAnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("Answer received on"), widget=DATE_WIDGET)
    summary = forms.CharField(
        label=_("Summary of the answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(
        label=_("The answer (PDF or image, up to 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_answered_on(self):
        value = self.cleaned_data["answered_on"]
        _not_in_future(value)
        return value

    def clean_file(self):
        """The checked content (see administration/uploads.py), or None."""
        file = self.cleaned_data.get("file")
        return check_upload(file) if file else None


class PaperSeriesForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    code = forms.SlugField(label=_("Series code"), max_length=40, help_text=_("E.g. PUNO-2026"))
    first_number = forms.IntegerField(label=_("First number"), min_value=1, max_value=999999)
    last_number = forms.IntegerField(label=_("Last number"), min_value=1, max_value=999999)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_scope(user).filter(kind__receives_complaints=True)

    def clean_code(self):
        code = self.cleaned_data["code"].upper()
        if PaperFormSeries.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A series with this code exists already."))
        return code

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_number"), cleaned.get("last_number")
        if first and last and last - first >= 5000:
            raise forms.ValidationError(_("Issue at most 5,000 forms at a time."))
        return cleaned
