"""Data survives a server restart: a new process-equivalent (new Warehouse, new server) sees it."""

from __future__ import annotations

from pathlib import Path

from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery

from bqhouse.server import BackgroundServer
from bqhouse.warehouse import Warehouse


def _client(server: BackgroundServer) -> bigquery.Client:
    return bigquery.Client(
        project="durable",
        credentials=AnonymousCredentials(),
        client_options=ClientOptions(api_endpoint=server.url),
    )


def test_data_survives_restart(tmp_path: Path) -> None:
    server = BackgroundServer(Warehouse(tmp_path, project="durable")).start()
    client = _client(server)
    client.create_dataset("keep")
    table = bigquery.Table(
        "durable.keep.t",
        schema=[bigquery.SchemaField("a", "INTEGER"), bigquery.SchemaField("j", "JSON")],
    )
    table.description = "kept"
    client.create_table(table)
    assert client.insert_rows_json("durable.keep.t", [{"a": 1, "j": {"x": 1}}, {"a": 2}]) == []
    job = client.query("SELECT SUM(a) AS s FROM keep.t")
    job.result()
    server.stop()
    server.warehouse.close()

    server = BackgroundServer(Warehouse(tmp_path, project="durable")).start()
    try:
        client = _client(server)
        got = client.get_table("durable.keep.t")
        assert got.num_rows == 2
        assert got.description == "kept"
        assert [f.field_type for f in got.schema] == ["INTEGER", "JSON"]
        assert sorted(r["a"] for r in client.list_rows(got)) == [1, 2]
        assert client.get_job(job.job_id).state == "DONE"
    finally:
        server.stop()
        server.warehouse.close()


def test_persistent_function_survives_restart(tmp_path: Path) -> None:
    server = BackgroundServer(Warehouse(tmp_path, project="durable")).start()
    client = _client(server)
    client.create_dataset("fns")
    client.query_and_wait("CREATE FUNCTION fns.sq(x INT64) RETURNS INT64 AS (x * x)")
    server.stop()
    server.warehouse.close()
    server = BackgroundServer(Warehouse(tmp_path, project="durable")).start()
    try:
        rows = _client(server).query_and_wait("SELECT fns.sq(7)")
        assert [tuple(r) for r in rows] == [(49,)]
    finally:
        server.stop()
        server.warehouse.close()
