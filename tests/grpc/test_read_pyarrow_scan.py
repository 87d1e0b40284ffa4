"""Read sessions of clean lake tables scan their Parquet files with pyarrow
(``session_rows.FileScan``) and return exactly what the DuckDB scan returns: official client,
real gRPC, real lake files."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from google.api_core import exceptions
from google.cloud import bigquery
from google.cloud.bigquery_storage_v1 import types
from tests.grpc.test_read import _session

from bqhouse.grpc.session_rows import SOURCES

SCHEMA = [
    bigquery.SchemaField("id", "INT64", mode="REQUIRED"),
    bigquery.SchemaField("f", "FLOAT64"),
    bigquery.SchemaField("b", "BOOL"),
    bigquery.SchemaField("ts", "TIMESTAMP"),
    bigquery.SchemaField("dt", "DATETIME"),
    bigquery.SchemaField("tm", "TIME"),
    bigquery.SchemaField("d", "DATE"),
    bigquery.SchemaField("n", "NUMERIC"),
    bigquery.SchemaField("p", "NUMERIC", precision=10, scale=2),
    bigquery.SchemaField("s", "STRING"),
    bigquery.SchemaField("y", "BYTES"),
]
LOADED = 3000  # well above the lake's inlining limit (100): one Parquet file
INSERTED = 5  # below it: inlined rows


def _row(i: int) -> dict[str, Any]:
    if i % 11 == 0:  # every nullable column NULL
        return {"id": i}
    return {
        "id": i,
        "f": i / 8 - 100.0,
        "b": i % 2 == 0,
        "ts": f"2024-03-{1 + i % 28:02d}T{i % 24:02d}:05:06.{i % 1000000:06d}Z",
        "dt": f"1999-12-31T23:59:{i % 60:02d}.{i % 1000:03d}",
        "tm": f"{i % 24:02d}:{i % 60:02d}:07.{i % 1000000:06d}",
        "d": (datetime.date(1970, 1, 1) + datetime.timedelta(days=i * 7 - 9000)).isoformat(),
        "n": str(Decimal(i) / Decimal(1000) - Decimal("12345678901234567890.123456789")),
        "p": str(Decimal(i) / Decimal(100)),
        "s": f"row {i} ünï €",
        "y": "AAEC/w==" if i % 3 else "",
    }


@pytest.fixture
def mixed(client: bigquery.Client, dataset: str) -> str:
    """A table written by a load (a Parquet file) plus insertAll rows (inlined)."""
    table = f"{dataset}.mixed"
    client.create_table(bigquery.Table(table, schema=SCHEMA))
    config = bigquery.LoadJobConfig(schema=SCHEMA)
    rows = [_row(i) for i in range(LOADED)]
    client.load_table_from_json(rows, table, job_config=config).result()
    extra = [_row(i) for i in range(LOADED, LOADED + INSERTED)]
    assert client.insert_rows_json(table, extra) == []
    return table


def _read(read_client: Any, session: types.ReadSession) -> pa.Table:
    parts = [read_client.read_rows(s.name).to_arrow(session) for s in session.streams]
    return pa.concat_tables(parts)


def _sorted(table: pa.Table) -> pa.Table:
    return table.sort_by("id").combine_chunks()


class _Sources:
    """How many session scans took each source while the block ran."""

    def __init__(self) -> None:
        self.before = SOURCES.copy()

    def __getitem__(self, source: str) -> int:
        return SOURCES[source] - self.before[source]


@pytest.fixture
def sources() -> Iterator[_Sources]:
    yield _Sources()


def test_load_plus_insert_all_reads_every_row_once(
    bigquery_read_client: Any, client: bigquery.Client, mixed: str, sources: _Sources
) -> None:
    expected = _sorted(
        client.query(f"SELECT * FROM `{mixed}`").to_arrow(create_bqstorage_client=False)
    )
    assert expected.num_rows == LOADED + INSERTED
    for streams in (1, 4):
        session = _session(bigquery_read_client, mixed, streams=streams)
        assert len(session.streams) == streams
        assert session.estimated_row_count == LOADED + INSERTED
        got = _read(bigquery_read_client, session)
        ids = got.column("id").to_pylist()
        assert sorted(ids) == list(range(LOADED + INSERTED))  # every row exactly once
        assert _sorted(got).to_pylist() == expected.to_pylist()
    assert sources["pyarrow"] == 2 and sources["duckdb"] == 0
    assert sources["parquet files"] == 2  # the load's file, read by pyarrow in each session


def test_every_lazy_type_matches_the_duckdb_scan(
    bigquery_read_client: Any, mixed: str, sources: _Sources, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _read(bigquery_read_client, _session(bigquery_read_client, mixed, streams=2))
    assert sources["pyarrow"] == 1 and sources["parquet files"] == 1
    monkeypatch.setenv("BQHOUSE_FAST_SCAN", "0")
    scanned = _read(bigquery_read_client, _session(bigquery_read_client, mixed, streams=2))
    assert sources["duckdb"] == 1
    materialised = _read(
        bigquery_read_client, _session(bigquery_read_client, mixed, row_restriction="TRUE")
    )
    assert sources["pyarrow"] == 1 and sources["duckdb"] == 1  # a restriction is not scanned
    # Same schema (types, time zone, decimal precision, nullability) and the same values, in
    # the same order (files first, then inlined rows, as DuckLake).
    assert fast.schema == scanned.schema == materialised.schema
    assert fast.schema.field("ts").type == pa.timestamp("us", tz="UTC")
    assert fast.schema.field("p").type == pa.decimal128(10, 2)
    assert not fast.schema.field("id").nullable
    assert fast.combine_chunks().equals(scanned.combine_chunks())
    assert _sorted(fast).equals(_sorted(materialised))
    assert fast.column("id").to_pylist()[-INSERTED:] == list(range(LOADED, LOADED + INSERTED))
    row = _sorted(fast).slice(1, 1).to_pylist()[0]
    assert row["ts"] == datetime.datetime(2024, 3, 2, 1, 5, 6, 1, tzinfo=datetime.UTC)
    assert row["tm"] == datetime.time(1, 1, 7, 1)
    assert row["y"] == b"\x00\x01\x02\xff"
    assert row["p"] == Decimal("0.01")


def test_selected_fields_in_table_order(
    bigquery_read_client: Any, mixed: str, sources: _Sources
) -> None:
    session = _session(bigquery_read_client, mixed, selected_fields=["S", "id", "ts"])
    got = _read(bigquery_read_client, session)
    assert got.column_names == ["id", "ts", "s"]
    assert sources["pyarrow"] == 1
    assert got.slice(LOADED + 1, 1).to_pylist()[0]["s"] == f"row {LOADED + 1} ünï €"


def test_a_table_with_deleted_rows_is_read_by_duckdb(
    bigquery_read_client: Any, client: bigquery.Client, mixed: str, sources: _Sources
) -> None:
    client.query(f"DELETE FROM `{mixed}` WHERE MOD(id, 10) = 3").result()
    got = _read(bigquery_read_client, _session(bigquery_read_client, mixed, streams=3))
    assert sources["duckdb"] == 1 and sources["pyarrow"] == 0  # delete files: DuckLake's scan
    ids = got.column("id").to_pylist()
    assert sorted(ids) == [i for i in range(LOADED + INSERTED) if i % 10 != 3]


def test_session_keeps_its_snapshot_when_rows_change_afterwards(
    bigquery_read_client: Any, client: bigquery.Client, mixed: str, sources: _Sources
) -> None:
    session = _session(bigquery_read_client, mixed, streams=2)
    client.query(f"DELETE FROM `{mixed}` WHERE id < 1000").result()
    assert client.insert_rows_json(mixed, [_row(i) for i in range(-3, 0)]) == []
    client.load_table_from_json(
        [_row(i) for i in range(10_000, 10_500)],
        mixed,
        job_config=bigquery.LoadJobConfig(schema=SCHEMA),
    ).result()
    got = _read(bigquery_read_client, session)
    assert sources["pyarrow"] == 1
    assert sorted(got.column("id").to_pylist()) == list(range(LOADED + INSERTED))
    now = _read(bigquery_read_client, _session(bigquery_read_client, mixed))
    assert now.num_rows == LOADED + INSERTED - 1000 + 3 + 500


def test_offsets_on_the_file_scan(bigquery_read_client: Any, mixed: str, sources: _Sources) -> None:
    session = _session(bigquery_read_client, mixed, streams=2)
    first, second = session.streams
    whole = bigquery_read_client.read_rows(second.name).to_arrow(session)
    resumed = bigquery_read_client.read_rows(second.name, offset=100).to_arrow(session)
    assert resumed.equals(whole.slice(100))
    assert sources["pyarrow"] == 1
    with pytest.raises(exceptions.InvalidArgument, match="out of range"):
        list(bigquery_read_client.read_rows(first.name, offset=whole.num_rows + 10))


def test_an_empty_table_and_an_inlined_only_table(
    bigquery_read_client: Any, client: bigquery.Client, dataset: str, sources: _Sources
) -> None:
    table = f"{dataset}.small"
    client.create_table(bigquery.Table(table, schema=SCHEMA))
    empty = _session(bigquery_read_client, table)
    assert _read(bigquery_read_client, empty).num_rows == 0
    assert client.insert_rows_json(table, [_row(i) for i in range(7)]) == []
    got = _read(bigquery_read_client, _session(bigquery_read_client, table))
    assert sorted(got.column("id").to_pylist()) == list(range(7))
    assert sources["pyarrow"] >= 1
