from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficialYearName(models.Model):
    """The name the government gives each year ("Año de …", by supreme decree), which
    official letters carry as their first line. An administrator types it each year; a
    year without one prints no such line."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    name = models.CharField(
        _("official name of the year"),
        max_length=250,
        help_text=_("As the decree writes it, without quotation marks."),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("official name of the year")
        verbose_name_plural = _("official names of the years")

    def __str__(self):
        return f"{self.year}: {self.name}"

    @classmethod
    def for_year(cls, year: int) -> str:
        return cls.objects.filter(year=year).values_list("name", flat=True).first() or ""


class PhoneOperator(models.Model):
    """A telephone company a number belongs to (Claro, Movistar…): reference data. The
    number itself is the key investigators cross; the operator says whom to ask."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("phone operator")
        verbose_name_plural = _("phone operators")

    def __str__(self):
        return self.name
