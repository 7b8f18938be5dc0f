import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from administration.fields import ReadableJSONField
from administration.history import signed_history
from administration.models import SignedRow

from .paper import PaperFormSeries


class LockedRecordError(RuntimeError):
    pass


class GuardedQuerySet(models.QuerySet):
    """Bulk writes skip django-simple-history, so these tables refuse them: every change
    goes through a service that saves row by row (and, once sent, through a correction)."""

    def update(self, **kwargs):
        raise LockedRecordError("Bulk updates are not allowed on complaints; use a service.")

    def delete(self):
        raise LockedRecordError("Bulk deletes are not allowed on complaints; use a service.")

    def bulk_update(self, *args, **kwargs):
        raise LockedRecordError("Bulk updates are not allowed on complaints; use a service.")


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")
    UNKNOWN = "X", _("not recorded")


class DocumentType(models.TextChoices):
    DNI = "dni", _("DNI")
    FOREIGNER = "ce", _("foreigner's card (CE)")
    PASSPORT = "passport", _("passport")
    PTP = "ptp", _("temporary permit (PTP/CPP)")
    OTHER = "other", _("other")
    NONE = "none", _("none")


class Nationality(models.TextChoices):
    PERU = "PE", _("Peruvian")
    VENEZUELA = "VE", _("Venezuelan")
    COLOMBIA = "CO", _("Colombian")
    ECUADOR = "EC", _("Ecuadorian")
    BOLIVIA = "BO", _("Bolivian")
    CHILE = "CL", _("Chilean")
    BRAZIL = "BR", _("Brazilian")
    CHINA = "CN", _("Chinese")
    OTHER = "XX", _("other")
    UNKNOWN = "", _("not known")


class Complaint(models.Model):
    """A complaint (denuncia): a draft while the officer types it, locked once sent.

    The lock is PostgreSQL's (migration 0002): after sending, no UPDATE or DELETE of the
    complaint or of its victims and suspects succeeds unless a Correction by an
    administrator, with a reason, was written in the same transaction."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person at the unit")
        HOTLINE = "hotline", _("hotline 0800")
        MISSING_PERSON = "missing_person", _("missing-person report")
        MEDIA = "media", _("media report")
        REFERRAL = "referral", _("referral from another institution")
        EX_OFFICIO = "ex_officio", _("ex officio (police action)")

    class ComplainantKind(models.TextChoices):
        VICTIM = "victim", _("the victim")
        FAMILY = "family", _("a relative")
        THIRD_PARTY = "third_party", _("another person")
        INSTITUTION = "institution", _("an institution")
        ANONYMOUS = "anonymous", _("anonymous")
        POLICE = "police", _("the police itself")

    draft_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)

    channel = models.CharField(
        _("how the complaint arrived"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.IN_PERSON,
    )
    date_of_facts = models.DateField(_("date of the facts"), null=True, blank=True)
    department = models.ForeignKey(
        "administration.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("department"),
    )
    province = models.ForeignKey(
        "administration.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        "administration.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    place_detail = models.CharField(_("place (address, locality)"), max_length=200, blank=True)

    # The competent unit: it sees the complaint, and it is where it counts.
    unit = models.ForeignKey(
        "administration.Unit",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("receiving unit"),
    )
    # Who typed it: differs for the hotline and for the national division registering on
    # behalf of a unit without users.
    registered_by_unit = models.ForeignKey(
        "administration.Unit",
        on_delete=models.PROTECT,
        related_name="complaints_registered",
        verbose_name=_("registered by unit"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="complaints_registered",
        verbose_name=_("registered by"),
    )
    received_on = models.DateField(_("date of receipt"), null=True, blank=True)

    paper_series = models.ForeignKey(
        PaperFormSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("paper form series"),
    )
    paper_number = models.PositiveIntegerField(_("paper form number"), null=True, blank=True)

    complainant_kind = models.CharField(
        _("who complains"),
        max_length=20,
        choices=ComplainantKind.choices,
        blank=True,
    )
    complainant_name = models.CharField(_("complainant's name"), max_length=160, blank=True)
    complainant_document = models.CharField(
        _("complainant's identity document"), max_length=20, blank=True
    )
    complainant_phone = models.CharField(_("complainant's phone"), max_length=30, blank=True)

    officer_name = models.CharField(_("officer responsible"), max_length=160, blank=True)
    officer_cip = models.CharField(_("officer's CIP"), max_length=20, blank=True)
    narrative = models.TextField(_("what happened (short account)"), max_length=4000, blank=True)

    acts = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    means = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    purposes = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    related = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    aggravating = ArrayField(models.CharField(max_length=40), default=list, blank=True)

    verdict = models.CharField(_("verdict"), max_length=20, blank=True, db_index=True)
    priority = models.CharField(_("priority"), max_length=10, blank=True)
    verdict_detail = ReadableJSONField(_("verdict and reasons"), null=True, blank=True)
    rules_version = models.CharField(_("rules version"), max_length=20, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    objects = GuardedQuerySet.as_manager()
    history = signed_history()
    # A draft changes with every keystroke and keeps no history; a sent one must always be
    # what its last signed history row says (administration/integrity.py).
    HISTORY_SCOPE = "status = 'sent'"

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.UniqueConstraint(
                fields=["paper_series", "paper_number"], name="paper_number_unique_in_series"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(number__isnull=False) & Q(sent_at__isnull=False)),
                name="sent_complaint_has_number",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "-sent_at"], name="complaint_unit_list"),
            # The search by document or paper form number (selectors.complaint_search).
            models.Index(Upper("complainant_document"), name="complaint_complainant_document"),
            models.Index(
                fields=["paper_number"],
                name="complaint_paper_number",
                condition=Q(paper_number__isnull=False),
            ),
            # Complaints typed by one unit for another (the hotline, the national division):
            # few, counted apart from the rest of a scope (selectors.sent_count_for_user).
            models.Index(
                fields=["registered_by_unit", "unit"],
                name="complaint_on_behalf",
                condition=Q(status="sent") & ~Q(registered_by_unit=models.F("unit")),
            ),
            # A user's own drafts above the list (selectors.drafts_of): few among millions.
            models.Index(
                fields=["registered_by", "-updated_at"],
                name="complaint_drafts_of_user",
                condition=Q(status="draft"),
            ),
        ]

    def __str__(self):
        return self.number or str(_("draft"))

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def on_behalf(self) -> bool:
        return self.unit_id != self.registered_by_unit_id

    @property
    def paper_form(self) -> str:
        if self.paper_series_id is None or self.paper_number is None:
            return ""
        return f"{self.paper_series.code} N° {self.paper_number:06d}"


SENT_PARENT = "complaint_id IN (SELECT id FROM reporting_complaint WHERE status = 'sent')"


class Person(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(default=0)
    first_names = models.CharField(_("first names"), max_length=120, blank=True)
    last_names = models.CharField(_("last names"), max_length=120, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    nationality = models.CharField(
        _("nationality"), max_length=2, choices=Nationality.choices, blank=True
    )
    document_type = models.CharField(
        _("identity document"), max_length=10, choices=DocumentType.choices, blank=True
    )
    document_number = models.CharField(_("document number"), max_length=20, blank=True)

    objects = GuardedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_names, self.last_names) if part)


class Victim(Person):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="victims")
    unidentified = models.BooleanField(_("not identified yet"), default=False)
    age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    age_is_estimate = models.BooleanField(_("the age is an estimate"), default=False)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    disability = models.BooleanField(_("has a disability"), default=False)
    relation_to_suspect = models.CharField(_("relation to the suspect"), max_length=80, blank=True)
    rescued = models.BooleanField(_("rescued"), default=False)
    # Where the victim (or the person who keeps in touch with her) can be reached.
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    contact_phone_operator = models.ForeignKey(
        "administration.PhoneOperator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operator of the contact phone"),
    )
    history = signed_history()
    HISTORY_SCOPE = SENT_PARENT

    class Meta(Person.Meta):
        verbose_name = _("victim")
        verbose_name_plural = _("victims")
        # The search by document (selectors.complaint_search: iexact, i.e. UPPER()).
        indexes = [models.Index(Upper("document_number"), name="victim_document")]

    def __str__(self):
        return self.full_name or str(_("unidentified victim"))

    def age_on(self, day) -> int | None:
        """The age the classifier uses: the one typed, or from the date of birth."""
        if self.age is not None:
            return self.age
        if self.birth_date and day:
            years = day.year - self.birth_date.year
            return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))
        return None


class Suspect(Person):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="suspects")
    alias = models.CharField(_("alias"), max_length=80, blank=True)
    approximate_age = models.PositiveSmallIntegerField(_("approximate age"), null=True, blank=True)
    identified = models.BooleanField(_("identified"), default=False)
    detained = models.BooleanField(_("detained"), default=False)
    # Stored normalized (administration/identifiers.py): what investigators cross first.
    phone = models.CharField(_("phone"), max_length=16, blank=True, db_index=True)
    phone_operator = models.ForeignKey(
        "administration.PhoneOperator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phone operator"),
    )
    history = signed_history()
    HISTORY_SCOPE = SENT_PARENT

    class Meta(Person.Meta):
        verbose_name = _("alleged trafficker")
        verbose_name_plural = _("alleged traffickers")
        indexes = [models.Index(Upper("document_number"), name="suspect_document")]

    def __str__(self):
        return self.full_name or self.alias or str(_("unidentified suspect"))


class ComplaintNumber(models.Model):
    """The last national number given in a year. Taking the next one locks the year's row
    inside the sending transaction: numbers are never reused and a failed send, rolled
    back, leaves no gap."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class Correction(SignedRow):
    """An administrator's correction of a sent complaint. The database lets a sent
    complaint change only in the transaction that wrote one of these (append-only). The
    application signs it (administration/integrity.py): one written with the database's
    password alone opens the lock but shows as forged in verify_audit."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="corrections")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    # Set before the row is signed (auto_now_add would change it while saving).
    at = models.DateTimeField(_("when"), default=timezone.now)
    # Filled by the database (txid_current()); the lock compares it with the writer's.
    txid = models.BigIntegerField(editable=False, null=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["txid"], name="correction_txid")]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.complaint} — {self.at:%Y-%m-%d}"


class RowChange(models.Model):
    """Every change of a sent complaint and its children, written by database triggers
    whatever the path: the backstop that proves no change escapes the history."""

    table = models.CharField(max_length=60)
    row_id = models.BigIntegerField()
    operation = models.CharField(max_length=10)
    old = ReadableJSONField(null=True)
    new = ReadableJSONField(null=True)
    txid = models.BigIntegerField()
    at = models.DateTimeField()
    db_user = models.CharField(max_length=60)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["table", "row_id"], name="rowchange_row"),
            models.Index(fields=["txid"], name="rowchange_txid"),
        ]

    def __str__(self):
        return f"{self.operation} {self.table} {self.row_id}"
