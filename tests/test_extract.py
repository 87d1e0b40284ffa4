"""Extract jobs through the real client: CSV, NDJSON, Parquet, Avro, gzip, refused URIs."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from google.api_core import exceptions
from google.cloud import bigquery

from bqhouse.testing import Emulator


@pytest.fixture
def bucket(bigquery_emulator: Emulator, tmp_path: Path) -> tuple[str, Path]:
    root: Path = bigquery_emulator.server.warehouse.buckets_dir
    name = f"x-{tmp_path.name}".lower().replace("_", "-")
    (root / name).mkdir(parents=True, exist_ok=True)
    return name, root / name


@pytest.fixture
def source(client: bigquery.Client, dataset: str) -> str:
    table = f"{dataset}.src"
    client.query(
        f"CREATE TABLE `{table}` AS SELECT 1 AS id, 'a' AS s, "
        "TIMESTAMP '2024-01-01 12:00:00 UTC' AS ts, 1.5 AS f, TRUE AS b "
        "UNION ALL SELECT 2, NULL, TIMESTAMP '2024-01-02 00:00:00.5 UTC', 2.0, FALSE"
    ).result()
    return table


def _extract(client: bigquery.Client, table: str, uri: str, **config: object) -> None:
    job_config = bigquery.ExtractJobConfig(**config)
    client.extract_table(table, uri, job_config=job_config).result()


def test_extract_csv(client: bigquery.Client, source: str, bucket: tuple[str, Path]) -> None:
    name, root = bucket
    _extract(client, source, f"gs://{name}/out/file-*.csv")
    text = (root / "out" / "file-000000000000.csv").read_text()
    rows = sorted(csv.reader(io.StringIO(text)))
    assert rows[0] == ["1", "a", "2024-01-01 12:00:00 UTC", "1.5", "true"]
    assert rows[1] == ["2", "", "2024-01-02 00:00:00.5 UTC", "2.0", "false"]
    assert rows[2] == ["id", "s", "ts", "f", "b"]


def test_extract_csv_options_gzip(
    client: bigquery.Client, source: str, bucket: tuple[str, Path]
) -> None:
    name, root = bucket
    _extract(
        client,
        source,
        f"gs://{name}/o.csv.gz",
        print_header=False,
        field_delimiter="\t",
        compression="GZIP",
    )
    lines = gzip.decompress((root / "o.csv.gz").read_bytes()).decode().splitlines()
    assert sorted(lines)[0].split("\t")[:2] == ["1", "a"]
    assert len(lines) == 2


def test_extract_ndjson(client: bigquery.Client, source: str, bucket: tuple[str, Path]) -> None:
    name, root = bucket
    _extract(client, source, f"gs://{name}/o.json", destination_format="NEWLINE_DELIMITED_JSON")
    rows = sorted(
        (json.loads(line) for line in (root / "o.json").read_text().splitlines()),
        key=lambda r: r["id"],
    )
    assert rows[0] == {"id": "1", "s": "a", "ts": "2024-01-01 12:00:00 UTC", "f": 1.5, "b": True}
    assert "s" not in rows[1]


def test_extract_parquet(client: bigquery.Client, source: str, bucket: tuple[str, Path]) -> None:
    name, root = bucket
    _extract(client, source, f"gs://{name}/o.parquet", destination_format="PARQUET")
    data = pq.read_table(root / "o.parquet").sort_by("id")
    assert data.column("id").to_pylist() == [1, 2]
    assert data.column("s").to_pylist() == ["a", None]


def test_extract_avro_round_trip(
    client: bigquery.Client, dataset: str, source: str, bucket: tuple[str, Path]
) -> None:
    name, _ = bucket
    _extract(client, source, f"gs://{name}/o.avro", destination_format="AVRO")
    job_config = bigquery.LoadJobConfig(source_format="AVRO")
    client.load_table_from_uri(
        f"gs://{name}/o.avro", f"{dataset}.back", job_config=job_config
    ).result()
    assert client.get_table(f"{dataset}.back").num_rows == 2


def test_extract_refuses_escape(
    client: bigquery.Client, source: str, bucket: tuple[str, Path]
) -> None:
    name, _ = bucket
    with pytest.raises(exceptions.Forbidden):
        _extract(client, source, f"gs://{name}/../../evil.csv")


def test_extract_missing_table(
    client: bigquery.Client, dataset: str, bucket: tuple[str, Path]
) -> None:
    name, _ = bucket
    with pytest.raises(exceptions.NotFound):
        _extract(client, f"{dataset}.nope", f"gs://{name}/o.csv")
