from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..history import signed_history


class CustomVariable(models.Model):
    """A field an administrator adds without a programmer (administration/custom_fields.py).
    Its values live in CustomValue, one typed column per kind: no migration per variable.
    Once a value exists the variable is retired, never deleted (PROTECT)."""

    class Target(models.TextChoices):
        COMPLAINT = "complaint", _("complaints")
        CASE_FILE = "case_file", _("case files")
        VICTIM = "victim", _("victims")
        SUSPECT = "suspect", _("alleged traffickers")
        PLACE = "place", _("places and establishments")
        ROUTE = "route", _("routes")
        VEHICLE = "vehicle", _("vehicles")

    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        NUMBER = "number", _("number")
        DATE = "date", _("date")
        YES_NO = "yes_no", _("yes / no")
        CHOICE = "choice", _("one of a list")

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable, never translated: exports and statistics use it."),
    )
    target = models.CharField(_("for"), max_length=20, choices=Target.choices)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    label_es = models.CharField(_("label (Spanish)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)
    help_es = models.CharField(_("help (Spanish)"), max_length=300, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # For "one of a list": the options' codes and labels, "codigo|Etiqueta|Label" per line.
    options = ArrayField(
        models.CharField(max_length=200), default=list, blank=True, verbose_name=_("options")
    )
    active_from = models.DateField(_("active from"))
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = signed_history()

    class Meta:
        ordering = ["target", "position", "code"]
        verbose_name = _("custom variable")
        verbose_name_plural = _("custom variables")
        constraints = [
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True) | Q(retired_on__gte=models.F("active_from")),
                name="custom_variable_dates_ordered",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "es").startswith("en") else self.label_es

    @property
    def help(self) -> str:
        return self.help_en if (get_language() or "es").startswith("en") else self.help_es

    def choices(self) -> list[tuple[str, str]]:
        english = (get_language() or "es").startswith("en")
        pairs = []
        for line in self.options:
            code, _bar, labels = line.partition("|")
            label_es, _bar, label_en = labels.partition("|")
            pairs.append((code, (label_en if english and label_en else label_es) or code))
        return pairs

    def active_on(self, day) -> bool:
        return self.active_from <= day and (self.retired_on is None or day < self.retired_on)


class CustomValue(models.Model):
    """One value of a custom variable for one record, in the column of its type."""

    variable = models.ForeignKey(CustomVariable, on_delete=models.PROTECT, related_name="values")
    object_id = models.BigIntegerField()
    text = models.CharField(max_length=500, blank=True)
    number = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    day = models.DateField(null=True, blank=True)
    flag = models.BooleanField(null=True, blank=True)
    history = signed_history()

    class Meta:
        verbose_name = _("custom value")
        verbose_name_plural = _("custom values")
        constraints = [
            models.UniqueConstraint(fields=["variable", "object_id"], name="one_value_per_record")
        ]
        indexes = [models.Index(fields=["object_id"], name="customvalue_object")]

    def __str__(self):
        return f"{self.variable.code}={self.value}"

    @property
    def value(self):
        return {
            CustomVariable.Kind.NUMBER: self.number,
            CustomVariable.Kind.DATE: self.day,
            CustomVariable.Kind.YES_NO: self.flag,
        }.get(self.variable.kind, self.text)
