"""CREATE TABLE / VIEW ... OPTIONS (description, friendly_name, labels) set the table's metadata.

https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#table_option_list
"""

from __future__ import annotations

import pytest
from google.api_core import exceptions
from google.cloud import bigquery


def test_create_table_options(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(
        f"CREATE TABLE `{dataset}.t` (a INT64) OPTIONS (description = 'Orders', "
        "friendly_name = 'orders', labels = [('team', 'sales'), ('tier', '')])"
    )
    table = client.get_table(f"{dataset}.t")
    assert (table.description, table.friendly_name) == ("Orders", "orders")
    assert table.labels == {"team": "sales", "tier": ""}
    assert [f.name for f in table.schema] == ["a"]


def test_ctas_and_view_options(client: bigquery.Client, dataset: str) -> None:
    client.query_and_wait(
        f"CREATE TABLE `{dataset}.c` OPTIONS (description = 'copy') AS SELECT 1 AS a"
    )
    assert client.get_table(f"{dataset}.c").description == "copy"
    client.query_and_wait(
        f"CREATE VIEW `{dataset}.v` OPTIONS (description = 'a view', labels = [('k', 'v')]) "
        f"AS SELECT a FROM `{dataset}.c`"
    )
    view = client.get_table(f"{dataset}.v")
    assert (view.description, view.labels, view.table_type) == ("a view", {"k": "v"}, "VIEW")
    assert [r.a for r in client.query_and_wait(f"SELECT a FROM `{dataset}.v`")] == [1]
    client.query_and_wait(f"CREATE OR REPLACE TABLE `{dataset}.c` AS SELECT 2 AS a")
    assert client.get_table(f"{dataset}.c").description is None  # replaced: options are new


def test_a_bad_option_value_creates_nothing(client: bigquery.Client, dataset: str) -> None:
    with pytest.raises(exceptions.BadRequest) as info:
        client.query_and_wait(f"CREATE TABLE `{dataset}.bad` (a INT64) OPTIONS (description = 1)")
    assert info.value.errors[0]["reason"] == "invalidQuery"
    assert "description" in info.value.errors[0]["message"]
    with pytest.raises(exceptions.BadRequest):
        client.query_and_wait(f"CREATE TABLE `{dataset}.bad2` (a INT64) OPTIONS (labels = 'x')")
    assert [t.table_id for t in client.list_tables(dataset)] == []


def test_alter_set_options(client: bigquery.Client, dataset: str) -> None:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#alter_table_set_options_statement"""
    client.query_and_wait(
        f"CREATE TABLE `{dataset}.t` (a INT64) OPTIONS (description = 'one', labels = [('a', '1')])"
    )
    client.query_and_wait(
        f"ALTER TABLE `{dataset}.t` SET OPTIONS (description = 'two', labels = [('b', '2')])"
    )
    table = client.get_table(f"{dataset}.t")
    assert (table.description, table.labels) == ("two", {"b": "2"})  # labels replaced as a whole
    client.query_and_wait(f"ALTER TABLE `{dataset}.t` SET OPTIONS (description = NULL)")
    assert client.get_table(f"{dataset}.t").description is None
    client.query_and_wait(f"ALTER TABLE `{dataset}.t` ADD COLUMN b STRING")  # not an option
    assert client.get_table(f"{dataset}.t").labels == {"b": "2"}
    client.query_and_wait(f"CREATE VIEW `{dataset}.v` AS SELECT a FROM `{dataset}.t`")
    client.query_and_wait(f"ALTER VIEW `{dataset}.v` SET OPTIONS (friendly_name = 'V')")
    assert client.get_table(f"{dataset}.v").friendly_name == "V"
    with pytest.raises(exceptions.NotFound):
        client.query_and_wait(f"ALTER TABLE `{dataset}.nope` SET OPTIONS (description = 'x')")
    client.query_and_wait(f"ALTER TABLE IF EXISTS `{dataset}.nope` SET OPTIONS (description = 'x')")


def test_create_schema_options(client: bigquery.Client, dataset: str) -> None:
    name = f"{dataset}_opts"
    client.query_and_wait(
        f"CREATE SCHEMA `{name}` OPTIONS (description = 'Sales data', labels = [('env', 'test')])"
    )
    try:
        made = client.get_dataset(name)
        assert (made.description, made.labels) == ("Sales data", {"env": "test"})
    finally:
        client.delete_dataset(name, delete_contents=True)


def test_alter_schema_set_options(client: bigquery.Client, dataset: str) -> None:
    """https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language#alter_schema_set_options_statement"""
    client.query_and_wait(
        f"ALTER SCHEMA `{dataset}` SET OPTIONS (description = 'Sales', labels = [('env', 'ci')])"
    )
    made = client.get_dataset(dataset)
    assert (made.description, made.labels) == ("Sales", {"env": "ci"})
    assert made.access_entries  # the rest of the dataset's metadata is kept
    client.query_and_wait(f"ALTER SCHEMA `{dataset}` SET OPTIONS (description = NULL)")
    assert client.get_dataset(dataset).description is None
    with pytest.raises(exceptions.NotFound):
        client.query_and_wait(f"ALTER SCHEMA `{dataset}_nope` SET OPTIONS (description = 'x')")
    missing = f"`{dataset}_nope`"
    client.query_and_wait(f"ALTER SCHEMA IF EXISTS {missing} SET OPTIONS (description = 'x')")
