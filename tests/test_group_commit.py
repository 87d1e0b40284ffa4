"""Group commit of insertAll (bqhouse.storage.group_commit): concurrent requests share one lake
transaction, insertId de-duplication stays exact across them, and one request's failure is its
own. The end-to-end tests go through the real client and server; the committer tests hold its
commit lock so that a known set of batches is guaranteed to form one group."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from google.cloud import bigquery

from bqhouse import errors, schema
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.group_commit import Batch, GroupCommitter, TableSchemas
from bqhouse.storage.insert_ids import InsertIdLog
from bqhouse.storage.lake import Lake, table_sql

SCHEMA = [bigquery.SchemaField("id", "STRING"), bigquery.SchemaField("n", "INT64")]


def _run_threads(count: int, target: Any) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_overlapping_insert_ids_from_8_threads_store_each_once(
    bigquery_emulator: Any, dataset: str
) -> None:
    client = bigquery_emulator.client()
    client.create_table(bigquery.Table(f"{dataset}.s", schema=SCHEMA))
    barrier = threading.Barrier(8)
    failures: list[Any] = []

    def send(i: int) -> None:
        mine = bigquery_emulator.client()
        barrier.wait()
        for r in range(3):
            # Thread i sends ids i*10 .. i*10+29: every id is sent by up to three threads, in
            # different rounds and different requests, and twice within some requests.
            ids = [f"id{i * 10 + r * 10 + k}" for k in range(10)] + [f"id{i * 10 + r * 10}"]
            rows = [{"id": row_id, "n": i} for row_id in ids]
            failures.extend(mine.insert_rows_json(f"{dataset}.s", rows, row_ids=ids))

    _run_threads(8, send)
    assert failures == []
    got = list(client.query_and_wait(f"SELECT id, COUNT(*) AS c FROM `{dataset}.s` GROUP BY id"))
    assert {row["id"] for row in got} == {f"id{k}" for k in range(100)}
    assert all(row["c"] == 1 for row in got)


def test_bad_row_fails_only_its_own_request(bigquery_emulator: Any, dataset: str) -> None:
    client = bigquery_emulator.client()
    client.create_table(bigquery.Table(f"{dataset}.s", schema=SCHEMA))
    barrier = threading.Barrier(8)
    results: dict[int, list[Any]] = {}

    def send(i: int) -> None:
        mine = bigquery_emulator.client()
        rows: list[dict[str, Any]] = [{"id": f"t{i}-{k}", "n": k} for k in range(20)]
        if i == 3:
            rows[5] = {"id": "bad", "n": "not a number"}
        barrier.wait()
        results[i] = mine.insert_rows_json(f"{dataset}.s", rows)

    _run_threads(8, send)
    assert all(results[i] == [] for i in range(8) if i != 3)
    errs = results[3]
    assert [e["index"] for e in errs] == list(range(20))
    assert errs[5]["errors"][0]["reason"] == "invalid"
    assert all(e["errors"][0]["reason"] == "stopped" for e in errs if e["index"] != 5)
    got = list(client.query_and_wait(f"SELECT id FROM `{dataset}.s`"))
    assert sorted(row["id"] for row in got) == sorted(
        f"t{i}-{k}" for i in range(8) if i != 3 for k in range(20)
    )


def test_insert_after_schema_change_sees_the_new_column(
    client: bigquery.Client, dataset: str
) -> None:
    table = f"{dataset}.s"
    client.create_table(bigquery.Table(table, schema=SCHEMA))
    assert client.insert_rows_json(table, [{"id": "a", "n": 1}]) == []
    client.query_and_wait(f"ALTER TABLE `{table}` ADD COLUMN extra STRING")
    assert client.insert_rows_json(table, [{"id": "b", "n": 2, "extra": "x"}]) == []
    got = list(client.query_and_wait(f"SELECT id, extra FROM `{table}` ORDER BY id"))
    assert [(r["id"], r["extra"]) for r in got] == [("a", None), ("b", "x")]


# --------------------------------------------------------------------------- the committer

FIELDS = [
    {"name": "id", "type": "STRING", "mode": "NULLABLE"},
    {"name": "n", "type": "INTEGER", "mode": "NULLABLE"},
]


@pytest.fixture
def committer(tmp_path: Path) -> Iterator[GroupCommitter]:
    lake = Lake(tmp_path / "data")
    catalog = Catalog(lake)
    catalog.create_dataset("p", "d", {})
    for name in ("a", "b"):
        body = {"tableReference": {"tableId": name}, "schema": {"fields": FIELDS}}
        catalog.create_table("p", "d", body)
    yield GroupCommitter(catalog, InsertIdLog(lake), TableSchemas(catalog))
    lake.close()


def _batch(table: str, ids: list[str | None], n: int = 0, fields: Any = None) -> Batch:
    rows = [{"id": i, "n": n} for i in ids]
    data = pa.Table.from_pylist(rows, schema=schema.arrow_schema(FIELDS))
    return Batch("p", "d", table, fields or FIELDS, data, ids)


def _rows(committer: GroupCommitter, table: str) -> list[tuple[Any, ...]]:
    sql = f"SELECT id, n FROM {table_sql('p', 'd', table)} ORDER BY id, n"
    return committer.catalog.lake.cursor().execute(sql).fetchall()


def _one_group(committer: GroupCommitter, batches: list[Batch]) -> dict[int, BaseException]:
    """Submit ``batches`` from threads while the commit lock is held, so they form one group."""
    failed: dict[int, BaseException] = {}

    def send(i: int) -> None:
        with committer.arriving() as submit:
            try:
                submit(batches[i])
            except errors.BigQueryError as exc:
                failed[i] = exc

    with committer._commit_lock:
        threads = [threading.Thread(target=send, args=(i,)) for i in range(len(batches))]
        for thread in threads:
            thread.start()
        while len(committer._queue) < len(batches):
            time.sleep(0.001)
    for thread in threads:
        thread.join()
    return failed


def test_one_group_is_one_commit_with_exact_dedup(committer: GroupCommitter) -> None:
    lake = committer.catalog.lake
    before = lake.snapshot_id()
    batches = [
        _batch("a", ["x", "y", None], 1),
        _batch("a", ["y", "z", "z"], 2),  # y: the first batch's; the second z: this batch's
        _batch("b", ["x", "y"], 3),  # same ids, other table: not duplicates
        _batch("a", ["x"], 4),
    ]
    assert _one_group(committer, batches) == {}
    assert lake.snapshot_id() == before + 1
    assert _rows(committer, "a") == [("x", 1), ("y", 1), ("z", 2), (None, 1)]
    assert _rows(committer, "b") == [("x", 3), ("y", 3)]
    assert [b.fresh for b in batches] == [
        [True, True, True],
        [False, True, False],
        [True, True],
        [False],
    ]
    # The ids are remembered: a later commit drops them too.
    assert _one_group(committer, [_batch("a", ["z", "w"], 5)]) == {}
    assert _rows(committer, "a") == [("w", 5), ("x", 1), ("y", 1), ("z", 2), (None, 1)]


def test_a_failing_batch_fails_alone(committer: GroupCommitter) -> None:
    catalog = committer.catalog
    bad = pa.table({"id": pa.array(["q"]), "n": pa.array(["not a number"])})
    batches = [
        _batch("a", ["1"], 1),
        Batch("p", "d", "a", FIELDS, bad, ["2"]),  # fails inside the transaction
        _batch("missing", ["3"], 3),  # no such table
        _batch("b", ["4"], 4),
    ]
    failed = _one_group(committer, batches)
    assert sorted(failed) == [1, 2]
    assert isinstance(failed[2], errors.NotFound)
    assert _rows(committer, "a") == [("1", 1)]
    assert _rows(committer, "b") == [("4", 4)]
    # The failed batch's id was not recorded: sending it again writes it.
    assert _one_group(committer, [_batch("a", ["2"], 2)]) == {}
    assert _rows(committer, "a") == [("1", 1), ("2", 2)]
    assert catalog.lake.snapshot_id() > 0


def test_a_batch_decoded_with_an_old_schema_is_stale(committer: GroupCommitter) -> None:
    old = [FIELDS[0]]
    batch = _batch("a", ["1"], 1, fields=old)
    assert _one_group(committer, [batch, _batch("a", ["2"], 2)]) == {}
    assert batch.stale
    assert _rows(committer, "a") == [("2", 2)]
