"""BigQueryRead: read sessions over a snapshot, split into streams, served as Arrow or Avro.

A session's rows are one ordered result (after ``row_restriction`` and ``selected_fields``, as of
``table_modifiers.snapshot_time`` when given), read once: that is the consistent snapshot every
stream reads, whatever is written afterwards. A plain lake table of flat columns is counted at
the lake snapshot of the session's creation and scanned in the background (``session_rows``):
a clean table's Parquet files with pyarrow (``fast_scan.table_sources``), any other table with
DuckLake's ``AT (VERSION => n)``. So the session is created without reading the table's rows and
streams send rows as the scan produces them; anything else (query results, views, a row
restriction, a snapshot time, nested or special types) is materialised at creation. Stream ``i``
of ``n`` owns a contiguous row range of that result, so the streams together return every row
exactly once and a broken stream resumes from any ``offset``. Responses are serialized by
``wire`` around the Arrow IPC (``arrow_ipc``, optionally LZ4_FRAME/ZSTD compressed) or Avro
(``avro``) payload. A session lives until its ``expire_time`` (six hours, or earlier when the
request asks for it).
https://cloud.google.com/bigquery/docs/reference/storage/rpc/google.cloud.bigquery.storage.v1
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
from google.cloud.bigquery_storage_v1 import types
from sqlglot import exp

from bqhouse import errors, schema
from bqhouse.engine.duckdb import run
from bqhouse.grpc import arrow_ipc, job_stream, wire
from bqhouse.grpc.avro import AvroRowWriter
from bqhouse.grpc.session_rows import FileScan, SessionRows, scan
from bqhouse.jobs.arrow_page import conform as _conform
from bqhouse.sql import geography, translate
from bqhouse.storage import fast_scan
from bqhouse.storage.lake import quote, schema_name, table_sql
from bqhouse.warehouse import Warehouse

Field = dict[str, Any]

ReadSession = types.ReadSession.pb()
ReadStream = types.ReadStream.pb()
ReadRowsResponse = types.ReadRowsResponse.pb()
SplitReadStreamResponse = types.SplitReadStreamResponse.pb()

_TABLE = re.compile(r"^projects/([^/]+)/datasets/([^/]+)/tables/([^/]+)$")
_STREAM = re.compile(r"^(projects/[^/]+/locations/[^/]+/sessions/[^/]+)/streams/([^/]+)$")
# A session lives six hours in BigQuery; ours also leave early when the byte budget is exceeded.
_SESSION_SECONDS = 6 * 3600
_SESSIONS_BYTES = 2 * 1024**3
# Responses stay far below BigQuery's 100 MiB and below gRPC's default 4 MiB receive limit, so a
# client on a plain ``grpc.insecure_channel`` reads them. 1 MiB measured best (bench/
# storage_read.py): the client copies each response about four times (gRPC slices, Python bytes,
# protobuf, field access) and 3 MiB buffers cost half again as many page faults and more CPU.
# Re-measured against 256/512/768 KiB and 2/4 MiB (A/B in one run, 1M rows): none was faster on
# one stream, four streams or LZ4_FRAME; the client's decode CPU is flat from 512 KiB to 1 MiB
# and grows from 2 MiB on.
BATCH_BYTES = 1024 * 1024
# Without max_stream_count BigQuery picks the parallelism; one stream per this many rows.
_ROWS_PER_STREAM = 1_000_000
_MAX_STREAMS = 1000
_ARROW = int(types.DataFormat.ARROW)
_AVRO = int(types.DataFormat.AVRO)
_FORMATS = (_ARROW, _AVRO, int(types.DataFormat.DATA_FORMAT_UNSPECIFIED))
# Column types a lake table is scanned lazily with: DuckDB returns them as the BigQuery Arrow type
# (or one cast to it whatever the values), so the session's schema is known before any row is read.
# The value is a guess at the bytes per row of the column, for the size of the scan's batches.
_LAZY_BYTES = {
    "INTEGER": 8,
    "INT64": 8,
    "FLOAT": 8,
    "FLOAT64": 8,
    "BOOLEAN": 1,
    "BOOL": 1,
    "TIMESTAMP": 8,
    "DATETIME": 8,
    "TIME": 8,
    "DATE": 4,
    "NUMERIC": 16,
    "STRING": 20,
    "BYTES": 20,
}
_VECTOR = 2048  # DuckDB's vector size: scan batches are a multiple of it


def parse_table(path: str) -> tuple[str, str, str]:
    """Split ``projects/P/datasets/D/tables/T``.

    >>> parse_table("projects/p/datasets/d/tables/t")
    ('p', 'd', 't')
    """
    match = _TABLE.match(path)
    if not match:
        raise errors.Invalid(
            f"Invalid table name: {path!r}; expected projects/*/datasets/*/tables/*"
        )
    p, d, t = match.groups()
    return p, d, t


def _field_tree(paths: list[str]) -> dict[str, Any]:
    """``["a.b", "c"]`` -> ``{"a": {"b": {}}, "c": {}}``; an empty dict means the whole field."""
    tree: dict[str, Any] = {}
    for path in paths:
        *parents, leaf = [part.strip().lower() for part in path.split(".")]
        node = tree
        for part in parents:
            if node.get(part, None) == {}:
                break  # the whole parent is already selected
            node = node.setdefault(part, {})
        else:
            node[leaf] = {}
    return tree


def _prune(fields: list[Field], tree: dict[str, Any], prefix: str = "") -> list[Field]:
    """Keep the selected fields (and subfields), in table order, as BigQuery returns them."""
    known = {f["name"].lower() for f in fields}
    for name in tree:
        if name not in known:
            raise errors.Invalid(f"Column {prefix}{name} not found in table schema")
    out = []
    for f in fields:
        sub = tree.get(f["name"].lower())
        if sub is None:
            continue
        if sub:
            if f["type"] != "RECORD":
                raise errors.Invalid(f"Column {prefix}{f['name']} is not a RECORD")
            f = {**f, "fields": _prune(f["fields"], sub, f"{prefix}{f['name']}.")}
        out.append(f)
    return out


def _ident(name: str) -> str:
    """A GoogleSQL quoted identifier (the predicate is GoogleSQL, so the query around it is too)."""
    return str(exp.to_identifier(name, quoted=True).sql(dialect="bigquery"))


def _file_scan(
    cur: duckdb.DuckDBPyConnection, p: str, d: str, t: str, fields: list[Field], version: int
) -> FileScan | None:
    """Where the table's rows at ``version`` are without DuckLake's scan: its Parquet files and
    live inlined rows (``fast_scan.table_sources``), or None when the table is not simple there
    (delete files, files from before a column change, ...) or ``BQHOUSE_FAST_SCAN=0``."""
    if not fast_scan.enabled():
        return None
    key = (schema_name(p, d), t)
    try:
        sources = fast_scan.table_sources(cur, [key], version)
    except duckdb.Error:
        return None
    if sources is None:
        return None
    source = sources[key]
    by_lower = {name.lower(): name for name, _ in source.layout}
    columns = tuple(by_lower.get(f["name"].lower(), "") for f in fields)
    if "" in columns:
        return None  # a column change raced the session
    inlined = None
    if source.inlined:
        select = ", ".join(
            f"{quote(column)} AS {quote(f['name'])}"
            for column, f in zip(columns, fields, strict=True)
        )
        inlined = f"SELECT {select} FROM ({' UNION ALL '.join(source.inlined)})"
    return FileScan(source.files, columns, inlined)


@dataclass
class Session:
    """One read session: its rows, the row range of each stream and how rows are encoded."""

    name: str
    proto: Any
    rows: SessionRows
    ranges: dict[str, tuple[int, int]]
    expires: float
    # The first response of every stream carries the schema (ReadRowsResponse.arrow_schema or
    # .avro_schema), as BigQuery's does: ``schema_meta`` is that response without rows.
    schema_meta: Any = None
    encode: Callable[[pa.RecordBatch], Any] = field(default=lambda batch: batch.serialize())
    avro: bool = False
    compressed: bool = False


def _micros(stamp: Any) -> int:
    return int(stamp.seconds) * 1_000_000 + int(stamp.nanos) // 1000


def _snapshot_micros(modifiers: Any) -> int | None:
    """``table_modifiers.snapshot_time`` in microseconds; a time in the future is invalid."""
    if not modifiers.HasField("snapshot_time"):
        return None
    micros = _micros(modifiers.snapshot_time)
    if micros > time.time() * 1_000_000:
        raise errors.Invalid(
            f"Invalid snapshot_time {modifiers.snapshot_time.ToJsonString()}: it is in the future"
        )
    return micros


def _expire_seconds(session_in: Any, now: float) -> float:
    """The session's end: six hours, or the requested ``expire_time`` if that is earlier."""
    default = now + _SESSION_SECONDS
    if not session_in.HasField("expire_time"):
        return default
    asked = _micros(session_in.expire_time) / 1_000_000
    if asked <= now:
        raise errors.Invalid(
            f"Invalid expire_time {session_in.expire_time.ToJsonString()}: it is in the past"
        )
    return min(asked, default)


def _pieces(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``batches`` cut into pieces of about ``BATCH_BYTES``: one ReadRowsResponse each."""
    for batch in batches:
        chunk = max(1, BATCH_BYTES // max(1, batch.nbytes // max(1, batch.num_rows)))
        for begin in range(0, batch.num_rows, chunk):
            yield batch.slice(begin, chunk)


def _responses(
    session: Session, pieces: Iterator[pa.RecordBatch], offset: int, total: int
) -> Iterator[bytes]:
    """Serialized ReadRowsResponses of ``pieces``, the rows of a stream from ``offset`` on."""
    done = offset
    first = True
    for piece in pieces:
        rows = piece.num_rows
        payload = session.encode(piece)
        meta = ReadRowsResponse(row_count=rows)
        if first:
            meta.MergeFrom(session.schema_meta)
            first = False
        progress = meta.stats.progress
        progress.at_response_start = done / total
        done += rows
        progress.at_response_end = done / total
        if session.compressed:
            meta.uncompressed_byte_size = piece.nbytes
        yield wire.response_bytes(meta, payload, rows, avro=session.avro)


@dataclass
class ReadService:
    """The BigQueryRead servicer; raises ``BigQueryError`` (mapped to gRPC status by the server)."""

    warehouse: Warehouse
    sessions: OrderedDict[str, Session] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # ---- CreateReadSession --------------------------------------------------------------

    def create_read_session(self, request: Any, context: Any = None) -> Any:
        session_in = request.read_session
        p, d, t = parse_table(session_in.table)
        options = session_in.read_options
        if session_in.data_format not in _FORMATS:
            raise errors.Invalid(
                f"Unsupported data format {session_in.data_format}: expected ARROW or AVRO"
            )
        avro = session_in.data_format == _AVRO
        compression = None
        if not avro:
            compression = arrow_ipc.codec(options.arrow_serialization_options.buffer_compression)
        now = time.time()
        expires = _expire_seconds(session_in, now)
        snapshot = _snapshot_micros(session_in.table_modifiers)
        data, fields = self._rows(
            p, d, t, list(options.selected_fields), options.row_restriction, snapshot
        )
        count = self._stream_count(data.num_rows, request.max_stream_count)
        sid = uuid.uuid4().hex
        location = "us"
        name = f"projects/{p}/locations/{location}/sessions/{sid}"
        bounds = [data.num_rows * i // count for i in range(count + 1)]
        ranges = {f"{name}/streams/{i}": (bounds[i], bounds[i + 1]) for i in range(count)}
        proto = ReadSession(
            name=name,
            data_format=_AVRO if avro else _ARROW,
            table=session_in.table,
            estimated_row_count=data.num_rows,
            estimated_total_bytes_scanned=data.size,
            estimated_total_physical_file_size=data.size,
            streams=[ReadStream(name=s) for s in ranges],
        )
        proto.expire_time.FromMicroseconds(int(expires * 1_000_000))
        proto.read_options.CopyFrom(options)
        proto.table_modifiers.CopyFrom(session_in.table_modifiers)
        if snapshot is None:  # BigQuery reports the snapshot it read
            proto.table_modifiers.snapshot_time.FromMicroseconds(int(now * 1_000_000))
        session = Session(name, proto, data, ranges, expires, avro=avro)
        meta = ReadRowsResponse()
        if avro:
            writer = AvroRowWriter(fields)
            proto.avro_schema.schema = meta.avro_schema.schema = writer.schema_json
            session.encode = writer.encode
        else:
            arrow = arrow_ipc.ArrowBatchWriter(data.schema, compression)
            proto.arrow_schema.serialized_schema = arrow.schema_bytes
            meta.arrow_schema.serialized_schema = arrow.schema_bytes
            session.encode, session.compressed = arrow.encode, compression is not None
        session.schema_meta = meta
        self._remember(session)
        return proto

    def _rows(
        self,
        p: str,
        d: str,
        t: str,
        selected: list[str],
        restriction: str,
        snapshot: int | None,
    ) -> tuple[SessionRows, list[Field]]:
        anonymous = self.warehouse.tabledata.anonymous(p, d, t)
        if anonymous is not None:
            if restriction:
                raise errors.Invalid("row_restriction is not supported on query result tables")
            fields = anonymous.fields
            source = anonymous.table
        else:
            kind = self.warehouse.catalog.require_table(p, d, t)
            version = self.warehouse.lake.snapshot_id()
            fields = self.warehouse.catalog.table_fields(p, d, t)
        if selected:
            fields = _prune(fields, _field_tree(selected))
        if anonymous is None:
            if kind == "TABLE" and not restriction and snapshot is None:
                lazy = self._lazy(p, d, t, fields, version)
                if lazy is not None:
                    return lazy, fields
            source = self._query(p, d, t, fields, restriction, snapshot)
        return SessionRows.of_table(_conform(source, fields)), fields

    def _lazy(
        self, p: str, d: str, t: str, fields: list[Field], version: int
    ) -> SessionRows | None:
        """The table's rows at lake snapshot ``version``, scanned in the background (or None).

        None when a column's type is not one ``_LAZY_BYTES`` knows, when the table is not a plain
        lake table, or when the columns do not bind at ``version`` (a schema change raced the
        session): the caller then materialises the rows as they are now. A clean table is
        counted from its Parquet footers and inlined rows and read with pyarrow (``FileScan``);
        any other is counted and read by DuckLake's scan.
        """
        if not fields or any(
            f["type"] not in _LAZY_BYTES or f.get("mode") == "REPEATED" for f in fields
        ):
            return None
        columns = ", ".join(_ident(f["name"]) for f in fields)
        table = _ident(f"{p}.{d}.{t}")
        (translated,) = translate(f"SELECT {columns} FROM {table}", default_project=p)
        if not translated.sql.endswith(f" FROM {table_sql(p, d, t)} AS {quote(t)}"):
            return None  # not a plain lake table (an external table, a clone, ...)
        sql = f"{translated.sql} AT (VERSION => {int(version)})"
        target = geography.with_extension(schema.arrow_schema(fields), fields)
        cur = self.warehouse.lake.cursor()
        try:
            meta = self.warehouse.lake.metadata_cursor()  # its catalog queries stay prepared
            files = _file_scan(meta, p, d, t, fields, version)
            rows = None if files is None else files.count(cur, target)
            if rows is None:  # read by DuckLake's scan
                files = None
                empty = cur.execute(f"{sql} LIMIT 0").fetch_arrow_table()
                empty.cast(target)
                ((rows,),) = cur.execute(f"SELECT count(*) FROM ({sql})").fetchall()
        except (duckdb.Error, pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            return None
        finally:
            cur.close()
        row_bytes = sum(_LAZY_BYTES[f["type"]] for f in fields)
        data = SessionRows(int(rows), target, estimated_nbytes=int(rows) * row_bytes)
        batch_rows = max(_VECTOR, BATCH_BYTES // row_bytes // _VECTOR * _VECTOR)
        scan(data, self.warehouse.lake.cursor, sql, batch_rows, lambda b: b.cast(target), files)
        return data

    def _query(
        self,
        p: str,
        d: str,
        t: str,
        fields: list[Field],
        restriction: str,
        snapshot: int | None,
    ) -> pa.Table:
        columns = ", ".join(_ident(f["name"]) for f in fields) or "*"
        sql = f"SELECT {columns} FROM {_ident(f'{p}.{d}.{t}')}"
        if snapshot is not None:
            sql += f" FOR SYSTEM_TIME AS OF TIMESTAMP_MICROS({snapshot})"
        if restriction:
            sql += f" WHERE {restriction}"
        try:
            (translated,) = translate(sql, default_project=p)
        except errors.InvalidQuery as exc:
            raise errors.Invalid(f"Invalid row_restriction: {exc.message}") from exc
        cur = self.warehouse.lake.cursor()
        try:
            return run(cur, translated.sql)
        except (errors.InvalidQuery, errors.Invalid, errors.NotFound) as exc:
            if snapshot is None:
                raise
            raise errors.Invalid(
                f"Invalid snapshot_time for table {p}:{d}.{t}: {exc.message}"
            ) from exc
        finally:
            cur.close()

    @staticmethod
    def _stream_count(rows: int, requested: int) -> int:
        wanted = requested or min(_MAX_STREAMS, max(1, -(-rows // _ROWS_PER_STREAM)))
        # Never an empty stream beyond the first: BigQuery returns fewer streams than asked.
        return max(1, min(wanted, rows, _MAX_STREAMS))

    def _remember(self, session: Session) -> None:
        with self.lock:
            now = time.time()
            for name in [n for n, s in self.sessions.items() if s.expires < now]:
                self.sessions.pop(name).rows.cancelled = True
            self.sessions[session.name] = session
            while len(self.sessions) > 1 and (
                sum(s.rows.size for s in self.sessions.values()) > _SESSIONS_BYTES
            ):
                self.sessions.popitem(last=False)[1].rows.cancelled = True

    def _stream(self, stream: str) -> tuple[Session, tuple[int, int]]:
        match = _STREAM.match(stream)
        with self.lock:
            session = self.sessions.get(match.group(1)) if match else None
            if session is None or stream not in session.ranges:
                raise errors.NotFound(f"Not found: Stream {stream} (or its session expired)")
            if session.expires < time.time():
                raise errors.NotFound(f"Read session expired: {session.name}")
            return session, session.ranges[stream]

    # ---- ReadRows -----------------------------------------------------------------------

    def read_rows(self, request: Any, context: Any = None) -> Iterator[bytes]:
        """Serialized ReadRowsResponse messages (the server sends the bytes as they are)."""
        if job_stream.parse(request.read_stream) is not None:
            yield from self._read_job_stream(request)
            return
        session, (start, end) = self._stream(request.read_stream)
        total = end - start
        if request.offset < 0 or request.offset > total:
            raise errors.Invalid(
                f"Offset {request.offset} is out of range: the stream has {total} rows"
            )
        pieces = _pieces(session.rows.read(start + request.offset, end))
        yield from _responses(session, pieces, request.offset, total)

    def _read_job_stream(self, request: Any) -> Iterator[bytes]:
        """A query job's default stream (``job_stream``): its result from ``offset``, schema first,
        encoded with the request's ``arrow_serialization_options``."""
        total, rows = job_stream.rows(self.warehouse, request.read_stream, request.offset)
        compression = arrow_ipc.codec(request.arrow_serialization_options.buffer_compression)
        writer = arrow_ipc.ArrowBatchWriter(rows.schema, compression)
        meta = ReadRowsResponse()
        meta.arrow_schema.serialized_schema = writer.schema_bytes
        session = Session(request.read_stream, None, SessionRows(total, rows.schema), {}, 0.0, meta)
        session.encode, session.compressed = writer.encode, compression is not None
        yield from _responses(session, _pieces(iter(rows.to_batches())), request.offset, total)

    # ---- SplitReadStream ----------------------------------------------------------------

    def split_read_stream(self, request: Any, context: Any = None) -> Any:
        """Split a stream's range at ``fraction``; the original keeps the primary part."""
        session, (start, end) = self._stream(request.name)
        fraction = request.fraction or 0.5
        middle = start + int((end - start) * min(max(fraction, 0.0), 1.0))
        if middle in (start, end):
            return SplitReadStreamResponse()  # too small to split: BigQuery answers empty
        base = request.name.rsplit("/", 1)[0]
        primary, remainder = f"{base}/{uuid.uuid4().hex[:8]}", f"{base}/{uuid.uuid4().hex[:8]}"
        with self.lock:
            session.ranges[primary] = (start, middle)
            session.ranges[remainder] = (middle, end)
            session.ranges[request.name] = (start, middle)
        return SplitReadStreamResponse(
            primary_stream=ReadStream(name=primary), remainder_stream=ReadStream(name=remainder)
        )
