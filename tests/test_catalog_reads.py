"""Catalog reads on the request fast paths: tables.get/list and datasets.get/list read the catalog
at one pinned snapshot, datasets.insert answers what it committed without reading it back, and the
snapshot is read through a statement prepared once per thread. Each must answer what a fresh read
of the lake answers."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from google.cloud import bigquery

from bqhouse.testing import Emulator


def test_dataset_insert_answers_what_get_reads(client: bigquery.Client) -> None:
    wanted = bigquery.Dataset(f"{client.project}.fastpath_ds")
    wanted.description = "d"
    wanted.labels = {"k": "v"}
    wanted.default_table_expiration_ms = 3_600_000
    created = client.create_dataset(wanted)
    try:
        got = client.get_dataset("fastpath_ds")
        assert created._properties == got._properties
        listed = [d.dataset_id for d in client.list_datasets()]
        assert "fastpath_ds" in listed
    finally:
        client.delete_dataset("fastpath_ds", delete_contents=True)


def test_table_get_and_list_follow_every_commit(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.t` (a INT64)")
    assert client.get_table(f"{dataset}.t").num_rows == 0  # memoized at this snapshot
    client.query_and_wait(f"INSERT INTO `{dataset}.t` VALUES (1), (2), (3)")
    assert client.get_table(f"{dataset}.t").num_rows == 3
    table = client.get_table(f"{dataset}.t")
    table.schema = [*table.schema, bigquery.SchemaField("b", "STRING")]
    client.update_table(table, ["schema"])
    assert [f.name for f in client.get_table(f"{dataset}.t").schema] == ["a", "b"]
    client.query_and_wait(f"CREATE VIEW `{dataset}.v` AS SELECT a FROM `{dataset}.t`")
    assert [t.table_id for t in client.list_tables(dataset)] == ["t", "v"]
    client.delete_table(f"{dataset}.v")
    assert [t.table_id for t in client.list_tables(dataset)] == ["t"]


def test_snapshot_read_per_thread_sees_commits_of_other_threads(
    bigquery_emulator: Emulator, client: bigquery.Client
) -> None:
    catalog = bigquery_emulator.server.warehouse.catalog
    lake = catalog.lake
    step = threading.Barrier(2)
    seen: list[tuple[int, int]] = []

    def reader() -> None:
        for _ in range(2):
            seen.append((catalog.current_snapshot(), lake.snapshot_id()))
            step.wait()  # the main thread commits
            step.wait()

    with ThreadPoolExecutor(1) as pool:
        done = pool.submit(reader)
        for name in ("fastpath_snap1", "fastpath_snap2"):
            step.wait()
            client.create_dataset(name)
            client.delete_dataset(name)
            step.wait()
        done.result()
    assert [a for a, _ in seen] == [b for _, b in seen]
    assert seen[0][0] < seen[1][0]
    assert catalog.current_snapshot() == lake.snapshot_id()


def test_storage_api_starts_on_first_use(bigquery_emulator: Emulator) -> None:
    import grpc

    address = bigquery_emulator.grpc_address
    assert address == bigquery_emulator.grpc_address  # started once
    with grpc.insecure_channel(address) as channel:
        grpc.channel_ready_future(channel).result(timeout=30)


def test_memo_keeps_what_a_row_write_cannot_change(tmp_path: object) -> None:
    """After commits that only wrote rows, the catalog forgets those tables' row facts (counts,
    sizes) and keeps everything else; any DDL or metadata write forgets everything."""
    import pathlib

    from bqhouse.storage.data_changes import rows_changed_between
    from bqhouse.warehouse import Warehouse

    wh = Warehouse(pathlib.Path(str(tmp_path)) / "memo", project="p")
    run = wh.jobs.queries.run
    run("p", {"query": "CREATE SCHEMA d"})
    run("p", {"query": "CREATE TABLE d.t (a INT64)"})
    run("p", {"query": "CREATE TABLE d.u (a INT64)"})
    catalog, lake = wh.catalog, wh.lake
    before = lake.snapshot_id()
    assert catalog.row_count("p", "d", "t") == 0 and catalog.row_count("p", "d", "u") == 0
    fields = catalog.table_fields("p", "d", "t")
    run("p", {"query": "INSERT INTO d.t VALUES (1), (2)"})
    assert rows_changed_between(lake, before, lake.snapshot_id()) == {("p.d", "t")}
    assert catalog.row_count("p", "d", "t") == 2  # forgotten and re-read
    assert ("row_count", "p", "d", "u") in catalog._memo_values  # kept: u's rows did not change
    assert catalog.row_count("p", "d", "u") == 0
    assert catalog.table_fields("p", "d", "t") == fields
    middle = lake.snapshot_id()
    run("p", {"query": "ALTER TABLE d.u ADD COLUMN b STRING"})
    assert rows_changed_between(lake, middle, lake.snapshot_id()) is None  # DDL: forget all
    assert [f["name"] for f in catalog.table_fields("p", "d", "u")] == ["a", "b"]
    run("p", {"query": "DELETE FROM d.t WHERE a = 1"})
    assert catalog.row_count("p", "d", "t") == 1
    assert rows_changed_between(lake, -1, lake.snapshot_id()) is None
    wh.close()
