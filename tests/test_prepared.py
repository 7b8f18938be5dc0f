import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reta import prepared


def _prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


def _run(sql, params=()):
    with connection.cursor() as cursor:
        prepared.execute(cursor, sql, params)
        return cursor.fetchall()


def test_named_parameters_are_numbered_by_their_first_appearance():
    statement = prepared.statement("SELECT %(a)s, %(b)s, %(a)s")
    assert statement.prepare.endswith("AS SELECT $1, $2, $1")
    assert statement.names == ("a", "b")
    assert statement.execute == f"EXECUTE {statement.name}(%s, %s)"


def test_positional_parameters_are_numbered_in_order_and_an_escaped_percent_is_kept():
    statement = prepared.statement("SELECT %s, %s WHERE 'a' LIKE 'a%%'")
    assert statement.prepare.endswith("AS SELECT $1, $2 WHERE 'a' LIKE 'a%'")
    assert statement.names is None and statement.count == 2


def test_named_and_positional_parameters_in_one_statement_are_refused():
    with pytest.raises(ValueError, match="all named or all positional"):
        prepared.statement("SELECT %(a)s, %s")


def test_one_text_is_one_statement_and_two_texts_are_two():
    assert prepared.statement("SELECT 1").name == prepared.statement("SELECT 1").name
    assert prepared.statement("SELECT 1").name != prepared.statement("SELECT 2").name


def test_an_execution_stands_for_the_text_it_ran():
    statement = prepared.statement("SELECT %(a)s::int")
    assert prepared.original(statement.execute % ("1",)) == "SELECT %(a)s::int"
    assert prepared.original("SELECT 3") == "SELECT 3"


def test_a_prepared_statement_answers_as_the_plain_one_does(db):
    rows = _run("SELECT %(a)s::int + %(b)s::int, %(names)s::text[]", {"a": 1, "b": 2, "names": []})
    assert rows == [(3, [])]
    assert _run("SELECT x FROM unnest(%s::bigint[]) AS x ORDER BY x", [[3, 1]]) == [(1,), (3,)]


def test_a_statement_is_prepared_once_a_connection_and_never_counted_as_a_query(db):
    sql = "SELECT %(a)s::int * 2 -- once a connection"
    with CaptureQueriesContext(connection) as queries:
        assert _run(sql, {"a": 4}) == [(8,)]
        assert _run(sql, {"a": 5}) == [(10,)]
    name = prepared.statement(sql).name
    assert [q["sql"] for q in queries] == [f"EXECUTE {name}(4)", f"EXECUTE {name}(5)"]
    assert name in _prepared_names()


def test_a_statement_prepared_in_a_transaction_rolled_back_still_runs(db):
    sql = "SELECT %(a)s::int + 10 -- after a rollback"
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        assert _run(sql, {"a": 1}) == [(11,)]
        raise ZeroDivisionError
    assert _run(sql, {"a": 2}) == [(12,)]


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_its_statements_again():
    sql = "SELECT %(a)s::int - 1 -- a new connection"
    assert _run(sql, {"a": 1}) == [(0,)]
    connection.close()
    assert _run(sql, {"a": 5}) == [(4,)]
    assert prepared.statement(sql).name in _prepared_names()


def test_a_positional_statement_given_too_few_parameters_is_refused(db):
    with pytest.raises(ValueError, match="2 parameters expected, 1 given"):
        _run("SELECT %s::int, %s::int", [1])


def test_prepared_statements_keep_one_generic_plan(db):
    sql = "SELECT count(*) FROM django_session WHERE session_key = ANY(%(keys)s)"
    for _run_again in range(3):
        _run(sql, {"keys": ["a", "b"]})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = %s",
            [prepared.statement(sql).name],
        )
        assert cursor.fetchone() == (3, 0)


def test_the_orm_queries_of_a_block_run_prepared_and_answer_the_same(tree):
    from administration.models import Unit

    plain = list(Unit.objects.order_by("pk").values_list("pk", "code"))
    assert plain
    with CaptureQueriesContext(connection) as queries, prepared.queries():
        again = list(Unit.objects.order_by("pk").values_list("pk", "code"))
    assert again == plain
    assert [q["sql"].split("_")[0] for q in queries] == ["EXECUTE reta"]
    assert "administration_unit" in prepared.original(queries[0]["sql"])


def test_a_savepoint_inside_a_block_runs_as_it_is(db):
    from administration.models import Unit

    with prepared.queries(), transaction.atomic():
        assert Unit.objects.filter(pk=0).count() == 0


def test_a_block_inside_a_block_and_a_prepared_statement_inside_one_run_once_each(db):
    with prepared.queries(), prepared.queries():
        assert connection.execute_wrappers.count(prepared._executed_prepared) == 1
        assert _run("SELECT %(a)s::int + 100 -- inside a block", {"a": 1}) == [(101,)]


def test_past_the_most_statements_a_connection_lets_them_all_go(db, monkeypatch):
    monkeypatch.setattr(prepared, "MOST_PER_CONNECTION", 2)
    for n in range(3):
        assert _run(f"SELECT %(a)s::int -- statement {n}", {"a": n}) == [(n,)]
    names = _prepared_names()
    assert prepared.statement("SELECT %(a)s::int -- statement 2").name in names
    assert prepared.statement("SELECT %(a)s::int -- statement 0").name not in names
    assert _run("SELECT %(a)s::int -- statement 0", {"a": 7}) == [(7,)]


def test_a_value_written_alone_in_a_block_keeps_its_kind(tree):
    from django.db.models import BooleanField, Case, IntegerField, Sum, Value, When

    from administration.models import Unit

    units = Unit.objects.annotate(flag=Value(False, output_field=BooleanField()))
    with prepared.queries(), transaction.atomic():
        assert {flag for flag in units.values_list("flag", flat=True)} == {False}
        ones = Case(When(pk__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField())
        assert Unit.objects.aggregate(n=Sum(ones))["n"] == Unit.objects.count()


def test_a_server_side_cursor_in_a_block_reads_as_outside_it(tree):
    from administration.models import Unit

    with prepared.queries(), transaction.atomic():
        codes = list(Unit.objects.order_by("pk").values_list("code", flat=True).iterator())
    assert codes == list(Unit.objects.order_by("pk").values_list("code", flat=True))


def test_a_query_without_parameters_in_a_block_keeps_its_double_percent(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'a%%b'")
        plain = cursor.fetchone()
        with prepared.queries():
            cursor.execute("SELECT 'a%%b'")
            assert cursor.fetchone() == plain


def test_a_statement_that_cannot_be_prepared_fails_as_the_plain_one_does(db):
    from django.db import ProgrammingError

    with pytest.raises(ProgrammingError), transaction.atomic():
        _run("SELECT reta_no_such_function(%s)", [1])
