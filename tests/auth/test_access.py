"""Authorization: dataset access lists, project roles, authorized views, table IAM, Storage API."""

from __future__ import annotations

import logging

import grpc
import pytest
from auth_env import PROJECT, AuthEnv
from google.api_core import exceptions
from google.auth.transport.requests import Request
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import BigQueryReadClient, types
from google.cloud.bigquery_storage_v1.services.big_query_read.transports import (
    BigQueryReadGrpcTransport,
)


def _denied(info: pytest.ExceptionInfo[exceptions.Forbidden], permission: str) -> str:
    assert info.value.errors[0]["reason"] == "accessDenied"
    message = str(info.value.errors[0]["message"])
    assert permission in message
    return message


def test_reader_can_read_but_not_write(auth_env: AuthEnv) -> None:
    reader = auth_env.client("reader")
    assert reader.get_table("sales.orders").num_rows == 2
    assert len(list(reader.list_rows("sales.orders"))) == 2
    with pytest.raises(exceptions.Forbidden) as info:
        reader.insert_rows_json("sales.orders", [{"id": 3, "amount": 1.0}])
    message = _denied(info, "bigquery.tables.updateData")
    assert message == (
        f"Access Denied: Table {PROJECT}:sales.orders: Permission bigquery.tables.updateData "
        f"denied on table {PROJECT}:sales.orders (or it may not exist)."
    )
    with pytest.raises(exceptions.Forbidden) as info:
        reader.query("DELETE FROM sales.orders WHERE TRUE").result()
    _denied(info, "bigquery.tables.updateData")


def test_writer_writes_but_cannot_change_the_access_list(auth_env: AuthEnv) -> None:
    writer = auth_env.client("writer")
    writer.query("CREATE TABLE sales.scratch AS SELECT 1 AS x").result()
    assert writer.insert_rows_json("sales.scratch", [{"x": 2}]) == []
    dataset = writer.get_dataset("sales")
    entries = [*dataset.access_entries]
    dataset.access_entries = [
        *entries,
        bigquery.AccessEntry("OWNER", "userByEmail", auth_env.email("writer")),
    ]
    with pytest.raises(exceptions.Forbidden) as info:
        writer.update_dataset(dataset, ["access_entries"])
    _denied(info, "bigquery.datasets.update")
    roles = {
        (e.role, str(e.entity_id))
        for e in auth_env.client("admin").get_dataset("sales").access_entries
    }
    assert ("OWNER", auth_env.email("writer")) not in roles


def test_reader_cannot_create_a_materialized_view(auth_env: AuthEnv) -> None:
    reader = auth_env.client("reader")
    with pytest.raises(exceptions.Forbidden) as info:
        reader.query("CREATE MATERIALIZED VIEW sales.mv AS SELECT id FROM sales.orders").result()
    _denied(info, "bigquery.tables.create")


def test_table_function_needs_read_access_to_what_it_reads(auth_env: AuthEnv) -> None:
    auth_env.client("admin").query(
        "CREATE TABLE FUNCTION reports.orders_over(x FLOAT64) AS "
        "SELECT id FROM sales.orders WHERE amount > x"
    ).result()
    with pytest.raises(exceptions.Forbidden) as info:
        auth_env.client("viewer").query("SELECT * FROM reports.orders_over(0)").result()
    assert "sales.orders" in _denied(info, "bigquery.tables.getData")


def test_authorized_view_reads_through_but_the_table_stays_closed(auth_env: AuthEnv) -> None:
    viewer = auth_env.client("viewer")
    rows = list(viewer.query("SELECT total FROM reports.totals").result())
    assert rows[0].total == 30.5
    with pytest.raises(exceptions.Forbidden) as info:
        viewer.query("SELECT * FROM sales.orders").result()
    _denied(info, "bigquery.tables.getData")
    # A view that is not authorized in sales does not open sales.secrets.
    with pytest.raises(exceptions.Forbidden) as info:
        viewer.query("SELECT * FROM reports.leak").result()
    assert "sales.secrets" in _denied(info, "bigquery.tables.getData")


def test_query_across_datasets_needs_every_one(auth_env: AuthEnv) -> None:
    reader = auth_env.client("reader")
    with pytest.raises(exceptions.Forbidden) as info:
        reader.query("SELECT * FROM sales.orders CROSS JOIN reports.totals").result()
    assert "reports.totals" in _denied(info, "bigquery.tables.getData")


def test_outsider_sees_nothing_and_cannot_create(auth_env: AuthEnv) -> None:
    outsider = auth_env.client("outsider")
    with pytest.raises(exceptions.Forbidden) as info:
        outsider.get_dataset("sales")
    _denied(info, "bigquery.datasets.get")
    with pytest.raises(exceptions.Forbidden) as info:
        outsider.create_dataset("mine")
    _denied(info, "bigquery.datasets.create")
    # Another caller's job is not theirs to read.
    job = auth_env.client("reader").query("SELECT 1 AS one")
    job.result()
    with pytest.raises(exceptions.Forbidden):
        outsider.get_job(job.job_id)


def test_table_iam_policy_grants_one_table(auth_env: AuthEnv) -> None:
    admin, outsider = auth_env.client("admin"), auth_env.client("outsider")
    member = f"serviceAccount:{auth_env.email('outsider')}"
    wanted = ["bigquery.tables.getData", "bigquery.tables.updateData"]
    assert outsider.test_iam_permissions("sales.orders", wanted).get("permissions", []) == []
    policy = admin.get_iam_policy("sales.orders")
    policy.bindings.append({"role": "roles/bigquery.dataViewer", "members": {member}})
    admin.set_iam_policy("sales.orders", policy)
    assert member in admin.get_iam_policy("sales.orders").bindings[0]["members"]
    assert len(list(outsider.list_rows("sales.orders"))) == 2
    granted = outsider.test_iam_permissions("sales.orders", wanted)
    assert granted["permissions"] == ["bigquery.tables.getData"]
    with pytest.raises(exceptions.Forbidden):
        list(outsider.list_rows("sales.secrets"))
    with pytest.raises(exceptions.Forbidden) as info:
        outsider.set_iam_policy("sales.orders", policy)
    _denied(info, "bigquery.tables.setIamPolicy")


def _read_client(
    auth_env: AuthEnv, name: str | None
) -> tuple[grpc.Channel, BigQueryReadClient, list[tuple[str, str]]]:
    """A Storage Read client on the server's gRPC port and the call metadata of ``name``."""
    assert auth_env.server.grpc_address is not None
    channel = grpc.insecure_channel(auth_env.server.grpc_address)
    client = BigQueryReadClient(transport=BigQueryReadGrpcTransport(channel=channel))
    metadata = []
    if name is not None:
        credentials = auth_env.credentials(name)
        credentials.refresh(Request())
        metadata = [("authorization", f"Bearer {credentials.token}")]
    return channel, client, metadata


def _read_session(auth_env: AuthEnv, name: str | None, table: str) -> types.ReadSession:
    channel, client, metadata = _read_client(auth_env, name)
    try:
        return client.create_read_session(
            parent=f"projects/{PROJECT}",
            read_session=types.ReadSession(
                table=f"projects/{PROJECT}/datasets/sales/tables/{table}",
                data_format=types.DataFormat.ARROW,
            ),
            max_stream_count=1,
            metadata=metadata,
        )
    finally:
        channel.close()


def test_storage_read_api_needs_get_data(auth_env: AuthEnv) -> None:
    assert _read_session(auth_env, "reader", "orders").streams
    with pytest.raises(exceptions.PermissionDenied, match="bigquery.tables.getData"):
        _read_session(auth_env, "viewer", "orders")
    with pytest.raises(exceptions.Unauthenticated):
        _read_session(auth_env, None, "orders")


def test_every_decision_is_audited(auth_env: AuthEnv, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bqhouse.audit")
    with pytest.raises(exceptions.Forbidden):
        auth_env.client("viewer").get_table("sales.secrets")
    auth_env.client("reader").get_table("sales.orders")
    decisions = {
        (r.decision, r.principal, r.method, r.permission)  # type: ignore[attr-defined]
        for r in caplog.records
        if r.name == "bqhouse.audit" and hasattr(r, "permission")
    }
    viewer, reader = (f"serviceAccount:{auth_env.email(n)}" for n in ("viewer", "reader"))
    assert ("DENY", viewer, "tables.get", "bigquery.tables.get") in decisions
    assert ("ALLOW", reader, "tables.get", "bigquery.tables.get") in decisions


def _read_job_stream(auth_env: AuthEnv, name: str | None, job: bigquery.QueryJob) -> int:
    """Rows read from the job's ``_default`` stream (ARROW query results) as ``name``."""
    channel, client, metadata = _read_client(auth_env, name)
    stream = f"projects/{PROJECT}/locations/{job.location}/jobs/{job.job_id}/streams/_default"
    try:
        return sum(r.row_count for r in client.read_rows(stream, metadata=metadata))
    finally:
        channel.close()


def test_a_job_stream_is_read_by_its_owner_only(auth_env: AuthEnv) -> None:
    job = auth_env.client("writer").query("SELECT id FROM sales.orders")
    job.result()
    assert _read_job_stream(auth_env, "writer", job) == 2
    with pytest.raises(exceptions.PermissionDenied, match="bigquery.jobs.get"):
        _read_job_stream(auth_env, "reader", job)
    with pytest.raises(exceptions.Unauthenticated):
        _read_job_stream(auth_env, None, job)


def test_schema_statements_need_dataset_permissions(auth_env: AuthEnv) -> None:
    """CREATE SCHEMA needs bigquery.datasets.create on the project, DROP SCHEMA
    bigquery.datasets.delete and ALTER SCHEMA datasets.update on the dataset (a READER of it has
    none of them)."""
    reader = auth_env.client("reader")
    with pytest.raises(exceptions.Forbidden) as info:
        reader.query_and_wait("DROP SCHEMA sales CASCADE")
    _denied(info, "bigquery.datasets.delete")
    assert auth_env.client("admin").get_table("sales.orders").num_rows == 2
    with pytest.raises(exceptions.Forbidden) as info:
        reader.query_and_wait("CREATE SCHEMA made_by_reader")
    _denied(info, "bigquery.datasets.create")
    with pytest.raises(exceptions.Forbidden) as info:
        reader.query_and_wait("ALTER SCHEMA sales SET OPTIONS (description = 'x')")
    _denied(info, "bigquery.datasets.update")
