"""Statements prepared once a database connection and then executed.

The crossing's and the network's look-ups are constant texts that PostgreSQL took longer
to plan than to run (a case page's exact identifiers: 0.65 ms of planning for 0.33 ms of
execution). Prepared (PREPARE) the first time a connection runs one, each is then only
executed (EXECUTE), with the one generic plan every connection keeps
(plan_cache_mode=force_generic_plan, reta/settings.py). A prepared statement lives as long
as the connection, whatever its transactions do (a rollback keeps it).

A parameter's type comes from what is around it in the text, not from its value: a
statement whose parameters PostgreSQL would read otherwise than given (a value written
alone, as the ORM's Value(True)), or cannot read at all, is run as it is. A migration that
changes a column's type makes the statements that select it fail until each connection
is renewed (CONN_MAX_AGE): workers are restarted after a migration.

The PREPARE goes to the driver's own cursor: it is once a connection, not a query of the
page, and the query counts that tests pin stay the same whichever test ran first.
"""

import contextlib
import datetime
import functools
import hashlib
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

import psycopg2
from django.db import connection

# A parameter as the driver writes it (named, or positional) and its escaped percent.
_PARAMETER = re.compile(r"%%|%\((\w+)\)s|%s")
_EXECUTED = re.compile(r"EXECUTE (reta_[0-9a-f]+)")
# What PostgreSQL prepares (a SAVEPOINT, a SET, a lock table, are run as they are).
_PREPARABLE = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES)\b", re.IGNORECASE)
# Each statement's own text, by its name: what an EXECUTE stands for (original()).
_TEXTS: dict[str, str] = {}
# Statements prepared on one connection at most: the ORM's texts vary with the length of
# their lists (a scope of 3 units, of 40), and each prepared plan holds memory on the server
# for as long as the connection lives. Past it, the connection's are all let go.
MOST_PER_CONNECTION = 256


@dataclass(frozen=True)
class Statement:
    name: str
    prepare: str  # PREPARE <name> AS <the text, its parameters as $1, $2...>
    execute: str  # EXECUTE <name>(%s, %s...), for the driver to fill
    names: tuple[str, ...] | None  # the named parameters in the order of $n; None: positional
    count: int


@functools.lru_cache(maxsize=512)
def statement(sql: str) -> Statement:
    """``sql``, written with the driver's parameters (all named or all positional), as a
    statement to prepare: its name comes from its text, so the same text is one statement."""
    names: list[str] = []
    positional = 0

    def number(match) -> str:
        nonlocal positional
        if match.group(0) == "%%":
            return "%"
        if match.group(1) is None:
            positional += 1
            return f"${positional}"
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    text = _PARAMETER.sub(number, sql)
    if names and positional:
        raise ValueError("a statement's parameters are all named or all positional")
    count = len(names) or positional
    name = "reta_" + hashlib.sha1(sql.encode(), usedforsecurity=False).hexdigest()[:20]
    if len(_TEXTS) >= 4096:  # texts of statements long forgotten (statement()'s cache)
        _TEXTS.clear()
    _TEXTS[name] = sql
    holes = ", ".join(["%s"] * count)
    return Statement(
        name=name,
        prepare=f"PREPARE {name} AS {text}",
        execute=f"EXECUTE {name}({holes})" if count else f"EXECUTE {name}",
        names=tuple(names) if names else None,
        count=count,
    )


def original(executed: str) -> str:
    """The text of the statement an executed ``EXECUTE reta_…(…)`` ran, for a reader of
    the queries a page made (a test, a profile); any other SQL as it is."""
    found = _EXECUTED.match(executed)
    return _TEXTS.get(found.group(1), executed) if found else executed


def _prepared_on(db) -> set[str]:
    """The statements prepared on ``db``'s current connection (a new connection, after
    a reconnection, has none)."""
    raw = db.connection
    state = getattr(db, "_reta_prepared", None)
    if state is None or state[0] is not raw:
        state = (raw, set())
        db._reta_prepared = state
    return state[1]


# What PostgreSQL must have read a parameter as, by the kind of its value, for a prepared
# statement to answer as the plain one does: the type of a parameter comes from what is
# around it in the text, so one written alone (the ORM's Value(True)) would be read as
# text ('true'). A text, an empty value or an empty list fits what it is compared to.
_TYPES = (
    (bool, {"boolean"}),
    (int, {"smallint", "integer", "bigint", "numeric", "real", "double precision"}),
    (float, {"real", "double precision", "numeric"}),
    (Decimal, {"numeric"}),
    (datetime.datetime, {"timestamp with time zone", "timestamp without time zone"}),
    (datetime.date, {"date"}),
    (uuid.UUID, {"uuid"}),
)
# Statements whose parameters PostgreSQL would read otherwise than given: run as they are.
_UNPREPARABLE: set[str] = set()


def _fits(value, type_name: str) -> bool:
    if value is None or isinstance(value, str):
        return True
    if isinstance(value, list):
        return type_name.endswith("[]") and all(_fits(v, type_name[:-2]) for v in value)
    for kind, names in _TYPES:
        if isinstance(value, kind):
            return type_name in names
    return False  # a kind of value not known here: never prepared


def _ready(cursor, prepared: Statement, args: list) -> bool:
    """Whether ``prepared`` is prepared on the connection of ``cursor`` (Django's), as
    it is now or the first time: not when its parameters would not be read as ``args``
    are (then the caller runs the statement as it is)."""
    if prepared.name in _UNPREPARABLE:
        return False
    ready = _prepared_on(cursor.db)
    if prepared.name in ready:
        return True
    raw = cursor.cursor
    # In a transaction, behind a savepoint: a text PostgreSQL cannot prepare (a parameter
    # whose type nothing around it tells) is run as it is, the transaction unharmed.
    guarded = not cursor.db.get_autocommit()
    with cursor.db.wrap_database_errors:
        if len(ready) >= MOST_PER_CONNECTION:
            raw.execute("DEALLOCATE ALL")
            ready.clear()
        if guarded:
            raw.execute("SAVEPOINT reta_prepare")
        try:
            raw.execute(prepared.prepare)
        except psycopg2.Error:
            if guarded:
                raw.execute("ROLLBACK TO SAVEPOINT reta_prepare")
            _UNPREPARABLE.add(prepared.name)
            return False
        if guarded:
            raw.execute("RELEASE SAVEPOINT reta_prepare")
        raw.execute(
            "SELECT parameter_types::text[] FROM pg_prepared_statements WHERE name = %s",
            [prepared.name],
        )
        types = raw.fetchone()[0] or []
        if len(types) != len(args) or not all(map(_fits, args, types)):
            raw.execute(f"DEALLOCATE {prepared.name}")
            _UNPREPARABLE.add(prepared.name)
            return False
    ready.add(prepared.name)
    return True


def _arguments(prepared: Statement, params) -> list:
    if prepared.names is not None:
        return [params[name] for name in prepared.names]
    args = list(params or ())
    if len(args) != prepared.count:
        raise ValueError(f"{prepared.count} parameters expected, {len(args)} given")
    return args


def execute(cursor, sql: str, params=()) -> None:
    """Run ``sql`` with ``params`` (a mapping for named parameters, a sequence for
    positional ones) on ``cursor`` (Django's), as a prepared statement."""
    prepared = statement(sql)
    args = _arguments(prepared, params)
    if _ready(cursor, prepared, args):
        cursor.execute(prepared.execute, args)
    else:
        cursor.execute(sql, params)


def _executed_prepared(execute, sql, params, many, context):
    # An execution wrapper (Django's): each query of the block, as a prepared statement.
    # Not: a query without parameters (the driver does not read its %% then), prepared
    # already (execute() in the block), not a query (a savepoint), or read by a
    # server-side cursor (.iterator(): a DECLARE).
    if (
        many
        or params is None
        or _EXECUTED.match(sql)
        or not _PREPARABLE.match(sql)
        or getattr(context["cursor"].cursor, "name", None)
    ):
        return execute(sql, params, many, context)
    prepared = statement(sql)
    args = _arguments(prepared, params)
    if not _ready(context["cursor"], prepared, args):
        return execute(sql, params, many, context)
    return execute(prepared.execute, args, many, context)


@contextlib.contextmanager
def queries():
    """The ORM's queries of the block, each as a prepared statement: for a query run at
    every visit whose planning costs more than its execution (a case with its lists)."""
    if _executed_prepared in connection.execute_wrappers:  # a block inside another
        yield
        return
    with connection.execute_wrapper(_executed_prepared):
        yield
