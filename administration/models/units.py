from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..history import signed_history
from .geography import Department, District, Province


def valid_on(day) -> Q:
    """Rows (units, routes...) whose validity dates include ``day`` (valid_to inclusive)."""
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class UnitKind(models.Model):
    """A level of the tree (national division, directorate, station...). Data, not code:
    a prosecutor's office taking the system over brings its own kinds."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    # Units of this kind see every record in the country (the national division).
    national_scope = models.BooleanField(_("sees the whole country"), default=False)
    # Units of this kind see their parent's whole subtree: a directorate's specialized
    # department works every case of the directorate.
    sees_parent_subtree = models.BooleanField(_("sees its parent unit's subtree"), default=False)
    # Units of this kind receive complaints (not an institution's root, not the Ministry).
    receives_complaints = models.BooleanField(_("receives complaints"), default=True)
    # Units of this kind receive trafficking alerts for their department by default.
    receives_regional_alerts = models.BooleanField(_("receives regional alerts"), default=False)
    # The national division's parent (DIRINCRI) does not use the registry: an alert left
    # unacknowledged there goes to the unit's own chief and administrators instead.
    escalates_within = models.BooleanField(
        _("escalates to its own chief"),
        default=False,
        help_text=_(
            "Alerts not acknowledged in time go to the unit's chief and administrators "
            "(people with the permission to be told), not to the unit above."
        ),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "es").startswith("en") else self.name_es


class Unit(models.Model):
    """A unit of the tree of command, or an institution outside it (the Secretariat).

    ``path`` is the chain of ids from the root ("1.5.42."), so a subtree is one indexed
    prefix match. A reorganization closes a unit (``valid_to``) and opens new ones: old
    records keep pointing at the unit that received them.
    """

    kind = models.ForeignKey(UnitKind, on_delete=models.PROTECT, verbose_name=_("kind"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    # The series heading of the unit's documents, e.g. "REGPOL-CUSCO/DEPINTRAP".
    document_heading = models.CharField(_("document heading"), max_length=120, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("department")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("province")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("succeeded by"),
    )
    history = signed_history()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            models.Index(
                fields=["path"], name="unit_path_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    @property
    def scope_path(self) -> str:
        """The path prefix of the records this unit's people may see."""
        if self.kind.sees_parent_subtree and self.parent_id:
            return self.parent.path
        return self.path

    def active_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
