"""verify_audit's check of sent complaints: each one, and each of its victims and suspects,
must be exactly what its last (signed) history row says.

The database's triggers stop the application's role from changing a sent complaint
without a correction; the owner of the tables can still switch them off. Whatever the path,
a change that did not go through the application leaves the record and its history
apart, and this check names the record.
"""

from django.db import connection

from .models import Complaint, Suspect, Victim

SENT = "SELECT id FROM reporting_complaint WHERE status = 'sent'"


def _compared_columns(model) -> list[str]:
    history_columns = {f.column for f in model.history.model._meta.concrete_fields}
    return [f.column for f in model._meta.concrete_fields if f.column in history_columns]


def _differing(model, sent_ids_sql: str, owner_column: str) -> list[tuple[int, list[str]]]:
    quote = connection.ops.quote_name
    table, history = quote(model._meta.db_table), quote(model.history.model._meta.db_table)
    columns = _compared_columns(model)
    live = ", ".join(f"r.{quote(c)}" for c in columns)
    kept = ", ".join(f"h.{quote(c)}" for c in columns)
    query = f"""
        SELECT r.id, h.history_id IS NULL OR h.history_type = '-', {live}, {kept}
        FROM {table} r
        LEFT JOIN LATERAL (
            SELECT * FROM {history} h WHERE h.id = r.id ORDER BY h.history_id DESC LIMIT 1
        ) h ON true
        WHERE r.{quote(owner_column)} IN ({sent_ids_sql})
          AND (h.history_id IS NULL OR h.history_type = '-'
               OR ROW({live}) IS DISTINCT FROM ROW({kept}))
        ORDER BY r.id
    """  # noqa: S608 (names from the models, no user input)
    found = []
    with connection.cursor() as cursor:
        cursor.execute(query)
        for row in cursor.fetchall():
            row_id, unrecorded, values = row[0], row[1], row[2:]
            n = len(columns)
            differing = (
                []
                if unrecorded
                else [c for c, a, b in zip(columns, values[:n], values[n:], strict=True) if a != b]
            )
            found.append((row_id, differing))
    return found


def _removed(model, sent_ids_sql: str, owner_column: str) -> list[int]:
    quote = connection.ops.quote_name
    table, history = quote(model._meta.db_table), quote(model.history.model._meta.db_table)
    query = f"""
        SELECT h.id FROM (
            SELECT DISTINCT ON (id) id, history_type, {quote(owner_column)} AS owner
            FROM {history} ORDER BY id, history_id DESC
        ) h
        WHERE h.history_type <> '-' AND h.owner IN ({sent_ids_sql})
          AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.id = h.id)
        ORDER BY h.id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(query)
        return [row[0] for row in cursor.fetchall()]


def check_sent_complaints(report) -> None:
    for model, owner in ((Complaint, "id"), (Victim, "complaint_id"), (Suspect, "complaint_id")):
        name = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {connection.ops.quote_name(name)} "  # noqa: S608
                f"WHERE {owner} IN ({SENT})"
            )
            report.count(f"sent {name}", cursor.fetchone()[0])
        for row_id, fields in _differing(model, SENT, owner):
            report.problem(
                f"{name} id={row_id}: "
                + (
                    f"differs from its last signed history ({', '.join(fields)}): changed "
                    "outside the application"
                    if fields
                    else "has no history: written outside the application"
                )
            )
        # A sent complaint that is gone shows in its history's last row, status "sent".
        sent_history = (
            "SELECT id FROM reporting_historicalcomplaint WHERE status = 'sent'"
            if model is Complaint
            else SENT
        )
        for row_id in _removed(model, sent_history, owner):
            report.problem(f"{name} id={row_id}: its history says it exists, but it was removed")
