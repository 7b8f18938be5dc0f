"""Case files of the specialized units and their records.

Every record belongs to one case and keeps its signed history (signed_history()); nothing
is deleted: a wrong timeline entry is annulled with a reason and stays visible. Each
identifier the national crossing compares is stored a second time in one written form
(administration/identifiers.py), set by the services when the record is saved, and indexed:
b-tree for exact identifiers, trigram (pg_trgm, GiST: migration 0002) for folded names.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from administration.fields import ReadableJSONField
from administration.history import signed_history
from administration.models import SignedRow
from reporting.models.complaints import DocumentType, Nationality, Sex

User = settings.AUTH_USER_MODEL


class Case(models.Model):
    """A case file ("caso"): the investigation a specialized unit works, ending in the
    police report sent to the prosecutor."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        INVESTIGATING = "investigating", _("under investigation")
        REPORT_SENT = "report_sent", _("police report sent")
        CLOSED = "closed", _("closed")
        ARCHIVED = "archived", _("archived")

    # Which state may follow which: the investigation moves forward, and a closed or
    # archived case may be reopened (new evidence), always with a reason.
    TRANSITIONS = {
        State.OPEN: (State.INVESTIGATING, State.ARCHIVED),
        State.INVESTIGATING: (State.REPORT_SENT, State.CLOSED, State.ARCHIVED),
        State.REPORT_SENT: (State.INVESTIGATING, State.CLOSED, State.ARCHIVED),
        State.CLOSED: (State.INVESTIGATING,),
        State.ARCHIVED: (State.INVESTIGATING,),
    }
    ENDED = (State.CLOSED, State.ARCHIVED)

    class Origin(models.TextChoices):
        COMPLAINT = "complaint", _("from complaints")
        ALERT = "alert", _("from an alert")
        OWN = "own", _("on the unit's own initiative")

    unit = models.ForeignKey(
        "administration.Unit",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the year"))
    number = models.CharField(_("number"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices)
    lead = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="cases_led",
        verbose_name=_("lead investigator"),
    )
    investigators = models.ManyToManyField(
        User, blank=True, related_name="cases_assigned", verbose_name=_("assigned investigators")
    )
    prosecutor_office = models.ForeignKey(
        "administration.JusticeOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("prosecutor's office"),
    )
    prosecutor_file = models.CharField(
        _("prosecutor's file (carpeta fiscal)"), max_length=60, blank=True
    )
    date_of_facts = models.DateField(_("date of the facts"), null=True, blank=True)
    summary = models.TextField(_("summary of the facts"), max_length=8000, blank=True)
    narrative = models.TextField(_("narrative of the investigation"), max_length=20000, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    state_since = models.DateTimeField(_("in this state since"))
    end_reason = models.TextField(_("reason for closing or archiving"), max_length=2000, blank=True)
    opened_at = models.DateTimeField(_("opened"))
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = signed_history()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "sequence"], name="case_number_in_series"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "-opened_at"], name="case_unit_list"),
            # The lead's latest cases (the home page's card).
            models.Index(fields=["lead", "-opened_at"], name="case_lead_latest"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_ended(self) -> bool:
        return self.state in self.ENDED


class CaseTransition(SignedRow):
    """A change of state, dated and signed by who made it (the signature is the
    application's: a row slipped in by SQL shows in verify_audit)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=Case.State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=Case.State.choices)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case_id}: {self.from_state} → {self.to_state}"


class CaseComplaint(models.Model):
    """A sent complaint worked in a case (a complaint may feed several cases)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="case_complaints")
    complaint = models.ForeignKey(
        "reporting.Complaint", on_delete=models.PROTECT, related_name="case_links"
    )
    attached_at = models.DateTimeField()
    attached_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = signed_history()

    class Meta:
        ordering = ["attached_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "complaint"], name="complaint_once_per_case")
        ]

    def __str__(self):
        return f"{self.case_id} ← {self.complaint_id}"


class CaseShare(models.Model):
    """A case opened to another unit (and its superiors), with the reason."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="shares")
    unit = models.ForeignKey("administration.Unit", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000)
    at = models.DateTimeField()
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = signed_history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "unit"], name="share_once_per_unit")]

    def __str__(self):
        return f"{self.case_id} → {self.unit_id}"


class AccessRequest(models.Model):
    """A unit that found a crossing with a case it cannot see asks its unit to open it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="access_requests")
    unit = models.ForeignKey(
        "administration.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    from_case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = signed_history()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.unit_id} → {self.case_id} ({self.status})"


class CaseRecord(models.Model):
    """What every record of a case has."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    created_at = models.DateTimeField(_("recorded"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class Action(CaseRecord):
    """An entry of the timeline. Never deleted: annulled with a reason, and shown so."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("interview")
        OPERATION = "operation", _("operation")
        RAID = "raid", _("raid")
        DETENTION = "detention", _("detention")
        RESCUE = "rescue", _("rescue")
        REQUEST_SENT = "request_sent", _("request sent")
        REQUEST_ANSWERED = "request_answered", _("request answered")
        NOTE = "note", _("note")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    description = models.TextField(_("what was done"), max_length=4000)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    annulled_at = models.DateTimeField(_("annulled"), null=True, blank=True)
    annulled_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    annul_reason = models.TextField(_("reason for annulling"), max_length=2000, blank=True)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        ordering = ["occurred_on", "created_at", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on}"


class CasePerson(CaseRecord):
    """A person of a case. Victims and witnesses have their identity protected: only the
    case's unit and the national division read their full name (investigation/display.py)."""

    class Role(models.TextChoices):
        TRAFFICKER = "trafficker", _("alleged trafficker")
        VICTIM = "victim", _("victim")
        WITNESS = "witness", _("witness")
        WHISTLEBLOWER = "whistleblower", _("whistleblower")

    class NetworkRole(models.TextChoices):
        RECRUITER = "recruiter", _("recruiter")
        TRANSPORTER = "transporter", _("transporter")
        EXPLOITER = "exploiter", _("exploiter")
        FINANCIER = "financier", _("financier")
        FACILITATOR = "facilitator", _("facilitator")
        OFFICIAL = "official", _("public official")
        UNKNOWN = "", _("not known")

    PROTECTED = (Role.VICTIM, Role.WITNESS, Role.WHISTLEBLOWER)

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(_("role in the case"), max_length=20, choices=Role.choices)
    first_names = models.CharField(_("first names"), max_length=120, blank=True)
    last_names = models.CharField(_("last names"), max_length=120, blank=True)
    aliases = models.CharField(_("aliases"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=2, choices=Nationality.choices, blank=True
    )
    document_type = models.CharField(
        _("identity document"), max_length=10, choices=DocumentType.choices, blank=True
    )
    document_number = models.CharField(_("document number"), max_length=20, blank=True)
    document_country = models.CharField(_("country of the passport"), max_length=60, blank=True)
    network_role = models.CharField(
        _("role in the network"), max_length=20, choices=NetworkRole.choices, blank=True
    )
    detained = models.BooleanField(_("detained"), default=False)
    detained_on = models.DateField(_("detained on"), null=True, blank=True)
    detained_where = models.CharField(_("detained where"), max_length=200, blank=True)
    # The crossing's forms, set by the services.
    name_folded = models.CharField(max_length=250, blank=True, editable=False)
    document_key = models.CharField(max_length=40, blank=True, editable=False)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(
                fields=["document_key"], name="caseperson_document", condition=~Q(document_key="")
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_names, self.last_names) if part)

    @property
    def is_protected(self) -> bool:
        return self.role in self.PROTECTED


class Place(CaseRecord):
    class Kind(models.TextChoices):
        BAR = "bar", _("bar")
        NIGHT_CLUB = "night_club", _("night club")
        PROSTIBAR = "prostibar", _("“prostibar”")
        AGENCY = "agency", _("employment agency")
        MINING_CAMP = "mining_camp", _("mining camp")
        LOGGING_CAMP = "logging_camp", _("logging camp")
        FARM = "farm", _("farm")
        HOUSE = "house", _("house")
        HOTEL = "hotel", _("hotel")
        WORKSHOP = "workshop", _("workshop")
        MARKET = "market", _("market")
        OTHER = "other", _("other")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="places")
    kind = models.CharField(_("kind of place"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    district = models.ForeignKey(
        "administration.District", on_delete=models.PROTECT, verbose_name=_("district")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    name_folded = models.CharField(max_length=250, blank=True, editable=False)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["district", "name_folded"], name="place_in_district")]

    def __str__(self):
        return self.name or self.get_kind_display()


class Route(CaseRecord):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="routes")
    description = models.CharField(_("description"), max_length=200, blank=True)
    # Set by the services from the legs: the crossing compares these.
    from_department = models.ForeignKey(
        "administration.Department", on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_department = models.ForeignKey(
        "administration.Department", on_delete=models.PROTECT, null=True, related_name="+"
    )
    first_day = models.DateField(null=True, blank=True)
    last_day = models.DateField(null=True, blank=True)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        indexes = [models.Index(fields=["from_department", "to_department"], name="route_ends")]

    def __str__(self):
        return self.description or f"{self.pk}"


class RouteLeg(models.Model):
    class Stage(models.TextChoices):
        RECRUITMENT = "recruitment", _("recruitment")
        TRANSIT = "transit", _("transit")
        EXPLOITATION = "exploitation", _("exploitation")

    class Transport(models.TextChoices):
        BUS = "bus", _("bus")
        BOAT = "boat", _("boat")
        PLANE = "plane", _("plane")
        CAR = "car", _("private car")
        OTHER = "other", _("other")

    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="legs")
    position = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    district = models.ForeignKey(
        "administration.District", on_delete=models.PROTECT, verbose_name=_("district")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    day = models.DateField(_("date"), null=True, blank=True)
    transport = models.CharField(
        _("means of transport"), max_length=10, choices=Transport.choices, blank=True
    )
    company = models.CharField(_("company (bus, boat…)"), max_length=120, blank=True)
    history = signed_history()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.route_id}/{self.position}"


class Vehicle(CaseRecord):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="vehicles")
    plate = models.CharField(_("licence plate"), max_length=20)
    description = models.CharField(_("make, model, colour"), max_length=200, blank=True)
    plate_key = models.CharField(max_length=12, editable=False)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        indexes = [models.Index(fields=["plate_key"], name="vehicle_plate")]

    def __str__(self):
        return self.plate


class Phone(CaseRecord):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="phones")
    number = models.CharField(_("phone number"), max_length=30)
    owner = models.ForeignKey(
        CasePerson, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("owner")
    )
    operator = models.CharField(_("operator"), max_length=60, blank=True)
    number_key = models.CharField(max_length=20, editable=False)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        indexes = [models.Index(fields=["number_key"], name="phone_number")]

    def __str__(self):
        return self.number_key


class Account(CaseRecord):
    class Kind(models.TextChoices):
        EMAIL = "email", _("e-mail")
        SOCIAL = "social", _("social network")
        BANK = "bank", _("bank account")
        TRANSFER = "transfer", _("money-transfer code")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="accounts")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    provider = models.CharField(_("network, bank or agency"), max_length=80, blank=True)
    value = models.CharField(_("address, user or number"), max_length=200)
    value_key = models.CharField(max_length=200, editable=False)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        indexes = [models.Index(fields=["kind", "value_key"], name="account_value")]

    def __str__(self):
        return self.value_key


class Attachment(CaseRecord):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("photograph")
        FINGERPRINTS = "fingerprints", _("fingerprint card")
        SCAN = "scan", _("scanned document")
        OTHER = "other", _("other")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200)
    person = models.ForeignKey(
        CasePerson, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("person")
    )
    # Outside the web root (MEDIA_ROOT is never served), under a name of the application's.
    file = models.FileField(upload_to="case_files/%Y/", editable=False)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.description


class Exploitation(CaseRecord):
    """How a victim was recruited, and the details of each purpose of exploitation."""

    class Recruitment(models.TextChoices):
        JOB_OFFER = "job_offer", _("false job offer")
        RELATIVE = "relative", _("a relative")
        PARTNER = "partner", _("partner or boyfriend")
        ACQUAINTANCE = "acquaintance", _("an acquaintance")
        INTERNET = "internet", _("internet or social networks")
        AGENCY = "agency", _("an agency")
        KIDNAPPING = "kidnapping", _("kidnapping")
        OTHER = "other", _("other")

    class Sector(models.TextChoices):
        MINING = "mining", _("mining")
        LOGGING = "logging", _("logging")
        AGRICULTURE = "agriculture", _("agriculture")
        DOMESTIC = "domestic", _("domestic work")
        TEXTILE = "textile", _("textile")
        FISHING = "fishing", _("fishing")
        OTHER = "other", _("other")
        NONE = "", _("—")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="exploitations")
    victim = models.ForeignKey(
        CasePerson, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("victim")
    )
    purpose = models.CharField(_("purpose"), max_length=40)
    recruitment = models.CharField(
        _("how the victim was recruited"), max_length=20, choices=Recruitment.choices, blank=True
    )
    establishment_kind = models.CharField(
        _("kind of establishment"), max_length=20, choices=Place.Kind.choices, blank=True
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    hours_per_day = models.PositiveSmallIntegerField(_("hours a day"), null=True, blank=True)
    pay_withheld = models.BooleanField(_("pay withheld"), default=False)
    debt = models.BooleanField(_("debt bondage"), default=False)
    documents_retained = models.BooleanField(_("documents retained"), default=False)
    details = models.TextField(_("details"), max_length=4000, blank=True)
    history = signed_history()

    class Meta(CaseRecord.Meta):
        verbose_name = _("exploitation")
        verbose_name_plural = _("exploitations")

    def __str__(self):
        return self.purpose


class CaseReport(models.Model):
    """The police report ("informe policial") to the prosecutor, kept as issued."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("administration.Unit", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=120, unique=True)
    conclusions = models.TextField(_("conclusions"), max_length=20000)
    qualification = ReadableJSONField(_("legal qualification"), default=dict)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    pdf = models.FileField(upload_to="case_reports/%Y/", editable=False)
    history = signed_history()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("police report")
        verbose_name_plural = _("police reports")

    def __str__(self):
        return self.number
