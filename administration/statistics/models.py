"""Statistics: the settings an administrator keeps, the fact tables the figures are counted
from, analysts' exports and the media reports they record.

The fact tables are derived data: one row per sent complaint, per distinct victim and per
distinct alleged trafficker (of the complaints and of the case files), with every variable
of the cross-tab builder as a narrow column. They are rebuilt from the registry by
``facts.refresh`` (Celery beat), so a national table over two million victims is one scan
of one table; the page says when they were last refreshed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from administration.history import signed_history

from .suppression import DEFAULT_K


class StatisticsSettings(models.Model):
    """One row: the thresholds of anonymity and monitoring, data an administrator sets."""

    k = models.PositiveSmallIntegerField(
        _("smallest count shown to analysts (k)"),
        default=DEFAULT_K,
        help_text=_("Counts from 1 to k−1 are shown as “<k” to analysts."),
    )
    silence_months = models.PositiveSmallIntegerField(
        _("months without registrations that raise a monitoring alert"), default=6
    )
    export_days = models.PositiveSmallIntegerField(_("days an export is kept"), default=7)
    history = signed_history()

    class Meta:
        verbose_name = _("statistics settings")
        verbose_name_plural = _("statistics settings")

    def __str__(self):
        return str(_("statistics settings"))


class FactsRefresh(models.Model):
    """When the fact tables were last rebuilt (one row)."""

    refreshed_at = models.DateTimeField(null=True)
    complaints = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    def __str__(self):
        return f"{self.refreshed_at}"


class FactColumns(models.Model):
    """The variables of a complaint, copied on each fact row so a cross-tab scans one
    table. Codes only: no name, document, phone or free text."""

    complaint_id = models.BigIntegerField(db_index=True)
    year_facts = models.SmallIntegerField(null=True)
    month_facts = models.SmallIntegerField(null=True)
    year_registration = models.SmallIntegerField()
    month_registration = models.SmallIntegerField()
    department_id = models.CharField(max_length=2, blank=True)
    province_id = models.CharField(max_length=4, blank=True)
    # Where the complaint was registered (the receiving unit's department): the proxy for
    # the place of recruitment until case files record routes.
    unit_department_id = models.CharField(max_length=2, blank=True)
    unit_id = models.BigIntegerField()
    directorate_id = models.BigIntegerField(null=True)
    purpose = models.CharField(max_length=30)
    verdict = models.CharField(max_length=20, blank=True)
    priority = models.CharField(max_length=10, blank=True)
    channel = models.CharField(max_length=20, blank=True)
    complainant_kind = models.CharField(max_length=20, blank=True)
    recruitment = models.CharField(max_length=30)
    paper = models.BooleanField(default=False)
    # The categorical custom variables of the complaint (administration/custom_fields.py):
    # {"<variable id>": "true" | "false" | "<option code>"}, a key only where a value was
    # recorded. One column for all of them: a variable an administrator adds needs no
    # migration (variables.custom_variable reads its key).
    custom = models.JSONField(default=dict)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.model_name} {self.complaint_id}"


class ComplaintFact(FactColumns):
    victims = models.PositiveIntegerField(default=0)
    suspects = models.PositiveIntegerField(default=0)


class PersonFactColumns(FactColumns):
    """A person's row. A person of a case file with no sent complaint attached has no
    complaint: the case's own variables, and its id instead (facts.CASE_COLUMNS)."""

    complaint_id = models.BigIntegerField(null=True, db_index=True)
    case_id = models.BigIntegerField(null=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(complaint_id__isnull=False) | models.Q(case_id__isnull=False),
                name="%(class)s_of_a_complaint_or_a_case",
            )
        ]


class VictimFact(PersonFactColumns):
    """One row per victim, a person named in several complaints or case files once (the
    first)."""

    sex = models.CharField(max_length=1)
    age = models.SmallIntegerField(null=True)
    age_band = models.CharField(max_length=10)
    minor = models.BooleanField(null=True)
    nationality = models.CharField(max_length=2, blank=True)


class SuspectFact(PersonFactColumns):
    """One row per alleged trafficker, a person named in several complaints or case files
    once."""

    sex = models.CharField(max_length=1)
    nationality = models.CharField(max_length=2, blank=True)
    identified = models.BooleanField(default=False)
    detained = models.BooleanField(default=False)


class Export(models.Model):
    """A table an analyst asked for as a file; built by Celery, kept for some days."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("requested"))
    expires_at = models.DateTimeField(_("available until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    # The cross-tab's choices as in its URL (codes only, no personal data).
    query = models.CharField(_("table"), max_length=1000)
    title = models.CharField(_("title"), max_length=200)
    file = models.CharField(max_length=200, blank=True)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return f"{self.title} ({self.format})"


class MediaReport(models.Model):
    """A trafficking case reported in the news, recorded by an analyst, and whether it
    matches a registered complaint: the first RETA's team found 334 reported cases never
    registered, against 420 registered."""

    class Status(models.TextChoices):
        OPEN = "open", _("to be reviewed")
        MATCHED = "matched", _("matches a registered complaint")
        NOT_REGISTERED = "not_registered", _("not registered")

    published_on = models.DateField(_("date of the report"))
    outlet = models.CharField(_("outlet"), max_length=120)
    link = models.URLField(_("link"), max_length=500, blank=True)
    department = models.ForeignKey(
        "administration.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("department"),
    )
    purpose = models.CharField(_("purpose"), max_length=30, blank=True)
    victims = models.PositiveSmallIntegerField(_("number of victims"), null=True, blank=True)
    victims_female = models.PositiveSmallIntegerField(_("of them, female"), null=True, blank=True)
    victims_male = models.PositiveSmallIntegerField(_("of them, male"), null=True, blank=True)
    victims_ages = models.CharField(_("ages of the victims, if given"), max_length=60, blank=True)
    summary = models.TextField(_("summary of the report"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    complaint = models.ForeignKey(
        "reporting.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("matching complaint"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    history = signed_history()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("media report")
        verbose_name_plural = _("media reports")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="matched") | models.Q(complaint__isnull=False),
                name="matched_report_names_its_complaint",
            )
        ]

    def __str__(self):
        return f"{self.outlet} {self.published_on:%d/%m/%Y}"


class SummaryCount(models.Model):
    """The national summary pre-counted at each refresh (people by unit, year, part and
    sex): the summary page adds a few thousand rows instead of scanning millions."""

    unit_id = models.BigIntegerField()
    year_facts = models.SmallIntegerField(null=True)
    year_registration = models.SmallIntegerField()
    # identified / in_identification (alleged traffickers); 18+ / 0-17 / unknown (victims)
    part = models.CharField(max_length=20)
    sex = models.CharField(max_length=1)
    n = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.part} {self.sex}: {self.n}"
