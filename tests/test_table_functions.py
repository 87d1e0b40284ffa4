"""Table-valued functions: CREATE/DROP TABLE FUNCTION, calls in FROM, the routines API.

https://cloud.google.com/bigquery/docs/table-functions
"""

from __future__ import annotations

from pathlib import Path

import pytest
from google.api_core import exceptions
from google.cloud import bigquery

from bqhouse.server import BackgroundServer
from bqhouse.testing import Emulator
from bqhouse.warehouse import Warehouse


def _rows(client: bigquery.Client, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in client.query_and_wait(sql)]


@pytest.fixture
def items(client: bigquery.Client, dataset: str) -> str:
    ds = dataset.split(".")[1]
    client.query_and_wait(
        f"CREATE TABLE {ds}.items AS "
        "SELECT 1 AS id, 'apple' AS name, 3 AS qty UNION ALL SELECT 2, 'pear', 7 "
        "UNION ALL SELECT 3, 'plum', 12"
    )
    return ds


def test_table_function_in_from(client: bigquery.Client, dataset: str, items: str) -> None:
    ds = items
    job = client.query(
        f"CREATE TABLE FUNCTION {ds}.at_least(n INT64) AS "
        f"SELECT id, name FROM {ds}.items WHERE qty >= n"
    )
    job.result()
    assert job.statement_type == "CREATE_TABLE_FUNCTION"
    assert job.ddl_operation_performed == "CREATE"
    assert _rows(client, f"SELECT name FROM {ds}.at_least(5) ORDER BY id") == [
        ("pear",),
        ("plum",),
    ]
    assert _rows(
        client, f"SELECT t.id, at_least.name FROM `{dataset}.at_least`(10) t, {ds}.at_least(10)"
    ) == [(3, "plum")]
    # A table function joins like a table, and takes script variables as arguments.
    assert _rows(
        client,
        f"DECLARE k INT64 DEFAULT 7; SELECT COUNT(*) FROM {ds}.items i "
        f"JOIN {ds}.at_least(k) a ON a.id = i.id",
    ) == [(2,)]


def test_returns_table_casts_and_routines_api(
    client: bigquery.Client, dataset: str, items: str
) -> None:
    ds = items
    client.query_and_wait(
        f"CREATE OR REPLACE TABLE FUNCTION {ds}.names(prefix STRING) "
        "RETURNS TABLE<name STRING, qty FLOAT64> AS ("
        f"SELECT name, qty FROM {ds}.items WHERE STARTS_WITH(name, prefix))"
    )
    result = client.query_and_wait(f"SELECT * FROM {ds}.names('p') ORDER BY name")
    assert [f.field_type for f in result.schema] == ["STRING", "FLOAT"]
    assert [tuple(r) for r in result] == [("pear", 7.0), ("plum", 12.0)]

    routine = client.get_routine(f"{dataset}.names")
    assert routine.type_ == "TABLE_VALUED_FUNCTION"
    assert routine.language == "SQL"
    assert [a.name for a in routine.arguments] == ["prefix"]
    assert [c.name for c in routine.return_table_type.columns] == ["name", "qty"]
    assert "STARTS_WITH" in routine.body
    assert [r.routine_id for r in client.list_routines(dataset)] == ["names"]

    client.query_and_wait(
        f"CREATE OR REPLACE TABLE FUNCTION {ds}.names(prefix STRING) AS "
        f"SELECT UPPER(name) AS name FROM {ds}.items WHERE STARTS_WITH(name, prefix)"
    )
    assert _rows(client, f"SELECT * FROM {ds}.names('a')") == [("APPLE",)]

    job = client.query(f"DROP TABLE FUNCTION {ds}.names")
    job.result()
    assert job.statement_type == "DROP_TABLE_FUNCTION"
    assert list(client.list_routines(dataset)) == []
    client.query_and_wait(f"DROP TABLE FUNCTION IF EXISTS {ds}.names")


def test_unknown_table_function(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    with pytest.raises(exceptions.BadRequest, match="Table-valued function not found"):
        client.query_and_wait(f"SELECT * FROM {ds}.no_such_tvf(1)")
    with pytest.raises(exceptions.NotFound, match="Not found: Function"):
        client.query_and_wait(f"DROP TABLE FUNCTION {ds}.no_such_tvf")


def test_create_without_replace_refuses_an_existing_one(
    client: bigquery.Client, dataset: str
) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(f"CREATE TABLE FUNCTION {ds}.one() AS SELECT 1 AS x")
    with pytest.raises(exceptions.Conflict, match="Already Exists"):
        client.query_and_wait(f"CREATE TABLE FUNCTION {ds}.one() AS SELECT 2 AS x")
    client.query_and_wait(f"CREATE TABLE FUNCTION IF NOT EXISTS {ds}.one() AS SELECT 3 AS x")
    assert _rows(client, f"SELECT x FROM {ds}.one()") == [(1,)]


def test_table_function_on_a_missing_table_is_refused(
    client: bigquery.Client, dataset: str
) -> None:
    ds = dataset.split(".")[1]
    with pytest.raises(exceptions.NotFound, match="nope"):
        client.query_and_wait(f"CREATE TABLE FUNCTION {ds}.bad(n INT64) AS SELECT * FROM {ds}.nope")


def test_wrong_argument_count(client: bigquery.Client, dataset: str) -> None:
    ds = dataset.split(".")[1]
    client.query_and_wait(f"CREATE TABLE FUNCTION {ds}.pair(a INT64, b INT64) AS SELECT a + b AS s")
    assert _rows(client, f"SELECT s FROM {ds}.pair(2, 3)") == [(5,)]
    with pytest.raises(exceptions.BadRequest):
        client.query_and_wait(f"SELECT s FROM {ds}.pair(2)")


def test_table_function_and_procedure_survive_restart(tmp_path: Path) -> None:
    server = BackgroundServer(Warehouse(tmp_path, project="durable")).start()
    try:
        client = Emulator(server.url, None, "durable", server).client()
        client.create_dataset("ds")
        client.query_and_wait("CREATE TABLE ds.t AS SELECT 1 AS x UNION ALL SELECT 5")
        client.query_and_wait(
            "CREATE TABLE FUNCTION ds.big(n INT64) AS SELECT x FROM ds.t WHERE x > n"
        )
        client.query_and_wait("CREATE PROCEDURE ds.seven(OUT v INT64) BEGIN SET v = 7; END")
    finally:
        server.stop()
        server.warehouse.close()
    server = BackgroundServer(Warehouse(tmp_path, project="durable")).start()
    try:
        client = Emulator(server.url, None, "durable", server).client()
        assert _rows(client, "SELECT x FROM ds.big(2)") == [(5,)]
        assert _rows(client, "DECLARE v INT64; CALL ds.seven(v); SELECT v") == [(7,)]
    finally:
        server.stop()
        server.warehouse.close()
