"""Query results as BigQuery's Arrow: ``jobs.query`` with ``queryResultsFormat: ARROW``.

The first page goes inline as base64 Arrow IPC (``arrowSchema.serializedSchema`` and one
``arrowRecordBatch.serializedRecordBatch``), bounded by ``maxResults`` and by ``PAGE_BYTES``
(within BigQuery's 10 MB response limit); a ``pageToken`` says rows remain, which the client
reads over the Storage Read API from the job's default stream (``grpc/job_stream.py``) at
``offset`` = the rows of this page. Both carry the columns ``conform`` gives, the types a read
session on the result returns, and both are encoded by ``grpc.arrow_ipc.ArrowBatchWriter``
(LZ4_FRAME / ZSTD buffer compression as asked).
https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from bqhouse import errors, schema
from bqhouse.jobs.store import Result
from bqhouse.sql import geography

Resource = dict[str, Any]
Field = dict[str, Any]

# QueryRequest.queryResultsFormat: True for Arrow, False for the f/v JSON rows.
_FORMATS = {"QUERY_RESULTS_FORMAT_UNSPECIFIED": False, "STRUCT_ENCODING": False, "ARROW": True}
# The inline page's Arrow bytes. BigQuery allows 10 MB a response (QueryRequest.maxResults) and
# base64 grows the page by 4/3, but bqhouse inlines 1 MiB, like one ReadRows response: the client
# decodes base64 at ~90 MB/s (CPython's binascii) while the job stream costs one jobs.get and a
# ReadRows. A/B of the cap, client ``to_arrow`` in one process (5 columns, medians of 7): 100k rows
# 50 ms at 7.5 MB vs 31 ms at 1 MiB; 200k rows 172 vs 37 ms; 20k rows (0.7 MiB, inline) even.
PAGE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ArrowOptions:
    """``arrowSerializationOptions``: Arrow's IPC codec name (None: uncompressed)."""

    compression: str | None = None


def requested(request: Resource) -> ArrowOptions | None:
    """The Arrow options of a QueryRequest asking for ARROW results, else None; bad values are
    invalid (checked before the query runs).

    >>> requested({"query": "SELECT 1"}) is None
    True
    >>> requested({"queryResultsFormat": "ARROW"})
    ArrowOptions(compression=None)
    """
    fmt = request.get("queryResultsFormat") or "QUERY_RESULTS_FORMAT_UNSPECIFIED"
    if not isinstance(fmt, str) or fmt not in _FORMATS:
        raise errors.Invalid(
            f"Invalid value for queryResultsFormat: {fmt!r}; "
            "expected STRUCT_ENCODING, ARROW or QUERY_RESULTS_FORMAT_UNSPECIFIED"
        )
    if not _FORMATS[fmt]:
        return None  # arrowSerializationOptions only apply to ARROW results
    options = request.get("arrowSerializationOptions") or {}
    if not isinstance(options, dict):
        raise errors.Invalid("arrowSerializationOptions must be an object")
    from google.cloud.bigquery_storage_v1 import types  # as the Storage API: an optional extra

    from bqhouse.grpc import arrow_ipc

    serialization = types.ArrowSerializationOptions
    codec = _enum(serialization.CompressionCodec, options, "bufferCompression")
    _enum(serialization.PicosTimestampPrecision, options, "picosTimestampPrecision")
    # bqhouse's TIMESTAMPs have microseconds: every picosecond precision reads them the same.
    return ArrowOptions(arrow_ipc.codec(codec))


def _enum(enum: Any, options: Resource, key: str) -> int:
    value = options.get(key) or 0
    try:
        return int(enum[value] if isinstance(value, str) else enum(value))
    except (KeyError, ValueError, TypeError):
        names = ", ".join(member.name for member in enum)
        raise errors.Invalid(
            f"Invalid value for arrowSerializationOptions.{key}: {value!r}; expected one of {names}"
        ) from None


def conform(table: pa.Table, fields: list[Field]) -> pa.Table:
    """Select and cast to the BigQuery Arrow schema of ``fields`` (subfield pruning is a cast):
    the columns the Storage Read API returns for a result, inline page and streams alike."""
    target = geography.with_extension(schema.arrow_schema(fields), fields)
    by_lower = {name.lower(): name for name in table.column_names}
    table = table.select([by_lower[f["name"].lower()] for f in fields])
    table = table.rename_columns(target.names)
    try:
        return table.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return table


def _window(table: pa.Table, fields: list[Field], max_results: int | None) -> pa.Table:
    """The first page's rows, conformed: at most ``max_results`` and about ``PAGE_BYTES``."""
    rows = table.num_rows if max_results is None else max(0, min(max_results, table.num_rows))
    window = conform(table.slice(0, rows), fields)
    for _ in range(8):  # row sizes vary: shrink by the measured size until the page fits
        size = window.nbytes
        if size <= PAGE_BYTES or window.num_rows <= 1:
            break
        window = window.slice(0, max(1, window.num_rows * PAGE_BYTES // size))
    return window


def _b64(data: Any) -> str:
    return base64.b64encode(memoryview(data)).decode("ascii")


def first_page(result: Result | None, options: ArrowOptions, max_results: Any = None) -> Resource:
    """``totalRows``, ``pageRowCount``, the Arrow schema and first batch, and ``pageToken`` (the
    offset of the next row: also a ``jobs.getQueryResults`` token) when rows remain. A result
    without columns (DDL, DML) has no schema; one without rows has no batch."""
    if result is None:
        raise errors.NotFound("Not found: the query's results are no longer available")
    from bqhouse.grpc import arrow_ipc

    limit = None if max_results is None else int(max_results)
    table, total = result.table, result.table.num_rows
    out: Resource = {"totalRows": str(total)}
    rows = 0
    if result.fields:
        window = _window(table, result.fields, limit)
        rows = window.num_rows
        writer = arrow_ipc.ArrowBatchWriter(window.schema, options.compression)
        out["arrowSchema"] = {"serializedSchema": _b64(writer.schema_bytes)}
        if rows:
            (batch,) = window.combine_chunks().to_batches()
            out["arrowRecordBatch"] = {"serializedRecordBatch": _b64(writer.encode(batch))}
    out["pageRowCount"] = str(rows)
    if rows < total and result.fields:
        out["pageToken"] = str(rows)
    return out
