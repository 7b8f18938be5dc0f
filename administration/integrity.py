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

import functools
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


def same(text: str | None, other: str) -> bool:
    """Compare a stored signature or hash in constant time; anything (non-ASCII text a
    forger stored...) that is not the expected one is simply different."""
    return hmac.compare_digest((text or "").encode(), other.encode())


def row_signature_is_valid(obj) -> bool:
    return bool(obj.signature) and same(obj.signature, row_signature(obj))


def signed_without(obj, attnames) -> bool:
    """Whether the row's stored signature is the application's over its content without
    these columns: what it was before a migration added them."""
    values = {k: v for k, v in row_values(obj).items() if k not in set(attnames)}
    return same(obj.signature, _mac(obj._meta.label_lower, canonical(values)))


def sign_again_with_new_columns(model, attnames, schema_editor) -> int:
    """For a migration that adds columns to a signed table (a history): every row whose
    signature was genuine over its old columns is signed again over the new ones; a row
    that was not genuine stays as it was, and verify_audit keeps naming it. Returns how
    many rows were signed again. Needs AUDIT_SIGNING_KEY when the table has rows."""
    if not model.objects.exists():
        return 0
    signing_key()  # a clear error when the key is missing
    signatures = [
        (row_signature(row), row.pk)
        for row in model.objects.order_by("pk").iterator(chunk_size=2000)
        if signed_without(row, attnames)
    ]
    table = schema_editor.quote_name(model._meta.db_table)
    pk = schema_editor.quote_name(model._meta.pk.column)
    with schema_editor.connection.cursor() as cursor:
        # History is append-only; the owner lifts its triggers for this once.
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.executemany(f"UPDATE {table} SET signature = %s WHERE {pk} = %s", signatures)  # noqa: S608
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    return len(signatures)


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


def rows_of_this_transaction(cursor, txid: int | None) -> list[list]:
    """[table, id, digest] of the vouched rows this transaction wrote, digests computed by
    PostgreSQL from the stored row. ``txid`` is txid_current_if_assigned(): None means
    the transaction has written nothing yet, so no table need be asked."""
    if txid is None:
        return []
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
        # And whether this transaction has written anything yet (a page that is only read
        # has not): if not, no vouched row can be its own.
        cursor.execute(
            "SELECT clock_timestamp(), txid_current_if_assigned(), head.seq, head.row_hash "
            "FROM (SELECT 1) AS one LEFT JOIN (SELECT seq, row_hash "
            "FROM administration_auditevent WHERE seq IS NOT NULL "
            "ORDER BY seq DESC LIMIT 1) AS head ON true"
        )
        now, txid, seq, prev_hash = cursor.fetchone()
        if seq is None:
            seq, prev_hash = 0, GENESIS
        values = {
            **values,
            "at": now,
            "seq": seq + 1,
            "prev_hash": prev_hash,
            "covers": rows_of_this_transaction(cursor, txid),
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
    # Not forgery, but for the auditor to know: changes the owner role made (migrations).
    notices: list = field(default_factory=list)

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
    report.count("audit events", 0)
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
        elif not same(row["signature"], event_signature(row["row_hash"])):
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
                f"SELECT id, {ROW_DIGEST}, coalesce(to_jsonb(t)->>'db_user' = "  # noqa: S608
                "(SELECT tableowner FROM pg_tables WHERE tablename = %s), false)"
                f" FROM {connection.ops.quote_name(table)} t"
                " ORDER BY id",
                [table],
            )
            seen = set()
            report.count(table, 0)
            for row_id, digest, by_owner in cursor.fetchall():
                report.count(table)
                seen.add(row_id)
                claim = vouched.get((table, row_id))
                if claim is None and by_owner:
                    # Migrations run as the owner, outside any audited action.
                    report.notices.append(f"{table} id={row_id}: written by the owner role")
                elif claim is None:
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
    counted = set(vouched_tables())  # those rows were counted once already
    for model in signed_models():
        label, pk = model._meta.db_table, model._meta.pk.attname
        seen = set()
        for obj in model.objects.order_by("pk").iterator(chunk_size=5000):
            if label not in counted:
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


# --- Records and their history -----------------------------------------------------


def history_models() -> list:
    """The models whose history is signed (simple-history through signed_history())."""
    from .models.audit import SignedRow

    return [
        m
        for m in apps.get_models()
        if hasattr(m, "history")
        and not hasattr(m, "instance_type")
        and issubclass(getattr(m.history, "model", object), SignedRow)
    ]


def _scoped(table: str, condition: str | None) -> str:
    quoted = connection.ops.quote_name(table)
    if not condition:
        return quoted
    return f"(SELECT * FROM {quoted} WHERE {condition})"  # noqa: S608 (from the models)


@functools.cache
def history_model_of(model):
    """The model's history model (``instance.history`` builds a new manager class at each
    access: slow on every save)."""
    return model.history.model


@functools.cache
def _compared_columns(model) -> tuple[str, ...]:
    history_columns = {f.column for f in history_model_of(model)._meta.concrete_fields}
    return tuple(f.column for f in model._meta.concrete_fields if f.column in history_columns)


def records_apart_from_history(model) -> list[tuple[int, list[str] | None]]:
    """(id, differing columns) of the rows that are not what their last signed history row
    says; None for a row with no history at all. A model may say from when its history
    starts (``HISTORY_SCOPE``: a complaint's, once it is sent)."""
    quote = connection.ops.quote_name
    scope = getattr(model, "HISTORY_SCOPE", None)
    history = quote(model.history.model._meta.db_table)
    columns = _compared_columns(model)
    live = ", ".join(f"r.{quote(c)}" for c in columns)
    kept = ", ".join(f"h.{quote(c)}" for c in columns)
    pk = quote(model._meta.pk.column)
    query = f"""
        SELECT r.{pk}, h.history_id IS NULL OR h.history_type = '-', {live}, {kept}
        FROM {_scoped(model._meta.db_table, scope)} r
        LEFT JOIN LATERAL (
            SELECT * FROM {history} h WHERE h.{pk} = r.{pk}
            ORDER BY h.history_id DESC LIMIT 1
        ) h ON true
        WHERE h.history_id IS NULL OR h.history_type = '-'
           OR ROW({live}) IS DISTINCT FROM ROW({kept})
        ORDER BY r.{pk}
    """  # noqa: S608 (names from the models, no user input)
    found = []
    with connection.cursor() as cursor:
        cursor.execute(query)
        n = len(columns)
        for row in cursor.fetchall():
            values = row[2:]
            differing = (
                None
                if row[1]
                else [c for c, a, b in zip(columns, values[:n], values[n:], strict=True) if a != b]
            )
            found.append((row[0], differing))
    return found


def records_removed(model) -> list[int]:
    """Ids whose last history row says the record exists, but it does not."""
    quote = connection.ops.quote_name
    pk = quote(model._meta.pk.column)
    history = _scoped(model.history.model._meta.db_table, getattr(model, "HISTORY_SCOPE", None))
    query = f"""
        SELECT h.{pk} FROM (
            SELECT DISTINCT ON ({pk}) {pk}, history_type FROM {history} s
            ORDER BY {pk}, history_id DESC
        ) h
        WHERE h.history_type <> '-'
          AND NOT EXISTS (SELECT 1 FROM {quote(model._meta.db_table)} r WHERE r.{pk} = h.{pk})
        ORDER BY h.{pk}
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(query)
        return [row[0] for row in cursor.fetchall()]


def verify_records_match_history(report: Report) -> None:
    """Every record with a signed history is what its last history row says: a row
    written, changed or removed by SQL (with the application's password or the owner's
    with the triggers off) is named."""
    for model in history_models():
        name = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {_scoped(name, getattr(model, 'HISTORY_SCOPE', None))} r"  # noqa: S608
            )
            report.count(f"records of {name}", cursor.fetchone()[0])
        for row_id, fields in records_apart_from_history(model):
            if fields is None:
                report.problem(
                    f"{name} id={row_id}: has no history: written outside the application"
                )
            else:
                report.problem(
                    f"{name} id={row_id}: differs from its last signed history "
                    f"({', '.join(fields)}): changed outside the application"
                )
        for row_id in records_removed(model):
            report.problem(f"{name} id={row_id}: its history says it exists, but it was removed")


def untouched_since_signed(obj) -> bool:
    """Whether the record, as the database holds it now, is what its last signed history
    row says (always true outside the model's HISTORY_SCOPE: a draft's history starts when
    it is sent)."""
    model = obj._meta.model
    scope = getattr(model, "HISTORY_SCOPE", None)
    if scope:
        pk = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {_scoped(model._meta.db_table, scope)} r WHERE r.{pk} = %s",  # noqa: S608
                [obj.pk],
            )
            if cursor.fetchone() is None:
                return True
    return record_matches_history(obj)


def password_seal(user_id: int, password_hash: str) -> str:
    return _mac("password", f"{user_id}:{password_hash}".encode())


def password_is_sealed(user) -> bool:
    return same(user.password_seal, password_seal(user.pk, user.password))


def verify_password_seals(report: Report) -> None:
    from administration.models import User

    report.count("password seals of administration_user", 0)
    for user in User.objects.only("pk", "password", "password_seal").iterator():
        report.count("password seals of administration_user")
        if not password_is_sealed(user):
            report.problem(
                f"administration_user id={user.pk}: its password was set outside the application"
            )


def record_matches_history(obj) -> bool:
    """One record against its last history row, which must be signed (a sign-in checks
    the account this way: an account written into the database by SQL is refused)."""
    model = obj._meta.model  # (a request's user is a lazy object, not a User)
    history = history_model_of(model).objects.filter(**{model._meta.pk.attname: obj.pk})
    last = history.order_by("-history_id").first()
    if last is None or last.history_type == "-" or not row_signature_is_valid(last):
        return False
    compared = set(_compared_columns(model))
    fresh = (
        model.objects.filter(pk=obj.pk)
        .values(*[f.attname for f in model._meta.concrete_fields if f.column in compared])
        .first()
    )
    return fresh is not None and all(getattr(last, name) == value for name, value in fresh.items())


def seal_rows_written_by_migrations() -> list[str]:
    """Reference data that migrations load (roles, the legal catalogue…) is written
    without history: give each such row a signed history row once, and say which. Only
    models that say so (``SEALED_AT_MIGRATION``) — never users or units, which only the
    application creates, so a row slipped in by SQL is never sealed."""
    sealed = []
    for model in history_models():
        if not getattr(model, "SEALED_AT_MIGRATION", False):
            continue
        history = model.history.model
        unrecorded = model.objects.exclude(pk__in=history.objects.values(model._meta.pk.attname))
        rows = []
        # To the millisecond: a snapshot of the database (dumpdata, the test suite's
        # reference data) keeps no more, and reloading it must change nothing.
        now = timezone.now()
        now = now.replace(microsecond=now.microsecond // 1000 * 1000)
        for instance in unrecorded:
            row = history(
                history_date=now,
                history_change_reason="recorded at migration",
                history_type="+",
                **{f.attname: getattr(instance, f.attname) for f in history.tracked_fields},
            )
            sign_row(row)
            rows.append(row)
        if rows:
            history.objects.bulk_create(rows)
            sealed.append(f"{model._meta.db_table} {len(rows)}")
    return sealed


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
