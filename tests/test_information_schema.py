"""INFORMATION_SCHEMA views through the real client."""

from __future__ import annotations

import pytest
from google.api_core import exceptions
from google.cloud import bigquery


@pytest.fixture
def populated(client: bigquery.Client, dataset: str) -> str:
    table = bigquery.Table(
        f"{dataset}.people",
        schema=[
            bigquery.SchemaField("id", "INTEGER", mode="REQUIRED"),
            bigquery.SchemaField(
                "address", "RECORD", fields=[bigquery.SchemaField("city", "STRING")]
            ),
            bigquery.SchemaField("tags", "STRING", mode="REPEATED"),
        ],
    )
    table.description = "who"
    client.create_table(table)
    client.query_and_wait(f"CREATE VIEW `{dataset}.v` AS SELECT id FROM `{dataset}.people`")
    return dataset


def test_tables_and_views(client: bigquery.Client, populated: str) -> None:
    ds = populated.split(".")[1]
    rows = client.query_and_wait(
        f"SELECT table_name, table_type FROM {ds}.INFORMATION_SCHEMA.TABLES ORDER BY table_name"
    )
    assert [tuple(r) for r in rows] == [("people", "BASE TABLE"), ("v", "VIEW")]
    views = list(client.query_and_wait(f"SELECT * FROM `{populated}`.INFORMATION_SCHEMA.VIEWS"))
    assert views[0]["table_name"] == "v" and "people" in views[0]["view_definition"]


def test_columns_and_field_paths(client: bigquery.Client, populated: str) -> None:
    ds = populated.split(".")[1]
    rows = client.query_and_wait(
        f"SELECT column_name, ordinal_position, is_nullable, data_type "
        f"FROM {ds}.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'people' "
        "ORDER BY ordinal_position"
    )
    assert [tuple(r) for r in rows] == [
        ("id", 1, "NO", "INT64"),
        ("address", 2, "YES", "STRUCT<city STRING>"),
        ("tags", 3, "YES", "ARRAY<STRING>"),
    ]
    paths = client.query_and_wait(
        f"SELECT field_path FROM {ds}.INFORMATION_SCHEMA.COLUMN_FIELD_PATHS "
        "WHERE table_name = 'people' ORDER BY field_path"
    )
    assert [r[0] for r in paths] == ["address", "address.city", "id", "tags"]
    options = client.query_and_wait(
        f"SELECT option_value FROM {ds}.INFORMATION_SCHEMA.TABLE_OPTIONS "
        "WHERE table_name = 'people' AND option_name = 'description'"
    )
    assert [r[0] for r in options] == ['"who"']


def test_region_schemata_and_jobs(client: bigquery.Client, populated: str) -> None:
    ds = populated.split(".")[1]
    names = [
        r[0]
        for r in client.query_and_wait(
            "SELECT schema_name FROM `region-us`.INFORMATION_SCHEMA.SCHEMATA"
        )
    ]
    assert ds in names
    job = client.query("SELECT 42 AS answer")
    job.result()
    found = client.query_and_wait(
        "SELECT job_type, statement_type, state FROM `region-us`.INFORMATION_SCHEMA.JOBS "
        f"WHERE job_id = '{job.job_id}'"
    )
    assert [tuple(r) for r in found] == [("QUERY", "SELECT", "DONE")]


def test_unknown_view_and_missing_dataset(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="INFORMATION_SCHEMA.NOPE"):
        client.query_and_wait("SELECT * FROM `region-us`.INFORMATION_SCHEMA.NOPE")
    with pytest.raises(exceptions.NotFound, match="Not found: Dataset"):
        client.query_and_wait("SELECT * FROM missing_ds.INFORMATION_SCHEMA.TABLES")
