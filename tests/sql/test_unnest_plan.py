"""UNNEST of a stored REPEATED RECORD: GoogleSQL rows, and a plan with one UNNEST operator.

A correlated ``UNNEST(t.arr)`` in FROM must not become DuckDB's ``UNNEST`` table function in a
lateral join (a delim join that hashes every array: ~20x the flat scan, see
``bqhouse.sql.unnest``). The plan checks run the statement the query runner runs (translation,
then the fast read path) on the server's own lake; the row checks go through the client.
"""

from __future__ import annotations

from typing import Any

import pytest
from google.cloud import bigquery

from bqhouse.sql.translate import translate
from bqhouse.storage import fast_scan
from bqhouse.testing import Emulator

ORDERS = """
CREATE TABLE `{ds}.orders` AS
SELECT 1 AS id, [STRUCT(1 AS line, 10 AS product, 2.5 AS price),
                 STRUCT(2 AS line, 20 AS product, 4.0 AS price)] AS items
UNION ALL SELECT 2, ARRAY<STRUCT<line INT64, product INT64, price FLOAT64>>[]
UNION ALL SELECT 3, [STRUCT(1 AS line, 10 AS product, 8.0 AS price)]
"""

# (query, expected rows): each one a FROM-clause UNNEST of the stored column.
QUERIES: list[tuple[str, list[dict[str, Any]]]] = [
    (
        "SELECT o.id, i.line, i.price FROM `{ds}.orders` AS o, UNNEST(o.items) AS i "
        "ORDER BY o.id, i.line",
        [
            {"id": 1, "line": 1, "price": 2.5},
            {"id": 1, "line": 2, "price": 4.0},
            {"id": 3, "line": 1, "price": 8.0},
        ],
    ),
    (
        "SELECT i.product, SUM(i.price) AS revenue, COUNT(*) AS n "
        "FROM `{ds}.orders` AS o CROSS JOIN UNNEST(o.items) AS i GROUP BY 1 ORDER BY 1",
        [{"product": 10, "revenue": 10.5, "n": 2}, {"product": 20, "revenue": 4.0, "n": 1}],
    ),
    (
        "SELECT o.id, i.line, pos FROM `{ds}.orders` AS o "
        "LEFT JOIN UNNEST(o.items) AS i WITH OFFSET AS pos ORDER BY o.id, pos",
        [
            {"id": 1, "line": 1, "pos": 0},
            {"id": 1, "line": 2, "pos": 1},
            {"id": 2, "line": None, "pos": None},
            {"id": 3, "line": 1, "pos": 0},
        ],
    ),
    (
        "SELECT id, product, off FROM `{ds}.orders` AS o, UNNEST(o.items) WITH OFFSET AS off "
        "ORDER BY id, off",
        [
            {"id": 1, "product": 10, "off": 0},
            {"id": 1, "product": 20, "off": 1},
            {"id": 3, "product": 10, "off": 0},
        ],
    ),
    (
        "SELECT id, line FROM `{ds}.orders` AS o, o.items ORDER BY id, line",
        [{"id": 1, "line": 1}, {"id": 1, "line": 2}, {"id": 3, "line": 1}],
    ),
]


@pytest.fixture
def orders(bigquery_client: bigquery.Client, bigquery_dataset: bigquery.Dataset) -> str:
    ds = bigquery_dataset.dataset_id
    bigquery_client.query_and_wait(ORDERS.format(ds=ds))
    return ds


@pytest.mark.parametrize(("sql", "expected"), QUERIES)
def test_unnest_rows(
    bigquery_client: bigquery.Client, orders: str, sql: str, expected: list[dict[str, Any]]
) -> None:
    config = bigquery.QueryJobConfig(use_query_cache=False)
    rows = bigquery_client.query_and_wait(sql.format(ds=orders), job_config=config)
    assert [dict(row) for row in rows] == expected


@pytest.mark.parametrize(("sql", "expected"), QUERIES)
def test_unnest_plan_is_one_unnest_operator(
    bigquery_emulator: Emulator, orders: str, sql: str, expected: list[dict[str, Any]]
) -> None:
    plan = _plan(bigquery_emulator, sql.format(ds=orders))
    assert "UNNEST" in plan
    assert "DELIM_JOIN" not in plan, plan  # the lateral table function's decorrelation
    assert "INOUT_FUNCTION" not in plan, plan  # the UNNEST table function itself


def test_unnest_in_dml(bigquery_client: bigquery.Client, orders: str) -> None:
    # UPDATE ... SET arr = ARRAY(SELECT ... FROM UNNEST(arr)), INSERT ... SELECT FROM t, UNNEST.
    bigquery_client.query_and_wait(
        f"UPDATE `{orders}.orders` SET items = ARRAY(SELECT AS STRUCT i.line, i.product, "
        "i.price * 2 AS price FROM UNNEST(items) AS i WITH OFFSET AS pos ORDER BY pos DESC) "
        "WHERE id = 1"
    )
    bigquery_client.query_and_wait(
        f"CREATE TABLE `{orders}.lines` AS SELECT o.id, i.line, i.price "
        f"FROM `{orders}.orders` AS o, UNNEST(o.items) AS i WHERE FALSE"
    )
    bigquery_client.query_and_wait(
        f"INSERT INTO `{orders}.lines` (id, line, price) SELECT o.id, i.line, i.price "
        f"FROM `{orders}.orders` AS o LEFT JOIN UNNEST(o.items) AS i"
    )
    rows = bigquery_client.query_and_wait(
        f"SELECT id, line, price FROM `{orders}.lines` ORDER BY id, line"
    )
    assert [dict(row) for row in rows] == [
        {"id": 1, "line": 1, "price": 5.0},
        {"id": 1, "line": 2, "price": 8.0},
        {"id": 2, "line": None, "price": None},
        {"id": 3, "line": 1, "price": 8.0},
    ]
    order = bigquery_client.query_and_wait(
        f"SELECT ARRAY(SELECT i.line FROM UNNEST(items) AS i) AS lines "
        f"FROM `{orders}.orders` WHERE id = 1"
    )
    assert [dict(row) for row in order] == [{"lines": [2, 1]}]


def test_uncorrelated_unnest_keeps_the_table_function() -> None:
    # A literal array is not correlated: nothing to decorrelate, the translation is unchanged.
    sql = translate("SELECT x FROM UNNEST([1, 2]) AS x", default_project="p")[-1].sql
    assert sql == "SELECT x FROM UNNEST([1, 2]) AS _t0(x)"


def _plan(emulator: Emulator, sql: str) -> str:
    warehouse = emulator.server.warehouse
    statement = translate(
        sql,
        default_project=emulator.project,
        list_tables=warehouse.catalog.table_names,
        table_fields=warehouse.catalog.table_fields,
    )[-1].sql
    cur = warehouse.lake.cursor()
    try:
        statement = fast_scan.fast_sql(cur, statement, warehouse.lake.snapshot_id()) or statement
        return "\n".join(str(row[1]) for row in cur.execute("EXPLAIN " + statement).fetchall())
    finally:
        cur.close()
