"""Statements of constant SQL, prepared once a database connection and then executed.

The crossing's and the network's look-ups are constant texts that PostgreSQL took longer
to plan than to run (a case page's exact identifiers: 0.65 ms of planning for 0.33 ms of
execution). Prepared (PREPARE) the first time a connection runs one, each is then only
executed (EXECUTE): PostgreSQL plans it afresh for its first five runs, then keeps a
generic plan when that costs no more. A prepared statement lives as long as the
connection, whatever its transactions do (a rollback keeps it).

The PREPARE goes to the driver's own cursor: it is once a connection, not a query of the
page, and the query counts that tests pin stay the same whichever test ran first.
"""

import contextlib
import functools
import hashlib
import re
from dataclasses import dataclass

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


def _ready(cursor, prepared: Statement) -> None:
    """``prepared`` prepared on the connection of ``cursor`` (Django's cursor)."""
    ready = _prepared_on(cursor.db)
    if prepared.name in ready:
        return
    if len(ready) >= MOST_PER_CONNECTION:
        cursor.cursor.execute("DEALLOCATE ALL")
        ready.clear()
    cursor.cursor.execute(prepared.prepare)
    ready.add(prepared.name)


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
    _ready(cursor, prepared)
    cursor.execute(prepared.execute, _arguments(prepared, params))


def _executed_prepared(execute, sql, params, many, context):
    # An execution wrapper (Django's): each query of the block, as a prepared statement.
    # Prepared already (execute() in the block), or not to be prepared.
    if many or _EXECUTED.match(sql) or not _PREPARABLE.match(sql):
        return execute(sql, params, many, context)
    prepared = statement(sql)
    _ready(context["cursor"], prepared)
    return execute(prepared.execute, _arguments(prepared, params), many, context)


@contextlib.contextmanager
def queries():
    """The ORM's queries of the block, each as a prepared statement: for a query run at
    every visit whose planning costs more than its execution (a case with its lists)."""
    if _executed_prepared in connection.execute_wrappers:  # a block inside another
        yield
        return
    with connection.execute_wrapper(_executed_prepared):
        yield
