from django.db import models
from django.utils.translation import gettext_lazy as _

from ..history import signed_history
from .geography import Department, District


class JusticeOffice(models.Model):
    """An office of the justice system an officer refers a case to: reference data."""

    class Kind(models.TextChoices):
        PROSECUTOR = "prosecutor", _("prosecutor's office")
        COURT = "court", _("court")
        SHELTER = "shelter", _("shelter")
        CEM = "cem", _("women's emergency centre (CEM)")
        CHILD_PROTECTION = "child_protection", _("child protection office")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, verbose_name=_("department")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = signed_history()
    # Loaded by migrations and demo data: each row gets its first signed history there.
    SEALED_AT_MIGRATION = True

    class Meta:
        ordering = ["department__name", "kind", "name"]
        verbose_name = _("justice office")
        verbose_name_plural = _("justice offices")

    def __str__(self):
        return self.name


class InformationInstitution(models.Model):
    """An institution a preliminary investigation asks for information (identity
    registry, migration, telephone companies, vehicle registry...): reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("what is asked"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Days after which a request without an answer shows as overdue.
    answer_days = models.PositiveSmallIntegerField(_("days to answer"), default=10)
    active = models.BooleanField(_("active"), default=True)
    history = signed_history()
    SEALED_AT_MIGRATION = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("information institution")
        verbose_name_plural = _("information institutions")

    def __str__(self):
        return self.name
