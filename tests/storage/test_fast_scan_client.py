"""The fast read path through the real client: the same answers and schemas as DuckLake's scan.

Every query runs twice with the query cache off: with the fast path (the default) and with
``BQHOUSE_FAST_SCAN=0``; rows, their order and the result schema must be equal (the Arrow schemas
are compared in ``test_fast_scan.py``). The plan cache tells whether the fast path was taken.
"""

from __future__ import annotations

from typing import Any

import pytest
from google.cloud import bigquery

from bqhouse.testing import Emulator

TYPES = """
  i INT64, f FLOAT64, n NUMERIC, bn BIGNUMERIC, b BOOL, s STRING, by BYTES, d DATE, t TIME,
  dt DATETIME, ts TIMESTAMP, j JSON, g GEOGRAPHY, iv INTERVAL,
  st STRUCT<a INT64, b STRING, c ARRAY<FLOAT64>, d STRUCT<e DATE>>, arr ARRAY<STRING>,
  rs ARRAY<STRUCT<x INT64, y ARRAY<INT64>>>
"""

ROW = """
  {i} AS i, {i} / 3 AS f, NUMERIC '1.5' * {i} AS n, BIGNUMERIC '2.25' * {i} AS bn,
  MOD({i}, 2) = 0 AS b, CONCAT('s', CAST({i} AS STRING)) AS s, b'\\x00\\x01' AS by,
  DATE_ADD(DATE '2020-01-01', INTERVAL {i} DAY) AS d, TIME '12:34:56.123456' AS t,
  DATETIME '2020-01-01 01:02:03.456789' AS dt, TIMESTAMP '2021-02-03 04:05:06.789+00' AS ts,
  JSON '{{"k": [1, 2]}}' AS j, ST_GEOGPOINT({i}, 1) AS g, INTERVAL {i} HOUR AS iv,
  STRUCT({i} AS a, 'x' AS b, [1.5, 2.5] AS c, STRUCT(DATE '2020-02-02' AS e) AS d) AS st,
  ['a', CAST({i} AS STRING)] AS arr, [STRUCT({i} AS x, [1, 2] AS y)] AS rs
"""


def _run(client: bigquery.Client, sql: str, params: list[Any] | None = None) -> Any:
    config = bigquery.QueryJobConfig(use_query_cache=False, query_parameters=params or [])
    job = client.query(sql, job_config=config)
    rows = [dict(row.items()) for row in job.result()]
    return rows, [f.to_api_repr() for f in job.schema or []]


def _plans(emulator: Emulator, sql: str) -> list[Any]:
    return emulator.server.warehouse.jobs.queries.plans.plans_for(sql)


def same(
    client: bigquery.Client,
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    sql: str,
    *,
    fast: bool = True,
    params: list[Any] | None = None,
) -> list[dict[str, Any]]:
    """Run ``sql`` both ways; assert equal answers and whether the fast path was taken."""
    with_fast, fields = _run(client, sql, params)
    taken = _plans(emulator, sql)[-1].fast is not None  # the newest plan: this snapshot's
    assert taken == fast, f"fast path {'not ' if fast else ''}taken for {sql}"
    with monkeypatch.context() as patch:
        patch.setenv("BQHOUSE_FAST_SCAN", "0")
        plain, plain_fields = _run(client, sql, params)
    assert fields == plain_fields
    assert with_fast == plain
    rows: list[dict[str, Any]] = with_fast
    return rows


@pytest.fixture
def typed(client: bigquery.Client, dataset: str) -> str:
    """A table of every type: one Parquet file of 300 rows, then inlined rows with NULLs."""
    name = f"{dataset}.typed"
    client.query_and_wait(f"CREATE TABLE `{name}` ({TYPES})")
    row = ROW.format(i="x")
    client.query_and_wait(
        f"INSERT INTO `{name}` SELECT {row} FROM UNNEST(GENERATE_ARRAY(1, 300)) AS x"
    )
    client.query_and_wait(f"INSERT INTO `{name}` SELECT {ROW.format(i=-1)}")
    client.query_and_wait(f"INSERT INTO `{name}` (i) VALUES (NULL), (7)")
    return name


def test_every_type_from_files_and_inlined_rows(
    client: bigquery.Client,
    bigquery_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
) -> None:
    rows = same(client, bigquery_emulator, monkeypatch, f"SELECT * FROM `{typed}`")
    assert len(rows) == 303 and rows[-2]["s"] is None and rows[300]["i"] == -1
    same(
        client,
        bigquery_emulator,
        monkeypatch,
        f"SELECT i, ST_ASTEXT(g) AS wkt, g, st.d.e, rs[SAFE_OFFSET(0)].y FROM `{typed}` "
        "WHERE i < 5 ORDER BY i",
    )


def test_point_lookup_self_join_and_parameters(
    client: bigquery.Client,
    bigquery_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
) -> None:
    same(client, bigquery_emulator, monkeypatch, f"SELECT s FROM `{typed}` WHERE i = 5")
    same(
        client,
        bigquery_emulator,
        monkeypatch,
        f"SELECT COUNT(*) AS n FROM `{typed}` a JOIN `{typed}` b ON a.i = b.i + 1",
    )
    same(
        client,
        bigquery_emulator,
        monkeypatch,
        f"SELECT typed.i FROM `{typed}` WHERE i > @lo ORDER BY i DESC LIMIT 3",
        params=[bigquery.ScalarQueryParameter("lo", "INT64", 290)],
    )


def test_streamed_rows_deletes_and_alter(
    client: bigquery.Client,
    bigquery_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    dataset: str,
) -> None:
    name = f"{dataset}.events"
    schema = [bigquery.SchemaField("id", "INTEGER"), bigquery.SchemaField("tag", "STRING")]
    client.create_table(bigquery.Table(name, schema=schema))
    assert client.insert_rows_json(name, [{"id": i, "tag": f"t{i}"} for i in range(5)]) == []
    sql = f"SELECT * FROM `{name}` ORDER BY id"
    assert len(same(client, bigquery_emulator, monkeypatch, sql)) == 5
    client.query_and_wait(f"DELETE FROM `{name}` WHERE id = 1")  # inlined rows: still simple
    assert [r["id"] for r in same(client, bigquery_emulator, monkeypatch, sql)] == [0, 2, 3, 4]
    client.query_and_wait(
        f"INSERT INTO `{name}` SELECT x, 'big' FROM UNNEST(GENERATE_ARRAY(10, 400)) AS x"
    )
    client.query_and_wait(f"UPDATE `{name}` SET tag = 'u' WHERE id = 20")  # a delete file
    assert len(same(client, bigquery_emulator, monkeypatch, sql, fast=False)) == 395
    client.query_and_wait(f"CREATE OR REPLACE TABLE `{name}` AS SELECT * FROM `{name}`")
    same(client, bigquery_emulator, monkeypatch, sql)
    client.query_and_wait(f"ALTER TABLE `{name}` ADD COLUMN extra STRING")
    rows = same(client, bigquery_emulator, monkeypatch, sql, fast=False)
    assert rows[0]["extra"] is None


def test_time_travel_views_and_routines_keep_ducklake(
    client: bigquery.Client,
    bigquery_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    dataset: str,
) -> None:
    name = f"{dataset}.tt"
    client.query_and_wait(f"CREATE TABLE `{name}` AS SELECT 1 AS a")
    client.query_and_wait(f"CREATE VIEW `{dataset}.v` AS SELECT a + 1 AS b FROM `{name}`")
    travel = f"SELECT * FROM `{name}` FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP()"
    assert same(client, bigquery_emulator, monkeypatch, travel, fast=False) == [{"a": 1}]
    view = f"SELECT * FROM `{dataset}.v`"
    assert same(client, bigquery_emulator, monkeypatch, view, fast=False) == [{"b": 2}]
    both = f"SELECT * FROM `{dataset}.v`, `{name}`"
    same(client, bigquery_emulator, monkeypatch, both, fast=False)
    # A persistent function's or table function's macro reads tables at the current snapshot.
    client.query_and_wait(f"CREATE FUNCTION `{dataset}.inc`(x INT64) AS (x + 1)")
    client.query_and_wait(f"CREATE TABLE FUNCTION `{dataset}.tf`() AS SELECT a FROM `{name}`")
    udf = f"SELECT `{dataset}.inc`(a) AS b FROM `{name}`"
    assert same(client, bigquery_emulator, monkeypatch, udf, fast=False) == [{"b": 2}]
    tvf = f"SELECT * FROM `{dataset}.tf`()"
    assert same(client, bigquery_emulator, monkeypatch, tvf, fast=False) == [{"a": 1}]
    same(client, bigquery_emulator, monkeypatch, f"SELECT a + 1 AS b FROM `{name}`")


def test_fast_sql_that_cannot_bind_runs_as_translated(
    client: bigquery.Client,
    bigquery_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    dataset: str,
) -> None:
    # DuckLake's virtual columns (rowid, filename, ...) exist only on its own scan: the fast SQL
    # fails to bind and the translated SQL answers, as it did before the fast path.
    name = f"{dataset}.virtual"
    client.query_and_wait(f"CREATE TABLE `{name}` AS SELECT x AS a FROM UNNEST([1, 2, 3]) AS x")
    sql = f"SELECT rowid AS r, a FROM `{name}` ORDER BY a"
    assert [row["a"] for row in same(client, bigquery_emulator, monkeypatch, sql)] == [1, 2, 3]
