"""The per-test dataset's DDL fast paths (bench/fixture_cost.py) answer what a full read answers.

A dataset create and a REST table create write their metadata row without deleting an older one
first (a DuckLake delete each); a dataset delete is one commit and skips the table-metadata delete
when the dataset has no tables; a table's REQUIRED columns are read from DuckLake's own catalog
tables instead of ``duckdb_columns()``. Each test pins what must still hold: the newest metadata
wins over rows a SQL ``DROP SCHEMA`` left behind, nothing is left half-dropped, and modes follow
every schema change.
"""

from __future__ import annotations

from typing import Any

from google.cloud import bigquery

from bqhouse.storage.catalog import Catalog
from bqhouse.storage.lake import LAKE, META_SCHEMA

_META = f"__ducklake_metadata_{LAKE}"


def _rows(catalog: Catalog, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    cur = catalog.lake.cursor()
    try:
        return cur.execute(sql, params or []).fetchall()
    finally:
        cur.close()


def _changes_since(catalog: Catalog, snapshot: int) -> list[str]:
    """``changes_made`` of every snapshot committed after ``snapshot``."""
    return [
        changes
        for (changes,) in _rows(
            catalog,
            f"SELECT changes_made FROM {_META}.ducklake_snapshot_changes WHERE snapshot_id > ? "
            "ORDER BY snapshot_id",
            [snapshot],
        )
    ]


def _meta_rows(catalog: Catalog, meta: str, dataset: str) -> int:
    row = _rows(
        catalog,
        f"SELECT count(*) FROM {LAKE}.{META_SCHEMA}.{meta} WHERE project = 'p' AND dataset = ?",
        [dataset],
    )
    return int(row[0][0])


def _fields(table: str, *names_types: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "tableReference": {"tableId": table},
        "schema": {"fields": [{"name": n, "type": t, "mode": m} for n, t, m in names_types]},
    }


def test_dataset_create_writes_no_delete(catalog: Catalog) -> None:
    before = catalog.current_snapshot()
    catalog.create_dataset("p", "fresh", {"description": "x"})
    changes = _changes_since(catalog, before)
    assert len(changes) == 1
    assert "created_schema" in changes[0]
    assert "delete" not in changes[0]  # neither deleted_from_table nor inlined_delete


def test_dataset_delete_is_one_commit_with_its_tables_and_metadata(catalog: Catalog) -> None:
    catalog.create_dataset("p", "gone", {})
    catalog.create_table("p", "gone", _fields("t1", ("a", "INT64", "NULLABLE")))
    catalog.create_table("p", "gone", _fields("t2", ("a", "INT64", "NULLABLE")))
    catalog.create_table(
        "p", "gone", {"tableReference": {"tableId": "v"}, "view": {"query": "SELECT 1 AS x"}}
    )
    assert _meta_rows(catalog, "tables", "gone") == 3
    before = catalog.current_snapshot()
    catalog.delete_dataset("p", "gone", delete_contents=True)
    changes = _changes_since(catalog, before)
    assert len(changes) == 1  # one snapshot: a crash leaves all of it or none of it
    assert "dropped_schema" in changes[0]
    assert not catalog.dataset_exists("p", "gone")
    assert _meta_rows(catalog, "datasets", "gone") == 0
    assert _meta_rows(catalog, "tables", "gone") == 0


def test_empty_dataset_delete_is_one_commit(catalog: Catalog) -> None:
    catalog.create_dataset("p", "empty", {})
    before = catalog.current_snapshot()
    catalog.delete_dataset("p", "empty", delete_contents=False)
    assert len(_changes_since(catalog, before)) == 1
    assert not catalog.dataset_exists("p", "empty")
    assert _meta_rows(catalog, "datasets", "empty") == 0


def test_dataset_recreated_after_sql_drop_schema_answers_the_new_metadata(
    catalog: Catalog,
) -> None:
    catalog.create_dataset("p", "again", {"description": "old", "labels": {"v": "1"}})
    catalog.create_table(
        "p", "again", {**_fields("t", ("a", "INT64", "NULLABLE")), "description": "old t"}
    )
    # A SQL DROP SCHEMA drops the lake schema but leaves the metadata rows behind.
    cur = catalog.lake.cursor()
    cur.execute(f'DROP SCHEMA {LAKE}."p.again" CASCADE')
    cur.close()
    assert _meta_rows(catalog, "datasets", "again") == 1
    created = catalog.create_dataset("p", "again", {"description": "new"})
    assert _meta_rows(catalog, "datasets", "again") == 2  # the stale row, then the new one
    got = catalog.get_dataset("p", "again")
    assert got["description"] == "new" and "labels" not in got
    assert got == created
    table = catalog.create_table(
        "p", "again", {**_fields("t", ("b", "STRING", "REQUIRED")), "description": "new t"}
    )
    again = catalog.get_table("p", "again", "t")
    assert again["description"] == "new t" == table["description"]
    assert again["creationTime"] == table["creationTime"]
    assert [(f["name"], f["mode"]) for f in again["schema"]["fields"]] == [("b", "REQUIRED")]
    assert [t["tableReference"]["tableId"] for t in catalog.list_tables("p", "again")] == ["t"]
    # An update replaces every row of the dataset.
    catalog.update_dataset("p", "again", {"description": "newer"}, replace=False)
    assert _meta_rows(catalog, "datasets", "again") == 1
    assert catalog.get_dataset("p", "again")["description"] == "newer"
    catalog.delete_dataset("p", "again", delete_contents=True)
    assert _meta_rows(catalog, "datasets", "again") == 0
    assert _meta_rows(catalog, "tables", "again") == 0


def test_rest_table_create_writes_no_delete(catalog: Catalog) -> None:
    before = catalog.current_snapshot()
    catalog.create_table("p", "d", _fields("t", ("a", "INT64", "REQUIRED")))
    changes = _changes_since(catalog, before)
    assert len(changes) == 1
    assert "created_table" in changes[0] and "delete" not in changes[0]


def test_required_modes_follow_schema_changes(catalog: Catalog) -> None:
    declared = [
        {"name": "a", "type": "INT64", "mode": "REQUIRED"},
        {"name": "b", "type": "STRING", "mode": "NULLABLE"},
        {
            "name": "r",
            "type": "RECORD",
            "mode": "REQUIRED",
            "fields": [{"name": "x", "type": "INT64", "mode": "REQUIRED"}],
        },
    ]
    catalog.create_table(
        "p", "d", {"tableReference": {"tableId": "t"}, "schema": {"fields": declared}}
    )

    def modes() -> dict[str, str]:
        return {f["name"]: f["mode"] for f in catalog.table_fields("p", "d", "t")}

    assert modes() == {"a": "REQUIRED", "b": "NULLABLE", "r": "REQUIRED"}
    relaxed = [
        {"name": "a", "type": "INT64", "mode": "NULLABLE"},
        {"name": "b", "type": "STRING", "mode": "NULLABLE"},
        {
            "name": "r",
            "type": "RECORD",
            "mode": "REQUIRED",
            "fields": [{"name": "x", "type": "INT64", "mode": "REQUIRED"}],
        },
        {"name": "c", "type": "INT64", "mode": "NULLABLE"},
    ]
    catalog.update_table("p", "d", "t", {"schema": {"fields": relaxed}}, replace=False)
    assert modes() == {"a": "NULLABLE", "b": "NULLABLE", "r": "REQUIRED", "c": "NULLABLE"}
    # What DuckDB's own view of the lake says, for every top-level column.
    physical = dict(
        _rows(
            catalog,
            "SELECT column_name, is_nullable FROM duckdb_columns() WHERE database_name = ? "
            "AND schema_name = 'p.d' AND table_name = 't'",
            [LAKE],
        )
    )
    assert {k: "NULLABLE" if v else "REQUIRED" for k, v in physical.items()} == modes()


def test_sql_not_null_and_views_through_the_client(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(f"CREATE TABLE `{dataset}.n` (a INT64 NOT NULL, b STRING)")
    client.query_and_wait(f"CREATE VIEW `{dataset}.v` AS SELECT a, b FROM `{dataset}.n`")
    assert [(f.name, f.mode) for f in client.get_table(f"{dataset}.n").schema] == [
        ("a", "REQUIRED"),
        ("b", "NULLABLE"),
    ]
    assert [(f.name, f.mode) for f in client.get_table(f"{dataset}.v").schema] == [
        ("a", "NULLABLE"),
        ("b", "NULLABLE"),
    ]
    client.query_and_wait(f"DROP TABLE `{dataset}.n`")
    client.query_and_wait(f"CREATE TABLE `{dataset}.n` (a INT64, b STRING NOT NULL)")
    assert [(f.name, f.mode) for f in client.get_table(f"{dataset}.n").schema] == [
        ("a", "NULLABLE"),
        ("b", "REQUIRED"),
    ]


def test_fixture_dataset_is_fresh_and_dropped(bigquery_client: bigquery.Client) -> None:
    """What ``bigquery_dataset`` does, twice with the same id: nothing of the first survives."""
    for description in ("first", "second"):
        ds = bigquery.Dataset(f"{bigquery_client.project}.ddl_cost_reuse")
        ds.description = description
        made = bigquery_client.create_dataset(ds)
        assert bigquery_client.get_dataset("ddl_cost_reuse").description == description
        assert list(bigquery_client.list_tables(made)) == []
        bigquery_client.query_and_wait(
            f"CREATE TABLE `{made.project}.ddl_cost_reuse.t` AS SELECT 1 AS a"
        )
        bigquery_client.delete_dataset(made, delete_contents=True, not_found_ok=True)


def test_sql_create_table_creation_time(client: bigquery.Client, dataset: str) -> None:
    """A new table is created now; CREATE OR REPLACE of a committed one keeps its creationTime;
    a table re-created after a SQL DROP SCHEMA (which leaves metadata rows) is new again."""
    client.query_and_wait(f"CREATE TABLE `{dataset}.c` AS SELECT 1 AS a")
    first = client.get_table(f"{dataset}.c")
    client.query_and_wait(f"CREATE OR REPLACE TABLE `{dataset}.c` AS SELECT 2 AS a, 'x' AS b")
    replaced = client.get_table(f"{dataset}.c")
    assert replaced.created == first.created
    assert [f.name for f in replaced.schema] == ["a", "b"] and replaced.num_rows == 1
    client.query_and_wait(f"DROP SCHEMA `{dataset}` CASCADE")
    client.query_and_wait(f"CREATE SCHEMA `{dataset}`")
    client.query_and_wait(f"CREATE TABLE `{dataset}.c` AS SELECT 3 AS a")
    again = client.get_table(f"{dataset}.c")
    assert again.created > first.created
    assert [f.name for f in again.schema] == ["a"]
    assert [r.a for r in client.query_and_wait(f"SELECT a FROM `{dataset}.c`")] == [3]


def test_sql_drop_schema_forgets_its_metadata(client: bigquery.Client, dataset: str) -> None:
    """A SQL DROP SCHEMA drops the dataset's and its tables' metadata in the same commit: a
    dataset and table created again under the same names start without the old description."""
    made = client.get_dataset(dataset)
    made.description = "old dataset"
    client.update_dataset(made, ["description"])
    client.query_and_wait(f"CREATE TABLE `{dataset}.t` (a INT64)")
    table = client.get_table(f"{dataset}.t")
    table.description = "old"
    assert client.update_table(table, ["description"]).description == "old"
    client.query_and_wait(f"DROP SCHEMA `{dataset}` CASCADE")
    client.query_and_wait(f"CREATE SCHEMA `{dataset}`")
    assert client.get_dataset(dataset).description is None
    client.query_and_wait(f"CREATE TABLE `{dataset}.t` (a INT64)")
    assert client.get_table(f"{dataset}.t").description is None
    again = client.get_dataset(dataset)
    again.description = "new"
    client.update_dataset(again, ["description"])
    client.query_and_wait(f"CREATE SCHEMA IF NOT EXISTS `{dataset}`")  # keeps what is there
    assert client.get_dataset(dataset).description == "new"
    assert client.get_table(f"{dataset}.t").num_rows == 0
