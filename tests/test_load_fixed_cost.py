"""The fixed cost of a small load (writer.py, CSV detection in load.py, csv_fast's scans).

WRITE_TRUNCATE deletes the rows of a table whose columns stay the same instead of re-creating it
(a DDL commit makes the next statement reload the whole lake catalog), and leaves unchanged
metadata alone. These tests pin that the fast path is taken only when the columns really are the
same, gives what re-creating gave, and leaves the table as it was when the load fails.
"""

from __future__ import annotations

import csv
import decimal
import io
import itertools
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from tests.test_load_fast import _table_rows

from bqhouse import errors
from bqhouse.jobs import csv_fast, load
from bqhouse.storage import writer
from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import table_sql
from bqhouse.storage.writer import WriteRequest, write_arrow

Field = dict[str, Any]
A_B: list[Field] = [
    {"name": "a", "type": "INTEGER", "mode": "REQUIRED"},
    {"name": "b", "type": "STRING", "mode": "NULLABLE"},
]


def _rows(catalog: Catalog, table: str = "t") -> list[tuple[Any, ...]]:
    return _table_rows(catalog, table)


def _table_id(catalog: Catalog, table: str = "t") -> int:
    """DuckLake's id of the live table: a re-created table gets a new one."""
    cur = catalog.lake.cursor()
    row = cur.execute(
        "SELECT table_id FROM __ducklake_metadata_lake.ducklake_table "
        "WHERE table_name = ? AND end_snapshot IS NULL",
        [table],
    ).fetchone()
    assert row is not None
    return int(row[0])


def _write(catalog: Catalog, fields: list[Field], data: pa.Table, disposition: str) -> int:
    request = WriteRequest("p", "d", "t", write_disposition=disposition)
    return write_arrow(catalog, request, data, fields)


def _ab(*values: int) -> pa.Table:
    return pa.table({"a": pa.array(values, pa.int64()), "b": [f"v{v}" for v in values]})


def test_truncate_with_the_same_columns_deletes_the_rows(catalog: Catalog) -> None:
    _write(catalog, A_B, _ab(1, 2, 3), "WRITE_APPEND")
    before = catalog.get_table("p", "d", "t")
    table_id = _table_id(catalog)
    assert _write(catalog, A_B, _ab(7, 8), "WRITE_TRUNCATE") == 2
    assert _rows(catalog) == [(7, "v7"), (8, "v8")]
    after = catalog.get_table("p", "d", "t")
    assert _table_id(catalog) == table_id  # the fast path: the table was not re-created
    assert after["schema"] == before["schema"]
    assert after["creationTime"] == before["creationTime"]
    assert int(after["lastModifiedTime"]) >= int(before["lastModifiedTime"])
    assert after["numRows"] == "2"
    # Truncating to no rows at all: an empty table, metadata rewritten.
    assert _write(catalog, A_B, _ab(), "WRITE_TRUNCATE") == 0
    assert _rows(catalog) == []
    assert catalog.get_table("p", "d", "t")["numRows"] == "0"


def test_truncate_of_a_big_table_recreates_it(catalog: Catalog) -> None:
    """Past ``DELETE_ROWS_UP_TO`` rows a DELETE would read them all: the table is re-created."""
    _write(catalog, A_B, _ab(*range(writer.DELETE_ROWS_UP_TO + 1)), "WRITE_APPEND")
    table_id = _table_id(catalog)
    assert _write(catalog, A_B, _ab(5), "WRITE_TRUNCATE") == 1
    assert _table_id(catalog) != table_id
    assert _rows(catalog) == [(5, "v5")]
    assert catalog.get_table("p", "d", "t")["schema"]["fields"] == A_B


@pytest.mark.parametrize(
    "fields",
    [
        [{**A_B[0], "type": "STRING"}, A_B[1]],  # a type changes
        [{**A_B[0], "mode": "NULLABLE"}, A_B[1]],  # REQUIRED -> NULLABLE
        [*A_B, {"name": "c", "type": "FLOAT", "mode": "NULLABLE"}],  # a column more
        [A_B[0]],  # a column less
        [A_B[1], A_B[0]],  # another order
        [{**A_B[0], "name": "A"}, A_B[1]],  # another case
        [{**A_B[0], "type": "NUMERIC", "precision": "10", "scale": "2"}, A_B[1]],
    ],
    ids=["type", "mode", "added", "dropped", "order", "case", "numeric"],
)
def test_truncate_with_other_columns_recreates_the_table(
    catalog: Catalog, fields: list[Field]
) -> None:
    _write(catalog, A_B, _ab(1, 2, 3), "WRITE_APPEND")
    table_id = _table_id(catalog)
    a_values = {"STRING": ["4"], "NUMERIC": [decimal.Decimal("4.25")], "INTEGER": [4]}
    arrays = {"a": a_values[fields[0]["type"]] if fields[0]["name"].lower() == "a" else [4]}
    arrays.update(b=["x"], c=[0.5])
    data = pa.table({f["name"]: arrays[f["name"].lower()] for f in fields})
    data = load.conform(data, fields)
    _write(catalog, fields, data, "WRITE_TRUNCATE")
    assert _table_id(catalog) != table_id
    assert catalog.table_fields("p", "d", "t") == [
        {k: v for k, v in f.items() if k in ("name", "type", "mode", "precision", "scale")}
        for f in fields
    ]
    assert len(_rows(catalog)) == 1


def test_truncate_looks_at_the_physical_columns(catalog: Catalog) -> None:
    """A column that reads as INTEGER but is stored narrower (or has a default) is re-created,
    as before: deleting its rows would keep INT32 and refuse a value past 2**31."""
    cur = catalog.lake.cursor()
    cur.execute(f"CREATE TABLE {table_sql('p', 'd', 't')} (a INTEGER NOT NULL, b VARCHAR)")
    cur.execute(f"INSERT INTO {table_sql('p', 'd', 't')} VALUES (1, 'x')")
    assert _write(catalog, A_B, _ab(2**40), "WRITE_TRUNCATE") == 1
    assert _rows(catalog) == [(2**40, f"v{2**40}")]
    cur.execute(f"CREATE OR REPLACE TABLE {table_sql('p', 'd', 't')} (a BIGINT NOT NULL DEFAULT 7)")
    fields = A_B[:1]
    _write(catalog, fields, pa.table({"a": pa.array([5], pa.int64())}), "WRITE_TRUNCATE")
    described = cur.execute(f"DESCRIBE {table_sql('p', 'd', 't')}").fetchall()
    assert [(r[0], r[1], r[2], r[4]) for r in described] == [("a", "BIGINT", "NO", None)]


def test_failed_truncate_leaves_the_table_as_it_was(catalog: Catalog, tmp_path: Path) -> None:
    _write(catalog, A_B, _ab(1, 2, 3), "WRITE_APPEND")
    before = catalog.get_table("p", "d", "t")
    # The columns are the same, so the rows are deleted first; then a NULL for REQUIRED ``a``
    # stops the insert (DuckDB's read_parquet, then the reference reader): all rolled back.
    path = tmp_path / "null.parquet"
    pq.write_table(pa.table({"a": pa.array([1, None], pa.int64()), "b": ["x", "y"]}), path)
    config: dict[str, Any] = {
        "sourceFormat": "PARQUET",
        "writeDisposition": "WRITE_TRUNCATE",
        "schema": {"fields": A_B},
        "destinationTable": {"datasetId": "d", "tableId": "t"},
    }
    with pytest.raises(errors.BigQueryError):
        load.run_load(catalog, tmp_path, "p", config, load.UploadFile(path))
    # A CSV whose bad cell is past the head DuckDB's fast path checks.
    lines = ["a,b"] + [f"{i},b" for i in range(3000)] + ["oops,b"]
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    config = {**config, "sourceFormat": "CSV", "skipLeadingRows": 1}
    with pytest.raises(errors.Invalid, match="too many errors"):
        load.run_load(catalog, tmp_path, "p", config, load.UploadFile(bad))
    assert _rows(catalog) == [(1, "v1"), (2, "v2"), (3, "v3")]
    after = catalog.get_table("p", "d", "t")
    assert (after["schema"], after["numRows"]) == (before["schema"], before["numRows"])


def test_new_table_gets_its_own_creation_time(catalog: Catalog) -> None:
    _write(catalog, A_B, _ab(1), "WRITE_APPEND")
    first = int(catalog.get_table("p", "d", "t")["creationTime"])
    catalog.delete_table("p", "d", "t")
    _write(catalog, A_B, _ab(2), "WRITE_TRUNCATE")
    table = catalog.get_table("p", "d", "t")
    assert int(table["creationTime"]) >= first
    assert table["schema"]["fields"] == A_B
    assert _rows(catalog) == [(2, "v2")]


def _parquet(table: pa.Table) -> io.BytesIO:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    sink.seek(0)
    return sink


def test_truncating_loads_through_the_client(client: bigquery.Client, dataset: str) -> None:
    dest = f"{dataset}.loaded"
    truncate = bigquery.LoadJobConfig(source_format="PARQUET", write_disposition="WRITE_TRUNCATE")
    client.load_table_from_file(_parquet(_ab(1, 2)), dest, job_config=truncate).result()
    created = client.get_table(dest).created
    (when,) = next(iter(client.query_and_wait("SELECT CURRENT_TIMESTAMP()"))).values()
    job = client.load_table_from_file(_parquet(_ab(3, 4, 5)), dest, job_config=truncate)
    job.result()
    assert job.output_rows == 3
    table = client.get_table(dest)
    assert (table.num_rows, table.created) == (3, created)
    rows = client.query_and_wait(f"SELECT a FROM `{dest}` ORDER BY a")
    assert [r.a for r in rows] == [3, 4, 5]
    # Time travel still reaches the rows from before the truncation.
    old = client.query_and_wait(
        f"SELECT a FROM `{dest}` FOR SYSTEM_TIME AS OF TIMESTAMP '{when.isoformat()}' ORDER BY a"
    )
    assert [r.a for r in old] == [1, 2]
    # A file with another schema replaces the table's schema, as BigQuery does.
    other = pa.table({"a": ["x"], "c": [1.5]})
    client.load_table_from_file(_parquet(other), dest, job_config=truncate).result()
    table = client.get_table(dest)
    assert [(f.name, f.field_type) for f in table.schema] == [("a", "STRING"), ("c", "FLOAT")]
    # A bad file: an error, and the table as it was.
    bad = client.load_table_from_file(io.BytesIO(b"not parquet"), dest, job_config=truncate)
    with pytest.raises(exceptions.GoogleAPICallError):
        bad.result()
    assert [tuple(r.values()) for r in client.query_and_wait(f"SELECT * FROM `{dest}`")] == [
        ("x", 1.5)
    ]


def test_query_destination_truncate(client: bigquery.Client, dataset: str) -> None:
    dest = f"{dataset}.dest"
    config = bigquery.QueryJobConfig(destination=dest, write_disposition="WRITE_TRUNCATE")
    client.query_and_wait("SELECT 1 AS n, 'a' AS s", job_config=config)
    client.query_and_wait("SELECT 2 AS n, 'b' AS s UNION ALL SELECT 3, 'c'", job_config=config)
    rows = client.query_and_wait(f"SELECT n, s FROM `{dest}` ORDER BY n")
    assert [tuple(r.values()) for r in rows] == [(2, "b"), (3, "c")]
    client.query_and_wait("SELECT 'z' AS n", job_config=config)
    assert [f.field_type for f in client.get_table(dest).schema] == ["STRING"]


# --------------------------------------------------------------------------- CSV detection

CELLS = [
    None,
    "",
    " 12 ",
    "-7",
    "+5",
    "1.5",
    "-.5",
    "1e5",
    "nan",
    "Infinity",
    "true",
    "False",
    "2020-01-02",
    "2020-1-2",
    "2020-01-02 03:04:05",
    "2020-01-02T03:04:05.123456",
    "2020-01-02 03:04:05 UTC",
    "2020-01-02T03:04:05+05:30",
    "03:04",
    "03:04:05.5",
    "abc",
    "  ",
]


def _column_type_by_definition(values: list[str | None]) -> str:
    """BigQuery's rule as written: the preferred type among those every value fits."""
    present = [v for v in values if v]
    if not present:
        return "STRING"
    fits = frozenset.intersection(*(load.text_types(v) for v in present))
    return load.pick_type(fits)


def test_column_type_agrees_with_its_definition() -> None:
    for size in range(1, 4):
        for values in itertools.product(CELLS, repeat=size):
            assert load._column_type(list(values)) == _column_type_by_definition(list(values))


def test_csv_detect_reads_columns_with_short_rows_and_null_markers() -> None:
    records = [["1", "2020-01-02", "x"], ["2", "N"], ["3"]]
    fields = load._csv_detect(["a", "b", "c", "d"], records, "N")
    assert [f["type"] for f in fields] == ["INTEGER", "DATE", "STRING", "STRING"]
    assert [f["name"] for f in fields] == ["a", "b", "c", "d"]
    assert [f["type"] for f in load._csv_detect(None, [], "")] == []


def test_head_records_past_the_first_read() -> None:
    """Records longer than the first prefix csv_fast decodes, and a quoted line break across a
    cut: the same records as Python's csv module reading the whole text."""
    lines = [f'{i},"{"y" * 900}\n{i}",{"z" * (i % 7)}' for i in range(1200)]
    text = "\n".join(["a,b,c", *lines]) + "\n"
    dialect: dict[str, Any] = {"delimiter": ",", "quotechar": '"', "doublequote": True}
    reader = csv.reader(io.StringIO(text, newline=""), **dialect)
    expected = [(reader.line_num, rec) for rec in itertools.islice(reader, 1003)]
    assert csv_fast.head_records(text.encode(), dialect, 1003) == expected
    reader = csv.reader(io.StringIO(text, newline=""), **dialect)
    everything = [(reader.line_num, rec) for rec in reader]
    assert csv_fast.head_records(text.encode(), dialect, 5000) == everything
