"""BigQueryWrite: write streams with BigQuery's exactly-once offsets and commit rules.

- COMMITTED (and ``_default``): each append is one lake transaction, visible at once.
- PENDING: appends are held until BatchCommitWriteStreams commits finalized streams, all of them in
  ONE lake transaction (across streams and tables).
- BUFFERED: appends are held until FlushRows(offset) writes every row up to ``offset``.

Streams survive a restart (``stream_store``): metadata and held rows are on disk before an append
is acknowledged, and a COMMITTED stream's next offset commits with its rows, so a retry after a
crash answers ALREADY_EXISTS instead of writing twice. Streams are loaded lazily, on first use.

Streams idle longer than BigQuery's time to live are removed (files and lake events) at start-up
and then periodically; afterwards they are NOT_FOUND. BigQuery: "A committed stream has a TTL of
four days if there is no traffic on the stream. A buffered stream by default has a TTL of seven
days" (https://cloud.google.com/bigquery/docs/write-api-streaming#exactly-once); PENDING streams
get the four days too. ``BQHOUSE_WRITE_STREAM_TTL_SECONDS`` sets one TTL for every type.

An append at an offset already written answers ALREADY_EXISTS, one beyond the end OUT_OF_RANGE,
in the response (the connection stays open), as BigQuery does:
https://cloud.google.com/bigquery/docs/reference/storage/rpc/google.cloud.bigquery.storage.v1#appendrowsresponse
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pyarrow as pa
from google.cloud.bigquery_storage_v1 import types

from bqhouse import errors
from bqhouse.engine.duckdb import map_exceptions
from bqhouse.grpc.proto_rows import ProtoDecoder, RowErrors, check_fields, decode_arrow
from bqhouse.grpc.proto_rows import message_class as proto_message_class
from bqhouse.grpc.read import parse_table
from bqhouse.grpc.stream_store import APPEND, COMMIT, FLUSH, Loaded, StreamMeta, StreamStore
from bqhouse.storage.writer import insert_arrow
from bqhouse.warehouse import Warehouse

Field = dict[str, Any]

WriteStream = types.WriteStream.pb()
AppendRowsResponse = types.AppendRowsResponse.pb()
FinalizeWriteStreamResponse = types.FinalizeWriteStreamResponse.pb()
BatchCommitWriteStreamsResponse = types.BatchCommitWriteStreamsResponse.pb()
FlushRowsResponse = types.FlushRowsResponse.pb()
StorageError = types.StorageError.pb()
TableSchema = types.TableSchema.pb()
TableFieldSchema = types.TableFieldSchema.pb()

COMMITTED = int(types.WriteStream.Type.COMMITTED)
PENDING = int(types.WriteStream.Type.PENDING)
BUFFERED = int(types.WriteStream.Type.BUFFERED)
_STREAM = re.compile(r"^(projects/[^/]+/datasets/[^/]+/tables/[^/]+)/streams/([^/]+)$")
_DEFAULT = "_default"
_CODES = types.StorageError.StorageErrorCode
# REST type names -> TableFieldSchema.Type names where they differ.
_STORAGE_TYPES = {"INTEGER": "INT64", "FLOAT": "DOUBLE", "BOOLEAN": "BOOL", "RECORD": "STRUCT"}
_DAY = 86_400.0
_TTL_SECONDS = {COMMITTED: 4 * _DAY, PENDING: 4 * _DAY, BUFFERED: 7 * _DAY}
_log = logging.getLogger(__name__)


def ttl_seconds(kind: int) -> float:
    """How long a stream of ``kind`` may stay idle before it is garbage-collected."""
    value = os.environ.get("BQHOUSE_WRITE_STREAM_TTL_SECONDS", "")
    return float(value) if value else _TTL_SECONDS.get(kind, 4 * _DAY)


class OutOfRange(errors.BigQueryError):
    """An append or flush beyond the end of a stream."""

    reason = "invalid"
    http_status = 400
    status = "OUT_OF_RANGE"
    grpc_status = "OUT_OF_RANGE"


def _storage_field(f: Field) -> Any:
    return TableFieldSchema(
        name=f["name"],
        type_=TableFieldSchema.Type.Value(_STORAGE_TYPES.get(f["type"], f["type"])),
        mode=TableFieldSchema.Mode.Value(f.get("mode") or "NULLABLE"),
        fields=[_storage_field(sub) for sub in f.get("fields") or []],
        description=f.get("description", ""),
    )


@dataclass
class Stream:
    """One write stream's state; ``rows`` is the next offset."""

    name: str
    table: tuple[str, str, str]
    kind: int
    fields: list[Field]
    proto: Any
    rows: int = 0
    held: list[pa.Table] = field(default_factory=list)  # PENDING/BUFFERED rows not yet written
    flushed: int = 0
    finalized: bool = False
    committed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    meta: StreamMeta | None = None  # None for ``_default`` streams: nothing to persist
    gone: bool = False  # garbage-collected while a connection still held it
    used_ns: int = 0  # the last append, flush or finalize in this process (0: none)

    @property
    def default(self) -> bool:
        return self.name.endswith(f"/{_DEFAULT}")


@dataclass
class _Connection:
    """What an AppendRows connection remembers between requests."""

    stream: Stream | None = None
    decoder: ProtoDecoder | None = None
    arrow_schema: bytes = b""


def _check_live(stream: Stream) -> None:
    if stream.gone:
        raise errors.NotFound(f"Requested entity was not found. Entity: {stream.name}")


def _now(message: Any) -> None:
    message.FromNanoseconds(time.time_ns() // 1000 * 1000)


def _collect_every(service: weakref.ref[WriteService], interval: float) -> None:
    """The periodic garbage collection; ends when the service is gone."""
    while True:
        time.sleep(interval)
        current = service()
        if current is None:
            return
        try:
            current.collect()
        except Exception:  # a closed or busy lake: try again next time
            _log.debug("write stream garbage collection failed", exc_info=True)
        del current


@dataclass
class WriteService:
    """The BigQueryWrite servicer; raises ``BigQueryError`` (the server maps it to a status)."""

    warehouse: Warehouse
    streams: dict[str, Stream] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    store: StreamStore = field(init=False)

    def __post_init__(self) -> None:
        self.store = StreamStore(self.warehouse.lake)
        self.collect()  # at start-up, then every ``interval`` seconds
        interval = min(3600.0, max(1.0, min(ttl_seconds(k) for k in _TTL_SECONDS) / 4))
        threading.Thread(
            target=_collect_every, args=(weakref.ref(self), interval), daemon=True
        ).start()

    # ---- garbage collection ---------------------------------------------------------------

    def collect(self, now_ns: int | None = None) -> list[str]:
        """Remove streams idle longer than their TTL; returns their names."""
        now = time.time_ns() if now_ns is None else now_ns
        expired: list[tuple[str, Any]] = []
        with self.lock:
            for meta, folder, last in self.store.scan():
                kind = meta.kind if meta is not None else COMMITTED
                stream = self.streams.get(meta.name) if meta is not None else None
                if now - last <= ttl_seconds(kind) * 1e9:
                    continue
                if stream is not None:
                    with stream.lock:  # an append may have just finished: look again
                        if now - stream.used_ns <= ttl_seconds(kind) * 1e9:
                            continue
                        stream.gone = True
                    del self.streams[stream.name]
                expired.append((meta.name if meta is not None else "", folder))
            self.store.remove([folder for _, folder in expired])
        self.store.compact_events()
        return [name for name, _ in expired if name]

    # ---- streams ------------------------------------------------------------------------

    @staticmethod
    def _proto(name: str, kind: int, fields: list[Field]) -> Any:
        return WriteStream(
            name=name,
            type_=kind,
            table_schema=TableSchema(fields=[_storage_field(f) for f in fields]),
            write_mode=int(types.WriteStream.WriteMode.INSERT),
            location="US",
        )

    def _new_stream(self, name: str, table: tuple[str, str, str], kind: int) -> Stream:
        p, d, t = table
        catalog = self.warehouse.catalog
        if catalog.require_table(p, d, t) != "TABLE":
            raise errors.Invalid(f"Cannot write to view {p}:{d}.{t}")
        fields = catalog.table_fields(p, d, t)
        proto = self._proto(name, kind, fields)
        _now(proto.create_time)
        return Stream(name, table, kind, fields, proto)

    def _restore(self, loaded: Loaded) -> Stream:
        """Rebuild a stream from ``stream_store`` after a restart."""
        meta, events = loaded.meta, loaded.events
        p, d, t = meta.table
        proto = self._proto(meta.name, meta.kind, meta.fields)
        proto.create_time.FromNanoseconds(meta.create_ns)
        stream = Stream(meta.name, (p, d, t), meta.kind, meta.fields, proto, meta=meta)
        stream.finalized = meta.finalize_ns > 0
        if meta.kind == COMMITTED:
            stream.rows = events.get(APPEND, (0, 0))[0]
        elif COMMIT in events:  # PENDING, committed before the crash
            stream.committed, stream.rows = True, meta.finalized_rows
            proto.commit_time.FromMilliseconds(events[COMMIT][1])
            self.store.drop_batches(meta.name)
        else:
            stream.flushed = events.get(FLUSH, (0, 0))[0]
            stream.rows = max(stream.flushed, loaded.end)
            if loaded.batches:
                held = pa.concat_tables([data for _, data in loaded.batches])
                stream.held = [held.slice(max(0, stream.flushed - loaded.batches[0][0]))]
        return stream

    def _find(self, name: str) -> Stream | None:
        """A known stream: in memory, or loaded from ``stream_store`` on first use."""
        with self.lock:
            stream = self.streams.get(name)
            if stream is None and not name.endswith(f"/{_DEFAULT}"):
                loaded = self.store.load(name)
                if loaded is not None:
                    stream = self.streams[name] = self._restore(loaded)
            return stream

    def create_write_stream(self, request: Any, context: Any = None) -> Any:
        table = parse_table(request.parent)
        kind = request.write_stream.type_
        if kind not in (COMMITTED, PENDING, BUFFERED):
            raise errors.Invalid("WriteStream type must be COMMITTED, PENDING or BUFFERED")
        stream = self._new_stream(f"{request.parent}/streams/{uuid.uuid4().hex}", table, kind)
        stream.meta = StreamMeta(
            stream.name, list(table), kind, stream.fields, stream.proto.create_time.ToNanoseconds()
        )
        self.store.create(stream.meta)
        with self.lock:
            self.streams[stream.name] = stream
        return stream.proto

    def _stream(self, name: str) -> Stream:
        match = _STREAM.match(name)
        if not match:
            raise errors.Invalid(f"Invalid write stream name: {name!r}")
        stream = self._find(name)
        if stream is not None:
            return stream
        if match.group(2) != _DEFAULT:
            raise errors.NotFound(f"Requested entity was not found. Entity: {name}")
        created = self._new_stream(name, parse_table(match.group(1)), COMMITTED)
        with self.lock:
            return self.streams.setdefault(name, created)

    def get_write_stream(self, request: Any, context: Any = None) -> Any:
        return self._stream(request.name).proto

    def finalize_write_stream(self, request: Any, context: Any = None) -> Any:
        stream = self._stream(request.name)
        if stream.default or stream.meta is None:
            raise errors.Invalid("The _default stream cannot be finalized")
        with stream.lock:
            _check_live(stream)
            stream.used_ns = time.time_ns()
            if not stream.finalized:
                stream.meta.finalize_ns, stream.meta.finalized_rows = time.time_ns(), stream.rows
                self.store.save(stream.meta)
                stream.finalized = True
            return FinalizeWriteStreamResponse(row_count=stream.rows)

    # ---- AppendRows ---------------------------------------------------------------------

    def append_rows(self, requests: Iterator[Any], context: Any = None) -> Iterator[Any]:
        """One response per request, in order; data errors travel in ``response.error``."""
        conn = _Connection()
        for request in requests:
            try:
                yield self._append(conn, request)
            except RowErrors as exc:
                response = self._error_response(conn, exc)
                for index, message in sorted(exc.rows.items()):
                    response.row_errors.add(
                        index=index,
                        code=int(types.RowError.RowErrorCode.FIELDS_ERROR),
                        message=message,
                    )
                yield response
            except errors.BigQueryError as exc:
                yield self._error_response(conn, exc)

    @staticmethod
    def _error_response(conn: _Connection, exc: errors.BigQueryError) -> Any:
        response = AppendRowsResponse(write_stream=conn.stream.name if conn.stream else "")
        response.error.code = getattr(grpc.StatusCode, exc.grpc_status).value[0]
        response.error.message = exc.message
        return response

    def _decode(self, conn: _Connection, request: Any) -> pa.Table:
        assert conn.stream is not None
        which = request.WhichOneof("rows")
        if which == "arrow_rows":
            if request.arrow_rows.writer_schema.serialized_schema:
                conn.arrow_schema = request.arrow_rows.writer_schema.serialized_schema
            if not conn.arrow_schema:
                raise errors.Invalid("The first Arrow append of a connection needs writer_schema")
            return decode_arrow(
                conn.arrow_schema,
                request.arrow_rows.rows.serialized_record_batch,
                conn.stream.fields,
            )
        if which != "proto_rows":
            raise errors.Invalid("AppendRowsRequest has no rows")
        if request.proto_rows.HasField("writer_schema"):
            klass = proto_message_class(request.proto_rows.writer_schema.proto_descriptor)
            p, d, t = conn.stream.table
            check_fields(klass.DESCRIPTOR, conn.stream.fields, f"{p}:{d}.{t}")
            conn.decoder = ProtoDecoder(klass, conn.stream.fields)
        if conn.decoder is None:
            raise errors.Invalid("The first append of a connection needs writer_schema")
        return conn.decoder.decode_rows(request.proto_rows.rows)

    def _append(self, conn: _Connection, request: Any) -> Any:
        if request.write_stream and (
            conn.stream is None or request.write_stream != conn.stream.name
        ):
            conn.stream, conn.decoder, conn.arrow_schema = (
                self._stream(request.write_stream),
                None,
                b"",
            )
        if conn.stream is None:
            raise errors.Invalid("The first AppendRowsRequest of a connection needs write_stream")
        stream = conn.stream
        data = self._decode(conn, request)
        with stream.lock:
            _check_live(stream)
            stream.used_ns = time.time_ns()
            offset = stream.rows
            if request.HasField("offset"):
                self._check_offset(stream, request.offset.value)
            if stream.finalized:
                raise errors.Invalid(f"Stream is already finalized: {stream.name}")
            end = offset + data.num_rows
            if stream.kind == COMMITTED:
                self._write_rows(stream, data, None if stream.default else APPEND, end)
            else:
                if data.num_rows:
                    self.store.append_batch(stream.name, offset, data)  # durable before the ack
                stream.held.append(data)
            stream.rows += data.num_rows
        response = AppendRowsResponse(write_stream=stream.name)
        if stream.default:
            response.append_result.SetInParent()
        else:
            response.append_result.offset.value = offset
        return response

    @staticmethod
    def _check_offset(stream: Stream, offset: int) -> None:
        if stream.default:
            raise errors.Invalid("Offsets are not supported on the _default stream")
        if offset < stream.rows:
            raise errors.Duplicate(
                f"The offset is within stream, expected offset {stream.rows}, received {offset}"
            )
        if offset > stream.rows:
            raise OutOfRange(
                f"The offset is beyond stream, expected offset {stream.rows}, received {offset}"
            )

    # ---- commit and flush ---------------------------------------------------------------

    def _commit_errors(self, names: list[str]) -> tuple[list[Stream], list[Any]]:
        found, problems = [], []
        for name in names:
            stream = self._find(name) if _STREAM.match(name) else None
            if stream is None:
                code, message = _CODES.STREAM_NOT_FOUND, f"Stream not found: {name}"
            elif stream.kind != PENDING:
                code, message = _CODES.INVALID_STREAM_TYPE, f"Stream is not PENDING: {name}"
            elif stream.committed:
                code, message = _CODES.STREAM_ALREADY_COMMITTED, f"Stream already committed: {name}"
            elif not stream.finalized:
                code, message = _CODES.INVALID_STREAM_STATE, f"Stream is not finalized: {name}"
            else:
                found.append(stream)
                continue
            problems.append(StorageError(code=int(code), entity=name, error_message=message))
        return found, problems

    def batch_commit_write_streams(self, request: Any, context: Any = None) -> Any:
        """Commit finalized PENDING streams together: every row of every stream, or none."""
        parse_table(request.parent)
        if not request.write_streams:
            raise errors.Invalid("BatchCommitWriteStreams needs at least one write stream")
        streams, problems = self._commit_errors(list(request.write_streams))
        if problems:
            return BatchCommitWriteStreamsResponse(stream_errors=problems)
        streams = sorted({s.name: s for s in streams}.values(), key=lambda s: s.name)
        for stream in streams:
            stream.lock.acquire()
        try:
            at_ms = self._write_together(streams)
            response = BatchCommitWriteStreamsResponse()
            response.commit_time.FromMilliseconds(at_ms)
            for stream in streams:
                stream.committed, stream.held = True, []
                stream.proto.commit_time.CopyFrom(response.commit_time)
                self.store.drop_batches(stream.name)  # committed: the lake has the rows now
            return response
        finally:
            for stream in streams:
                stream.lock.release()

    def _write_rows(self, stream: Stream, data: pa.Table, event: str | None, end: int) -> None:
        """One lake transaction: ``data`` (already in the stream's schema) and the stream event.

        Not ``write_arrow``: a stream's schema is fixed when it is created (as in BigQuery), so
        the table's schema is not read and compared again on every append (that read alone was
        a third of a COMMITTED append, since each append's commit invalidates the cached one).
        """
        catalog = self.warehouse.catalog
        p, d, t = stream.table
        with catalog.lake.transaction() as cur, map_exceptions():
            if catalog.table_kind(p, d, t) is None:
                raise errors.NotFound(f"Not found: Table {p}:{d}.{t}")
            insert_arrow(cur, p, d, t, data)
            if event is not None:
                StreamStore.record(cur, stream.name, event, end)

    def _write_together(self, parts: list[Stream]) -> int:
        """One lake transaction for all ``parts`` and their commit records; returns its time (ms).

        See ``write_arrow`` for the pattern.
        """
        catalog = self.warehouse.catalog
        at_ms = int(time.time() * 1000)
        with catalog.lake.transaction() as cur, map_exceptions():
            for stream in parts:
                p, d, t = stream.table
                if catalog.table_kind(p, d, t) is None:
                    raise errors.NotFound(f"Not found: Table {p}:{d}.{t}")
                StreamStore.record(cur, stream.name, COMMIT, stream.rows, at_ms)
                if not stream.held:
                    continue
                insert_arrow(cur, p, d, t, pa.concat_tables(stream.held))
        return at_ms

    def flush_rows(self, request: Any, context: Any = None) -> Any:
        """Write a BUFFERED stream's rows up to and including ``offset``."""
        stream = self._stream(request.write_stream)
        if stream.kind != BUFFERED:
            raise errors.Invalid(f"FlushRows needs a BUFFERED stream: {stream.name}")
        with stream.lock:
            _check_live(stream)
            stream.used_ns = time.time_ns()
            end = (request.offset.value if request.HasField("offset") else stream.rows - 1) + 1
            if end > stream.rows:
                raise OutOfRange(
                    f"The offset is beyond stream, expected offset <= {stream.rows - 1}, "
                    f"received {end - 1}"
                )
            if end > stream.flushed:
                held = pa.concat_tables(stream.held)
                count = end - stream.flushed
                self._write_rows(stream, held.slice(0, count), FLUSH, end)
                stream.held = [held.slice(count)]
                stream.flushed = end
                self.store.drop_batches(stream.name, end)
            return FlushRowsResponse(offset=end - 1)
