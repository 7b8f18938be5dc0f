"""Tamper evidence for what the registry says about itself.

The database cannot tell the application from someone who holds its password, so it cannot
stop that person from writing a correction, a history row or an audit line that looks
real. What it can be made to do is show it:

- Every audit event is a link of a hash chain (its hash covers the previous one) and carries
  an HMAC-SHA-256 signature made with ``AUDIT_SIGNING_KEY``, a key that lives in the
  application's environment and never in the database. Links are appended under a
  transaction-level advisory lock, so two writers can never fork the chain.
- Corrections and the history rows of records (django-simple-history) carry a signature of
  their own content.
- The rows that database triggers write (the change log of sent complaints) cannot be signed
  by their writer; instead the audit event of the transaction that wrote them names each one
  with the digest of its content, computed by PostgreSQL. So does it for the corrections.

``manage.py verify_audit`` recomputes all of it. The chain's head is also written outside the
database every day (``export_chain_head``), so rewriting the whole chain, signatures included,
still shows against an exported head.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

GENESIS = "0" * 64
# pg_advisory_xact_lock key of the audit chain ("RETA" in ASCII).
CHAIN_LOCK = 0x52455441
# What an audit event's own hash covers, in this order.
EVENT_FIELDS = (
    "seq",
    "at",
    "user_id",
    "username",
    "unit_id",
    "unit_code",
    "action",
    "object_type",
    "object_id",
    "address",
    "outcome",
    "detail",
    "covers",
    "prev_hash",
)


def signing_key() -> bytes:
    key = settings.AUDIT_SIGNING_KEY
    if not key:
        raise ImproperlyConfigured(
            "AUDIT_SIGNING_KEY is not set: the application cannot sign its audit log."
        )
    return key.encode()


def _plain(value):
    """A JSON-ready form of a field value that is the same whether the value was just
    assigned by the application or read back from PostgreSQL."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def canonical(values: dict) -> bytes:
    return json.dumps(
        _plain(values), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def _mac(purpose: str, message: bytes) -> str:
    return hmac.new(signing_key(), purpose.encode() + b"\0" + message, hashlib.sha256).hexdigest()


def _field_value(field_, obj):
    value = field_.value_from_object(obj)
    if value is None or isinstance(field_, models.JSONField | models.FileField):
        return value
    # The database's type, not whatever the caller assigned (an int typed as "5"...).
    return field_.to_python(value)


def row_values(obj) -> dict:
    """The signed content of a row: every column but its own id (given by the database
    after the signature is made) and the signature."""
    return {
        f.attname: _field_value(f, obj)
        for f in obj._meta.concrete_fields
        if f.attname not in {"signature", obj._meta.pk.attname}
    }


def row_signature(obj) -> str:
    return _mac(obj._meta.label_lower, canonical(row_values(obj)))


def sign_row(obj) -> None:
    obj.signature = row_signature(obj)


def row_signature_is_valid(obj) -> bool:
    return bool(obj.signature) and hmac.compare_digest(obj.signature, row_signature(obj))


# --- The audit chain ------------------------------------------------------------------


def event_hash(values: dict) -> str:
    return hashlib.sha256(canonical({name: values[name] for name in EVENT_FIELDS})).hexdigest()


def event_signature(row_hash: str) -> str:
    return _mac("audit", row_hash.encode())


def vouched_tables() -> list[str]:
    """Tables written by database triggers (or opening the lock of a sent record), whose
    rows an audit event of the same transaction must vouch for. Each app lists its own in
    its AppConfig (``vouched_tables``); each table has a ``txid`` column."""
    return [
        table
        for config in apps.get_app_configs()
        for table in getattr(config, "vouched_tables", ())
    ]


ROW_DIGEST = "encode(sha256(convert_to(to_jsonb(t)::text, 'UTF8')), 'hex')"


def rows_of_this_transaction(cursor) -> list[list]:
    """[table, id, digest] of the vouched rows this transaction wrote, digests computed by
    PostgreSQL from the stored row."""
    covers = []
    for table in vouched_tables():
        cursor.execute(
            f"SELECT id, {ROW_DIGEST} FROM {connection.ops.quote_name(table)} t "  # noqa: S608
            "WHERE txid = txid_current_if_assigned() ORDER BY id"
        )
        covers += [[table, row_id, digest] for row_id, digest in cursor.fetchall()]
    return covers


def append_event(model, values: dict):
    """Append one audit event to the chain, inside the caller's transaction (or its own).

    The advisory lock is held until that transaction ends: the next writer reads this
    event as the chain's head only once it is committed (or gone with a rollback)."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        # The database's clock, read under the lock: the chain's order is the time order.
        cursor.execute(
            "SELECT clock_timestamp(), seq, row_hash FROM administration_auditevent "
            "WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
        )
        head = cursor.fetchone()
        if head is None:
            cursor.execute("SELECT clock_timestamp()")
            now, seq, prev_hash = cursor.fetchone()[0], 0, GENESIS
        else:
            now, seq, prev_hash = head
        values = {
            **values,
            "at": now,
            "seq": seq + 1,
            "prev_hash": prev_hash,
            "covers": rows_of_this_transaction(cursor),
        }
        row_hash = event_hash(values)
        return model.objects.create(
            **values, row_hash=row_hash, signature=event_signature(row_hash)
        )


# --- Verification ---------------------------------------------------------------------


@dataclass
class Report:
    checked: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.checked[what] = self.checked.get(what, 0) + n

    def problem(self, text: str) -> None:
        self.problems.append(text)

    @property
    def total(self) -> int:
        return sum(self.checked.values())


def verify_chain(model, report: Report, heads: list[dict]) -> dict:
    """Walk the chain in order; return the rows the valid events vouch for."""
    vouched = {}
    expected, prev_hash, prev_at = 1, GENESIS, None
    rows = model.objects.order_by("seq", "id").values(*EVENT_FIELDS, "id", "row_hash", "signature")
    exported = {head["seq"] for head in heads}
    at_heads = {}
    for row in rows.iterator(chunk_size=5000):
        report.count("audit events")
        label = f"audit event id={row['id']}"
        seq = row["seq"]
        if seq is None:
            report.problem(f"{label}: has no place in the chain (inserted outside the application)")
            continue
        label = f"audit event seq={seq} (id={row['id']})"
        if seq < expected:
            report.problem(f"{label}: a second row with this place in the chain (inserted)")
            continue
        if seq > expected:
            report.problem(
                f"audit events seq={expected}..{seq - 1}: missing (removed from the chain)"
            )
        elif row["prev_hash"] != prev_hash:
            report.problem(f"{label}: does not follow the previous event (chain broken)")
        genuine = True
        if event_hash(row) != row["row_hash"]:
            report.problem(f"{label}: its content does not match its hash (altered)")
            genuine = False
        elif not hmac.compare_digest(row["signature"] or "", event_signature(row["row_hash"])):
            report.problem(f"{label}: the signature is not the application's (forged)")
            genuine = False
        if prev_at is not None and row["at"] < prev_at:
            report.problem(f"{label}: dated before the event it follows (inserted out of order)")
        if genuine:
            for table, row_id, digest in row["covers"] or []:
                vouched[(table, row_id)] = (digest, seq)
        if seq in exported:
            at_heads[seq] = row["row_hash"]
        expected, prev_hash, prev_at = seq + 1, row["row_hash"], row["at"]
    for head in heads:
        stored = at_heads.get(head["seq"])
        if stored != head["row_hash"]:
            report.problem(
                f"exported chain head of {head['date']} (seq={head['seq']}): "
                + ("missing from the database" if stored is None else "differs from the database")
                + " (the chain was rewritten)"
            )
    return vouched


def verify_vouched_rows(vouched: dict, report: Report) -> None:
    with connection.cursor() as cursor:
        for table in vouched_tables():
            cursor.execute(
                f"SELECT id, {ROW_DIGEST} FROM {connection.ops.quote_name(table)} t ORDER BY id"  # noqa: S608
            )
            seen = set()
            for row_id, digest in cursor:
                report.count(table)
                seen.add(row_id)
                claim = vouched.get((table, row_id))
                if claim is None:
                    report.problem(
                        f"{table} id={row_id}: no signed audit event vouches for it "
                        "(written outside the application)"
                    )
                elif claim[0] != digest:
                    report.problem(
                        f"{table} id={row_id}: differs from what audit event seq={claim[1]} "
                        "vouched for (altered)"
                    )
            for (claimed_table, row_id), (_digest, seq) in vouched.items():
                if claimed_table == table and row_id not in seen:
                    report.problem(
                        f"{table} id={row_id}: vouched for by audit event seq={seq} "
                        "but missing (removed)"
                    )


def signed_models() -> list:
    from .models.audit import SignedRow

    return [m for m in apps.get_models() if issubclass(m, SignedRow)]


def verify_signed_rows(report: Report) -> None:
    for model in signed_models():
        label, pk = model._meta.db_table, model._meta.pk.attname
        seen = set()
        for obj in model.objects.order_by("pk").iterator(chunk_size=5000):
            report.count(label)
            if not row_signature_is_valid(obj):
                report.problem(
                    f"{label} {pk}={obj.pk}: "
                    + (
                        "not signed by the application (inserted outside it)"
                        if not obj.signature
                        else "the signature does not match its content (forged or altered)"
                    )
                )
            elif obj.signature in seen:
                report.problem(f"{label} {pk}={obj.pk}: a copy of another signed row (inserted)")
            seen.add(obj.signature)


def read_heads(path: Path) -> list[dict]:
    if not path.exists():
        return []
    heads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            heads.append(json.loads(line))
    return heads


def export_chain_head(model, path: Path) -> dict | None:
    """Append the chain's head to a file outside the database; return it."""
    head = (
        model.objects.filter(seq__isnull=False).order_by("-seq").values("seq", "row_hash").first()
    )
    if head is None:
        return None
    line = {"date": timezone.localdate().isoformat(), **head}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as heads:
        heads.write(json.dumps(line) + "\n")
    return line
