"""Input of the case pages: validation and Spanish messages, no decisions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from administration.models import District, JusticeOffice, Unit, User
from administration.uploads import check_upload
from reporting.rules import PURPOSES

from .models import Account, Action, Case, CasePerson, Exploitation, Phone, Place, RouteLeg, Vehicle

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DistrictCodeField(forms.CharField):
    """A district by its UBIGEO code (6 digits): works without JavaScript, and the page
    shows the district's name once saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 6)
        kwargs.setdefault("help_text", _("The 6-digit UBIGEO code, e.g. 080101 for Cusco."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.pk if isinstance(value, District) else value

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        if not (code.isdigit() and len(code) == 6):
            raise ValidationError(_("Type the 6 digits of the district's UBIGEO code."))
        district = District.objects.filter(code=code).select_related("province").first()
        if district is None:
            raise ValidationError(
                _("There is no district with the UBIGEO code %(code)s.") % {"code": code}
            )
        return district


class CaseOpenForm(forms.Form):
    title = forms.CharField(label=_("Title of the case"), max_length=200)
    date_of_facts = forms.DateField(label=_("Date of the facts"), required=False, widget=DATE)
    summary = forms.CharField(
        label=_("Summary of the facts"), required=False, max_length=8000, widget=forms.Textarea
    )


class AttachComplaintForm(forms.Form):
    number = forms.CharField(
        label=_("Complaint number"), max_length=30, help_text="RETA-2026-000123"
    )


class CaseEditForm(forms.ModelForm):
    investigators = forms.ModelMultipleChoiceField(
        label=_("Assigned investigators"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "lead",
            "prosecutor_office",
            "prosecutor_file",
            "date_of_facts",
            "summary",
            "narrative",
        ]
        widgets = {"date_of_facts": DATE}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, instance=case, **kwargs)
        colleagues = (
            User.objects.filter(is_active=True, role__group__permissions__codename="work_cases")
            .filter(unit_id__in=[case.unit_id, *self._national_units()])
            .order_by("last_name")
        )
        self.fields["lead"].queryset = colleagues
        self.fields["investigators"].queryset = colleagues
        self.fields["investigators"].initial = list(case.investigators.values_list("pk", flat=True))
        self.fields["prosecutor_office"].queryset = JusticeOffice.objects.filter(
            kind=JusticeOffice.Kind.PROSECUTOR, active=True
        )

    @staticmethod
    def _national_units():
        return list(Unit.objects.filter(kind__national_scope=True).values_list("pk", flat=True))


class StateForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"), choices=Case.State.choices)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ShareForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Share with"), queryset=Unit.objects.none())
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # The units that work cases: the specialized departments and the national division.
        self.fields["unit"].queryset = (
            Unit.objects.filter(valid_to__isnull=True)
            .filter(kind__receives_regional_alerts=True)
            .exclude(pk=case.unit_id)
            .order_by("name")
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["kind", "occurred_on", "description", "answer_due"]
        widgets = {
            "occurred_on": DATE,
            "answer_due": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class PersonForm(forms.ModelForm):
    class Meta:
        model = CasePerson
        fields = [
            "role",
            "first_names",
            "last_names",
            "aliases",
            "sex",
            "birth_date",
            "age",
            "nationality",
            "document_type",
            "document_number",
            "document_country",
            "network_role",
            "detained",
            "detained_on",
            "detained_where",
            "notes",
        ]
        widgets = {
            "birth_date": DATE,
            "detained_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        if data.get("role") != CasePerson.Role.TRAFFICKER:
            data["network_role"], data["detained"] = "", False
        if (
            data.get("document_type") == "passport"
            and data.get("document_number")
            and not data.get("document_country")
        ):
            self.add_error("document_country", _("Say which country issued the passport."))
        if not any(data.get(name) for name in ("first_names", "last_names", "aliases")):
            raise ValidationError(_("Type a name, or an alias for someone not identified yet."))
        return data


class PlaceForm(forms.ModelForm):
    district = DistrictCodeField(label=_("District (UBIGEO)"))

    class Meta:
        model = Place
        fields = ["kind", "name", "address", "district", "latitude", "longitude", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class VehicleForm(forms.ModelForm):
    class Meta:
        model = Vehicle
        fields = ["plate", "description", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class PhoneForm(forms.ModelForm):
    class Meta:
        model = Phone
        fields = ["number", "owner", "operator", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, case, owner_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = case.people.all()
        self.fields["owner"].label_from_instance = owner_label


class AccountForm(forms.ModelForm):
    class Meta:
        model = Account
        fields = ["kind", "provider", "value", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class ExploitationForm(forms.ModelForm):
    purpose = forms.ChoiceField(label=_("Purpose"))

    class Meta:
        model = Exploitation
        fields = [
            "victim",
            "purpose",
            "recruitment",
            "establishment_kind",
            "sector",
            "hours_per_day",
            "pay_withheld",
            "debt",
            "documents_retained",
            "details",
        ]
        widgets = {"details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, case, owner_label, **kwargs):
        from administration.catalogue import element_labels

        super().__init__(*args, **kwargs)
        labels = element_labels()
        self.fields["purpose"].choices = [
            (code, labels.get(code, code)) for code in sorted(PURPOSES)
        ]
        self.fields["victim"].queryset = case.people.filter(role=CasePerson.Role.VICTIM)
        self.fields["victim"].label_from_instance = owner_label


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("photo", _("photograph")),
            ("fingerprints", _("fingerprint card")),
            ("scan", _("scanned document")),
            ("other", _("other")),
        ],
    )
    description = forms.CharField(label=_("Description"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])


class RouteForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class LegForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=RouteLeg.Stage.choices)
    district = DistrictCodeField(label=_("District (UBIGEO)"), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    day = forms.DateField(label=_("Date"), required=False, widget=DATE)
    transport = forms.ChoiceField(
        label=_("Means of transport"),
        choices=[("", "—"), *RouteLeg.Transport.choices],
        required=False,
    )
    company = forms.CharField(label=_("Company (bus, boat…)"), max_length=120, required=False)


LegFormSet = forms.formset_factory(LegForm, extra=0, min_num=3, max_num=8, absolute_max=8)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Phone, plate, document, account or name"), max_length=120, strip=True
    )


class ReportForm(forms.Form):
    conclusions = forms.CharField(
        label=_("Conclusions"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
