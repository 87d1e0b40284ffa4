"""BigQuery Storage Write API through the official client (AppendRowsStream) over gRPC."""

from __future__ import annotations

import contextlib
import queue
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import types, writer
from google.cloud.bigquery_storage_v1.exceptions import StreamClosedError
from google.protobuf import descriptor_pb2

from bqhouse.testing import proto_message

FD = descriptor_pb2.FieldDescriptorProto
SCHEMA = [
    bigquery.SchemaField("id", "INTEGER", mode="REQUIRED"),
    bigquery.SchemaField("name", "STRING"),
    bigquery.SchemaField("info", "RECORD", fields=[bigquery.SchemaField("score", "FLOAT")]),
    bigquery.SchemaField("tags", "STRING", mode="REPEATED"),
]


def _row_class() -> tuple[Any, descriptor_pb2.DescriptorProto]:
    """A client-side message class and its DescriptorProto, as a pipeline would build them."""
    file = descriptor_pb2.FileDescriptorProto(name="rows_test.proto", package="pipeline")
    row = file.message_type.add(name="Row")
    info = row.nested_type.add(name="Info")
    info.field.add(name="score", number=1, type=FD.TYPE_DOUBLE, label=FD.LABEL_OPTIONAL)
    row.field.add(name="id", number=1, type=FD.TYPE_INT64, label=FD.LABEL_OPTIONAL)
    row.field.add(name="name", number=2, type=FD.TYPE_STRING, label=FD.LABEL_OPTIONAL)
    row.field.add(
        name="info",
        number=3,
        type=FD.TYPE_MESSAGE,
        label=FD.LABEL_OPTIONAL,
        type_name=".pipeline.Row.Info",
    )
    row.field.add(name="tags", number=4, type=FD.TYPE_STRING, label=FD.LABEL_REPEATED)
    return proto_message(file, "pipeline.Row")


ROW, DESCRIPTOR = _row_class()


@pytest.fixture
def table(client: bigquery.Client, dataset: str) -> str:
    name = f"{dataset}.events"
    client.create_table(bigquery.Table(name, schema=SCHEMA))
    return name


def _parent(table: str) -> str:
    p, d, t = table.split(".")
    return f"projects/{p}/datasets/{d}/tables/{t}"


def _stream(write_client: Any, table: str, kind: str) -> Any:
    return write_client.create_write_stream(
        parent=_parent(table), write_stream=types.WriteStream(type_=types.WriteStream.Type[kind])
    )


def _rows(*ids: int, descriptor: Any = None, offset: int | None = None) -> Any:
    data = types.AppendRowsRequest.ProtoData(
        rows=types.ProtoRows(
            serialized_rows=[
                ROW(
                    id=i, name=f"n{i}", info=ROW.Info(score=i / 2), tags=["a", str(i)]
                ).SerializeToString()
                for i in ids
            ]
        )
    )
    if descriptor is not None:
        data.writer_schema = types.ProtoSchema(proto_descriptor=descriptor)
    request = types.AppendRowsRequest(proto_rows=data)
    if offset is not None:
        request.offset = offset
    return request


@pytest.fixture
def appender(bigquery_write_client: Any) -> Iterator[Any]:
    """Open AppendRowsStream connections on a stream; all closed after the test."""
    opened: list[writer.AppendRowsStream] = []

    def open_stream(stream: str, descriptor: Any = DESCRIPTOR) -> writer.AppendRowsStream:
        template = types.AppendRowsRequest(
            write_stream=stream,
            proto_rows=types.AppendRowsRequest.ProtoData(
                writer_schema=types.ProtoSchema(proto_descriptor=descriptor)
            ),
        )
        opened.append(writer.AppendRowsStream(bigquery_write_client, template))
        return opened[-1]

    yield open_stream
    for stream in opened:
        with contextlib.suppress(StreamClosedError):
            stream.close()


def _ids(client: bigquery.Client, table: str) -> list[int]:
    return [row.id for row in client.query(f"SELECT id FROM `{table}` ORDER BY id").result()]


def test_committed_stream_exactly_once(
    bigquery_write_client: Any, appender: Any, client: bigquery.Client, table: str
) -> None:
    stream = _stream(bigquery_write_client, table, "COMMITTED")
    assert [f.name for f in stream.table_schema.fields] == ["id", "name", "info", "tags"]
    append = appender(stream.name)
    assert append.send(_rows(1, 2, offset=0)).result().append_result.offset == 0
    assert append.send(_rows(3, offset=2)).result().append_result.offset == 2
    with pytest.raises(exceptions.AlreadyExists, match="expected offset 3, received 2"):
        append.send(_rows(3, offset=2)).result()  # a retry of an acknowledged append
    with pytest.raises(exceptions.OutOfRange, match="expected offset 3, received 5"):
        append.send(_rows(6, offset=5)).result()  # a gap
    append.send(_rows(4, offset=3)).result()  # the connection is still usable
    assert _ids(client, table) == [1, 2, 3, 4]
    rows = list(client.query(f"SELECT * FROM `{table}` WHERE id = 2").result())
    assert dict(rows[0]) == {"id": 2, "name": "n2", "info": {"score": 1.0}, "tags": ["a", "2"]}
    final = bigquery_write_client.finalize_write_stream(name=stream.name)
    assert final.row_count == 4


def test_default_stream_appends_are_visible(
    appender: Any, client: bigquery.Client, table: str
) -> None:
    append = appender(f"{_parent(table)}/streams/_default")
    append.send(_rows(7, 8)).result()
    append.send(_rows(9)).result()
    assert _ids(client, table) == [7, 8, 9]


def test_pending_streams_commit_atomically(
    bigquery_write_client: Any, appender: Any, client: bigquery.Client, dataset: str
) -> None:
    first, second = f"{dataset}.first", f"{dataset}.second"
    for name in (first, second):
        client.create_table(bigquery.Table(name, schema=SCHEMA))
    streams = [_stream(bigquery_write_client, name, "PENDING") for name in (first, second)]
    appender(streams[0].name).send(_rows(1, 2, offset=0)).result()
    appender(streams[1].name).send(_rows(3, offset=0)).result()
    assert _ids(client, first) == [] and _ids(client, second) == []
    request = types.BatchCommitWriteStreamsRequest(
        parent=_parent(first), write_streams=[s.name for s in streams]
    )
    refused = bigquery_write_client.batch_commit_write_streams(request)
    assert [e.code for e in refused.stream_errors] == [
        types.StorageError.StorageErrorCode.INVALID_STREAM_STATE
    ] * 2
    assert not refused.commit_time
    for stream in streams:
        bigquery_write_client.finalize_write_stream(name=stream.name)
    committed = bigquery_write_client.batch_commit_write_streams(request)
    assert committed.commit_time and not committed.stream_errors
    assert _ids(client, first) == [1, 2] and _ids(client, second) == [3]
    again = bigquery_write_client.batch_commit_write_streams(request)
    assert (
        again.stream_errors[0].code == types.StorageError.StorageErrorCode.STREAM_ALREADY_COMMITTED
    )
    got = bigquery_write_client.get_write_stream(name=streams[0].name)
    assert got.commit_time == committed.commit_time


def _flush(write_client: Any, stream: str, offset: int) -> Any:
    return write_client.flush_rows(types.FlushRowsRequest(write_stream=stream, offset=offset))


def test_buffered_rows_are_visible_after_flush(
    bigquery_write_client: Any, appender: Any, client: bigquery.Client, table: str
) -> None:
    stream = _stream(bigquery_write_client, table, "BUFFERED")
    append = appender(stream.name)
    append.send(_rows(1, 2, 3, offset=0)).result()
    assert _ids(client, table) == []
    flushed = _flush(bigquery_write_client, stream.name, 1)
    assert flushed.offset == 1
    assert _ids(client, table) == [1, 2]
    _flush(bigquery_write_client, stream.name, 2)
    assert _ids(client, table) == [1, 2, 3]
    with pytest.raises(exceptions.OutOfRange):
        _flush(bigquery_write_client, stream.name, 9)


def test_bad_rows_are_reported_in_row_errors(
    bigquery_write_client: Any, appender: Any, client: bigquery.Client, table: str
) -> None:
    stream = _stream(bigquery_write_client, table, "COMMITTED")
    append = appender(stream.name)
    request = _rows(1, 2)
    request.proto_rows.rows.serialized_rows.insert(1, b"\xff\xff\xff")  # not a message
    request.proto_rows.rows.serialized_rows.append(ROW(name="no id").SerializeToString())
    with pytest.raises(exceptions.InvalidArgument) as raised:
        append.send(request).result()
    response = raised.value.response
    assert [e.index for e in response.row_errors] == [1, 3]
    assert "Missing required field: id" in response.row_errors[1].message
    assert _ids(client, table) == []  # nothing of a request with bad rows is written
    append.send(_rows(5, offset=0)).result()
    assert _ids(client, table) == [5]


def test_bad_descriptor_is_invalid(bigquery_write_client: Any, appender: Any, table: str) -> None:
    stream = _stream(bigquery_write_client, table, "COMMITTED")
    broken = descriptor_pb2.DescriptorProto(name="Row")
    broken.field.add(name="id", number=1, type=FD.TYPE_MESSAGE, type_name=".nowhere.Missing")
    with pytest.raises(exceptions.InvalidArgument, match="Invalid proto schema"):
        appender(stream.name, broken).send(_rows(1)).result()


def test_extra_proto_field_is_invalid(
    bigquery_write_client: Any, appender: Any, table: str
) -> None:
    stream = _stream(bigquery_write_client, table, "COMMITTED")
    extra = descriptor_pb2.DescriptorProto()
    extra.CopyFrom(DESCRIPTOR)
    extra.field.add(name="surprise", number=9, type=FD.TYPE_STRING, label=FD.LABEL_OPTIONAL)
    with pytest.raises(exceptions.InvalidArgument, match="extra fields: 'surprise'"):
        appender(stream.name, extra).send(_rows(1)).result()


def test_arrow_rows(bigquery_write_client: Any, client: bigquery.Client, table: str) -> None:
    stream = _stream(bigquery_write_client, table, "COMMITTED")
    batch = pa.record_batch({"id": [10, 11], "name": ["x", None]})
    request = types.AppendRowsRequest(
        write_stream=stream.name,
        offset=0,
        arrow_rows=types.AppendRowsRequest.ArrowData(
            writer_schema=types.ArrowSchema(
                serialized_schema=batch.schema.serialize().to_pybytes()
            ),
            rows=types.ArrowRecordBatch(serialized_record_batch=batch.serialize().to_pybytes()),
        ),
    )
    (response,) = bigquery_write_client.append_rows(iter([request]))
    assert response.append_result.offset == 0 and not response.error.code
    assert _ids(client, table) == [10, 11]


def test_missing_table_and_stream_are_not_found(
    bigquery_write_client: Any, dataset: str, table: str
) -> None:
    with pytest.raises(exceptions.NotFound, match="Not found: Table"):
        _stream(bigquery_write_client, f"{dataset}.missing", "COMMITTED")
    with pytest.raises(exceptions.NotFound):
        bigquery_write_client.get_write_stream(name=f"{_parent(table)}/streams/nope")


def test_killed_connection_loses_and_duplicates_nothing(
    bigquery_write_client: Any, appender: Any, client: bigquery.Client, table: str
) -> None:
    stream = _stream(bigquery_write_client, table, "COMMITTED")
    outbox: queue.Queue[Any] = queue.Queue()
    first = _rows(1, 2, descriptor=DESCRIPTOR, offset=0)
    first.write_stream = stream.name
    outbox.put(first)
    responses = bigquery_write_client.append_rows(iter(outbox.get, None))
    assert next(responses).append_result.offset == 0  # acknowledged
    responses.cancel()  # the connection dies; the client cannot know what else arrived
    retry = appender(stream.name)
    with pytest.raises(exceptions.AlreadyExists):
        retry.send(_rows(1, 2, offset=0)).result()  # resending the acknowledged append
    retry.send(_rows(3, offset=2)).result()
    assert _ids(client, table) == [1, 2, 3]


def test_default_values_are_values_and_unset_fields_are_null(
    bigquery_write_client: Any, appender: Any, client: bigquery.Client, table: str
) -> None:
    """proto2 presence survives the column-wise decoder: "" and 0.0 are values, unset is NULL."""
    stream = _stream(bigquery_write_client, table, "COMMITTED")
    request = _rows()
    request.proto_rows.rows.serialized_rows.extend(
        [
            ROW(id=0, name="", info=ROW.Info(score=0.0)).SerializeToString(),
            ROW(id=1).SerializeToString(),
        ]
    )
    appender(stream.name).send(request).result()
    rows = [dict(r) for r in client.query(f"SELECT * FROM `{table}` ORDER BY id").result()]
    assert rows == [
        {"id": 0, "name": "", "info": {"score": 0.0}, "tags": []},
        {"id": 1, "name": None, "info": None, "tags": []},
    ]
