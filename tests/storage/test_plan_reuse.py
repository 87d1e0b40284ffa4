"""Translations survive row-only commits; what depends on rows does not.

A query's plan (its translation) is keyed by the catalog's schema epoch, which moves with DDL and
metadata changes but not with inserts, DML or appends. What depends on rows is worked out again
at each snapshot: the fast-path file list and totalBytesProcessed (whose per-file totals are
remembered, since data files never change). Each test checks the answer and the bytes against
DuckLake's own scan (``BQHOUSE_FAST_SCAN=0``), so a stale plan or a stale size cannot pass.
"""

from __future__ import annotations

import io
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from google.cloud import bigquery

from bqhouse.testing import Emulator


def _run(client: bigquery.Client, sql: str) -> tuple[list[dict[str, Any]], int, list[str]]:
    job = client.query(sql, job_config=bigquery.QueryJobConfig(use_query_cache=False))
    rows = [dict(row.items()) for row in job.result()]
    return rows, int(job.total_bytes_processed or 0), [f.name for f in job.schema or []]


def _both(
    client: bigquery.Client, monkeypatch: pytest.MonkeyPatch, sql: str
) -> tuple[list[dict[str, Any]], int, list[str]]:
    """Run ``sql`` as usual and on DuckLake's scan; both must agree (rows, bytes, columns)."""
    usual = _run(client, sql)
    with monkeypatch.context() as patch:
        patch.setenv("BQHOUSE_FAST_SCAN", "0")
        plain = _run(client, sql)
    assert usual == plain
    return usual


def _plans(emulator: Emulator, sql: str) -> list[Any]:
    return emulator.server.warehouse.jobs.queries.plans.plans_for(sql)


def _load_parquet(client: bigquery.Client, table: str, ids: range) -> None:
    data = pa.table({"id": pa.array(ids, pa.int64()), "s": [f"v{i}" * 3 for i in ids]})
    buffer = io.BytesIO()
    pq.write_table(data, buffer)
    buffer.seek(0)
    config = bigquery.LoadJobConfig(source_format="PARQUET", write_disposition="WRITE_APPEND")
    client.load_table_from_file(buffer, table, job_config=config).result()


def test_plan_kept_across_inserts_and_answers_follow_the_rows(
    client: bigquery.Client,
    bigquery_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    dataset: str,
) -> None:
    table = f"{dataset}.t"
    client.query_and_wait(f"CREATE TABLE `{table}` (id INT64, s STRING)")
    sql = f"SELECT COUNT(*) AS n, SUM(LENGTH(s)) AS chars FROM `{table}`"
    rows, scanned, _ = _both(client, monkeypatch, sql)
    assert rows == [{"n": 0, "chars": None}] and scanned == 0
    plan = _plans(bigquery_emulator, sql)[-1]

    _load_parquet(client, table, range(100))  # a data file
    rows, scanned_file, _ = _both(client, monkeypatch, sql)
    assert rows[0]["n"] == 100 and scanned_file > 0
    assert client.insert_rows_json(table, [{"id": 1000, "s": "abc"}]) == []  # inlined rows
    rows, scanned_inlined, _ = _both(client, monkeypatch, sql)
    assert rows == [{"n": 101, "chars": rows[0]["chars"]}]
    assert scanned_inlined == scanned_file + 2 + 3  # STRING: 2 + UTF-8 length (COUNT(*) reads none)
    _load_parquet(client, table, range(100, 150))  # a second file: only it is summed anew
    rows, _, _ = _both(client, monkeypatch, sql)
    assert rows[0]["n"] == 151

    assert _plans(bigquery_emulator, sql) == [plan], "a row-only commit re-translated the query"
    client.query_and_wait(f"DELETE FROM `{table}` WHERE id < 10")  # delete files: DuckLake's scan
    rows, _, _ = _both(client, monkeypatch, sql)
    assert rows[0]["n"] == 141
    client.query_and_wait(f"UPDATE `{table}` SET s = 'x' WHERE id = 1000")
    rows, _, _ = _both(client, monkeypatch, sql)
    assert rows[0]["n"] == 141
    assert _plans(bigquery_emulator, sql) == [plan]


def test_ddl_makes_a_new_plan(
    client: bigquery.Client,
    bigquery_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    dataset: str,
) -> None:
    table = f"{dataset}.t"
    client.query_and_wait(f"CREATE TABLE `{table}` (id INT64)")
    client.query_and_wait(f"INSERT INTO `{table}` VALUES (1), (2)")
    sql = f"SELECT * FROM `{table}` ORDER BY id"
    rows, scanned, columns = _both(client, monkeypatch, sql)
    assert columns == ["id"] and scanned == 16
    client.query_and_wait(f"ALTER TABLE `{table}` ADD COLUMN note STRING")
    client.query_and_wait(f"INSERT INTO `{table}` VALUES (3, 'abc')")
    rows, scanned, columns = _both(client, monkeypatch, sql)
    assert columns == ["id", "note"]  # SELECT * sees the new column: the old plan was dropped
    assert rows[-1] == {"id": 3, "note": "abc"} and scanned == 24 + 2 + 3
    assert len(_plans(bigquery_emulator, sql)) == 2
    client.query_and_wait(f"DROP TABLE `{table}`")
    with pytest.raises(Exception, match="Not found: Table"):
        _run(client, sql)


def test_bad_query_after_a_row_commit_still_errs(
    client: bigquery.Client, monkeypatch: pytest.MonkeyPatch, dataset: str
) -> None:
    table = f"{dataset}.t"
    client.query_and_wait(f"CREATE TABLE `{table}` (id INT64)")
    sql = f"SELECT missing FROM `{table}`"
    for _ in range(2):
        with pytest.raises(Exception, match="missing"):
            _run(client, sql)
        client.query_and_wait(f"INSERT INTO `{table}` VALUES (1)")


def test_per_file_sizes_equal_a_full_scan(
    client: bigquery.Client,
    bigquery_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    dataset: str,
) -> None:
    """Logical column sizes summed per data file (plus inlined rows) equal one scan of the table,
    for every type, through files, inlined rows and a second file."""
    from tests.storage.test_fast_scan_client import ROW, TYPES

    catalog = bigquery_emulator.server.warehouse.catalog
    project, dataset_id = dataset.split(".")
    name = f"{dataset}.typed"
    client.query_and_wait(f"CREATE TABLE `{name}` ({TYPES})")

    def both() -> tuple[int, dict[str, int]]:
        fields = catalog.table_fields(project, dataset_id, "typed")
        usual = catalog._read_column_sizes(project, dataset_id, "typed", fields)
        with monkeypatch.context() as patch:
            patch.setenv("BQHOUSE_FAST_SCAN", "0")
            plain = catalog._read_column_sizes(project, dataset_id, "typed", fields)
        assert usual == plain
        return usual

    assert both()[0] == 0
    row = ROW.format(i="x")
    client.query_and_wait(
        f"INSERT INTO `{name}` SELECT {row} FROM UNNEST(GENERATE_ARRAY(1, 300)) x"
    )
    client.query_and_wait(f"INSERT INTO `{name}` SELECT {ROW.format(i=-1)}")
    client.query_and_wait(f"INSERT INTO `{name}` (i) VALUES (NULL), (7)")
    assert catalog.table_sources([(dataset, "typed")]) is not None  # the per-file path is taken
    rows, sizes = both()
    assert rows == 303 and sizes["s"] > 0 and sizes["rs"] > 0
    client.query_and_wait(
        f"INSERT INTO `{name}` SELECT {row} FROM UNNEST(GENERATE_ARRAY(1, 200)) x"
    )
    assert both()[0] == 503
