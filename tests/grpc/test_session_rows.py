"""``SessionRows``: ranges of an ordered result that a background scan is still filling in."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bqhouse import errors
from bqhouse.grpc.session_rows import SOURCES, FileScan, SessionRows, scan


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


# ---- FileScan: Parquet files read with pyarrow, then inlined rows through DuckDB ----------------


def _files(tmp_path: Path, *tables: pa.Table) -> tuple[str, ...]:
    paths = []
    for index, table in enumerate(tables):
        path = tmp_path / f"part-{index}.parquet"
        pq.write_table(table, path, row_group_size=1000)
        paths.append(str(path))
    return tuple(paths)


_SCHEMA = pa.schema([("n", pa.int64()), ("ts", pa.timestamp("us", tz="UTC"))])
_QUERY = "SELECT range AS n, to_timestamp(range) AS ts FROM range(-5, 0)"


def _numbers(start: int, rows: int, tz: str = "UTC") -> pa.Table:
    n = pa.array(range(start, start + rows), pa.int64())
    return pa.table({"N": n, "ts": n.cast(pa.timestamp("us", tz=tz))})


def _file_scan(
    rows: SessionRows, plan: FileScan, con: duckdb.DuckDBPyConnection | None = None
) -> None:
    con = con or duckdb.connect()
    scan(rows, con.cursor, _QUERY, 2048, lambda b: b.cast(_SCHEMA), plan)


def test_file_scan_reads_files_then_inlined_rows(tmp_path: Path) -> None:
    files = _files(tmp_path, _numbers(0, 2500), _numbers(2500, 10, tz="+00:00"))
    inlined = "SELECT n, make_timestamp(n) AS ts FROM range(2510, 2513) AS r(n)"
    rows = SessionRows(2513, _SCHEMA)
    before = SOURCES["pyarrow"]
    _file_scan(rows, FileScan(files, ("N", "ts"), inlined))
    table = pa.Table.from_batches(list(rows.read(0, 2513)))
    assert rows.source == "pyarrow" and SOURCES["pyarrow"] == before + 1
    assert table.schema == _SCHEMA
    assert table.column("n").to_pylist() == list(range(2513))
    assert table.column("ts").cast(pa.int64()).to_pylist() == list(range(2513))


@pytest.mark.parametrize(
    "case", ["another type", "a missing column", "a missing file", "more rows", "fewer rows"]
)
def test_file_scan_that_does_not_fit_falls_back_to_the_query(tmp_path: Path, case: str) -> None:
    """Nothing is read from a plan whose files or row count are not exactly the session's."""
    table = _numbers(-5, 5)
    if case == "another type":
        table = table.set_column(0, "N", table.column(0).cast(pa.int32()))
    files = _files(tmp_path, table)
    columns = ("N", "ts")
    if case == "a missing column":
        columns = ("n", "ts")
    elif case == "a missing file":
        files += (str(tmp_path / "gone.parquet"),)
    elif case == "more rows":
        files += files
    rows = SessionRows(5, _SCHEMA)
    inlined = "SELECT 1 AS n, TIMESTAMPTZ '2000-01-01' AS ts WHERE false"
    if case == "fewer rows":
        rows = SessionRows(6, _SCHEMA)
    _file_scan(rows, FileScan(files, columns, inlined))
    if case == "fewer rows":
        with pytest.raises(errors.BackendError, match="after 5 of 6 rows"):
            list(rows.read(0, 6))
    else:
        assert _values(list(rows.read(0, 5))) == [-5, -4, -3, -2, -1]
    assert rows.source == "duckdb"


def test_file_scan_count(tmp_path: Path) -> None:
    """The session's row count: the files' footers plus the inlined rows; None when the files
    cannot be read as the session's schema."""
    cur = duckdb.connect().cursor()
    files = _files(tmp_path, _numbers(0, 2500), _numbers(2500, 10))
    assert FileScan(files, ("N", "ts")).count(cur, _SCHEMA) == 2510
    assert FileScan(files, ("N", "ts"), "SELECT 1 FROM range(4)").count(cur, _SCHEMA) == 2514
    assert FileScan((), ("N", "ts"), "SELECT 1 FROM range(4)").count(cur, _SCHEMA) == 4
    assert FileScan(files, ("n", "ts")).count(cur, _SCHEMA) is None
    assert FileScan(files, ("ts", "N")).count(cur, _SCHEMA) is None
    assert FileScan((*files, str(tmp_path / "gone")), ("N", "ts")).count(cur, _SCHEMA) is None
    assert FileScan(files, ("N", "ts"), "SELECT * FROM missing").count(cur, _SCHEMA) is None


def test_file_scan_inlined_error_after_files_reaches_readers(tmp_path: Path) -> None:
    files = _files(tmp_path, _numbers(0, 3000))
    # Counts fine, fails when its rows are fetched (after the files' rows went out).
    inlined = "SELECT n, CAST(CASE WHEN n > 0 THEN 'x' END AS TIMESTAMPTZ) AS ts FROM range(2) r(n)"
    rows = SessionRows(3002, _SCHEMA)
    _file_scan(rows, FileScan(files, ("N", "ts"), inlined))
    with pytest.raises(errors.BigQueryError):
        list(rows.read(0, 3002))
    assert rows.source == "pyarrow" and not rows.complete
    assert rows.nbytes >= 3000 * 16  # the files' rows were in before the error


def test_cancelled_file_scan_stops(tmp_path: Path) -> None:
    files = _files(tmp_path, _numbers(0, 10000))
    rows = SessionRows(10000, _SCHEMA)
    rows.cancelled = True
    _file_scan(rows, FileScan(files, ("N", "ts")))
    with pytest.raises(errors.BackendError, match="of 10000 rows"):
        list(rows.read(0, 10000))
    assert rows.nbytes < 10000 * 16
