"""``SessionRows``: ranges of an ordered result that a background scan is still filling in."""

from __future__ import annotations

import threading
import time

import duckdb
import pyarrow as pa
import pytest

from bqhouse import errors
from bqhouse.grpc.session_rows import SessionRows, scan


def _batch(start: int, rows: int) -> pa.RecordBatch:
    return pa.record_batch({"n": pa.array(range(start, start + rows), pa.int64())})


def _values(batches: list[pa.RecordBatch]) -> list[int]:
    return [v for b in batches for v in b.column(0).to_pylist()]


def test_ranges_across_batches_while_they_arrive() -> None:
    rows = SessionRows(100, _batch(0, 0).schema)
    sizes = [7, 1, 30, 2, 60]

    def fill() -> None:
        start = 0
        for size in sizes:
            time.sleep(0.01)
            rows.add(_batch(start, size))
            start += size
        rows.finish()

    filler = threading.Thread(target=fill)
    filler.start()
    got = {
        (a, b): _values(list(rows.read(a, b))) for a, b in [(0, 100), (5, 9), (37, 40), (99, 100)]
    }
    filler.join()
    for (a, b), values in got.items():
        assert values == list(range(a, b))
    assert list(rows.read(100, 100)) == []
    assert rows.complete and rows.nbytes == 800


def test_scan_error_reaches_readers() -> None:
    rows = SessionRows(10, _batch(0, 0).schema)
    rows.add(_batch(0, 4))
    reader = rows.read(0, 10)
    assert _values([next(reader)]) == [0, 1, 2, 3]
    rows.finish(errors.ResourcesExceeded("out of memory"))
    with pytest.raises(errors.ResourcesExceeded):
        next(reader)
    assert not rows.complete


def test_a_scan_short_of_its_count_is_a_backend_error() -> None:
    rows = SessionRows(10, _batch(0, 0).schema)
    rows.add(_batch(0, 4))
    rows.finish()
    with pytest.raises(errors.BackendError, match="after 4 of 10 rows"):
        list(rows.read(0, 10))


def test_of_table_is_complete() -> None:
    table = pa.Table.from_batches([_batch(0, 3), _batch(3, 5)])
    rows = SessionRows.of_table(table)
    assert rows.complete and not rows.scanned
    assert _values(list(rows.read(2, 6))) == [2, 3, 4, 5]


def test_scan_starts_at_the_first_read_and_fills_in_order() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT range AS n FROM range(10000)")
    rows = SessionRows(10001, pa.schema([("n", pa.int64())]))
    scan(rows, con.cursor, "SELECT n FROM t ORDER BY n", 2048, lambda b: b)
    assert rows.scanned and not rows.complete and rows.nbytes == 0
    con.execute("INSERT INTO t VALUES (-1)")  # not scanned yet: the scan sees this row
    assert _values(list(rows.read(5000, 5003))) == [4999, 5000, 5001]
    assert _values(list(rows.read(0, 10001))) == list(range(-1, 10000))


def test_scan_error_is_a_bigquery_error() -> None:
    con = duckdb.connect()
    rows = SessionRows(1, pa.schema([("n", pa.int64())]))
    scan(rows, con.cursor, "SELECT n FROM missing", 2048, lambda b: b)
    with pytest.raises(errors.BigQueryError, match="missing"):
        list(rows.read(0, 1))
