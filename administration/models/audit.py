from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import ReadableJSONField


class AuditEvent(models.Model):
    """One line of the audit log. Append-only: PostgreSQL refuses UPDATE, DELETE and
    TRUNCATE on this table (migration 0002), whatever the application's role tries. Each
    line is a signed link of a hash chain (administration/integrity.py), so a line written,
    changed or removed by someone holding the database's password shows in verify_audit.

    No foreign keys on purpose: a row must never be touched by a cascade, and it keeps the
    username and unit code as they were at the time. Never personal data of victims and
    never passwords: an object is named by its type and id only.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("sign-in")
        LOGIN_FAILED = "login_failed", _("failed sign-in")
        LOGOUT = "logout", _("sign-out")
        VIEW = "view", _("view")
        CREATE = "create", _("create")
        CHANGE = "change", _("change")
        PRINT = "print", _("print")
        EXPORT = "export", _("export")
        CORRECTION = "correction", _("correction")
        VERIFY = "verify", _("audit verification")
        PERMISSION_CHANGE = "permission_change", _("permission change")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("success")
        FAILURE = "failure", _("failure")
        DENIED = "denied", _("denied")

    at = models.DateTimeField(_("when (UTC)"), db_index=True)
    user_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    username = models.CharField(_("username"), max_length=150, blank=True)
    unit_id = models.BigIntegerField(_("unit id"), null=True, blank=True)
    unit_code = models.CharField(_("unit"), max_length=60, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    # The chain: place, previous link, this link's hash and its signature; and the rows
    # written by triggers in the same transaction that this event vouches for.
    seq = models.BigIntegerField(_("place in the chain"), null=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    row_hash = models.CharField(max_length=64, blank=True)
    signature = models.CharField(max_length=64, blank=True)
    covers = ReadableJSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"


class SignedRow(models.Model):
    """A row whose content the application signs when it writes it
    (administration/integrity.py): a forged or altered row shows in ``verify_audit``."""

    signature = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


class TableChange(models.Model):
    """Every change of who may do what (the permissions of a role's group, a user's groups
    and own permissions), written by database triggers whatever the path (migration
    0015). The application's changes are vouched for by their audit event; a change made
    with the database's password alone shows in verify_audit."""

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
        indexes = [models.Index(fields=["txid"], name="tablechange_txid")]

    def __str__(self):
        return f"{self.operation} {self.table} {self.row_id}"
