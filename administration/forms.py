from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import signin
from .audit import client_address


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "not_recorded": _(
            "This account was created or changed outside RETA and cannot sign in. Tell the "
            "system administration."
        ),
        "address_blocked": _(
            "Too many failed sign-ins from this network. Wait a quarter of an hour and try "
            "again, or ask the system administration."
        ),
    }

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean(self):
        address = client_address(self.request)
        if signin.address_blocked(address):
            raise forms.ValidationError(
                self.error_messages["address_blocked"], code="address_blocked"
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            signin.record_failure(address)
            raise
        if not signin.account_is_genuine(self.get_user(), self.request):
            raise forms.ValidationError(self.error_messages["not_recorded"], code="not_recorded")
        return cleaned


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PasswordAgainMixin(forms.Form):
    """Changing how one signs in asks for the password again: a session left open on a
    shared station PC must not be enough to take the account over."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class ChangeSecondFactorForm(PasswordAgainMixin, TokenForm):
    field_order = ["password", "token"]


# The administrators' screens: users, rotation.


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.username})"


def _password_errors(password: str, user=None) -> None:
    from django.contrib.auth import password_validation

    password_validation.validate_password(password, user)


class PlacementMixin(forms.Form):
    """Unit and role, among those the administrator may give (selectors.py)."""

    def __init__(self, *args, manager, **kwargs):
        from .selectors import assignable_roles, assignable_units

        super().__init__(*args, **kwargs)
        self.manager = manager
        self.fields["unit"] = UnitChoiceField(
            label=_("Unit"), queryset=assignable_units(manager), required=True
        )
        self.fields["role"] = forms.ModelChoiceField(
            label=_("Role"), queryset=assignable_roles(manager), required=True
        )


class UserCreateForm(PlacementMixin):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("Letters, digits and . @ + - _ only, e.g. oficial.cusco"),
        error_messages={"invalid": _("Use only letters, digits and . @ + - _")},
    )
    first_name = forms.CharField(label=_("First names"), max_length=150)
    last_name = forms.CharField(label=_("Last names"), max_length=150)
    rank = forms.CharField(label=_("Rank"), max_length=60, required=False)
    document_number = forms.CharField(label=_("CIP / ID number"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    started = forms.DateField(label=_("Assigned from"))
    password = forms.CharField(
        label=_("Temporary password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("The officer must change it at the first sign-in."),
    )
    field_order = ["username", "first_name", "last_name", "rank", "document_number", "email"]

    def clean_username(self):
        from .models import User

        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That username is already taken."))
        return username

    def clean_password(self):
        password = self.cleaned_data["password"]
        _password_errors(password)
        return password


class UserDetailsForm(forms.Form):
    first_name = forms.CharField(label=_("First names"), max_length=150)
    last_name = forms.CharField(label=_("Last names"), max_length=150)
    rank = forms.CharField(label=_("Rank"), max_length=60, required=False)
    document_number = forms.CharField(label=_("CIP / ID number"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class UserMoveForm(PlacementMixin):
    on = forms.DateField(label=_("From (date)"))
    field_order = ["unit", "role", "on"]


class PasswordResetForm(forms.Form):
    password1 = forms.CharField(
        label=_("Temporary password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                _password_errors(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SecondFactorResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=150,
        min_length=10,
        help_text=_("Why the second factor is reset (lost phone, new phone…). It is audited."),
    )


class RotationForm(forms.Form):
    ended_on = forms.DateField(label=_("The assignment ends on"))
    to_unit = UnitChoiceField(
        label=_("New unit"),
        queryset=None,
        required=False,
        help_text=_("Empty: the officer leaves RETA and the account is closed."),
    )
    role = forms.ModelChoiceField(
        label=_("Role in the new unit"),
        queryset=None,
        required=False,
        help_text=_("Empty: the same role."),
    )
    successor = UserChoiceField(
        label=_("Successor"),
        queryset=None,
        required=False,
        help_text=_("Who receives what the officer held. Empty: it goes back to the unit."),
    )

    def __init__(self, *args, manager, officer, **kwargs):
        from .selectors import assignable_roles, assignable_units, successors_for

        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = assignable_units(manager)
        self.fields["role"].queryset = assignable_roles(manager)
        self.fields["successor"].queryset = successors_for(officer, manager)
        self.officer = officer

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_unit") is not None and cleaned["to_unit"] == self.officer.unit:
            self.add_error("to_unit", _("The officer is already in that unit."))
        ended = cleaned.get("ended_on")
        current = self.officer.assignments.filter(ended__isnull=True).first()
        if ended and current and ended < current.started:
            self.add_error(
                "ended_on", _("The assignment started later: choose a date after it started.")
            )
        return cleaned


class AuditFilterForm(forms.Form):
    """The filters of the audit report; all optional."""

    username = forms.CharField(label=_("User"), max_length=150, required=False)
    unit_code = forms.CharField(label=_("Unit code"), max_length=60, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(label=_("From (date)"), required=False)
    until = forms.DateField(label=_("Until (date)"), required=False)
    record = forms.CharField(
        label=_("Record"),
        max_length=40,
        required=False,
        help_text=_("A complaint number, e.g. RETA-2026-000123"),
    )

    def __init__(self, *args, **kwargs):
        from .models import AuditEvent

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("any")), *AuditEvent.Action.choices]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The period ends before it starts."))
        return cleaned


class CustomVariableForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Options (one of a list)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: code|Spanish label|English label, e.g. rural|Rural|Rural"),
    )

    class Meta:
        from .models import CustomVariable

        model = CustomVariable
        fields = [
            "code",
            "target",
            "kind",
            "label_es",
            "label_en",
            "help_es",
            "help_en",
            "required",
            "active_from",
            "position",
        ]

    # The records whose forms ask for the variables (reporting, investigation): a variable
    # for anything else would be asked nowhere.
    ASKED_ON = ("complaint", "case_file", "victim", "suspect", "place", "route", "vehicle")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [
            (code, label)
            for code, label in self.fields["target"].choices
            if code in self.ASKED_ON or code == self.instance.target
        ]
        self.fields["options_text"].initial = "\n".join(self.instance.options or [])
        if self.instance.pk and self.instance.values.exists():
            # Values exist: their meaning must not change under them.
            for name in ("code", "target", "kind"):
                self.fields[name].disabled = True

    def clean_options_text(self):
        import re

        lines = [line.strip() for line in self.cleaned_data["options_text"].splitlines()]
        lines = [line for line in lines if line]
        for line in lines:
            code = line.split("|", 1)[0].strip()
            if not re.fullmatch(r"[a-z0-9_-]{1,40}", code):
                raise forms.ValidationError(
                    _("Each option starts with a code of lower-case letters, digits or _: %(line)s")
                    % {"line": line[:60]}
                )
        return lines

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or self.instance.kind
        if kind == "choice" and not cleaned.get("options_text"):
            self.add_error("options_text", _("A list needs at least one option."))
        return cleaned

    def save(self, commit=False):
        variable = super().save(commit=False)
        variable.options = self.cleaned_data["options_text"] if variable.kind == "choice" else []
        return variable


class RetireForm(forms.Form):
    on = forms.DateField(label=_("Retired from (date)"))


class UnitCreateForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=None)
    code = forms.CharField(label=_("Code"), max_length=60)
    name = forms.CharField(label=_("Name"), max_length=160)
    short_name = forms.CharField(label=_("Short name"), max_length=80, required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=None, required=False)
    valid_from = forms.DateField(label=_("Valid from"))

    def __init__(self, *args, **kwargs):
        from .models import Department, UnitKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = UnitKind.objects.all()
        self.fields["department"].queryset = Department.objects.order_by("name")

    def clean_code(self):
        from .models import Unit

        code = self.cleaned_data["code"].strip().upper()
        if Unit.objects.filter(code__iexact=code).exists():
            raise forms.ValidationError(_("A unit with that code exists already."))
        return code


class UnitReorganizeForm(forms.Form):
    OPERATIONS = [
        ("rename", _("Rename (a new unit succeeds it)")),
        ("split", _("Split into several units")),
        ("merge", _("Merge with other units into one")),
        ("close", _("Close")),
    ]
    operation = forms.ChoiceField(label=_("Change"), choices=OPERATIONS)
    on = forms.DateField(label=_("In force from"), help_text=_("The old unit ends the day before."))
    new_units = forms.CharField(
        label=_("New units"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: CODE|Name. Rename and merge: one line; split: two or more."),
    )
    merge_with = forms.ModelMultipleChoiceField(
        label=_("Merge with"), queryset=None, required=False
    )

    def __init__(self, *args, unit, **kwargs):
        from .models import Unit

        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["merge_with"].queryset = (
            Unit.objects.filter(parent=unit.parent_id, valid_to__isnull=True)
            .exclude(pk=unit.pk)
            .order_by("code")
        )

    def clean_new_units(self):
        from .models import Unit

        units = []
        for line in self.cleaned_data["new_units"].splitlines():
            if not line.strip():
                continue
            code, _bar, name = (part.strip() for part in line.partition("|"))
            if not code or not name:
                raise forms.ValidationError(
                    _("Write each new unit as CODE|Name: %(line)s") % {"line": line[:60]}
                )
            if Unit.objects.filter(code__iexact=code).exists():
                raise forms.ValidationError(
                    _("A unit with the code %(code)s exists already.") % {"code": code[:60]}
                )
            units.append({"code": code.upper()[:60], "name": name[:160]})
        return units

    def clean(self):
        cleaned = super().clean()
        operation, units = cleaned.get("operation"), cleaned.get("new_units") or []
        needed = {"rename": (1, 1), "merge": (1, 1), "split": (2, 20), "close": (0, 0)}
        low, high = needed.get(operation, (0, 0))
        if operation and not low <= len(units) <= high:
            self.add_error(
                "new_units",
                _("Rename and merge need one new unit; split needs two or more; close none."),
            )
        if operation == "merge" and not cleaned.get("merge_with"):
            self.add_error("merge_with", _("Choose the units it merges with."))
        return cleaned


class UnitMoveForm(forms.Form):
    parent = UnitChoiceField(label=_("New parent unit"), queryset=None)
    on = forms.DateField(label=_("In force from"))

    def __init__(self, *args, unit, **kwargs):
        from .models import Unit

        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            Unit.objects.filter(valid_to__isnull=True)
            .exclude(path__startswith=unit.path)
            .order_by("path")
        )
