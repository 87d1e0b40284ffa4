"""SQL UDFs: temporary and persistent functions, and the routines REST API (real client)."""

from __future__ import annotations

import pytest
from google.api_core import exceptions
from google.cloud import bigquery


def test_temp_function_lives_only_in_its_query(client: bigquery.Client) -> None:
    rows = client.query_and_wait(
        "CREATE TEMP FUNCTION add_one(x INT64) RETURNS INT64 AS (x + 1); "
        "CREATE TEMP FUNCTION twice(x ANY TYPE) AS (x * 2); "
        "SELECT add_one(41) AS a, twice(2.5) AS b, twice(3) AS c"
    )
    assert [tuple(r) for r in rows] == [(42, 5.0, 6)]
    with pytest.raises(exceptions.BadRequest):
        client.query_and_wait("SELECT add_one(1)")


def test_persistent_function_and_routines_api(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(f"CREATE FUNCTION {ds}.shout(s STRING) RETURNS STRING AS (UPPER(s))")
    rows = client.query_and_wait(f"SELECT {ds}.shout('hi') AS a, `{dataset}.shout`('yo') AS b")
    assert [tuple(r) for r in rows] == [("HI", "YO")]

    routines = list(client.list_routines(dataset))
    assert [r.routine_id for r in routines] == ["shout"]
    got = client.get_routine(f"{dataset}.shout")
    assert got.type_ == "SCALAR_FUNCTION"
    assert got.language == "SQL"
    assert [a.name for a in got.arguments] == ["s"]
    assert "UPPER" in got.body

    routine = bigquery.Routine(
        f"{dataset}.plus",
        type_="SCALAR_FUNCTION",
        language="SQL",
        body="a + b",
        arguments=[
            bigquery.RoutineArgument(
                name="a",
                data_type=bigquery.StandardSqlDataType(
                    type_kind=bigquery.StandardSqlTypeNames.INT64
                ),
            ),
            bigquery.RoutineArgument(
                name="b",
                data_type=bigquery.StandardSqlDataType(
                    type_kind=bigquery.StandardSqlTypeNames.INT64
                ),
            ),
        ],
    )
    client.create_routine(routine)
    assert [tuple(r) for r in client.query_and_wait(f"SELECT {ds}.plus(2, 3)")] == [(5,)]

    client.delete_routine(f"{dataset}.plus")
    with pytest.raises(exceptions.NotFound):
        client.get_routine(f"{dataset}.plus")
    client.query_and_wait(f"DROP FUNCTION {ds}.shout")
    assert list(client.list_routines(dataset)) == []


def test_unsupported_language_is_refused(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="LANGUAGE python"):
        client.query_and_wait(
            "CREATE TEMP FUNCTION f(x FLOAT64) RETURNS FLOAT64 LANGUAGE python AS r'return x';"
            " SELECT f(1.0)"
        )


def test_create_routine_of_every_kind_through_the_api(
    client: bigquery.Client, dataset: str
) -> None:
    ds = dataset.split(".")[1]
    float64 = bigquery.StandardSqlDataType(type_kind=bigquery.StandardSqlTypeNames.FLOAT64)
    int64 = bigquery.StandardSqlDataType(type_kind=bigquery.StandardSqlTypeNames.INT64)
    client.create_routine(
        bigquery.Routine(
            f"{dataset}.js_half",
            type_="SCALAR_FUNCTION",
            language="JAVASCRIPT",
            body="return x / 2;",
            arguments=[bigquery.RoutineArgument(name="x", data_type=float64)],
            return_type=float64,
        )
    )
    assert [tuple(r) for r in client.query_and_wait(f"SELECT {ds}.js_half(5)")] == [(2.5,)]

    tvf = bigquery.Routine(
        f"{dataset}.upto",
        type_="TABLE_VALUED_FUNCTION",
        language="SQL",
        body="SELECT x FROM UNNEST(GENERATE_ARRAY(1, n)) AS x",
        arguments=[bigquery.RoutineArgument(name="n", data_type=int64)],
    )
    tvf.return_table_type = bigquery.StandardSqlTableType(
        columns=[bigquery.StandardSqlField(name="x", type=int64)]
    )
    client.create_routine(tvf)
    assert [tuple(r) for r in client.query_and_wait(f"SELECT SUM(x) FROM {ds}.upto(3)")] == [(6,)]

    out = bigquery.RoutineArgument(name="y", data_type=int64, mode="OUT")
    client.create_routine(
        bigquery.Routine(
            f"{dataset}.sq",
            type_="PROCEDURE",
            language="SQL",
            body="BEGIN SET y = x * x; END",
            arguments=[bigquery.RoutineArgument(name="x", data_type=int64, mode="IN"), out],
        )
    )
    rows = client.query_and_wait(f"DECLARE r INT64; CALL {ds}.sq(9, r); SELECT r")
    assert [tuple(r) for r in rows] == [(81,)]
    kinds = {r.routine_id: r.type_ for r in client.list_routines(dataset)}
    assert kinds == {
        "js_half": "SCALAR_FUNCTION",
        "sq": "PROCEDURE",
        "upto": "TABLE_VALUED_FUNCTION",
    }
    for routine_id in kinds:
        client.delete_routine(f"{dataset}.{routine_id}")
    assert list(client.list_routines(dataset)) == []
