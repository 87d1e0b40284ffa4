"""Load jobs that DuckDB reads straight into the insert (Parquet via read_parquet, CSV via
read_csv): the same rows as the reference readers (pyarrow + conform, Python's csv), the
reference whenever a file is not plain, and an untouched table when the fast insert stops."""

from __future__ import annotations

import datetime as dt
import decimal
import io
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from google.api_core import exceptions
from google.cloud import bigquery

from bqhouse.jobs import csv_fast, load
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import table_sql
from bqhouse.storage.writer import SqlRows, WriteRequest, write_arrow


def _table_rows(catalog: Catalog, table: str) -> list[tuple[Any, ...]]:
    cur = catalog.lake.cursor()
    return sorted(cur.execute(f"SELECT * FROM {table_sql('p', 'd', table)}").fetchall(), key=repr)


def _load(catalog: Catalog, table: str, path: Path, config: dict[str, Any], *, fast: bool) -> Any:
    """Load ``path`` into ``table``; ``fast=False`` takes the reference reader (no DuckDB)."""
    config = {**config, "destinationTable": {"datasetId": "d", "tableId": table}}
    if fast:
        load.run_load(catalog, path.parent, "p", config, load.UploadFile(path))
        return None
    ctx = load._context(catalog, "p", "d", table, config, [path])
    ctx.engine = None
    reader = {"CSV": load.read_csv_reference, "PARQUET": load.read_parquet_reference}[
        config["sourceFormat"]
    ]
    parsed = reader(ctx)
    write_arrow(catalog, WriteRequest("p", "d", table), parsed.data, parsed.fields)
    return parsed


TYPES = pa.table(
    {
        "i8": pa.array([1, None, -3], pa.int8()),
        "i32": pa.array([2**31 - 1, 0, None], pa.int32()),
        "u32": pa.array([2**32 - 1, 0, None], pa.uint32()),
        "i64": pa.array([2**63 - 1, -(2**63), None], pa.int64()),
        "f32": pa.array([1.5, None, float("inf")], pa.float32()),
        "f64": pa.array([0.1, -0.0, None], pa.float64()),
        "flag": pa.array([True, False, None]),
        "s": pa.array(["a", None, "é"], pa.large_string()),
        "b": pa.array([b"\x00\xff", None, b""], pa.binary()),
        "dec": pa.array(
            [decimal.Decimal("123.45"), None, decimal.Decimal("-0.01")], pa.decimal128(10, 2)
        ),
        "day": pa.array([dt.date(1, 1, 1), dt.date(9999, 12, 31), None]),
        "ts": pa.array([0, 1_700_000_000_123, None], pa.timestamp("ms", tz="UTC")),
        "naive": pa.array([0, 1_700_000_000, None], pa.timestamp("s")),
        "clock": pa.array([0, 86_399_999_999, None], pa.time64("us")),
        "MixedCase": pa.array(["x", "y", "z"]),
    }
)


def test_parquet_direct_read_matches_the_reference(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "types.parquet"
    pq.write_table(TYPES, path)
    ctx = load._context(catalog, "p", "d", "fast", {"sourceFormat": "PARQUET"}, [path])
    assert isinstance(load.read_parquet(ctx).data, SqlRows)  # the direct path is taken
    _load(catalog, "fast", path, {"sourceFormat": "PARQUET"}, fast=True)
    _load(catalog, "ref", path, {"sourceFormat": "PARQUET"}, fast=False)
    assert _table_rows(catalog, "fast") == _table_rows(catalog, "ref")
    assert catalog.table_fields("p", "d", "fast") == catalog.table_fields("p", "d", "ref")
    # Appending with the table's schema (widening casts into existing columns) agrees too.
    _load(catalog, "fast", path, {"sourceFormat": "PARQUET"}, fast=True)
    _load(catalog, "ref", path, {"sourceFormat": "PARQUET"}, fast=False)
    assert _table_rows(catalog, "fast") == _table_rows(catalog, "ref")


def test_parquet_with_declared_schema_and_missing_columns(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "part.parquet"
    pq.write_table(TYPES.select(["i32", "s"]), path)
    config = {
        "sourceFormat": "PARQUET",
        "schema": {
            "fields": [
                {"name": "I32", "type": "INTEGER"},
                {"name": "s", "type": "STRING"},
                {"name": "extra", "type": "DATE"},
            ]
        },
    }
    _load(catalog, "fast", path, config, fast=True)
    _load(catalog, "ref", path, config, fast=False)
    assert _table_rows(catalog, "fast") == _table_rows(catalog, "ref")
    assert [f["name"] for f in catalog.table_fields("p", "d", "fast")] == ["I32", "s", "extra"]


@pytest.mark.parametrize(
    "column",
    [
        pa.array([1, 2], pa.timestamp("ns", tz="UTC")),  # Arrow truncates ns; DuckDB may not
        pa.array([[1], [2, 3]], pa.list_(pa.int64())),
        pa.array([{"a": 1}, {"a": 2}]),
        pa.array(["x", "y"]).dictionary_encode(),
        pa.array([2**63, 1], pa.uint64()),
    ],
)
def test_parquet_columns_that_need_arrow_take_the_reference(
    catalog: Catalog, tmp_path: Path, column: pa.Array
) -> None:
    path = tmp_path / "odd.parquet"
    pq.write_table(pa.table({"c": column}), path)
    ctx = load._context(catalog, "p", "d", "t", {"sourceFormat": "PARQUET"}, [path])
    assert load._read_parquet_sql(ctx) is None


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


CSV_CONFIG = {"sourceFormat": "CSV", "autodetect": True, "skipLeadingRows": 1}


def test_csv_cell_past_the_head_sends_the_load_to_the_reference(
    catalog: Catalog, tmp_path: Path
) -> None:
    # Autodetect sees integers in the first 1,000 rows; row 5,000 has a tab before its number,
    # which the reference strips and the fast path leaves to it: the fast insert stops and the
    # reference loads the whole file.
    lines = ["n,s"] + [f"{i},x{i}" for i in range(6000)]
    lines[5001] = '\t7,"spaced"'
    path = _csv(tmp_path / "late.csv", lines)
    ctx = load._context(catalog, "p", "d", "fast", CSV_CONFIG, [path])
    rows = load.read_csv(ctx).data
    assert isinstance(rows, SqlRows)
    with pytest.raises(duckdb.Error, match=csv_fast.DECLINED):
        catalog.lake.cursor().execute(rows.sql, rows.params).fetchall()
    _load(catalog, "fast", path, CSV_CONFIG, fast=True)
    _load(catalog, "ref", path, CSV_CONFIG, fast=False)
    fast = _table_rows(catalog, "fast")
    assert fast == _table_rows(catalog, "ref")
    assert len(fast) == 6000 and (7, "spaced") in fast


def test_stopped_fast_insert_leaves_the_table_as_it_was(catalog: Catalog, tmp_path: Path) -> None:
    good = _csv(tmp_path / "good.csv", ["n,s"] + [f"{i},a" for i in range(3)])
    _load(catalog, "t", good, CSV_CONFIG, fast=True)
    before = _table_rows(catalog, "t")
    # Bad past the head: the fast insert stops, the reference reports the bad value, and the
    # earlier rows are there exactly once.
    lines = ["n,s"] + [f"{i},b" for i in range(5000)] + ["oops,b"]
    bad = _csv(tmp_path / "bad.csv", lines)
    with pytest.raises(load.errors.Invalid, match="too many errors"):
        _load(catalog, "t", bad, CSV_CONFIG, fast=True)
    assert _table_rows(catalog, "t") == before
    # Invalid UTF-8 past the 1 MiB head that csv_fast decodes: DuckDB's reader refuses it.
    raw = ("n,s\n" + "".join(f"{i},{'x' * 200}\n" for i in range(8000))).encode() + b"1,\xff\n"
    (tmp_path / "latin.csv").write_bytes(raw)
    with pytest.raises(load.errors.Invalid):
        _load(catalog, "t", tmp_path / "latin.csv", CSV_CONFIG, fast=True)
    assert _table_rows(catalog, "t") == before


def test_parquet_resumable_upload(
    client: bigquery.Client, dataset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from google.cloud.bigquery import client as client_module

    # Several PUTs; the server hands the spooled file to the loader (load.UploadFile).
    monkeypatch.setattr(client_module, "_DEFAULT_CHUNKSIZE", 256 * 1024)
    data = pa.table({"k": pa.array(range(200_000)), "v": [f"v{i}" for i in range(200_000)]})
    sink = io.BytesIO()
    pq.write_table(data, sink, compression="none")
    assert sink.tell() > 2 * 256 * 1024
    sink.seek(0)
    config = bigquery.LoadJobConfig(source_format="PARQUET")
    job = client.load_table_from_file(sink, f"{dataset}.up", job_config=config, size=None)
    job.result()
    assert job.output_rows == 200_000
    row = next(iter(client.query_and_wait(f"SELECT SUM(k), MAX(v) FROM `{dataset}.up`")))
    assert list(row.values()) == [sum(range(200_000)), "v99999"]


def test_bad_parquet_upload_is_an_error(client: bigquery.Client, dataset: str) -> None:
    config = bigquery.LoadJobConfig(source_format="PARQUET")
    job = client.load_table_from_file(io.BytesIO(b"not parquet"), f"{dataset}.x", job_config=config)
    with pytest.raises(exceptions.GoogleAPICallError):
        job.result()


def _plain_by_search(data: bytes, delimiter: str) -> bool:
    """``csv_fast._plain_bytes`` as its definition: one search per pattern."""
    if data.startswith((b"\xef\xbb\xbf", b"\n", b"\r")):
        return False
    if b"\n\n" in data or b"\n\r\n" in data or b"\r\r" in data:
        return False
    delim = delimiter.encode()
    return not (data.endswith(delim) or delim + b"\n" in data or delim + b"\r" in data)


@pytest.mark.parametrize("chunk", [1, 2, 3, 1 << 22])
def test_plain_bytes_scan_agrees_with_plain_search(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import itertools

    monkeypatch.setattr(csv_fast, "_SCAN_CHUNK", chunk)
    alphabet = [b"a", b",", b"\n", b"\r", b";", "þ".encode(), b"\xef\xbb\xbf"]
    for size in range(5):
        for parts in itertools.product(alphabet, repeat=size):
            data = b"".join(parts)
            for delimiter in (",", ";", "þ"):
                assert csv_fast._plain_bytes(data, delimiter) == _plain_by_search(data, delimiter)


@pytest.mark.parametrize("fmt", ["CSV", "PARQUET"])
def test_file_name_with_glob_characters_is_read_as_named(
    catalog: Catalog, tmp_path: Path, fmt: str
) -> None:
    bucket = tmp_path / "buckets" / "b"
    bucket.mkdir(parents=True)
    for name, value in (("x[1]", "named"), ("x1", "other")):
        if fmt == "CSV":
            (bucket / f"{name}.data").write_text(f"s\n{value}\n")
        else:
            pq.write_table(pa.table({"s": [value]}), bucket / f"{name}.data")
    config: dict[str, Any] = {
        "sourceFormat": fmt,
        "sourceUris": ["gs://b/x[1].data"],
        "destinationTable": {"datasetId": "d", "tableId": "t"},
        "schema": {"fields": [{"name": "s", "type": "STRING"}]},
        "skipLeadingRows": 1 if fmt == "CSV" else 0,
    }
    load.run_load(catalog, tmp_path / "buckets", "p", config, None)
    assert _table_rows(catalog, "t") == [("named",)]


def test_failed_direct_parquet_insert_leaves_the_table(catalog: Catalog, tmp_path: Path) -> None:
    good = tmp_path / "good.parquet"
    pq.write_table(pa.table({"k": pa.array([1, 2], pa.int64())}), good)
    required = {"fields": [{"name": "k", "type": "INTEGER", "mode": "REQUIRED"}]}
    config = {"sourceFormat": "PARQUET", "schema": required}
    _load(catalog, "t", good, config, fast=True)
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"k": pa.array([3, None], pa.int64())}), bad)
    ctx = load._context(catalog, "p", "d", "t", config, [bad])
    assert isinstance(load.read_parquet(ctx).data, SqlRows)  # the direct path is tried first
    with pytest.raises(load.errors.BigQueryError):
        _load(catalog, "t", bad, config, fast=True)
    assert _table_rows(catalog, "t") == [(1,), (2,)]
