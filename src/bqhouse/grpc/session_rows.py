"""The rows of a read session: one ordered result, in memory or filled in by a background scan.

A read session's streams are row ranges of one ordered result. ``SessionRows`` holds that result
as record batches in order. ``scan`` fills it on a background thread, started by the first read of
any stream, while the streams already send the rows that have arrived: the session is created
without reading the table, and a stream's first response goes out while the rest is still being
read. A session that is never read is never scanned.
A clean lake table (``FileScan``: plain Parquet files, then live inlined rows) is read with
pyarrow's multi-threaded dataset scanner (1M rows: 30% less CPU than DuckLake's scan and up to
twice as fast); anything else, or files whose row count or column types are not exactly the
session's, is read by the DuckDB query.
Rows are never reordered or re-read, so ranges, offsets and splits mean what they mean for a
table that is already in memory.
"""

from __future__ import annotations

import bisect
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds

from bqhouse import errors
from bqhouse.engine.duckdb import map_exceptions


class SessionRows:
    """``num_rows`` rows of ``schema`` as ordered batches; readers wait for the ones not yet in."""

    def __init__(self, num_rows: int, schema: pa.Schema, estimated_nbytes: int = 0) -> None:
        self.num_rows = num_rows
        self.schema = schema
        self.nbytes = 0  # of the rows in so far
        self.estimated_nbytes = estimated_nbytes
        self.cancelled = False  # the session is gone: a scan stops early
        self.scanned = False  # filled by ``scan`` (not all in memory at the session's creation)
        # Where the rows come from: "memory" (all there at creation), or the scan's choice once it
        # runs: "pyarrow" (a ``FileScan``) or "duckdb" (the query).
        self.source = "memory"
        self._batches: list[pa.RecordBatch] = []
        self._starts: list[int] = []  # the first row of each batch
        self._filled = 0
        self._done = False
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        self._start: Callable[[], None] | None = None  # the scan, until the first read starts it

    @classmethod
    def of_table(cls, table: pa.Table) -> SessionRows:
        """Rows that are all there already."""
        rows = cls(table.num_rows, table.schema)
        for batch in table.to_batches():
            rows.add(batch)
        rows.finish()
        return rows

    @property
    def complete(self) -> bool:
        """Every row is in (``nbytes`` is the final size)."""
        return self._done and self._error is None and self._filled == self.num_rows

    @property
    def size(self) -> int:
        """The bytes the rows take, or will take once all are in (an estimate until then)."""
        return self.nbytes if self.complete else max(self.nbytes, self.estimated_nbytes)

    def add(self, batch: pa.RecordBatch) -> None:
        if not batch.num_rows:
            return
        with self._changed:
            self._starts.append(self._filled)
            self._batches.append(batch)
            self._filled += batch.num_rows
            self.nbytes += batch.nbytes
            self._changed.notify_all()

    def finish(self, error: BaseException | None = None) -> None:
        with self._changed:
            self._done = True
            self._error = error
            self._changed.notify_all()

    def _batch_at(self, row: int) -> tuple[pa.RecordBatch, int]:
        """The batch holding ``row`` and its first row, waiting until it has arrived."""
        with self._changed:
            while True:
                if self._error is not None:
                    raise self._error
                if row < self._filled:
                    index = bisect.bisect_right(self._starts, row) - 1
                    return self._batches[index], self._starts[index]
                if self._done:
                    raise errors.BackendError(
                        f"Read session scan ended after {self._filled} of {self.num_rows} rows"
                    )
                self._changed.wait()

    def read(self, start: int, end: int) -> Iterator[pa.RecordBatch]:
        """Rows ``[start, end)`` in order, as slices of the stored batches, as they arrive."""
        with self._changed:
            begin, self._start = self._start, None
        if begin is not None:
            begin()
        row = start
        while row < end:
            batch, first = self._batch_at(row)
            take = min(end, first + batch.num_rows) - row
            yield batch.slice(row - first, take)
            row += take


# How many scans took each source (see ``SessionRows.source``), and how many Parquet files the
# pyarrow ones read: tests check that the fast path ran.
SOURCES: Counter[str] = Counter()

_ARROW_ERRORS = (pa.ArrowException, OSError)
# The scanned rows are allocated with malloc, not pyarrow's default mimalloc: a session keeps its
# rows, so every scan fills fresh memory, and there mimalloc cost a third more CPU and 1.7x the
# time (server side create + read of 1M rows with earlier sessions kept: 205 vs 155 ms CPU,
# 360-415 vs 200-250 ms; the same with the memory reused: no difference).
_POOL = pa.system_memory_pool()


@dataclass(frozen=True)
class FileScan:
    """A clean table's rows at the session's snapshot: Parquet ``files`` (read with pyarrow,
    ``columns`` of them, in the session's column order), then ``inlined``, a DuckDB ``SELECT`` of
    the same columns from its live inlined rows (None when there are none)."""

    files: tuple[str, ...]
    columns: tuple[str, ...]
    inlined: str | None = None

    def open(
        self, cur: duckdb.DuckDBPyConnection, schema: pa.Schema
    ) -> tuple[ds.Dataset | None, int] | None:
        """The files as a dataset and the number of rows (files' footers plus inlined rows), or
        None when a file lacks a column or holds it in another type than ``schema``'s. Raises
        pyarrow's or DuckDB's error for a file or query that cannot be read."""
        dataset = None
        found = 0
        if self.files:
            dataset = ds.dataset(list(self.files), format="parquet")
            for fragment in dataset.get_fragments():
                physical = fragment.physical_schema
                for name, wanted in zip(self.columns, schema, strict=True):
                    index = physical.get_field_index(name)
                    if index < 0 or not _same_type(physical.field(index).type, wanted.type):
                        return None
                found += fragment.metadata.num_rows
        if self.inlined is not None:
            ((inlined,),) = cur.execute(f"SELECT count(*) FROM ({self.inlined})").fetchall()
            found += int(inlined)
        return dataset, found

    def count(self, cur: duckdb.DuckDBPyConnection, schema: pa.Schema) -> int | None:
        """The number of rows, or None when this plan cannot be read as ``schema`` (the table is
        then read by DuckDB's query)."""
        try:
            opened = self.open(cur, schema)
        except (*_ARROW_ERRORS, duckdb.Error):
            return None
        return None if opened is None else opened[1]


def _same_type(found: pa.DataType, wanted: pa.DataType) -> bool:
    """Whether a file's column type is the session's exactly (a UTC timestamp spelt either way)."""
    if found == wanted:
        return True
    return (
        pa.types.is_timestamp(found)
        and pa.types.is_timestamp(wanted)
        and found.unit == wanted.unit
        and found.tz in ("UTC", "+00:00", "Etc/UTC")
        and wanted.tz == "UTC"
    )


def _file_batches(
    rows: SessionRows,
    cur: duckdb.DuckDBPyConnection,
    plan: FileScan,
    batch_rows: int,
    conform: Callable[[pa.RecordBatch], pa.RecordBatch],
) -> Iterator[pa.RecordBatch] | None:
    """The plan's rows as batches named and typed as ``rows.schema``, files first; None (before
    anything is read) when the files' columns or the row count are not exactly the session's."""
    target = rows.schema
    opened = plan.open(cur, target)
    if opened is None or opened[1] != rows.num_rows:
        return None
    dataset = opened[0]

    def batches() -> Iterator[pa.RecordBatch]:
        if dataset is not None:
            # Two batches read ahead, not 16: the first goes out after one row group, not after
            # half the file (13 ms against 32 ms for 1M rows; the whole scan takes as long).
            scanner = dataset.scanner(
                columns=list(plan.columns),
                batch_size=batch_rows,
                batch_readahead=2,
                use_threads=True,
                memory_pool=_POOL,
            )
            for batch in scanner.to_batches():
                yield pa.RecordBatch.from_arrays(batch.columns, names=target.names).cast(target)
        if plan.inlined is not None:
            with map_exceptions():
                for batch in cur.execute(plan.inlined).fetch_record_batch(batch_rows):
                    yield conform(batch)

    return batches()


def _read_files(
    rows: SessionRows,
    cur: duckdb.DuckDBPyConnection,
    plan: FileScan,
    batch_rows: int,
    conform: Callable[[pa.RecordBatch], pa.RecordBatch],
) -> bool:
    """Fill ``rows`` from ``plan``; False, having added nothing, when the plan does not hold the
    session's rows or reading fails before the first batch (the caller then runs the query)."""
    try:
        batches = _file_batches(rows, cur, plan, batch_rows, conform)
        if batches is None:
            return False
        first = next(batches, None)
    except (*_ARROW_ERRORS, duckdb.Error, errors.BigQueryError):
        return False
    rows.source = "pyarrow"
    SOURCES["pyarrow"] += 1
    SOURCES["parquet files"] += len(plan.files)
    if first is not None:
        rows.add(first)
    try:
        for batch in batches:
            if rows.cancelled:
                break
            rows.add(batch)
    except errors.BigQueryError:
        raise
    except _ARROW_ERRORS as exc:
        raise errors.BackendError(f"Read session scan failed: {exc}") from exc
    return True


def scan(
    rows: SessionRows,
    cursor: Callable[[], duckdb.DuckDBPyConnection],
    sql: str,
    batch_rows: int,
    conform: Callable[[pa.RecordBatch], pa.RecordBatch],
    files: FileScan | None = None,
) -> None:
    """Fill ``rows`` on a background thread, ``batch_rows`` rows per batch, from the first
    ``rows.read``: from ``files`` when they hold exactly the session's rows, else from ``sql``
    (which must give the same rows)."""

    def query(cur: duckdb.DuckDBPyConnection) -> None:
        rows.source = "duckdb"
        SOURCES["duckdb"] += 1
        for batch in cur.execute(sql).fetch_record_batch(batch_rows):
            if rows.cancelled:
                break
            rows.add(conform(batch))

    def run() -> None:
        cur: duckdb.DuckDBPyConnection | None = None
        try:
            with map_exceptions():
                cur = cursor()
                if files is None or not _read_files(rows, cur, files, batch_rows, conform):
                    query(cur)
        except BaseException as exc:  # noqa: BLE001 - handed to the streams that read these rows
            rows.finish(exc)
        else:
            rows.finish()
        finally:
            if cur is not None:
                cur.close()

    rows.scanned = True
    rows._start = threading.Thread(target=run, name="read-session-scan", daemon=True).start
