from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PaperFormSeries(models.Model):
    """A numbered batch of blank paper forms issued to a unit (e.g. 500 forms for
    DIRTEPOL Puno, numbers 501 to 1000). A paper complaint typed later must carry a
    number of a series issued to its unit."""

    code = models.SlugField(_("series"), max_length=40, unique=True)
    unit = models.ForeignKey(
        "administration.Unit", on_delete=models.PROTECT, verbose_name=_("unit")
    )
    first_number = models.PositiveIntegerField(_("first number"))
    last_number = models.PositiveIntegerField(_("last number"))
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "code"]
        verbose_name = _("paper form series")
        verbose_name_plural = _("paper form series")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_number__gte=F("first_number")), name="paper_series_range"
            )
        ]

    def __str__(self):
        return f"{self.code} ({self.first_number:06d}–{self.last_number:06d})"

    def holds(self, number: int) -> bool:
        return self.first_number <= number <= self.last_number
