from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from administration.history import signed_history


class AlertRoute(models.Model):
    """Which unit receives trafficking alerts for a department, and from when to when.
    Without a route in force, the department's specialized unit receives them
    (reporting/routing.py)."""

    department = models.ForeignKey(
        "administration.Department", on_delete=models.PROTECT, verbose_name=_("department")
    )
    unit = models.ForeignKey(
        "administration.Unit", on_delete=models.PROTECT, verbose_name=_("receiving unit")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    history = signed_history()
    # Routes written before their history existed get a first signed row at migration.
    SEALED_AT_MIGRATION = True

    class Meta:
        ordering = ["department", "-valid_from"]
        verbose_name = _("alert route")
        verbose_name_plural = _("alert routes")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="alert_route_validity_ordered",
            )
        ]

    def __str__(self):
        return f"{self.department} → {self.unit}"


class Alert(models.Model):
    """An alert (or a notice) for one unit about one complaint.

    Written in the transaction that sends the complaint (the outbox); it shows in the
    unit's inbox once delivered. Delivery is idempotent: ``delivered_at`` is set once, and
    the e-mail is recorded in Delivery under a unique constraint."""

    class Priority(models.TextChoices):
        URGENT = "urgent", _("urgent")
        HIGH = "high", _("high")
        NORMAL = "normal", _("normal")

    class Kind(models.TextChoices):
        ALERT = "alert", _("trafficking alert")
        NOTICE = "notice", _("notice of a related crime")
        ESCALATION = "escalation", _("escalated alert")
        # The registry watching itself (statistics): a unit or department that stopped
        # registering. About no complaint; no personal data.
        MONITORING = "monitoring", _("registry monitoring")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        TAKEN = "taken", _("taken")

    complaint = models.ForeignKey(
        "reporting.Complaint",
        on_delete=models.PROTECT,
        related_name="alerts",
        null=True,
        blank=True,
    )
    unit = models.ForeignKey("administration.Unit", on_delete=models.PROTECT, related_name="alerts")
    # What a monitoring alert is about, e.g. "unit:42" or "department:08" (codes only), and
    # the sentence the inbox shows.
    subject = models.CharField(_("subject"), max_length=40, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    # 0 urgent, 1 high, 2 normal: the inbox sorts on it.
    rank = models.PositiveSmallIntegerField(default=2)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"), db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    # The unit's address when the alert was written; the mail is pending until a
    # Delivery row exists.
    mail_to = models.EmailField(_("e-mail to"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    # Failed attempts since the last success or manual retry; at
    # ALERT_DELIVERY_MAX_ATTEMPTS the alert is given up (``failed_at``) until retried by hand.
    failures = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    failed_at = models.DateTimeField(_("delivery given up"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    escalated_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="escalations"
    )

    class Meta:
        ordering = ["rank", "created_at"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "unit", "kind"], name="one_alert_per_unit_and_kind"
            ),
            models.UniqueConstraint(
                fields=["subject", "unit"],
                condition=Q(kind="monitoring", status="open"),
                name="one_open_monitoring_alert_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(kind="monitoring") | Q(complaint__isnull=False),
                name="alert_about_a_complaint_unless_monitoring",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="alert_pending",
                condition=Q(delivered_at__isnull=True),
            ),
            # The inbox's order (selectors.inbox_for), read from its top, and its badge.
            models.Index(
                fields=["unit", "status", "rank", "created_at"],
                name="alert_inbox_order",
                condition=Q(delivered_at__isnull=False),
            ),
            # The escalated alerts a chief sees on the home page: few among a million, read
            # in their order (without it, every home of an administrator scanned them all).
            models.Index(
                fields=["unit", "rank", "created_at"],
                name="alert_escalated_open",
                condition=Q(escalated_at__isnull=False, status="open"),
            ),
        ]

    def __str__(self):
        about = self.complaint if self.complaint_id else self.subject
        return f"{self.get_kind_display()} {about} → {self.unit}"


class Delivery(models.Model):
    """One e-mail sent for an alert. The unique constraint is what makes delivering twice
    send one mail."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="deliveries")
    channel = models.CharField(max_length=10, default="email")
    address = models.EmailField()
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["alert", "channel"], name="one_delivery_per_channel")
        ]

    def __str__(self):
        return f"{self.alert_id} {self.channel}"


class AlertNote(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"), max_length=2000)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self.alert_id}: {self.at:%Y-%m-%d %H:%M}"
