from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..history import signed_history


def _in_language(spanish: str, english: str) -> str:
    return english if (get_language() or "es").startswith("en") and english else spanish


class LegalElement(models.Model):
    """One box of the complaint form (INTERFACES.md section 1). Codes never change."""

    GROUPS = [
        ("acts", _("Acts")),
        ("means", _("Means")),
        ("purposes", _("Purposes")),
        ("related", _("Related conducts")),
        ("aggravating", _("Aggravating circumstances")),
    ]
    code = models.SlugField(_("code"), max_length=40, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=GROUPS)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label_es = models.CharField(_("label (Spanish)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)
    help_es = models.TextField(_("help (Spanish)"))
    help_en = models.TextField(_("help (English)"))
    # Derived elements (victim under 14) are computed, never ticked.
    derived = models.BooleanField(_("derived"), default=False)

    history = signed_history()
    # Loaded by migrations: each row gets its first signed history there (integrity.py).
    SEALED_AT_MIGRATION = True

    class Meta:
        ordering = ["group", "position"]
        verbose_name = _("legal element")
        verbose_name_plural = _("legal elements")

    def __str__(self):
        return f"{self.label} ({self.code})"

    @property
    def label(self) -> str:
        return _in_language(self.label_es, self.label_en)

    @property
    def help(self) -> str:
        return _in_language(self.help_es, self.help_en)


class Law(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    published = models.DateField(_("published"))
    in_force_from = models.DateField(_("in force from"))
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    history = signed_history()
    # Loaded by migrations: each row gets its first signed history there (integrity.py).
    SEALED_AT_MIGRATION = True

    class Meta:
        ordering = ["in_force_from"]
        verbose_name = _("law")
        verbose_name_plural = _("laws")

    def __str__(self):
        return self.name

    @property
    def summary(self) -> str:
        return _in_language(self.summary_es, self.summary_en)


class ElementArticle(models.Model):
    """Which Penal Code article applies to an element (or to trafficking itself: the
    codes ``trata`` and ``trata_agravada``) between two dates, both inclusive.

    For an aggravating circumstance the row says that it aggravates in that period, and in
    which degree; without a row it does not aggravate then."""

    class Degree(models.IntegerChoices):
        FIRST = 1, _("first degree")
        SECOND = 2, _("second degree")

    element = models.SlugField(_("element code"), max_length=40, db_index=True)
    article = models.CharField(_("article"), max_length=20)
    law = models.ForeignKey(Law, on_delete=models.PROTECT, verbose_name=_("law"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    degree = models.PositiveSmallIntegerField(
        _("degree of aggravation"),
        choices=Degree.choices,
        null=True,
        blank=True,
        help_text=_(
            "Aggravating circumstances only: the degree the law gives it. Empty when the law "
            "of the period has a single aggravated form."
        ),
    )
    history = signed_history()
    # Loaded by migrations: each row gets its first signed history there (integrity.py).
    SEALED_AT_MIGRATION = True

    class Meta:
        ordering = ["element", "valid_from"]
        verbose_name = _("article of an element")
        verbose_name_plural = _("articles of the elements")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="element_article_validity_ordered",
            )
        ]

    def __str__(self):
        return f"{self.element}: art. {self.article}"
