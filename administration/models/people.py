from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..history import signed_history
from .units import Unit


class Role(models.Model):
    """What a user is (station officer, investigator...). What a role may *do* is its
    group's permissions; how far it may *see* is ``scope``. Both are data."""

    SCOPE_UNIT = "unit"
    SCOPE_NATIONAL = "national"
    SCOPES = [
        (SCOPE_UNIT, _("the user's unit and the units under it")),
        (SCOPE_NATIONAL, _("the whole country")),
    ]
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, verbose_name=_("permissions"))
    scope = models.CharField(_("scope"), max_length=20, choices=SCOPES, default=SCOPE_UNIT)
    # Analysts work on figures only: never names, documents or narratives.
    sees_personal_data = models.BooleanField(_("sees personal data"), default=True)
    history = signed_history()
    # Loaded by migrations: each row gets its first signed history there (integrity.py).
    SEALED_AT_MIGRATION = True

    class Meta:
        ordering = ["code"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        # What a role may do, granted to each role's group by data (migration 0003); the
        # Django model permissions cover the admin screens.
        permissions = [
            ("register_complaint", _("Register complaints")),
            ("register_for_other_units", _("Register complaints for units without users")),
            ("register_hotline_complaint", _("Register complaints phoned in to the hotline")),
            ("work_cases", _("Receive alerts and work case files")),
            ("view_statistics", _("View national statistics")),
            ("correct_records", _("Correct sent records")),
            ("manage_users", _("Manage users and units")),
            ("view_audit", _("View the audit log")),
            ("issue_documents", _("Issue documents and record their answers")),
            (
                "receive_escalations",
                _("Be told of the unit's alerts not acknowledged in time (the unit's chief)"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "es").startswith("en") else self.name_es


class User(AbstractUser):
    """A person who signs in. One unit and one role at a time; moves are UnitAssignments."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("unit")
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("role")
    )
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    document_number = models.CharField(_("CIP / ID number"), max_length=20, blank=True)
    # Set when an administrator resets the password: the next sign-in must change it.
    must_change_password = models.BooleanField(_("must change the password"), default=False)
    # HMAC (AUDIT_SIGNING_KEY) of the account's id and password hash, written only when the
    # application sets a password: a hash swapped in by SQL does not open the account.
    password_seal = models.CharField(max_length=64, blank=True, editable=False)
    history = signed_history(excluded_fields=["password", "last_login", "password_seal"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self._reseal = True

    def set_unusable_password(self):
        super().set_unusable_password()
        self._reseal = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if getattr(self, "_reseal", False):
            from administration.integrity import password_seal

            self.password_seal = password_seal(self.pk, self.password)
            type(self).objects.filter(pk=self.pk).update(password_seal=self.password_seal)
            self._reseal = False

    @property
    def display_name(self) -> str:
        full = self.get_full_name()
        return f"{self.rank} {full}".strip() if full else self.username


class UnitAssignment(models.Model):
    """A period a user spent in a unit with a role. The open one (``ended`` empty) is the
    current one; officers rotate often and the record of who was where must survive."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("unit"))
    role = models.ForeignKey(Role, on_delete=models.PROTECT, verbose_name=_("role"))
    started = models.DateField(_("from"))
    ended = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["user", "-started"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(ended__isnull=True), name="one_open_assignment"
            ),
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=models.F("started")),
                name="assignment_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.unit} ({self.started})"
