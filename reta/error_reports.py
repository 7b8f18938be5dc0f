"""What an error page or error mail may show: never a password, key or credential URL.

Under `make run` (DEBUG on) the debug page lists the settings, the request's META — which
runserver fills with the whole process environment, DATABASE_URL included — and the local
variables of every frame. Django hides settings whose names look secret; this filter also
hides every *_URL, *PASSWORD*, *KEY* name in META and in frames, and masks credentials
inside any value (``scheme://user:password@host``, ``password=...``).
"""

import re

from django.views.debug import SafeExceptionReporterFilter

CREDENTIALS_IN_URL = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]*@", re.IGNORECASE)
PASSWORD_PAIR = re.compile(r"(?P<key>password|passwd|pwd)\s*=\s*\S+", re.IGNORECASE)
# Values shown as they are (cleansed); anything else is shown by its masked repr.
SHOWN_AS_IS = str | int | float | bool | dict | list | tuple | None


class SecretsFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|URL|DSN|LOCATION|BROKER|COOKIE",
        flags=re.IGNORECASE,
    )

    def cleanse_setting(self, key, value):
        value = super().cleanse_setting(key, value)
        if isinstance(value, str):
            return mask_credentials(value)
        return value

    def get_safe_request_meta(self, request):
        if not hasattr(request, "META"):
            return {}
        return {key: self.cleanse_setting(key, value) for key, value in request.META.items()}

    def get_traceback_frame_variables(self, request, tb_frame):
        cleansed = []
        for name, value in super().get_traceback_frame_variables(request, tb_frame):
            value = self.cleanse_setting(name, value)
            if not isinstance(value, SHOWN_AS_IS):
                # An object's repr can carry a connection string or a settings dict.
                value = mask_credentials(repr(value))
            cleansed.append((name, value))
        return cleansed


def mask_credentials(text: str) -> str:
    text = str(text)  # a lazy string (a CSP nonce...) becomes the text it stands for
    text = CREDENTIALS_IN_URL.sub(rf"\g<scheme>{SecretsFilter.cleansed_substitute}@", text)
    return PASSWORD_PAIR.sub(rf"\g<key>={SecretsFilter.cleansed_substitute}", text)
