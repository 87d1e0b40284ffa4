"""The rows of a read session: one ordered result, in memory or filled in by a background scan.

A read session's streams are row ranges of one ordered result. ``SessionRows`` holds that result
as record batches in order. ``scan`` fills it from a DuckDB query on a background thread, started
by the first read of any stream, while the streams already send the rows that have arrived: the
session is created without reading the table, and a stream's first response goes out while the
rest is still being read. A session that is never read is never scanned.
Rows are never reordered or re-read, so ranges, offsets and splits mean what they mean for a
table that is already in memory.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterator

import duckdb
import pyarrow as pa

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


def scan(
    rows: SessionRows,
    cursor: Callable[[], duckdb.DuckDBPyConnection],
    sql: str,
    batch_rows: int,
    conform: Callable[[pa.RecordBatch], pa.RecordBatch],
) -> None:
    """Fill ``rows`` from ``sql`` on a background thread, ``batch_rows`` rows per batch, from the
    first ``rows.read``."""

    def run() -> None:
        cur: duckdb.DuckDBPyConnection | None = None
        try:
            with map_exceptions():
                cur = cursor()
                for batch in cur.execute(sql).fetch_record_batch(batch_rows):
                    if rows.cancelled:
                        break
                    rows.add(conform(batch))
        except BaseException as exc:  # noqa: BLE001 - handed to the streams that read these rows
            rows.finish(exc)
        else:
            rows.finish()
        finally:
            if cur is not None:
                cur.close()

    rows.scanned = True
    rows._start = threading.Thread(target=run, name="read-session-scan", daemon=True).start
