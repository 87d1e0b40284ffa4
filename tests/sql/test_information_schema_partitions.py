"""INFORMATION_SCHEMA.PARTITIONS of a table partitioned by a DATE column (tables.insert).

https://cloud.google.com/bigquery/docs/information-schema-partitions
"""

from __future__ import annotations

from google.cloud import bigquery


def test_partitions_of_a_day_partitioned_table(
    bigquery_client: bigquery.Client, bigquery_dataset: bigquery.Dataset
) -> None:
    name = f"{bigquery_dataset.project}.{bigquery_dataset.dataset_id}"
    table = bigquery.Table(
        f"{name}.events",
        schema=[bigquery.SchemaField("d", "DATE"), bigquery.SchemaField("v", "INT64")],
    )
    table.time_partitioning = bigquery.TimePartitioning(type_="DAY", field="d")
    bigquery_client.create_table(table)
    bigquery_client.query_and_wait(
        f"INSERT INTO `{name}.events` VALUES "
        "(DATE '2024-01-01', 1), (DATE '2024-01-01', 2), (DATE '2024-01-02', 3), (NULL, 4)"
    )
    rows = bigquery_client.query_and_wait(
        f"SELECT partition_id, total_rows FROM `{name}`.INFORMATION_SCHEMA.PARTITIONS "
        "WHERE table_name = 'events' ORDER BY partition_id"
    )
    assert [(r.partition_id, r.total_rows) for r in rows] == [
        ("20240101", 2),
        ("20240102", 1),
        ("__NULL__", 1),
    ]


def test_partitions_of_an_unpartitioned_table(
    bigquery_client: bigquery.Client, bigquery_dataset: bigquery.Dataset
) -> None:
    name = f"{bigquery_dataset.project}.{bigquery_dataset.dataset_id}"
    bigquery_client.query_and_wait(f"CREATE TABLE `{name}.plain` AS SELECT 1 AS x")
    rows = bigquery_client.query_and_wait(
        f"SELECT partition_id, total_rows FROM `{name}`.INFORMATION_SCHEMA.PARTITIONS"
    )
    assert [(r.partition_id, r.total_rows) for r in rows] == [(None, 1)]
