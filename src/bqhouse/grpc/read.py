"""BigQueryRead: read sessions over a snapshot, split into streams, served as Arrow IPC batches.

A session materialises its rows (after ``row_restriction`` and ``selected_fields``) once, at
creation: that is the consistent snapshot every stream reads, whatever is written afterwards.
Stream ``i`` of ``n`` owns a contiguous row range, so the streams together return every row
exactly once and a broken stream resumes from any ``offset``.
https://cloud.google.com/bigquery/docs/reference/storage/rpc/google.cloud.bigquery.storage.v1
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from google.cloud.bigquery_storage_v1 import types
from sqlglot import exp

from bqhouse import errors, schema
from bqhouse.engine.duckdb import run
from bqhouse.sql import translate
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
# client on a plain ``grpc.insecure_channel`` reads them.
_BATCH_BYTES = 3 * 1024 * 1024
# Without max_stream_count BigQuery picks the parallelism; one stream per this many rows.
_ROWS_PER_STREAM = 1_000_000
_MAX_STREAMS = 1000
_ARROW = int(types.DataFormat.ARROW)


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


def _conform(table: pa.Table, fields: list[Field]) -> pa.Table:
    """Select and cast to the BigQuery Arrow schema of ``fields`` (subfield pruning is a cast)."""
    target = schema.arrow_schema(fields)
    by_lower = {name.lower(): name for name in table.column_names}
    table = table.select([by_lower[f["name"].lower()] for f in fields])
    table = table.rename_columns(target.names)
    try:
        return table.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return table


def _ident(name: str) -> str:
    """A GoogleSQL quoted identifier (the predicate is GoogleSQL, so the query around it is too)."""
    return str(exp.to_identifier(name, quoted=True).sql(dialect="bigquery"))


@dataclass
class Session:
    """One read session: its rows and the row range of each stream."""

    name: str
    proto: Any
    table: pa.Table
    ranges: dict[str, tuple[int, int]]
    expires: float
    first_schema: bytes = b""


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
        if session_in.data_format not in (_ARROW, int(types.DataFormat.DATA_FORMAT_UNSPECIFIED)):
            raise errors.Invalid("Only the ARROW data format is supported by bqhouse")
        data = self._materialise(p, d, t, list(options.selected_fields), options.row_restriction)
        count = self._stream_count(data.num_rows, request.max_stream_count)
        sid = uuid.uuid4().hex
        location = "us"
        name = f"projects/{p}/locations/{location}/sessions/{sid}"
        bounds = [data.num_rows * i // count for i in range(count + 1)]
        ranges = {f"{name}/streams/{i}": (bounds[i], bounds[i + 1]) for i in range(count)}
        expires = time.time() + _SESSION_SECONDS
        arrow_schema = data.schema.serialize().to_pybytes()
        proto = ReadSession(
            name=name,
            data_format=_ARROW,
            table=session_in.table,
            estimated_row_count=data.num_rows,
            estimated_total_bytes_scanned=data.nbytes,
            estimated_total_physical_file_size=data.nbytes,
            streams=[ReadStream(name=s) for s in ranges],
        )
        proto.expire_time.FromSeconds(int(expires))
        proto.arrow_schema.serialized_schema = arrow_schema
        proto.read_options.CopyFrom(options)
        proto.table_modifiers.CopyFrom(session_in.table_modifiers)
        self._remember(Session(name, proto, data, ranges, expires, arrow_schema))
        return proto

    def _materialise(
        self, p: str, d: str, t: str, selected: list[str], restriction: str
    ) -> pa.Table:
        anonymous = self.warehouse.tabledata.anonymous(p, d, t)
        if anonymous is not None:
            if restriction:
                raise errors.Invalid("row_restriction is not supported on query result tables")
            fields = anonymous.fields
            source = anonymous.table
        else:
            self.warehouse.catalog.require_table(p, d, t)
            fields = self.warehouse.catalog.table_fields(p, d, t)
        if selected:
            fields = _prune(fields, _field_tree(selected))
        if anonymous is None:
            source = self._query(p, d, t, fields, restriction)
        return _conform(source, fields)

    def _query(self, p: str, d: str, t: str, fields: list[Field], restriction: str) -> pa.Table:
        columns = ", ".join(_ident(f["name"]) for f in fields) or "*"
        sql = f"SELECT {columns} FROM {_ident(f'{p}.{d}.{t}')}"
        if restriction:
            sql += f" WHERE {restriction}"
        try:
            (translated,) = translate(sql, default_project=p)
        except errors.InvalidQuery as exc:
            raise errors.Invalid(f"Invalid row_restriction: {exc.message}") from exc
        cur = self.warehouse.lake.cursor()
        try:
            return run(cur, translated.sql)
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
                del self.sessions[name]
            self.sessions[session.name] = session
            while len(self.sessions) > 1 and (
                sum(s.table.nbytes for s in self.sessions.values()) > _SESSIONS_BYTES
            ):
                self.sessions.popitem(last=False)

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

    def read_rows(self, request: Any, context: Any = None) -> Iterator[Any]:
        session, (start, end) = self._stream(request.read_stream)
        total = end - start
        if request.offset < 0 or request.offset > total:
            raise errors.Invalid(
                f"Offset {request.offset} is out of range: the stream has {total} rows"
            )
        data = session.table.slice(start + request.offset, total - request.offset)
        row_bytes = max(1, data.nbytes // max(1, data.num_rows))
        chunk = max(1, _BATCH_BYTES // row_bytes)
        done = request.offset
        first = True
        for batch in data.to_batches():
            for begin in range(0, batch.num_rows, chunk):
                piece = batch.slice(begin, chunk)
                response = ReadRowsResponse(row_count=piece.num_rows)
                response.arrow_record_batch.serialized_record_batch = piece.serialize().to_pybytes()
                response.arrow_record_batch.row_count = piece.num_rows
                progress = response.stats.progress
                progress.at_response_start = done / total
                done += piece.num_rows
                progress.at_response_end = done / total
                if first:
                    response.arrow_schema.serialized_schema = session.first_schema
                    first = False
                yield response

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
