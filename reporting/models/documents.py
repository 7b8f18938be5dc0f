from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from administration.history import signed_history

from .complaints import Complaint, Victim


class DocumentKind(models.TextChoices):
    RECORD = "acta", _("record of the complaint")
    PROSECUTOR = "fiscalia", _("notice to the prosecutor's office")
    MEDICAL = "medico", _("request for a forensic medical examination")
    WARRANT = "allanamiento", _("request for a search and entry warrant")
    INFORMATION = "informacion", _("request for information")


# The heading word and whether the document asks for an answer.
DOCUMENT_STYLE = {
    DocumentKind.RECORD: ("ACTA", False),
    DocumentKind.PROSECUTOR: ("OFICIO", False),
    DocumentKind.MEDICAL: ("OFICIO", True),
    DocumentKind.WARRANT: ("OFICIO", True),
    DocumentKind.INFORMATION: ("OFICIO", True),
}


class DocumentCounter(models.Model):
    """The last number of a unit's series of a year (OFICIO, ACTA...): taken under a row
    lock in the issuing transaction, never reused, no gaps."""

    unit = models.ForeignKey("administration.Unit", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "series"], name="one_counter_per_series"
            )
        ]

    def __str__(self):
        return f"{self.series} {self.year} {self.unit_id}: {self.last}"


class IssuedDocument(models.Model):
    """A document issued from a sent complaint, and the answer it received."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="documents")
    unit = models.ForeignKey(
        "administration.Unit", on_delete=models.PROTECT, verbose_name=_("issuing unit")
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=120, unique=True)
    recipient = models.CharField(_("addressed to"), max_length=200)
    office = models.ForeignKey(
        "administration.JusticeOffice", on_delete=models.PROTECT, null=True, blank=True
    )
    institution = models.ForeignKey(
        "administration.InformationInstitution", on_delete=models.PROTECT, null=True, blank=True
    )
    victim = models.ForeignKey(Victim, on_delete=models.PROTECT, null=True, blank=True)
    request_text = models.TextField(_("what is requested"), max_length=2000, blank=True)
    victim_initials_only = models.BooleanField(_("victim by initials only"), default=True)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.FileField(upload_to="documents/%Y/", editable=False)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answered_on = models.DateField(_("answer received on"), null=True, blank=True)
    answer_summary = models.TextField(_("summary of the answer"), max_length=2000, blank=True)
    answer_file = models.FileField(
        _("answer (PDF or image)"),
        upload_to="answers/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg"])],
    )
    # A second answer never erases the first without a trace.
    history = signed_history(excluded_fields=["pdf"])

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")

    def __str__(self):
        return self.number

    @property
    def expects_answer(self) -> bool:
        return DOCUMENT_STYLE[self.kind][1]
