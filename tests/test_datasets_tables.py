"""datasets.* and tables.* through the real google-cloud-bigquery client."""

from __future__ import annotations

import pytest
from google.api_core import exceptions
from google.cloud import bigquery

NESTED = [
    bigquery.SchemaField("id", "INTEGER", mode="REQUIRED", description="the key"),
    bigquery.SchemaField("name", "STRING"),
    bigquery.SchemaField(
        "addresses",
        "RECORD",
        mode="REPEATED",
        fields=[
            bigquery.SchemaField("city", "STRING"),
            bigquery.SchemaField("geo", "RECORD", fields=[bigquery.SchemaField("lat", "FLOAT")]),
        ],
    ),
    bigquery.SchemaField("doc", "JSON"),
    bigquery.SchemaField("place", "GEOGRAPHY"),
    bigquery.SchemaField("amount", "NUMERIC"),
]


def test_dataset_lifecycle(client: bigquery.Client) -> None:
    ds = bigquery.Dataset(f"{client.project}.lifecycle_ds")
    ds.description = "first"
    ds.labels = {"team": "data"}
    ds.default_table_expiration_ms = 3_600_000
    created = client.create_dataset(ds)
    assert created.description == "first"
    assert created.location == "US"
    assert created.created is not None

    with pytest.raises(exceptions.Conflict, match="Already Exists: Dataset"):
        client.create_dataset(ds)
    assert client.create_dataset(ds, exists_ok=True).dataset_id == "lifecycle_ds"

    created.description = "second"
    created.labels = {"team": None, "env": "ci"}
    patched = client.update_dataset(created, ["description", "labels"])
    assert patched.description == "second"
    assert patched.labels == {"env": "ci"}
    assert patched.default_table_expiration_ms == 3_600_000

    ids = [d.dataset_id for d in client.list_datasets()]
    assert "lifecycle_ds" in ids

    client.create_table(bigquery.Table(f"{client.project}.lifecycle_ds.t", schema=NESTED[:2]))
    with pytest.raises(exceptions.BadRequest, match="still in use"):
        client.delete_dataset("lifecycle_ds")
    client.delete_dataset("lifecycle_ds", delete_contents=True)
    with pytest.raises(exceptions.NotFound, match="Not found: Dataset"):
        client.get_dataset("lifecycle_ds")
    client.delete_dataset("lifecycle_ds", not_found_ok=True)


def test_bad_dataset_id_is_rejected(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.BadRequest, match="Invalid dataset ID"):
        client.create_dataset("bad-name!")


def test_nested_schema_round_trip(client: bigquery.Client, dataset: str) -> None:
    table = bigquery.Table(f"{dataset}.people", schema=NESTED)
    table.description = "people and places"
    table.labels = {"pii": "yes"}
    table.time_partitioning = bigquery.TimePartitioning(field=None)
    table.clustering_fields = ["name"]
    client.create_table(table)

    got = client.get_table(f"{dataset}.people")
    assert got.schema == NESTED
    assert got.description == "people and places"
    assert got.labels == {"pii": "yes"}
    assert got.clustering_fields == ["name"]
    assert got.num_rows == 0
    assert got.table_type == "TABLE"
    assert got.etag

    with pytest.raises(exceptions.Conflict):
        client.create_table(table)


def test_table_update_adds_column_and_relaxes(client: bigquery.Client, dataset: str) -> None:
    table = client.create_table(bigquery.Table(f"{dataset}.evolve", schema=NESTED[:2]))
    table.schema = [
        bigquery.SchemaField("id", "INTEGER", mode="NULLABLE", description="the key"),
        NESTED[1],
        bigquery.SchemaField("extra", "DATE"),
    ]
    table.description = "evolved"
    updated = client.update_table(table, ["schema", "description"])
    assert [f.name for f in updated.schema] == ["id", "name", "extra"]
    assert updated.schema[0].mode == "NULLABLE"
    assert updated.description == "evolved"

    table.schema = [NESTED[1]]
    with pytest.raises(exceptions.BadRequest, match="missing in new schema"):
        client.update_table(table, ["schema"])


def test_list_and_delete_tables(client: bigquery.Client, dataset: str) -> None:
    for name in ("a", "b", "c"):
        client.create_table(bigquery.Table(f"{dataset}.{name}", schema=NESTED[:2]))
    listed = list(client.list_tables(dataset, page_size=2))
    assert [t.table_id for t in listed] == ["a", "b", "c"]
    client.delete_table(f"{dataset}.b")
    assert [t.table_id for t in client.list_tables(dataset)] == ["a", "c"]
    with pytest.raises(exceptions.NotFound, match="Not found: Table"):
        client.get_table(f"{dataset}.b")
    with pytest.raises(exceptions.NotFound):
        client.delete_table(f"{dataset}.b")


def test_view_has_query(client: bigquery.Client, dataset: str) -> None:
    client.create_table(bigquery.Table(f"{dataset}.base", schema=NESTED[:2]))
    view = bigquery.Table(f"{dataset}.v")
    view.view_query = f"SELECT id FROM `{dataset}.base` WHERE id > 1"
    client.create_table(view)
    got = client.get_table(f"{dataset}.v")
    assert got.table_type == "VIEW"
    assert got.view_query == view.view_query

    client.query_and_wait(f"CREATE VIEW `{dataset}.v2` AS SELECT name FROM `{dataset}.base`")
    got2 = client.get_table(f"{dataset}.v2")
    assert got2.table_type == "VIEW"
    assert "base" in got2.view_query
    assert [f.name for f in got2.schema] == ["name"]


def test_table_in_missing_dataset_is_not_found(client: bigquery.Client) -> None:
    with pytest.raises(exceptions.NotFound, match="Not found: Dataset"):
        client.create_table(bigquery.Table(f"{client.project}.nope_ds.t", schema=NESTED[:1]))


def test_bad_schema_is_rejected(client: bigquery.Client, dataset: str) -> None:
    bad = bigquery.Table(
        f"{dataset}.bad",
        schema=[bigquery.SchemaField("a", "STRING"), bigquery.SchemaField("A", "STRING")],
    )
    with pytest.raises(exceptions.BadRequest, match="already exists"):
        client.create_table(bad)


def test_last_modified_time_follows_data_changes(client: bigquery.Client, dataset: str) -> None:
    """lastModifiedTime moves when rows change (insertAll, DML, load), not when they are read.

    It is read from DuckLake's snapshot log (``storage/data_changes.py``), not written per commit.
    """
    import time

    table_id = f"{dataset}.modified"
    table = client.create_table(
        bigquery.Table(table_id, schema=[bigquery.SchemaField("n", "INT64")])
    )
    stamps = [client.get_table(table_id).modified]
    assert stamps[0] == table.modified

    def changed(action: object) -> None:
        time.sleep(0.01)  # a new millisecond, so a change is visible in the stamp
        stamps.append(client.get_table(table_id).modified)

    changed(client.insert_rows_json(table_id, [{"n": 1}]))
    changed(client.query_and_wait(f"UPDATE `{table_id}` SET n = 2 WHERE TRUE"))
    changed(client.query_and_wait(f"DELETE FROM `{table_id}` WHERE n = 2"))
    assert stamps == sorted(stamps) and len(set(stamps)) == 4, stamps
    client.query_and_wait(f"SELECT * FROM `{table_id}`")
    client.query_and_wait("CREATE TEMP FUNCTION f() AS (1); SELECT f()")
    assert client.get_table(table_id).modified == stamps[-1]  # reads change nothing
    other = client.create_table(bigquery.Table(f"{dataset}.other", schema=table.schema))
    client.insert_rows_json(other, [{"n": 1}])
    assert client.get_table(table_id).modified == stamps[-1]  # another table's rows
