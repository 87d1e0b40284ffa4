"""Storage Write API streams survive SIGKILL: acknowledged rows and offsets are durable.

BigQuery keeps an acknowledged append to a PENDING stream until it is committed, and a retry of
an offset already written answers ALREADY_EXISTS:
https://cloud.google.com/bigquery/docs/write-api#exactly-once
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pyarrow as pa
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import BigQueryWriteClient, types
from google.cloud.bigquery_storage_v1.services.big_query_write.transports import (
    BigQueryWriteGrpcTransport,
)
from serverproc import PROJECT, ServerProcess, id_v_row_class

from bqhouse.grpc import stream_store
from bqhouse.storage.lake import Lake

Factory = Callable[..., ServerProcess]
BATCH = 100
PARENT = f"projects/{PROJECT}/datasets/w/tables/events"
ALREADY_EXISTS = grpc.StatusCode.ALREADY_EXISTS.value[0]


ROW, DESCRIPTOR = id_v_row_class("restart")


class Writer:
    """A BigQueryWriteClient on a fresh channel to ``server`` (each start has a new port)."""

    def __init__(self, server: ServerProcess) -> None:
        self.channel = grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}")
        self.client = BigQueryWriteClient(
            transport=BigQueryWriteGrpcTransport(channel=self.channel)
        )

    def __enter__(self) -> BigQueryWriteClient:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.channel.close()


def _requests(stream: str, batches: list[int]) -> Iterator[Any]:
    """Batch ``b`` holds ids ``b*100 .. b*100+99`` at offset ``b*100``."""
    for i, b in enumerate(batches):
        rows = types.ProtoRows(
            serialized_rows=[ROW(id=b * BATCH + j, v=b).SerializeToString() for j in range(BATCH)]
        )
        data = types.AppendRowsRequest.ProtoData(rows=rows)
        if i == 0:
            data.writer_schema = types.ProtoSchema(proto_descriptor=DESCRIPTOR)
        yield types.AppendRowsRequest(write_stream=stream, proto_rows=data, offset=b * BATCH)


def append(client: BigQueryWriteClient, stream: str, batches: list[int]) -> list[Any]:
    """Send ``batches`` on one connection; the responses, in order."""
    return list(client.append_rows(requests=_requests(stream, batches), retry=None))


def commit_streams(client: BigQueryWriteClient, names: list[str]) -> Any:
    request = types.BatchCommitWriteStreamsRequest(parent=PARENT, write_streams=names)
    return client.batch_commit_write_streams(request)


def flush(client: BigQueryWriteClient, name: str, offset: int) -> Any:
    return client.flush_rows(types.FlushRowsRequest(write_stream=name, offset=offset))


def ids(server: ServerProcess) -> list[int]:
    rows = server.client().query_and_wait("SELECT id FROM w.events ORDER BY id")
    return [row[0] for row in rows]


@pytest.fixture
def server(server_factory: Factory) -> ServerProcess:
    started = server_factory(grpc=True).start()
    client = started.client()
    client.create_dataset("w")
    schema = [bigquery.SchemaField("id", "INT64"), bigquery.SchemaField("v", "INT64")]
    client.create_table(bigquery.Table(f"{PROJECT}.w.events", schema=schema))
    return started


def _create(server: ServerProcess, kind: Any) -> str:
    with Writer(server) as client:
        stream = client.create_write_stream(
            parent=PARENT, write_stream=types.WriteStream(type_=kind)
        )
    return str(stream.name)


def test_pending_stream_survives_sigkill(server: ServerProcess) -> None:
    name = _create(server, types.WriteStream.Type.PENDING)
    with Writer(server) as client:
        responses = append(client, name, [0, 1, 2])
    assert [r.append_result.offset for r in responses] == [0, 100, 200]
    assert all(not r.error.code for r in responses)
    server.kill()
    server.start()
    assert ids(server) == []  # still pending: nothing visible
    with Writer(server) as client:
        got = client.get_write_stream(name=name)
        assert got.type_ == types.WriteStream.Type.PENDING
        (fourth,) = append(client, name, [3])
        assert not fourth.error.code, fourth.error.message
        assert fourth.append_result.offset == 300
        assert client.finalize_write_stream(name=name).row_count == 400
        commit = commit_streams(client, [name])
        assert not commit.stream_errors
    assert ids(server) == list(range(400))
    # The commit is durable too: after another crash the stream is committed, rows once.
    server.kill()
    server.start()
    with Writer(server) as client:
        again = commit_streams(client, [name])
        code = again.stream_errors[0].code
        assert code == types.StorageError.StorageErrorCode.STREAM_ALREADY_COMMITTED
        assert client.get_write_stream(name=name).commit_time
    assert ids(server) == list(range(400))


def test_committed_offset_retry_after_sigkill(server: ServerProcess) -> None:
    name = _create(server, types.WriteStream.Type.COMMITTED)
    with Writer(server) as client:
        (first,) = append(client, name, [0])
    assert not first.error.code and first.append_result.offset == 0
    server.kill()  # right after the ack
    server.start()
    with Writer(server) as client:
        (retry,) = append(client, name, [0])
        assert retry.error.code == ALREADY_EXISTS, retry.error.message
        (second,) = append(client, name, [1])
        assert not second.error.code and second.append_result.offset == 100
    assert ids(server) == list(range(200))


def test_buffered_flushes_survive_sigkill(server: ServerProcess) -> None:
    name = _create(server, types.WriteStream.Type.BUFFERED)
    with Writer(server) as client:
        assert all(not r.error.code for r in append(client, name, [0, 1]))
        assert flush(client, name, 149).offset == 149  # mid-batch
    assert ids(server) == list(range(150))
    server.kill()
    server.start()
    assert ids(server) == list(range(150))
    with Writer(server) as client:
        assert flush(client, name, 199).offset == 199
        (third,) = append(client, name, [2])
        assert not third.error.code and third.append_result.offset == 200
    server.kill()
    server.start()
    with Writer(server) as client:
        assert flush(client, name, 299).offset == 299
    assert ids(server) == list(range(300))


def test_unknown_stream_after_restart(server: ServerProcess) -> None:
    name = _create(server, types.WriteStream.Type.PENDING)
    server.kill()
    server.start()
    with Writer(server) as client:
        assert client.get_write_stream(name=name).name == name
        with pytest.raises(exceptions.NotFound):
            client.get_write_stream(name=f"{PARENT}/streams/nosuchstream")
        with pytest.raises(exceptions.NotFound):
            client.get_write_stream(name=f"{PARENT}/streams/..")
        commit = commit_streams(client, [f"{PARENT}/streams/nosuchstream"])
        code = commit.stream_errors[0].code
        assert code == types.StorageError.StorageErrorCode.STREAM_NOT_FOUND


def _log(server: ServerProcess, name: str) -> Path:
    return server.data_dir / "write_streams" / stream_store.folder_name(name) / "rows.log"


@pytest.mark.parametrize("cut", ["header", "payload", "checksum"])
def test_torn_tail_of_the_log_is_dropped(server: ServerProcess, cut: str) -> None:
    """A crash mid-append leaves part of a record that was never acknowledged: it is cut off."""
    name = _create(server, types.WriteStream.Type.PENDING)
    with Writer(server) as client:
        assert all(not r.error.code for r in append(client, name, [0, 1]))
    server.kill()
    record = stream_store.encode_record(200, pa.table({"id": [999], "v": [9]}))
    torn = {
        "header": record[:10],
        "payload": record[:-7],
        "checksum": record[:-1] + bytes([record[-1] ^ 0xFF]),
    }[cut]
    with _log(server, name).open("ab") as handle:
        handle.write(torn)
    server.start()
    with Writer(server) as client:
        (third,) = append(client, name, [2])  # offset 200: the torn record never counted
        assert not third.error.code, third.error.message
        assert third.append_result.offset == 200
    server.kill()  # the third append must not sit behind the torn bytes: it survives too
    server.start()
    with Writer(server) as client:
        assert client.finalize_write_stream(name=name).row_count == 300
        assert not commit_streams(client, [name]).stream_errors
    assert ids(server) == list(range(300))


def test_idle_streams_are_garbage_collected_at_start(server: ServerProcess) -> None:
    """Past the TTL a stream is NOT_FOUND and its files and lake events are gone; rows stay."""
    committed = _create(server, types.WriteStream.Type.COMMITTED)
    pending = _create(server, types.WriteStream.Type.PENDING)
    with Writer(server) as client:
        assert not append(client, committed, [0])[0].error.code
        assert not append(client, pending, [0])[0].error.code
        client.finalize_write_stream(name=pending)
        assert not commit_streams(client, [pending]).stream_errors
    folders = list((server.data_dir / "write_streams").iterdir())
    assert len(folders) == 2
    server.stop()
    server.env["BQHOUSE_WRITE_STREAM_TTL_SECONDS"] = "0.001"
    server.start()
    with Writer(server) as client:
        for name in (committed, pending):
            with pytest.raises(exceptions.NotFound):
                client.get_write_stream(name=name)
        code = commit_streams(client, [pending]).stream_errors[0].code
        assert code == types.StorageError.StorageErrorCode.STREAM_NOT_FOUND
    assert list((server.data_dir / "write_streams").iterdir()) == []
    assert ids(server) == sorted(list(range(100)) * 2)  # rows are the table's, not the stream's
    server.stop()
    lake = Lake(server.data_dir)
    try:
        events = lake.cursor().execute(f"SELECT count(*) FROM {stream_store.EVENTS}").fetchall()
    finally:
        lake.close()
    assert events == [(0,)]
