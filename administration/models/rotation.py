from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rotation(models.Model):
    """An officer leaving a unit: the assignment ends on a date and what they held is
    handed over, item by item (RotationItem). Written once by rotation_perform; never
    changed afterwards."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rotations"
    )
    from_unit = models.ForeignKey(
        "administration.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_unit = models.ForeignKey(
        "administration.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to"),
    )
    ended_on = models.DateField(_("assignment ends on"))
    # Empty: what they held went to the unit (its inbox, its list of requests).
    successor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("successor"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("rotation")
        verbose_name_plural = _("rotations")

    def __str__(self):
        return f"{self.user} {self.from_unit} → {self.to_unit or '—'}"


class RotationItem(models.Model):
    """One thing an officer held and who holds it now."""

    rotation = models.ForeignKey(Rotation, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(_("kind"), max_length=40)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    label = models.CharField(_("what"), max_length=200)
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed to"),
    )

    class Meta:
        ordering = ["rotation", "kind", "id"]
        verbose_name = _("handed-over item")
        verbose_name_plural = _("handed-over items")

    def __str__(self):
        return self.label
