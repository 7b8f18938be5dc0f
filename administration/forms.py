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
