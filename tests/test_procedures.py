"""Stored procedures: CREATE/DROP PROCEDURE, CALL with IN/OUT/INOUT arguments, routines API.

https://cloud.google.com/bigquery/docs/procedures
"""

from __future__ import annotations

import pytest
from google.api_core import exceptions
from google.cloud import bigquery


def _rows(client: bigquery.Client, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in client.query_and_wait(sql)]


def test_call_with_out_and_inout_arguments(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(
        f"CREATE OR REPLACE PROCEDURE {ds}.describe_number(IN n INT64, OUT label STRING, "
        "INOUT total INT64)\n"
        "BEGIN\n"
        "  DECLARE doubled INT64 DEFAULT n * 2;\n"
        "  IF n > 10 THEN SET label = 'big'; ELSE SET label = 'small'; END IF;\n"
        "  SET total = total + doubled;\n"
        "END"
    )
    rows = _rows(
        client,
        "DECLARE label STRING; DECLARE total INT64 DEFAULT 100; DECLARE doubled STRING "
        "DEFAULT 'caller';\n"
        f"CALL {ds}.describe_number(3, label, total);\n"
        f"CALL `{dataset}.describe_number`(20 + 1, label, total);\n"
        "SELECT label, total, doubled",
    )
    assert rows == [("big", 148, "caller")]  # the procedure's own variables stay its own


def test_procedure_writes_tables_and_returns_early(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(f"CREATE TABLE {ds}.log (msg STRING)")
    client.query_and_wait(
        f"CREATE PROCEDURE {ds}.note(msg STRING)\n"
        "BEGIN\n"
        "  IF msg IS NULL THEN RETURN; END IF;\n"
        f"  INSERT INTO {ds}.log VALUES (msg);\n"
        "END;"
    )
    client.query_and_wait(f"CALL {ds}.note('one'); CALL {ds}.note(NULL); CALL {ds}.note('two')")
    assert _rows(client, f"SELECT msg FROM {ds}.log ORDER BY msg") == [("one",), ("two",)]


def test_procedure_calls_procedure_and_selects(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(
        f"CREATE PROCEDURE {ds}.inc(INOUT x INT64) BEGIN SET x = x + 1; END;\n"
        f"CREATE PROCEDURE {ds}.inc_twice(INOUT x INT64) BEGIN CALL {ds}.inc(x); "
        f"CALL {ds}.inc(x); END"
    )
    assert _rows(client, f"DECLARE v INT64 DEFAULT 5; CALL {ds}.inc_twice(v); SELECT v") == [(7,)]
    client.query_and_wait(f"CREATE PROCEDURE {ds}.show(n INT64) BEGIN SELECT n * 10 AS x; END")
    assert _rows(client, f"CALL {ds}.show(4)") == [(40,)]


def test_routines_api_and_drop(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(
        f"CREATE PROCEDURE {ds}.p(IN a INT64, OUT b ARRAY<STRING>) BEGIN SET b = ['x']; END"
    )
    routine = client.get_routine(f"{dataset}.p")
    assert routine.type_ == "PROCEDURE"
    assert routine.language == "SQL"
    assert [(a.name, a.mode) for a in routine.arguments] == [("a", "IN"), ("b", "OUT")]
    assert routine.arguments[1].data_type.type_kind == bigquery.StandardSqlTypeNames.ARRAY
    assert routine.body.startswith("BEGIN") and routine.body.endswith("END")
    with pytest.raises(exceptions.Conflict, match="Already Exists: Procedure"):
        client.query_and_wait(f"CREATE PROCEDURE {ds}.p() BEGIN SELECT 1; END")

    job = client.query(f"DROP PROCEDURE {ds}.p")
    job.result()
    assert job.statement_type == "DROP_PROCEDURE"
    assert list(client.list_routines(dataset)) == []
    client.query_and_wait(f"DROP PROCEDURE IF EXISTS {ds}.p")
    with pytest.raises(exceptions.NotFound, match="Not found: Procedure"):
        client.query_and_wait(f"DROP PROCEDURE {ds}.p")


# -- bad input ------------------------------------------------------------------------------------


def test_call_with_wrong_argument_count(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(f"CREATE PROCEDURE {ds}.two(a INT64, b INT64) BEGIN SELECT a + b; END")
    with pytest.raises(exceptions.BadRequest, match="takes 2 argument"):
        client.query_and_wait(f"CALL {ds}.two(1)")


def test_call_unknown_procedure(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    with pytest.raises(exceptions.NotFound, match="Not found: Procedure"):
        client.query_and_wait(f"CALL {ds}.missing()")


def test_out_argument_must_be_a_variable(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(f"CREATE PROCEDURE {ds}.setter(OUT x INT64) BEGIN SET x = 1; END")
    with pytest.raises(exceptions.BadRequest, match="must be a declared variable"):
        client.query_and_wait(f"CALL {ds}.setter(1 + 2)")


def test_error_inside_procedure_reaches_the_caller_handler(
    client: bigquery.Client, dataset: str
) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(
        f"CREATE PROCEDURE {ds}.fail(msg STRING) BEGIN RAISE USING MESSAGE = msg; END"
    )
    with pytest.raises(exceptions.BadRequest, match="boom"):
        client.query_and_wait(f"CALL {ds}.fail('boom')")
    rows = _rows(
        client,
        f"BEGIN CALL {ds}.fail('caught'); EXCEPTION WHEN ERROR THEN "
        "SELECT @@error.message AS m; END",
    )
    assert rows == [("caught",)]


def test_bad_procedure_definitions(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    with pytest.raises(exceptions.BadRequest, match="Invalid type"):
        client.query_and_wait(f"CREATE PROCEDURE {ds}.bad(a NOT_A_TYPE<) BEGIN SELECT 1; END")
    with pytest.raises(exceptions.BadRequest, match="Duplicate"):
        client.query_and_wait(f"CREATE PROCEDURE {ds}.bad(a INT64, A STRING) BEGIN SELECT 1; END")
    with pytest.raises(exceptions.BadRequest, match="Syntax error: Expected keyword"):
        client.query_and_wait(f"CREATE PROCEDURE {ds}.bad() BEGIN SELECT 1;")
